"""A small crafted graph in the in-memory contract layout, shared by the store and export tests.

Two documents, five entities and every kind of link, with the text that breaks naive
writers: quotes, ';' (Neo4j's default array delimiter) and a newline inside a sentence.
"""

from __future__ import annotations

import networkx as nx

from actorgraph.graph.metrics import add_derived_figures
from actorgraph.graph.records import Evidence

DOC1, DOC2 = "doc:00000000000000a1", "doc:00000000000000b2"
TRIBUNAL_SENTENCE = 'The Uyghur Tribunal, chaired by Sir Geoffrey Nice, found "China" responsible.'
DETAINED_SENTENCE = "China detained Uyghurs; the camps held a million people.\nSo it said."


def small_graph() -> nx.MultiDiGraph:
    """Two documents, five entities, every kind of link; quotes, ';' and a newline in text."""
    graph = nx.MultiDiGraph()
    graph.add_node(
        DOC1,
        label="Document",
        key="seeds/a.txt#1",
        title="Tribunal rules",
        authors=["Ann Writer"],
        date="9 December 2021",
        date_iso="2021-12-09",
        source="seeds/a.txt",
        bio=None,
    )
    graph.add_node(
        DOC2,
        label="Document",
        key="seeds/a.txt#2",
        title="Camps; a report",
        authors=[],
        date=None,
        date_iso=None,
        source="seeds/a.txt",
        bio="Ann writes; often.",
    )
    entities = {
        "Person:ann-writer": ("Person", "Ann Writer", ["Ann Writer"], []),
        "Person:geoffrey-nice": (
            "Person",
            "Geoffrey Nice",
            ["Geoffrey Nice", "Sir Geoffrey Nice"],
            [DOC1],
        ),
        "State:china": ("State", "China", ["China", "PRC"], [DOC1, DOC2]),
        "Group:uyghurs": ("Group", "Uyghurs", ["Uyghurs"], [DOC2]),
        "Tribunal:uyghur-tribunal": ("Tribunal", "Uyghur Tribunal", ["Uyghur Tribunal"], [DOC1]),
    }
    for node, (label, name, aliases, docs) in entities.items():
        graph.add_node(
            node,
            label=label,
            name=name,
            aliases=aliases,
            documents=docs,
            mentions=len(docs),
            date="2021" if label == "Tribunal" else None,
            note="ambiguous: 'Nice' is also a city" if node == "Person:geoffrey-nice" else None,
        )
    graph.add_edge("Person:ann-writer", DOC1, key="WROTE", type="WROTE")
    for doc, targets in {
        DOC1: ["Person:geoffrey-nice", "State:china", "Tribunal:uyghur-tribunal"],
        DOC2: ["State:china", "Group:uyghurs"],
    }.items():
        for target in targets:
            graph.add_edge(
                doc,
                target,
                key="MENTIONS",
                type="MENTIONS",
                count=2 if target == "State:china" else 1,
            )
    tribunal = Evidence(DOC1, 0, 0, len(TRIBUNAL_SENTENCE), TRIBUNAL_SENTENCE)
    detained = Evidence(DOC2, 1, 10, 10 + len(DETAINED_SENTENCE), DETAINED_SENTENCE)
    graph.add_edge(
        "Person:geoffrey-nice",
        "Tribunal:uyghur-tribunal",
        key="CHAIRS",
        type="CHAIRS",
        weight=1,
        evidence=[tribunal],
        patterns=["chaired-by"],
    )
    graph.add_edge(
        "State:china",
        "Tribunal:uyghur-tribunal",
        key="CO_MENTIONED",
        type="CO_MENTIONED",
        weight=1,
        evidence=[tribunal],
    )
    graph.add_edge(
        "State:china",
        "Group:uyghurs",
        key="DETAINED",
        type="DETAINED",
        weight=1,
        evidence=[detained],
        patterns=["detain-verb", "passive-detain"],
    )
    graph.add_edge(
        "Group:uyghurs",
        "State:china",
        key="CO_MENTIONED",
        type="CO_MENTIONED",
        weight=1,
        evidence=[detained],
    )
    add_derived_figures(graph)
    return graph
