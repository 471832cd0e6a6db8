"""The export contract: node-link JSON (as ``networkx.node_link_data``), lossless.

Evidence stays a list of ``{document, text, start, end, sentence}`` objects on every
edge, derived at export time from the sentences the store holds once; the top-level
``sentences`` lists each stored sentence once (``id, document, index, start, end,
text``), also those that name one actor. Nodes, edges, keys, sentences and set-like
lists are sorted, so one store always gives the same bytes; any text is kept exactly (a
lone surrogate as its ``\\udcXX`` escape).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.graph.exports.order import sorted_graph
from actorgraph.graph.exports.output import replacing_file
from actorgraph.graph.exports.text import escape_surrogates
from actorgraph.graph.records import Evidence, sentence_index
from actorgraph.graph.stores.base import Store

SENTENCE_FIELDS = ("id", "document", "index", "start", "end", "text")
# Every stored sentence, in document order; columns by position (``index`` and ``end``
# are keywords in LadybugDB's Cypher, so the properties have other names).
STORED_SENTENCES = (
    "MATCH (s:Sentence) RETURN s.id, s.document, s.position, s.start_char, s.end_char, s.text "
    "ORDER BY s.document, s.position"
)


def stored_sentences(store: Store) -> list[dict[str, Any]]:
    """Every sentence the store holds, as the export lists them."""
    rows = store.query(STORED_SENTENCES, read_only=True).rows
    return [dict(zip(SENTENCE_FIELDS, row, strict=True)) for row in rows]


def cited_sentences(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The sentences the graph's links cite, each once: the ``sentences`` of a graph that
    comes without its store (built in memory, or read from an export that lists none)."""
    cited = {e for *_, attrs in graph.edges(data=True) for e in attrs.get("evidence") or ()}
    return [_sentence(e) for e in sorted(cited)]


def to_node_link(
    graph: nx.MultiDiGraph, sentences: Iterable[Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """The export contract: top-level ``nodes``, ``edges`` (networkx node-link data) and
    ``sentences``: those given, else those a graph read from an export kept
    (``graph.graph["sentences"]``), else ``cited_sentences``."""
    data = nx.node_link_data(sorted_graph(graph), edges="edges")
    for edge in data["edges"]:
        edge.pop("key", None)
        if "evidence" in edge:
            edge["evidence"] = [e.as_dict() for e in edge["evidence"]]
    if sentences is None:
        sentences = graph.graph.get("sentences") or cited_sentences(graph)
    listed = [dict(s) for s in sentences]
    data["sentences"] = sorted(listed, key=lambda s: (s["document"], s["index"]))
    return data


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Inverse of ``to_node_link``: what other tools (and tests) read back; the listed
    sentences are kept as ``graph.graph["sentences"]``. An export made before sentences
    had ids numbers each document's evidence sentences in text order instead."""
    edges = data.get("edges", data.get("links", []))
    numbered = _numbered_sentences(edges)
    graph = nx.MultiDiGraph(sentences=list(data.get("sentences") or ()))
    for node in data["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id"}
        graph.add_node(node["id"], **attrs)
    for edge in edges:
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
        if "evidence" in attrs:
            attrs["evidence"] = [
                Evidence(e["document"], numbered(e), e["start"], e["end"], e["text"])
                for e in attrs["evidence"]
            ]
        graph.add_edge(edge["source"], edge["target"], key=attrs["type"], **attrs)
    return graph


def write_json(
    graph: nx.MultiDiGraph, path: Path, *, sentences: Iterable[Mapping[str, Any]] | None = None
) -> list[Path]:
    """Write ``path``, replacing a file there."""
    data = to_node_link(graph, sentences)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    with replacing_file(path) as temporary:
        temporary.write_text(escape_surrogates(text) + "\n", "utf-8")
    return [path]


def _sentence(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.sentence,
        "document": evidence.document,
        "index": evidence.index,
        "start": evidence.start,
        "end": evidence.end,
        "text": evidence.text,
    }


def _numbered_sentences(edges: list[dict[str, Any]]) -> Callable[[dict[str, Any]], int]:
    """A function from an evidence item to its sentence's index in its document."""
    unnumbered: dict[str, set[tuple[int, int, str]]] = {}
    for edge in edges:
        for item in edge.get("evidence") or ():
            if "sentence" not in item:
                where = (item["start"], item["end"], item["text"])
                unnumbered.setdefault(item["document"], set()).add(where)
    positions = {
        (document, *where): number
        for document, found in unnumbered.items()
        for number, where in enumerate(sorted(found))
    }

    def numbered(item: dict[str, Any]) -> int:
        if "sentence" in item:
            return sentence_index(item["sentence"])
        return positions[item["document"], item["start"], item["end"], item["text"]]

    return numbered
