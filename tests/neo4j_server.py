"""The Neo4j the suite runs against: the contributor's (``NEO4J_URI``) or one it launches.

A pytest plugin (registered in tests/conftest.py). ``neo4j_server`` is session-scoped and
lazy: the JVM (tools/neo4j, Neo4j 5.26 with Bolt and authentication on) starts the first
time a test asks for it, once per session, and stops at the end. Without Java or the
resolved jars the Neo4j tests are skipped with the reason, except when ``CI`` is set:
there no Neo4j test may be skipped, so they fail.

Community edition has one user database, so the tests share it: ``neo4j_db`` knows what
it holds, empties it for a test that writes, and restores the seeds graph (built once by
``actorgraph build``) for the tests that read it.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from actorgraph.graph.exports.neo4j_csv import stored_texts
from actorgraph.graph.records import DocumentText
from actorgraph.graph.stores.neo4j import Neo4jStore

LAUNCHER_PATH = Path(__file__).resolve().parents[1] / "tools" / "neo4j" / "launcher.py"


def load_launcher() -> Any:
    """tools/neo4j/launcher.py, the one place that knows how the JVM is run."""
    name = "actorgraph_neo4j_launcher"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, LAUNCHER_PATH)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # before exec: its dataclasses look themselves up
        spec.loader.exec_module(module)
    return sys.modules[name]


launcher = load_launcher()

ENV_KEYS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_AUTH", "NEO4J_DATABASE")


def unavailable(reason: str) -> None:
    """Skip, or fail when ``CI`` is set (CI must run every Neo4j test)."""
    if os.environ.get("CI"):
        pytest.fail(f"CI: the Neo4j tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j: {reason}")


@dataclass
class Neo4jTarget:
    """Where the tests' Neo4j is and how to log in; ``environ()`` for the CLI and subprocesses."""

    uri: str
    user: str
    password: str = field(repr=False)
    launched: Any = None  # the launcher's Neo4jServer when this session started it
    state: str = ""  # XDG_STATE_HOME for the store's journal: the session's, not the home's

    @property
    def auth(self) -> tuple[str, str] | None:
        """For the driver: None when the contributor's server runs without authentication."""
        return (self.user, self.password) if self.password else None

    def environ(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ENV_KEYS}
        if self.state:
            env["XDG_STATE_HOME"] = self.state
        if not self.password:  # a contributor's server without authentication
            return {**env, "NEO4J_AUTH": "none", **extra}
        return {**env, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password, **extra}

    def store(self, *, read_only: bool = False) -> Neo4jStore:
        return Neo4jStore.from_environment(self.uri, read_only=read_only, environ=self.environ())


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """The contributor's server (NEO4J_URI + NEO4J_USER/NEO4J_PASSWORD), else a launched one."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        from actorgraph.graph.stores.neo4j import credentials_from_environment

        try:
            credentials = credentials_from_environment(os.environ, interactive=False)
        except Exception as exc:  # StoreError: no or malformed credentials
            unavailable(f"NEO4J_URI={uri}: {exc}")
        state = str(tmp_path_factory.mktemp("state"))
        if credentials is None:  # NEO4J_AUTH=none
            yield Neo4jTarget(uri, "", "", state=state)
        else:
            yield Neo4jTarget(uri, credentials.user, credentials.password, state=state)
        return
    home = tmp_path_factory.mktemp("neo4j-home")
    try:
        server = launcher.start_server(home)
    except launcher.ServerUnavailable as exc:
        unavailable(str(exc))
    except launcher.ServerFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    print(f"\nNeo4j 5.26 test server on {server.uri}, up in {server.started_seconds:.1f} s")
    try:
        state = str(tmp_path_factory.mktemp("state"))
        yield Neo4jTarget(server.uri, server.user, server.password, server, state)
    finally:
        server.stop()


class Neo4jDatabase:
    """The shared database: what it holds now, emptied or refilled as a test needs."""

    EMPTY, SEEDS, DIRTY = "empty", "seeds", "dirty"

    def __init__(self, target: Neo4jTarget):
        import neo4j

        self.target = target
        self.admin = target.store()
        # The test's own driver, for what the store does not offer (auto-commit batches).
        self.driver = neo4j.GraphDatabase.driver(target.uri, auth=target.auth)
        self.holds = self.DIRTY
        self.seeds_graph: nx.MultiDiGraph | None = None
        self.seeds_texts: list[DocumentText] = []

    def count(self) -> int:
        records, _, _ = self.driver.execute_query("MATCH (n) RETURN count(n) AS n")
        return int(records[0]["n"])

    def clear(self) -> None:
        """Delete every node, 10,000 per transaction (constraints and indexes stay)."""
        if self.holds == self.EMPTY:
            return
        with self.driver.session() as session:
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()
        self.holds = self.EMPTY

    def close(self) -> None:
        self.admin.close()
        self.driver.close()

    def fill_with_seeds(self, build: Callable[[], nx.MultiDiGraph]) -> None:
        """The seeds graph and text: built by ``build`` the first time, rewritten from memory
        after."""
        from actorgraph.graph.stores.rows import diff_graphs

        if self.holds == self.SEEDS:
            return
        self.clear()
        self.holds = self.DIRTY
        if self.seeds_graph is None:
            self.seeds_graph = build()
            self.seeds_texts = stored_texts(self.admin, self.seeds_graph)
        else:
            diff = diff_graphs(nx.MultiDiGraph(), self.seeds_graph)
            diff.texts = self.seeds_texts
            self.admin.apply(diff)
        self.holds = self.SEEDS


@pytest.fixture(scope="session")
def neo4j_database(neo4j_server: Neo4jTarget) -> Iterator[Neo4jDatabase]:
    try:
        database = Neo4jDatabase(neo4j_server)
    except Exception as exc:  # a contributor's server that is down or refuses the login
        unavailable(f"{neo4j_server.uri}: {exc}")
    if neo4j_server.launched is None and database.count():
        database.close()
        unavailable(
            f"the database at {neo4j_server.uri} is not empty; the Neo4j tests delete what "
            "they write, so they need an empty database of their own"
        )
    database.holds = Neo4jDatabase.EMPTY
    yield database
    database.clear()
    database.close()


@pytest.fixture
def empty_neo4j(neo4j_database: Neo4jDatabase) -> Iterator[Neo4jTarget]:
    """An empty database for one test that writes; it is marked dirty afterwards."""
    neo4j_database.clear()
    neo4j_database.holds = Neo4jDatabase.DIRTY
    yield neo4j_database.target


def stored_graph_of(target: Neo4jTarget) -> nx.MultiDiGraph:
    with target.store(read_only=True) as store:
        return store.read_graph()


def graph_layout(graph: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[Any, Any]]:
    """Nodes and links with their attributes, comparable with ``==``."""
    return dict(graph.nodes(data=True)), {
        (s, t, k): a for s, t, k, a in graph.edges(keys=True, data=True)
    }
