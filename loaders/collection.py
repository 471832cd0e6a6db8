"""The article-collection format: several articles in one file.

Each article opens with ``Author(s): Title``, then a date line (``1 Feb``, ``7 December
2021``: any form with the month named, or ISO), then a one-paragraph author biography,
then the body, up to the next article's header. A header is only taken as one when a date
line follows it, so a body sentence with a colon ("The goal should be two-fold: ...")
never starts an article. An article with no body is reported, and the next one read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from actorgraph.loaders.dates import is_date_line, iso_date
from actorgraph.loaders.document import Document, LoadError, content_id, printable_path

HEADER = re.compile(r"^(?P<authors>[^:\d]{2,120}?):\s+(?P<title>\S.*)$")
AUTHOR_SEPARATORS = re.compile(r"\s*(?:,\s*and\s+|,|\s+and\s+|\s*&\s*)\s*")
MAX_AUTHOR_WORDS = 5


@dataclass(frozen=True, slots=True)
class Header:
    line: int
    authors: tuple[str, ...]
    title: str
    date: str
    date_line: int


def split_authors(field: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in AUTHOR_SEPARATORS.split(field) if name.strip())


def _looks_like_names(authors: tuple[str, ...]) -> bool:
    return bool(authors) and all(
        len(name.split()) <= MAX_AUTHOR_WORDS and name[0].isupper() for name in authors
    )


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None


def find_headers(lines: list[str]) -> list[Header]:
    headers = []
    for index, line in enumerate(lines):
        match = HEADER.match(line.strip())
        if not match:
            continue
        authors = split_authors(match["authors"])
        date_index = _next_nonblank(lines, index + 1)
        if date_index is None or not is_date_line(lines[date_index]):
            continue
        if _looks_like_names(authors):
            headers.append(
                Header(
                    index, authors, match["title"].strip(), lines[date_index].strip(), date_index
                )
            )
    return headers


class CollectionLoader:
    name = "collection"
    priority = 10

    def detect(self, path: Path, text: str) -> bool:
        lines = text.split("\n")
        first = _next_nonblank(lines, 0)
        headers = find_headers(lines)
        return bool(headers) and headers[0].line == first

    def load(self, path: Path, text: str) -> Iterator[Document | LoadError]:
        lines = text.split("\n")
        headers = find_headers(lines)
        if not headers:
            raise LoadError(path, "no 'Author: Title' header followed by a date line")
        for number, header in enumerate(headers):
            end = headers[number + 1].line if number + 1 < len(headers) else len(lines)
            yield self._article(path, number, header, lines[header.date_line + 1 : end])

    def _article(
        self, path: Path, number: int, header: Header, lines: list[str]
    ) -> Document | LoadError:
        text = "\n".join(lines).strip()
        if not text:
            return LoadError(path, f"article {number + 1} ({header.title!r}) has no text")
        bio = text.split("\n\n", 1)[0].strip()
        source = printable_path(path)
        return Document(
            id=content_id(header.title, ",".join(header.authors), header.date, text),
            key=f"{source}#{number + 1}",
            source=source,
            title=header.title,
            text=text,
            authors=header.authors,
            date=header.date,
            date_iso=iso_date(header.date),
            bio=bio,
            loader=self.name,
        )
