"""The store contract: every backend behaves the same (write, read back, update, query).

Runs on the embedded store always and on Neo4j when NEO4J_URI is set. No mock stands in
for a backend.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest
from sample_graph import DOC1, TRIBUNAL_SENTENCE, small_graph

from actorgraph.graph.querylib import get_query
from actorgraph.graph.records import Evidence
from actorgraph.graph.schema import load_schema
from actorgraph.graph.stores.base import EdgeRow, GraphDiff, ReadOnlyError, Store, StoreError
from actorgraph.graph.stores.rows import diff_graphs, edge_attrs, edge_props, node_attrs, node_props

Opener = Callable[..., Store]  # the open_store fixture (conftest.py)


def stored_layout(graph: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[tuple[str, str, str], Any]]:
    """What read_graph must return for ``graph``: its attrs after a trip through the rows."""
    nodes = {
        n: node_attrs(a["label"], {"id": n, **node_props(a)}) for n, a in graph.nodes(data=True)
    }
    edges = {
        (s, t, k): edge_attrs(k, edge_props(k, a))
        for s, t, k, a in graph.edges(keys=True, data=True)
    }
    return nodes, edges


def layout_of(graph: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[tuple[str, str, str], Any]]:
    return dict(graph.nodes(data=True)), {
        (s, t, k): a for s, t, k, a in graph.edges(keys=True, data=True)
    }


def counts(store: Store) -> dict[str, int]:
    """Stored nodes per label and links per type, counted by the store (duplicates show)."""
    schema = load_schema()
    found = {}
    for label in schema.node_labels:
        found[label] = store.query(f"MATCH (n:`{label}`) RETURN count(n) AS c").rows[0][0]
    for name in schema.links:
        found[name] = store.query(f"MATCH ()-[r:`{name}`]->() RETURN count(r) AS c").rows[0][0]
    return {k: v for k, v in found.items() if v}


def expected_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    found: dict[str, int] = {}
    for _, attrs in graph.nodes(data=True):
        found[attrs["label"]] = found.get(attrs["label"], 0) + 1
    for _, _, key in graph.edges(keys=True):
        found[key] = found.get(key, 0) + 1
    return found


def test_store_round_trips_a_graph_exactly(store: Store) -> None:
    graph = small_graph()
    diff = diff_graphs(nx.MultiDiGraph(), graph)
    assert store.apply(diff, batch_size=3) == len(diff)
    assert layout_of(store.read_graph()) == stored_layout(graph)
    assert counts(store) == expected_counts(graph)


def test_store_applying_twice_changes_nothing(store: Store) -> None:
    graph = small_graph()
    diff = diff_graphs(nx.MultiDiGraph(), graph)
    store.apply(diff)
    store.apply(diff)
    assert counts(store) == expected_counts(graph)
    assert len(diff_graphs(store.read_graph(), graph)) == 0
    assert store.apply(GraphDiff()) == 0


def test_store_updates_changed_nodes_and_links(store: Store) -> None:
    before = small_graph()
    store.apply(diff_graphs(nx.MultiDiGraph(), before))
    after = small_graph()
    after.nodes["State:china"]["aliases"] = ["China", "PRC", "People's Republic of China"]
    after.nodes["State:china"]["note"] = "a note"
    extra = Evidence(DOC1, 5, 100, 120, "China and the Tribunal, again.")
    link = after.edges["State:china", "Tribunal:uyghur-tribunal", "CO_MENTIONED"]
    link["evidence"] = [*link["evidence"], extra]
    link["weight"] = 2
    diff = diff_graphs(store.read_graph(), after)
    assert (len(diff.upsert_nodes), len(diff.upsert_edges)) == (1, 1)
    store.apply(diff)
    assert layout_of(store.read_graph()) == stored_layout(after)
    assert counts(store) == expected_counts(after)


def test_store_deletes_nodes_and_links(store: Store) -> None:
    before = small_graph()
    store.apply(diff_graphs(nx.MultiDiGraph(), before))
    after = small_graph()
    after.remove_node("Group:uyghurs")
    after.remove_edge("Person:ann-writer", DOC1, "WROTE")
    store.apply(diff_graphs(store.read_graph(), after))
    assert layout_of(store.read_graph()) == stored_layout(after)
    assert counts(store) == expected_counts(after)


def test_store_relabelled_node_is_recreated_with_its_links(store: Store) -> None:
    store.apply(diff_graphs(nx.MultiDiGraph(), small_graph()))
    after = small_graph()
    nx.set_node_attributes(after, {"Group:uyghurs": "Organisation"}, "label")
    store.apply(diff_graphs(store.read_graph(), after))
    assert layout_of(store.read_graph()) == stored_layout(after)
    assert counts(store) == expected_counts(after)


def test_store_write_that_fails_halfway_is_completed_by_applying_it_again(store: Store) -> None:
    """What the journal's replay relies on: a diff applied over part of itself (here, a
    write whose last statement failed) gives the store the whole diff gives."""
    graph = small_graph()
    store.apply(diff_graphs(nx.MultiDiGraph(), graph))
    changed = small_graph()
    changed.nodes["State:china"]["mentions"] = 7
    broken = diff_graphs(graph, changed)
    broken.upsert_edges.append(
        EdgeRow("State:china", "State", "State:atlantis", "State", "CO_MENTIONED", {"weight": 1})
    )
    with pytest.raises(StoreError):
        store.apply(broken)
    store.apply(diff_graphs(graph, changed))
    store.apply(diff_graphs(graph, changed))
    assert layout_of(store.read_graph()) == stored_layout(changed)
    assert counts(store) == expected_counts(changed)


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE (n:Person {id: 'x'})",
        "MATCH (n:Person) SET n.name = 'x'",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Person) RETURN n.name AS name; CREATE (m:Person {id: 'y'})",
    ],
)
def test_store_read_only_query_refuses_writes(store: Store, statement: str) -> None:
    store.apply(diff_graphs(nx.MultiDiGraph(), small_graph()))
    with pytest.raises(ReadOnlyError):
        store.query(statement)
    assert counts(store) == expected_counts(small_graph())


def test_store_opened_read_only_refuses_apply(open_store: Opener) -> None:
    writer = open_store()
    writer.apply(diff_graphs(nx.MultiDiGraph(), small_graph()))
    writer.close()
    reader = open_store(read_only=True)
    with pytest.raises(ReadOnlyError):
        reader.apply(diff_graphs(small_graph(), nx.MultiDiGraph()))
    assert reader.read_graph().number_of_nodes() == small_graph().number_of_nodes()


def test_store_binds_parameters_as_values(store: Store) -> None:
    store.apply(diff_graphs(nx.MultiDiGraph(), small_graph()))
    cypher = "MATCH (n:`State`) WHERE n.name = $name RETURN n.id AS id"
    assert store.query(cypher, {"name": "China"}).rows == [["State:china"]]
    assert store.query(cypher, {"name": "China' OR 1=1 //"}).rows == []


def run_named(store: Store, query_name: str, **params: Any) -> list[dict[str, Any]]:
    query = get_query(query_name)
    return store.query(query.text_for(store.dialect), query.bind(params)).records()


def test_store_named_queries_give_the_expected_answers(store: Store) -> None:
    store.apply(diff_graphs(nx.MultiDiGraph(), small_graph()))
    [entity] = run_named(store, "entity", name="prc")
    assert (entity["id"], entity["type"], entity["mentions"]) == ("State:china", "State", 2)
    assert sorted(entity["documents"]) == ["Camps; a report", "Tribunal rules"]
    evidence = run_named(store, "evidence", a="China", b="Uyghur Tribunal")
    assert [row["sentence"] for row in evidence] == [TRIBUNAL_SENTENCE]
    assert evidence[0]["document"] == "Tribunal rules"
    neighbours = run_named(store, "neighbours", name="Sir Geoffrey Nice")
    assert "Uyghur Tribunal" in str(neighbours)
