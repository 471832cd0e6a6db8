"""Stores for the contract tests: the embedded store always, Neo4j when NEO4J_URI is set.

The Neo4j leg needs an empty database: the tests delete everything they write, so they
refuse (skip) rather than touch a database that already holds a graph.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from actorgraph.graph.stores.base import Store

NO_NEO4J = (
    "NEO4J_URI is not set: no Neo4j server or Docker engine on this machine "
    "(start one with `docker compose up -d neo4j` and export NEO4J_URI, NEO4J_USER, "
    "NEO4J_PASSWORD to run this leg)"
)
STORES = ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)]

Opener = Callable[..., Store]


def _open_ladybug(path: Path) -> Opener:
    from actorgraph.graph.stores.ladybug import LadybugStore

    def open_store(*, read_only: bool = False) -> Store:
        return LadybugStore(path, read_only=read_only)

    return open_store


@pytest.fixture(params=STORES)
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens the store under test (``read_only=`` as open_store does); all are closed after."""
    opened: list[Store] = []
    if request.param == "ladybug":
        opener = _open_ladybug(tmp_path / "store")
    else:
        uri = os.environ.get("NEO4J_URI")
        if not uri:
            pytest.skip(NO_NEO4J)
        from actorgraph.graph.stores.neo4j import Neo4jStore

        admin = Neo4jStore.from_environment(uri)
        count = admin.query("MATCH (n) RETURN count(n) AS n").rows[0][0]
        if count:
            admin.close()
            pytest.skip(
                f"the Neo4j database at {uri} holds {count} nodes; these tests need it empty"
            )

        def opener(*, read_only: bool = False) -> Store:
            return Neo4jStore.from_environment(uri, read_only=read_only)

        opened.append(admin)

    def tracked(*, read_only: bool = False) -> Store:
        store = opener(read_only=read_only)
        opened.append(store)
        return store

    yield tracked
    if request.param == "neo4j":
        opened[0].query("MATCH (n) DETACH DELETE n", read_only=False)
    for store in reversed(opened):
        store.close()


@pytest.fixture
def store(open_store: Opener) -> Store:
    return open_store()
