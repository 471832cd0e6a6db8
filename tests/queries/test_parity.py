"""Parity: every named query gives the same rows on the embedded store and on Neo4j 5.26.

Both stores hold the seeds as `actorgraph build seeds` writes them (the same built graph,
one store each), and the crafted graph of conftest.py for the queries the seeds leave
empty. Each query runs with the parameters its tests in test_library.py use, plus its
defaults. Rows are compared in order (every query in the library ends in ORDER BY and
breaks its ties); floats within 1e-9 relative. Node and path values are compared by what
a user sees of them (their properties), not by store-internal ids.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from crafted import crafted_diff
from neo4j_server import Neo4jTarget

from actorgraph.graph.querylib import get_query, load_library
from actorgraph.graph.stores.base import Store
from actorgraph.graph.stores.rows import diff_graphs

pytestmark = pytest.mark.neo4j

# (query, parameters): the calls of test_library.py on the seeds, and every query's defaults.
SEEDS_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("accused", {}),
    ("authors", {}),
    ("bridges", {"limit": 10}),
    ("co-mentioned", {"name": "China", "label": "Person", "limit": 5}),
    ("co-mentioned", {"name": "China"}),
    ("communities", {"limit": 100, "members": 3}),
    ("document", {"title": "SLAVE LABOUR", "limit": 10}),
    ("documents-mentioning", {"names": "china, UYGHUR TRIBUNAL"}),
    ("documents-mentioning", {"names": ["China"]}),
    ("documents-mentioning", {"names": ["Myanmar"]}),
    ("entity", {"name": "Atlantis"}),
    ("entity", {"name": "BURMA"}),
    ("entity", {"name": "China"}),
    ("evidence", {"a": "China", "b": "Uyghur Tribunal"}),
    ("evidence", {"a": "Uyghur Tribunal", "b": "Geoffrey Nice"}),
    ("evidence", {"a": "China", "b": "Tiananmen Square massacre"}),
    ("groups-persecuted", {}),
    ("legislation", {}),
    ("mentions-of", {"name": "sir geoffrey nice qc"}),
    ("mentions-of", {"name": "China", "limit": 500}),
    ("neighbours", {"name": "China", "limit": 3}),
    ("neighbours", {"name": "Geoffrey Nice", "limit": 50}),
    ("organisation-members", {"name": "Hong Kong Watch"}),
    ("path", {"source": "Benedict Rogers", "target": "Xi Jinping"}),
    ("path", {"source": "Benedict Rogers", "target": "Xi Jinping", "max_hops": 4}),
    ("path", {"source": "Benedict Rogers", "target": "Xi Jinping", "max_hops": 2}),
    ("positions", {"name": "China"}),
    ("positions", {"name": "Tatmadaw"}),
    ("relations", {"limit": 500}),
    ("relations", {"type": "SANCTIONED"}),
    ("sanctions", {"name": "tatmadaw"}),
    ("sentences-about", {"text": "Organ Harvesting"}),
    ("state-actions", {"state": "Geoffrey Nice"}),
    ("state-actions", {"state": "UK"}),
    ("state-actions", {"state": "china"}),
    ("strongest-links", {"limit": 5}),
    ("strongest-links", {"type": "leads", "limit": 3}),
    ("timeline", {"name": "Myanmar"}),
    ("timeline", {"name": "Tiananmen Square massacre"}),
    ("top-actors", {"label": "state", "limit": 5}),
    ("top-actors", {"limit": 50}),
    ("tribunals", {}),
]
CRAFTED_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("accused", {"name": "prc"}),
    ("groups-persecuted", {}),
    ("legislation", {}),
    ("mentions-of", {"name": "Uyghurs"}),
    ("timeline", {"name": "PRC"}),
    ("state-actions", {"state": "china"}),
    ("positions", {"name": "China"}),
    ("path", {"source": "Uyghur Tribunal", "target": "Uyghurs"}),
]


def call_id(call: tuple[str, dict[str, Any]]) -> str:
    name, params = call
    return name + "".join(f",{k}={v}" for k, v in params.items())


def canonical(value: Any) -> Any:
    """A result value as plain data: nodes by their properties, paths by their nodes."""
    if isinstance(value, dict):
        if "_nodes" in value:
            return ("path", [canonical(n) for n in value["_nodes"]])
        return {k: canonical(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if hasattr(value, "to_integral_value"):  # Decimal
        return float(value)
    return value


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (
            isinstance(a, (int, float))
            and isinstance(b, (int, float))
            and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
        )
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def answer(store: Store, name: str, params: dict[str, Any]) -> tuple[list[str], list[Any]]:
    query = get_query(name)
    result = store.query(query.text_for(store.dialect), query.bind(params))
    return result.columns, [canonical(row) for row in result.rows]


def first_difference(left: list[Any], right: list[Any]) -> str:
    for number, (a, b) in enumerate(zip(left, right, strict=False)):
        if not same(a, b):
            return f"row {number}: embedded {a!r}\n        neo4j    {b!r}"
    return f"{len(left)} rows embedded, {len(right)} rows neo4j"


def assert_same_answer(embedded: Store, neo4j_store: Store, name: str, params: dict) -> None:
    columns, rows = answer(embedded, name, params)
    neo_columns, neo_rows = answer(neo4j_store, name, params)
    assert columns == neo_columns
    assert same(rows, neo_rows), f"{name} {params}: {first_difference(rows, neo_rows)}"


def test_every_query_is_compared() -> None:
    assert {name for name, _ in SEEDS_CALLS} == set(load_library())


@pytest.mark.parametrize("call", SEEDS_CALLS, ids=call_id)
def test_seeds_query_same_on_both_stores(
    call: tuple[str, dict[str, Any]], seeds_store: Store, seeds_neo4j: Neo4jTarget
) -> None:
    name, params = call
    with seeds_neo4j.store(read_only=True) as neo:
        assert_same_answer(seeds_store, neo, name, params)


def test_seeds_graphs_are_the_same(seeds_store: Store, seeds_neo4j: Neo4jTarget) -> None:
    """The two builds hold one graph, so a query difference is the query's, not the data's."""
    with seeds_neo4j.store(read_only=True) as neo:
        neo_graph = neo.read_graph()
    assert len(diff_graphs(seeds_store.read_graph(), neo_graph)) == 0
    assert neo_graph.number_of_nodes() > 100


@pytest.mark.parametrize("call", CRAFTED_CALLS, ids=call_id)
def test_crafted_query_same_on_both_stores(
    call: tuple[str, dict[str, Any]], crafted_store: Store, crafted_graph_neo4j: Neo4jTarget
) -> None:
    name, params = call
    with crafted_graph_neo4j.store(read_only=True) as neo:
        _, rows = answer(neo, name, params)
        assert rows, f"{name} {params} found nothing in the crafted graph"
        assert_same_answer(crafted_store, neo, name, params)


@pytest.fixture
def crafted_graph_neo4j(empty_neo4j: Neo4jTarget) -> Neo4jTarget:
    """Neo4j holding the crafted graph and its text, written as the embedded one is."""
    with empty_neo4j.store() as store:
        store.apply(crafted_diff())
    return empty_neo4j
