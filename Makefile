# Every target bootstraps what it needs: a .venv with the pinned dependencies of requirements.txt.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
GEN := $(PY) -m generator
BUMDES ?=
PRODUCT ?=
PORT ?= 8000
DEST ?=

.PHONY: build serve check test new-product translations schemas bench audit publish lock clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# axe-core (accessibility tests) and Lighthouse (make audit), pinned in package-lock.json.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund

## build: validate the catalog and build the whole site into site/
build: $(STAMP)
	$(GEN) build $(if $(BUMDES),--bumdes $(BUMDES))

## serve: build and preview on http://127.0.0.1:$(PORT)/ with live reload (BUMDES=<id> for one BUMDes)
serve: $(STAMP)
	$(GEN) serve --port $(PORT) $(if $(BUMDES),--bumdes $(BUMDES))

## check: validate the catalog only (the same check CI runs on every pull request)
check: $(STAMP)
	$(GEN) check

## test: run every test
test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest

## audit: Lighthouse scores and byte budgets of the built site (run make build first)
audit: $(STAMP) $(NODE_STAMP)
	CHROME_PATH=/usr/bin/chromium $(PY) scripts/audit.py

## new-product: scaffold a product file: make new-product BUMDES=<bumdes-id> PRODUCT=<product-id>
new-product: $(STAMP)
	@test -n "$(BUMDES)" -a -n "$(PRODUCT)" || { echo "usage: make new-product BUMDES=<bumdes-id> PRODUCT=<product-id>"; exit 2; }
	$(GEN) new $(BUMDES) $(PRODUCT)

## translations: report missing and stale translations per language
translations: $(STAMP)
	$(GEN) translations

## schemas: regenerate schemas/*.schema.json from the models and site_config.yml
schemas: $(STAMP)
	$(GEN) schemas

## bench: synthetic 10,000-product catalog; prints timings, memory and sizes
bench: $(STAMP)
	$(PY) -m generator.bench

## publish: upload site/ to S3-compatible object storage with rclone: make publish DEST=<remote>:<bucket/path>
## (the remote is configured by RCLONE_CONFIG_<REMOTE>_* variables; run make build first; docs/publishing.md)
publish: $(STAMP)
	$(GEN) publish --dest '$(DEST)'

## lock: re-pin requirements.txt from requirements.in
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned from requirements.in with: make lock"; .venv-lock/bin/pip freeze; } > requirements.txt
	rm -rf .venv-lock

clean:
	rm -rf site .build .cache screenshots
