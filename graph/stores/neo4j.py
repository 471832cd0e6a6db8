"""The production store: a Neo4j server, reached with the official ``neo4j`` driver.

Writes are batched ``UNWIND $rows ...`` statements in managed write transactions
(``execute_write`` retries transient errors), in the order of the store contract
(graph.stores.base), packed so that one transaction carries whole documents: a
document's node, its links and the entities they reach commit together, and so do its
sentences with their links. Applying a diff is idempotent (nodes are merged by id,
links by their endpoints and type, a document's sentences are deleted before they are
created), so an interrupted write, kept in the journal (graph.stores.journal) until the
store holds it, is completed by applying it again. The journal of a server lives in
this machine's state directory, one per server and database (``journal_directory``).

Every entity node carries the shared label ``Entity`` besides its type, so one
constraint and one full-text index (``entity_names``) serve a look-up across types;
sentences have their own full-text index (``sentence_text``). Every label, type and
property name in generated Cypher comes from the schema; values are always bound
parameters. Endpoints are matched with static labels because a dynamic label
(``:$(r.label)``) makes Neo4j 5.26 scan every node instead of using the ``id``
constraint's index. The contract suite and tests/graph/stores/test_neo4j_server.py run
all of this against a real Neo4j 5.26 (tools/neo4j). Credentials come from the
environment or a prompt and are kept by the driver only, never in this object's state,
messages or logs.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import neo4j
import networkx as nx

from actorgraph.graph.faults import point
from actorgraph.graph.records import DocumentText, MentionRow, SentenceRow, sentence_document
from actorgraph.graph.schema import (
    MENTION_PROPERTIES,
    SENTENCE_PROPERTIES,
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
from actorgraph.graph.stores.rows import EvidenceCache, edge_attrs, node_attrs

AuthError, DriverError, Neo4jError = (
    neo4j.exceptions.AuthError,
    neo4j.exceptions.DriverError,
    neo4j.exceptions.Neo4jError,
)
Node, GraphPath, Relationship = neo4j.graph.Node, neo4j.graph.Path, neo4j.graph.Relationship
log = logging.getLogger(__name__)

ENTITY = "Entity"  # the label every entity node carries besides its type
ENV_USER, ENV_PASSWORD, ENV_AUTH, ENV_DATABASE = (
    "NEO4J_USER",
    "NEO4J_PASSWORD",
    "NEO4J_AUTH",
    "NEO4J_DATABASE",
)
DEFAULT_USER = "neo4j"
ACCESS_MODE_ERROR = "Neo.ClientError.Statement.AccessMode"
T = TypeVar("T")


def journal_directory(
    uri: str, database: str | None, environ: Mapping[str, str] | None = None
) -> Path:
    """Where the pending writes to one server's database are journaled on this machine:
    ``$XDG_STATE_HOME/actorgraph/neo4j/<16 hex of sha256(uri + database)>/journal``
    (``~/.local/state`` when XDG_STATE_HOME is unset or relative, as the XDG spec says).
    The writer lock (graph.stores.lock) sits beside it, so it is per server too."""
    environ = os.environ if environ is None else environ
    state = Path(environ.get("XDG_STATE_HOME") or "")
    if not state.is_absolute():
        state = Path.home() / ".local" / "state"
    key = hashlib.sha256((uri + (database or "")).encode("utf-8")).hexdigest()[:16]
    return state / "actorgraph" / "neo4j" / key / "journal"


# --- statements: every one this module sends, built from schema names only ---------------


def sentence_label() -> str:
    return load_schema().sentence_label


def lexical_type(name: str) -> str:
    """``name`` if the schema declares it as a link of the text; refuses anything else."""
    if name not in load_schema().lexical_links:
        raise StoreError(f"refusing to write undeclared relationship type {name!r}")
    return name


def fulltext_definitions() -> dict[str, str]:
    """The full-text indexes: sentence text, and entity names with their aliases (a list
    property, which Neo4j 5.26 indexes item by item)."""
    sentence = q(sentence_label())
    return {
        "sentence_text": "CREATE FULLTEXT INDEX sentence_text IF NOT EXISTS "
        f"FOR (s:{sentence}) ON EACH [s.`text`]",
        "entity_names": "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS "
        f"FOR (e:{q(ENTITY)}) ON EACH [e.`name`, e.`aliases`]",
    }


def schema_definitions() -> dict[str, str]:
    """Constraint or index name -> its statement: uniqueness of ``id`` per label, for all
    entities (``Entity``) and for sentences; an index on ``name`` (``key`` for documents,
    ``document`` for sentences); the full-text indexes."""
    schema = load_schema()
    statements = {}
    indexed = {schema.document.label: "key", schema.sentence_label: "document"}
    for label in (*schema.node_labels, schema.sentence_label):
        lower = label.lower()
        statements[f"actorgraph_{lower}_id"] = (
            f"CREATE CONSTRAINT actorgraph_{lower}_id IF NOT EXISTS "
            f"FOR (n:{q(label)}) REQUIRE n.`id` IS UNIQUE"
        )
        name = indexed.get(label, "name")
        index = (
            "sentence_document" if label == schema.sentence_label else f"actorgraph_{lower}_{name}"
        )
        statements[index] = (
            f"CREATE INDEX {index} IF NOT EXISTS FOR (n:{q(label)}) ON (n.{q(name)})"
        )
    statements["entity_id"] = (
        f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:{q(ENTITY)}) REQUIRE e.`id` IS UNIQUE"
    )
    return statements | fulltext_definitions()


def schema_statements() -> list[str]:
    return list(schema_definitions().values())


# Names of the indexes and constraints present: one read instead of 19 schema transactions
# (about 2 s on a real server even when all exist). A uniqueness constraint owns an index
# of the same name, so the index list names both.
SHOW_SCHEMA = "SHOW INDEXES YIELD name RETURN name"
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
INDEX_WAIT_SECONDS = 300


def upsert_nodes_statement(label: str) -> str:
    """MERGE by id; entities also get the shared ``Entity`` label."""
    extra = "" if label == load_schema().document.label else f", n:{q(ENTITY)}"
    return (
        f"UNWIND $rows AS r MERGE (n:{q(node_label(label))} {{`id`: r.id}}) "
        f"SET n += r.props{extra} RETURN count(n) AS written"
    )


def delete_nodes_statement(label: str) -> str:
    return f"UNWIND $rows AS r MATCH (n:{q(node_label(label))} {{`id`: r.id}}) DETACH DELETE n"


def endpoint(label: str) -> str:
    """The label a link's end is matched by: ``Entity`` for every entity type (one
    statement per link type, not per pair of types: ~70 plans fewer to compile on the
    seeds), the document label for documents."""
    node_label(label)
    return label if label == load_schema().document.label else ENTITY


def upsert_edges_statement(name: str, source_label: str, target_label: str) -> str:
    """MERGE keeps one link per (source, type, target), as the in-memory graph does."""
    return (
        f"UNWIND $rows AS r "
        f"MATCH (a:{q(endpoint(source_label))} {{`id`: r.source}}) "
        f"MATCH (b:{q(endpoint(target_label))} {{`id`: r.target}}) "
        f"MERGE (a)-[e:{q(link_type(name))}]->(b) SET e = r.props RETURN count(e) AS written"
    )


def delete_edges_statement(name: str, source_label: str, target_label: str) -> str:
    return (
        f"UNWIND $rows AS r "
        f"MATCH (a:{q(endpoint(source_label))} {{`id`: r.source}})"
        f"-[e:{q(link_type(name))}]->(b:{q(endpoint(target_label))} {{`id`: r.target}}) "
        "DELETE e"
    )


def by_statement(
    rows: list[EdgeRow], statement: Callable[[str, str, str], str]
) -> dict[str, list[EdgeRow]]:
    """Link rows by the statement that writes them (every name checked by the schema)."""
    found: dict[str, list[EdgeRow]] = defaultdict(list)
    for (name, a, b), group in group_edges(rows).items():
        found[statement(name, a, b)] += group
    return found


def delete_sentences_statement(*, bounded: bool = True) -> str:
    """The sentences of $documents, with their links. Bounded, it deletes at most $limit
    and is repeated until fewer are left, so a transaction stays small however long the
    removed documents were."""
    limit = "WITH s LIMIT $limit " if bounded else ""
    return (
        f"UNWIND $documents AS d MATCH (s:{q(sentence_label())} {{`document`: d}}) "
        f"{limit}DETACH DELETE s RETURN count(*) AS deleted"
    )


def create_sentences_statement() -> str:
    """A document's sentences, each with its FROM_DOCUMENT link (the document must be
    stored: the count returned is checked)."""
    document = q(load_schema().document.label)
    return (
        f"UNWIND $rows AS r MATCH (d:{document} {{`id`: r.document}}) "
        f"CREATE (s:{q(sentence_label())})-[:{q(lexical_type('FROM_DOCUMENT'))}]->(d) "
        "SET s = r RETURN count(s) AS written"
    )


def next_sentence_statement() -> str:
    sentence = q(sentence_label())
    return (
        f"UNWIND $rows AS r MATCH (a:{sentence} {{`id`: r.source}}) "
        f"MATCH (b:{sentence} {{`id`: r.target}}) "
        f"CREATE (a)-[n:{q(lexical_type('NEXT_SENTENCE'))}]->(b) RETURN count(n) AS written"
    )


def create_mentions_statement() -> str:
    """HAS_MENTION to any entity, found through the shared label's id constraint."""
    return (
        f"UNWIND $rows AS r MATCH (s:{q(sentence_label())} {{`id`: r.sentence}}) "
        f"MATCH (e:{q(ENTITY)} {{`id`: r.entity}}) "
        f"CREATE (s)-[m:{q(lexical_type('HAS_MENTION'))}]->(e) "
        f"SET {', '.join(f'm.{q(name)} = r.{q(name)}' for name in MENTION_PROPERTIES)} "
        "RETURN count(m) AS written"
    )


