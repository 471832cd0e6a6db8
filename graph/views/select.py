"""Choose the part of the graph a view draws: focus and depth, filters, and a size cap.

A browser stays readable up to a few hundred nodes, so above ``max_nodes`` the view
keeps the strongest entities (by the size measure) and records what it left out, for
the page to say so and to suggest ``--focus`` or filters.
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from actorgraph.graph.schema import load_schema

SIZE_MEASURES = ("pagerank", "degree")
DEFAULT_MAX_NODES = 500
DEFAULT_MAX_EDGES = 3000  # drawing cost grows with links; dense co-mention graphs need a cap


class ViewError(ValueError):
    """The view asked for cannot be made (unknown entity or label); the message says why."""


@dataclass(frozen=True, slots=True)
class ViewRequest:
    """What to draw. The defaults give the whole entity graph."""

    focus: str | None = None  # a name, alias or node id
    depth: int = 1
    labels: tuple[str, ...] = ()  # entity labels to keep; empty keeps all
    min_weight: int = 1
    include_documents: bool = False
    size_by: str = "pagerank"
    max_nodes: int = DEFAULT_MAX_NODES
    max_edges: int = DEFAULT_MAX_EDGES


@dataclass(slots=True)
class Selection:
    """The subgraph to draw, and what was left out of it."""

    graph: nx.MultiDiGraph
    request: ViewRequest
    focus: str | None = None  # the node id the request's focus resolved to
    eligible: int = 0  # entities that passed focus and filters, before the cap
    omitted: list[str] = field(default_factory=list)  # entity ids cut by the cap, strongest first
    omitted_edges: int = 0  # links between kept entities cut by the edge cap

    @property
    def entities(self) -> list[str]:
        return [n for n, a in self.graph.nodes(data=True) if is_entity(a)]


def is_entity(attrs: dict[str, Any]) -> bool:
    return attrs.get("label") != load_schema().document.label


def link_type(attrs: dict[str, Any], key: object = None) -> str:
    """The link's type: its ``type`` attribute, else its key (the contract keys edges by type)."""
    return str(attrs.get("type") or key or "")


def is_evidence_link(attrs: dict[str, Any], key: object = None) -> bool:
    """A link between two entities (co-mention or typed), as opposed to MENTIONS/WROTE."""
    return link_type(attrs, key) in load_schema().evidence_link_types


def strength(attrs: dict[str, Any], size_by: str) -> float:
    """The size measure of a node; query results may lack the derived figures."""
    value = attrs.get(size_by)
    return float(value) if isinstance(value, int | float) else 0.0


def find_entity(graph: nx.MultiDiGraph, text: str) -> str:
    """The node id for a name, alias or id: exact name first, then alias, case-insensitive.

    Several matches go to the strongest (by PageRank), since that is the one a
    reader most likely means; none raises ViewError with the closest names.
    """
    if text in graph and is_entity(graph.nodes[text]):
        return text
    wanted = _fold(text)
    by_name: list[str] = []
    by_alias: list[str] = []
    for node, attrs in graph.nodes(data=True):
        if not is_entity(attrs):
            continue
        if _fold(str(attrs.get("name", ""))) == wanted:
            by_name.append(node)
        elif any(_fold(str(a)) == wanted for a in attrs.get("aliases") or ()):
            by_alias.append(node)
    found = by_name or by_alias
    if found:
        return max(found, key=lambda n: (strength(graph.nodes[n], "pagerank"), n))
    names = sorted({str(a.get("name", n)) for n, a in graph.nodes(data=True) if is_entity(a)})
    close = difflib.get_close_matches(text, names, n=5, cutoff=0.6)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise ViewError(f"no entity named {text!r} in the graph{hint}")


