"""A small crafted graph with its text, for the queries the seeds leave empty.

It holds the things the seeds lack (full ISO dates, accusations, detentions), with its
sentences and mentions, so each query has an answer that could be wrong. Imported by
name (``from crafted import crafted_diff``): a bare ``conftest`` import would find
whichever conftest module another test folder loaded first.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from actorgraph.graph.metrics import add_derived_figures
from actorgraph.graph.records import DocumentText, Evidence, MentionRow, SentenceRow
from actorgraph.graph.stores.base import GraphDiff
from actorgraph.graph.stores.rows import diff_graphs

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
    sentences = crafted_sentences()
    for source, kind, target, number, sentence in LINKS:
        doc_id = f"doc:{number:016d}"
        row = sentences[doc_id, sentence]
        evidence = [Evidence(doc_id, row.position, row.start_char, row.end_char, sentence)]
        attrs: dict[str, Any] = {"type": kind, "weight": 1, "evidence": evidence}
        if kind != "CO_MENTIONED":
            attrs["patterns"] = ["crafted"]
        graph.add_edge(source, target, key=kind, **attrs)
        for node in (source, target):
            if not graph.has_edge(doc_id, node, "MENTIONS"):
                graph.add_edge(doc_id, node, key="MENTIONS", type="MENTIONS", count=1)
    add_derived_figures(graph)
    return graph


def crafted_sentences() -> dict[tuple[str, str], SentenceRow]:
    """Each sentence of LINKS in its document's text, in the order first listed, one space
    apart: (document, text) -> its stored row."""
    rows: dict[tuple[str, str], SentenceRow] = {}
    for *_, number, text in LINKS:
        document = f"doc:{number:016d}"
        if (document, text) in rows:
            continue
        earlier = [r for (d, _), r in rows.items() if d == document]
        start = max((r.end_char + 1 for r in earlier), default=0)
        gap = " " if earlier else ""
        row = SentenceRow(f"{document}:{len(earlier)}", document, len(earlier), start,
                          start + len(text), text, gap)  # fmt: skip
        rows[document, text] = row
    return rows


def crafted_texts() -> dict[str, DocumentText]:
    """The crafted documents' text: their sentences, and in each the names and aliases of
    the two entities its link joins, longest first (where a name is written in it)."""
    sentences = crafted_sentences()
    mentions: dict[str, set[MentionRow]] = {}
    for source, _, target, number, text in LINKS:
        row = sentences[f"doc:{number:016d}", text]
        for entity in (source, target):
            label, name, aliases, _ = ENTITIES[entity]
            form = next(f for f in sorted({name, *aliases}, key=len, reverse=True) if f in text)
            start = row.start_char + text.index(form)
            found = MentionRow(row.id, entity, label, start, start + len(form), form)
            mentions.setdefault(row.document, set()).add(found)
    return {
        document: DocumentText(
            document,
            [r for (d, _), r in sentences.items() if d == document],
            sorted(mentions.get(document, ()), key=lambda m: m.start_char),
        )
        for document in DOCS
    }


def crafted_diff() -> GraphDiff:
    """What writes the crafted graph, with its text, into an empty store."""
    return diff_graphs(nx.MultiDiGraph(), crafted_graph(), crafted_texts())
