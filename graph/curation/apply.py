"""Applying judgements to the resolved graph, in file order, before it is frozen.

Runs on the thawed graph (``GraphBuilder.finish``'s hook), after the automatic merges
and before the aggregates and derived figures, so a merged node's mentions, weights and
pagerank are those of the union. Separations act earlier, in the resolver. Each
judgement says whether it matched anything; one that did not is reported, never
silently ignored. ``curate`` applies one new judgement to the stored graph the same way
(``edited``), so the store holds what a build with it would.

Provenance: a node or link shaped by a judgement lists it in ``curated`` (``merge #3:
Lords, House of Lords``): the merged or retyped node, and every link a judgement moved
onto another node; the node's ``note`` says it in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx

from actorgraph.graph.curation.judgements import Curation, Judgement, describe
from actorgraph.graph.extraction.resolution import entity_id
from actorgraph.graph.metrics import add_derived_figures
from actorgraph.graph.model import DOCUMENT, fold_node, freeze, record_rename, thaw
from actorgraph.graph.schema import load_schema

T = TypeVar("T")


def find(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Entity nodes whose name, or else an alias, is ``name`` (case-insensitive), sorted."""
    key = name.casefold()
    entities = [(n, a) for n, a in graph.nodes(data=True) if a["label"] != DOCUMENT]
    named = sorted(n for n, a in entities if a["name"].casefold() == key)
    return named or sorted(
        n for n, a in entities if key in {x.casefold() for x in a.get("aliases") or ()}
    )


def apply_curation(graph: nx.MultiDiGraph, curation: Curation) -> list[tuple[int, Judgement]]:
    """Apply every judgement to ``graph`` in place; the numbered ones that matched nothing."""
    stale = []
    for number, judgement in enumerate(curation.judgements, 1):
        if not apply_judgement(graph, number, judgement):
            stale.append((number, judgement))
    return stale


def apply_judgement(graph: nx.MultiDiGraph, number: int, j: Judgement) -> bool:
    """Apply judgement #number to a thawed graph; whether it matched anything."""
    if j.kind == "separate":  # done by the resolver; matches when both are there
        return all(find(graph, n) for n in j.names)
    if j.kind == "reject":
        return _reject(graph, j)
    if j.kind == "drop":
        nodes = find(graph, j.names[0])
        graph.remove_nodes_from(nodes)
        return bool(nodes)
    entry = j.entry(number)
    if j.kind == "type":
        nodes = find(graph, j.names[0])
        for node in nodes:
            _rename(graph, node, j.type, None, entry)
        return bool(nodes)
    return _merge(graph, j, entry)


def edited(
    graph: nx.MultiDiGraph, edit: Callable[[nx.MultiDiGraph], T]
) -> tuple[nx.MultiDiGraph, T]:
    """A frozen graph (a stored one) changed by ``edit`` as a build changes it: on a thawed
    copy, then frozen with its aggregates and derived figures; and what ``edit`` returned."""
    copy = thaw(graph.copy())
    copy.graph.pop("renamed", None)
    result = edit(copy)
    after = freeze(copy)
    add_derived_figures(after)
    return after, result


def _merge(graph: nx.MultiDiGraph, j: Judgement, entry: str) -> bool:
    found = [find(graph, n) for n in j.names]
    if not all(found):
        return False
    fuller = max(range(len(j.names)), key=lambda i: (len(j.names[i]), -i))
    target = found[fuller][0]
    for node in sorted(set().union(*found) - {target}):
        _fold(graph, node, target, entry)
    _rename(graph, target, j.type or None, j.name or None, entry)
    return True


def _rename(
    graph: nx.MultiDiGraph, node: str, label: str | None, name: str | None, entry: str
) -> None:
    """Give ``node`` a new label or name (its id follows), folding into a namesake; either
    way it is marked as shaped by ``entry``."""
    attrs = graph.nodes[node]
    if name:
        attrs["aliases"].add(attrs["name"])
        attrs["name"] = name
    attrs["label"] = label or attrs["label"]
    new = entity_id(attrs["label"], attrs["name"])
    if new != node and new in graph:
        _fold(graph, node, new, entry)
    elif new != node:
        nx.relabel_nodes(graph, {node: new}, copy=False)
        record_rename(graph, node, new)
        for *_, link in _links(graph, new):
            _mark(link, entry)
    into = graph.nodes[new]
    into["note"] = "; ".join(x for x in (into.get("note"), describe(entry)) if x)
    _mark(into, entry)


def _fold(graph: nx.MultiDiGraph, source: str, target: str, entry: str) -> None:
    """``fold_node``, keeping the provenance of what moves, now also shaped by ``entry``."""
    schema = load_schema()
    carried = {}
    for u, v, key, attrs in _links(graph, source):
        u, v = (target if u == source else u), (target if v == source else v)
        if schema.links[key].symmetric and v < u:
            u, v = v, u
        if u != v:
            carried[u, v, key] = attrs.get("curated") or []
    marks = graph.nodes[source].get("curated") or []
    fold_node(graph, source, target)
    for (u, v, key), earlier in carried.items():
        _mark(graph.edges[u, v, key], *earlier, entry)
    _mark(graph.nodes[target], *marks)


def _links(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The co-mentions and typed relations of ``node`` (the links that carry evidence)."""
    edges = [
        *graph.in_edges(node, keys=True, data=True),
        *graph.out_edges(node, keys=True, data=True),
    ]
    return [(u, v, k, a) for u, v, k, a in edges if "evidence" in a]


def _mark(attrs: dict[str, Any], *entries: str) -> None:
    """Add ``entries`` to the provenance of a node or link (a new list: a stored graph's
    lists are shared with its thawed copy)."""
    held = list(attrs.get("curated") or ())
    attrs["curated"] = held + [e for e in dict.fromkeys(entries) if e not in held]


def _reject(graph: nx.MultiDiGraph, j: Judgement) -> bool:
    sources, targets = find(graph, j.names[0]), find(graph, j.names[1])
    symmetric = load_schema().links[j.type].symmetric
    pairs = [(s, t) for s in sources for t in targets]
    pairs += [(t, s) for s, t in pairs] if symmetric else []
    links = [(s, t) for s, t in pairs if graph.has_edge(s, t, j.type)]
    for source, target in links:
        graph.remove_edge(source, target, j.type)
    return bool(links)


def status(graph: nx.MultiDiGraph, j: Judgement) -> str:
    """What a stored (already curated) graph says of a judgement, for ``curate list``."""
    found = [find(graph, n) for n in j.names]
    if j.kind in ("drop", "reject"):
        if j.kind == "drop" and found[0]:
            return "pending: run actorgraph build"
        if j.kind == "reject" and all(found):
            return "names in the store (build reports whether the link still appears)"
        return "not in the store (applied, or stale: build reports which)"
    if not all(found):
        return "matches nothing in the store"
    if j.kind == "merge" and set(found[0]) != set(found[1]):
        return "pending: run actorgraph build"
    if j.kind == "type" and any(graph.nodes[n]["label"] != j.type for n in found[0]):
        return "pending: run actorgraph build"
    return "matches"
