"""Rewrites of the canned queries for speed (issue 14) answer as the texts they replaced.

Each rewritten query is compared with its former text on one real built store (the seed, the
tests/data/queries reports and the tests/data/corpus articles, extracted and fused as ``kg
build`` does): same columns, same rows in the same order, unpaged and page by page (pages of 5),
and the same total from ``kg.query.paging.count_query``, for several parameter sets, some of
which find nothing. The former texts are kept here, verbatim, as the reference.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest

from kg import pipeline
from kg.graph import derived
from kg.query import canned, paging
from kg.store.core import KGStore

ROOT = Path(__file__).resolve().parents[1]
BUILT_AT = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
#: GROUP_CONCAT cells: their order is not defined, so they are compared as sets of parts.
CONCATS = {"actors": "; ", "places": "; ", "coParticipants": "; ", "participants": "; ",
           "aboutLabels": "; ", "mentionedAs": "; ", "supporters": "; ", "participantIris": " ",
           "figures": "; ", "perpetrators": "; ", "targets": "; "}


#: queries/events-near.rq before the box's places were chosen first (a VALUES table of roles led the join).
EVENTS_NEAR_BEFORE = r"""# title: Events near a point
# description: Events whose place (location, destination, captured place or origin) lies in a box of `km` kilometres each way around a point, nearest first. Coordinates are read from each place's geo:asWKT "POINT(lon lat)"; the distance is the flat-earth approximation (good to ~1% within a few hundred km), and the box does not wrap around the 180th meridian. Countries are left out (their point is a centroid).
# param: lat: decimal -- latitude of the point, degrees north (e.g. 36.34)
# param: lon: decimal -- longitude of the point, degrees east (e.g. 43.13)
# param: km: decimal = 50 -- half the side of the box, in kilometres
# param: type: enum(attack|capture|deployment|meeting|statement|visit) = "" -- only events of this type
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?distanceKm ?place (MIN(?placeName) AS ?placeLabel)
       (xsd:decimal(?latText) AS ?latitude) (xsd:decimal(?lonText) AS ?longitude)
       ?eventType ?role ?date ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  # the box, in degrees: cos(latitude) from its Taylor series (SPARQL has no trigonometry)
  BIND(xsd:double(?lat) * 0.0174532925199433e0 AS ?phi)
  BIND(1 - ?phi * ?phi / 2 + ?phi * ?phi * ?phi * ?phi / 24
         - ?phi * ?phi * ?phi * ?phi * ?phi * ?phi / 720
         + ?phi * ?phi * ?phi * ?phi * ?phi * ?phi * ?phi * ?phi / 40320 AS ?cosTaylor)
  BIND(IF(?cosTaylor < 0.01, 0.01, ?cosTaylor) AS ?cosLat)
  BIND(xsd:double(?km) / 111.32e0 AS ?dLat)
  BIND(?dLat / ?cosLat AS ?dLon)
  ?geometry geo:asWKT ?wkt .
  BIND(STRAFTER(STR(?wkt), "(") AS ?coords)
  BIND(STRBEFORE(?coords, " ") AS ?lonText)
  BIND(STRBEFORE(STRAFTER(?coords, " "), ")") AS ?latText)
  BIND(xsd:double(?lonText) AS ?placeLon)
  BIND(xsd:double(?latText) AS ?placeLat)
  FILTER(?placeLat >= ?lat - ?dLat && ?placeLat <= ?lat + ?dLat
         && ?placeLon >= ?lon - ?dLon && ?placeLon <= ?lon + ?dLon)
  ?place geo:hasGeometry ?geometry ;
         a ckg:Place .
  VALUES (?roleIri ?role) {
    (ckg:location "location") (ckg:destination "destination") (ckg:place "place") (ckg:origin "origin")
  }
  ?event ?roleIri ?place ;
         a ?class ;
         ckg:modality ?modalityIri ;
         ckg:evidence ?evidenceNode ;
         ckg:reportedIn ?document .
  VALUES (?class ?eventType) {
    (ckg:Deployment "deployment") (ckg:Attack "attack") (ckg:Capture "capture")
    (ckg:Meeting "meeting") (ckg:Statement "statement") (ckg:Visit "visit")
  }
  FILTER(!BOUND(?type) || ?type = ?eventType)
  VALUES (?modalityIri ?modality) {
    (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
  }
  ?evidenceNode ckg:text ?evidence .
  # distance: sqrt(dx² + dy²) by three Newton steps from |dx| + |dy| (within a factor 1.42)
  BIND((?placeLat - ?lat) * 111.32e0 AS ?dy)
  BIND((?placeLon - ?lon) * 111.32e0 * ?cosLat AS ?dx)
  BIND(?dx * ?dx + ?dy * ?dy AS ?d2)
  BIND(ABS(?dx) + ABS(?dy) AS ?s0)
  BIND(IF(?s0 = 0, 0, (?s0 + ?d2 / ?s0) / 2) AS ?s1)
  BIND(IF(?s1 = 0, 0, (?s1 + ?d2 / ?s1) / 2) AS ?s2)
  BIND(IF(?s2 = 0, 0, (?s2 + ?d2 / ?s2) / 2) AS ?s3)
  BIND(xsd:decimal(xsd:integer(ROUND(?s3 * 10))) / 10 AS ?distanceKm)
  ?place rdfs:label ?placeName .
  OPTIONAL { ?event ckg:date ?date }
  OPTIONAL { ?document dcterms:title ?docTitle }
}
GROUP BY ?distanceKm ?place ?latText ?lonText ?eventType ?role ?date ?modality ?event ?evidence ?document
ORDER BY ?distanceKm (COALESCE(STR(?date), "")) ?event
"""

#: queries/evidence.rq before its class and modality tables became filters and its trigger two look-ups.
EVIDENCE_BEFORE = r"""# title: Evidence behind a fact
# description: The sentence each fact was extracted from, with its character offsets and sentence number in the article, the trigger word and the source document. Give an event IRI (one row: the event itself) or an actor, place or quantity IRI (one row per event it takes part in, with its role).
# param: subject: iri -- an event, actor, place or quantity IRI, e.g. ckgd:person/ash-carter
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>

SELECT ?subject ?role ?event ?eventType ?date ?modality ?evidence ?sentence ?start ?end ?trigger
       ?document (MIN(?docTitle) AS ?documentTitle) (MIN(?docPublisher) AS ?publisher)
       (MIN(?docIssued) AS ?published) (MIN(?docUrl) AS ?url)
WHERE {
  # zero steps: the subject is the event; one step: the subject fills one of the event's roles
  ?event (ckg:agent|ckg:force|ckg:origin|ckg:destination|ckg:perpetrator|ckg:target|ckg:location
          |ckg:captor|ckg:place|ckg:former|ckg:supporter|ckg:participant|ckg:speaker|ckg:about
          |ckg:visitor|ckg:quantity)? ?subject .
  ?event ckg:evidence ?evidenceNode ;
         a ?class ;
         ckg:modality ?modalityIri ;
         ckg:reportedIn ?document .
  VALUES (?class ?eventType) {
    (ckg:Deployment "deployment") (ckg:Attack "attack") (ckg:Capture "capture")
    (ckg:Meeting "meeting") (ckg:Statement "statement") (ckg:Visit "visit")
  }
  VALUES (?modalityIri ?modality) {
    (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
  }
  ?evidenceNode ckg:text ?evidence ;
                ckg:sentenceIndex ?sentence ;
                ckg:startOffset ?start ;
                ckg:endOffset ?end .
  OPTIONAL {
    VALUES (?roleIri ?roleName) {
      (ckg:agent "agent") (ckg:force "force") (ckg:origin "origin") (ckg:destination "destination")
      (ckg:perpetrator "perpetrator") (ckg:target "target") (ckg:location "location")
      (ckg:captor "captor") (ckg:place "place") (ckg:former "former controller")
      (ckg:supporter "supporter") (ckg:participant "participant") (ckg:speaker "speaker")
      (ckg:about "about") (ckg:visitor "visitor") (ckg:quantity "quantity")
    }
    ?event ?roleIri ?subject .
  }
  BIND(IF(?event = ?subject, "event", ?roleName) AS ?role)
  OPTIONAL { ?event ckg:trigger/ckg:text ?trigger }
  OPTIONAL { ?event ckg:date ?date }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?document dcterms:publisher ?docPublisher }
  OPTIONAL { ?document dcterms:issued ?docIssued }
  OPTIONAL { ?document schema:url ?docUrl }
}
GROUP BY ?subject ?role ?event ?eventType ?date ?modality ?evidence ?sentence ?start ?end ?trigger ?document
ORDER BY (COALESCE(STR(?date), "")) ?document ?start ?event ?role
"""


#: queries/actor-profile.rq with the name found by a UNION of the key and the IRI look-ups.
ACTOR_PROFILE_BEFORE = r"""# title: Actor profile
# description: Everything one actor takes part in: one row per event and role (agent, force, perpetrator, target, captor, former controller, supporter, participant, speaker, visitor, or "about" for statements about it), with the event's places, the other actors in it and their roles, the date and the source sentence; oldest first.
# param: actor: string -- the actor: name, alias or IRI; case does not matter
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the actor's events are found first (sub-select), then every other value is a
# one-pattern OPTIONAL, which Oxigraph evaluates once per row instead of over the whole graph.
SELECT ?actorIri (MIN(?actorName) AS ?actorLabel) ?role ?eventType ?date ?modality
       (GROUP_CONCAT(DISTINCT ?placeName; separator="; ") AS ?places)
       (GROUP_CONCAT(DISTINCT ?coParticipant; separator="; ") AS ?coParticipants)
       ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    SELECT DISTINCT ?actorIri ?event ?roleIri WHERE {
      {
        SELECT DISTINCT ?actorIri WHERE {
          {
            # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping)
            SELECT ?actorIri WHERE {
              BIND(LCASE(?actor) AS ?actorKey)
              ?actorIri ckg:nameKey ?actorKey .
              FILTER(BOUND(?actor))
            }
          } UNION {
            # the IRI of a named thing
            SELECT DISTINCT ?actorIri WHERE { ?actorIri ckg:nameKey ?anyKey . FILTER(STR(?actorIri) = ?actor) }
          }
        }
      }
      ?event ?roleIri ?actorIri .
      FILTER NOT EXISTS { ?event a ckg:Incident }  # reports; incidents: queries/incidents.rq
      FILTER(?roleIri IN (ckg:agent, ckg:force, ckg:perpetrator, ckg:target, ckg:captor, ckg:former,
                          ckg:supporter, ckg:participant, ckg:speaker, ckg:visitor, ckg:about))
    }
  }
  BIND(IF(?roleIri = ckg:former, "former controller", STRAFTER(STR(?roleIri), "#")) AS ?role)
  OPTIONAL { ?event a ?class }
  BIND(LCASE(STRAFTER(STR(?class), "#")) AS ?eventType)
  OPTIONAL { ?event ckg:modality ?modalityIri }
  BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
  OPTIONAL { ?event ckg:evidence/ckg:text ?evidence }
  OPTIONAL { ?event ckg:reportedIn ?document }
  OPTIONAL { ?event ckg:reportedIn/dcterms:title ?docTitle }
  OPTIONAL { ?actorIri rdfs:label ?actorName }
  OPTIONAL { ?event ckg:date ?date }
  OPTIONAL { ?event (ckg:location|ckg:destination|ckg:place|ckg:origin)/rdfs:label ?placeName }
  OPTIONAL {
    ?event ?otherRoleIri ?other .
    FILTER(?other != ?actorIri && ?otherRoleIri IN (ckg:agent, ckg:force, ckg:perpetrator, ckg:target,
           ckg:captor, ckg:former, ckg:supporter, ckg:participant, ckg:speaker, ckg:visitor))
    OPTIONAL { ?other rdfs:label ?otherName }
  }
  BIND(CONCAT(?otherName, " (", IF(?otherRoleIri = ckg:former, "former controller",
                                   STRAFTER(STR(?otherRoleIri), "#")), ")") AS ?coParticipant)
}
GROUP BY ?actorIri ?role ?eventType ?date ?modality ?event ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?role ?actorIri
"""

#: queries/control-timeline.rq with the name found by a UNION of the key and the IRI look-ups.
CONTROL_TIMELINE_BEFORE = r"""# title: Who controlled a place over time
# description: The changes of control of one place (captures), oldest first: who took it, from whom, with whose support, when, and the source sentence. Captures that were only planned, hypothetical or denied are left out unless `all` is true.
# param: place: string -- the place: name, alias or IRI; case does not matter
# param: all: boolean = false -- also list planned, hypothetical and denied captures
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the place is found first, its captures by one pattern, and every other value by a
# one-pattern OPTIONAL (looked up per row, not joined over the whole graph).
SELECT ?date ?placeIri (MIN(?placeName) AS ?placeLabel)
       ?captor (MIN(?captorName) AS ?captorLabel)
       ?former (MIN(?formerName) AS ?formerLabel)
       (GROUP_CONCAT(DISTINCT ?supporterName; separator="; ") AS ?supporters)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    SELECT DISTINCT ?placeIri ?event WHERE {
      {
        SELECT DISTINCT ?placeIri WHERE {
          {
            # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping)
            SELECT ?placeIri WHERE {
              BIND(LCASE(?place) AS ?placeKey)
              ?placeIri ckg:nameKey ?placeKey .
              FILTER(BOUND(?place))
            }
          } UNION {
            # the IRI of a named thing
            SELECT DISTINCT ?placeIri WHERE { ?placeIri ckg:nameKey ?anyKey . FILTER(STR(?placeIri) = ?place) }
          }
        }
      }
      ?event ckg:place ?placeIri .
      FILTER NOT EXISTS { ?event a ckg:Incident }  # reports; incidents: queries/incidents.rq
    }
  }
  FILTER EXISTS { ?event a ckg:Capture }
  OPTIONAL { ?event ckg:modality ?modalityIri }
  BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
  FILTER(?all || ?modality = "asserted")
  OPTIONAL { ?event ckg:evidence/ckg:text ?evidence }
  OPTIONAL { ?event ckg:reportedIn ?document }
  OPTIONAL { ?event ckg:reportedIn/dcterms:title ?docTitle }
  OPTIONAL { ?placeIri rdfs:label ?placeName }
  OPTIONAL { ?event ckg:date ?date }
  OPTIONAL { ?event ckg:captor ?captor . OPTIONAL { ?captor rdfs:label ?captorName } }
  OPTIONAL { ?event ckg:former ?former . OPTIONAL { ?former rdfs:label ?formerName } }
  OPTIONAL { ?event ckg:supporter/rdfs:label ?supporterName }
}
GROUP BY ?date ?placeIri ?captor ?former ?modality ?event ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?captor ?former
"""

#: queries/documents-mentioning.rq before the mentions' articles and the events' documents were found in the sub-selects.
DOCUMENTS_MENTIONING_BEFORE = r"""# title: Documents mentioning an entity
# description: The articles that name an actor or place, newest first, with how often each names it, the words used and the number of events it takes part in there.
# param: entity: string -- the actor or place: name, alias or IRI; case does not matter
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: each part starts from the entity (a sub-select) and follows one triple pattern per
# step (Oxigraph then looks each row up instead of scanning the whole graph).
SELECT ?published ?document (MIN(?docTitle) AS ?documentTitle) (MIN(?docPublisher) AS ?publisher)
       ?entityIri (MIN(?entityName) AS ?entityLabel)
       (COUNT(DISTINCT ?mention) AS ?mentions)
       (GROUP_CONCAT(DISTINCT ?mentionText; separator="; ") AS ?mentionedAs)
       (COALESCE(MIN(?eventCount), 0) AS ?events)
