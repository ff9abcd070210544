"""Stage 5, store: the on-disk store (Oxigraph under an rdflib view), SPARQL helpers, SHACL
validation and OWL reasoning."""

from kg.store.core import GRAPH_BASE, KGStore, StoreError, default_store_path

__all__ = ["GRAPH_BASE", "KGStore", "StoreError", "default_store_path"]
