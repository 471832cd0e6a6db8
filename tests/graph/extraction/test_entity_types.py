"""Names the typing component (``entity_types``) fixes after the model, with the real
pipeline, on sentences written for the tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Span

from actorgraph.graph.extraction.entity_types import _repeated_names, _speakers
from actorgraph.graph.records import Extraction

Extract = Callable[..., Extraction]


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        (  # stretched to the acronym that spells it
            "He called for an inquiry by the Organisation for Security and Co-operation "
            "in Europe (OSCE).",
            "Organisation",
            "Organisation for Security and Co-operation in Europe",
        ),
        # a part of a place named by the place: one name
        ("The party hopes to win the City of London next year.", "Region", "City of London"),
        # a place beside an event noun the parse did not join to it
        ("She resigned over her pro Iraq war position.", "Event", "Iraq war"),
        # a final "Bill" or "Act" decides, not the word before "of"
        (
            "MPs debated the Protection of Freedoms Bill on Monday.",
            "Bill",
            "Protection of Freedoms Bill",
        ),
        # a verb opening the model's span is cut off; a given name the parse joins stays
        ("Tweeted Donald Trump about it.", "Person", "Donald Trump"),
        ("Said Ahmed, the lawyer, was arrested.", "Person", "Said Ahmed"),
        # names kept as data: a company written with "and" is one name
        ("Brands such as Marks and Spencer sell them.", "Organisation", "Marks & Spencer"),
    ],
)
def test_entity_types_name(extract: Extract, text: str, label: str, name: str) -> None:
    assert (label, name) in {(m.label, m.name) for m in extract(text).mentions}


@pytest.mark.parametrize("word", ["MEP", "MP"])
def test_entity_types_parliamentary_office_is_no_entity(extract: Extract, word: str) -> None:
    extraction = extract(f"The Green Party failed to win a single {word} in the election.")
    assert word not in {m.text for m in extraction.mentions}


def test_entity_types_name_found_once_is_found_where_repeated(nlp: Language) -> None:
    doc = nlp("Dominic Raab spoke in Leeds.\n\nLater Dominic Raab met Jane Smith in York.")
    first = Span(doc, 0, 2, label="Person")
    repeated = _repeated_names(doc, [first])
    assert [(s.text, s.label_, s.start) for s in repeated] == [("Dominic Raab", "Person", 8)]


def test_entity_types_repeat_does_not_cut_a_longer_name(nlp: Language) -> None:
    doc = nlp("John Smith spoke. John Smith Jr spoke later.")
    first = Span(doc, 0, 2, label="Person")
    assert _repeated_names(doc, [first]) == []


def test_entity_types_speaker_after_an_inverted_verb_of_saying(nlp: Language) -> None:
    doc = nlp("\u201cThe courts are not free,\u201d says Ye Min Thu of the Yangon Bar.")
    speakers = [(s.text, s.label_) for s in _speakers(doc, [])]
    assert speakers == [("Ye Min Thu", "Person")]
