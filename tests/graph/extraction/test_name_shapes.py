"""Names reshaped from the words around them (``name_shapes``), on sentences written for
the tests: through the whole pipeline, and pass by pass on spans given by hand so a rule
is tested whatever the statistical model proposed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Span

from actorgraph.graph.extraction.lexicon import load_lexicon
from actorgraph.graph.extraction.name_shapes import (
    appositive_names,
    described_names,
    headed_places,
    longer_names,
    member_seats,
    verbs_read_as_names,
)
from actorgraph.graph.records import Extraction

Extract = Callable[..., Extraction]


def _named(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(m.label, m.text, m.name) for m in extraction.mentions if not m.via}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a plural head shared by two names: two places, each named with the head
            "Officials moved the men to Norwick and Eastfield prisons last week.",
            {("Region", "Norwick", "Norwick Prison"), ("Region", "Eastfield", "Eastfield Prison")},
        ),
        (  # ... a head of any type: parties, administrations
            "Both the Hartley and Moss administrations ignored the report.",
            {
                ("Organisation", "Hartley", "Hartley Administration"),
                ("Organisation", "Moss", "Moss Administration"),
            },
        ),
        (  # a singular head after a list of names: the list is one name
            "Labour won a seat in St Aldwyn's and Marsh Green ward in May.",
            {("Region", "St Aldwyn's and Marsh Green", "St Aldwyn's and Marsh Green")},
        ),
        (  # a member's title after a place and more capitalised words: the seat
            "The Glasgow Eastfield MP resigned.",
            {("Region", "Glasgow Eastfield", "Glasgow Eastfield")},
        ),
        (  # a lowercase place head after a name, or a place word before "of" it
            "Labour came first in Kingsmead borough.",
            {("Region", "Kingsmead", "Kingsmead")},
        ),
        (
            "He will contest the constituency of Ashford Vale next year.",
            {("Region", "Ashford Vale", "Ashford Vale")},
        ),
        (  # an organisation's name before a lowercase event head: the event
            "In the Scottish Parliament elections, the party lost two seats.",
            {("Event", "Scottish Parliament elections", "Scottish Parliament elections")},
        ),
        (  # a demonym before a noun for a population: a group
            "The Bangladeshi community in Leeds protested.",
            {("Group", "Bangladeshi community", "Bangladeshi community")},
        ),
        (  # nouns before a legal head owned by a name: a bill, its owner canonical
            "He said an EU fishing code was weaker than the law.",
            {("Bill", "EU fishing code", "European Union fishing code")},
        ),
        (  # "the" makes a descriptive law one law, lower or upper case
            "Reporters were charged under the broadcasting law last year.",
            {("Bill", "broadcasting law", "broadcasting law")},
        ),
        (  # the state a descriptive bill targets is part of its name
            "Germany wants the arms embargo on China lifted.",
            {("Bill", "arms embargo", "arms embargo on China")},
        ),
        (
            "He was jailed under the Cybercrime Law in 2019.",
            {("Bill", "Cybercrime Law", "Cybercrime Law")},
        ),
    ],
)
def test_name_shapes_name(extract: Extract, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _named(extract(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a member of a party, not a seat
        ("The Glasgow Tory MP resigned.", "Glasgow Tory"),
        # "law" alone is no head: a person's surname stays a person's
        ("Activist Nathan Law left for London.", "Law"),
        # demonyms sharing a head are adjectives, no names
        ("They were held in British and Irish prisons.", "British"),
        # "the X people" is the nation addressed, no group
        ("He thanked the British people for their support.", "British people"),
    ],
)
def test_name_shapes_leaves_alone(extract: Extract, text: str, absent: str) -> None:
    assert absent not in {m.text for m in extract(text).mentions}


def test_name_shapes_longest_name_beats_a_built_in_one(nlp: Language) -> None:
    doc = nlp("She told BBC Radio 5's Morning Report that the plan had failed.")
    ruler = Span(doc, 2, 3, label="Organisation", span_id="BBC")
    names = [(s.text, s.label_) for s in longer_names(doc, [ruler], load_lexicon())]
    assert names == [("BBC Radio 5", "Organisation"), ("Morning Report", "Organisation")]


def test_name_shapes_programme_needs_a_broadcaster(nlp: Language) -> None:
    doc = nlp("He joined Amnesty International's John Smith at the rally.")
    amnesty = Span(doc, 2, 4, label="Organisation", span_id="Amnesty International")
    names = [s.text for s in longer_names(doc, [amnesty], load_lexicon())]
    assert names == ["Amnesty International"]


def test_name_shapes_appositive_name_takes_the_first_name(nlp: Language) -> None:
    doc = nlp("Jones launched Forward, the Green Alliance, in January.")
    spans = [Span(doc, 2, 3, label="Organisation"), Span(doc, 5, 7, label="Organisation")]
    reshaped = appositive_names(doc, spans, load_lexicon())
    assert [(s.text, s.id_) for s in reshaped] == [("Forward", ""), ("Green Alliance", "Forward")]


def test_name_shapes_list_of_organisations_is_no_apposition(nlp: Language) -> None:
    doc = nlp("Jones praised Liberty, the Green Alliance and Amnesty International.")
    spans = [Span(doc, 2, 3, label="Organisation"), Span(doc, 5, 7, label="Organisation")]
    assert [s.id_ for s in appositive_names(doc, spans, load_lexicon())] == ["", ""]


@pytest.mark.parametrize(
    ("description", "label"),
    [
        ("a press watchdog in Mandalay", "Organisation"),
        ("a small town near Mandalay", "Region"),
        ("the exiled campaigner", "Person"),
    ],
)
def test_name_shapes_indefinite_description_types_a_name(
    nlp: Language, description: str, label: str
) -> None:
    doc = nlp(f"The claim is false, said Min Thu of Salween, {description}.")
    at = next(t.i for t in doc if t.text == "Salween")
    guess = "Region" if label == "Organisation" else "Organisation"
    span = Span(doc, at, at + 1, label=guess)
    assert [s.label_ for s in described_names(doc, [span], load_lexicon())] == [label]


@pytest.mark.parametrize(
    ("label", "seat"),
    [
        ("Organisation", True),  # a city of the libraries' gazetteer opens the seat
        ("Person", False),  # "the Jackson Smith MP": a person's name, not a seat
    ],
)
def test_name_shapes_seat_opens_with_a_library_city(nlp: Language, label: str, seat: bool) -> None:
    doc = nlp("He met the Leeds Riverside MP yesterday.")
    span = Span(doc, 3, 5, label=label)
    shaped = member_seats(doc, [span], load_lexicon())
    assert [(s.text, s.label_ == "Region") for s in shaped] == [("Leeds Riverside", seat)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops entered Punjab province at dawn.", [("Punjab", "Region")]),
        ("Camps in Aksu prefecture grew.", [("Aksu", "Region")]),
        ("The Zorblatt district voted.", []),  # no gazetteer knows it
    ],
)
def test_name_shapes_place_found_by_its_lowercase_head(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    doc = nlp(text)
    assert [(s.text, s.label_) for s in headed_places(doc, [], load_lexicon())] == expected


def test_name_shapes_seat_is_not_cut_out_of_a_party_member(nlp: Language) -> None:
    doc = nlp("The London Labour MP resigned.")
    london = Span(doc, 1, 2, label="Region")
    assert [s.text for s in member_seats(doc, [london], load_lexicon())] == ["London"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("\u201cStick to the plan.\u201d The slogan was everywhere.", False),
        ("Rappler reported the arrest.", True),  # a subject: a name
    ],
)
def test_name_shapes_imperative_verb_is_no_name(nlp: Language, text: str, kept: bool) -> None:
    doc = nlp(text)
    start = 1 if text.startswith("\u201c") else 0
    span = Span(doc, start, start + 1, label="Region")
    assert bool(verbs_read_as_names(doc, [span], load_lexicon())) is kept


# ---------------------------------------------------------------- round 6 (issue 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a ban a body owns, on a kind of thing: one instrument, written as the text does
            "Exporters urged Japan to lift Canada's ban on timber imports.",
            ("Bill", "ban on timber imports", "Canada ban on timber imports"),
        ),
        (  # a list after a plural place noun and "of": every item a place
            "Floods hit the towns of Ashby, Melton and Oakham on Tuesday.",
            ("Region", "Melton", "Melton"),
        ),
        (  # a people harmed is a group
            "The report condemned violence against the Cambodian people.",
            ("Group", "Cambodian people", "Cambodian people"),
        ),
    ],
)
def test_name_shapes_round_six_names(
    extract: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    found = _named(extract(text))
    assert expected in found, sorted(found)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a ban no one named owns, or one on a named actor, names no instrument
        ("Campaigners want a ban on timber imports.", "ban on timber imports"),
        # a work's title in apposition is no actor
        ("Her memoir, Walking Home, was published in 2019.", "Walking Home"),
        ("The film Silent River won a prize in Venice.", "Silent River"),
        # a people addressed as a whole is no group
        ("Ann Cole thanked the Cambodian people for their support.", "Cambodian people"),
    ],
)
def test_name_shapes_round_six_leaves_alone(extract: Extract, text: str, absent: str) -> None:
    assert absent not in {text for _, text, _ in _named(extract(text))}


def test_name_shapes_the_embargo_refers_to_the_one_owned_ban(extract: Extract) -> None:
    extraction = extract(
        "Canada's embargo on timber imports began in 2019. Exporters want the embargo lifted."
    )
    names = [m.name for m in extraction.mentions if m.label == "Bill"]
    assert names == ["Canada embargo on timber imports"] * 2
