"""Applying judgements to the resolved graph, in file order, before it is frozen.

Runs on the thawed graph (``GraphBuilder.finish``'s hook), after the automatic merges
and before the aggregates and derived figures, so a merged node's mentions, weights and
pagerank are those of the union. Separations act earlier, in the resolver. Each
judgement says whether it matched anything; one that did not is reported, never
silently ignored. A node shaped by a judgement says so in its ``note``.
"""

from __future__ import annotations

import networkx as nx

from actorgraph.graph.curation.judgements import Curation, Judgement
from actorgraph.graph.extraction.resolution import entity_id
from actorgraph.graph.model import DOCUMENT, fold_node
from actorgraph.graph.schema import load_schema


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
        if not _apply(graph, judgement, f"{judgement.kind} #{number}"):
            stale.append((number, judgement))
    return stale


def _apply(graph: nx.MultiDiGraph, j: Judgement, label: str) -> bool:
    if j.kind == "separate":  # done by the resolver; matches when both are there
        return all(find(graph, n) for n in j.names)
    if j.kind == "reject":
        return _reject(graph, j)
    if j.kind == "drop":
        nodes = find(graph, j.names[0])
        graph.remove_nodes_from(nodes)
        return bool(nodes)
    if j.kind == "type":
        nodes = find(graph, j.names[0])
        for node in nodes:
            _rename(graph, node, j.type, None, f"typed {j.type} by the analyst ({label})")
        return bool(nodes)
    return _merge(graph, j, label)


def _merge(graph: nx.MultiDiGraph, j: Judgement, label: str) -> bool:
    found = [find(graph, n) for n in j.names]
    if not all(found):
        return False
    fuller = max(range(len(j.names)), key=lambda i: (len(j.names[i]), -i))
    target = found[fuller][0]
    for node in sorted(set().union(*found) - {target}):
        fold_node(graph, node, target)
    note = f"merged by the analyst ({label}): {', '.join(j.names)}"
    _rename(graph, target, j.type or None, j.name or None, note)
    return True


def _rename(
    graph: nx.MultiDiGraph, node: str, label: str | None, name: str | None, note: str
) -> None:
    """Give ``node`` a new label or name (its id follows), folding into a namesake."""
    attrs = graph.nodes[node]
    if name:
        attrs["aliases"].add(attrs["name"])
        attrs["name"] = name
    attrs["label"] = label or attrs["label"]
    attrs["note"] = "; ".join(x for x in (attrs.get("note"), note) if x)
    new = entity_id(attrs["label"], attrs["name"])
    if new == node:
        return
    if new in graph:
        fold_node(graph, node, new)
        graph.nodes[new]["note"] = "; ".join(x for x in (graph.nodes[new].get("note"), note) if x)
    else:
        nx.relabel_nodes(graph, {node: new}, copy=False)


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
        return "not in the store (applied by the last build, or stale: build reports it)"
    if not all(found):
        return "matches nothing in the store"
    if j.kind == "merge" and set(found[0]) != set(found[1]):
        return "pending: run actorgraph build"
    if j.kind == "type" and any(graph.nodes[n]["label"] != j.type for n in found[0]):
        return "pending: run actorgraph build"
    return "matches"
