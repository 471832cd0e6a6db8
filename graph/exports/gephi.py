"""The graph as Gephi reads it, shared by the GraphML and GEXF writers.

Gephi shows a node's ``label`` as its name, so ``label`` is the entity's name (a
document's title) and the type goes in ``kind``; it drops an edge whose id it has
seen, so edges are numbered ``e0, e1, ...`` in sorted order; the relation is the edge
attribute ``relation`` (GEXF reserves the edge ``type`` for its direction). A
co-mention is symmetric, so it is an undirected edge in a mixed graph, and a stated
relation a directed one; ``mixed=False`` writes every edge directed, for readers that
refuse mixed graphs (networkx's ``read_graphml``/``read_gexf``).

Both formats admit only scalar attributes: lists are joined with `` | ``, and a link's
evidence, besides its ``sentences`` (ids), becomes ``evidence_texts`` and
``evidence_docs``, derived at export time from the sentences the store holds once; JSON
stays the lossless format.
Nodes, edges and columns come in a fixed order, so one store always gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.graph.exports.order import sorted_graph
from actorgraph.graph.exports.output import replacing_file
from actorgraph.graph.exports.text import xml_text
from actorgraph.graph.records import Evidence
from actorgraph.graph.schema import (
    DOCUMENT_PROPERTIES,
    ENTITY_PROPERTIES,
    MENTIONS_PROPERTIES,
    TYPED_PROPERTIES,
    load_schema,
)
from actorgraph.graph.stores.rows import edge_props, node_props

LIST_SEPARATOR = " | "
# Store property types (graph.schema) as attribute types; lists become joined strings.
ATTRIBUTE_TYPES = {"STRING": "string", "INT64": "long", "DOUBLE": "double"}
NODE_OMITTED = {"id", "name", "title"}  # the node's own id, and what becomes its label
EDGE_OMITTED = {"weight"}  # the format's own
# A link's evidence as text, in sentence order: read with the graph, never stored on the link.
EVIDENCE_COLUMNS = {"evidence_texts": "STRING[]", "evidence_docs": "STRING[]"}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # "string", "long" or "double"


@dataclass(frozen=True, slots=True)
class GephiNode:
    id: str
    label: str
    values: dict[str, str | int | float]


@dataclass(frozen=True, slots=True)
class GephiEdge:
    id: str
    source: str
    target: str
    directed: bool
    weight: int | None
    values: dict[str, str | int | float]


@dataclass(frozen=True, slots=True)
class GephiGraph:
    node_columns: list[Column]
    edge_columns: list[Column]
    nodes: list[GephiNode]
    edges: list[GephiEdge]


def gephi_graph(graph: nx.MultiDiGraph, *, mixed: bool = True) -> GephiGraph:
    """Sorted nodes and edges with scalar, XML-safe values, and the columns they use."""
    schema = load_schema()
    graph = sorted_graph(graph)
    nodes = [_node(node, attrs) for node, attrs in graph.nodes(data=True)]
    edges = []
    for number, (source, target, key, attrs) in enumerate(graph.edges(keys=True, data=True)):
        props = edge_props(key, attrs)
        values: dict[str, Any] = {"relation": key}
        values |= {name: value for name, value in props.items() if name not in EDGE_OMITTED}
        if "evidence" in attrs:
            values |= _evidence_values(attrs["evidence"])
        edges.append(
            GephiEdge(
                f"e{number}",
                xml_text(source),
                xml_text(target),
                not (mixed and key in schema.links and schema.links[key].symmetric),
                props.get("weight"),
                _scalars(values),
            )
        )
    return GephiGraph(_node_columns(), _edge_columns(), nodes, edges)


def _node(node: str, attrs: dict[str, Any]) -> GephiNode:
    props = node_props(attrs)
    label = props.get("name") or props.get("title") or props.get("source") or node
    values = {"kind": attrs["label"]}
    values |= {name: value for name, value in props.items() if name not in NODE_OMITTED}
    return GephiNode(xml_text(node), xml_text(str(label)), _scalars(values))


def _node_columns() -> list[Column]:
    declared = {**ENTITY_PROPERTIES, **DOCUMENT_PROPERTIES}
    columns = [Column("kind", "string")]
    columns += [_column(name, kind) for name, kind in declared.items() if name not in NODE_OMITTED]
    return columns


def _evidence_values(evidence: list[Evidence]) -> dict[str, list[str]]:
    ordered = sorted(evidence)
    return {
        "evidence_texts": [e.text for e in ordered],
        "evidence_docs": [e.document for e in ordered],
    }


def _edge_columns() -> list[Column]:
    declared = {**MENTIONS_PROPERTIES, **TYPED_PROPERTIES, **EVIDENCE_COLUMNS}
    columns = [Column("relation", "string")]
    columns += [_column(name, kind) for name, kind in declared.items() if name not in EDGE_OMITTED]
    return columns


def _column(name: str, kind: str) -> Column:
    return Column(name, ATTRIBUTE_TYPES.get(kind, "string"))


def _scalars(values: dict[str, Any]) -> dict[str, str | int | float]:
    """Values as the formats hold them: lists joined, text made XML-safe, none empty."""
    out: dict[str, str | int | float] = {}
    for name, value in values.items():
        if value is None or value == []:
            continue
        if isinstance(value, (list, tuple)):
            value = LIST_SEPARATOR.join(str(item) for item in value)
        out[name] = xml_text(value) if isinstance(value, str) else value
    return out


def xml_root(tag: str, namespace: str, schema: str, **attrs: str) -> ET.Element:
    """The document element: its namespace, where that namespace's schema lives, ``attrs``."""
    return ET.Element(
        tag,
        {
            "xmlns": namespace,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": f"{namespace} {schema}",
            **attrs,
        },
    )


def write_xml(root: ET.Element, path: Path) -> None:
    """Write ``root`` as UTF-8 to ``path``, replacing a file there.

    An XML parser reads a raw carriage return in text as a line feed, and ElementTree
    escapes it only in attributes; so it is written as ``&#13;`` everywhere.
    """
    text = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")
    with replacing_file(path) as temporary:
        temporary.write_text(f"<?xml version='1.0' encoding='utf-8'?>\n{text}\n", "utf-8")
