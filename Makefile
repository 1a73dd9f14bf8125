# news-ingest: `make demo` runs the whole job on the bundled demo site, `make test` the tests.
# Both create the virtual environment (.venv) and install what they need on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= data/news.db
CORPUS ?= ../shared/corpus/extraction-dev
SYNDICATION ?= ../shared/corpus/syndication-dev

.PHONY: install demo test lint format quality bench bench-export bench-scale-out \
	bench-syndication bench-real-pages clean

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/ingest --db $(DB) demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff check --fix .

# ingest next to bare trafilatura on the corpus's two halves split by host; fails when a figure
# of the scored half is below trafilatura's or a figure dropped below bench/quality.json.
quality: $(STAMP)
	$(BIN)/python bench/quality.py $(CORPUS)

# Crawl throughput and cost next to trafilatura and newspaper4k (docs/performance.md), then
# extraction quality and speed against bare trafilatura (docs/quality.md).
bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/extraction.py $(CORPUS)

# ingest export of 100k and 1M synthetic records in each format: rows/s and peak memory.
# Speed on real pages: import, reprocess and a replayed crawl of a WARC next to bare trafilatura
# (docs/performance.md). WARC=path, else one written from the project's test and demo pages.
bench-real-pages: $(STAMP)
	$(BIN)/python bench/real_pages.py $(WARC)

bench-export: $(STAMP)
	$(BIN)/python bench/export.py

# A distributed crawl (ingest crawl --redis) with one and two worker processes: pages/s.
bench-scale-out: $(STAMP)
	$(BIN)/python bench/scale_out.py

# Syndication figures on a labelled corpus next to their targets, then the precision audit:
# every page of CORPUS marked as a copy, with its evidence (docs/syndication.md).
bench-syndication: $(STAMP)
	$(BIN)/python bench/syndication.py $(SYNDICATION)
	$(BIN)/python bench/syndication_audit.py $(CORPUS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
