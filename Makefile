# conflict-kg: make demo | make test | make bench | make train | make clean.  Needs only python3 (and make) on a fresh clone.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Debian packages the tests need: Chromium for the browser tests (Playwright drives
# /usr/bin/chromium; it never downloads a browser of its own); Java for the HermiT reasoner (kg reason).
APT_PACKAGES ?= chromium default-jre-headless virtuoso-opensource

.PHONY: venv demo test eval train bench bench-scale sysdeps clean distclean docs

venv: $(STAMP)

# Re-install only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: venv
	$(BIN)/kg build seeds/
	$(BIN)/kg query deployments
	$(BIN)/kg viz -o out/graph.html
	@echo "demo: open out/graph.html in a browser; .venv/bin/kg serve for the SPARQL endpoint and web page"

# Install the missing Debian packages in APT_PACKAGES (as root only; else say what to run).
sysdeps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "sysdeps: missing Debian packages:$$missing (run: sudo apt-get install -y$$missing)" >&2; exit 1; \
	fi; \
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing

test: venv sysdeps
	$(BIN)/python -m pytest -q

# Extraction quality: the seed and the real-news corpus (dev and test), per article and in total
# (see tests/data/realnews/README.md). EVAL_ARGS="--set written-dev --misses" for other sets.
eval: venv
	$(BIN)/python scripts/eval.py $(EVAL_ARGS)
agreement: venv ; $(BIN)/python scripts/agreement.py --per-article  # inter-annotator agreement on the real-news gold (docs/agreement.md)

# The learned event filter (docs/learned.md): trained on the dev gold, written to
# kg/data/models/event_filter (and its threshold to kg/data/learned.yaml); prints the
# cross-validation table. Deterministic; about a minute on 2 cores. Run it again after the rules change.
# Then the learned anchor ranker (docs/learned.md): kg/data/models/anchor_ranker, its margin in
# learned.yaml, the cross-validation by batch (about two minutes more; ANCHOR_TRAIN_ARGS=--cv-only
# prints the table and writes nothing).
train: venv
	$(BIN)/python scripts/train_event_filter.py $(TRAIN_ARGS)
	$(BIN)/python scripts/train_anchor_ranker.py $(ANCHOR_TRAIN_ARGS)
	$(BIN)/python scripts/train_recall_proposer.py $(RECALL_TRAIN_ARGS)

# The ontology's documentation pages and its Turtle / RDF/XML / N-Triples files (kg/graph/ontodoc.py).
DOCS_DIR ?= out/docs/ontology
docs: venv
	$(BIN)/python -m kg.graph.ontodoc $(DOCS_DIR)

# Speed measurements (not tests; see docs/speed.md): ~10 min with the default 1000 documents.
BENCH_DOCS ?= 1000
bench: venv
	$(BIN)/python benchmarks/bench_build.py --docs $(BENCH_DOCS) --jobs 1 2
	$(BIN)/python benchmarks/bench_store.py

# Issue 14 at scale (docs/speed.md, "10,000 documents"): corpus, kg build --jobs 2, every canned
# query, kg serve under 8 clients. Hours at 10,000 on 2 cores; SCALE_DOCS=500 for a quick run.
SCALE_DOCS ?= 10000
bench-scale: venv
	$(BIN)/python benchmarks/bench_scale.py --docs $(SCALE_DOCS)

clean:
	rm -rf .kg-store out .pytest_cache build
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
