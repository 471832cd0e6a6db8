"""The embedded store: LadybugDB on disk, no server.

LadybugDB keeps one table per node label and per relationship type, declared up front
from the schema data. Many new rows are bulk-loaded with ``COPY`` from Arrow tables, a
few are created by ``UNWIND`` (see ``_insert``); rows that already exist are updated in
place. Every label, type and property name in generated Cypher comes from the schema
and is back-quoted (``Group`` is a keyword in this dialect); values are bound.

A write is journaled before it starts (graph.stores.journal, in ``<store>/journal``) and
committed in bounded transactions, each followed by a CHECKPOINT: a full disk then leaves
a WAL the database can replay (without the checkpoint, measured, it left a corrupted WAL
and lost committed writes). If the WAL is damaged anyway while a journal entry is
pending, it is set aside and the entry replayed. The sentences are indexed for search in
``<store>/search`` (graph.search) after the database commits.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import ladybug
import networkx as nx
import pyarrow as pa

from actorgraph.graph.faults import point
from actorgraph.graph.records import DocumentText, MentionRow
from actorgraph.graph.schema import (
    SENTENCE_PROPERTIES,
    lexical_endpoints,
    lexical_properties,
    link_endpoints,
    link_properties,
    load_schema,
    node_properties,
)
from actorgraph.graph.stores.base import (
    EdgeRow,
    GraphDiff,
    NodeRow,
    QueryResult,
    ReadOnlyError,
    StoreDamaged,
    StoreError,
    batched,
    group_edges,
    group_nodes,
    node_label,
    q,
)
from actorgraph.graph.stores.journal import Journal
from actorgraph.graph.stores.lock import held_by, lock_path
from actorgraph.graph.stores.rows import EvidenceCache, edge_attrs, node_attrs
from actorgraph.loaders.reading import STORE_MARKER

DATABASE_FILE = "graph.lbdb"
WAL_SUFFIX = ".wal"
# LadybugDB's refusal to open read-only a database killed inside a checkpoint
RECOVERY_PENDING = "checkpoint recovery is pending"
TRANSACTION_BYTES = 64 << 20  # row bytes per transaction (see LadybugStore.apply)
TRANSACTION_TABLES = 16  # tables written per transaction (see LadybugStore.apply)
BULK_ROWS = 1000  # rows from which a table's new rows are loaded by COPY (see _insert)
T = TypeVar("T")
ARROW_TYPES = {
    "STRING": pa.string(),
    "STRING[]": pa.list_(pa.string()),
    "INT64": pa.int64(),
    "INT64[]": pa.list_(pa.int64()),
    "DOUBLE": pa.float64(),
}


def schema_ddl() -> list[str]:
    """CREATE statements for every table the schema declares."""
    schema = load_schema()
    statements = []
    for label in (*schema.node_labels, schema.sentence_label):
        columns = ", ".join(
            f"{q(name)} {kind}{' PRIMARY KEY' if name == 'id' else ''}"
            for name, kind in node_properties(label).items()
        )
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {q(label)}({columns})")
    for link_type in schema.links:
        pairs = ", ".join(f"FROM {q(a)} TO {q(b)}" for a, b in link_endpoints(link_type))
        columns = "".join(
            f", {q(name)} {kind}" for name, kind in link_properties(link_type).items()
        )
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {q(link_type)}({pairs}{columns})")
    for link_type in schema.lexical_links:
        pairs = ", ".join(f"FROM {q(a)} TO {q(b)}" for a, b in lexical_endpoints(link_type))
        columns = "".join(
            f", {q(name)} {kind}" for name, kind in lexical_properties(link_type).items()
        )
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {q(link_type)}({pairs}{columns})")
    return statements


class LadybugStore:
    dialect = "ladybug"

    def __init__(self, location: str | Path, *, read_only: bool = False):
        self.location = str(location)
        self.read_only = read_only
        path = self.path = Path(location)
        self.journal_dir = path / "journal"
        self.search_dir = path / "search"
        self.wal_set_aside: Path | None = None
        self.recovered_copy: Path | None = None  # what a reader reads after a cut checkpoint
        if read_only and not (path / DATABASE_FILE).exists():
            raise StoreError(f"{location}: no store here; run `actorgraph build` first")
        if path.exists() and not path.is_dir():
            raise StoreError(f"{location}: not a store directory")
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._open()
        except RuntimeError as exc:
            recovered = self._open_recovered_copy(exc) if read_only else self._set_wal_aside(exc)
            if not recovered:
                prefix = f"{location}: cannot open the embedded store: "
                raise _failure(self.location, exc, prefix) from None
        if not read_only:
            (path / STORE_MARKER).touch()
            for statement in schema_ddl():
                self._run(statement)

    def _open(self) -> None:
        self._db = ladybug.Database(str(self.path / DATABASE_FILE), read_only=self.read_only)
        self._conn = ladybug.Connection(self._db)

    def _set_wal_aside(self, exc: RuntimeError) -> bool:
        """A WAL torn by a kill or a full disk stops the database opening. When a journal
        entry is pending, the store at its last checkpoint plus the entry's replay is the
        whole store (every transaction ends in a checkpoint): keep the WAL, open without it."""
        wal = self.path / (DATABASE_FILE + WAL_SUFFIX)
        pending = Journal(self.journal_dir).pending()
        if "wal" not in str(exc).lower() or not wal.exists() or not pending:
            return False
        aside = self.journal_dir / f"wal-corrupt-{time.strftime('%Y%m%dT%H%M%S')}"
        wal.rename(aside)
        self.wal_set_aside = aside
        try:
            self._open()
        except RuntimeError:
            return False
        return True

    def _open_recovered_copy(self, exc: RuntimeError) -> bool:
        """A kill inside a checkpoint leaves a recovery LadybugDB completes only when it
        opens the database read-write, which a reader must not do to the store (that is
        the next writer's, with its journal): read a copy recovered in a temporary
        directory instead. It holds what the store committed, as ``--allow-incomplete``
        promises. Not while a writer holds the lock: its checkpoint is still running."""
        if RECOVERY_PENDING not in str(exc) or held_by(lock_path(self.journal_dir)) is not None:
            return False
        self.recovered_copy = Path(tempfile.mkdtemp(prefix="actorgraph-read-"))
        for file in self.path.glob(DATABASE_FILE + "*"):
            shutil.copy2(file, self.recovered_copy / file.name)
        try:
            self._db = ladybug.Database(str(self.recovered_copy / DATABASE_FILE))
            self._conn = ladybug.Connection(self._db)
        except RuntimeError:
            self._drop_recovered_copy()
            return False
        return True

    def _drop_recovered_copy(self) -> None:
        if self.recovered_copy is not None:
            shutil.rmtree(self.recovered_copy, ignore_errors=True)
            self.recovered_copy = None

    # --- reading -----------------------------------------------------------------

    def query(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, read_only: bool = True
    ) -> QueryResult:
        if read_only:
            from actorgraph.graph.querylib import QueryError, check_read_only

            try:
                check_read_only(cypher)
            except QueryError as exc:
                raise ReadOnlyError(str(exc)) from None
        elif self.read_only:
            raise ReadOnlyError(f"{self.location} is open read-only")
        return self._run(cypher, params)

    def read_graph(self, *, evidence_text: bool = True) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        schema = load_schema()
        for label in schema.node_labels:
            names = list(node_properties(label))
            columns = ", ".join(f"n.{q(name)}" for name in names)
            for row in self._rows(f"MATCH (n:{q(label)}) RETURN {columns}"):
                props = dict(zip(names, row, strict=True))
                graph.add_node(props["id"], **node_attrs(label, props))
        known = EvidenceCache(self._sentence_texts() if evidence_text else None)
        for link_type in schema.links:
            names = list(link_properties(link_type))
            columns = "".join(f", r.{q(name)}" for name in names)
            cypher = f"MATCH (a)-[r:{q(link_type)}]->(b) RETURN a.id, b.id{columns}"
            for a, b, *values in self._rows(cypher):
                props = dict(zip(names, values, strict=True))
                graph.add_edge(a, b, key=link_type, **edge_attrs(link_type, props, known))
        return graph

    def _sentence_texts(self) -> dict[str, tuple[int, int, str]]:
        cypher = "MATCH (s:Sentence) RETURN s.id, s.start_char, s.end_char, s.text"
        return {sid: (start, end, text) for sid, start, end, text in self._rows(cypher)}

    def _rows(self, cypher: str) -> Iterator[tuple[Any, ...]]:
        """Result rows converted column by column through Arrow (``get_next`` is per row)."""
        try:
            table = self._conn.execute(cypher)
            assert not isinstance(table, list)
            batches = table.get_as_arrow(0).to_batches(max_chunksize=20_000)
            for batch in batches:
                yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)
        except (RuntimeError, UnicodeDecodeError, pa.ArrowException) as exc:
            raise _failure(self.location, exc) from None

    # --- writing -----------------------------------------------------------------

    def apply(self, diff: GraphDiff, *, batch_size: int = 5000) -> int:
        if self.read_only:
            raise ReadOnlyError(f"{self.location} is open read-only")
        if not len(diff):
            return 0
        # Few transactions: every commit costs a WAL flush and a checkpoint, and a build
        # writes dozens of tables. But LadybugDB holds an open transaction's rows in
        # memory, and at commit ~8 MB more for each link table it changed (measured;
        # the checkpoint gives it back), so one commits whenever the rows written since
        # the last reach TRANSACTION_BYTES or the tables written TRANSACTION_TABLES.
        # Every step is keyed by id, so a write cut between two commits is completed by
        # applying the same diff again (the journal's replay).
        self._pending = self._tables = 0
        self._run("BEGIN TRANSACTION")
        try:
            self._write(diff, batch_size)
            self._commit()
        except BaseException:
            # a failed statement may have ended the transaction: its error is the one to see
            with contextlib.suppress(StoreError):
                self._run("ROLLBACK")
            raise
        self._index(diff)
        return len(diff)

    def _write(self, diff: GraphDiff, batch_size: int) -> None:
        rewritten = [*diff.drop_texts, *(t.document for t in diff.texts)]
        for chunk in batched(rewritten, batch_size):
            self._run(
                "MATCH (s:Sentence) WHERE s.document IN $ids DETACH DELETE s",
                {"ids": list(chunk)},
            )
        for (link_type, a, b), rows in group_edges(diff.delete_edges).items():
            self._delete_edges(link_type, a, b, rows, batch_size)
        for label, nodes in group_nodes(diff.delete_nodes).items():
            for chunk in batched([n.id for n in nodes], batch_size):
                self._run(
                    f"UNWIND $ids AS i MATCH (n:{q(label)} {{id: i}}) DETACH DELETE n",
                    {"ids": list(chunk)},
                )
        created: set[str] = set()
        for label, nodes in group_nodes(diff.upsert_nodes).items():
            created |= self._upsert_nodes(label, nodes, batch_size)
            self._grown(0)
        for (link_type, a, b), rows in group_edges(diff.upsert_edges).items():
            old = [r for r in rows if r.source not in created and r.target not in created]
            updated = self._update_edges(link_type, a, b, old, batch_size) if old else set()
            new = [r for r in rows if (r.source, r.target) not in updated]
            for chunk, size in _by_size(new, TRANSACTION_BYTES):
                self._copy_edges(link_type, a, b, chunk)
                self._grown(size, 0)
            self._grown(0)
        for texts, size in _texts_by_size(diff.texts, TRANSACTION_BYTES):
            self._grown(size, self._copy_texts(texts))
        if diff.repoint:
            self._repoint(diff.repoint, batch_size)

    def _grown(self, size: int, tables: int = 1) -> None:
        """Count ``size`` bytes and ``tables`` tables written into the open transaction;
        commit when it is full."""
        self._pending += size
        self._tables += tables
        if self._pending >= TRANSACTION_BYTES or self._tables >= TRANSACTION_TABLES:
            self._commit()
            self._run("BEGIN TRANSACTION")
            self._pending = self._tables = 0

    def _commit(self) -> None:
        point("ladybug.commit:before")
        self._run("COMMIT")
        point("ladybug.commit:after")
        self._run("CHECKPOINT")
        point("ladybug.checkpoint:after")

    def _index(self, diff: GraphDiff) -> None:
        """The search index follows the database: delete by document, then add (idempotent)."""
        from actorgraph.graph.search.index import SentenceIndex

        removed = [*diff.drop_texts, *(t.document for t in diff.texts)]
        if not removed:
            return
        point("search.commit:before")
        SentenceIndex(self.search_dir).update(
            remove_documents=removed, add=[s for t in diff.texts for s in t.sentences]
        )
        point("search.commit:after")

    def _copy_texts(self, texts: Sequence[DocumentText]) -> int:
        """Their sentences, sentence links and mentions; the number of tables written."""
        sentences = [s for t in texts for s in t.sentences]
        if not sentences:
            return 0
        columns = {name: [getattr(s, name) for s in sentences] for name in SENTENCE_PROPERTIES}
        self._insert("Sentence", SENTENCE_PROPERTIES, columns)
        document = load_schema().document.label
        self._copy_links(
            "FROM_DOCUMENT", "Sentence", document, [(s.id, s.document) for s in sentences]
        )
        follows = [
            (a.id, b.id) for t in texts for a, b in zip(t.sentences, t.sentences[1:], strict=False)
        ]
        self._copy_links("NEXT_SENTENCE", "Sentence", "Sentence", follows)
        return 3 + self._copy_mentions([m for t in texts for m in t.mentions])

    def _copy_mentions(self, mentions: Sequence[MentionRow]) -> int:
        """The mentions, one link table per entity label; the number of tables written."""
        by_label: dict[str, list[MentionRow]] = {}
        for m in mentions:
            by_label.setdefault(m.label, []).append(m)
        for label, rows in sorted(by_label.items()):
            properties = {
                name: [getattr(m, name) for m in rows] for name in lexical_properties("HAS_MENTION")
            }
            pairs = [(m.sentence, m.entity) for m in rows]
            self._copy_links("HAS_MENTION", "Sentence", node_label(label), pairs, properties)
        return len(by_label)

    def _copy_links(
        self,
        link_type: str,
        a: str,
        b: str,
        pairs: Sequence[tuple[str, str]],
        properties: Mapping[str, list[Any]] | None = None,
    ) -> None:
        if not pairs:
            return
        kinds = {"from": "STRING", "to": "STRING", **lexical_properties(link_type)}
        columns = {"from": [p[0] for p in pairs], "to": [p[1] for p in pairs], **(properties or {})}
        self._insert(link_type, kinds, columns, (a, b))

    def _insert(
        self,
        table: str,
        kinds: Mapping[str, str],
        columns: Mapping[str, list[Any]],
        ends: tuple[str, str] | None = None,
    ) -> None:
        """New rows of a node table, or of a link table between the labels ``ends``.

        Many rows are bulk-loaded with ``COPY``; fewer than BULK_ROWS are created by
        ``UNWIND``: each ``COPY`` holds 10-20 MB that LadybugDB does not give back until
        the database closes (measured), and adding ten documents makes ~70 of them.
        """
        count = len(next(iter(columns.values())))
        if count >= BULK_ROWS:
            arrow_rows = pa.table(
                {name: pa.array(columns[name], ARROW_TYPES[kind]) for name, kind in kinds.items()}
            )
            with_ends = f" (from='{ends[0]}', to='{ends[1]}')" if ends else ""
            self._copy(f"COPY {q(table)} FROM arrow_rows{with_ends}", arrow_rows)
            return
        names = [name for name in kinds if name not in ("from", "to")]
        values = ", ".join(f"{q(name)}: r.{q(name)}" for name in names)
        if ends is None:
            cypher = f"UNWIND $rows AS r CREATE (:{q(table)} {{{values}}})"
        else:  # two MATCH clauses: primary-key lookups (one "MATCH a, b" scans the tables)
            cypher = (
                f"UNWIND $rows AS r MATCH (a:{q(ends[0])} {{id: r.`from`}}) "
                f"MATCH (b:{q(ends[1])} {{id: r.`to`}}) CREATE (a)-[:{q(table)} {{{values}}}]->(b)"
            )
        rows = [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]
        self._run(cypher, {"rows": rows})

    def _repoint(self, mentions: list[MentionRow], batch_size: int) -> None:
        """Stored mentions moved to a merged or renamed entity (any left by an earlier try
        of this write are deleted first, so a replay does not double them)."""
        for label in sorted({m.label for m in mentions}):
            rows = [m for m in mentions if m.label == label]
            for chunk in batched(rows, batch_size):
                self._run(
                    f"UNWIND $rows AS r MATCH (s:Sentence {{id: r.s}})-[m:HAS_MENTION]->"
                    f"(e:{q(node_label(label))} {{id: r.e}}) WHERE m.start_char = r.c DELETE m",
                    {"rows": [{"s": m.sentence, "e": m.entity, "c": m.start_char} for m in chunk]},
                )
        self._copy_mentions(mentions)

    def close(self) -> None:
        self._conn.close()
        self._db.close()
        self._drop_recovered_copy()

    def __enter__(self) -> LadybugStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- internals -----------------------------------------------------------------

    def _run(self, cypher: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        try:
            result = self._conn.execute(cypher, dict(params or {}))
            assert not isinstance(result, list)
            columns = result.get_column_names()
            rows = []
            while result.has_next():
                rows.append(result.get_next())
        except (RuntimeError, UnicodeDecodeError) as exc:
            message = str(exc)
            if self.read_only and "read-only" in message.lower():
                raise ReadOnlyError(f"{self.location} is open read-only: {message}") from None
            raise _failure(self.location, exc) from None
        return QueryResult(columns, rows)

    def _upsert_nodes(self, label: str, nodes: list[NodeRow], batch_size: int) -> set[str]:
        """Update the rows that exist, bulk-load the rest; return the ids created."""
        names = [name for name in node_properties(label) if name != "id"]
        existing: set[str] = set()
        for chunk in batched([n.id for n in nodes], batch_size):
            found = self._run(
                f"UNWIND $ids AS i MATCH (n:{q(label)} {{id: i}}) RETURN n.id", {"ids": list(chunk)}
            )
            existing.update(row[0] for row in found.rows)
        by_columns: dict[tuple[str, ...], list[NodeRow]] = {}
        for node in nodes:  # an update names only the properties that changed
            if node.id in existing:
                by_columns.setdefault(tuple(n for n in names if n in node.props), []).append(node)
        for columns, updates in by_columns.items():
            assignments = ", ".join(f"n.{q(name)} = r.{q(name)}" for name in columns)
            for chunk in batched(updates, batch_size):
                self._run(
                    f"UNWIND $rows AS r MATCH (n:{q(label)} {{id: r.id}}) SET {assignments}",
                    {"rows": [{"id": n.id, **n.props} for n in chunk]},
                )
        new = [n for n in nodes if n.id not in existing]
        if new:
            kinds = node_properties(label)
            values = _columns(kinds, {"id": [n.id for n in new]}, [n.props for n in new])
            self._insert(label, kinds, values)
        return {n.id for n in new}

    def _copy_edges(self, link_type: str, a: str, b: str, rows: list[EdgeRow]) -> None:
        kinds = {"from": "STRING", "to": "STRING", **link_properties(link_type)}
        keys = {"from": [r.source for r in rows], "to": [r.target for r in rows]}
        columns = _columns(kinds, keys, [r.props for r in rows])
        self._insert(link_type, kinds, columns, (a, b))

    def _copy(self, statement: str, arrow_rows: pa.Table) -> None:
        # LadybugDB resolves ``arrow_rows`` by name in the calling frame.
        try:
            self._conn.execute(statement)
        except RuntimeError as exc:
            raise StoreError(f"bulk load failed: {exc}") from None

    def _update_edges(
        self, link_type: str, a: str, b: str, rows: list[EdgeRow], batch_size: int
    ) -> set[tuple[str, str]]:
        """Set the properties of the links that exist, in place; the (source, target)
        pairs found. Absolute values, not increments: applying them twice is harmless."""
        names = link_properties(link_type)
        assignments = ("SET " + ", ".join(f"e.{q(n)} = r.{q(n)}" for n in names)) if names else ""
        found: set[tuple[str, str]] = set()
        for chunk in batched(rows, batch_size):
            result = self._run(
                f"UNWIND $rows AS r MATCH (a:{q(a)} {{id: r.s}})-[e:{q(link_type)}]->"
                f"(b:{q(b)} {{id: r.t}}) {assignments} RETURN r.s, r.t",
                {"rows": [{"s": r.source, "t": r.target, **r.props} for r in chunk]},
            )
            found.update((source, target) for source, target in result.rows)
        return found

    def _delete_edges(
        self, link_type: str, a: str, b: str, rows: list[EdgeRow], batch_size: int
    ) -> None:
        for chunk in batched(rows, batch_size):
            self._run(
                f"UNWIND $rows AS r MATCH (a:{q(a)} {{id: r.s}})-[e:{q(link_type)}]->"
                f"(b:{q(b)} {{id: r.t}}) DELETE e",
                {"rows": [{"s": r.source, "t": r.target} for r in chunk]},
            )


# What LadybugDB says when the file itself is bad, as opposed to the statement.
DAMAGE_SIGNS = (
    "storage exception",
    "corrupt",
    "not a valid lbug database",
    "cannot read checkpoint",
    "cannot load disk array",
)


def _failure(location: str, exc: Exception, prefix: str = "") -> StoreError:
    """The error to raise: "store damaged" with the way out when the file is bad, else the
    database's own message (a statement's error is the analyst's to fix)."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, UnicodeDecodeError | pa.ArrowException) or any(
        sign in message.lower() for sign in DAMAGE_SIGNS
    ):
        return StoreDamaged(
            f"{location}: store damaged ({message}); rebuild it: move {location} aside and "
            f"run `actorgraph build PATHS --store {location}` from the source files"
        )
    return StoreError(prefix + str(exc))


def _columns(
    kinds: Mapping[str, str], keys: dict[str, list[str]], props: list[dict[str, Any]]
) -> dict[str, list[Any]]:
    """One list per declared property, built column by column (the bulk load's Python
    cost is here: a dict per row would double it)."""
    return {name: keys[name] if name in keys else [p.get(name) for p in props] for name in kinds}


def _by_size(rows: list[EdgeRow], limit: int) -> Iterator[tuple[list[EdgeRow], int]]:
    """Runs of rows whose bytes (what a row weighs in a transaction) near ``limit``."""
    return _runs(rows, limit, lambda row: 64 + 24 * len(row.props.get("sentences") or ()))


def _texts_by_size(
    texts: list[DocumentText], limit: int
) -> Iterator[tuple[list[DocumentText], int]]:
    return _runs(
        texts,
        limit,
        lambda t: sum(96 + len(s.text) for s in t.sentences) + 64 * len(t.mentions),
    )


def _runs(items: list[T], limit: int, weigh: Callable[[T], int]) -> Iterator[tuple[list[T], int]]:
    chunk: list[T] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += weigh(item)
        if size >= limit:
            yield chunk, size
            chunk, size = [], 0
    if chunk:
        yield chunk, size
