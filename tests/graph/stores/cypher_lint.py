"""Drive tools/cypher-lint.mjs (Neo4j's own Cypher front end) from the tests.

One Node process lints a whole list of statements: starting it costs seconds, each
statement a fraction of one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from actorgraph.graph.schema import (
    DOCUMENT_PROPERTIES,
    ENTITY_PROPERTIES,
    MENTION_PROPERTIES,
    MENTIONS_PROPERTIES,
    SENTENCE_PROPERTIES,
    TYPED_PROPERTIES,
    load_schema,
)
from actorgraph.graph.stores.neo4j import ENTITY

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "tools" / "cypher-lint.mjs"
PACKAGE = ROOT / "node_modules" / "@neo4j-cypher" / "language-support"
# Keys of the $rows maps the store sends.
ROW_KEYS = ("id", "props", "source", "target", "sentence", "entity")

Statement = tuple[str, dict[str, Any]]


def unavailable() -> str | None:
    """Why the lint cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "`node` is not on PATH; install Node 20 to lint Cypher with Neo4j's front end"
    if not PACKAGE.is_dir():
        return "node_modules/@neo4j-cypher/language-support is missing; run `npm ci`"
    return None


def lint_schema() -> dict[str, list[str]]:
    """The graph's schema as the linter's database schema, so a typo'd name is reported."""
    schema = load_schema()
    keys = {*ENTITY_PROPERTIES, *DOCUMENT_PROPERTIES, *MENTIONS_PROPERTIES, *TYPED_PROPERTIES}
    keys |= {*SENTENCE_PROPERTIES, *MENTION_PROPERTIES}
    return {
        "labels": sorted([*schema.node_labels, schema.sentence_label, ENTITY]),
        "relationshipTypes": sorted([*schema.links, *schema.lexical_links]),
        "propertyKeys": sorted(keys | set(ROW_KEYS)),
    }


def lint(statements: list[Statement]) -> list[list[dict[str, Any]]]:
    """Diagnostics per statement, in order (severity, message, line, column, ...)."""
    payload = {
        "schema": lint_schema(),
        "statements": [{"statement": text, "parameters": params} for text, params in statements],
    }
    done = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"cypher-lint failed ({done.returncode}): {done.stderr.strip()}")
    result: list[list[dict[str, Any]]] = json.loads(done.stdout)
    assert len(result) == len(statements)
    return result


def errors(statements: list[Statement]) -> list[str]:
    """One readable line per error-severity diagnostic, naming the statement."""
    found = []
    for (text, _), diagnostics in zip(statements, lint(statements), strict=True):
        for d in diagnostics:
            if d["severity"] == "error":
                found.append(f"{d['line']}:{d['column']} {d['message']}\n    in: {text}")
    return found
