"""The production store: a Neo4j server, reached with the official ``neo4j`` driver.

Writes are batched ``UNWIND $rows ... MERGE`` statements in managed write transactions
(``execute_write`` retries transient errors), packed so that one transaction carries
whole documents: a document's node, its links and the entities they reach commit
together. A marker node, created when a write starts and deleted when it ends, records
that a write is under way, so a build interrupted between transactions is detected
(``is_complete``) and completed by the next run; a finished store holds no such node.
Every label, type and property name in generated Cypher comes from the schema; values
are always bound parameters. Endpoints are matched with static labels because a dynamic
label (``:$(r.label)``) makes Neo4j 5.26 scan every node instead of using the ``id``
constraint's index. The contract suite and tests/graph/stores/test_neo4j_server.py run all
of this against a real Neo4j 5.26 (tools/neo4j). Credentials come from the environment or
a prompt and are kept by the driver only, never in this object's state, messages or logs.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import neo4j
import networkx as nx

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
    StoreError,
    batched,
    group_edges,
    group_nodes,
    link_type,
    node_label,
    q,
)
from actorgraph.graph.stores.rows import edge_attrs, node_attrs

AuthError, DriverError, Neo4jError = (
    neo4j.exceptions.AuthError,
    neo4j.exceptions.DriverError,
    neo4j.exceptions.Neo4jError,
)
Node, Path, Relationship = neo4j.graph.Node, neo4j.graph.Path, neo4j.graph.Relationship
log = logging.getLogger(__name__)

META = "ActorgraphMeta"
ENV_USER, ENV_PASSWORD, ENV_AUTH, ENV_DATABASE = (
    "NEO4J_USER",
    "NEO4J_PASSWORD",
    "NEO4J_AUTH",
    "NEO4J_DATABASE",
)
DEFAULT_USER = "neo4j"
ACCESS_MODE_ERROR = "Neo.ClientError.Statement.AccessMode"


# --- statements: every one this module sends, built from schema names only ---------------


def schema_definitions() -> dict[str, str]:
    """Constraint or index name -> its statement: uniqueness of ``id`` per label and an
    index on ``name`` (``key`` for documents)."""
    schema = load_schema()
    statements = {
        "actorgraph_meta_key": "CREATE CONSTRAINT actorgraph_meta_key IF NOT EXISTS "
        f"FOR (n:{q(META)}) REQUIRE n.`key` IS UNIQUE"
    }
    for label in schema.node_labels:
        lower = label.lower()
        statements[f"actorgraph_{lower}_id"] = (
            f"CREATE CONSTRAINT actorgraph_{lower}_id IF NOT EXISTS "
            f"FOR (n:{q(label)}) REQUIRE n.`id` IS UNIQUE"
        )
        indexed = "key" if label == schema.document.label else "name"
        statements[f"actorgraph_{lower}_{indexed}"] = (
            f"CREATE INDEX actorgraph_{lower}_{indexed} IF NOT EXISTS "
            f"FOR (n:{q(label)}) ON (n.{q(indexed)})"
        )
    return statements


def schema_statements() -> list[str]:
    return list(schema_definitions().values())


# Names of the indexes and constraints present: one read instead of 19 schema transactions
# (about 2 s on a real server even when all exist). A uniqueness constraint owns an index
# of the same name, so the index list names both.
SHOW_SCHEMA = "SHOW INDEXES YIELD name RETURN name"


SET_STATE = f"MERGE (m:{q(META)} {{`key`: $key}}) SET m.`value` = $value"
GET_STATE = f"MATCH (m:{q(META)} {{`key`: $key}}) RETURN m.`value` AS value"
CLEAR_STATE = f"MATCH (m:{q(META)} {{`key`: $key}}) DELETE m"


def upsert_nodes_statement(label: str) -> str:
    return (
        f"UNWIND $rows AS r MERGE (n:{q(node_label(label))} {{`id`: r.id}}) "
        "SET n = r.props RETURN count(n) AS written"
    )


def delete_nodes_statement(label: str) -> str:
    return f"UNWIND $rows AS r MATCH (n:{q(node_label(label))} {{`id`: r.id}}) DETACH DELETE n"


def upsert_edges_statement(name: str, source_label: str, target_label: str) -> str:
    """MERGE keeps one link per (source, type, target), as the in-memory graph does."""
    return (
        f"UNWIND $rows AS r "
        f"MATCH (a:{q(node_label(source_label))} {{`id`: r.source}}) "
        f"MATCH (b:{q(node_label(target_label))} {{`id`: r.target}}) "
        f"MERGE (a)-[e:{q(link_type(name))}]->(b) SET e = r.props RETURN count(e) AS written"
    )


def delete_edges_statement(name: str, source_label: str, target_label: str) -> str:
    return (
        f"UNWIND $rows AS r "
        f"MATCH (a:{q(node_label(source_label))} {{`id`: r.source}})"
        f"-[e:{q(link_type(name))}]->(b:{q(node_label(target_label))} {{`id`: r.target}}) "
        "DELETE e"
    )


# Reading the graph back: two statements, not one per label and type (~70 round trips, and
# as many plans to compile on a fresh server, took 4-10 s on the seeds). Labels and types
# are bound as parameters; properties the store does not hold come back as missing.
READ_NODES = (
    "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
    "RETURN [l IN labels(n) WHERE l IN $labels][0] AS label, properties(n) AS props"
)
READ_EDGES = (
    "MATCH (a)-[e]->(b) WHERE type(e) IN $types "
    "RETURN a.`id` AS source, b.`id` AS target, type(e) AS type, properties(e) AS props"
)


def all_statements(*, every_pair: bool = False) -> list[tuple[str, dict[str, Any]]]:
    """Every statement shape this store sends, with example parameters (for the Cypher lint).

    Each label and each type appears in every statement shape that takes it. Link
    statements differ between endpoint pairs only in the two labels, so by default each
    link type gets one pair and the entity labels are rotated through the pairs (linting
    all ~2,600 pairs takes minutes); ``every_pair`` gives the full cross product.
    """
    schema = load_schema()
    rows: dict[str, Any] = {"rows": []}
    out: list[tuple[str, dict[str, Any]]] = [(s, {}) for s in schema_statements()]
    out.append((SHOW_SCHEMA, {}))
    out += [(SET_STATE, {"key": "state", "value": "writing"}), (GET_STATE, {"key": "state"})]
    out.append((CLEAR_STATE, {"key": "state"}))
    out.append((READ_NODES, {"labels": list(schema.node_labels)}))
    out.append((READ_EDGES, {"types": list(schema.links)}))
    for label in schema.node_labels:
        out += [(upsert_nodes_statement(label), rows), (delete_nodes_statement(label), rows)]
    for number, name in enumerate(schema.links):
        pairs = link_endpoints(name)
        if not every_pair:
            pairs = [pairs[number % len(pairs)]]
            if name == "CO_MENTIONED":  # every entity label as source and as target
                labels = schema.entity_labels
                pairs = [(a, labels[(i + 1) % len(labels)]) for i, a in enumerate(labels)]
        for a, b in pairs:
            out.append((upsert_edges_statement(name, a, b), rows))
            out.append((delete_edges_statement(name, a, b), rows))
    return out


# --- planning writes: pure, so it is tested without a server ------------------------------


@dataclass(frozen=True, slots=True)
class Write:
    """One statement of a transaction; ``expect`` is the count it must report, if checked."""

    statement: str
    params: dict[str, Any]
    expect: int | None = None


def node_home(row: NodeRow) -> str:
    """The document a node row is written with: itself, or the first naming the entity."""
    if row.label == load_schema().document.label:
        return row.id
    return min(row.props.get("documents") or [""])


def edge_home(row: EdgeRow) -> str:
    if row.type == "WROTE":
        return row.target
    if row.type == "MENTIONS":
        return row.source
    return min(row.props.get("evidence_docs") or [""])


def plan_writes(diff: GraphDiff, batch_size: int) -> list[list[Write]]:
    """Transactions that turn the stored graph into the built one, in order.

    Deletions come first, in batches. Upserts are grouped by document and packed into
    transactions of about ``batch_size`` rows without splitting a document (one larger
    than ``batch_size`` gets a transaction of its own). A link is placed no earlier than
    the nodes it joins, so every MATCH in a transaction finds its endpoints.
    """
    if batch_size < 1:
        raise StoreError("batch size must be at least 1")
    transactions: list[list[Write]] = []
    for (name, a, b), group in group_edges(diff.delete_edges).items():
        statement = delete_edges_statement(name, a, b)
        for chunk in batched(group, batch_size):
            rows = [{"source": r.source, "target": r.target} for r in chunk]
            transactions.append([Write(statement, {"rows": rows})])
    for label, nodes in group_nodes(diff.delete_nodes).items():
        statement = delete_nodes_statement(label)
        for chunk in batched(nodes, batch_size):
            transactions.append([Write(statement, {"rows": [{"id": n.id} for n in chunk]})])

    units: dict[str, tuple[list[NodeRow], list[EdgeRow]]] = defaultdict(lambda: ([], []))
    placed: dict[str, str] = {}
    for node in diff.upsert_nodes:
        placed[node.id] = home = node_home(node)
        units[home][0].append(node)
    for edge in diff.upsert_edges:
        home = max(edge_home(edge), placed.get(edge.source, ""), placed.get(edge.target, ""))
        units[home][1].append(edge)

    pending_nodes: list[NodeRow] = []
    pending_edges: list[EdgeRow] = []
    for home in sorted(units):
        nodes, edges = units[home]
        size = len(nodes) + len(edges)
        held = len(pending_nodes) + len(pending_edges)
        if held and held + size > batch_size:
            transactions.append(_upserts(pending_nodes, pending_edges))
            pending_nodes, pending_edges = [], []
        pending_nodes += nodes
        pending_edges += edges
    if pending_nodes or pending_edges:
        transactions.append(_upserts(pending_nodes, pending_edges))
    return transactions


def _upserts(nodes: list[NodeRow], edges: list[EdgeRow]) -> list[Write]:
    writes = []
    for label, group in group_nodes(nodes).items():
        rows = [{"id": n.id, "props": {"id": n.id, **n.props}} for n in group]
        writes.append(Write(upsert_nodes_statement(label), {"rows": rows}, len(rows)))
    for (name, a, b), links in group_edges(edges).items():
        rows = [{"source": e.source, "target": e.target, "props": dict(e.props)} for e in links]
        writes.append(Write(upsert_edges_statement(name, a, b), {"rows": rows}, len(rows)))
    return writes


# --- credentials ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Credentials:
    user: str
    password: str = field(repr=False)


def credentials_from_environment(
    environ: Mapping[str, str],
    *,
    interactive: bool,
    ask_user: Callable[[str], str] = input,
    ask_password: Callable[[str], str] = getpass.getpass,
) -> Credentials | None:
    """NEO4J_USER/NEO4J_PASSWORD, else NEO4J_AUTH ("user/password" or "none"), else a prompt.

    ``None`` means the server runs without authentication (NEO4J_AUTH=none).
    """
    password = environ.get(ENV_PASSWORD)
    if password:
        return Credentials(environ.get(ENV_USER) or DEFAULT_USER, password)
    auth = environ.get(ENV_AUTH, "").strip()
    if auth.lower() == "none":
        return None
    user, sep, secret = auth.partition("/")
    if sep and user and secret:
        return Credentials(user, secret)
    if auth:
        raise StoreError(f"{ENV_AUTH} must be 'user/password' or 'none'")
    if not interactive:
        raise StoreError(
            f"no Neo4j credentials: set {ENV_USER} and {ENV_PASSWORD} "
            f"(or {ENV_AUTH}=user/password) in the environment"
        )
    user = environ.get(ENV_USER) or ask_user(f"Neo4j user [{DEFAULT_USER}]: ").strip()
    user = user or DEFAULT_USER
    return Credentials(user, ask_password(f"Neo4j password for {user}: "))


# --- the store ------------------------------------------------------------------------


class Neo4jStore:
    dialect = "neo4j"

    def __init__(
        self,
        uri: str,
        credentials: Credentials | None,
        *,
        read_only: bool = False,
        database: str | None = None,
        connect: bool = True,
        session_config: Mapping[str, Any] | None = None,
    ):
        parts = urlsplit(uri)
        if parts.username or parts.password:
            raise StoreError(
                "put the Neo4j user and password in the environment "
                f"({ENV_USER}, {ENV_PASSWORD}), not in the store URI"
            )
        self.location = uri
        self.read_only = read_only
        self.database = database
        self._session_config = dict(session_config or {})
        self._schema_ready = False
        auth = (credentials.user, credentials.password) if credentials else None
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=auth, user_agent="actorgraph")
        except (DriverError, ValueError) as exc:
            raise StoreError(f"{uri}: not a usable Neo4j URI: {exc}") from None
        if connect:
            try:
                self._driver.verify_connectivity()
            except AuthError:
                self._driver.close()
                raise StoreError(
                    f"Neo4j at {uri} refused the credentials (check {ENV_USER}/{ENV_PASSWORD})"
                ) from None
            except (DriverError, Neo4jError) as exc:
                self._driver.close()
                raise StoreError(f"cannot reach Neo4j at {uri}: {exc}") from None
            log.debug("connected to Neo4j at %s", uri)

    @classmethod
    def from_environment(
        cls, uri: str, *, read_only: bool = False, environ: Mapping[str, str] | None = None
    ) -> Neo4jStore:
        """Open ``uri`` with credentials from the environment, or a prompt on a terminal."""
        environ = os.environ if environ is None else environ
        credentials = credentials_from_environment(environ, interactive=sys.stdin.isatty())
        database = environ.get(ENV_DATABASE) or None
        return cls(uri, credentials, read_only=read_only, database=database)

    def __repr__(self) -> str:
        return f"Neo4jStore({self.location!r}, read_only={self.read_only})"

    # --- reading -----------------------------------------------------------------------

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
        result = self._run(cypher, params, write=not read_only)
        return QueryResult(result.columns, [[plain(v) for v in row] for row in result.rows])

    def read_graph(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        schema = load_schema()
        labels = {"labels": list(schema.node_labels)}
        for label, props in self._run(READ_NODES, labels, quiet=True).rows:
            declared = {name: props.get(name) for name in node_properties(label)}
            graph.add_node(props["id"], **node_attrs(label, declared))
        types = {"types": list(schema.links)}
        for source, target, name, props in self._run(READ_EDGES, types, quiet=True).rows:
            declared = {key: props.get(key) for key in link_properties(name)}
            graph.add_edge(source, target, key=name, **edge_attrs(name, declared))
        return graph

    def is_complete(self) -> bool:
        rows = self._run(GET_STATE, {"key": "state"}, quiet=True).rows
        return not rows or rows[0][0] == "complete"

    # --- writing -----------------------------------------------------------------------

    def apply(self, diff: GraphDiff, *, batch_size: int = 5000) -> int:
        if self.read_only:
            raise ReadOnlyError(f"{self.location} is open read-only")
        if not len(diff):
            # Nothing left to write after an interrupted build (its first part already
            # held everything the re-run computed): the store is whole again.
            if not self.is_complete():
                self._write([Write(CLEAR_STATE, {"key": "state"})])
            return 0
        plan = plan_writes(diff, batch_size)  # checks every label and type before writing
        self.ensure_schema()
        self._write([Write(SET_STATE, {"key": "state", "value": "writing"})])
        for transaction in plan:
            self._write(transaction)
        self._write([Write(CLEAR_STATE, {"key": "state"})])
        return len(diff)

    def ensure_schema(self) -> None:
        """Constraints and indexes, once per store object (IF NOT EXISTS makes reruns no-ops)."""
        if self._schema_ready:
            return
        present = {row[0] for row in self._run(SHOW_SCHEMA, quiet=True).rows}
        for name, statement in schema_definitions().items():
            if name not in present:
                self._write([Write(statement, {})])
        self._schema_ready = True

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- internals ---------------------------------------------------------------------

    def _session(self, *, write: bool, quiet: bool = False) -> neo4j.Session:
        config: dict[str, Any] = {
            "database": self.database,
            "default_access_mode": neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS,
            **self._session_config,
        }
        if quiet:  # our own reads of a new, empty database warn of unknown labels
            config["notifications_min_severity"] = neo4j.NotificationMinimumSeverity.OFF
        return self._driver.session(**config)

    def _run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        quiet: bool = False,
    ) -> QueryResult:
        def work(tx: neo4j.ManagedTransaction) -> QueryResult:
            result = tx.run(cypher, dict(params or {}))
            columns = list(result.keys())
            return QueryResult(columns, [list(record.values()) for record in result])

        with self._errors(), self._session(write=write, quiet=quiet) as session:
            return session.execute_write(work) if write else session.execute_read(work)

    def _write(self, writes: list[Write]) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            for item in writes:
                result = tx.run(item.statement, item.params)
                if item.expect is None:
                    result.consume()
                    continue
                written = result.single(strict=True)[0]
                if written != item.expect:
                    raise StoreError(
                        f"wrote {written} of {item.expect} rows: some links name nodes "
                        "the store does not hold; nothing of this batch was kept"
                    )

        with self._errors(), self._session(write=True) as session:
            session.execute_write(work)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except Neo4jError as exc:
            if exc.code == ACCESS_MODE_ERROR:
                raise ReadOnlyError(
                    f"refused: a read-only query tried to write ({exc.message})"
                ) from None
            raise StoreError(f"Neo4j: {exc.code}: {exc.message or ''}") from None
        except DriverError as exc:
            raise StoreError(f"Neo4j at {self.location}: {exc}") from None


def plain(value: Any) -> Any:
    """Driver values in the shape the embedded store returns (nodes as property maps)."""
    if isinstance(value, Node):
        labels = sorted(value.labels)
        return {
            "_id": value.element_id,
            "_label": labels[0] if labels else None,
            **dict(value.items()),
        }
    if isinstance(value, Relationship):
        return {
            "_id": value.element_id,
            "_label": value.type,
            "_src": value.start_node.element_id if value.start_node else None,
            "_dst": value.end_node.element_id if value.end_node else None,
            **dict(value.items()),
        }
    if isinstance(value, Path):
        return {
            "_nodes": [plain(n) for n in value.nodes],
            "_rels": [plain(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time values
        return value.iso_format()
    return value
