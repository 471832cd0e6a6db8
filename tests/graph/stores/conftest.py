"""Stores for the contract tests: the embedded store and a real Neo4j 5.26, same scenarios.

The Neo4j leg runs against the server of tests/neo4j_server.py (the contributor's
``NEO4J_URI``, else one the session launches), on a database emptied before each test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from actorgraph.graph.stores.base import Store

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
        target = request.getfixturevalue("empty_neo4j")

        def opener(*, read_only: bool = False) -> Store:
            return target.store(read_only=read_only)

    def tracked(*, read_only: bool = False) -> Store:
        store = opener(read_only=read_only)
        opened.append(store)
        return store

    yield tracked
    for store in reversed(opened):
        store.close()


@pytest.fixture
def store(open_store: Opener) -> Store:
    return open_store()