WHERE {
  {
    SELECT DISTINCT ?entityIri ?mention WHERE {
      {
        SELECT DISTINCT ?entityIri WHERE {
          {
            # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping)
            SELECT ?entityIri WHERE {
              BIND(LCASE(?entity) AS ?entityKey)
              ?entityIri ckg:nameKey ?entityKey .
              FILTER(BOUND(?entity))
            }
          } UNION {
            # the IRI of a named thing
            SELECT DISTINCT ?entityIri WHERE { ?entityIri ckg:nameKey ?anyKey . FILTER(STR(?entityIri) = ?entity) }
          }
        }
      }
      ?entityIri ckg:mention ?mention .
    }
  }
  ?mention ckg:inArticle ?document .  # every mention is in its article: ?document is bound
  OPTIONAL { ?mention ckg:text ?mentionText }
  OPTIONAL {
    SELECT ?entityIri ?document (COUNT(DISTINCT ?event) AS ?eventCount) WHERE {
      {
        SELECT DISTINCT ?entityIri ?event WHERE {
          {
            SELECT DISTINCT ?entityIri WHERE {
              {
                # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping)
                SELECT ?entityIri WHERE {
                  BIND(LCASE(?entity) AS ?entityKey)
                  ?entityIri ckg:nameKey ?entityKey .
                  FILTER(BOUND(?entity))
                }
              } UNION {
                # the IRI of a named thing
                SELECT DISTINCT ?entityIri WHERE { ?entityIri ckg:nameKey ?anyKey . FILTER(STR(?entityIri) = ?entity) }
              }
            }
          }
          ?event ?role ?entityIri .
        }
      }
      OPTIONAL { ?event ckg:reportedIn ?document }
      FILTER(BOUND(?document))
    }
    GROUP BY ?entityIri ?document
  }
  OPTIONAL { ?entityIri rdfs:label ?entityName }
  OPTIONAL { ?document dcterms:issued ?published }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?document dcterms:publisher ?docPublisher }
}
GROUP BY ?published ?document ?entityIri
ORDER BY DESC(COALESCE(STR(?published), "")) ?document ?entityIri
"""

#: queries/meetings-between.rq before: a UNION for the name, `a ckg:Meeting` and a modality table among the patterns.
MEETINGS_BETWEEN_BEFORE = r"""# title: Meetings between two actors
# description: Meetings in which both actors took part, oldest first, with place, date, everyone present and the source sentence. Without `other`, every meeting of `actor`, one row per person or body met.
# param: actor: string -- one participant: name, alias or IRI; case does not matter
# param: other: string = "" -- the other participant: name, alias or IRI (optional)
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?date ?actorIri (MIN(?actorName) AS ?actorLabel) ?otherIri (MIN(?otherName) AS ?otherLabel)
       (GROUP_CONCAT(DISTINCT ?participantName; separator="; ") AS ?participants)
       ?location (MIN(?locationName) AS ?locationLabel)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    SELECT DISTINCT ?actorIri WHERE {
      {
        # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping)
        SELECT ?actorIri WHERE {
          BIND(LCASE(?actor) AS ?actorKey)
          ?actorIri ckg:nameKey ?actorKey .
          FILTER(BOUND(?actor))
        }
      } UNION {
        # the IRI of a named thing
        SELECT DISTINCT ?actorIri WHERE { ?actorIri ckg:nameKey ?anyKey . FILTER(STR(?actorIri) = ?actor) }
      }
    }
  }
  ?event ckg:participant ?actorIri ;
         a ckg:Meeting ;
         ckg:participant ?otherIri ;
         ckg:modality ?modalityIri ;
         ckg:evidence ?evidenceNode ;
         ckg:reportedIn ?document .
  FILTER(?otherIri != ?actorIri)
  FILTER(!BOUND(?other) || STR(?otherIri) = ?other || EXISTS {
    ?otherIri ckg:nameKey ?otherKey . FILTER(?otherKey = LCASE(?other)) })
  VALUES (?modalityIri ?modality) {
    (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
  }
  ?evidenceNode ckg:text ?evidence .
  ?actorIri rdfs:label ?actorName .
  OPTIONAL { ?otherIri rdfs:label ?otherName }
  OPTIONAL { ?event ckg:participant ?participant . ?participant rdfs:label ?participantName }
  OPTIONAL { ?event ckg:date ?date }
  OPTIONAL { ?event ckg:location ?location . OPTIONAL { ?location rdfs:label ?locationName } }
  OPTIONAL { ?document dcterms:title ?docTitle }
}
GROUP BY ?date ?actorIri ?otherIri ?location ?modality ?event ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?otherIri
"""

#: queries/statements-by.rq with the speaker found by a UNION of the key and the IRI look-ups.
STATEMENTS_BY_BEFORE = r"""# title: Statements by an actor
# description: What an actor said (statements, claims, announcements), oldest first, with the quote, what it was about, the date and the source sentence. Without `actor`, every statement; `about` keeps statements about one actor or place.
# param: actor: string = "" -- the speaker: name, alias or IRI; case does not matter
# param: about: string = "" -- only statements about this actor or place: name, alias or IRI
# param: from: date = "" -- earliest date, YYYY-MM-DD (a month or year that overlaps counts)
# param: to: date = "" -- latest date, YYYY-MM-DD
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the speakers are found first (all of them without `actor`), their statements by one
# pattern each, and every other value by a one-pattern OPTIONAL (looked up per row).
SELECT ?date ?speaker (MIN(?speakerName) AS ?speakerLabel) ?quote
       (GROUP_CONCAT(DISTINCT ?aboutName; separator="; ") AS ?aboutLabels)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    SELECT DISTINCT ?speaker ?event WHERE {
      {
        SELECT DISTINCT ?speaker WHERE {
          {
            # a name or alias in any case: its lower-cased key, one index look-up
            # (kg.graph.mapping); without an actor the key is unbound: every named speaker
            SELECT ?speaker WHERE {
              BIND(LCASE(?actor) AS ?actorKey)
              ?speaker ckg:nameKey ?actorKey .
            }
          } UNION {
            # the IRI of a named thing
            SELECT DISTINCT ?speaker WHERE { ?speaker ckg:nameKey ?anyKey . FILTER(STR(?speaker) = ?actor) }
          }
        }
      }
      ?event ckg:speaker ?speaker .
      FILTER NOT EXISTS { ?event a ckg:Incident }  # reports; incidents: queries/incidents.rq
    }
  }
  OPTIONAL { ?event ckg:date ?date }
  FILTER(!BOUND(?from) || (BOUND(?date) && CONCAT(STR(?date), "~") >= STR(?from)))
  FILTER(!BOUND(?to) || (BOUND(?date) && STR(?date) <= STR(?to)))
  FILTER(!BOUND(?about)
         || EXISTS { ?event ckg:about ?topic . FILTER(STR(?topic) = ?about) }
         || EXISTS { ?event ckg:about/ckg:nameKey ?topicKey . FILTER(?topicKey = LCASE(?about)) })
  OPTIONAL { ?event ckg:modality ?modalityIri }
  BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
  OPTIONAL { ?event ckg:evidence/ckg:text ?evidence }
  OPTIONAL { ?event ckg:reportedIn ?document }
  OPTIONAL { ?event ckg:reportedIn/dcterms:title ?docTitle }
  OPTIONAL { ?speaker rdfs:label ?speakerName }
  OPTIONAL { ?event ckg:quote ?quote }
  OPTIONAL { ?event ckg:about/rdfs:label ?aboutName }
}
GROUP BY ?date ?speaker ?quote ?modality ?event ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?speaker
"""


#: queries/events-in-period.rq before the incidents were taken out by MINUS (FILTER NOT EXISTS).
EVENTS_IN_PERIOD_BEFORE = r"""# title: Events in a date range
# description: Every event dated within a period, oldest first: its type, the actors with their roles, the places, the modality and the source sentence. An event dated only by month or year counts when that month or year overlaps the period; undated events are left out when a bound is given.
# param: from: date = "" -- earliest date, YYYY-MM-DD
# param: to: date = "" -- latest date, YYYY-MM-DD
# param: type: enum(attack|capture|deployment|meeting|statement|visit) = "" -- only events of this type
# param: modality: enum(asserted|planned|hypothetical|negated) = "" -- only events with this modality (asserted: reported as having happened)
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the dated events are filtered first (a sub-select), then every value is a
# one-pattern OPTIONAL, looked up per row instead of joined over the whole graph.
SELECT ?date ?eventType
       (GROUP_CONCAT(DISTINCT ?actorRole; separator="; ") AS ?actors)
       (GROUP_CONCAT(DISTINCT ?placeName; separator="; ") AS ?places)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    SELECT ?event ?date WHERE {
      ?event ckg:date ?date .
      FILTER NOT EXISTS { ?event a ckg:Incident }  # reports; incidents: queries/incidents.rq
      FILTER(!BOUND(?from) || CONCAT(STR(?date), "~") >= STR(?from))
      FILTER(!BOUND(?to) || STR(?date) <= STR(?to))
    }
  }
  OPTIONAL { ?event a ?class }
  FILTER(?class IN (ckg:Deployment, ckg:Attack, ckg:Capture, ckg:Meeting, ckg:Statement, ckg:Visit))
  BIND(LCASE(STRAFTER(STR(?class), "#")) AS ?eventType)
  FILTER(!BOUND(?type) || ?type = ?eventType)
  OPTIONAL { ?event ckg:modality ?modalityIri }
  # a bound ?modality parameter joins with this table: only its row is left
  VALUES (?modalityIri ?modality) {
    (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
  }
  OPTIONAL { ?event ckg:evidence/ckg:text ?evidence }
  OPTIONAL { ?event ckg:reportedIn ?document }
  OPTIONAL { ?event ckg:reportedIn/dcterms:title ?docTitle }
  OPTIONAL {
    ?event ?roleIri ?actor .
    FILTER(?roleIri IN (ckg:agent, ckg:force, ckg:perpetrator, ckg:target, ckg:captor, ckg:former,
                        ckg:supporter, ckg:participant, ckg:speaker, ckg:visitor))
    OPTIONAL { ?actor rdfs:label ?actorName }
  }
  BIND(CONCAT(?actorName, " (", IF(?roleIri = ckg:former, "former controller",
                                   STRAFTER(STR(?roleIri), "#")), ")") AS ?actorRole)
  OPTIONAL { ?event (ckg:location|ckg:destination|ckg:place|ckg:origin)/rdfs:label ?placeName }
}
GROUP BY ?date ?eventType ?modality ?event ?evidence ?document
ORDER BY (STR(?date)) ?event
"""


#: queries/events-in-period.rq of round 6 (the period tested on the text of every date, the
#: incidents taken out by MINUS), before the reports' ckg:dateRank (round 7).
EVENTS_IN_PERIOD_ROUND6 = r"""# title: Events in a date range
# description: Every event dated within a period, oldest first: its type, the actors with their roles, the places, the modality and the source sentence. An event dated only by month or year counts when that month or year overlaps the period; undated events are left out when a bound is given.
# param: from: date = "" -- earliest date, YYYY-MM-DD
# param: to: date = "" -- latest date, YYYY-MM-DD
# param: type: enum(attack|capture|deployment|meeting|statement|visit) = "" -- only events of this type
# param: modality: enum(asserted|planned|hypothetical|negated) = "" -- only events with this modality (asserted: reported as having happened)
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the dated events are filtered first (a sub-select), then the values the rows are
# grouped and filtered by are one-pattern OPTIONALs (looked up per row), in the sub-select marked
# "page:", where kg.query.paging cuts the page (docs/queries.md); the actors, places and the
# article's title are then looked up for the page's rows only, in two steps from the event, and
# the total counts the sub-select alone.
SELECT ?date ?eventType
       (GROUP_CONCAT(DISTINCT ?actorRole; separator="; ") AS ?actors)
       (GROUP_CONCAT(DISTINCT ?placeName; separator="; ") AS ?places)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per event, with the values the rows are grouped by
    SELECT DISTINCT ?date ?eventType ?modality ?event ?evidence ?document WHERE {
      {
        SELECT ?event ?date WHERE {
          ?event ckg:date ?date .
          FILTER(!BOUND(?from) || CONCAT(STR(?date), "~") >= STR(?from))
          FILTER(!BOUND(?to) || STR(?date) <= STR(?to))
          # reports; incidents: queries/incidents.rq. MINUS takes the incidents out in one pass;
          # FILTER NOT EXISTS { ?event a ckg:Incident } took 0.7 s at 3M triples, however few
          # events the period held
          MINUS { ?event a ckg:Incident }
        }
      }
      OPTIONAL { ?event a ?class }
      FILTER(?class IN (ckg:Deployment, ckg:Attack, ckg:Capture, ckg:Meeting, ckg:Statement, ckg:Visit))
      BIND(LCASE(STRAFTER(STR(?class), "#")) AS ?eventType)
      FILTER(!BOUND(?type) || ?type = ?eventType)
      OPTIONAL { ?event ckg:modality ?modalityIri }
      # a bound ?modality parameter joins with this table: only its row is left
      VALUES (?modalityIri ?modality) {
        (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
      }
      OPTIONAL { ?event ckg:evidence ?evidenceNode . OPTIONAL { ?evidenceNode ckg:text ?evidence } }
      OPTIONAL { ?event ckg:reportedIn ?document }
    }
  }
  OPTIONAL { ?event ckg:reportedIn ?titled . OPTIONAL { ?titled dcterms:title ?docTitle } }
  OPTIONAL {
    ?event ?roleIri ?actor .
    FILTER(?roleIri IN (ckg:agent, ckg:force, ckg:perpetrator, ckg:target, ckg:captor, ckg:former,
                        ckg:supporter, ckg:participant, ckg:speaker, ckg:visitor))
    OPTIONAL { ?actor rdfs:label ?actorName }
  }
  BIND(CONCAT(?actorName, " (", IF(?roleIri = ckg:former, "former controller",
                                   STRAFTER(STR(?roleIri), "#")), ")") AS ?actorRole)
  OPTIONAL {
    ?event ?placeRoleIri ?placeIri .
    FILTER(?placeRoleIri IN (ckg:location, ckg:destination, ckg:place, ckg:origin))
    OPTIONAL { ?placeIri rdfs:label ?placeName }
  }
}
GROUP BY ?date ?eventType ?modality ?event ?evidence ?document
ORDER BY (STR(?date)) ?event
"""


#: queries/unresolved-entities.rq before the entities with a problem were found first (every mention's article was read, then tested by FILTER NOT EXISTS).
UNRESOLVED_BEFORE = r"""# title: Entities with no place or country resolved
# description: Data quality: places with no coordinates (not found in the gazetteer), places with no country, armed forces with no state, and attacks, captures, deployments, meetings and visits with no place at all; each with the number of documents that name it (or report it) and one of them.
# param: problem: enum(no-coordinates|no-country|no-state|no-place) = "" -- only this problem
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>

