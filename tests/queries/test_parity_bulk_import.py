"""Bulk import: the seeds' `export --format neo4j-csv`, loaded by Neo4j's own importer
(`neo4j-admin database import full`, run from the test server's jars as
``org.neo4j.cli.AdminTool``) into a fresh home, then served by the launcher, answers every
named query as the database `actorgraph build` wrote with MERGE does.
"""

from __future__ import annotations

import contextlib
import io
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from neo4j_server import Neo4jTarget, launcher, unavailable
from test_parity import SEEDS_CALLS, assert_same_answer, call_id

from actorgraph.graph.cli import main
from actorgraph.graph.exports.neo4j_csv import SCHEMA_FILE, import_command, stored_texts
from actorgraph.graph.stores.rows import diff_graphs

pytestmark = pytest.mark.neo4j


def the_import_command(stdout: str, written: list[Path]) -> list[str]:
    """The `neo4j-admin ...` line the export prints (built from its files if it prints none)."""
    for line in stdout.splitlines():
        if line.strip().startswith("neo4j-admin "):
            return shlex.split(line.strip())
    return shlex.split(import_command(written))


@pytest.fixture(scope="module")
def imported_neo4j(
    seeds_store_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Neo4jTarget]:
    """Export, import with neo4j-admin into a fresh home, serve it; stopped after the module."""
    out = tmp_path_factory.mktemp("neo4j-csv") / "csv"
    home = tmp_path_factory.mktemp("neo4j-imported-home")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(
            ["export", "--format", "neo4j-csv", str(out), "--store", str(seeds_store_path)]
        )
    assert status == 0
    written = sorted(out.glob("*.csv"))
    assert written, "the export wrote no CSV"
    command = the_import_command(printed.getvalue(), written)
    assert command[:4] == ["neo4j-admin", "database", "import", "full"]
    try:
        result = launcher.run_admin(home, *command[1:])
    except launcher.ServerUnavailable as exc:
        unavailable(str(exc))
    assert result.returncode == 0 and "IMPORT DONE" in result.stdout, (
        f"neo4j-admin import failed ({result.returncode}):\n{result.stdout[-3000:]}"
        f"\n{result.stderr[-3000:]}"
    )
    server = launcher.start_server(home)
    try:
        target = Neo4jTarget(server.uri, server.user, server.password, launched=server)
        # what `cypher-shell -f schema.cypher` does, as the export tells the user
        schema = (out / SCHEMA_FILE).read_text("utf-8").split(";\n")
        with neo4j.GraphDatabase.driver(target.uri, auth=target.auth) as driver:
            for statement in filter(None, schema):
                driver.execute_query(statement)
            driver.execute_query("CALL db.awaitIndexes(300)")
        yield target
    finally:
        server.stop()


def test_imported_database_holds_the_built_graph(
    imported_neo4j: Neo4jTarget, seeds_neo4j: Neo4jTarget
) -> None:
    with (
        imported_neo4j.store(read_only=True) as imported,
        seeds_neo4j.store(read_only=True) as built,
    ):
        imported_graph, built_graph = imported.read_graph(), built.read_graph()
        imported_texts = stored_texts(imported, imported_graph)
        built_texts = stored_texts(built, built_graph)
        entities = "MATCH (n:Entity) RETURN count(n) AS n"
        assert imported.query(entities).rows == built.query(entities).rows
    assert imported_graph.number_of_nodes() == built_graph.number_of_nodes() > 100
    assert len(diff_graphs(built_graph, imported_graph)) == 0
    assert imported_texts == built_texts  # every sentence, gap and mention
    assert sum(len(t.sentences) for t in built_texts) > 400


def test_imported_database_gets_the_built_ones_indexes(
    imported_neo4j: Neo4jTarget, seeds_neo4j: Neo4jTarget
) -> None:
    names = "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name ORDER BY name"
    search = (
        "CALL db.index.fulltext.queryNodes('sentence_text', $q) YIELD node, score "
        "RETURN node.id AS id ORDER BY score DESC, id"
    )
    found = []
    for target in (imported_neo4j, seeds_neo4j):  # the driver: `query` runs no procedure
        with neo4j.GraphDatabase.driver(target.uri, auth=target.auth) as driver:
            indexes = [r["name"] for r in driver.execute_query(names).records]
            hits = [r["id"] for r in driver.execute_query(search, q="organ").records]
        found.append((indexes, hits))
    assert found[0] == found[1] and len(found[0][1]) >= 4


@pytest.mark.parametrize("call", SEEDS_CALLS, ids=call_id)
def test_imported_database_answers_as_the_built_one(
    call: tuple[str, dict[str, Any]], imported_neo4j: Neo4jTarget, seeds_neo4j: Neo4jTarget
) -> None:
    name, params = call
    with (
        imported_neo4j.store(read_only=True) as imported,
        seeds_neo4j.store(read_only=True) as built,
    ):
        assert_same_answer(built, imported, name, params)
