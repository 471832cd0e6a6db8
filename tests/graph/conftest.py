"""Shared fixtures for the extraction tests: one real pipeline per session, and a fast one.

Loading the spaCy model takes seconds, so the integration tests share one pipeline;
unit tests of the rules use ``spacy.blank("en")`` plus the rules.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language

from actorgraph.graph.extraction.mentions import (
    DEFAULT_MODEL,
    add_rules,
    extraction_of,
    load_pipeline,
)
from actorgraph.graph.records import Extraction
from actorgraph.loaders.document import Document, content_id


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real pipeline (model + rules); tests needing it skip when it is not installed."""
    if not spacy.util.is_package(DEFAULT_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_MODEL} is not installed")
    return load_pipeline()


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    """Tokenizer + the project's rules only: fast, and tests the rules in isolation."""
    return add_rules(spacy.blank("en"))


def make_document(text: str, *, bio: str | None = None, title: str = "t") -> Document:
    return Document(
        id=content_id(title, text),
        key=f"test#{title}",
        source="test.txt",
        title=title,
        text=text,
        bio=bio,
    )


@pytest.fixture(scope="session")
def document() -> Callable[..., Document]:
    """A Document factory for tests."""
    return make_document


@pytest.fixture(scope="session")
def extract(nlp: Language) -> Callable[..., Extraction]:
    """Text -> Extraction with the real pipeline."""

    def run(text: str, *, bio: str | None = None) -> Extraction:
        return extraction_of(make_document(text, bio=bio), nlp(text))

    return run
