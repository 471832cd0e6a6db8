"""GraphML and GEXF for Gephi and friends: formats that admit only scalar attributes.

Lists are joined with " | " and evidence becomes the ``evidence_texts`` column, so
Gephi users get readable cells; JSON stays the lossless format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

LIST_SEPARATOR = " | "


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
