"""Exports of the graph: node-link JSON (the design's contract), GraphML, GEXF, Neo4j CSV.

JSON keeps evidence as ``{document, text, start, end}`` objects. GraphML and GEXF
admit only scalar attributes, so lists are joined with " | " and evidence becomes the
``evidence_texts`` column: Gephi users get readable cells, and JSON stays the
lossless format.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.graph.records import Evidence

LIST_SEPARATOR = " | "


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


def scalar_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars, for GraphML and GEXF."""
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **_scalars(attrs))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        attrs = dict(attrs)
        evidence = attrs.pop("evidence", None)
        if evidence is not None:
            attrs["evidence_texts"] = [e.text for e in evidence]
        flat.add_edge(source, target, key=key, **_scalars(attrs))
    return flat


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set)):
            value = LIST_SEPARATOR.join(str(v) for v in value)
        out[name] = value
    return out


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(scalar_graph(graph), path)
    return [path]


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(scalar_graph(graph), path)
    return [path]


def write_neo4j_csv(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    from actorgraph.graph.neo4j_csv import import_command
    from actorgraph.graph.neo4j_csv import write_neo4j_csv as write

    paths = write(graph, path)
    print(f"load into an empty, stopped Neo4j with:\n  {import_command(paths)}")
    return paths


WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], list[Path]]] = {
    "json": write_json,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "neo4j-csv": write_neo4j_csv,
}
