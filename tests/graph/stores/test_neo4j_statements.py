"""Every statement the Neo4j backend sends, and every query's Neo4j form, checked by Neo4j's
own Cypher front end; plus what the backend decides without a server (transaction plans,
credentials, refusals).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from cypher_lint import errors, unavailable
from sample_graph import small_graph

from actorgraph.graph.querylib import Param, load_library
from actorgraph.graph.records import DocumentText, MentionRow, SentenceRow, sentence_id
from actorgraph.graph.schema import load_schema
from actorgraph.graph.stores.base import EdgeRow, GraphDiff, NodeRow, ReadOnlyError, StoreError
from actorgraph.graph.stores.neo4j import (
    ENTITY,
    Credentials,
    Neo4jStore,
    Write,
    all_statements,
    credentials_from_environment,
    edge_home,
    journal_directory,
    lexical_type,
    plan_writes,
    schema_definitions,
    upsert_nodes_statement,
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
    for name in (*schema.node_labels, *schema.links, schema.sentence_label, *schema.lexical_links):
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
    """Entities and documents, then their links; sentences after their document, their
    links and mentions after both ends."""
    diff = diff_graphs(nx.MultiDiGraph(), small_graph())
    assert diff.texts, "the sample graph's documents get the sentences their links cite"
    for batch_size in (1, 2, 5, 1000):
        written: set[str] = set()
        for transaction in plan_writes(diff, batch_size):
            for write in transaction:  # in order within a transaction
                for row in write.params.get("rows", []):
                    if "props" in row and "source" not in row:
                        written.add(row["id"])
                    elif "position" in row:  # a sentence
                        assert row["document"] in written, batch_size
                        written.add(row["id"])
                    elif "entity" in row:
                        assert {row["sentence"], row["entity"]} <= written, batch_size
                    else:
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
    assert len(plan_writes(big, batch_size=len(big))) == 2  # nodes and links; texts
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
    sentences = ["doc:9:0", "doc:2:14", "doc:2:3"]
    row = EdgeRow("State:a", "State", "State:b", "State", "SANCTIONED", {"sentences": sentences})
    assert edge_home(row) == "doc:2"


@pytest.mark.parametrize("label", ["Person", "State", "Tribunal", "Document"])
def test_entities_and_only_entities_get_the_shared_label(label: str) -> None:
    statement = upsert_nodes_statement(label)
    assert (f"n:`{ENTITY}`" in statement) == (label != "Document")


def test_schema_has_the_entity_constraint_and_the_text_indexes() -> None:
    definitions = schema_definitions()
    assert "FOR (e:`Entity`) REQUIRE e.`id` IS UNIQUE" in definitions["entity_id"]
    assert "ON (n.`document`)" in definitions["sentence_document"]
    assert "ON EACH [s.`text`]" in definitions["sentence_text"]
    assert "ON EACH [e.`name`, e.`aliases`]" in definitions["entity_names"]
    labels = [*load_schema().node_labels, "Sentence"]
    for label in labels:
        assert f"actorgraph_{label.lower()}_id" in definitions, label


# --- planning the text: sentences, their links and mentions -------------------------------


def text_of(document: str, sizes: int, mentions: int) -> DocumentText:
    """``sizes`` sentences of ``document`` (one left out, as an empty one is), ``mentions``
    of State:china in its first sentence."""
    rows = [
        SentenceRow(sentence_id(document, i), document, i, 10 * i, 10 * i + 9, f"S{i}.", " ")
        for i in range(sizes + 1)
        if i != 1
    ]
    named = [
        MentionRow(rows[0].id, "State:china", "State", j, j + 5, "China") for j in range(mentions)
    ]
    return DocumentText(document, rows, named)


def writes_of(plan: list[list[Write]], word: str) -> list[tuple[int, Write]]:
    return [(i, w) for i, tx in enumerate(plan) for w in tx if word in w.statement]


def test_plan_writes_in_the_contracts_order() -> None:
    """Old sentences, links, nodes deleted; nodes, links upserted; texts; repoints."""
    graph = small_graph()
    diff = diff_graphs(nx.MultiDiGraph(), graph)
    diff.delete_edges = [diff.upsert_edges[0]]
    diff.delete_nodes = [diff.upsert_nodes[0]]
    diff.texts = [text_of("doc:00000000000000a1", 3, 2)]
    diff.drop_texts = ["doc:00000000000000ff"]
    diff.repoint = [MentionRow("doc:0000000000000077:4", "State:china", "State", 1, 6, "PRC")]
    plan = plan_writes(diff, batch_size=2)
    dropped = plan[0][0]
    assert dropped.repeat and dropped.params == {"documents": diff.drop_texts, "limit": 2}
    order = [
        writes_of(plan, "DELETE e")[0][0],
        writes_of(plan, "DETACH DELETE n")[0][0],
        writes_of(plan, "MERGE (n:")[0][0],
        writes_of(plan, "MERGE (a)-[e:")[-1][0],
        writes_of(plan, "CREATE (s:`Sentence`)")[0][0],
        writes_of(plan, "DELETE m")[0][0],
    ]
    assert order == sorted(order) and len(set(order)) == len(order) and order[0] > 0
    (_, _), (at, replaced) = writes_of(plan, "DETACH DELETE s")
    assert at == order[4]  # the old text goes in the new text's transaction
    assert replaced.params == {"documents": ["doc:00000000000000a1"]}
    assert not replaced.repeat and "LIMIT" not in replaced.statement


@pytest.mark.parametrize("batch_size", [1, 3, 1000])
def test_plan_keeps_a_documents_text_in_one_transaction(batch_size: int) -> None:
    texts = [text_of("doc:1", 4, 2), text_of("doc:2", 2, 0), text_of("doc:3", 1, 1)]
    plan = plan_writes(GraphDiff(texts=texts), batch_size)
    sentences = writes_of(plan, "CREATE (s:`Sentence`)")
    held = {(i, row["document"]) for i, write in sentences for row in write.params["rows"]}
    assert sorted(d for _, d in held) == ["doc:1", "doc:2", "doc:3"]  # one transaction each
    for i, write in writes_of(plan, "NEXT_SENTENCE") + writes_of(plan, "CREATE (s)-[m"):
        documents = {
            r.get("source", r.get("sentence")).rpartition(":")[0] for r in write.params["rows"]
        }
        assert {(i, d) for d in documents} <= held
    assert sum(len(w.params["rows"]) for _, w in sentences) == 4 + 2 + 1
    following = [r for _, w in writes_of(plan, "NEXT_SENTENCE") for r in w.params["rows"]]
    assert {"source": "doc:1:0", "target": "doc:1:2"} in following  # across the empty one
    assert len(following) == 3 + 1 + 0
    mentions = [r for _, w in writes_of(plan, "CREATE (s)-[m") for r in w.params["rows"]]
    assert len(mentions) == 3 and all(w.expect == len(w.params["rows"]) for _, w in sentences)


def test_plan_repoints_by_deleting_the_same_mention_first() -> None:
    moved = [MentionRow(f"doc:1:{i}", "State:china", "State", i, i + 3, "PRC") for i in range(5)]
    plan = plan_writes(GraphDiff(repoint=moved), batch_size=2)
    assert [len(tx) for tx in plan] == [2, 2, 2]
    for delete, create in plan:
        assert "DELETE m" in delete.statement and "CREATE (s)-[m" in create.statement
        assert delete.params == create.params and create.expect == len(create.params["rows"])


@pytest.mark.parametrize("name", ["MENTIONS", "WROTE", "HAS_MENTION`]->() DETACH DELETE ("])
def test_text_links_are_only_the_schemas(name: str) -> None:
    with pytest.raises(StoreError, match="undeclared relationship type"):
        lexical_type(name)


# --- where a server's pending writes are journaled -------------------------------------------


def test_journal_is_per_server_and_database(tmp_path: Path) -> None:
    environ = {"XDG_STATE_HOME": str(tmp_path)}
    here = journal_directory("bolt://a:7687", None, environ)
    assert here.parent.parent == tmp_path / "actorgraph" / "neo4j" and here.name == "journal"
    assert len(here.parent.name) == 16 and int(here.parent.name, 16) >= 0
    others = {
        journal_directory("bolt://b:7687", None, environ),
        journal_directory("bolt://a:7687", "actors", environ),
    }
    assert here not in others and len(others) == 2
    assert journal_directory("bolt://a:7687", None, environ) == here


@pytest.mark.parametrize("value", ["", "relative/state"])
def test_journal_falls_back_to_the_home_state_directory(value: str) -> None:
    found = journal_directory("bolt://a:7687", None, {"XDG_STATE_HOME": value})
    assert found.parents[3] == Path.home() / ".local" / "state"


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
