"""What Gephi relies on in a GraphML or GEXF file, checked on the parsed XML.

Gephi itself cannot run here; these are the rules its importers apply (and the GEXF
1.2 schema states): unique node ids, unique edge ids (Gephi drops an edge whose id it
has seen), a ``label`` per node (shown as its name), edges that join declared nodes, an
edge ``type`` among the schema's values, data that names a declared key or attribute.
Each checker asserts the rules and returns the file as plain records.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
GEXF_EDGE_TYPES = {"directed", "undirected", "mutual"}  # gexf.xsd 1.2: edgetype-type
GEXF_ATTRIBUTE_TYPES = {"integer", "long", "double", "float", "boolean", "liststring"}
GEXF_ATTRIBUTE_TYPES |= {"string", "anyURI"}


@dataclass
class Node:
    id: str
    label: str
    values: dict[str, str]


@dataclass
class Edge:
    id: str
    source: str
    target: str
    directed: bool
    values: dict[str, str]


def _unique(ids: list[str], what: str) -> None:
    repeated = sorted(i for i, count in Counter(ids).items() if count > 1)
    assert not repeated, f"{len(repeated)} repeated {what} ids, e.g. {repeated[:3]}"


def check_graphml(path: Path) -> tuple[list[Node], list[Edge]]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{GRAPHML}graphml"
    keys = {key.get("id"): key for key in root.iter(f"{GRAPHML}key")}
    _unique([key.get("id", "") for key in root.iter(f"{GRAPHML}key")], "key")
    (graph,) = root.findall(f"{GRAPHML}graph")
    default_directed = graph.get("edgedefault") == "directed"

    def values(element: ET.Element, scope: str) -> dict[str, str]:
        out = {}
        for data in element.findall(f"{GRAPHML}data"):
            key = keys[data.get("key")]
            assert key.get("for") == scope, f"key {key.get('id')} is not declared for {scope}"
            out[key.get("attr.name", "")] = data.text or ""
        return out

    nodes = []
    for element in graph.findall(f"{GRAPHML}node"):
        data = values(element, "node")
        assert data.get("label"), f"node {element.get('id')} has no label"
        nodes.append(Node(element.get("id", ""), data.pop("label"), data))
    _unique([n.id for n in nodes], "node")
    known = {n.id for n in nodes}
    edges = []
    for element in graph.findall(f"{GRAPHML}edge"):
        directed = element.get("directed")
        assert directed in (None, "true", "false")
        edge = Edge(
            element.get("id", ""),
            element.get("source", ""),
            element.get("target", ""),
            default_directed if directed is None else directed == "true",
            values(element, "edge"),
        )
        assert edge.id, "an edge without an id"
        assert {edge.source, edge.target} <= known, f"edge {edge.id} joins an undeclared node"
        edges.append(edge)
    _unique([e.id for e in edges], "edge")
    return nodes, edges


def check_gexf(path: Path) -> tuple[list[Node], list[Edge]]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    (graph,) = root.findall(f"{GEXF}graph")
    assert graph.get("defaultedgetype") in GEXF_EDGE_TYPES
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in graph.findall(f"{GEXF}attributes"):
        for attribute in block.findall(f"{GEXF}attribute"):
            assert attribute.get("type") in GEXF_ATTRIBUTE_TYPES, attribute.attrib
            declared[block.get("class", "")][attribute.get("id", "")] = attribute.get("title", "")

    def values(element: ET.Element, scope: str) -> dict[str, str]:
        out = {}
        for value in element.iter(f"{GEXF}attvalue"):
            assert value.get("for") in declared[scope], f"{scope} value for an undeclared id"
            out[declared[scope][value.get("for", "")]] = value.get("value", "")
        return out

    nodes = []
    for element in graph.iter(f"{GEXF}node"):
        assert element.get("label"), f"node {element.get('id')} has no label"
        nodes.append(Node(element.get("id", ""), element.get("label", ""), values(element, "node")))
    _unique([n.id for n in nodes], "node")
    known = {n.id for n in nodes}
    edges = []
    for element in graph.iter(f"{GEXF}edge"):
        kind = element.get("type", graph.get("defaultedgetype"))
        assert kind in GEXF_EDGE_TYPES, f"edge {element.get('id')} has type {kind!r}"
        weight = element.get("weight")
        data = values(element, "edge")
        if weight is not None:
            data["weight"] = str(float(weight))
        if element.get("label") is not None:
            data["label"] = element.get("label", "")
        edge = Edge(
            element.get("id", ""),
            element.get("source", ""),
            element.get("target", ""),
            kind == "directed",
            data,
        )
        assert edge.id, "an edge without an id"
        assert {edge.source, edge.target} <= known, f"edge {edge.id} joins an undeclared node"
        edges.append(edge)
    _unique([e.id for e in edges], "edge")
    return nodes, edges
