"""Dates as written in articles, and their ISO form only when the year is stated."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_LINE = re.compile(
    rf"^\s*(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?(?:\s+(?P<year>\d{{4}}))?\s*$", re.IGNORECASE
)


def is_date_line(line: str) -> bool:
    return DATE_LINE.match(line) is not None


def iso_date(written: str) -> str | None:
    """``"7 Dec 2021"`` -> ``"2021-12-07"``; ``"7 Dec"`` -> None: a year is never invented."""
    match = DATE_LINE.match(written)
    if not match or not match["year"]:
        return None
    try:
        day = date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    except ValueError:
        return None
    return day.isoformat()
