"""Every statement the Neo4j backend sends, and every query's Neo4j form, checked by Neo4j's
own Cypher front end; plus what the backend decides without a server (transaction plans,
credentials, refusals).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from cypher_lint import errors, unavailable
from sample_graph import small_graph

from actorgraph.graph.querylib import Param, load_library
from actorgraph.graph.schema import load_schema
from actorgraph.graph.stores.base import EdgeRow, GraphDiff, NodeRow, ReadOnlyError, StoreError
from actorgraph.graph.stores.neo4j import (
    Credentials,
    Neo4jStore,
    Write,
    all_statements,
    credentials_from_environment,
    edge_home,
    plan_writes,
)
from actorgraph.graph.stores.rows import diff_graphs

EXAMPLES: dict[str, Any] = {
    "string": "China",
    "int": 5,
    "float": 0.5,
    "bool": True,
    "list": ["China", "Uyghurs"],
    "label": "State",
    "relation": "DETAINED",
    "link": "CO_MENTIONED",
}
SECRET = "s3cret-Pa55"


@pytest.fixture(scope="module")
def linter() -> None:
    reason = unavailable()
    if reason:
        pytest.skip(reason)


def example(param: Param) -> Any:
    return EXAMPLES[param.type] if param.required else param.default


# --- the Cypher lint ---------------------------------------------------------------------


def test_lint_reports_errors_it_should(linter: None) -> None:
    """The lint is live: a Ladybug-only function and an undeclared parameter are errors."""
    found = errors([("MATCH (n) RETURN label(n) AS l, $missing AS m", {})])
    assert len(found) == 2


def test_store_statements_cover_every_label_and_type() -> None:
    schema = load_schema()
    text = "\n".join(statement for statement, _ in all_statements())
    for name in (*schema.node_labels, *schema.links):
        assert f"`{name}`" in text, name
    assert len(all_statements(every_pair=True)) > len(all_statements())


def test_store_statements_pass_neo4j_lint(linter: None) -> None:
    found = errors(all_statements())
    assert not found, "\n".join(found)


def test_query_library_neo4j_forms_pass_neo4j_lint(linter: None) -> None:
    statements = [
        (query.text, {p.name: example(p) for p in query.params})
        for query in load_library().values()
    ]
    assert len(statements) >= 15
    found = errors(statements)
    assert not found, "\n".join(found)


# --- planning transactions ---------------------------------------------------------------


def rows_of(transaction: list[Write]) -> list[dict[str, Any]]:
    return [row for write in transaction for row in write.params.get("rows", [])]


def test_plan_keeps_each_document_in_one_transaction() -> None:
    """Even at batch size 1, a document's node and its MENTIONS links commit together."""
    diff = diff_graphs(nx.MultiDiGraph(), small_graph())
    plan = plan_writes(diff, batch_size=1)
    assert sum(len(rows_of(tx)) for tx in plan) == len(diff)
    assert len(plan) > 1
    for document in ("doc:00000000000000a1", "doc:00000000000000b2"):
        holding = {i for i, tx in enumerate(plan) for r in rows_of(tx) if r.get("id") == document}
        mentions = {
            i
            for i, tx in enumerate(plan)
            for w in tx
            if "`MENTIONS`" in w.statement
            for r in w.params["rows"]
            if r["source"] == document
        }
        assert len(holding) == 1 and mentions == holding


def test_plan_writes_links_no_earlier_than_their_nodes() -> None:
    diff = diff_graphs(nx.MultiDiGraph(), small_graph())
    for batch_size in (1, 2, 5, 1000):
        written: set[str] = set()
        for transaction in plan_writes(diff, batch_size):
            for write in transaction:  # nodes come before links within a transaction
                for row in write.params["rows"]:
                    if "props" in row and "source" not in row:
                        written.add(row["id"])
                    elif "props" in row:
                        assert {row["source"], row["target"]} <= written, batch_size


def test_plan_respects_batch_size_and_deletes_first() -> None:
    before = small_graph()
    after = small_graph()
    after.remove_node("Group:uyghurs")
    after.nodes["State:china"]["mentions"] = 9
    diff = diff_graphs(before, after)
    plan = plan_writes(diff, batch_size=1)
    kinds = ["DELETE" in tx[0].statement for tx in plan]
    assert kinds == sorted(kinds, reverse=True) and kinds[0]
    big = diff_graphs(nx.MultiDiGraph(), small_graph())
    assert len(plan_writes(big, batch_size=len(big))) == 1
    assert all(len(rows_of(tx)) <= 12 for tx in plan_writes(big, batch_size=12))


