"""Fusion: group event reports (across documents and within one) into real-world incidents.

A news event is told by many articles, and often several times in one article (headline, lead,
a later paragraph). Mapping keeps each telling as a *report* (an event node in its document's
graph); fusion groups the reports of one real-world event into an *incident* with a named graph
of its own, so that the graph can be counted, ranked and mapped without double counting.

Stages, one small module each, joined by the typed ``Report`` of :mod:`kg.fuse.model`:

* ``model``: reports read back from the RDF of document graphs (every path uses the same reader:
  the pipeline's freshly mapped triples, the store, tests);
* ``blocking``: candidate groups by (type family, country, month), never all pairs;
* ``compat``: the rules that say whether two reports can tell one incident, and how strongly;
* ``cluster``: deterministic average-linkage clustering inside the connected blocks, on *kinds*
  of report (copies of one wire story are one unit, scored once per pair of kinds);
* ``rdf``: the incident graphs (IRIs, reconciled figures, disputed flags, independent sources);
* ``index``: the incremental state of a store (which reports and incidents each block holds),
  used by ``kg build``/``kg remove`` to re-fuse only what a document's changes reach, and by
  ``kg fuse`` to re-fuse everything.

Settings are data: ``kg/data/fusion.yaml`` (:mod:`kg.fuse.config`). See docs/fusion.md.
"""

from kg.fuse.config import FusionConfig, load_config
from kg.fuse.model import Report, reports_from_triples

__all__ = ["FusionConfig", "Report", "load_config", "reports_from_triples"]