def select(graph: nx.MultiDiGraph, request: ViewRequest) -> Selection:
    """The subgraph for ``request``: entities, the links between them, optionally documents."""
    schema = load_schema()
    unknown = [label for label in request.labels if label not in schema.entities]
    if unknown:
        raise ViewError(
            f"unknown label {', '.join(unknown)}; known: {', '.join(schema.entity_labels)}"
        )
    if request.size_by not in SIZE_MEASURES:
        raise ViewError(f"size_by must be one of {', '.join(SIZE_MEASURES)}")
    if request.depth < 0 or request.min_weight < 1 or request.max_nodes < 1:
        raise ViewError("depth must be >= 0, min_weight >= 1 and max_nodes >= 1")

    labels = set(request.labels) or None
    candidates = {
        n
        for n, a in graph.nodes(data=True)
        if is_entity(a) and (labels is None or a.get("label") in labels)
    }
    focus = find_entity(graph, request.focus) if request.focus else None
    if focus is not None:
        candidates.add(focus)  # the focus stays whatever the label filter says
    adjacency = _adjacency(graph, candidates, request.min_weight)
    distance: dict[str, int] = {}
    if focus is not None:
        distance = _within(adjacency, focus, request.depth)
        candidates = set(distance)
    elif request.min_weight > 1:
        candidates = {n for n in candidates if adjacency.get(n)}

    def rank(node: str) -> tuple[int, float, int, str]:
        attrs = graph.nodes[node]
        return (
            distance.get(node, 0),
            -strength(attrs, request.size_by),
            -int(attrs.get("mentions") or 0),
            node,
        )

    ordered = sorted(candidates, key=rank)
    kept, omitted = ordered[: request.max_nodes], ordered[request.max_nodes :]
    sub = _subgraph(graph, kept, request)
    omitted_edges = _cap_edges(sub, request.max_edges)
    if request.include_documents:
        _add_documents(graph, sub, kept)
    return Selection(sub, request, focus, len(ordered), omitted, omitted_edges)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _adjacency(graph: nx.MultiDiGraph, nodes: set[str], min_weight: int) -> dict[str, set[str]]:
    """Undirected neighbours among ``nodes`` through links of at least ``min_weight``."""
    adjacency: dict[str, set[str]] = {}
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        if source == target or source not in nodes or target not in nodes:
            continue
        if is_evidence_link(attrs, key) and evidence_weight(attrs) >= min_weight:
            adjacency.setdefault(source, set()).add(target)
            adjacency.setdefault(target, set()).add(source)
    return adjacency


def _within(adjacency: dict[str, set[str]], start: str, depth: int) -> dict[str, int]:
    """Breadth-first distances from ``start``, up to ``depth`` links."""
    distance = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if distance[node] == depth:
            continue
        for neighbour in sorted(adjacency.get(node, ())):
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                queue.append(neighbour)
    return distance


def evidence_weight(attrs: dict[str, Any]) -> int:
    """A link's weight: its sentences; a query result may only carry the evidence."""
    weight = attrs.get("weight")
    if isinstance(weight, int | float):
        return int(weight)
    return len(attrs.get("evidence") or ()) or 1


def _subgraph(graph: nx.MultiDiGraph, kept: Iterable[str], request: ViewRequest) -> nx.MultiDiGraph:
    kept = set(kept)
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in sorted(kept))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        inside = source in kept and target in kept and source != target
        if inside and is_evidence_link(attrs, key) and evidence_weight(attrs) >= request.min_weight:
            sub.add_edge(source, target, key=key, **{**attrs, "type": link_type(attrs, key)})
    return sub


def _cap_edges(sub: nx.MultiDiGraph, max_edges: int) -> int:
    """Drop the weakest co-mentions above ``max_edges``; typed relations go last."""
    edges = list(sub.edges(keys=True, data=True))
    if len(edges) <= max_edges:
        return 0
    edges.sort(
        key=lambda e: (e[3]["type"] != "CO_MENTIONED", evidence_weight(e[3]), e[0], e[1], e[2])
    )
    cut = edges[: len(edges) - max_edges]
    sub.remove_edges_from((s, t, k) for s, t, k, _ in cut)
    return len(cut)


def _add_documents(graph: nx.MultiDiGraph, sub: nx.MultiDiGraph, kept: list[str]) -> None:
    """Documents that mention a kept entity, with their MENTIONS and WROTE links."""
    kept_set = set(kept)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        key = link_type(attrs, key)
        if key not in ("MENTIONS", "WROTE"):
            continue
        entity, document = (target, source) if key == "MENTIONS" else (source, target)
        if entity not in kept_set or document not in graph:
            continue
        if document not in sub:
            sub.add_node(document, **graph.nodes[document])
        sub.add_edge(source, target, key=key, **{**attrs, "type": key})
