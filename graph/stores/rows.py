"""Flatten the in-memory graph into store rows and back.

Stores hold only scalar and list properties (Neo4j allows no maps on a property), so
an edge's evidence list is kept as four parallel lists: ``evidence_docs``,
``evidence_texts``, ``evidence_starts``, ``evidence_ends``. This module is the only
place that knows that layout.
"""

from __future__ import annotations

import sys
from typing import Any

import networkx as nx

from actorgraph.graph.records import Evidence
from actorgraph.graph.schema import node_properties
from actorgraph.graph.stores.base import EdgeRow, GraphDiff, NodeRow


def node_props(attrs: dict[str, Any]) -> dict[str, Any]:
    declared = node_properties(attrs["label"])
    return {name: _plain(attrs.get(name)) for name in declared if name != "id"}


def edge_props(link_type: str, attrs: dict[str, Any]) -> dict[str, Any]:
    if link_type == "MENTIONS":
        return {"count": int(attrs.get("count", 1))}
    if link_type == "WROTE":
        return {}
    evidence: list[Evidence] = attrs.get("evidence", [])
    props: dict[str, Any] = {
        "weight": int(attrs.get("weight", len(evidence))),
        "evidence_docs": [e.document for e in evidence],
        "evidence_texts": [e.text for e in evidence],
        "evidence_starts": [e.start for e in evidence],
        "evidence_ends": [e.end for e in evidence],
    }
    if link_type != "CO_MENTIONED":
        props["patterns"] = list(attrs.get("patterns", []))
    return props


def node_attrs(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """Inverse of node_props."""
    attrs = {k: v for k, v in props.items() if k != "id"}
    attrs["label"] = label
    for name in ("aliases", "documents", "authors"):
        if name in attrs and attrs[name] is None:
            attrs[name] = []
    return attrs


def edge_attrs(link_type: str, props: dict[str, Any]) -> dict[str, Any]:
    """Inverse of edge_props. Document ids and sentences are interned: a store returns a
    new string per list item, and one sentence is cited by many links."""
    attrs: dict[str, Any] = {"type": link_type}
    if link_type == "MENTIONS":
        attrs["count"] = props.get("count", 1)
    elif link_type != "WROTE":
        docs = [sys.intern(d) for d in props.get("evidence_docs") or []]
        attrs["evidence"] = [
            Evidence(d, s, e, sys.intern(t))
            for d, t, s, e in zip(
                docs,
                props.get("evidence_texts") or [],
                props.get("evidence_starts") or [],
                props.get("evidence_ends") or [],
                strict=True,
            )
        ]
        attrs["weight"] = props.get("weight") or len(docs)
        if link_type != "CO_MENTIONED":
            attrs["patterns"] = list(props.get("patterns") or [])
    return attrs


def node_row(graph: nx.MultiDiGraph, node: str) -> NodeRow:
    attrs = graph.nodes[node]
    return NodeRow(node, attrs["label"], node_props(attrs))


def edge_row(graph: nx.MultiDiGraph, source: str, target: str, key: str) -> EdgeRow:
    attrs = graph.edges[source, target, key]
    return EdgeRow(
        source,
        graph.nodes[source]["label"],
        target,
        graph.nodes[target]["label"],
        key,
        edge_props(key, attrs),
    )


def diff_graphs(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> GraphDiff:
    """Rows to upsert and delete so that a store holding ``before`` holds ``after``.

    A node whose label changed is deleted and re-created (labels are tables in
    LadybugDB); its edges are then re-written too.
    """
    diff = GraphDiff()
    relabelled = set()
    for node in before.nodes:
        if node not in after or after.nodes[node]["label"] != before.nodes[node]["label"]:
            diff.delete_nodes.append(node_row(before, node))
            if node in after:
                relabelled.add(node)
    for node, attrs in after.nodes(data=True):
        new = node_props(attrs)
        if node in relabelled or node not in before or node_props(before.nodes[node]) != new:
            diff.upsert_nodes.append(NodeRow(node, attrs["label"], new))
    for source, target, key in before.edges(keys=True):
        if source in relabelled or target in relabelled:
            continue  # deleted with their node
        if not after.has_edge(source, target, key):
            diff.delete_edges.append(edge_row(before, source, target, key))
    for source, target, key, attrs in after.edges(keys=True, data=True):
        props = edge_props(key, attrs)
        if (
            source in relabelled
            or target in relabelled
            or not before.has_edge(source, target, key)
            or edge_props(key, before.edges[source, target, key]) != props
        ):
            diff.upsert_edges.append(
                EdgeRow(
                    source,
                    after.nodes[source]["label"],
                    target,
                    after.nodes[target]["label"],
                    key,
                    props,
                )
            )
    return diff


def _plain(value: Any) -> Any:
    if isinstance(value, (set, tuple)):
        return sorted(value)
    return value


__all__ = [
    "diff_graphs",
    "edge_attrs",
    "edge_props",
    "edge_row",
    "node_attrs",
    "node_props",
    "node_row",
]
