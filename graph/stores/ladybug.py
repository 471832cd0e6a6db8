"""The embedded store: LadybugDB on disk, no server.

LadybugDB keeps one table per node label and per relationship type, declared up front
from the schema data. New rows are bulk-loaded with ``COPY`` from Arrow tables (a
row-by-row ``MATCH ... CREATE`` of links runs at a few hundred per second, ``COPY`` at
tens of thousands with their evidence lists); rows that already exist are updated in
place, links are replaced. Every label, type and property name in generated Cypher
comes from the schema and is back-quoted (``Group`` is a keyword in this dialect);
values are bound.

A marker file beside the database records whether the last write finished, so a build
interrupted halfway is detected on the next run instead of being mistaken for a
complete store (a file, not a node, so that analysts' ``MATCH (n)`` never meets it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx
import pyarrow as pa

from actorgraph.graph.schema import (
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
    q,
)
from actorgraph.graph.stores.rows import edge_attrs, node_attrs

DATABASE_FILE = "graph.lbdb"
WRITING_MARKER = "WRITING"  # present while apply() runs
TRANSACTION_BYTES = 4 << 20  # evidence text per transaction (see LadybugStore.apply)
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
    for label in schema.node_labels:
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
    return statements


class LadybugStore:
    dialect = "ladybug"

    def __init__(self, location: str | Path, *, read_only: bool = False):
        self.location = str(location)
        self.read_only = read_only
        path = self.path = Path(location)
        if read_only and not (path / DATABASE_FILE).exists():
            raise StoreError(f"{location}: no store here; run `actorgraph build` first")
        if path.exists() and not path.is_dir():
            raise StoreError(f"{location}: not a store directory")
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(str(path / DATABASE_FILE), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            prefix = f"{location}: cannot open the embedded store: "
            raise _failure(self.location, exc, prefix) from None
        if not read_only:
            for statement in schema_ddl():
                self._run(statement)

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

    def read_graph(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        schema = load_schema()
        for label in schema.node_labels:
            names = list(node_properties(label))
            columns = ", ".join(f"n.{q(name)}" for name in names)
            for row in self._rows(f"MATCH (n:{q(label)}) RETURN {columns}"):
                props = dict(zip(names, row, strict=True))
                graph.add_node(props["id"], **node_attrs(label, props))
        for link_type in schema.links:
            names = list(link_properties(link_type))
            columns = "".join(f", r.{q(name)}" for name in names)
            cypher = f"MATCH (a)-[r:{q(link_type)}]->(b) RETURN a.id, b.id{columns}"
            for row in self._rows(cypher):
                props = dict(zip(names, row[2:], strict=True))
                graph.add_edge(row[0], row[1], key=link_type, **edge_attrs(link_type, props))
        return graph

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

    def is_complete(self) -> bool:
        """False when the last write to this store was interrupted."""
        return not (self.path / WRITING_MARKER).exists()

    # --- writing -----------------------------------------------------------------

    def apply(self, diff: GraphDiff, *, batch_size: int = 5000) -> int:
        if self.read_only:
            raise ReadOnlyError(f"{self.location} is open read-only")
        marker = self.path / WRITING_MARKER
        if not len(diff):  # writes are atomic, so the store already holds the graph
            marker.unlink(missing_ok=True)
            return 0
        marker.write_text("an actorgraph write is in progress or was interrupted\n", "utf-8")
        # Few transactions: every commit costs a WAL flush (~0.1 s) and a build writes
        # dozens of tables, one COPY per label pair. But LadybugDB holds an open
        # transaction's rows in memory, so one commits whenever the rows written since
        # the last reach TRANSACTION_BYTES: the open transaction stays bounded. The
        # marker makes a write interrupted between commits complete on the next build.
        self._run("BEGIN TRANSACTION")
        try:
            self._write(diff, batch_size)
        except BaseException:
            # a failed statement may have ended the transaction: its error is the one to see
            with contextlib.suppress(StoreError):
                self._run("ROLLBACK")
            raise
        self._run("COMMIT")
        self._conn.execute("CHECKPOINT")
        marker.unlink()
        return len(diff)

    def _write(self, diff: GraphDiff, batch_size: int) -> None:
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
        pending = 0  # evidence bytes written since the last commit
        for (link_type, a, b), rows in group_edges(diff.upsert_edges).items():
            old = [r for r in rows if r.source not in created and r.target not in created]
            if old:
                self._delete_edges(link_type, a, b, old, batch_size)
            for chunk, size in _by_size(rows, TRANSACTION_BYTES):
                self._copy_edges(link_type, a, b, chunk)
                pending += size
                if pending >= TRANSACTION_BYTES:
                    self._run("COMMIT")
                    self._run("BEGIN TRANSACTION")
                    pending = 0

    def close(self) -> None:
        self._conn.close()
        self._db.close()

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
        updates = [n for n in nodes if n.id in existing]
        assignments = ", ".join(f"n.{q(name)} = r.{q(name)}" for name in names)
        for chunk in batched(updates, batch_size):
            rows = [{"id": n.id, **n.props} for n in chunk]
            self._run(
                f"UNWIND $rows AS r MATCH (n:{q(label)} {{id: r.id}}) SET {assignments}",
                {"rows": rows},
            )
        new = [n for n in nodes if n.id not in existing]
        if new:
            table = _arrow_table(
                node_properties(label), {"id": [n.id for n in new]}, [n.props for n in new]
            )
            self._copy(f"COPY {q(label)} FROM arrow_rows", table)
        return {n.id for n in new}

    def _copy_edges(self, link_type: str, a: str, b: str, rows: list[EdgeRow]) -> None:
        columns = {"from": "STRING", "to": "STRING", **link_properties(link_type)}
        keys = {"from": [r.source for r in rows], "to": [r.target for r in rows]}
        table = _arrow_table(columns, keys, [r.props for r in rows])
        self._copy(f"COPY {q(link_type)} FROM arrow_rows (from='{a}', to='{b}')", table)

    def _copy(self, statement: str, arrow_rows: pa.Table) -> None:
        # LadybugDB resolves ``arrow_rows`` by name in the calling frame.
        try:
            self._conn.execute(statement)
        except RuntimeError as exc:
            raise StoreError(f"bulk load failed: {exc}") from None

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


def _arrow_table(
    columns: Mapping[str, str], keys: dict[str, list[str]], props: list[dict[str, Any]]
) -> pa.Table:
    """One Arrow column per declared property, built column by column (the bulk load's
    Python cost is here: a dict per row would double it)."""
    data = {name: keys[name] if name in keys else [p.get(name) for p in props] for name in columns}
    return pa.table(
        {name: pa.array(data[name], ARROW_TYPES[kind]) for name, kind in columns.items()}
    )


def _by_size(rows: list[EdgeRow], limit: int) -> Iterator[tuple[list[EdgeRow], int]]:
    """Runs of rows whose evidence text (what a row weighs in a transaction) nears ``limit``."""
    chunk: list[EdgeRow] = []
    size = 0
    for row in rows:
        chunk.append(row)
        size += 64 + sum(map(len, row.props.get("evidence_texts") or ()))
        if size >= limit:
            yield chunk, size
            chunk, size = [], 0
    if chunk:
        yield chunk, size
