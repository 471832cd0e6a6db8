"""GEXF 1.2 for Gephi: the layout of ``gephi.gephi_graph``.

The node ``label`` and the edge ``label``, ``weight`` and ``type`` are the format's own
attributes; ``type`` is ``directed`` or ``undirected`` (a co-mention), never the
relation, which is the attribute ``relation``. No date in ``<meta>``: two exports of
one store are the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

from actorgraph.graph.exports.gephi import Column, gephi_graph, write_xml, xml_root

NAMESPACE = "http://www.gexf.net/1.2draft"


def gexf_element(graph: nx.MultiDiGraph, *, mixed: bool = True) -> ET.Element:
    flat = gephi_graph(graph, mixed=mixed)
    root = xml_root("gexf", NAMESPACE, f"{NAMESPACE}/gexf.xsd", version="1.2")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "actorgraph"
    body = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "directed"})
    node_ids = _declare(body, "node", flat.node_columns, 0)
    edge_ids = _declare(body, "edge", flat.edge_columns, len(node_ids))
    nodes = ET.SubElement(body, "nodes")
    for node in flat.nodes:
        element = ET.SubElement(nodes, "node", {"id": node.id, "label": node.label})
        _values(element, node_ids, node.values)
    edges = ET.SubElement(body, "edges")
    for edge in flat.edges:
        attrs = {
            "id": edge.id,
            "source": edge.source,
            "target": edge.target,
            "type": "directed" if edge.directed else "undirected",
            "label": str(edge.values["relation"]),
        }
        if edge.weight is not None:
            attrs["weight"] = str(edge.weight)
        _values(ET.SubElement(edges, "edge", attrs), edge_ids, edge.values)
    ET.indent(root)
    return root


def _declare(body: ET.Element, scope: str, columns: list[Column], first: int) -> dict[str, str]:
    """Declare the columns; return each one's attribute id (numbered from ``first``)."""
    block = ET.SubElement(body, "attributes", {"class": scope, "mode": "static"})
    ids = {}
    for number, column in enumerate(columns, first):
        ids[column.name] = str(number)
        attrs = {"id": ids[column.name], "title": column.name, "type": column.type}
        ET.SubElement(block, "attribute", attrs)
    return ids


def _values(element: ET.Element, ids: dict[str, str], values: dict[str, str | int | float]) -> None:
    if values:
        block = ET.SubElement(element, "attvalues")
        for name, value in values.items():
            ET.SubElement(block, "attvalue", {"for": ids[name], "value": str(value)})


def write_gexf(graph: nx.MultiDiGraph, path: Path, *, mixed: bool = True) -> list[Path]:
    """Write ``path``, replacing a file there."""
    write_xml(gexf_element(graph, mixed=mixed), path)
    return [path]
