"""RDF vocabulary of conflict-kg: namespaces and the tables that tie the facts contract to the ontology.

Every place that turns facts into RDF (or back) reads these tables, so the facts names
(``"Country"``, ``"participants"``, ``"at_least"``) and the ontology terms (``ckg:State``,
``ckg:participant``, ``ckg:AtLeast``) are paired exactly once. The tables are read-only
mappings: no module-level mutable state.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, GEO, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from kg.models import (
    ENTITY_TYPES,
    EVENT_ROLES,
    EVENT_TYPES,
    MODALITIES,
    PRECISIONS,
    QUALIFIERS,
)

# --- namespaces -------------------------------------------------------------------------------
ONTOLOGY_IRI = URIRef("https://w3id.org/conflict-kg/ontology")
ONTOLOGY_VERSION = "0.1.0"
CKG = Namespace("https://w3id.org/conflict-kg/ontology#")  # classes and properties
CKGD = Namespace("https://w3id.org/conflict-kg/id/")  # data: actors, places, events, documents
CKGSH = Namespace("https://w3id.org/conflict-kg/shapes#")  # SHACL shapes
EVT = Namespace("https://w3id.org/conflict-kg/event-type/")  # SKOS event-type concepts
CAMEO = Namespace("https://w3id.org/conflict-kg/ext/cameo/")  # our IRIs for CAMEO codes
PLOVER = Namespace("https://w3id.org/conflict-kg/ext/plover/")  # our IRIs for PLOVER types
ACLED = Namespace("https://w3id.org/conflict-kg/ext/acled/")  # our IRIs for ACLED (sub-)types
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem#")
SCHEMA = SDO  # https://schema.org/
GEONAMES = Namespace("https://sws.geonames.org/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: Mapping[str, Namespace] = MappingProxyType(
    {
        "ckg": CKG,
        "ckgd": CKGD,
        "ckgsh": CKGSH,
        "evt": EVT,
        "cameo": CAMEO,
        "plover": PLOVER,
        "acled": ACLED,
        "sem": SEM,
        "geo": Namespace(str(GEO)),
        "schema": Namespace(str(SCHEMA)),
        "prov": Namespace(str(PROV)),
        "time": Namespace(str(TIME)),
        "skos": Namespace(str(SKOS)),
        "dcterms": Namespace(str(DCTERMS)),
        "owl": Namespace(str(OWL)),
        "rdf": Namespace(str(RDF)),
        "rdfs": Namespace(str(RDFS)),
        "xsd": Namespace(str(XSD)),
        "gn": GEONAMES,
        "wd": WD,
    }
)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project prefixes so Turtle/TriG output is readable; returns ``graph`` for chaining."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


# --- entities ---------------------------------------------------------------------------------
# facts entity type -> ontology class. "Country" is a sovereign state (an actor with a territory).
ENTITY_CLASSES: Mapping[str, URIRef] = MappingProxyType(
    {
        "Person": CKG.Person,
        "Organization": CKG.Organization,
        "Country": CKG.State,
        "ArmedGroup": CKG.ArmedGroup,
        "ArmedForce": CKG.ArmedForce,
        "Location": CKG.Place,
    }
)
# Most specific first: a graph with RDFS inference may carry several types for one node.
ENTITY_TYPE_PRIORITY: tuple[str, ...] = (
    "Person", "ArmedForce", "ArmedGroup", "Organization", "Country", "Location",
)
# facts entity type -> path segment of its IRI (``id/<kind>/<slug>``).
ENTITY_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "Person": "person",
        "Organization": "org",
        "Country": "state",
        "ArmedGroup": "group",
        "ArmedForce": "force",
        "Location": "place",
    }
)
ACTOR_CLASSES: tuple[URIRef, ...] = (
    CKG.Actor, CKG.Person, CKG.State, CKG.ArmedForce, CKG.ArmedGroup, CKG.Organization,
)
PLACE_CLASSES: tuple[URIRef, ...] = (CKG.Place, CKG.State)

# Entity attributes that also get a typed, queryable property (see kg.graph.mapping for the rules).
TITLE_ATTRIBUTE = "title"
AFFILIATION_ATTRIBUTE = "affiliation"
COUNTRY_ATTRIBUTE = "country"
COUNTRY_CODE_ATTRIBUTE = "country_code"
WITHIN_ATTRIBUTE = "within"  # a place's container named by the same document (geocoding round 30)

# links key -> IRI template of the external resource the entity is owl:sameAs.
LINK_TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        "geonames": str(GEONAMES) + "{}/",
        "wikidata": str(WD) + "{}",
    }
)
LINK_ID_PATTERNS: Mapping[str, str] = MappingProxyType(
    {"geonames": r"[0-9]+", "wikidata": r"[QPL][0-9]+"}
)

# --- events -----------------------------------------------------------------------------------
EVENT_CLASSES: Mapping[str, URIRef] = MappingProxyType({t: CKG[t] for t in EVENT_TYPES})
EVENT_TYPE_CONCEPTS: Mapping[str, URIRef] = MappingProxyType({t: EVT[t] for t in EVENT_TYPES})

# facts role name -> ontology property: THE single mapping table (kg-facts/1 role names).
ROLE_PROPERTIES: Mapping[str, URIRef] = MappingProxyType(
    {
        "agent": CKG.agent,
        "force": CKG.force,
        "origin": CKG.origin,
        "destination": CKG.destination,
        "purpose": CKG.purpose,
        "perpetrator": CKG.perpetrator,
        "target": CKG.target,
        "location": CKG.location,
        "weapon": CKG.weapon,
        "captor": CKG.captor,
        "place": CKG.place,
        "former": CKG.former,
        "supporter": CKG.supporter,
        "participants": CKG.participant,
        "speaker": CKG.speaker,
        "about": CKG.about,
        "visitor": CKG.visitor,
    }
)
# Which roles are filled by actors (sem:hasActor), places (sem:hasPlace) or either.
ACTOR_ROLES: frozenset[str] = frozenset(
    {"agent", "force", "perpetrator", "captor", "former", "supporter", "participants",
     "speaker", "visitor"}
)
PLACE_ROLES: frozenset[str] = frozenset({"origin", "destination", "location", "place"})
OPEN_ROLES: frozenset[str] = frozenset({"purpose", "target", "weapon", "about"})

assert set(ROLE_PROPERTIES) == {r for rs in EVENT_ROLES.values() for r in rs}
assert ACTOR_ROLES | PLACE_ROLES | OPEN_ROLES == set(ROLE_PROPERTIES)
assert set(ENTITY_CLASSES) == set(ENTITY_TYPES) == set(ENTITY_KINDS)

# Free-text event subtypes (normalised: lowercase, non-alphanumerics -> "-") that have a concept.
SUBTYPE_CONCEPTS: Mapping[str, URIRef] = MappingProxyType(
    {
        "bombing": EVT.Bombing,
        "bomb": EVT.Bombing,
        "car-bombing": EVT.Bombing,
        "ied": EVT.Bombing,
        "suicide-attack": EVT.SuicideAttack,
        "suicide-bombing": EVT.SuicideAttack,
        "suicide-bomb": EVT.SuicideAttack,
        "airstrike": EVT.Airstrike,
        "air-strike": EVT.Airstrike,
        "air-raid": EVT.Airstrike,
        "drone-strike": EVT.Airstrike,
        "shelling": EVT.Shelling,
        "artillery": EVT.Shelling,
        "rocket-attack": EVT.Shelling,
        "raid": EVT.Raid,
        "ambush": EVT.Ambush,
        "clash": EVT.ArmedClash,
        "armed-clash": EVT.ArmedClash,
        "battle": EVT.ArmedClash,
        "threat": EVT.Threat,
        "claim-of-responsibility": EVT.ClaimOfResponsibility,
        "claim": EVT.ClaimOfResponsibility,
    }
)

# --- value individuals ------------------------------------------------------------------------
MODALITY_INDIVIDUALS: Mapping[str, URIRef] = MappingProxyType(
    {
        "asserted": CKG.Asserted,
        "planned": CKG.Planned,
        "hypothetical": CKG.Hypothetical,
        "negated": CKG.Negated,
    }
)
QUALIFIER_INDIVIDUALS: Mapping[str, URIRef] = MappingProxyType(
    {
        "exact": CKG.Exact,
        "approximate": CKG.Approximate,
        "at_least": CKG.AtLeast,
        "at_most": CKG.AtMost,
    }
)
PRECISION_INDIVIDUALS: Mapping[str, URIRef] = MappingProxyType(
    {"year": CKG.YearPrecision, "month": CKG.MonthPrecision, "day": CKG.DayPrecision}
)
# An event date is a typed literal whose datatype follows the shape of the value.
DATE_DATATYPES: Mapping[int, URIRef] = MappingProxyType(
    {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
)

assert set(MODALITY_INDIVIDUALS) == set(MODALITIES)
assert set(QUALIFIER_INDIVIDUALS) == set(QUALIFIERS)
assert set(PRECISION_INDIVIDUALS) == set(PRECISIONS)
