"""Fixtures for the view tests: the graphs of ``view_graphs`` and their documents' text,
built once per session."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pytest
from view_graphs import build_big, build_hostile, build_sample, texts_of

from actorgraph.graph.records import DocumentText


@pytest.fixture(scope="session")
def sample_graph() -> nx.MultiDiGraph:
    return build_sample()


@pytest.fixture(scope="session")
def hostile_graph() -> nx.MultiDiGraph:
    return build_hostile()


@pytest.fixture(scope="session")
def sample_texts(sample_graph: nx.MultiDiGraph) -> dict[str, DocumentText]:
    return texts_of(sample_graph)


@pytest.fixture(scope="session")
def hostile_texts(hostile_graph: nx.MultiDiGraph) -> dict[str, DocumentText]:
    return texts_of(hostile_graph)


@pytest.fixture(scope="session")
def big_graph() -> Callable[..., nx.MultiDiGraph]:
    return build_big
