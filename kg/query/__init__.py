"""Stage 6, query: canned queries (``queries/*.rq``) and the formats results are written in."""
