"""The export contract: node-link JSON (as ``networkx.node_link_data``), lossless.

Evidence stays a list of ``{document, text, start, end}`` objects on every edge.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.graph.records import Evidence


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The export contract: top-level ``nodes`` and ``edges`` (networkx node-link data)."""
    data = nx.node_link_data(graph, edges="edges")
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
                Evidence(e["document"], e["start"], e["end"], e["text"]) for e in attrs["evidence"]
            ]
        graph.add_edge(edge["source"], edge["target"], key=attrs["type"], **attrs)
    return graph


def write_json(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_node_link(graph), ensure_ascii=False, indent=1), "utf-8")
    return [path]
