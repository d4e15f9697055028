# Two entry points on a fresh machine: `make serve` (build + preview) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# The web editor's bundle (Decap CMS) and its local backend, pinned by package-lock.json.
NODE_STAMP := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)

.PHONY: serve site test check preview admin clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## serve: build with the bundled articles and serve at http://127.0.0.1:8000, rebuilding on edits
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

## preview: like serve, but only the newest $(N) articles (plus edited ones): fast at 10,000+
N ?= 200
preview: $(STAMP)
	ARCHIVE_PREVIEW_LIMIT=$(N) $(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

## admin: like serve, with the web editor at http://127.0.0.1:8000/quan-tri/ saving into articles/ (no account)
admin: $(STAMP) $(NODE_STAMP)
	@node node_modules/decap-server/dist/index.js & server=$$!; trap "kill $$server" EXIT INT TERM; \
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

## site: production build into site/, strict (any warning or error fails)
site: $(STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs build --strict --clean

## check: validate every article without building
check: $(STAMP)
	scripts/archive check

## test: the whole test suite (installs Debian's chromium for the browser tests when run as root)
test: $(STAMP) $(NODE_STAMP)
	scripts/install-browser
	$(BIN)/python -m pytest

clean:
	rm -rf site .cache .pytest_cache
