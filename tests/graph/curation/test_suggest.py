"""Likely duplicates: each sign found, ranked, and a separated pair never proposed."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from actorgraph.graph.curation.judgements import Curation, Judgement
from actorgraph.graph.curation.suggest import suggest

WHEN = "2026-12-01T10:00:00+00:00"


def _graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for label, name, aliases in [
        ("Organisation", "Lords", ["Lords"]),
        ("Organisation", "House of Lords", ["House of Lords"]),
        ("Organisation", "National League for Democracy", ["NLD party"]),
        ("Organisation", "NLD", ["NLD"]),
        ("Person", "Marie van de Zyl", ["Marie van de Zyl"]),
        ("Person", "Marie van der Zyl", ["Marie van der Zyl"]),
        ("Person", "Johnson", ["Johnson"]),
        ("Person", "Jo Johnson", ["Jo Johnson", "Mr Johnson"]),
        ("Region", "Lords", ["Lords"]),  # another label: never paired with the party
    ]:
        graph.add_node(f"{label}:{name}", label=label, name=name, aliases=aliases)
    return graph


def _pairs(*separations: tuple[str, str], label: str | None = None) -> dict[frozenset, str]:
    judgements = [Judgement("separate", pair, WHEN) for pair in separations]
    found = suggest(_graph(), Curation(Path("c.toml"), judgements), label=label)
    return {frozenset((s.first, s.second)): s.reason for s in found}


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("Organisation:NLD", "Organisation:National League for Democracy", "acronym"),
        ("Person:Johnson", "Person:Jo Johnson", "surname"),
        ("Organisation:Lords", "Organisation:House of Lords", "contained"),
        ("Person:Marie van de Zyl", "Person:Marie van der Zyl", "similar"),
    ],
)
def test_suggest_finds_each_sign(first: str, second: str, reason: str) -> None:
    assert _pairs()[frozenset((first, second))] == reason


def test_suggest_pairs_only_one_label() -> None:
    pairs = _pairs()
    assert all(len({n.split(":")[0] for n in pair}) == 1 for pair in pairs)
    assert set(_pairs(label="Person")) == {
        frozenset(("Person:Johnson", "Person:Jo Johnson")),
        frozenset(("Person:Marie van de Zyl", "Person:Marie van der Zyl")),
    }


@pytest.mark.parametrize(
    "separation",
    [("Johnson", "Jo Johnson"), ("jo johnson", "JOHNSON"), ("Mr Johnson", "Johnson")],
)
def test_suggest_never_proposes_a_separated_pair(separation: tuple[str, str]) -> None:
    pairs = _pairs(separation)
    assert frozenset(("Person:Johnson", "Person:Jo Johnson")) not in pairs
    assert frozenset(("Person:Marie van de Zyl", "Person:Marie van der Zyl")) in pairs
