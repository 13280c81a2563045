# Thuisbasis: every task goes through this file. Run `make help` for the list.
# The two commands a newcomer needs: `make serve` (site with live reload) and `make test` (all tests).
# Both install what they need first, idempotently: a virtual environment in .venv from requirements.lock.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
NODE_STAMP := node_modules/.package-lock.json

.PHONY: help setup serve build test validate bench lock clean

help:  ## list the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

setup: $(STAMP) $(NODE_STAMP) $(CHROMIUM)  ## install everything the site and the tests need (idempotent)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $(STAMP)

# Browser tests use Debian's Chromium (Playwright's own browser download does not work here).
$(CHROMIUM):
	command -v apt-get >/dev/null || { echo "Installeer Chromium zelf: $(CHROMIUM) ontbreekt" >&2; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# eslint, axe-core (accessibility checks in the browser tests) and the YAML test suite, exactly as pinned in
# package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

serve: $(STAMP)  ## build the site and serve it on http://127.0.0.1:8000 with live reload (also on case changes)
	$(BIN)/mkdocs serve --dirty

build: $(STAMP)  ## build the site into site/ the way CI does (strict), then its search index
	$(BIN)/mkdocs build --strict
	$(BIN)/thuisbasis index site

validate: $(STAMP)  ## check every case and registry file
	$(BIN)/thuisbasis validate

test: setup  ## run the whole test suite: eslint, the JavaScript unit tests, mypy (strict), then pytest
	npm run lint --silent
	npm test --silent
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(STAMP)  ## pipeline vs bare Material vs floor at N cases, R interleaved runs (N=1000 R=3; docs/dev/performance.md)
	$(BIN)/python -m benchmarks --cases $(or $(N),1000) --repetitions $(or $(R),3)

lock:  ## re-pin requirements.lock from pyproject.toml (needs network access to PyPI)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra test --extra build --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:  ## remove the environment and build output
	rm -rf $(VENV) node_modules site rendered build
