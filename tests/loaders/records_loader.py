"""A third-party loader written for the tests: it has a bad record, a bug, and a detector
that can trip, as plugins do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from actorgraph.loaders.document import Document, LoadError, content_id


class RecordsLoader:
    """``.rec`` files: one record a line, ``title|text``; "BOOM" in a line is a bug in this
    loader (it raises), "bad" a record it reports and passes over."""

    name = "records"
    priority = 5

    def detect(self, path: Path, text: str) -> bool:
        if "DETECT-BUG" in text:
            raise RuntimeError("detector tripped")
        return path.suffix == ".rec"

    def load(self, path: Path, text: str) -> Iterator[Document | LoadError]:
        for number, line in enumerate(text.splitlines(), start=1):
            if "BOOM" in line:
                raise ZeroDivisionError("division by zero in record parser")
            if line == "not-a-document":
                yield {"title": line}  # type: ignore[misc]  # the bug a plugin can have
                continue
            title, _, body = line.partition("|")
            if not body:
                yield LoadError(path, f"record {number} has no text")
                continue
            yield Document(
                id=content_id(title, body),
                key=f"{path}#{number}",
                source=str(path),
                title=title,
                text=body,
                loader=self.name,
            )