SELECT ?problem ?entity (MIN(?name) AS ?label) ?kind
       (COUNT(DISTINCT ?document) AS ?documents) (MIN(STR(?document)) AS ?exampleDocument)
WHERE {
  {
    ?entity a ckg:Place .
    FILTER NOT EXISTS { ?entity geo:hasGeometry ?geometry }
    BIND("no-coordinates" AS ?problem)
    BIND("place" AS ?kind)
    ?entity ckg:mention/ckg:inArticle ?document .
  } UNION {
    ?entity a ckg:Place .
    FILTER NOT EXISTS { ?entity ckg:country ?state }
    BIND("no-country" AS ?problem)
    BIND("place" AS ?kind)
    ?entity ckg:mention/ckg:inArticle ?document .
  } UNION {
    ?entity a ckg:ArmedForce .
    FILTER NOT EXISTS { ?entity ckg:affiliation ?owner }
    BIND("no-state" AS ?problem)
    BIND("armed force" AS ?kind)
    ?entity ckg:mention/ckg:inArticle ?document .
  } UNION {
    VALUES (?class ?kind) {
      (ckg:Attack "attack") (ckg:Capture "capture") (ckg:Deployment "deployment")
      (ckg:Meeting "meeting") (ckg:Visit "visit")
    }
    ?entity a ?class .
    FILTER NOT EXISTS { ?entity ckg:location|ckg:destination|ckg:place|ckg:origin ?where }
    BIND("no-place" AS ?problem)
    ?entity ckg:reportedIn ?document .
  }
  OPTIONAL { ?entity rdfs:label|ckg:evidence/ckg:text ?name }
}
GROUP BY ?problem ?entity ?kind
ORDER BY ?problem DESC(?documents) ?label ?entity
"""


#: queries/actors-by-events.rq before the events were counted per actor from the role triples joined to the incidents as one table.
ACTORS_BY_EVENTS_BEFORE = r"""# title: Actors by number of events
# description: Actors (persons, states, armed forces, armed groups, organisations) ranked by how many events they take part in as agent, force, perpetrator, target, captor, former controller, supporter, participant, speaker or visitor. By default each incident counts once (an actor any of its reports names); with level=reports each article's report counts.
# param: level: enum(incidents|reports) = "" -- incidents: each real-world event once (kg/fuse; docs/fusion.md); reports: each article's report of it; default: incidents when the store has any (kg build fuses), else reports
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?actor (MIN(?name) AS ?actorLabel) ?type ?typeLabel (COUNT(DISTINCT ?event) AS ?events)
WHERE {
  VALUES ?role {
    ckg:agent ckg:force ckg:perpetrator ckg:target ckg:captor ckg:former ckg:supporter
    ckg:participant ckg:speaker ckg:visitor
  }
  VALUES (?type ?typeLabel) {
    (ckg:Person "person") (ckg:State "state") (ckg:ArmedForce "armed force")
    (ckg:ArmedGroup "armed group") (ckg:Organization "organisation")
  }
  ?event ?role ?actor .
  FILTER(IF(COALESCE(?level, IF(EXISTS { ?fused a ckg:Incident }, "incidents", "reports")) = "reports",
            NOT EXISTS { ?event a ckg:Incident }, EXISTS { ?event a ckg:Incident }))
  ?actor a ?type .
  OPTIONAL { ?actor rdfs:label ?name }
}
GROUP BY ?actor ?type ?typeLabel
ORDER BY DESC(?events) ?actorLabel ?actor
"""


#: queries/attacks.rq before its page was chosen from the reports' sort keys (round 4).
ATTACKS_BEFORE = r"""# title: Attacks
# description: Who attacked whom where and when, with fatalities and injuries (quantities of kind "fatalities" and "injuries") and the source sentence.
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the rows (one per attack, perpetrator, target, place and figures) are chosen and
# ordered first, in the sub-select marked "page:" where kg.query.paging cuts a page
# (docs/queries.md); the names and the document's title are then looked up for that page's
# rows only.
SELECT ?event ?subtype
       ?perpetrator (MIN(?perpetratorName) AS ?perpetratorLabel)
       ?target (MIN(?targetName) AS ?targetLabel)
       ?location (MIN(?locationName) AS ?locationLabel)
       ?fatalities ?fatalitiesQualifier ?injuries ?injuriesQualifier
       ?date ?modality ?evidence
       ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per attack, perpetrator, target, place and figures
    SELECT DISTINCT ?event ?subtype ?perpetrator ?target ?location ?fatalities ?fatalitiesQualifier
                    ?injuries ?injuriesQualifier ?date ?modality ?evidence ?document WHERE {
      ?event a ckg:Attack ;
             ckg:modality ?modalityIri ;
             ckg:evidence ?evidenceNode ;
             ckg:reportedIn ?document .
      ?evidenceNode ckg:text ?evidence .
      # the modality's name from its IRI (a VALUES table of the four would be where Oxigraph
      # starts the join: 0.4 s more at 3M triples)
      FILTER(?modalityIri IN (ckg:Asserted, ckg:Planned, ckg:Hypothetical, ckg:Negated))
      BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
      OPTIONAL { ?event ckg:subtype ?subtype }
      OPTIONAL { ?event ckg:perpetrator ?perpetrator }
      OPTIONAL { ?event ckg:target ?target }
      OPTIONAL { ?event ckg:location ?location }
      OPTIONAL {
        ?event ckg:quantity ?killed .
        ?killed ckg:quantityKind "fatalities" ; rdf:value ?fatalities ; ckg:qualifier ?killedQualifierIri .
        VALUES (?killedQualifierIri ?fatalitiesQualifier) {
          (ckg:Exact "exact") (ckg:Approximate "approximate") (ckg:AtLeast "at least") (ckg:AtMost "at most")
        }
      }
      OPTIONAL {
        ?event ckg:quantity ?wounded .
        ?wounded ckg:quantityKind "injuries" ; rdf:value ?injuries ; ckg:qualifier ?woundedQualifierIri .
        VALUES (?woundedQualifierIri ?injuriesQualifier) {
          (ckg:Exact "exact") (ckg:Approximate "approximate") (ckg:AtLeast "at least") (ckg:AtMost "at most")
        }
      }
      OPTIONAL { ?event ckg:date ?date }
    }
  }
  OPTIONAL { ?document dcterms:title ?docTitle }
  # each name through the event, so a row without a perpetrator (an unbound ?perpetrator) is
  # not joined to every label of the store
  OPTIONAL { ?event ckg:perpetrator ?perpetrator . ?perpetrator rdfs:label ?perpetratorName }
  OPTIONAL { ?event ckg:target ?target . ?target rdfs:label ?targetName }
  OPTIONAL { ?event ckg:location ?location . ?location rdfs:label ?locationName }
}
GROUP BY ?event ?subtype ?perpetrator ?target ?location ?fatalities ?fatalitiesQualifier
         ?injuries ?injuriesQualifier ?date ?modality ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?perpetrator ?target ?location
