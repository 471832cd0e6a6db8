"""Judging words read from VADER's lexicon (``polarity``), on sentences written for the tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actorgraph.graph.extraction.polarity import judgement, valences


def test_polarity_lexicon_is_read_from_the_package() -> None:
    rated = valences()
    assert len(rated) > 5000
    assert rated["scandal"] < 0 < rated["hero"]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("They called the camp a disgrace.", "disgrace", -1),
        ("They called the minister a hero.", "hero", 1),
        ("They called the plan a failure.", "failure", -1),
        ("They called the camp a building.", "building", 0),  # neither
        ("They called it a big success.", "success", 1),
        ("The code was not effective.", "effective", 0),  # negated: not plainly either
    ],
)
def test_polarity_judgement_of_a_predicative_word(
    nlp: Language, text: str, word: str, expected: int
) -> None:
    token = next(t for t in nlp(text) if t.text == word)
    assert judgement(token, 1.0) == expected
