"""Stored documents against the files a build walks: which moved, which are gone.

A build sees only its inputs; what it may say about the rest of the store is limited to
the sources those inputs cover, so that building one folder never judges another.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from actorgraph.graph.model import GraphBuilder
from actorgraph.loaders.document import Document, LoadError, printable_path


@dataclass(frozen=True, slots=True)
class GoneDocument:
    """A stored document whose source the build's inputs cover but no longer hold."""

    id: str
    source: str
    title: str

    def __str__(self) -> str:
        return f"{self.source}: {self.title!r}"


class SourceWalk:
    """What this build's inputs hold, to tell which stored documents are gone or moved.

    A stored document is gone when its source lies under an input, the walk found no
    document with its id or key, and its file is missing or was read and no longer holds
    it. A file that could not be read this time keeps its documents, and a source outside
    the inputs is never judged: building one folder says nothing of another.
    """

    def __init__(self, paths: Iterable[str | Path], files: Iterable[Path]) -> None:
        self.roots = [_absolute(p) for p in paths]
        self.files = {_absolute(f) for f in files}
        self.unreadable: set[str] = set()
        self.keys: set[str] = set()
        self.places: dict[str, tuple[str, str]] = {}  # document id -> (key, source) seen

    def record(self, items: Iterable[Document | LoadError]) -> Iterator[Document | LoadError]:
        for item in items:
            if isinstance(item, LoadError):
                self.unreadable.add(_absolute(item.path))
            else:
                self.keys.add(item.key)
                self.places.setdefault(item.id, (item.key, item.source))
            yield item

    def follow_moves(self, builder: GraphBuilder) -> int:
        """Give unchanged documents found at a new path that path; how many moved."""
        moved = 0
        for node, (key, source) in self.places.items():
            held = builder.document_key(node)
            if held is not None and held != key and held not in self.keys:
                builder.move_document(node, key, source)
                moved += 1
        return moved

    def gone(self, builder: GraphBuilder) -> list[GoneDocument]:
        return [
            GoneDocument(node, attrs["source"], attrs["title"])
            for node, attrs in builder.documents()
            if self._is_gone(node, attrs)
        ]

    def _is_gone(self, node: str, attrs: dict) -> bool:
        if node in self.places or attrs.get("key") in self.keys:
            return False
        source = _absolute(attrs.get("source") or "")
        covered = any(
            source == root or source.startswith(os.path.join(root, "")) for root in self.roots
        )
        if not covered or source in self.unreadable:
            return False
        return source in self.files or not os.path.lexists(source)


def _absolute(path: str | Path) -> str:
    return printable_path(os.path.abspath(path))
