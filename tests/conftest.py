"""Fixtures shared across the suite: the seed corpus built once, the way a user builds it."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

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