"""


#: queries/captures.rq before its page was chosen from the reports' sort keys (round 4).
CAPTURES_BEFORE = r"""# title: Captures
# description: Changes of territorial control: which place was taken by whom, from whom, with whose support and when, with the source sentence.
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the rows (one per capture, place, captor, former holder and supporter) are chosen and
# ordered first, in the sub-select marked "page:" where kg.query.paging cuts a page
# (docs/queries.md); the names and the document's title are then looked up for that page's
# rows only.
SELECT ?event
       ?place (MIN(?placeName) AS ?placeLabel)
       ?captor (MIN(?captorName) AS ?captorLabel)
       ?former (MIN(?formerName) AS ?formerLabel)
       ?supporter (MIN(?supporterName) AS ?supporterLabel)
       ?date ?modality ?evidence
       ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per capture, place, captor, former holder and supporter
    SELECT DISTINCT ?event ?place ?captor ?former ?supporter ?date ?modality ?evidence ?document WHERE {
      ?event a ckg:Capture ;
             ckg:modality ?modalityIri ;
             ckg:evidence ?evidenceNode ;
             ckg:reportedIn ?document .
      ?evidenceNode ckg:text ?evidence .
      # the modality's name from its IRI (a VALUES table of the four would be where Oxigraph
      # starts the join: 0.4 s more at 3M triples)
      FILTER(?modalityIri IN (ckg:Asserted, ckg:Planned, ckg:Hypothetical, ckg:Negated))
      BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
      OPTIONAL { ?event ckg:place ?place }
      OPTIONAL { ?event ckg:captor ?captor }
      OPTIONAL { ?event ckg:former ?former }
      OPTIONAL { ?event ckg:supporter ?supporter }
      OPTIONAL { ?event ckg:date ?date }
    }
  }
  OPTIONAL { ?document dcterms:title ?docTitle }
  # each name through the event, so a row without a captor (an unbound ?captor) is not joined
  # to every label of the store
  OPTIONAL { ?event ckg:place ?place . ?place rdfs:label ?placeName }
  OPTIONAL { ?event ckg:captor ?captor . ?captor rdfs:label ?captorName }
  OPTIONAL { ?event ckg:former ?former . ?former rdfs:label ?formerName }
  OPTIONAL { ?event ckg:supporter ?supporter . ?supporter rdfs:label ?supporterName }
}
GROUP BY ?event ?place ?captor ?former ?supporter ?date ?modality ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?place ?captor ?former ?supporter
"""


#: queries/meetings.rq before its page was chosen from the reports' sort keys (round 4).
MEETINGS_BEFORE = r"""# title: Meetings
# description: Who met whom, where and when, with the source sentence. Participants are grouped into one cell (labels separated by "; ", in no guaranteed order).
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the meetings (one row per meeting, place, date and sentence) are chosen and ordered
# first, in the sub-select marked "page:" where kg.query.paging cuts a page (docs/queries.md);
# the participants, the place's name and the document's title are then joined to that page.
SELECT ?event
       (GROUP_CONCAT(DISTINCT ?participantLabel; separator="; ") AS ?participants)
       (GROUP_CONCAT(DISTINCT STR(?participant); separator=" ") AS ?participantIris)
       (COUNT(DISTINCT ?participant) AS ?participantCount)
       ?location (MIN(?locationName) AS ?locationLabel)
       ?date ?modality ?evidence
       ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per meeting, place, date, sentence and document
    SELECT DISTINCT ?event ?location ?date ?modality ?evidence ?document WHERE {
      ?event a ckg:Meeting ;
             ckg:modality ?modalityIri ;
             ckg:evidence ?evidenceNode ;
             ckg:reportedIn ?document .
      ?evidenceNode ckg:text ?evidence .
      # the modality's name from its IRI (a VALUES table of the four would be where Oxigraph
      # starts the join: 0.4 s more at 3M triples)
      FILTER(?modalityIri IN (ckg:Asserted, ckg:Planned, ckg:Hypothetical, ckg:Negated))
      BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
      OPTIONAL { ?event ckg:location ?location }
      OPTIONAL { ?event ckg:date ?date }
    }
  }
  OPTIONAL {
    { SELECT ?event ?participant (MIN(?name) AS ?participantLabel)
      WHERE { ?event ckg:participant ?participant . OPTIONAL { ?participant rdfs:label ?name } }
      GROUP BY ?event ?participant }
  }
  OPTIONAL { ?document dcterms:title ?docTitle }
  # the place's name through the event, so a meeting without a place gets none
  OPTIONAL { ?event ckg:location ?location . ?location rdfs:label ?locationName }
}
GROUP BY ?event ?location ?date ?modality ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?location
"""


#: queries/incidents.rq before its page was chosen from the incidents' sort keys (round 4).
INCIDENTS_BEFORE = r"""# title: Incidents: real-world events with all their reports
# description: Incidents fused from event reports (kg build fuses; see docs/fusion.md), newest first: type, canonical date, the most specific agreed place, actors by role, reconciled figures (median of independent sources, with their range), the number of independent sources and whether the sources disagree on a figure. Each report stays reachable through ckg:report.
# param: type: string = "" -- only this event type: attack, capture, deployment, meeting, statement, visit
# param: country: string = "" -- only incidents whose place lies in this country (the country, or a place inside it: a town, a village of one of its provinces, following ckg:country and ckg:within): name, alias, ISO code or IRI
# param: from: date = "" -- earliest date, YYYY-MM-DD (a month or year that overlaps counts)
# param: to: date = "" -- latest date, YYYY-MM-DD
# param: min_sources: integer = 1 -- fewest independent sources (syndicated copies count once)
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# Speed: the incidents are chosen and filtered first, in the sub-select marked "page:", where
# kg.query.paging cuts a page (docs/queries.md); the details are then looked up for that page's
# incidents only, each by an OPTIONAL that starts from the incident. An incident has one event
# class, at most one place and one date, one count of sources and one disputed flag
# (kg/fuse/rdf.py), so it is one row. A country is found by its lower-cased name key, then the
# places within it, then the incidents there, instead of testing every incident's places.
SELECT ?incident (SAMPLE(?typeName) AS ?type) ?date (SAMPLE(?at) AS ?place) (MIN(?placeName) AS ?placeLabel)
       (GROUP_CONCAT(DISTINCT ?actorText; separator="; ") AS ?actors)
       (GROUP_CONCAT(DISTINCT ?figureText; separator="; ") AS ?figures)
       (SAMPLE(?sourceCount) AS ?sources) (SAMPLE(?anyDisputed) AS ?disputed)
