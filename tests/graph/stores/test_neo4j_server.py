"""The Neo4j store against a real Neo4j 5.26 (tests/neo4j_server.py): what only a server shows.

Builds go through the `actorgraph build` command as a user runs it; the killed build is a
real process, SIGKILLed while its write is under way (the store's marker node is there
and some transactions have committed).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import networkx as nx
import pytest
from neo4j_server import Neo4jTarget, graph_layout, stored_graph_of

from actorgraph.graph import querylib
from actorgraph.graph.cli import main
from actorgraph.graph.schema import load_schema
from actorgraph.graph.stores.base import ReadOnlyError
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.graph.stores.neo4j import META
from actorgraph.graph.stores.rows import diff_graphs

pytestmark = pytest.mark.neo4j

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
COUNT_LINKS = "MATCH ()-[r]->() RETURN count(r) AS n"
DUPLICATE_NODES = "MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id) AS n"
DUPLICATE_LINKS = (
    "MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(*) AS c WHERE c > 1 RETURN count(t) AS n"
)


def run_cli(target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    for key, value in target.environ().items():
        monkeypatch.setenv(key, value)
    return main([*args, "--store", target.uri])


def count(target: Neo4jTarget, statement: str) -> int:
    with neo4j.GraphDatabase.driver(target.uri, auth=target.auth) as driver:
        records, _, _ = driver.execute_query(statement)
        return int(records[0]["n"])


@pytest.fixture(scope="module")
def clean_seeds_graph(seeds_store_path: Path) -> nx.MultiDiGraph:
    """The seeds as a clean build into the embedded store holds them: the reference graph."""
    with LadybugStore(seeds_store_path, read_only=True) as store:
        return store.read_graph()


def test_building_the_seeds_twice_writes_nothing_the_second_time(
    empty_neo4j: Neo4jTarget,
    clean_seeds_graph: nx.MultiDiGraph,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(empty_neo4j, monkeypatch, "build", str(SEEDS)) == 0
    first = capsys.readouterr().out
    nodes, links = count(empty_neo4j, COUNT_NODES), count(empty_neo4j, COUNT_LINKS)
    assert nodes == clean_seeds_graph.number_of_nodes()
    assert links == clean_seeds_graph.number_of_edges()
    assert "(0 rows written)" not in first

    assert run_cli(empty_neo4j, monkeypatch, "build", str(SEEDS)) == 0
    second = capsys.readouterr().out
    assert "(0 rows written)" in second
    assert "0 added, 0 replaced" in second
    assert (count(empty_neo4j, COUNT_NODES), count(empty_neo4j, COUNT_LINKS)) == (nodes, links)
    assert count(empty_neo4j, DUPLICATE_NODES) == 0
    assert count(empty_neo4j, DUPLICATE_LINKS) == 0
    stored = stored_graph_of(empty_neo4j)
    assert len(diff_graphs(clean_seeds_graph, stored)) == 0


def test_build_killed_during_its_write_is_completed_by_the_next(
    empty_neo4j: Neo4jTarget,
    clean_seeds_graph: nx.MultiDiGraph,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SIGKILL between transactions (marker set, some documents committed); then re-run."""
    command = [
        sys.executable,
        "-c",
        "import sys; from actorgraph.graph.cli import main; sys.exit(main(sys.argv[1:]))",
        "build",
        str(SEEDS),
        "--store",
        empty_neo4j.uri,
        "--write-batch-size",
        "1",  # one document per transaction: many commits to fall between
        "--quiet",
    ]
    marker = f"MATCH (m:`{META}`) RETURN count(m) AS n"
    documents = "MATCH (d:Document) RETURN count(d) AS n"
    total_documents = sum(
        1 for _, a in clean_seeds_graph.nodes(data=True) if a["label"] == "Document"
    )
    assert total_documents > 2, "the seeds must give several write transactions"
    with neo4j.GraphDatabase.driver(empty_neo4j.uri, auth=empty_neo4j.auth) as driver:

        def value(statement: str) -> int:
            return int(driver.execute_query(statement)[0][0]["n"])

        process = subprocess.Popen(command, env=empty_neo4j.environ(), stderr=subprocess.PIPE)
        deadline = time.monotonic() + 300
        try:
            while time.monotonic() < deadline and process.poll() is None:
                if value(marker) and value(documents) >= 1:
                    process.send_signal(signal.SIGKILL)
                    break
                time.sleep(0.02)
        finally:
            if process.poll() is None and time.monotonic() >= deadline:
                process.kill()
            _, stderr = process.communicate(timeout=60)
        assert process.returncode == -signal.SIGKILL, f"build was not killed: {stderr!r}"
        held = value(documents)
        assert value(marker) == 1, "the killed write left no marker"
        assert 1 <= held < total_documents, f"{held} of {total_documents}: not a partial write"

    store = empty_neo4j.store(read_only=True)
    assert not store.is_complete()
    store.close()

    assert run_cli(empty_neo4j, monkeypatch, "build", str(SEEDS)) == 0
    assert "resumed an interrupted build" in capsys.readouterr().out
    with empty_neo4j.store(read_only=True) as store:
        assert store.is_complete()
        stored = store.read_graph()
    assert graph_layout(stored) == graph_layout(clean_seeds_graph)
    assert count(empty_neo4j, DUPLICATE_NODES) == count(empty_neo4j, DUPLICATE_LINKS) == 0


