# Every target bootstraps what it needs: a .venv with the pinned dependencies of requirements.txt, plus
# requirements-dev.txt for the targets that test or measure (make build never installs test tools).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
GEN := $(PY) -m generator
BUMDES ?=
PRODUCT ?=
PORT ?= 8000
DEST ?=
FILES ?=
FORM ?=
BODY ?=
ISSUE ?=
OUT ?=

.PHONY: build serve check test new-product translations schemas bench audit publish strip-location intake lock clean

# The Python floor is pyproject.toml's requires-python: said once, plainly, instead of pip's failure on
# the first package that needs a newer Python.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import re, sys; floor = tuple(int(n) for n in re.search(r"requires-python\s*=\s*\">=([0-9.]+)\"", open("pyproject.toml").read()).group(1).split(".")); sys.exit(0 if sys.version_info[:3] >= floor else "$(PYTHON) is Python %s; this project needs Python >= %s (pyproject.toml). Install it, then run: make PYTHON=python3.11 ..." % (sys.version.split()[0], ".".join(map(str, floor))))'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $(DEV_STAMP)

# axe-core (accessibility tests) and Lighthouse (make audit), pinned in package-lock.json; .npmrc makes npm
# refuse a Node.js older than package.json's engines.
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
test: $(DEV_STAMP) $(NODE_STAMP)
	$(PY) -m pytest

## audit: Lighthouse scores and byte budgets of the built site (run make build first)
audit: $(DEV_STAMP) $(NODE_STAMP)
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
bench: $(DEV_STAMP)
	$(PY) -m generator.bench

## publish: upload site/ to S3-compatible object storage with rclone: make publish DEST=<remote>:<bucket/path>
## (the remote is configured by RCLONE_CONFIG_<REMOTE>_* variables; run make build first; docs/publishing.md)
publish: $(STAMP)
	$(GEN) publish --dest '$(DEST)'

## strip-location: remove GPS and other metadata from photos, pixels untouched: make strip-location FILES="a.jpg b.png"
strip-location: $(STAMP)
	@test -n "$(FILES)" || { echo 'usage: make strip-location FILES="products/<bumdes-id>/<photo>.jpg ..."'; exit 2; }
	$(GEN) strip-location $(FILES)

## intake: an issue form's body → checked catalog files, reply and pull request (what .github/workflows/intake.yml runs):
## make intake FORM=product|bumdes BODY=<file with the issue body> ISSUE=<number> OUT=<folder>
intake: $(STAMP)
	@test -n "$(FORM)" -a -n "$(BODY)" -a -n "$(ISSUE)" -a -n "$(OUT)" || { echo "usage: make intake FORM=product|bumdes BODY=<file> ISSUE=<number> OUT=<folder>"; exit 2; }
	$(GEN) intake --form '$(FORM)' --body '$(BODY)' --issue '$(ISSUE)' --out '$(OUT)'

## lock: re-pin requirements.txt from requirements.in, then requirements-dev.txt from requirements-dev.in
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned from requirements.in with: make lock"; .venv-lock/bin/pip freeze; } > requirements.txt
	.venv-lock/bin/pip install --quiet -r requirements-dev.in
	{ echo "# Pinned from requirements-dev.in with: make lock (test-only; requirements.txt pins the rest)"; \
	  .venv-lock/bin/pip freeze | grep -vxF -f requirements.txt; } > requirements-dev.txt
	rm -rf .venv-lock

clean:
	rm -rf site .build .cache screenshots
