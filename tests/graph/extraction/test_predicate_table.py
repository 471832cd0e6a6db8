"""The predicate lexicon read from relations.toml (``predicate_table``)."""

from __future__ import annotations

import dataclasses

import pytest

from actorgraph.graph.extraction.lexicon import load_lexicon
from actorgraph.graph.extraction.predicate_table import Table, predicate_table
from actorgraph.graph.schema import SchemaError


@pytest.fixture(scope="module")
def table() -> Table:
    return predicate_table(load_lexicon())


@pytest.mark.parametrize(
    ("noun", "verb"),
    [
        ("oppression", "oppress"),
        ("persecution", "persecute"),
        ("condemnation", "condemn"),
        ("investigation", "investigate"),
        ("invasion", "invade"),
        ("opposition", "oppose"),
        ("endorsement", "endorse"),
        ("approval", "approve"),
        ("criticism", "criticise"),
        ("meeting", "meet"),
        ("detention", "detain"),  # listed: no suffix rule gives it
    ],
)
def test_predicate_table_noun_is_made_from_its_verb(table: Table, noun: str, verb: str) -> None:
    assert verb in table.verbs_of(noun)


@pytest.mark.parametrize("noun", ["station", "nation", "election", "treatment", "mission"])
def test_predicate_table_noun_of_no_lexicon_verb_has_none(table: Table, noun: str) -> None:
    assert table.verbs_of(noun) == []


@pytest.mark.parametrize(
    ("noun", "prep", "expected"),
    [
        ("oppression", "of", "PERSECUTED"),
        ("meeting", "with", "MET"),
        ("visit", "to", "VISITED"),  # a noun the lexicon names itself
        ("operation", "in", None),  # before a place: where, not what is owned
        ("station", "", None),
    ],
)
def test_predicate_table_noun_type(
    table: Table, noun: str, prep: str, expected: str | None
) -> None:
    assert table.noun_type(noun, prep) == expected


@pytest.mark.parametrize(
    ("noun", "rel_type"),
    [("detention", "DETAINED"), ("trial", "PROSECUTED"), ("execution", "PERSECUTED")],
)
def test_predicate_table_act_noun_takes_its_verbs_type(
    table: Table, noun: str, rel_type: str
) -> None:
    assert table.acts[noun] == rel_type


def test_predicate_table_act_noun_no_verb_types_is_an_error() -> None:
    lexicon = load_lexicon()
    relations = dict(lexicon.relations)
    relations["nominalisations"] = {**relations["nominalisations"], "acts": ["teapot"]}
    broken = dataclasses.replace(lexicon, relations=relations)
    with pytest.raises(SchemaError, match="teapot"):
        predicate_table(broken)
