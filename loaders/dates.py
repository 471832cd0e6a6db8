"""Dates as written in articles, parsed by python-dateutil, with an ISO form only when the
year is known; and the per-file ``year:`` / ``date:`` lines that give what the text leaves out.

python-dateutil rather than dateparser: it reads every common written form ("7 Dec 2021",
"December 7, 2021", "Jan 16th 2020", "Tuesday 7 December 2021"), is small and pure Python,
and has no relative or language-guessing parser that could turn "last week" into a date.
What it leaves out, it fills from a default; parsing against two defaults shows which
fields the text really gave, so a missing year is reported, never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from dateutil import parser as dateutil_parser

ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+Z-]*)?")
MAX_DATE_CHARS = 64  # a date line, not a sentence that happens to hold a date
# Two leap years (so "29 Feb" parses) whose months and days differ: a field that comes out
# different under the two defaults was not in the text.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 3, 2))
_INFO = dateutil_parser.parserinfo(dayfirst=True)  # 01/02/2021 is 1 February, as in the UK
_WORD = re.compile(r"[^\W\d_]+")
FRONT_MATTER = re.compile(r"(?P<key>year|date)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*", re.IGNORECASE)
YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A day and month the text states, and its year only if it states one."""

    written: str
    month: int
    day: int
    year: int | None

    def iso(self, default_year: int | None = None) -> str | None:
        """``YYYY-MM-DD`` with the stated year, else ``default_year``; None without either."""
        year = self.year or default_year
        if year is None:
            return None
        try:
            return date(year, self.month, self.day).isoformat()
        except ValueError:  # 29 Feb in a year that has none
            return None


def parse_date(text: str) -> WrittenDate | None:
    """The date ``text`` consists of, in any common form; None if it is not one whole date
    with at least a day and a month."""
    written = text.strip()
    if not written or len(written) > MAX_DATE_CHARS:
        return None
    return _parse(written)


@lru_cache(maxsize=4096)  # a corpus repeats its dates; dateutil costs ~0.1 ms a parse
def _parse(written: str) -> WrittenDate | None:
    if ISO.fullmatch(written):  # before dateutil, whose day-first reading would swap it
        try:
            day = date.fromisoformat(written[:10])
        except ValueError:
            return None
        return WrittenDate(written, day.month, day.day, day.year)
    try:
        first, second = (
            dateutil_parser.parse(written, parserinfo=_INFO, default=default)
            for default in _DEFAULTS
        )
    except (ValueError, OverflowError):
        return None
    if (first.month, first.day) != (second.month, second.day):
        return None  # no day or no month: "March 2021", "2021", "10:30"
    return WrittenDate(
        written, first.month, first.day, first.year if first.year == second.year else None
    )


def is_date_line(line: str) -> bool:
    """A line that is one date with its month named or in ISO form ("1 Feb", "2021-02-01"):
    a bare "3.5" or "5 and 3" after a colon line must not start an article."""
    written = line.strip()
    named = ISO.fullmatch(written) or any(_INFO.month(w) for w in _WORD.findall(written[:99]))
    return bool(named) and parse_date(written) is not None


def iso_date(written: str, *, year: int | None = None) -> str | None:
    """``"7 Dec 2021"`` -> ``"2021-12-07"``; ``"7 Dec"`` -> None unless ``year`` is given."""
    parsed = parse_date(written)
    return parsed.iso(year) if parsed else None


@dataclass(frozen=True, slots=True)
class DateDefaults:
    """What a file or a run says about dates its text leaves out."""

    year: int | None = None
    date: str | None = None


def split_front_matter(text: str) -> tuple[DateDefaults, str]:
    """``year: 2021`` and ``date: 7 Dec 2021`` lines opening a file, and the text after them.

    ``year`` completes dates written without one; ``date`` dates a document whose loader
    found none. A line whose value is not a year or a date ("Year: 2021 was hard") is not
    one of them but the text's first line; a second line of either kind raises ValueError.
    """
    lines = text.split("\n")
    found: dict[str, str] = {}
    start = 0
    while start < len(lines):
        line = lines[start].strip()
        item = _front_matter_item(line)
        if item is None and line:
            break
        if item is not None:
            if item[0] in found:
                raise ValueError(f"line {start + 1}: a second {item[0]!r} line")
            found[item[0]] = item[1]
        start += 1
    if not found:
        return DateDefaults(), text
    year = int(found["year"]) if "year" in found else None
    return DateDefaults(year, found.get("date")), "\n".join(lines[start:])


def _front_matter_item(line: str) -> tuple[str, str] | None:
    match = FRONT_MATTER.fullmatch(line)
    if match is None:
        return None
    key, value = match["key"].lower(), match["value"]
    valid = YEAR.fullmatch(value) if key == "year" else parse_date(value)
    return (key, value) if valid else None
