"""Plain text: a file in no known format is one document titled by its opening."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from actorgraph.loaders.document import Document, content_id, printable_path

SENTENCE_END = re.compile(r"(?<=[.!?])\s")
MAX_TITLE_CHARS = 120


def title_of(text: str) -> str:
    """The first line, or its first sentence when the line is a long paragraph."""
    first_line = text.strip().split("\n", 1)[0].strip()
    first_sentence = SENTENCE_END.split(first_line, maxsplit=1)[0].strip()
    if len(first_sentence) <= MAX_TITLE_CHARS:
        return first_sentence
    return first_sentence[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


class PlainTextLoader:
    name = "plaintext"
    priority = 1000  # the fallback: it accepts any text

    def detect(self, path: Path, text: str) -> bool:
        return bool(text.strip())

    def load(self, path: Path, text: str) -> Iterator[Document]:
        body = text.strip()
        title = title_of(body)
        yield Document(
            id=content_id(title, "", "", body),
            key=printable_path(path),
            source=printable_path(path),
            title=title,
            text=body,
            loader=self.name,
        )
