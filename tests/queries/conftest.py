"""Stores for the query tests: the seeds, built once per session, and a small crafted graph.

The seeds store is built the way a user builds one (`actorgraph build seeds --store DIR`),
so the queries are tested against what analysts really get. The crafted graph holds the
things the seeds lack (full ISO dates, accusations, detentions), written through the
store's own write path, so each query has an answer that could be wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from actorgraph.graph.metrics import add_derived_figures
from actorgraph.graph.querylib import get_query
from actorgraph.graph.records import Evidence
from actorgraph.graph.stores import open_store
from actorgraph.graph.stores.base import Store
from actorgraph.graph.stores.rows import diff_graphs

Runner = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="session")
def seeds_store(seeds_store_path: Path) -> Iterator[Store]:
    store = open_store(str(seeds_store_path), read_only=True)
    yield store
    store.close()


def runner(store: Store) -> Runner:
    def run(query_name: str, /, **params: Any) -> list[dict[str, Any]]:
        query = get_query(query_name)
        return store.query(query.text_for(store.dialect), query.bind(params)).records()

    return run


@pytest.fixture(scope="session")
def run(seeds_store: Store) -> Runner:
    """Run a named query on the seeds store: ``run("neighbours", name="China")``."""
    return runner(seeds_store)


# --- a crafted graph -------------------------------------------------------------------

DOCS = {
    "doc:0000000000000001": ("2021-06-15", "15 Jun 2021", "Tribunal finds genocide", "Ann Writer"),
    "doc:0000000000000002": ("2019-03-01", "1 Mar 2019", "Camps in Xinjiang", "Ann Writer"),
    "doc:0000000000000003": (
        "2020-01-10",
        "10 Jan 2020",
        "A bill against forced labour",
        "Bo Critic",
    ),
}
ENTITIES = {
    "State:china": ("State", "China", ["China", "PRC"], None),
    "State:united-kingdom": ("State", "United Kingdom", ["UK", "United Kingdom"], None),
    "Group:uyghurs": ("Group", "Uyghurs", ["Uyghur Muslims", "Uyghurs"], None),
    "Organisation:chinese-communist-party": (
        "Organisation",
        "Chinese Communist Party",
        ["CCP", "Chinese Communist Party"],
        None,
    ),
    "Tribunal:uyghur-tribunal": ("Tribunal", "Uyghur Tribunal", ["Uyghur Tribunal"], None),
    "Event:tiananmen-square-massacre": (
        "Event",
        "Tiananmen Square massacre",
        ["Tiananmen Square massacre"],
        "1989",
    ),
    "Bill:trade-bill": ("Bill", "Trade Bill", ["Trade Bill"], None),
    "Person:ann-writer": ("Person", "Ann Writer", ["Ann Writer"], None),
    "Person:bo-critic": ("Person", "Bo Critic", ["Bo Critic"], None),
}
# (source, type, target, document, sentence)
LINKS = [
    (
        "Tribunal:uyghur-tribunal",
        "ACCUSED_OF",
        "State:china",
        1,
        "The Uyghur Tribunal accused China of genocide.",
    ),
    ("State:china", "DETAINED", "Group:uyghurs", 2, "China detained a million Uyghurs in camps."),
    (
        "Organisation:chinese-communist-party",
        "PERSECUTED",
        "Group:uyghurs",
        2,
        "The CCP persecutes Uyghur Muslims.",
    ),
    ("State:united-kingdom", "PROPOSED", "Bill:trade-bill", 3, "The UK proposed the Trade Bill."),
    ("State:china", "OPPOSES", "Bill:trade-bill", 3, "China opposes the Trade Bill."),
    (
        "Event:tiananmen-square-massacre",
        "CO_MENTIONED",
        "State:china",
        2,
        "China and the 1989 Tiananmen Square massacre.",
    ),
]


def crafted_graph() -> nx.MultiDiGraph:
    """A small graph in the in-memory contract (graph.model), with derived figures."""
    graph = nx.MultiDiGraph()
    for doc_id, (iso, date, title, author) in DOCS.items():
        graph.add_node(
            doc_id,
            label="Document",
            key=f"crafted#{doc_id}",
            title=title,
            authors=[author],
            date=date,
            date_iso=iso,
            source="crafted.txt",
            bio=None,
        )
    for node, (label, name, aliases, date) in ENTITIES.items():
        docs = sorted({f"doc:{n:016d}" for s, _, t, n, _ in LINKS if node in (s, t)})
        graph.add_node(
            node,
            label=label,
            name=name,
            aliases=aliases,
            documents=docs,
            mentions=len(docs) or 1,
            date=date,
            note=None,
        )
    for doc_id, (*_, author) in DOCS.items():
        graph.add_edge(
            f"Person:{author.lower().replace(' ', '-')}", doc_id, key="WROTE", type="WROTE"
        )
    for source, kind, target, number, sentence in LINKS:
        doc_id = f"doc:{number:016d}"
        evidence = [Evidence(doc_id, 0, 0, len(sentence), sentence)]
        attrs: dict[str, Any] = {"type": kind, "weight": 1, "evidence": evidence}
        if kind != "CO_MENTIONED":
            attrs["patterns"] = ["crafted"]
        graph.add_edge(source, target, key=kind, **attrs)
        for node in (source, target):
            if not graph.has_edge(doc_id, node, "MENTIONS"):
                graph.add_edge(doc_id, node, key="MENTIONS", type="MENTIONS", count=1)
    add_derived_figures(graph)
    return graph


@pytest.fixture(scope="session")
def crafted_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("crafted") / "store"
    writer = open_store(str(path))
    try:
        writer.apply(diff_graphs(nx.MultiDiGraph(), crafted_graph()))
    finally:
        writer.close()
    store = open_store(str(path), read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def run_crafted(crafted_store: Store) -> Runner:
    return runner(crafted_store)
