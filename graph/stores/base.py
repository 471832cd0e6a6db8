"""The store contract: what every backend (embedded LadybugDB, Neo4j) must do.

Stores receive changes as a ``GraphDiff`` computed in memory (resolution happens
before any store), so a first build, a rebuild and an incremental update are one
write path, and a re-run that changes nothing writes nothing. Applying a diff is
idempotent (rows are keyed by id, a document's text is replaced whole), so a write cut
short is completed by applying the same diff again: the journal (graph.stores.journal)
keeps it until the store holds it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import networkx as nx

from actorgraph.graph.records import DocumentText, MentionRow
from actorgraph.graph.schema import load_schema


class StoreError(RuntimeError):
    """A store could not be opened, written or queried; the message says why."""


class ReadOnlyError(StoreError):
    """A statement that writes was sent through a read-only entry point."""


class StoreDamaged(StoreError):
    """The store's files are unreadable; the message says how to rebuild it."""


@dataclass(frozen=True, slots=True)
class NodeRow:
    id: str
    label: str
    props: dict[str, Any]  # flat store properties (see graph.stores.rows)


@dataclass(frozen=True, slots=True)
class EdgeRow:
    source: str
    source_label: str
    target: str
    target_label: str
    type: str
    props: dict[str, Any]


@dataclass(slots=True)
class GraphDiff:
    """Changes that turn the stored graph into the built one."""

    upsert_nodes: list[NodeRow] = field(default_factory=list)
    delete_nodes: list[NodeRow] = field(default_factory=list)
    upsert_edges: list[EdgeRow] = field(default_factory=list)
    delete_edges: list[EdgeRow] = field(default_factory=list)
    texts: list[DocumentText] = field(default_factory=list)  # sentences rewritten whole
    drop_texts: list[str] = field(default_factory=list)  # documents whose sentences go
    repoint: list[MentionRow] = field(default_factory=list)  # stored mentions, new entity

    def __len__(self) -> int:
        return (
            len(self.upsert_nodes)
            + len(self.delete_nodes)
            + len(self.upsert_edges)
            + len(self.delete_edges)
            + sum(len(t.sentences) + len(t.mentions) for t in self.texts)
            + len(self.drop_texts)
            + len(self.repoint)
        )

    @property
    def documents_written(self) -> list[str]:
        """Documents the diff adds, replaces or removes (what a pending write is about)."""
        return sorted({t.document for t in self.texts} | set(self.drop_texts))


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class Store(Protocol):
    """A graph store. ``dialect`` names the Cypher dialect it speaks; ``journal_dir`` is
    where its pending writes are journaled (graph.stores.journal)."""

    dialect: str
    location: str
    journal_dir: Path

    def apply(self, diff: GraphDiff, *, batch_size: int = 5000) -> int:
        """Write the diff; return the number of rows written. Idempotent: applying it to
        a store that already holds part or all of it gives the same store."""
        ...

    def read_graph(self, *, evidence_text: bool = True) -> nx.MultiDiGraph:
        """The whole stored graph, as the in-memory model (graph.model) holds it. Without
        ``evidence_text`` a link's evidence is its sentence ids only: what a build reads."""
        ...

    def query(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, read_only: bool = True
    ) -> QueryResult:
        """Run one Cypher statement with bound parameters."""
        ...

    def close(self) -> None: ...


def batched(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# --- names in generated Cypher: only the schema's, checked, back-quoted -------------------


def q(name: str) -> str:
    """Back-quote a schema name (checked to be letters, digits and '_' by the schema)."""
    return f"`{name}`"


def node_label(label: str) -> str:
    """``label`` if the schema declares it as a node label; refuses anything else."""
    if label not in load_schema().node_labels:
        raise StoreError(f"refusing to write undeclared node label {label!r}")
    return label


def link_type(name: str) -> str:
    """``name`` if the schema declares it as a link type; refuses anything else."""
    if name not in load_schema().links:
        raise StoreError(f"refusing to write undeclared relationship type {name!r}")
    return name


def group_nodes(rows: list[NodeRow]) -> dict[str, list[NodeRow]]:
    """Rows by label, each label checked against the schema before anything is written."""
    groups: dict[str, list[NodeRow]] = defaultdict(list)
    for row in rows:
        groups[row.label].append(row)
    for label in groups:
        node_label(label)
    return groups


def group_edges(rows: list[EdgeRow]) -> dict[tuple[str, str, str], list[EdgeRow]]:
    """Rows by (type, source label, target label), every name checked against the schema."""
    groups: dict[tuple[str, str, str], list[EdgeRow]] = defaultdict(list)
    for row in rows:
        groups[row.type, row.source_label, row.target_label].append(row)
    for name, source, target in groups:  # per group, not per row (0.6 s per 100k rows)
        link_type(name)
        node_label(source)
        node_label(target)
    return groups
