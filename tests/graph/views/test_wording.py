"""Plain words for link types and rule names: complete for the schema, no rule name shown."""

from __future__ import annotations

import pytest

from actorgraph.graph.schema import load_schema
from actorgraph.graph.views.wording import load_wording


def test_wording_names_every_link_type_of_the_schema():
    wording = load_wording()
    missing = [kind for kind in load_schema().links if kind not in wording.links]
    assert missing == [], f"add these to graph/data/view_wording.toml [links]: {missing}"


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("acl:chair", "… chair by …"),
        ("prep:sit_on", "… sit on …"),
        ("bio:deputy chair", "in the author\u2019s biography: … deputy chair of …"),
        (
            "bio:director~qualified",
            "in the author\u2019s biography: … director of …, (of a part of it)",
        ),
        (
            "svo:sanction modality=negated as=SANCTIONED claimant=United Nations via=he|the party",
            "… sanction …, stated as not so, would be: sanctioned, claimed by United Nations, "
            "through the words “he”, “the party”",
        ),
        ("odd", "… odd …"),
    ],
)
def test_stated_as_reads_a_rule_name_as_plain_words(pattern, words):
    assert load_wording().stated_as(pattern) == words


@pytest.mark.parametrize(
    ("kind", "patterns", "words"),
    [
        ("CHAIRS", [], "chairs"),
        ("NEW_TYPE", [], "new type"),
        ("RELATED_TO", ["gsvo:draw_comparisons_with via=it"], "draw comparisons with"),
        ("RELATED_TO", ["gsvo:leave", "gsvo:replace"], "linked to"),
    ],
)
def test_link_wording(kind, patterns, words):
    assert load_wording().link(kind, patterns) == words
