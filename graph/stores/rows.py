"""Flatten the in-memory graph into store rows and back.

Stores hold only scalar and list properties (Neo4j allows no maps on a property). A
link's evidence is kept as ``sentences``, the ids of its Sentence nodes: the text is
stored once, on the sentence, however many links cite it. This module is the only place
that knows that layout.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from actorgraph.graph.records import (
    DocumentText,
    Evidence,
    MentionRow,
    SentenceRow,
    sentence_document,
    sentence_index,
)
from actorgraph.graph.schema import load_schema, node_properties
from actorgraph.graph.stores.base import EdgeRow, GraphDiff, NodeRow


def node_props(attrs: dict[str, Any]) -> dict[str, Any]:
    props = {}
    for name, kind in node_properties(attrs["label"]).items():
        value = _plain(attrs.get(name))  # an absent list is stored, and read back, empty
        props[name] = [] if value is None and kind.endswith("[]") else value
    props.pop("id")
    return props


def edge_props(link_type: str, attrs: dict[str, Any]) -> dict[str, Any]:
    if link_type == "MENTIONS":
        return {"count": int(attrs.get("count", 1))}
    if link_type == "WROTE":
        return {}
    evidence: list[Evidence] = attrs.get("evidence", [])
    props: dict[str, Any] = {
        "weight": int(attrs.get("weight", len(evidence))),
        "sentences": [e.sentence for e in evidence],
        "curated": sorted(attrs.get("curated") or ()),
    }
    if link_type != "CO_MENTIONED":
        props["patterns"] = list(attrs.get("patterns", []))
    return props


def node_attrs(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """Inverse of node_props."""
    attrs = {k: v for k, v in props.items() if k != "id"}
    attrs["label"] = label
    for name in ("aliases", "documents", "authors", "curated"):
        if name in attrs and attrs[name] is None:
            attrs[name] = []
    return attrs


def edge_attrs(
    link_type: str,
    props: dict[str, Any],
    sentences: Mapping[str, tuple[int, int, str]] | EvidenceCache | None = None,
) -> dict[str, Any]:
    """Inverse of edge_props. ``sentences`` (id -> start, end, text) fills in the evidence
    text; without it the evidence is the sentence ids alone, all a build needs. A store
    reading every link passes one ``EvidenceCache`` for them all."""
    attrs: dict[str, Any] = {"type": link_type}
    if link_type == "MENTIONS":
        attrs["count"] = props.get("count", 1)
    elif link_type != "WROTE":
        ids = props.get("sentences") or []
        known = sentences if isinstance(sentences, EvidenceCache) else EvidenceCache(sentences)
        attrs["evidence"] = [known[sid] for sid in ids]
        attrs["weight"] = props.get("weight") or len(ids)
        attrs["curated"] = list(props.get("curated") or [])
        if link_type != "CO_MENTIONED":
            attrs["patterns"] = list(props.get("patterns") or [])
    return attrs


def evidence_of(sid: str, sentences: Mapping[str, tuple[int, int, str]] | None) -> Evidence:
    document, index = sys.intern(sentence_document(sid)), sentence_index(sid)
    found = sentences.get(sid) if sentences is not None else None
    if found is None:
        return Evidence(document, index)
    return Evidence(document, index, *found)


class EvidenceCache(dict[str, Evidence]):
    """One Evidence per sentence id, however many links cite the sentence (one naming five
    actors is cited by ten): at 5,000 documents reading the links built each of ~1 million
    evidence items anew, 2.3 of read_graph's 8 s."""

    def __init__(self, sentences: Mapping[str, tuple[int, int, str]] | None = None) -> None:
        super().__init__()
        self.sentences = sentences

    def __missing__(self, sid: str) -> Evidence:
        evidence = self[sid] = evidence_of(sid, self.sentences)
        return evidence


@dataclass(slots=True)
class StoredGraph:
    """What a diff needs of the graph a store held, taken before a build changes that
    graph in place (a copy of the whole graph cost ~390 MB and 3.7 s at 5,000 documents):
    each node's label and row, each link's ``signature``, the sentences links cite."""

    nodes: dict[str, tuple[str, dict[str, Any]]]
    links: dict[tuple[str, str, str], int]
    documents: set[str]
    cited: defaultdict[str, set[Evidence]]

    @classmethod
    def of(cls, graph: nx.MultiDiGraph) -> StoredGraph:
        return cls(
            {n: (a["label"], node_props(a)) for n, a in graph.nodes(data=True)},
            {(u, v, k): signature(a) for u, v, k, a in graph.edges(keys=True, data=True)},
            _documents(graph),
            _cited(graph),
        )

    def __contains__(self, node: object) -> bool:
        return node in self.nodes


