"""The Document record every loader produces, and the errors a loader may raise."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


class LoadError(Exception):
    """A source that cannot be read; the message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``text`` is what extraction reads; evidence offsets point into it.

    ``bio`` (the author's biography, when the source has one) is the first paragraph of
    ``text``, so affiliations it states are extracted like any other sentence.
    ``key`` names the document's place in its source (path and position) so that a
    changed article replaces its previous version instead of adding a second one.
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
        digest.update((part or "").encode("utf-8"))
        digest.update(b"\x1f")
    return "doc:" + digest.hexdigest()[:16]
