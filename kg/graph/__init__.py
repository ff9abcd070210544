"""Stage 3, map: the vocabulary, IRIs and the mapping of ``Facts`` to RDF, and the ontology files."""