def signature(attrs: dict[str, Any]) -> int:
    """A hash of a link's stored properties (``edge_props`` without building the rows:
    most links of a large graph are compared, few written; the tuples themselves held
    ~60 MB more at 5,000 documents)."""
    return hash(
        (
            attrs.get("count"),
            attrs.get("weight"),
            tuple(attrs.get("evidence") or ()),
            tuple(attrs.get("curated") or ()),
            tuple(attrs.get("patterns") or ()),
        )
    )


def diff_graphs(
    before: nx.MultiDiGraph | StoredGraph,
    after: nx.MultiDiGraph,
    texts: Mapping[str, DocumentText] | None = None,
) -> GraphDiff:
    """Rows to upsert and delete so that a store holding ``before`` holds ``after``.

    A node whose label changed is deleted and re-created (labels are tables in
    LadybugDB); its edges are then re-written too. ``texts`` are the sentences and
    mentions of the documents a build parsed; a document the graph holds without them
    (an import, a test) is stored with the sentences its links cite.
    """
    stored = before if isinstance(before, StoredGraph) else StoredGraph.of(before)
    diff = GraphDiff()
    _diff_texts(diff, stored, after, texts or {})
    relabelled = set()
    for node, (label, props) in stored.nodes.items():
        if node not in after or after.nodes[node]["label"] != label:
            diff.delete_nodes.append(NodeRow(node, label, props))
            if node in after:
                relabelled.add(node)
    for node, attrs in after.nodes(data=True):
        new = node_props(attrs)
        if node in relabelled or node not in stored.nodes:
            diff.upsert_nodes.append(NodeRow(node, attrs["label"], new))
            continue
        # only what changed: after an add, most nodes change in their derived figures
        # alone, and rewriting their lists (a hub's documents) would grow with the archive
        old = stored.nodes[node][1]
        changed = {name: value for name, value in new.items() if old.get(name) != value}
        if changed:
            diff.upsert_nodes.append(NodeRow(node, attrs["label"], changed))
    for source, target, key in stored.links:
        if source in relabelled or target in relabelled:
            continue  # deleted with their node
        if not after.has_edge(source, target, key):
            labels = stored.nodes[source][0], stored.nodes[target][0]
            diff.delete_edges.append(EdgeRow(source, labels[0], target, labels[1], key, {}))
    for source, target, key, attrs in after.edges(keys=True, data=True):
        if (
            source in relabelled
            or target in relabelled
            or stored.links.get((source, target, key)) != signature(attrs)
        ):
            diff.upsert_edges.append(
                EdgeRow(
                    source,
                    after.nodes[source]["label"],
                    target,
                    after.nodes[target]["label"],
                    key,
                    edge_props(key, attrs),
                )
            )
    return diff


def _diff_texts(
    diff: GraphDiff,
    stored: StoredGraph,
    after: nx.MultiDiGraph,
    texts: Mapping[str, DocumentText],
) -> None:
    renamed: dict[str, str] = after.graph.get("renamed", {})
    cited_after = _cited(after)
    documents = _documents(after)
    for document in sorted(documents):
        if document in texts:
            diff.texts.append(_resolved(texts[document], after, renamed))
        elif (
            document not in stored.documents or not cited_after[document] <= stored.cited[document]
        ):
            diff.texts.append(_cited_text(document, cited_after[document]))
    diff.drop_texts = sorted(stored.documents - documents)


def _documents(graph: nx.MultiDiGraph) -> set[str]:
    label = load_schema().document.label
    return {n for n, a in graph.nodes(data=True) if a["label"] == label}


def _cited(graph: nx.MultiDiGraph) -> defaultdict[str, set[Evidence]]:
    """The sentences the links cite, by document."""
    cited: defaultdict[str, set[Evidence]] = defaultdict(set)
    for _, _, attrs in graph.edges(data=True):
        for e in attrs.get("evidence") or ():
            cited[e.document].add(e)
    return cited


def _cited_text(document: str, cited: set[Evidence]) -> DocumentText:
    rows = [SentenceRow(e.sentence, document, e.index, e.start, e.end, e.text, "") for e in cited]
    return DocumentText(document, sorted(rows, key=lambda r: r.position), [])


def _resolved(
    text: DocumentText, graph: nx.MultiDiGraph, renamed: Mapping[str, str]
) -> DocumentText:
    """A parsed document's mentions pointed at the entities that survived resolution and
    curation (a mention of a dropped entity is not kept)."""
    mentions = []
    for m in text.mentions:
        entity = renamed.get(m.entity, m.entity)
        if entity in graph:
            label = graph.nodes[entity]["label"]
            mentions.append(
                MentionRow(m.sentence, entity, label, m.start_char, m.end_char, m.surface)
            )
    return DocumentText(text.document, text.sentences, mentions)


def _plain(value: Any) -> Any:
    if isinstance(value, (set, tuple)):
        return sorted(value)
    return value


__all__ = [
    "EvidenceCache",
    "StoredGraph",
    "diff_graphs",
    "edge_attrs",
    "edge_props",
    "evidence_of",
    "node_attrs",
    "node_props",
]
