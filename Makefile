# wiredesk: `make demo` and `make test` work on a fresh clone with Python 3.11 and make.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME := $(CURDIR)/.dagster
RELEASES ?= 300
N ?= 2000
PEERS_N ?= 500,2000
ROUNDS ?= 3

.PHONY: venv demo test ui bench bench-peers lint run clean-data dagster-home

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

dagster-home:
	@mkdir -p $(DAGSTER_HOME)
	@cp dagster.yaml $(DAGSTER_HOME)/dagster.yaml

## demo: the whole pipeline over the simulated wire network, then what landed
demo: venv dagster-home
	$(BIN)/wiredesk demo --releases $(RELEASES)

## test: the test suite (real Scrapy, Dagster and DuckDB over loopback)
test: venv
	$(BIN)/python -m pytest -q

## ui: the Dagster UI on 127.0.0.1:3000 with the same definitions and warehouse
ui: venv dagster-home
	$(BIN)/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000

## bench: every bench/bench_*.py but the peers (each takes --releases N)
bench: venv
	@for b in $(filter-out bench/bench_peers.py,$(wildcard bench/bench_*.py)); do \
		echo "== $$b"; $(BIN)/python $$b --releases $(N) || exit 1; done

## bench-peers: wiredesk beside a plain Scrapy + trafilatura spider and trafilatura's own
## fetching (make bench-peers PEERS_N=500,2000,8000 ROUNDS=3 NEWS_PLEASE=1)
bench-peers: venv
	$(BIN)/python bench/bench_peers.py --releases $(PEERS_N) --rounds $(ROUNDS) \
		$(if $(NEWS_PLEASE),--with-news-please)

## run: crawl every enabled real source once and load it (make run SOURCES=dna,app)
run: venv dagster-home
	$(BIN)/wiredesk run $(if $(SOURCES),--sources $(SOURCES))

lint: venv
	$(BIN)/ruff check .

clean-data:
	rm -rf data .dagster