WHERE {
  {
    # page: one row per incident
    SELECT DISTINCT ?incident ?date WHERE {
      {
        # every incident, when no country is given
        SELECT ?incident WHERE { ?incident a ckg:Incident . FILTER(!BOUND(?country)) }
      } UNION {
        # the incidents at a place in the country: the areas the parameter names (a name or
        # alias in any case by its key, an ISO code, the IRI, or the state IRI of an ISO
        # code), every place within them, the incidents there
        SELECT DISTINCT ?incident WHERE {
          {
            SELECT DISTINCT ?area WHERE {
              BIND(LCASE(?country) AS ?countryKey)
              ?area ckg:nameKey ?countryKey .
              FILTER(BOUND(?country))  # unbound, the key would match every name
            }
          } UNION {
            SELECT ?area WHERE {
              BIND(UCASE(?country) AS ?code)
              ?area ckg:countryCode ?code .
              FILTER(BOUND(?country))
            }
          } UNION {
            SELECT ?area WHERE {
              BIND(IRI(CONCAT("https://w3id.org/conflict-kg/id/state/", LCASE(?country))) AS ?area)
              FILTER(isIRI(?area))
            }
          } UNION {
            SELECT ?area WHERE { BIND(IRI(?country) AS ?area) FILTER(isIRI(?area) && STR(?area) = ?country) }
          }
          ?place (ckg:country|ckg:within)* ?area .
          { ?incident ckg:location ?place } UNION { ?incident ckg:destination ?place }
          UNION { ?incident ckg:place ?place }
          FILTER EXISTS { ?incident a ckg:Incident }
        }
      }
      FILTER(!BOUND(?type) || EXISTS {
        ?incident a ?class .
        FILTER(?class IN (ckg:Attack, ckg:Capture, ckg:Deployment, ckg:Meeting, ckg:Statement, ckg:Visit)
               && LCASE(STRAFTER(STR(?class), "#")) = LCASE(?type)) })
      # every incident has one source at least, so the default (1) needs no look-up
      FILTER(?min_sources <= 1 || EXISTS { ?incident ckg:sources ?count . FILTER(?count >= ?min_sources) })
      OPTIONAL { ?incident ckg:date ?date }
      FILTER(!BOUND(?from) || (BOUND(?date) && CONCAT(STR(?date), "~") >= STR(?from)))
      FILTER(!BOUND(?to) || (BOUND(?date) && STR(?date) <= STR(?to)))
    }
  }
  # Changes no row (the sub-select gives incidents only), but with it Oxigraph 0.5 looks the
  # details below up per incident; without it, when a country is given, it joined them by
  # reading every triple of the store (5.5 s instead of 0.5 s at 1M triples, docs/speed.md).
  ?incident a ckg:Incident .
  OPTIONAL {
    ?incident a ?class .
    FILTER(?class IN (ckg:Attack, ckg:Capture, ckg:Deployment, ckg:Meeting, ckg:Statement, ckg:Visit))
  }
  BIND(LCASE(STRAFTER(STR(?class), "#")) AS ?typeName)
  OPTIONAL { ?incident ckg:sources ?sourceCount }
  OPTIONAL { ?incident ckg:disputed ?anyDisputed }
  OPTIONAL { ?incident ckg:location|ckg:destination|ckg:place ?at . OPTIONAL { ?at rdfs:label ?placeName } }
  OPTIONAL {
    ?incident ?roleIri ?filler .
    FILTER(?roleIri IN (ckg:agent, ckg:force, ckg:origin, ckg:purpose, ckg:perpetrator, ckg:target,
                        ckg:weapon, ckg:captor, ckg:former, ckg:supporter, ckg:participant,
                        ckg:speaker, ckg:about, ckg:visitor))
    OPTIONAL { ?filler rdfs:label ?fillerName }
  }
  BIND(CONCAT(IF(?roleIri = ckg:participant, "participants", STRAFTER(STR(?roleIri), "#")), ": ",
              COALESCE(STR(?fillerName), STR(?filler))) AS ?actorText)
  OPTIONAL {
    ?incident ckg:figure ?figure .
    ?figure ckg:quantityKind ?kind ; rdf:value ?value ; ckg:minValue ?lo ; ckg:maxValue ?hi ;
            ckg:disputed ?figureDisputed .
  }
  BIND(CONCAT(?kind, " ", STR(?value), IF(?lo != ?hi, CONCAT(" (", STR(?lo), "-", STR(?hi), ")"), ""),
              IF(?figureDisputed, " disputed", "")) AS ?figureText)
}
GROUP BY ?incident ?date
ORDER BY DESC(?date) ?incident
"""


#: queries/deployments.rq before its page was chosen from the reports' sort keys (round 4).
DEPLOYMENTS_BEFORE = r"""# title: Deployments
# description: Who deployed how many troops where and when, with the source sentence. One row per deployment and agent/force/destination; troops are the quantity of kind "troops".
# description: Filter by destination country (the country itself, or a destination place inside it: a town, a base, a village of one of its provinces), by destination place (the place itself, or a place inside it, so a province finds its towns), and by period (an event dated only by month or year counts when that month or year overlaps the period). Containment follows ckg:within (the place hierarchy: a place lies within its admin-1 division and its state).
# param: country: string = "" -- destination country: name, alias, ISO code (IQ) or IRI; case does not matter
# param: place: string = "" -- destination place: name, alias or IRI; case does not matter
# param: from: date = "" -- earliest date, YYYY-MM-DD
# param: to: date = "" -- latest date, YYYY-MM-DD
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?event
       ?agent (MIN(?agentName) AS ?agentLabel)
       ?force (MIN(?forceName) AS ?forceLabel)
       ?destination (MIN(?destinationName) AS ?destinationLabel)
       ?troops ?qualifier ?date ?modality ?evidence
       ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  ?event a ckg:Deployment ;
         ckg:modality ?modalityIri ;
         ckg:evidence ?evidenceNode ;
         ckg:reportedIn ?document .
  OPTIONAL { ?event ckg:date ?date }
  FILTER(!BOUND(?from) || (BOUND(?date) && CONCAT(STR(?date), "~") >= STR(?from)))
  FILTER(!BOUND(?to) || (BOUND(?date) && STR(?date) <= STR(?to)))
  OPTIONAL {
    ?event ckg:destination ?destination .
    OPTIONAL { ?destination rdfs:label ?destinationName }
  }
  # the places and states the place/country parameters name, found once (nothing when unbound)
  OPTIONAL {
    SELECT DISTINCT ?placeMatch WHERE {
      BIND(LCASE(?place) AS ?placeKey)
      ?placeMatch ckg:nameKey ?placeKey .
      FILTER(BOUND(?place))
    }
  }
  OPTIONAL {
    SELECT DISTINCT ?countryMatch WHERE {
      {
        # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping)
        SELECT ?countryMatch WHERE {
          BIND(LCASE(?country) AS ?countryKey)
          ?countryMatch ckg:nameKey ?countryKey .
          FILTER(BOUND(?country))
        }
      } UNION {
        SELECT ?countryMatch WHERE {
          BIND(UCASE(?country) AS ?countryCodeGiven)
          ?countryMatch ckg:countryCode ?countryCodeGiven .
          FILTER(BOUND(?country))
        }
      }
      FILTER EXISTS { ?countryMatch a ckg:State }
    }
  }
  FILTER(!BOUND(?place) || STR(?destination) = ?place || ?destination = ?placeMatch
         || (BOUND(?destination) && EXISTS {
               ?destination (ckg:country|ckg:within)+ ?placeArea .
               FILTER(STR(?placeArea) = ?place || ?placeArea = ?placeMatch) }))
  BIND(IF(BOUND(?country), IRI(CONCAT("https://w3id.org/conflict-kg/id/state/", LCASE(?country))), ?none)
       AS ?countryByCode)
  FILTER(!BOUND(?country)
         || STR(?destination) = ?country || ?destination = ?countryMatch || ?destination = ?countryByCode
         || (BOUND(?destination) && EXISTS {
               ?destination (ckg:country|ckg:within)+ ?countryArea .
               FILTER(STR(?countryArea) = ?country || ?countryArea = ?countryMatch
                      || ?countryArea = ?countryByCode) }))
  ?evidenceNode ckg:text ?evidence .
  VALUES (?modalityIri ?modality) {
    (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
  }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?event ckg:agent ?agent . OPTIONAL { ?agent rdfs:label ?agentName } }
  OPTIONAL { ?event ckg:force ?force . OPTIONAL { ?force rdfs:label ?forceName } }
  OPTIONAL {
    ?event ckg:quantity ?quantity .
    ?quantity ckg:quantityKind "troops" ;
              rdf:value ?troops ;
              ckg:qualifier ?qualifierIri .
    VALUES (?qualifierIri ?qualifier) {
      (ckg:Exact "exact") (ckg:Approximate "approximate") (ckg:AtLeast "at least") (ckg:AtMost "at most")
    }
  }
}
GROUP BY ?event ?agent ?force ?destination ?troops ?qualifier ?date ?modality ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?agent ?force ?destination
"""


#: queries/disputed-figures.rq before it read only the figures fusion marks ckg:valuesDiffer (round 5).
DISPUTED_FIGURES_BEFORE = r"""# title: Figures that disagree between sources
# description: The same event reported by two articles with different numbers. By default, within each incident (kg/fuse): two of its reports in different documents whose figures of one kind (fatalities, injuries, troops...) differ, with the incident's date and place, its reconciled value (the median of its independent sources) and whether the difference is beyond the tolerance (disputed). With level=reports, as before fusion: two reports of one type at the same place and on the same date (same precision) in different documents. One row per pair, largest difference first, with both figures, their qualifiers, sources and sentences.
# param: kind: string = "" -- only this quantity kind, e.g. fatalities, injuries, troops
# param: type: enum(attack|capture|deployment|meeting|statement|visit) = "" -- only events of this type
# param: level: enum(incidents|reports) = "" -- incidents: pairs of reports fused into one incident; reports: pairs of reports at one place and date; default: incidents when the store has any (kg build fuses), else reports
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the pairs are found and ordered first, in the sub-select marked "page:" where
# kg.query.paging cuts a page (docs/queries.md); the qualifiers, sentences, titles and place
# label are then looked up for that page's pairs only. Each level's branch tests the level
# first, so Oxigraph skips the branch not asked for. With level=reports each side (an event's
# figure with its type, place and date) is computed once, and the two sides are hash-joined on
# kind, type, place and date. A report has one figure of a kind, one sentence and one
# document, a figure one qualifier, so one pair is one row.
SELECT ?eventType ?kind ?date ?place (MIN(?placeName) AS ?placeLabel)
       ?value1 (SAMPLE(?qualifierText1) AS ?qualifier1) ?value2 (SAMPLE(?qualifierText2) AS ?qualifier2)
       ?difference
       ?document1 (MIN(?title1) AS ?documentTitle1) (SAMPLE(?sentence1) AS ?evidence1)
       ?document2 (MIN(?title2) AS ?documentTitle2) (SAMPLE(?sentence2) AS ?evidence2)
       ?event1 ?event2 ?incident ?reconciled ?disputed
