# Two commands on a fresh machine: `make run` serves the dashboard, `make test` runs every test.
# Both create the virtual environment and install the pinned requirements when needed.

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8501
BIN := $(VENV)/bin

.PHONY: run test chromium postgresql libreoffice nginx check generate screenshots site messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# The English interface (?lang=en): its message catalogue is compiled from the committed .po at install time.
LOCALE_DIR := koperasi_data/locale
MO := $(LOCALE_DIR)/en/LC_MESSAGES/messages.mo

$(MO): $(LOCALE_DIR)/en/LC_MESSAGES/messages.po | $(VENV)/.installed-runtime
	$(BIN)/pybabel compile --statistics -D messages -d $(LOCALE_DIR) -l en

## messages: after changing interface text, extract the messages (code and datapackage.json) and update the .po
## (no source locations, sorted: moving code does not touch the catalogues, so branches merge cleanly);
## then translate the new entries in $(LOCALE_DIR)/en/LC_MESSAGES/messages.po (tests/test_i18n.py checks them)
messages: $(VENV)/.installed-runtime
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k N_ --no-wrap --no-location --sort-output \
	  --project="Dasbor Koperasi UMKM Pamekasan" -o $(LOCALE_DIR)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE_DIR)/messages.pot -d $(LOCALE_DIR) -l en --no-wrap --no-fuzzy-matching

## run: serve the dashboard on http://127.0.0.1:$(PORT) with the shipped data
run: $(VENV)/.installed-runtime $(MO)
	$(BIN)/python -m streamlit run dashboard.py --server.address 127.0.0.1 --server.port $(PORT)

## test: unit, dataset, page (AppTest) and browser (Chromium) tests, on $(TEST_WORKERS) workers (pytest-xdist; each
## test file stays on one worker, so a file's servers and fixtures start once); TEST_WORKERS=0 runs them in one process
TEST_WORKERS ?= 2
test: $(VENV)/.installed-test $(MO) chromium postgresql libreoffice nginx
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

## chromium: Debian's Chromium for the browser tests and chart images (never a downloaded browser build),
## and the DejaVu fonts the PDF deck is set in
chromium:
	@{ command -v chromium && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

## libreoffice: Debian's LibreOffice Impress and poppler-utils; a test converts the PPTX deck to PDF headless
## (then pdftoppm) to check that it reads Indonesian on any PC locale
libreoffice:
	@{ command -v soffice && command -v pdftoppm; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends libreoffice-impress poppler-utils >/dev/null; }

## postgresql: Debian's PostgreSQL server binaries; the store tests start a throwaway cluster with them
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

## nginx: Debian's nginx for the deploy test (two app servers behind deploy/nginx-dasbor.conf); the test runs
## its own nginx on a free loopback port, so the package's service is never started
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; }

## check: validate data/ against datapackage.json and the cross-column rules
check: $(VENV)/.installed-runtime
	$(BIN)/python -m koperasi_data check

## generate: rewrite the illustrative register in data/ (deterministic, seeded)
generate: $(VENV)/.installed-runtime
	$(BIN)/python -m koperasi_data generate

## site: bake the public static site of the store's current version into $(SITE_DIR) (PNG previews need chromium)
SITE_DIR ?= situs
site: $(VENV)/.installed-runtime $(MO)
	@$(MAKE) --no-print-directory chromium || echo "Chromium tidak dapat dipasang: situs dibangun tanpa gambar pratinjau PNG."
	$(BIN)/python -m koperasi_data site $(SITE_DIR) $(if $(SITE_URL),--url $(SITE_URL))
