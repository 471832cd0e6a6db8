"""Events named by a qualified common noun (``events``), on sentences written for the tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.graph.model import build_graph
from actorgraph.graph.records import Extraction

Extract = Callable[..., Extraction]


def events(extraction: Extraction) -> list[tuple[str, str, str]]:
    return [(m.text, m.name, m.via) for m in extraction.mentions if m.label == "Event"]


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # a kind word before the noun
        (
            "Observers doubted the presidential election.",
            "presidential election",
            "presidential election",
        ),
        # a place-named event keeps its kind words in its surface form
        (
            "Observers doubted the presidential election in Lima.",
            "presidential election",
            "Lima election",
        ),
        # a determiner across adjectives and quotes, a possessive month
        (
            "Critics rejected March's 'stolen' parliamentary election.",
            "parliamentary election",
            "parliamentary election",
        ),
        (
            "The opposition will fight the next general election.",
            "general election",
            "general election",
        ),
        # a state's demonym places it
        ("Refugees fled the Syrian civil war.", "civil war", "Syria civil war"),
        # a year qualifies a plural, and tells elections apart
        ("Few voted in the 2031 local elections.", "2031 local elections", "2031 local elections"),
        # the kind of a war
        ("Farmers lost most from Ruritania's trade war with Freedonia.", "trade war", "trade war"),
        # "on" and a bare thing: a campaign, named whole
        ("They criticised the war on drugs.", "war on drugs", "war on drugs"),
    ],
)
def test_events_qualified_noun_names_an_event(
    extract: Extract, text: str, surface: str, name: str
) -> None:
    assert (surface, name, "") in events(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        # no qualifier: it could be any election
        "Officials said the election had been peaceful.",
        # indefinite
        "Ruritania may hold a general election soon.",
        "Nobody wants a trade war.",
        # a plural without a year is no one event
        "The party did badly in municipal elections.",
        # a named target: the war is named by its target, not as a campaign
        "Critics of the war on Freedonia marched.",
    ],
)
def test_events_unqualified_noun_names_nothing(extract: Extract, text: str) -> None:
    assert events(extract(text)) == []


def test_events_date_and_bare_noun_refer_to_the_one_qualified_event(extract: Extract) -> None:
    extraction = extract(
        "Ruritania held its presidential election in May. Observers said the May 9 election "
        "was unfair. The government refused to rerun the election."
    )
    found = events(extraction)
    assert ("May 9 election", "presidential election", "") in found
    assert ("election", "presidential election", "the election") in found
    graph = build_graph([extraction])
    node = next(n for n, d in graph.nodes(data=True) if d.get("label") == "Event")
    assert "election" not in graph.nodes[node]["aliases"]  # a reference names nothing


def test_events_two_kinds_leave_a_bare_noun_unbound(extract: Extract) -> None:
    extraction = extract(
        "The local election came first and the general election followed. "
        "Turnout at the election was low."
    )
    names = {name for _, name, _ in events(extraction)}
    assert names == {"local election", "general election"}
    assert not any(via for _, _, via in events(extraction))
