"""Deterministic IRIs for everything the mapping mints.

Actors and places get document-independent IRIs (GeoNames id, ISO country code, or a slug of the
canonical name), so that the same resolved entity is one node across all documents. Everything
that only exists inside one document (the article, its events, mentions, evidence, quantities)
gets an IRI derived from the document id or from its parent's IRI. No blank nodes are minted
anywhere: graphs can then be compared, diffed and replaced per document.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Iterable, Sequence

from rdflib import URIRef

from kg.graph.vocab import CKGD, ENTITY_KINDS, LINK_ID_PATTERNS
from kg.models import Entity, Event

# Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l",
     "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")


def slugify(text: str) -> str:
    """ASCII-fold, lowercase and replace runs of non-alphanumerics by '-'.

    Names with no ASCII letters at all (e.g. Arabic script) fall back to a short hash so the
    slug is still deterministic and non-empty.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_ALNUM.sub("-", ascii_text).strip("-")
    if slug:
        return slug
    digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
    return "h" + digest[:12]


def entity_iri(entity: Entity) -> URIRef:
    """The document-independent IRI of a resolved actor or place."""
    if entity.type == "Location":
        geonames = entity.links.get("geonames", "").strip()
        if re.fullmatch(LINK_ID_PATTERNS["geonames"], geonames):
            return CKGD[f"place/geonames-{geonames}"]
    if entity.type == "Country":
        code = entity.attributes.get("country_code", "").strip()
        if _COUNTRY_CODE.match(code):
            return state_iri(code)
    return CKGD[f"{ENTITY_KINDS[entity.type]}/{slugify(entity.name)}"]


def state_iri(country_code: str) -> URIRef:
    """A state by its ISO 3166-1 alpha-2 code (also used for a place's country)."""
    return CKGD[f"state/{country_code.strip().lower()}"]


def entity_doc_base(entity: URIRef, doc_id: str) -> str:
    """Prefix for what one document says about a shared entity (mentions, attributes, order)."""
    return f"{entity}/in/{doc_id}"


def mention_iri(entity: URIRef, doc_id: str, index: int) -> URIRef:
    return URIRef(f"{entity_doc_base(entity, doc_id)}/mention/{index}")


def attribute_iri(entity: URIRef, doc_id: str, index: int) -> URIRef:
    return URIRef(f"{entity_doc_base(entity, doc_id)}/attribute/{index}")


def link_iri(entity: URIRef, doc_id: str, index: int) -> URIRef:
    return URIRef(f"{entity_doc_base(entity, doc_id)}/link/{index}")


def entity_order_iri(entity: URIRef, doc_id: str, name: str) -> URIRef:
    return URIRef(f"{entity_doc_base(entity, doc_id)}/order/{name}")


def geometry_iri(place: URIRef) -> URIRef:
    return URIRef(f"{place}/geometry")


def doc_iri(doc_id: str) -> URIRef:
    return CKGD[f"doc/{doc_id}"]


def graph_iri(doc_id: str) -> URIRef:
    """The named graph that holds every triple extracted from one document."""
    return CKGD[f"graph/{doc_id}"]


def activity_iri(doc_id: str) -> URIRef:
    """The extraction run (prov:Activity) that produced a document's graph."""
    return CKGD[f"extraction/{doc_id}"]


def agent_iri(extractor: str) -> URIRef:
    """The software agent (extractor name + version); shared by all documents it processed."""
    return CKGD[f"agent/{slugify(extractor) if extractor.strip() else 'unknown'}"]


def _unique(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... if taken; records the result in ``used``."""
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def event_iris(doc_id: str, events: Sequence[Event]) -> dict[str, URIRef]:
    """Event id -> IRI ``id/event/<doc>/<type>-<trigger start>``.

    Two events of the same type on the same trigger (rare, e.g. one "met" read twice) get
    ``-2``, ``-3``... in event-list order, so IRIs stay stable for the same facts.
    """
    used: set[str] = set()
    return {
        ev.id: CKGD[f"event/{doc_id}/" + _unique(f"{ev.type.lower()}-{ev.trigger.start}", used)]
        for ev in events
    }


def quantity_iris(event: URIRef, kinds: Iterable[str]) -> dict[str, URIRef]:
    """Quantity kind -> IRI ``<event>/quantity/<kind slug>`` (sorted kinds: order-independent)."""
    used: set[str] = set()
    return {k: URIRef(f"{event}/quantity/" + _unique(slugify(k), used)) for k in sorted(kinds)}


def evidence_iri(event: URIRef) -> URIRef:
    return URIRef(f"{event}/evidence")


def trigger_iri(event: URIRef) -> URIRef:
    return URIRef(f"{event}/trigger")


def event_order_iri(event: URIRef, role: str) -> URIRef:
    return URIRef(f"{event}/order/{role}")


def admin1_iri(country_code: str, admin1_code: str, geonames_id: str = "") -> URIRef:
    """A first-level administrative division: ``place/geonames-<id>`` like every place with a
    GeoNames id, else ``place/admin1-<iso>-<code>`` from its GeoNames admin-1 code."""
    if geonames_id.strip().isdigit():
        return CKGD[f"place/geonames-{geonames_id.strip()}"]
    return CKGD[f"place/admin1-{country_code.strip().lower()}-{slugify(admin1_code)}"]
