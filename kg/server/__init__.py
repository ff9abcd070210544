"""``kg serve``: a SPARQL endpoint, linked data, canned-query API and web pages over a KGStore.

Kept import-free on purpose: the query worker processes (kg.server.worker) import this package
and must start fast, without FastAPI or rdflib. Use ``kg.server.app.create_app``.
"""
