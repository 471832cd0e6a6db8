"""The export contract: node-link JSON (as ``networkx.node_link_data``), lossless.

Evidence stays a list of ``{document, text, start, end}`` objects on every edge. Nodes,
edges, keys and set-like lists are sorted, so one store always gives the same bytes;
any text is kept exactly (a lone surrogate as its ``\\udcXX`` escape).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.graph.exports.order import sorted_graph
from actorgraph.graph.exports.output import replacing_file
from actorgraph.graph.exports.text import escape_surrogates
from actorgraph.graph.records import Evidence, sentence_index


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The export contract: top-level ``nodes`` and ``edges`` (networkx node-link data)."""
    data = nx.node_link_data(sorted_graph(graph), edges="edges")
    for edge in data["edges"]:
        edge.pop("key", None)
        if "evidence" in edge:
            edge["evidence"] = [e.as_dict() for e in edge["evidence"]]
    return data


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Inverse of ``to_node_link``: what other tools (and tests) read back."""
    edges = data.get("edges", data.get("links", []))
    graph = nx.MultiDiGraph()
    for node in data["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id"}
        graph.add_node(node["id"], **attrs)
    for edge in edges:
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
        if "evidence" in attrs:
            attrs["evidence"] = [
                # an export made before sentences had ids: the offset stands for the position
                Evidence(
                    e["document"],
                    sentence_index(e["sentence"]) if e.get("sentence") else e["start"],
                    e["start"],
                    e["end"],
                    e["text"],
                )
                for e in attrs["evidence"]
            ]
        graph.add_edge(edge["source"], edge["target"], key=attrs["type"], **attrs)
    return graph


def write_json(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    """Write ``path``, replacing a file there."""
    text = json.dumps(to_node_link(graph), ensure_ascii=False, indent=1, sort_keys=True)
    with replacing_file(path) as temporary:
        temporary.write_text(escape_surrogates(text) + "\n", "utf-8")
    return [path]
