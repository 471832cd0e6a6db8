"""GraphML for Gephi and other GraphML readers: the layout of ``gephi.gephi_graph``.

Keys are declared once per attribute (``label``, ``kind``, ... for nodes; ``label``,
``relation``, ``weight``, ... for edges), with ids ``node_<name>`` / ``edge_<name>``;
the graph is directed by default and a co-mention carries ``directed="false"``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

from actorgraph.graph.exports.gephi import Column, gephi_graph, write_xml, xml_root

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"


def graphml_element(graph: nx.MultiDiGraph, *, mixed: bool = True) -> ET.Element:
    flat = gephi_graph(graph, mixed=mixed)
    root = xml_root("graphml", NAMESPACE, f"{NAMESPACE}/1.0/graphml.xsd")
    node_columns = [Column("label", "string"), *flat.node_columns]
    edge_columns = [Column("label", "string"), *flat.edge_columns, Column("weight", "long")]
    for scope, columns in (("node", node_columns), ("edge", edge_columns)):
        for column in columns:
            ET.SubElement(
                root,
                "key",
                {
                    "id": f"{scope}_{column.name}",
                    "for": scope,
                    "attr.name": column.name,
                    "attr.type": column.type,  # string, long, double: GraphML's names too
                },
            )
    body = ET.SubElement(root, "graph", {"id": "actorgraph", "edgedefault": "directed"})
    for node in flat.nodes:
        element = ET.SubElement(body, "node", {"id": node.id})
        _data(element, "node", {"label": node.label, **node.values})
    for edge in flat.edges:
        attrs = {"id": edge.id, "source": edge.source, "target": edge.target}
        if not edge.directed:
            attrs["directed"] = "false"
        element = ET.SubElement(body, "edge", attrs)
        values = {"label": edge.values["relation"], **edge.values}
        if edge.weight is not None:
            values["weight"] = edge.weight
        _data(element, "edge", values)
    ET.indent(root)
    return root


def _data(element: ET.Element, scope: str, values: dict[str, str | int | float]) -> None:
    for name, value in values.items():
        ET.SubElement(element, "data", {"key": f"{scope}_{name}"}).text = str(value)


def write_graphml(graph: nx.MultiDiGraph, path: Path, *, mixed: bool = True) -> list[Path]:
    """Write ``path``, replacing a file there."""
    write_xml(graphml_element(graph, mixed=mixed), path)
    return [path]
