"""Stores for the query tests: the seeds, built once per session, and a small crafted graph.

The seeds store is built the way a user builds one (`actorgraph build seeds --store DIR`),
so the queries are tested against what analysts really get. The crafted graph (crafted.py)
is written with its text through the store's own write path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from crafted import crafted_diff

from actorgraph.graph.querylib import get_query
from actorgraph.graph.stores import open_store
from actorgraph.graph.stores.base import Store

Runner = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="session")
def seeds_store(seeds_store_path: Path) -> Iterator[Store]:
    store = open_store(str(seeds_store_path), read_only=True)
    yield store
    store.close()


def runner(store: Store) -> Runner:
    def run(query_name: str, /, **params: Any) -> list[dict[str, Any]]:
        query = get_query(query_name)
        return store.query(query.text_for(store.dialect), query.bind(params)).records()

    return run


@pytest.fixture(scope="session")
def run(seeds_store: Store) -> Runner:
    """Run a named query on the seeds store: ``run("neighbours", name="China")``."""
    return runner(seeds_store)


@pytest.fixture(scope="session")
def crafted_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("crafted") / "store"
    writer = open_store(str(path))
    try:
        writer.apply(crafted_diff())
    finally:
        writer.close()
    store = open_store(str(path), read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def run_crafted(crafted_store: Store) -> Runner:
    return runner(crafted_store)
