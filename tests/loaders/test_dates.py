"""Dates in any common written form; an ISO form only when the year is known, never invented."""

from __future__ import annotations

import pytest

from actorgraph.loaders.dates import (
    DateDefaults,
    is_date_line,
    iso_date,
    parse_date,
    split_front_matter,
)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2021-12-07", "2021-12-07"),
        ("2021-02-01", "2021-02-01"),  # ISO is never read day-first
        ("2021-02-01T10:30:00", "2021-02-01"),
        ("7 Dec 2021", "2021-12-07"),
        ("7 December 2021", "2021-12-07"),
        ("December 7, 2021", "2021-12-07"),
        ("Jan 16th 2020", "2020-01-16"),
        ("Tuesday 7 December 2021", "2021-12-07"),
        ("7th of December 2021", "2021-12-07"),
        ("01/02/2021", "2021-02-01"),  # day first, as in the UK
        ("  1 Feb 2022  ", "2022-02-01"),
        ("29 Feb 2020", "2020-02-29"),
    ],
)
def test_iso_date_of_every_common_form(written: str, iso: str) -> None:
    assert iso_date(written) == iso


@pytest.mark.parametrize("written", ["1 Feb", "13 Jan", "Feb 15", "28 October", "4th June"])
def test_a_date_without_a_year_has_no_iso_form(written: str) -> None:
    parsed = parse_date(written)
    assert parsed is not None and parsed.year is None
    assert iso_date(written) is None


@pytest.mark.parametrize(
    ("written", "year", "iso"),
    [
        ("1 Feb", 2021, "2021-02-01"),
        ("28 Oct", 2021, "2021-10-28"),
        ("7 Dec 2019", 2021, "2019-12-07"),  # the stated year wins over the default
        ("29 Feb", 2021, None),  # no such day that year: no date rather than a wrong one
        ("29 Feb", 2020, "2020-02-29"),
    ],
)
def test_a_default_year_completes_a_year_less_date(written: str, year: int, iso: str) -> None:
    assert iso_date(written, year=year) == iso


@pytest.mark.parametrize(
    "text", ["", "March 2021", "2021", "10:30", "Feb", "12", "No. 5", "31 Feb 2021", "x" * 80]
)
def test_what_is_not_one_day_and_month_is_no_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1 Feb", True),
        ("December 7, 2021", True),
        ("2021-12-07", True),
        ("3.5", False),  # a figure, though dateutil would read it as 3 May
        ("5 and 3", False),
        ("01/02/2021", False),  # ambiguous without a month name: not an article's date line
        ("The goal should be two-fold", False),
    ],
)
def test_a_date_line_names_its_month(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@pytest.mark.parametrize(
    ("text", "defaults", "rest"),
    [
        ("year: 2021\n\nBody.", DateDefaults(2021), "Body."),
        ("Date: 7 December 2021\nBody.", DateDefaults(None, "7 December 2021"), "Body."),
        ("\nyear: 2021\nDATE: 1 Feb\n\nBody.", DateDefaults(2021, "1 Feb"), "Body."),
        ("Body first.\nyear: 2021", DateDefaults(), "Body first.\nyear: 2021"),
        ("Year: 2021 was hard.\nBody.", DateDefaults(), "Year: 2021 was hard.\nBody."),
        ("year: 21\nBody.", DateDefaults(), "year: 21\nBody."),
        ("Date: soon\nBody.", DateDefaults(), "Date: soon\nBody."),
        ("year: 2021\n", DateDefaults(2021), ""),
    ],
)
def test_front_matter_opens_a_file(text: str, defaults: DateDefaults, rest: str) -> None:
    assert split_front_matter(text) == (defaults, rest)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("year: 2021\nyear: 2022\nBody.", "line 2: a second 'year' line"),
        ("date: 1 Feb\n\nDate: 2 Feb\nBody.", "line 3: a second 'date' line"),
    ],
)
def test_a_second_year_or_date_line_says_which_line(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        split_front_matter(text)
    assert str(caught.value) == reason
