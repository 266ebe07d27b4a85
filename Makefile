# CHINAOCS summit site. `make build` and `make test` set everything up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)/hooks
export NO_MKDOCS_2_WARNING := 1
CONTENT := $(or $(SUMMIT_CONTENT),content)

.PHONY: build test test-fast check serve lint clean browser schema new bench screenshots deploy verify verdict format edit

# Browser tests drive Debian's Chromium; Chinese needs the Noto CJK fonts (also for share cards and
# posters); the mirror is published with rclone.
DEBIAN_PACKAGES := chromium fonts-noto-cjk libcairo2 rclone nodejs npm

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# The editing page (/admin/): Decap CMS and its local proxy, pinned in package-lock.json, from the npm
# registry with Debian's Node.js and npm (`make browser` installs them); kept in node_modules/.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; \
	  else \
	    echo "Install Debian's nodejs and npm: sudo apt-get install nodejs npm"; exit 1; \
	  fi; \
	fi
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## check: validate the content folder ($$SUMMIT_CONTENT or content/), fast; STRICT=1: missing English is an error; ALL=1: every warning; SUMMIT_EDITOR_LANG=en: in English
check: $(STAMP)
	$(BIN)/python -m summit check $(if $(STRICT),--strict) $(if $(ALL),--all)

## new: append a skeleton record, e.g. make new KIND=event ID=2026-05-20-boston-roadshow; a session: make new KIND=session EVENT=<event id> ID=<session id>
new: $(STAMP)
	@test -n "$(KIND)" -a -n "$(ID)" || { echo "usage: make new KIND=event|station|partner|project|person ID=<id>  (KIND=session EVENT=<event id> ID=<session id>)"; exit 2; }
	$(BIN)/python -m summit new $(KIND) $(ID) $(if $(EVENT),--event $(EVENT))

## schema: regenerate content/schema/*.schema.json from the models
schema: $(STAMP)
	$(BIN)/python -m summit schema

## format: bring the content files to the form the editing page writes (so a form's save changes only its record)
format: $(NODE_STAMP)
	node scripts/format.mjs write $(wildcard $(CONTENT)/*.yml) $(wildcard $(CONTENT)/events/*.yml)

## edit: the editing page on this checkout, no account: http://127.0.0.1:8000/admin/ (its saves are branches of this repository)
edit: $(STAMP) $(NODE_STAMP)
	@git diff --quiet HEAD && test -z "$$(git status --porcelain --untracked-files=normal)" || { echo "make edit: commit or stash your changes first (the editing page's saves commit the whole working tree to cms/... branches)"; exit 1; }
	@node -e "require('net').createServer().once('error', () => process.exit(1)).listen(8081, '127.0.0.1', function () { this.close(); })" || { echo "make edit: port 8081 (the editing page's local proxy) is in use: stop what runs there first"; exit 1; }
	@echo "Editing page: http://127.0.0.1:8000/admin/ (sign in with 登录 / Login; saves become cms/... branches here)"
	PORT=8081 MODE=git GIT_REPO_DIRECTORY=$(CURDIR) BIND_HOST=127.0.0.1 node_modules/.bin/decap-server & \
	  trap 'kill $$!' EXIT INT TERM; \
	  $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## build: validate, then build site/ with MkDocs in strict mode (site/ is replaced only on success)
build: check $(NODE_STAMP)
	rm -rf .site.tmp
	$(BIN)/mkdocs build --strict --site-dir .site.tmp
	rm -rf site && mv .site.tmp site
	@echo "Built site/: open site/index.html (中文) or site/en/index.html (English)"

## verify: check the built site/ from outside: every record's page, links, calendars, data files
verify: $(STAMP)
	$(BIN)/python -m summit verify

## verdict: what a pull request that changes only content/ gets: check, build, verify (a few minutes)
verdict: build verify

## deploy: publish site/ to the S3-compatible mirror named by $$SUMMIT_MIRROR_* (see CONTRIBUTING); DRY_RUN=1 lists what it would do
deploy: $(STAMP)
	$(BIN)/python -m summit deploy $(if $(filter-out 0,$(DRY_RUN)),--dry-run)

## browser: make sure Debian's chromium, CJK fonts, cairo and rclone are installed (installs them as root)
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ] || ! ls /usr/lib/*/libcairo.so.2 >/dev/null 2>&1 || ! command -v rclone >/dev/null || ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBIAN_PACKAGES); \
	  else \
	    echo "Install Debian's $(DEBIAN_PACKAGES): sudo apt-get install $(DEBIAN_PACKAGES)"; exit 1; \
	  fi; \
	fi

## test: lint, then the whole test suite
test: $(STAMP) browser $(NODE_STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/python -m pytest

## test-fast: the unit tier only (no site build, no browser; about 1 minute), for the edit-test loop
test-fast: $(STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/python -m pytest -m "not site and not browser"

## serve: live preview on http://127.0.0.1:8000, rebuilt when content/ changes; a broken file keeps the last good site
serve: $(STAMP) $(NODE_STAMP)
	-$(BIN)/python -m summit check
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## screenshots: every page kind on a phone and a desktop, both languages, into .github/screenshots/
screenshots: $(STAMP) browser
	$(BIN)/python tests/screenshots.py

## bench: the archive-scale benchmark (SCALE=x for one scale, REPEAT=n pairs of builds, default 5; IMAGES=1: what unchanged images cost); results in bench/results.jsonl
bench: $(STAMP)
	$(BIN)/python bench/run.py $(if $(SCALE),--scale $(SCALE)) $(if $(REPEAT),--repeat $(REPEAT)) $(if $(IMAGES),--images)

lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests

clean:
	rm -rf site .site.tmp $(VENV)
