"""Fixtures shared across the suite: the seed corpus built once, the way a user builds it."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import spacy
from neo4j_server import (  # the Neo4j fixtures, shared by the whole suite
    Neo4jDatabase,
    Neo4jTarget,
    empty_neo4j,
    neo4j_database,
    neo4j_server,
    stored_graph_of,
)

from actorgraph.graph.cli import main
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="session")
def seeds_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store built from seeds/ by `actorgraph build` (real model, real store)."""
    if not spacy.util.is_package(DEFAULT_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_MODEL} is not installed")
    path = tmp_path_factory.mktemp("seeds") / "store"
    status = main(["build", str(SEEDS), "--store", str(path), "--quiet"])
    assert status == 0, "actorgraph build seeds failed"
    return path


# --- Neo4j: the server (tests/neo4j_server.py) and the seeds built into it ---------------

__all__ = ["empty_neo4j", "neo4j_database", "neo4j_server"]


@pytest.fixture
def seeds_neo4j(neo4j_database: Neo4jDatabase) -> Neo4jTarget:
    """The Neo4j database holding the seeds, built by `actorgraph build seeds --store bolt://`.

    Built once per session; a test that emptied the database in between gets the same
    graph written back from memory. Function-scoped because the database is shared.
    """
    if not spacy.util.is_package(DEFAULT_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_MODEL} is not installed")
    target = neo4j_database.target

    def build() -> nx.MultiDiGraph:
        with pytest.MonkeyPatch.context() as patch:
            for key, value in target.environ().items():
                patch.setenv(key, value)
            status = main(["build", str(SEEDS), "--store", target.uri, "--quiet"])
        assert status == 0, "actorgraph build seeds --store bolt://... failed"
        return stored_graph_of(target)

    neo4j_database.fill_with_seeds(build)
    return target
