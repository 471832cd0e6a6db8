"""``actorgraph curate`` on a real Neo4j 5.26 (tests/neo4j_server.py): a judgement written
to the server at once holds what a curated build from scratch holds."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest
from neo4j_server import Neo4jTarget, stored_graph_of

from actorgraph.graph.cli import main
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.graph.stores.rows import diff_graphs

pytestmark = pytest.mark.neo4j

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
MENTIONS = "MATCH (:Sentence)-[m:HAS_MENTION]->(e {id: $id}) RETURN count(m) AS n"
SHORT, FULL = "Person:marie-van-de-zyl", "Person:marie-van-der-zyl"


def _mentions(target: Neo4jTarget, node: str) -> int:
    with neo4j.GraphDatabase.driver(target.uri, auth=target.auth) as driver:
        records, _, _ = driver.execute_query(MENTIONS, {"id": node})
        return int(records[0]["n"])


def test_curate_merge_on_neo4j_writes_what_a_curated_build_writes(
    empty_neo4j: Neo4jTarget,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for key, value in empty_neo4j.environ().items():
        monkeypatch.setenv(key, value)
    curation = tmp_path / "curation.toml"
    assert main(["build", str(SEEDS), "--store", empty_neo4j.uri, "--quiet"]) == 0
    mentions = _mentions(empty_neo4j, SHORT) + _mentions(empty_neo4j, FULL)
    assert _mentions(empty_neo4j, SHORT) > 0
    capsys.readouterr()
    merge = ["curate", "merge", "Marie van de Zyl", "Marie van der Zyl"]
    assert main([*merge, "--curation", str(curation), "--store", empty_neo4j.uri]) == 0
    assert f"; store {empty_neo4j.uri}: " in capsys.readouterr().out
    assert (_mentions(empty_neo4j, FULL), _mentions(empty_neo4j, SHORT)) == (mentions, 0)

    fresh = tmp_path / "fresh"  # the reference: a build from scratch with the file
    build = ["build", str(SEEDS), "--store", str(fresh), "--curation", str(curation)]
    assert main([*build, "--quiet"]) == 0
    with LadybugStore(fresh, read_only=True) as store:
        reference = store.read_graph()
    stored = stored_graph_of(empty_neo4j)
    assert SHORT not in stored
    assert stored.nodes[FULL]["curated"] == ["merge #1: Marie van de Zyl, Marie van der Zyl"]
    assert len(diff_graphs(reference, stored)) == 0
