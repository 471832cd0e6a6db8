"""A judgement written to the store at once, without a rebuild.

The stored graph is already curated by the judgements before it, so the new one is
applied to it exactly as a build applies it after them (``apply.edited``), and only the
difference goes through the store's journaled write path. What needs the uncurated graph
(a separation, or undoing a judgement that changed the store) is left to the next build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from actorgraph.graph.curation.apply import apply_judgement, edited, find
from actorgraph.graph.curation.judgements import Judgement, renumber
from actorgraph.graph.stores.base import GraphDiff, Store
from actorgraph.graph.stores.delta import commit, plan_delta, recover
from actorgraph.graph.stores.lock import WriterLock, lock_path
from actorgraph.graph.stores.rows import node_props

DERIVED = ("degree", "pagerank", "betweenness", "community")  # graph.metrics recomputes them


@dataclass(frozen=True, slots=True)
class StoreChange:
    """What one judgement changed in the store."""

    matched: bool  # False: the judgement matched nothing stored, nothing was written
    nodes_removed: int = 0
    nodes_changed: int = 0  # added, re-addressed, or with other names, aliases, links
    nodes_reranked: int = 0  # only their derived figures changed
    links_written: int = 0
    links_removed: int = 0
    mentions_moved: int = 0
    rows: int = 0

    def __str__(self) -> str:
        if not self.matched:
            return "matches nothing in the store; nothing written"
        return (
            f"{_n(self.nodes_changed, 'node')} changed, {self.nodes_removed} removed, "
            f"{self.nodes_reranked} re-ranked; {_n(self.links_written, 'link')} written, "
            f"{self.links_removed} removed; {_n(self.mentions_moved, 'mention')} moved "
            f"({_n(self.rows, 'row')} written)"
        )


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def apply_to_store(store: Store, number: int, judgement: Judgement) -> StoreChange:
    """Apply judgement #number (the file's last) to what ``store`` holds."""
    return _write(store, lambda graph: apply_judgement(graph, number, judgement))


def undo_in_store(store: Store, number: int, judgement: Judgement) -> StoreChange | None:
    """Undo judgement #number in the store when it left nothing there (it matched nothing,
    or was never applied): only the later judgements' numbers move. None when undoing it
    needs the uncurated graph, i.e. a build."""

    def undo(graph: nx.MultiDiGraph) -> bool:
        if not left_no_trace(graph, number, judgement):
            return False
        for _, attrs in graph.nodes(data=True):
            _renumber(attrs, number)
        for _, _, attrs in graph.edges(data=True):
            _renumber(attrs, number)
        return True

    change = _write(store, undo)
    return change if change.matched else None


def left_no_trace(graph: nx.MultiDiGraph, number: int, j: Judgement) -> bool:
    """Whether the stored ``graph`` shows nothing of judgement #number: what it removes is
    still there, or nothing is marked with it."""
    if j.kind == "separate":
        return False  # whether it kept two apart shows only in a build without it
    found = [find(graph, n) for n in j.names]
    if j.kind == "drop":
        return bool(found[0])
    if j.kind == "reject":
        return not all(found) or any(
            graph.has_edge(s, t, j.type) or graph.has_edge(t, s, j.type)
            for s in found[0]
            for t in found[1]
        )
    entry = j.entry(number)
    marks = [a.get("curated") or () for *_, a in graph.edges(data=True)]
    marks += [a.get("curated") or () for _, a in graph.nodes(data=True)]
    return not any(entry in m for m in marks)


def _renumber(attrs: dict[str, Any], removed: int) -> None:
    if attrs.get("curated"):
        attrs["curated"] = [renumber(e, removed) for e in attrs["curated"]]


def _write(store: Store, edit: Callable[[nx.MultiDiGraph], bool]) -> StoreChange:
    with WriterLock(lock_path(store.journal_dir), store=store.location):
        recover(store)  # an interrupted write first: the graph read must be whole
        before = store.read_graph(evidence_text=False)
        after, matched = edited(before, edit)
        if not matched:
            return StoreChange(False)
        diff = plan_delta(store, before, after, texts={})
        rows = commit(store, diff, command="curate")
    return _summary(before, diff, rows)


def _summary(before: nx.MultiDiGraph, diff: GraphDiff, rows: int) -> StoreChange:
    def fixed(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k not in DERIVED}

    upserted = {row.id for row in diff.upsert_nodes}
    reranked = {
        row.id
        for row in diff.upsert_nodes
        if row.id in before
        and before.nodes[row.id]["label"] == row.label
        and fixed(node_props(before.nodes[row.id])) == fixed(row.props)
    }
    return StoreChange(
        True,
        nodes_removed=len({row.id for row in diff.delete_nodes} - upserted),
        nodes_changed=len(upserted - reranked),
        nodes_reranked=len(reranked),
        links_written=len(diff.upsert_edges),
        links_removed=len(diff.delete_edges),
        mentions_moved=len(diff.repoint),
        rows=rows,
    )