def test_plan_refuses_undeclared_labels_and_types_before_writing() -> None:
    with pytest.raises(StoreError, match="Spaceship"):
        plan_writes(GraphDiff(upsert_nodes=[NodeRow("x", "Spaceship", {})]), 10)
    bad = EdgeRow("State:a", "State", "State:b", "State", "OWNS`]->() DETACH DELETE (", {})
    with pytest.raises(StoreError, match="undeclared relationship type"):
        plan_writes(GraphDiff(upsert_edges=[bad]), 10)


def test_edge_home_is_the_document_the_link_comes_from() -> None:
    row = EdgeRow("Person:a", "Person", "doc:1", "Document", "WROTE", {})
    assert edge_home(row) == "doc:1"
    row = EdgeRow(
        "State:a", "State", "State:b", "State", "SANCTIONED", {"evidence_docs": ["doc:9", "doc:2"]}
    )
    assert edge_home(row) == "doc:2"


# --- credentials and refusals, without a server ------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"NEO4J_USER": "ana", "NEO4J_PASSWORD": SECRET}, Credentials("ana", SECRET)),
        ({"NEO4J_PASSWORD": SECRET}, Credentials("neo4j", SECRET)),
        ({"NEO4J_AUTH": f"neo4j/{SECRET}/x"}, Credentials("neo4j", f"{SECRET}/x")),
        ({"NEO4J_AUTH": "none"}, None),
    ],
)
def test_credentials_come_from_the_environment(
    environ: dict[str, str], expected: Credentials | None
) -> None:
    assert credentials_from_environment(environ, interactive=False) == expected


def test_credentials_missing_off_a_terminal_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="NEO4J_PASSWORD"):
        credentials_from_environment({}, interactive=False)


def test_credentials_prompt_on_a_terminal() -> None:
    asked: list[str] = []

    def ask_password(prompt: str) -> str:
        asked.append(prompt)
        return SECRET

    found = credentials_from_environment(
        {"NEO4J_USER": "ana"},
        interactive=True,
        ask_user=lambda prompt: pytest.fail("the user is known"),
        ask_password=ask_password,
    )
    assert found == Credentials("ana", SECRET) and asked == ["Neo4j password for ana: "]
    assert SECRET not in repr(found)


def test_bad_neo4j_auth_never_echoes_it() -> None:
    with pytest.raises(StoreError) as caught:
        credentials_from_environment({"NEO4J_AUTH": SECRET}, interactive=False)
    assert SECRET not in str(caught.value)


def test_credentials_in_the_uri_are_refused_without_echoing_them() -> None:
    with pytest.raises(StoreError) as caught:
        Neo4jStore(f"bolt://neo4j:{SECRET}@localhost:7687", None, connect=False)
    assert SECRET not in str(caught.value)


@pytest.fixture
def unreachable() -> Neo4jStore:
    """The real driver pointed at a closed port: no server, no mock."""
    store = Neo4jStore(
        "bolt://127.0.0.1:1",
        Credentials("neo4j", SECRET),
        connect=False,
        session_config={"max_transaction_retry_time": 0, "connection_acquisition_timeout": 2},
    )
    yield store
    store.close()


def test_store_keeps_credentials_out_of_repr_and_errors(unreachable: Neo4jStore) -> None:
    assert SECRET not in repr(unreachable)
    assert SECRET not in str(vars(unreachable))
    with pytest.raises(StoreError) as caught:
        unreachable.query("MATCH (n) RETURN n.name AS name LIMIT 1")
    assert "127.0.0.1:1" in str(caught.value) and SECRET not in str(caught.value)


def test_connecting_to_no_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot reach Neo4j"):
        Neo4jStore("bolt://127.0.0.1:1", Credentials("neo4j", SECRET))


def test_read_only_query_refuses_writes_before_reaching_the_server(
    unreachable: Neo4jStore,
) -> None:
    with pytest.raises(ReadOnlyError):
        unreachable.query("MATCH (n:Person) SET n.name = $v", {"v": "x"})


def test_store_opened_read_only_refuses_writes_before_reaching_the_server() -> None:
    store = Neo4jStore("bolt://127.0.0.1:1", None, read_only=True, connect=False)
    with pytest.raises(ReadOnlyError):
        store.apply(diff_graphs(nx.MultiDiGraph(), small_graph()))
    with pytest.raises(ReadOnlyError):
        store.query("MATCH (n) RETURN n", read_only=False)
    store.close()