WHERE {
  {
    # page: one row per pair of figures
    SELECT DISTINCT ?eventType ?kind ?date ?place ?value1 ?q1 ?value2 ?q2 ?difference ?document1
                    ?document2 ?event1 ?event2 ?incident ?reconciled ?disputed WHERE {
      {
        # the figures of one incident, as each of its reports gives them
        SELECT ?event1 ?q1 ?value1 ?event2 ?q2 ?value2 ?kind ?place ?date ?class ?incident ?reconciled
               ?disputed
        WHERE {
          FILTER(COALESCE(?level, IF(EXISTS { ?fused a ckg:Incident }, "incidents", "reports")) = "incidents")
          ?figure ckg:reportedFigure ?q1, ?q2 ;
                  ckg:quantityKind ?kind ;
                  rdf:value ?reconciled ;
                  ckg:disputed ?disputed .
          FILTER(STR(?q1) < STR(?q2))
          ?incident ckg:figure ?figure ;
                    a ?class .
          FILTER(?class != ckg:Incident)
          ?event1 ckg:quantity ?q1 .
          ?event2 ckg:quantity ?q2 .
          ?q1 rdf:value ?value1 .
          ?q2 rdf:value ?value2 .
          OPTIONAL { ?incident ckg:date ?date }
          OPTIONAL { ?incident ckg:location|ckg:destination|ckg:place ?place }
        }
      } UNION {
        # two reports of one type at one place on one date
        SELECT ?event1 ?q1 ?value1 ?event2 ?q2 ?value2 ?kind ?place ?date ?class WHERE {
          FILTER(COALESCE(?level, IF(EXISTS { ?fused a ckg:Incident }, "incidents", "reports")) = "reports")
          {
            SELECT ?event1 ?q1 ?kind ?value1 ?place ?date ?class WHERE {
              ?q1 ckg:quantityKind ?kind ;
                  rdf:value ?value1 .
              ?event1 ckg:quantity ?q1 ;
                      ckg:date ?date ;
                      a ?class ;
                      ckg:location|ckg:destination|ckg:place ?place .
            }
          }
          {
            SELECT ?event2 ?q2 ?kind ?value2 ?place ?date ?class WHERE {
              ?q2 ckg:quantityKind ?kind ;
                  rdf:value ?value2 .
              ?event2 ckg:quantity ?q2 ;
                      ckg:date ?date ;
                      a ?class ;
                      ckg:location|ckg:destination|ckg:place ?place .
            }
          }
          FILTER(STR(?event1) < STR(?event2))
        }
      }
      FILTER(?value1 != ?value2)
      BIND(LCASE(STRAFTER(STR(?class), "#")) AS ?eventType)
      FILTER(!BOUND(?type) || ?type = ?eventType)
      OPTIONAL { ?event1 ckg:reportedIn ?document1 }
      OPTIONAL { ?event2 ckg:reportedIn ?document2 }
      FILTER(?document1 != ?document2)
      BIND(ABS(?value1 - ?value2) AS ?difference)
    }
  }
  OPTIONAL { ?event1 ckg:evidence/ckg:text ?sentence1 }
  OPTIONAL { ?event2 ckg:evidence/ckg:text ?sentence2 }
  OPTIONAL { ?q1 ckg:qualifier ?qualifierIri1 }
  OPTIONAL { ?q2 ckg:qualifier ?qualifierIri2 }
  BIND(IF(?qualifierIri1 = ckg:Exact, "exact", IF(?qualifierIri1 = ckg:Approximate, "approximate",
       IF(?qualifierIri1 = ckg:AtLeast, "at least", IF(?qualifierIri1 = ckg:AtMost, "at most", ?none))))
       AS ?qualifierText1)
  BIND(IF(?qualifierIri2 = ckg:Exact, "exact", IF(?qualifierIri2 = ckg:Approximate, "approximate",
       IF(?qualifierIri2 = ckg:AtLeast, "at least", IF(?qualifierIri2 = ckg:AtMost, "at most", ?none))))
       AS ?qualifierText2)
  # an incident may have no place: a label looked up for an unbound ?place would be every label
  BIND(COALESCE(?place, <urn:kg:no-place>) AS ?labelledPlace)
  OPTIONAL { ?labelledPlace rdfs:label ?placeName }
  OPTIONAL { ?document1 dcterms:title ?title1 }
  OPTIONAL { ?document2 dcterms:title ?title2 }
}
GROUP BY ?eventType ?kind ?date ?place ?value1 ?value2 ?difference ?document1 ?document2 ?event1 ?event2
         ?incident ?reconciled ?disputed
ORDER BY DESC(?difference) ?kind ?place ?event1 ?event2
"""


#: queries/places-by-attacks.rq before a country's places were found first (round 5).
PLACES_BY_ATTACKS_BEFORE = r"""# title: Places by number of attacks
# description: Places ranked by how many attacks happened there, with the total of the death tolls (attacks without a toll add nothing to it) and the dates of the first and last attack. By default each incident counts once, two articles on one attack being one incident with its reconciled toll (the median of its sources); with level=reports each article's report counts, as told (hypothetical and denied attacks included).
# param: from: date = "" -- earliest date, YYYY-MM-DD (a month or year that overlaps counts)
# param: to: date = "" -- latest date, YYYY-MM-DD
# param: country: string = "" -- only places in this country (the country, or a place inside it: a town, a village of one of its provinces, following ckg:country and ckg:within): name, alias, ISO code or IRI
# param: min: integer = 1 -- fewest attacks for a place to be listed
# param: level: enum(incidents|reports) = "" -- incidents: each real-world event once (kg/fuse; docs/fusion.md); reports: each article's report of it; default: incidents when the store has any (kg build fuses), else reports
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

SELECT ?place (MIN(?placeName) AS ?placeLabel) ?placeCountry (MIN(?countryName) AS ?placeCountryLabel)
       ?attacks ?fatalities ?first ?last
