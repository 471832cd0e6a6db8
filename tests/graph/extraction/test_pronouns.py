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
            "Mr John Smith said.",
            "it",
        ),
        # an object "it" looks no further than its own sentence
        ("Canada drafted a treaty. Norway signed it.", "it"),
        # ... and is no state: the subject of an infinitive that is an object, too
        ("Britain was cautious but Mr John Smith said he wanted it to end.", "it"),
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
    extraction = extract("After its defeat in the election, the Liberal Party chose a new leader.")
    assert ("its", "Liberal Party") in references(extraction)


def test_pronouns_subject_it_continues_the_subject_above(extract: Extract) -> None:
    extraction = extract("Amnesty International met Mr John Smith and said it would sue Egypt.")
    assert ("it", "Amnesty International") in references(extraction)


def test_pronouns_possessive_of_members_binds_a_body_not_a_nearer_state(
    extract: Extract,
) -> None:
    text = (
        "Kenya set up a body called the Kenya Media Council. "
        "One of its members, Mr John Kamau, says Kenya ignores it."
    )
    found = references(extract(text))
    assert ("its", "Kenya Media Council") in found, found