WRITES = [
    "CREATE (n:Person {id: 'Person:intruder', name: 'Intruder'})",
    "MATCH (n:State) SET n.name = 'renamed'",
    "MATCH (n) DETACH DELETE n",
    "MERGE (n:Person {id: 'Person:intruder'})",
]


@pytest.mark.parametrize("statement", WRITES)
def test_cypher_command_refuses_writes(
    seeds_neo4j: Neo4jTarget,
    statement: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = count(seeds_neo4j, COUNT_NODES)
    assert run_cli(seeds_neo4j, monkeypatch, "cypher", statement) == 2
    assert "refused" in capsys.readouterr().err
    assert count(seeds_neo4j, COUNT_NODES) == before


@pytest.mark.parametrize("statement", WRITES)
def test_server_refuses_a_write_on_a_read_session(
    seeds_neo4j: Neo4jTarget,
    statement: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With our own write check switched off, Neo4j's READ access mode still refuses."""
    monkeypatch.setattr(querylib, "check_read_only", lambda statement: None)
    before = count(seeds_neo4j, COUNT_NODES)
    with seeds_neo4j.store(read_only=True) as store, pytest.raises(ReadOnlyError):
        store.query(statement)
    assert run_cli(seeds_neo4j, monkeypatch, "cypher", statement) == 2
    assert "refused" in capsys.readouterr().err
    assert count(seeds_neo4j, COUNT_NODES) == before
    with seeds_neo4j.store(read_only=True) as store:
        assert store.query("MATCH (n:State {name: 'renamed'}) RETURN n.id").rows == []


def test_query_command_answers_on_neo4j(
    seeds_neo4j: Neo4jTarget, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_cli(seeds_neo4j, monkeypatch, "query", "entity", "--param", "name=Burma")
    assert status == 0
    assert "State:myanmar" in capsys.readouterr().out


def test_wrong_credentials_give_one_clear_line_without_the_password(
    neo4j_server: Neo4jTarget, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = "not-the-password-9f3a"
    target = Neo4jTarget(neo4j_server.uri, neo4j_server.user, wrong)
    assert run_cli(target, monkeypatch, "stats") == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "refused the credentials" in lines[0] and neo4j_server.uri in lines[0]
    assert wrong not in captured.err + captured.out
    assert neo4j_server.password not in captured.err + captured.out


def test_no_credentials_at_all_is_a_clear_error(
    neo4j_server: Neo4jTarget, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key in ("NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_AUTH"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["stats", "--store", neo4j_server.uri]) == 2
    err = capsys.readouterr().err
    assert "no Neo4j credentials" in err and len(err.strip().splitlines()) == 1


def test_launched_server_is_neo4j_5_26_with_auth_on(neo4j_server: Neo4jTarget) -> None:
    if neo4j_server.launched is None:
        pytest.skip("NEO4J_URI names the contributor's own server")
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition"
        )
    assert records[0]["v"].startswith("5.26.") and records[0]["edition"] == "community"
    with (
        neo4j.GraphDatabase.driver(neo4j_server.uri, auth=None) as anonymous,
        pytest.raises(neo4j.exceptions.AuthError),
    ):
        anonymous.verify_connectivity()


def test_first_write_creates_every_constraint_and_index(empty_neo4j: Neo4jTarget) -> None:
    from sample_graph import small_graph

    from actorgraph.graph.stores.neo4j import SHOW_SCHEMA, schema_definitions

    with empty_neo4j.store() as store:
        store.apply(diff_graphs(nx.MultiDiGraph(), small_graph()))
    with neo4j.GraphDatabase.driver(empty_neo4j.uri, auth=empty_neo4j.auth) as driver:
        names = {r["name"] for r in driver.execute_query(SHOW_SCHEMA).records}
        records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name, type RETURN *")
    assert set(schema_definitions()) <= names
    unique = {r["name"] for r in records if r["type"] == "UNIQUENESS"}
    constraints = {n for n, text in schema_definitions().items() if "CONSTRAINT" in text}
    assert len(constraints) == len(load_schema().node_labels) + 1  # and the marker's key
    assert constraints <= unique