WHERE {
  {
    SELECT ?place (COUNT(DISTINCT ?event) AS ?attacks) (SUM(COALESCE(?killed, 0)) AS ?fatalities)
           (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last)
    WHERE {
      ?event a ckg:Attack ;
             ckg:location ?place .
      FILTER(IF(COALESCE(?level, IF(EXISTS { ?fused a ckg:Incident }, "incidents", "reports")) = "reports",
                NOT EXISTS { ?event a ckg:Incident }, EXISTS { ?event a ckg:Incident }))
      OPTIONAL { ?event ckg:date ?date }
      FILTER(!BOUND(?from) || (BOUND(?date) && CONCAT(STR(?date), "~") >= STR(?from)))
      FILTER(!BOUND(?to) || (BOUND(?date) && STR(?date) <= STR(?to)))
      # a report's quantity, or an incident's reconciled figure
      OPTIONAL { ?event ckg:quantity|ckg:figure ?q . ?q ckg:quantityKind "fatalities" ; rdf:value ?killed }
    }
    GROUP BY ?place
  }
  FILTER(?attacks >= ?min)
  # the states the country parameter names, found once (nothing when it is unbound): testing
  # every place's chain against every label would look the labels up once per row
  OPTIONAL {
    SELECT DISTINCT ?countryMatch WHERE {
      {
        # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping)
        SELECT ?countryMatch WHERE {
          BIND(LCASE(?country) AS ?countryKey)
          ?countryMatch ckg:nameKey ?countryKey .
          FILTER(BOUND(?country))
        }
      } UNION {
        SELECT ?countryMatch WHERE {
          BIND(UCASE(?country) AS ?countryCodeGiven)
          ?countryMatch ckg:countryCode ?countryCodeGiven .
          FILTER(BOUND(?country))
        }
      }
      FILTER EXISTS { ?countryMatch a ckg:State }
    }
  }
  BIND(IF(BOUND(?country), IRI(CONCAT("https://w3id.org/conflict-kg/id/state/", LCASE(?country))), ?none)
       AS ?countryByCode)
  FILTER(!BOUND(?country) || EXISTS {
    ?place (ckg:country|ckg:within)* ?area .  # the place itself, or a place it lies within
    FILTER(STR(?area) = ?country || ?area = ?countryMatch || ?area = ?countryByCode) })
  OPTIONAL { ?place rdfs:label ?placeName }
  OPTIONAL { ?place ckg:country ?placeCountry . OPTIONAL { ?placeCountry rdfs:label ?countryName } }
}
GROUP BY ?place ?placeCountry ?attacks ?fatalities ?first ?last
ORDER BY DESC(?attacks) DESC(?fatalities) ?placeLabel ?place
"""


#: queries/deadly-attacks.rq before it read the toll keys (round 5; the round-3 text).
DEADLY_ATTACKS_BEFORE = r"""# title: Attacks with at least N fatalities
# description: Attacks whose death toll is at least `min`, deadliest first, with injuries, place, perpetrator, target, date and the source sentence. By default each incident once, with its reconciled toll (the median of its independent sources; qualifier "median", or "disputed" when the sources disagree), every actor its reports name, and the sentence and article of one of its reports; with level=reports each article's report with the toll it gives. Optionally limited to a period and to places in one country.
# param: min: integer = 10 -- fewest fatalities to show
# param: from: date = "" -- earliest date, YYYY-MM-DD (a month or year that overlaps counts)
# param: to: date = "" -- latest date, YYYY-MM-DD
# param: country: string = "" -- only attacks located in this country (the country, or a place inside it: a town, a village of one of its provinces, following ckg:country and ckg:within): name, alias, ISO code or IRI
# param: level: enum(incidents|reports) = "" -- incidents: each real-world event once (kg/fuse; docs/fusion.md); reports: each article's report of it; default: incidents when the store has any (kg build fuses), else reports
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the rows (one per attack, toll, injuries, place, date and modality) are chosen and
# ordered first, in the sub-select marked "page:" where kg.query.paging cuts a page
# (docs/queries.md); the names of the place and the actors and the document's title are then
# looked up for that page's rows only (each through the event, so an unbound ?location gets
# no label). The sentence and article are those of the event's first report, one per event.
SELECT ?event ?fatalities ?fatalitiesQualifier ?injuries
       ?location (MIN(?locationName) AS ?locationLabel)
       (GROUP_CONCAT(DISTINCT ?perpetratorName; separator="; ") AS ?perpetrators)
       (GROUP_CONCAT(DISTINCT ?targetName; separator="; ") AS ?targets)
       ?date ?modality (MIN(?firstSentence) AS ?evidence) (MIN(?firstDocument) AS ?document)
       (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per attack, toll, injuries, place, date and modality
    SELECT ?event ?fatalities ?fatalitiesQualifier ?injuries ?location ?date ?modality
           (MIN(?sentence) AS ?firstSentence) (MIN(?doc) AS ?firstDocument) WHERE {
      ?killed ckg:quantityKind "fatalities" ;
              rdf:value ?fatalities .
      FILTER(?fatalities >= ?min)
      # a report's quantity, or an incident's reconciled figure
      ?event ckg:quantity|ckg:figure ?killed ;
             a ckg:Attack ;
             ckg:modality ?modalityIri .
      FILTER(IF(COALESCE(?level, IF(EXISTS { ?fused a ckg:Incident }, "incidents", "reports")) = "reports",
                NOT EXISTS { ?event a ckg:Incident }, EXISTS { ?event a ckg:Incident }))
      # a report's own sentence and article; an incident's: those of its reports
      ?event ckg:report? ?told .
      ?told ckg:evidence ?evidenceNode ;
            ckg:reportedIn ?doc .
      FILTER NOT EXISTS { ?event ckg:report ?other . FILTER(STR(?other) < STR(?told)) }  # its first report
      OPTIONAL { ?event ckg:date ?date }
      FILTER(!BOUND(?from) || (BOUND(?date) && CONCAT(STR(?date), "~") >= STR(?from)))
      FILTER(!BOUND(?to) || (BOUND(?date) && STR(?date) <= STR(?to)))
      OPTIONAL { ?event ckg:location ?location }
      # the states the country parameter names, found once (nothing when it is unbound): testing
      # every place's chain against every label would look the labels up once per row
      OPTIONAL {
        SELECT DISTINCT ?countryMatch WHERE {
          {
            # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping)
            SELECT ?countryMatch WHERE {
              BIND(LCASE(?country) AS ?countryKey)
              ?countryMatch ckg:nameKey ?countryKey .
              FILTER(BOUND(?country))
            }
          } UNION {
            SELECT ?countryMatch WHERE {
              BIND(UCASE(?country) AS ?countryCodeGiven)
              ?countryMatch ckg:countryCode ?countryCodeGiven .
              FILTER(BOUND(?country))
            }
          }
          FILTER EXISTS { ?countryMatch a ckg:State }
        }
      }
      BIND(IF(BOUND(?country), IRI(CONCAT("https://w3id.org/conflict-kg/id/state/", LCASE(?country))), ?none)
           AS ?countryByCode)
      FILTER(!BOUND(?country) || (BOUND(?location) && EXISTS {
        ?location (ckg:country|ckg:within)* ?area .  # the place itself, or a place it lies within
        FILTER(STR(?area) = ?country || ?area = ?countryMatch || ?area = ?countryByCode) }))
      ?evidenceNode ckg:text ?sentence .
      VALUES (?modalityIri ?modality) {
        (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
      }
      OPTIONAL {
        ?killed ckg:qualifier ?killedQualifierIri .
        VALUES (?killedQualifierIri ?fatalitiesQualifier) {
          (ckg:Exact "exact") (ckg:Approximate "approximate") (ckg:AtLeast "at least") (ckg:AtMost "at most")
        }
      }
      OPTIONAL {
        ?killed ckg:disputed ?killedDisputed .
        BIND(IF(?killedDisputed, "disputed", "median") AS ?fatalitiesQualifier)
      }
      OPTIONAL { ?event ckg:quantity|ckg:figure ?wounded . ?wounded ckg:quantityKind "injuries" ; rdf:value ?injuries }
    }
    GROUP BY ?event ?fatalities ?fatalitiesQualifier ?injuries ?location ?date ?modality
  }
  OPTIONAL { ?event ckg:location ?location . ?location rdfs:label ?locationName }
  OPTIONAL { ?event ckg:perpetrator ?perpetrator . ?perpetrator rdfs:label ?perpetratorName }
  OPTIONAL { ?event ckg:target ?target . ?target rdfs:label ?targetName }
  OPTIONAL { ?firstDocument dcterms:title ?docTitle }
}
GROUP BY ?event ?fatalities ?fatalitiesQualifier ?injuries ?location ?date ?modality
ORDER BY DESC(?fatalities) (COALESCE(STR(?date), "")) ?event ?location
"""



@pytest.fixture(scope="module")
def store(query_corpus_store: Path) -> Iterator[KGStore]:
    """The seed, tests/data/queries and tests/data/corpus built (and fused) once for the session,
    with a fixed extraction time (conftest.py's query_corpus_store)."""
    with KGStore.open(query_corpus_store, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def keyless(tmp_path_factory: pytest.TempPathFactory, query_corpus_store: Path) -> Iterator[KGStore]:
    """The same store as a store built before the sort keys (kg/graph/derived.py) had them:
    the rewritten listings fall back to a text key there."""
    path = tmp_path_factory.mktemp("keyless") / "kg-store"
    shutil.copytree(query_corpus_store, path)
    with KGStore.open(path) as old:
        old.ox_store.update("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
                            "DELETE WHERE { GRAPH ?g { ?e ckg:reportKey ?k } } ;\n"
                            "DELETE WHERE { GRAPH ?g { ?e ckg:incidentKey ?k } } ;\n"
                            "DELETE WHERE { ?e ckg:reportKey ?k } ; DELETE WHERE { ?e ckg:incidentKey ?k }")
        assert derived.missing(old.ox_store)
    with KGStore.open(path, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def queries() -> dict[str, canned.CannedQuery]:
    return canned.load_queries(ROOT / "queries")


def _cells(result, row) -> tuple:
    out = []
    for var, value in zip(result.vars, row):
        text = "" if value is None else str(value)
        out.append(tuple(sorted(text.split(CONCATS[var]))) if var in CONCATS else text)
    return tuple(out)


def _answer(store: KGStore, text: str) -> tuple[list[str], list[tuple]]:
    result = store.query(text)
    return [str(v) for v in result.vars], [_cells(result, row) for row in result.rows]


def assert_same_answer(store: KGStore, query: canned.CannedQuery, before: str,
                       params: dict[str, str]) -> int:
    """The rewritten ``query`` and the former text ``before`` give the same answer for
    ``params``: columns, rows and order (with the paging's tie-breakers), pages, total.
    Returns the number of rows."""
    reference = canned.parse_query(before, query.name)
    old_vars, expected = _answer(store, paging.page_query(canned.bind(reference, params), paging.ALL))
    text = canned.bind(query, params)
    new_vars, whole = _answer(store, paging.page_query(text, paging.ALL))
    assert new_vars == old_vars
    assert whole == expected
    pages: list[tuple] = []
    for offset in range(0, len(expected) + 5, 5):
        pages += _answer(store, paging.page_query(text, paging.Page(5, offset)))[1]
    assert pages == expected
    counted = store.query(paging.count_query(text)).rows
    assert int(counted[0][0]) == len(expected)
    return len(expected)


@pytest.mark.parametrize(("params", "some"), [
    ({"lat": "36.34", "lon": "43.13", "km": "100"}, True),   # Mosul
    ({"lat": "36.34", "lon": "43.13", "km": "400"}, True),   # to Baghdad
    ({"lat": "36.34", "lon": "43.13", "km": "400", "type": "attack"}, True),
    ({"lat": "36.34", "lon": "43.13", "km": "100", "type": "capture"}, True),
    ({"lat": "12.0", "lon": "14.0", "km": "300"}, True),      # the Lake Chad basin
    ({"lat": "12.0", "lon": "14.0", "km": "300", "type": "meeting"}, False),
    ({"lat": "-36.34", "lon": "43.13", "km": "100"}, False),
    ({"lat": "0", "lon": "0", "km": "20000"}, True),          # the whole earth
])
def test_events_near_answers_as_before(store, queries, params, some) -> None:
    found = assert_same_answer(store, queries["events-near"], EVENTS_NEAR_BEFORE, params)
    if some:
        assert found, "the example must find events"


def test_evidence_answers_as_before(store, queries) -> None:
    """An event, and actors, places and quantities that fill roles (one of every ~12th, by IRI)."""
    fillers = [row[0] for row in store.query(
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
        "SELECT DISTINCT ?s WHERE { ?e ckg:evidence ?n ; ?p ?s . FILTER(?p IN (ckg:agent, ckg:force, "
        "ckg:perpetrator, ckg:target, ckg:location, ckg:captor, ckg:place, ckg:former, ckg:participant, "
        "ckg:speaker, ckg:about, ckg:visitor, ckg:quantity, ckg:destination, ckg:origin)) } ORDER BY ?s").rows]
    picked = fillers[::max(1, len(fillers) // 12)]
    assert len(picked) >= 10
    found = [assert_same_answer(store, queries["evidence"], EVIDENCE_BEFORE, {"subject": str(s)})
             for s in picked]
    assert all(found)
    assert not assert_same_answer(store, queries["evidence"], EVIDENCE_BEFORE,
                                  {"subject": "https://w3id.org/conflict-kg/id/person/nobody"})
    event = store.query("SELECT ?e WHERE { ?e <https://w3id.org/conflict-kg/ontology#evidence> ?n } "
                        "ORDER BY ?e LIMIT 1").rows[0][0]
    assert assert_same_answer(store, queries["evidence"], EVIDENCE_BEFORE, {"subject": str(event)}) == 1


#: Names of the built store (labels in other cases, an alias, IRIs, and names found nowhere).
ACTORS = ["Ash Carter", "ash carter", "ISLAMIC STATE", "Iraqi forces", "Haider al-Abadi",
          "https://w3id.org/conflict-kg/id/person/ash-carter", "https://w3id.org/conflict-kg/id/person/nobody",
          "Atlantis", "x\" } UNION { ?s ?p ?o } #", "urn:x:not-a-name"]
PLACES = ["Qayara", "qayara air base", "Damasak", "Mosul", "Monguno", "Atlantis"]


def _named_iris(store: KGStore, limit: int) -> list[str]:
    """Some IRIs of named things that take part in events (one of every few, by IRI)."""
    rows = store.query("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
                       "SELECT DISTINCT ?x WHERE { ?x ckg:nameKey ?k . ?e ?r ?x . ?e ckg:evidence ?n } "
                       "ORDER BY ?x").rows
    iris = [str(r[0]) for r in rows]
    return iris[::max(1, len(iris) // limit)]


@pytest.mark.parametrize(("name", "before", "param"), [
    ("actor-profile", ACTOR_PROFILE_BEFORE, "actor"),
    ("statements-by", STATEMENTS_BY_BEFORE, "actor"),
    ("meetings-between", MEETINGS_BETWEEN_BEFORE, "actor"),
    ("documents-mentioning", DOCUMENTS_MENTIONING_BEFORE, "entity"),
    ("control-timeline", CONTROL_TIMELINE_BEFORE, "place"),
])
def test_name_lookups_answer_as_before(store, queries, name, before, param) -> None:
    """The one-pattern name look-up finds what the UNION of the two found: names in any case,
    IRIs, nothing for unknown names and for text that parses as an IRI of nothing."""
    values = (PLACES if param == "place" else ACTORS) + _named_iris(store, 8)
    found = [assert_same_answer(store, queries[name], before, {param: v}) for v in values]
    assert sum(1 for n in found if n) >= 3, found


def test_statements_by_answers_as_before(store, queries) -> None:
    some = 0
    for params in [{}, {"about": "Islamic State"}, {"from": "2016-01-01", "to": "2016-12-31"},
                   {"actor": "Ash Carter", "from": "2016-04-01"}, {"to": "2015-01-01"}]:
        some += bool(assert_same_answer(store, queries["statements-by"], STATEMENTS_BY_BEFORE, params))
    assert some >= 3


def test_meetings_between_answers_as_before(store, queries) -> None:
    pairs = [{"actor": "Ash Carter", "other": "Haider al-Abadi"},
             {"actor": "ash carter", "other": "HAIDER AL-ABADI"},
             {"actor": "Haider al-Abadi", "other": "https://w3id.org/conflict-kg/id/person/ash-carter"},
             {"actor": "Ash Carter", "other": "Atlantis"}]
    found = [assert_same_answer(store, queries["meetings-between"], MEETINGS_BETWEEN_BEFORE, p)
             for p in pairs]
    assert found[0] and found[0] == found[1] == found[2] and not found[3]
    participants = [str(r[0]) for r in store.query(
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
        "SELECT DISTINCT ?p WHERE { ?m a ckg:Meeting ; ckg:participant ?p } ORDER BY ?p").rows]
    assert len(participants) >= 4
    for iri in participants:
        assert_same_answer(store, queries["meetings-between"], MEETINGS_BETWEEN_BEFORE, {"actor": iri})


def test_control_timeline_answers_as_before(store, queries) -> None:
    for place in PLACES:
        assert_same_answer(store, queries["control-timeline"], CONTROL_TIMELINE_BEFORE,
                           {"place": place, "all": "true"})


@pytest.mark.parametrize(("params", "some"), [
    ({"from": "2016-07-01", "to": "2016-07-31"}, True),
    ({"from": "2016-01-01"}, True),
    ({"to": "2016-06-30"}, True),
    ({"from": "2021-03-01", "to": "2021-03-31", "type": "attack"}, True),
    ({"type": "meeting"}, True),
    ({"modality": "planned"}, True),
    ({"from": "2016-07-09", "to": "2016-07-09", "modality": "asserted"}, False),
    ({}, True),
    ({"from": "2999-01-01"}, False),
    # the year and month `from` lies in, a period of one day inside a month, a day's bounds
    ({"from": "2016-07-15"}, True),
    ({"to": "2016-07-15"}, True),
    ({"from": "2016-06-15", "to": "2016-07-15"}, True),
    ({"from": "2016-01-01", "to": "2016-01-01"}, True),
    ({"from": "2016-12-31", "to": "2016-12-31"}, True),
    ({"from": "2015-02-28", "to": "2021-03-03", "type": "capture", "modality": "asserted"}, True),
    ({"from": "2016-07-31", "to": "2016-07-01"}, False),
])
def test_events_in_period_answers_as_before(store, queries, params, some) -> None:
    found = assert_same_answer(store, queries["events-in-period"], EVENTS_IN_PERIOD_ROUND6, params)
    assert assert_same_answer(store, queries["events-in-period"], EVENTS_IN_PERIOD_BEFORE, params) == found
    if some:
        assert found, "the example must find events"


@pytest.mark.parametrize("problem", ["", "no-coordinates", "no-country", "no-state", "no-place"])
def test_unresolved_entities_answers_as_before(store, queries, problem) -> None:
    params = {"problem": problem} if problem else {}
    found = assert_same_answer(store, queries["unresolved-entities"], UNRESOLVED_BEFORE, params)
    assert found or problem == "no-state"


@pytest.mark.parametrize("level", ["", "incidents", "reports"])
def test_actors_by_events_answers_as_before(store, queries, level) -> None:
    params = {"level": level} if level else {}
    assert assert_same_answer(store, queries["actors-by-events"], ACTORS_BY_EVENTS_BEFORE, params) > 10


def test_actors_by_events_answers_as_before_without_incidents(tmp_path, extractor, queries) -> None:
    """A store built without fusion: reports by default, nothing at the incident level."""
    path = tmp_path / "kg-store"
    with KGStore.open(path) as built:
        pipeline.build([ROOT / "tests" / "data" / "queries", ROOT / "seeds"], built,
                       extractor=extractor, generated_at=BUILT_AT, fuse=False)
    with KGStore.open(path, read_only=True) as unfused:
        assert assert_same_answer(unfused, queries["actors-by-events"], ACTORS_BY_EVENTS_BEFORE, {}) > 5
        assert assert_same_answer(unfused, queries["actors-by-events"], ACTORS_BY_EVENTS_BEFORE,
                                  {"level": "incidents"}) == 0


# ------------------------------------------------------------------ round 4: the sort keys

def test_the_built_store_has_its_sort_keys(store) -> None:
    assert not derived.missing(store.ox_store)


@pytest.mark.parametrize("with_keys", [True, False])
@pytest.mark.parametrize(("name", "before"), [("attacks", ATTACKS_BEFORE), ("captures", CAPTURES_BEFORE),
                                              ("meetings", MEETINGS_BEFORE)])
def test_keyed_listings_answer_as_before(store, keyless, queries, name, before, with_keys) -> None:
    """Paged from the reports' sort keys (and, in a store without them, from the text key)."""
    found = assert_same_answer(store if with_keys else keyless, queries[name], before, {})
    assert found > 5


@pytest.mark.parametrize("with_keys", [True, False])
@pytest.mark.parametrize(("params", "some"), [
    ({}, True),
    ({"type": "attack"}, True),
    ({"type": "Capture"}, True),
    ({"type": "nothing"}, False),
    ({"country": "Nigeria"}, True),
    ({"country": "ng"}, True),
    ({"country": "https://w3id.org/conflict-kg/id/state/iq"}, True),
    ({"country": "Atlantis"}, False),
    ({"from": "2016-01-01", "to": "2016-12-31"}, True),
    ({"from": "2021-03-01"}, True),
    ({"to": "2015-12-31"}, True),
    ({"min_sources": "2"}, True),
    ({"country": "Nigeria", "type": "attack", "from": "2021-01-01", "min_sources": "2"}, True),
])
def test_incidents_answers_as_before(store, keyless, queries, params, some, with_keys) -> None:
    found = assert_same_answer(store if with_keys else keyless, queries["incidents"], INCIDENTS_BEFORE, params)
    if some:
        assert found, "the example must find incidents"


@pytest.mark.parametrize("with_keys", [True, False])
@pytest.mark.parametrize(("params", "some"), [
    ({}, True),
    ({"country": "Iraq"}, True),
    ({"country": "iq"}, True),
    ({"country": "https://w3id.org/conflict-kg/id/state/iq"}, True),
    ({"country": "Iraq", "from": "2016-01-01"}, True),
    ({"place": "Qayara"}, True),
    ({"place": "qayara air base", "country": "IQ"}, True),
    ({"place": "Qayara", "country": "Nigeria"}, False),
    ({"from": "2016-07-01", "to": "2016-07-31"}, True),
    ({"from": "2016-04-15"}, True),        # a deployment dated April 2016 (the month overlaps)
    ({"to": "2016-04-01", "country": "iq"}, True),
    ({"from": "2016-12-31", "to": "2016-12-31"}, True),  # dated 2016 (the year overlaps)
    ({"to": "2015-12-31"}, False),
    ({"place": "Atlantis"}, False),
    ({"country": "Nigeria"}, False),
])
def test_deployments_answers_as_before(store, keyless, queries, params, some, with_keys) -> None:
    found = assert_same_answer(store if with_keys else keyless, queries["deployments"], DEPLOYMENTS_BEFORE, params)
    if some:
        assert found, "the example must find deployments"



# ------------------------------------------------------------------ round 5: more derived data

@pytest.mark.parametrize(("params", "some"), [
    ({}, True),
    ({"level": "incidents"}, True),
    ({"level": "reports"}, True),
    ({"kind": "fatalities"}, True),
    ({"kind": "troops"}, False),
    ({"type": "attack"}, True),
    ({"type": "meeting"}, False),
    ({"level": "reports", "kind": "fatalities", "type": "attack"}, True),
    ({"level": "incidents", "kind": "nothing"}, False),
])
def test_disputed_figures_answers_as_before(store, queries, params, some) -> None:
    found = assert_same_answer(store, queries["disputed-figures"], DISPUTED_FIGURES_BEFORE, params)
    assert bool(found) == some


def _attacked_places(store: KGStore) -> list[str]:
    """IRIs of attacked places and of the areas they lie within, to give as a country."""
    rows = store.query("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
                       "SELECT DISTINCT ?a WHERE { ?e a ckg:Attack ; ckg:location ?p . "
                       "?p (ckg:country|ckg:within)* ?a } ORDER BY ?a").rows
    return [str(r[0]) for r in rows]


@pytest.mark.parametrize(("params", "some"), [
    ({}, True),
    ({"level": "reports"}, True),
    ({"level": "incidents"}, True),
    ({"country": "Nigeria"}, True),
    ({"country": "ng", "level": "reports"}, True),
    ({"country": "NG", "level": "incidents"}, True),
    ({"country": "https://w3id.org/conflict-kg/id/state/ng"}, True),
    ({"country": "iraq"}, True),
    ({"country": "Atlantis"}, False),
    ({"country": "x\" } UNION { ?s ?p ?o } #"}, False),
    ({"from": "2021-01-01", "to": "2021-03-31"}, True),
    ({"country": "Nigeria", "from": "2021-03-01", "level": "reports"}, True),
    ({"to": "2016-12-31"}, True),
    ({"min": "2"}, True),
    ({"min": "1000"}, False),
])
def test_places_by_attacks_answers_as_before(store, queries, params, some) -> None:
    found = assert_same_answer(store, queries["places-by-attacks"], PLACES_BY_ATTACKS_BEFORE, params)
    assert bool(found) == some


def test_places_by_attacks_answers_as_before_for_every_area_iri(store, queries) -> None:
    """Attacked places, and areas they lie within, given as the country (IRI): six of them,
    evenly spread over their order (the places themselves, provinces, states)."""
    areas = _attacked_places(store)
    assert len(areas) > 10
    kinds = {a.split("/id/")[1].split("/")[0]: a for a in reversed(areas)}  # the first of each kind
    assert {"place", "state"} <= set(kinds), kinds
    for area in sorted(set(areas[::len(areas) // 6][:6]) | set(kinds.values())):
        assert assert_same_answer(store, queries["places-by-attacks"], PLACES_BY_ATTACKS_BEFORE,
                                  {"country": area, "level": "reports"}) >= 1


@pytest.mark.parametrize(("params", "some"), [
    ({}, True),
    ({"min": "1"}, True),
    ({"min": "0", "level": "reports"}, True),
    ({"min": "-5", "level": "incidents"}, True),
    ({"min": "21"}, True),
    ({"min": "100000000"}, False),
    ({"level": "reports"}, True),
    ({"min": "1", "country": "Nigeria"}, True),
    ({"min": "1", "country": "ng", "level": "reports"}, True),
    ({"min": "1", "country": "https://w3id.org/conflict-kg/id/state/iq"}, True),
    ({"min": "1", "country": "Atlantis"}, False),
    ({"min": "1", "from": "2021-03-01", "to": "2021-03-31"}, True),
    ({"min": "1", "from": "2021-01-01", "country": "NG", "level": "reports"}, True),
    ({"to": "2015-12-31"}, True),
    ({"from": "2999-01-01"}, False),
])
def test_deadly_attacks_answers_as_before(store, queries, params, some) -> None:
    found = assert_same_answer(store, queries["deadly-attacks"], DEADLY_ATTACKS_BEFORE, params)
    assert bool(found) == some


def test_deadly_attacks_orders_tolls_the_keys_cannot_hold_as_before(queries) -> None:
    """Tolls that are not multiples of 1/4, huge or negative get a ckg:tollBucket (their
    bucket only): the query orders them among the exact keys by their toll and date, as the
    former text orders them. Attack reports written by hand, each key as the mapping writes it."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF

    from kg.graph.vocab import CKG, CKGD
    from kg.store.core import graph_iri_for

    tolls = [("10", "2021-03-01"), ("10.1", "2021-01-01"), ("10.2", "2021-02-01"), ("10.2", None),
             ("10.25", "2020-01-01"), ("9.9", "2021-05-01"), ("10", None), ("0", "2021-01-01"),
             ("-1", "2021-01-01"), ("1e9", "2019-01-01"), ("300000000", "2018-01-01"), ("12", "2021")]
    store = KGStore.open(None)
    for n, (toll, date) in enumerate(tolls):
        doc = f"d{n:02d}"
        ev, q, evidence = (URIRef(f"{CKGD}event/{doc}/attack-1"), URIRef(f"{CKGD}event/{doc}/attack-1/quantity/fatalities"),
                           URIRef(f"{CKGD}event/{doc}/attack-1/evidence"))
        value = Literal(toll, datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")) \
            if "e" not in toll else Literal(str(int(float(toll))), datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))
        triples = [(ev, RDF.type, CKG.Attack), (ev, CKG.modality, CKG.Asserted), (ev, CKG.quantity, q),
                   (q, CKG.quantityKind, Literal("fatalities")), (q, RDF.value, value),
                   (ev, CKG.evidence, evidence), (evidence, CKG.text, Literal(f"Sentence {n}.")),
                   (ev, CKG.reportedIn, URIRef(f"{CKGD}doc/{doc}")),
                   derived.toll_triple(ev, False, value, date)]
        if date:
            dtype = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(date)]
            triples.append((ev, CKG.date, Literal(date, datatype=URIRef(f"http://www.w3.org/2001/XMLSchema#{dtype}"))))
        store.replace_graph(graph_iri_for(doc), triples)
    buckets = store.query("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
                          "SELECT (COUNT(*) AS ?n) WHERE { ?e ckg:tollBucket ?k }").rows[0][0]
    assert int(buckets) >= 5  # 10.1, 10.2 (twice), 9.9, -1, 1e9, 300000000
    for params in ({"min": "-10", "level": "reports"}, {"min": "10", "level": "reports"},
                   {"min": "11", "level": "reports"}, {"min": "1000000", "level": "reports"}):
        assert assert_same_answer(store, queries["deadly-attacks"], DEADLY_ATTACKS_BEFORE, params) >= 1
    store.close()