def delete_mentions_statement() -> str:
    """The (sentence, entity, start) mentions a repoint is about to create, if present."""
    return (
        f"UNWIND $rows AS r MATCH (:{q(sentence_label())} {{`id`: r.sentence}})"
        f"-[m:{q(lexical_type('HAS_MENTION'))}]->(:{q(ENTITY)} {{`id`: r.entity}}) "
        "WHERE m.`start_char` = r.start_char DELETE m"
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


def read_cited_statement() -> str:
    """The text of the sentences the links cite, each once."""
    return (
        "MATCH ()-[e]->() WHERE type(e) IN $types UNWIND e.`sentences` AS id "
        f"WITH DISTINCT id MATCH (s:{q(sentence_label())} {{`id`: id}}) "
        "RETURN id, s.`start_char` AS start, s.`end_char` AS end, s.`text` AS text"
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
    labels = list(schema.node_labels)
    out: list[tuple[str, dict[str, Any]]] = [(s, {}) for s in schema_statements()]
    out.append((SHOW_SCHEMA, {}))
    out.append((READ_NODES, {"labels": labels}))
    out.append((READ_EDGES, {"types": list(schema.links)}))
    out.append((read_cited_statement(), {"types": list(schema.links)}))
    out.append((delete_sentences_statement(), {"documents": [], "limit": 1}))
    out.append((delete_sentences_statement(bounded=False), {"documents": []}))
    for statement in (
        create_sentences_statement(),
        next_sentence_statement(),
        create_mentions_statement(),
        delete_mentions_statement(),
    ):
        out.append((statement, rows))
    for label in schema.node_labels:
        out += [(upsert_nodes_statement(label), rows), (delete_nodes_statement(label), rows)]
    for number, name in enumerate(schema.links):
        pairs = link_endpoints(name)
        if not every_pair:
            pairs = [pairs[number % len(pairs)]]
            if name == "CO_MENTIONED":  # every entity label as source and as target
                entities = schema.entity_labels
                pairs = [(a, entities[(i + 1) % len(entities)]) for i, a in enumerate(entities)]
        for a, b in pairs:
            out.append((upsert_edges_statement(name, a, b), rows))
            out.append((delete_edges_statement(name, a, b), rows))
    return out


# --- planning writes: pure, so it is tested without a server ------------------------------


@dataclass(frozen=True, slots=True)
class Write:
    """One statement of a transaction; ``expect`` is the count it must report, if checked.
    A ``repeat`` write deletes at most ``params["limit"]`` rows and runs again, each time in
    a transaction of its own, until it reports fewer."""

    statement: str
    params: dict[str, Any]
    expect: int | None = None
    repeat: bool = False


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
    return min((sentence_document(s) for s in row.props.get("sentences") or ()), default="")


def plan_writes(diff: GraphDiff, batch_size: int) -> list[list[Write]]:
    """Transactions that turn the stored graph into the built one, in the contract's order.

    Deletions come first, in batches: the sentences of the removed documents, links,
    nodes. Upserts are grouped by document and packed into transactions of about
    ``batch_size`` rows without splitting a document (one larger
    than ``batch_size`` gets a transaction of its own); a link is placed no earlier than
    the nodes it joins, so every MATCH in a transaction finds its endpoints. Then the
    texts, packed the same way, a document's stored text deleted in the transaction
    that writes the new one (a reader never meets a document without its sentences);
    last the repointed mentions.
    """
    if batch_size < 1:
        raise StoreError("batch size must be at least 1")
    transactions: list[list[Write]] = []
    for chunk in batched(sorted(diff.drop_texts), batch_size):
        params = {"documents": list(chunk), "limit": batch_size}
        transactions.append([Write(delete_sentences_statement(), params, repeat=True)])
    for statement, group in by_statement(diff.delete_edges, delete_edges_statement).items():
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
    packed = _packed(
        [(nodes, edges) for _, (nodes, edges) in sorted(units.items())],
        lambda unit: len(unit[0]) + len(unit[1]),
        batch_size,
    )
    for group in packed:
        transactions.append(
            _upserts([n for u in group for n in u[0]], [e for u in group for e in u[1]])
        )

    texts = sorted(diff.texts, key=lambda t: t.document)
    for group in _packed(texts, lambda t: 2 * len(t.sentences) + len(t.mentions), batch_size):
        transactions.append(_text_writes(group))
    for chunk in batched(diff.repoint, batch_size):
        rows = [_mention_row(m) for m in chunk]
        transactions.append(
            [
                Write(delete_mentions_statement(), {"rows": rows}),
                Write(create_mentions_statement(), {"rows": rows}, len(rows)),
            ]
        )
    return transactions


def _packed(units: list[T], size: Callable[[T], int], limit: int) -> Iterator[list[T]]:
    """Consecutive runs of ``units`` of about ``limit`` rows, none split."""
    run: list[T] = []
    held = 0
    for unit in units:
        weight = size(unit)
        if run and held + weight > limit:
            yield run
            run, held = [], 0
        run.append(unit)
        held += weight
    if run:
        yield run


def _upserts(nodes: list[NodeRow], edges: list[EdgeRow]) -> list[Write]:
    writes = []
    for label, group in group_nodes(nodes).items():
        rows = [{"id": n.id, "props": {"id": n.id, **n.props}} for n in group]
        writes.append(Write(upsert_nodes_statement(label), {"rows": rows}, len(rows)))
    for statement, links in by_statement(edges, upsert_edges_statement).items():
        rows = [{"source": e.source, "target": e.target, "props": dict(e.props)} for e in links]
        writes.append(Write(statement, {"rows": rows}, len(rows)))
    return writes


def _text_writes(texts: list[DocumentText]) -> list[Write]:
    """Whole documents' text, replacing what the store holds of it in the same
    transaction (nothing, but on a replay or a re-parse): sentences, the links between
    them, then their mentions."""
    sentences = [_sentence_row(s) for t in texts for s in t.sentences]
    following = [
        {"source": a.id, "target": b.id}
        for t in texts
        for a, b in pairwise(sorted(t.sentences, key=lambda s: s.position))
    ]
    mentions = [_mention_row(m) for t in texts for m in t.mentions]
    documents = {"documents": [t.document for t in texts]}
    writes = [
        Write(delete_sentences_statement(bounded=False), documents),
        Write(create_sentences_statement(), {"rows": sentences}, len(sentences)),
    ]
    if following:
        writes.append(Write(next_sentence_statement(), {"rows": following}, len(following)))
    if mentions:
        writes.append(Write(create_mentions_statement(), {"rows": mentions}, len(mentions)))
    return writes


def _sentence_row(row: SentenceRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in SENTENCE_PROPERTIES}


def _mention_row(row: MentionRow) -> dict[str, Any]:
    return {
        "sentence": row.sentence,
        "entity": row.entity,
        **{name: getattr(row, name) for name in MENTION_PROPERTIES},
    }


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
        journal_dir: Path | None = None,
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
        self.journal_dir = journal_dir or journal_directory(uri, database)
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
        journal = journal_directory(uri, database, environ)
        return cls(uri, credentials, read_only=read_only, database=database, journal_dir=journal)

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

    def read_graph(self, *, evidence_text: bool = True) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        schema = load_schema()
        labels = {"labels": list(schema.node_labels)}
        for label, props in self._run(READ_NODES, labels, quiet=True).rows:
            declared = {name: props.get(name) for name in node_properties(label)}
            graph.add_node(props["id"], **node_attrs(label, declared))
        types = {"types": list(schema.links)}
        cited = None
        if evidence_text:  # one row per sentence, however many links cite it
            rows = self._run(read_cited_statement(), types, quiet=True).rows
            cited = {sid: (start, end, text) for sid, start, end, text in rows}
        known = EvidenceCache(cited)
        for source, target, name, props in self._run(READ_EDGES, types, quiet=True).rows:
            declared = {key: props.get(key) for key in link_properties(name)}
            graph.add_edge(source, target, key=name, **edge_attrs(name, declared, known))
        return graph

    # --- writing -----------------------------------------------------------------------

    def apply(self, diff: GraphDiff, *, batch_size: int = 5000) -> int:
        if self.read_only:
            raise ReadOnlyError(f"{self.location} is open read-only")
        if not len(diff):
            return 0
        plan = plan_writes(diff, batch_size)  # checks every label and type before writing
        self.ensure_schema()
        for transaction in plan:
            if transaction[0].repeat:
                while self._write(transaction) >= transaction[0].params["limit"]:
                    pass
            else:
                self._write(transaction)
        return len(diff)

    def ensure_schema(self) -> None:
        """Constraints and indexes, once per store object (IF NOT EXISTS makes reruns no-ops)."""
        if self._schema_ready:
            return
        present = {row[0] for row in self._run(SHOW_SCHEMA, quiet=True).rows}
        missing = [s for name, s in schema_definitions().items() if name not in present]
        if missing:  # one transaction: 0.8 s for all on a new database, against 2 s
            self._write([Write(statement, {}) for statement in missing])
            # Until an index is online the planner scans instead: the seeds' first
            # transaction took 12.3 s without this wait, 6.7 s with it.
            self._run(AWAIT_INDEXES, {"seconds": INDEX_WAIT_SECONDS}, quiet=True)
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

    def _write(self, writes: list[Write]) -> int:
        """Run ``writes`` in one transaction; the count the last one reports (0 if none)."""

        def work(tx: neo4j.ManagedTransaction) -> int:
            count = 0
            for item in writes:
                result = tx.run(item.statement, item.params)
                if item.expect is None and not item.repeat:
                    result.consume()
                    continue
                count = result.single(strict=True)[0]
                if item.expect is not None and count != item.expect:
                    raise StoreError(
                        f"wrote {count} of {item.expect} rows: some links name nodes "
                        "the store does not hold; nothing of this batch was kept"
                    )
            return count

        with self._errors(), self._session(write=True) as session:
            count = session.execute_write(work)
        point("neo4j.commit:after")
        return count

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
    if isinstance(value, GraphPath):
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
