"""Pronouns bound by the order a reader searches the text (``pronouns``), on sentences
written for the tests, with the real pipeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.graph.records import Extraction

Extract = Callable[..., Extraction]


def references(extraction: Extraction) -> list[tuple[str, str]]:
    return [(m.via, m.name) for m in extraction.mentions if m.via]


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        # an object is never its own clause's subject
        ("As Amnesty International sees it, the new law is unjust.", "it"),
        # a noun phrase no name stands for comes first: "it" is the ban
        (
            "The ban on arms exports was narrow and had no force of law behind it, "
            "Mr Jack Straw said.",
            "it",
        ),
        # an object "it" looks no further than its own sentence
        ("Canada drafted a treaty. Norway signed it.", "it"),
        # ... and is no state: the subject of an infinitive that is an object, too
        ("Britain was cautious but Mr Jack Straw said he wanted it to end.", "it"),
        ("The Canadian government said Canada wanted no part of it.", "it"),
    ],
)
def test_pronouns_it_that_means_no_name_is_unbound(
    extract: Extract, text: str, pronoun: str
) -> None:
    assert not any(via == pronoun for via, _ in references(extract(text)))


def test_pronouns_possessive_takes_the_clause_subject_before_a_nearer_name(
    extract: Extract,
) -> None:
    extraction = extract("Mr John Smith, father of Tom Smith, thanked his lawyers.")
    assert ("his", "John Smith") in references(extraction)


def test_pronouns_possessive_before_the_subject_looks_ahead_to_it(extract: Extract) -> None:
    extraction = extract("After its defeat in the election, the Kuomintang chose a new leader.")
    assert ("its", "Kuomintang") in references(extraction)


def test_pronouns_subject_it_continues_the_subject_above(extract: Extract) -> None:
    extraction = extract("Amnesty International met Mr John Smith and said it would sue Egypt.")
    assert ("it", "Amnesty International") in references(extraction)
