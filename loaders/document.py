"""The Document record every loader produces, and the LoadError it reports a bad source or
record with."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path


def printable_path(path: str | Path) -> str:
    """The path as valid UTF-8 text: bytes that are not UTF-8 (a name from an archive made on
    Windows) are shown escaped, ``bad\\xffname.txt``, so the name can be stored and printed;
    the ``Path`` itself keeps the bytes and still opens the file."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def valid_text(text: str) -> str:
    """``text`` unchanged when it is valid UTF-8, else with its lone surrogates escaped (a
    store cannot hold them); bytes smuggled in by ``surrogateescape`` show as ``\\xff``."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


class LoadError(Exception):
    """A source or a record that cannot be read; the message names the file and the reason.

    A loader *raises* it to give up on a whole file, or *yields* it from ``load`` to report
    one bad record and go on with the next.
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = printable_path(path)
        self.reason = valid_text(reason)
        super().__init__(f"{self.path}: {self.reason}")

    def __reduce__(self) -> tuple[type[LoadError], tuple[str, str]]:
        return type(self), (self.path, self.reason)  # picklable, to and from worker processes


@dataclass(frozen=True, slots=True)
class Document:
    """One article, as a loader reads it (the README's "Adding a loader" lists the fields).

    ``text`` is what extraction reads; evidence offsets point into it. ``key`` names the
    document's place in its source (path, and position within a file of several) and stays
    the same when the article is edited, so an edited article replaces its previous version
    instead of being added beside it; ``id`` is a hash of the content, so an unchanged one is
    skipped. ``bio`` (the author's biography, when the source has one) is the first paragraph
    of ``text``, so the affiliations it states are extracted like any other sentence.
    ``date`` is as written ("1 Feb"); ``date_iso`` is ``YYYY-MM-DD`` only when the year is
    known (stated, or given by ``year:`` or ``--year``), never invented.
    """

    id: str
    key: str
    source: str
    title: str
    text: str
    authors: tuple[str, ...] = ()
    date: str | None = None
    date_iso: str | None = None
    bio: str | None = None
    loader: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def content_id(*parts: str | None) -> str:
    """A stable id from the document's content: the same article always gets the same id."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return "doc:" + digest.hexdigest()[:16]
