"""Events carry the date the text gives them, as written, and never a guessed one."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.graph.records import Extraction

Extract = Callable[..., Extraction]


@pytest.mark.parametrize(
    ("text", "event", "date"),
    [
        (
            "The coup in Myanmar on 1 February 2021 was condemned by Canada.",
            "coup",
            "1 February 2021",
        ),
        ("The Tiananmen Square massacre of 4 June 1989 is remembered.", "massacre", "4 June 1989"),
        ("The 1989 Tiananmen Square massacre is remembered in Hong Kong.", "massacre", "1989"),
    ],
)
def test_event_dates_as_written(extract: Extract, text: str, event: str, date: str) -> None:
    events = [m for m in extract(text).mentions if m.label == "Event"]
    assert [(event in m.name.lower(), m.date) for m in events] == [(True, date)]


def test_event_dates_need_a_year(extract: Extract) -> None:
    events = [
        m
        for m in extract("The coup in Myanmar on 1 February was condemned by Canada.").mentions
        if m.label == "Event"
    ]
    assert events and all(m.date is None for m in events)
