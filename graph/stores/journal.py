"""The journal of pending writes: a diff is on disk before the store sees any of it.

A write is published as ``pending-<n>.jsonl`` (written as ``tmp-<n>``, synced, then
renamed: a file that exists under its final name is whole) and removed once the store
holds it. Whatever happens in between (a kill, Ctrl-C, a full disk), the next command
that writes replays every pending entry first, in order; applying a diff is idempotent,
so replay needs neither the source files nor extraction, nor to know how far the
interrupted write got. A reader seeing a pending entry knows the store is incomplete.

The format is JSON lines (not pickle: a store may come from someone else, and loading it
must not run code): a header, then one line per row. Lines are written and read with
``orjson`` (C): ``json`` took 3.5 s of a 5,000-document bulk load's 17.8 s, orjson an
eighth of that; a row orjson refuses (a source path holding a lone surrogate, from a file
name that was not UTF-8) goes through ``json``, which escapes it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import orjson

from actorgraph.graph.faults import point
from actorgraph.graph.records import DocumentText, MentionRow, SentenceRow
from actorgraph.graph.stores.base import EdgeRow, GraphDiff, NodeRow, StoreError

FORMAT = 1
_PENDING = re.compile(r"pending-(\d+)\.jsonl")


class Journal:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def pending(self) -> list[Path]:
        """Published entries not yet known to be in the store, oldest first."""
        if not self.directory.is_dir():
            return []
        found = [
            (int(m[1]), p) for p in self.directory.iterdir() if (m := _PENDING.fullmatch(p.name))
        ]
        return [path for _, path in sorted(found)]

    def publish(self, diff: GraphDiff, *, command: str = "build") -> Path:
        """Write ``diff`` durably; from here on, the next writer completes it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for stale in self.directory.glob("tmp-*.jsonl"):  # a publish that never finished
            stale.unlink()
        pending = self.pending()
        number = 1 + (int(_PENDING.fullmatch(pending[-1].name)[1]) if pending else 0)  # type: ignore[index]
        tmp = self.directory / f"tmp-{number}.jsonl"
        header = {"format": FORMAT, "command": command, "documents": diff.documents_written}
        with tmp.open("wb") as out:
            out.write(_dumps(header))
            for line in _lines(diff):
                out.write(line)
            out.flush()
            os.fsync(out.fileno())
        point("journal.tmp-written")
        path = self.directory / f"pending-{number}.jsonl"
        tmp.rename(path)
        _sync_directory(self.directory)
        point("journal.published")
        return path

    def done(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        _sync_directory(self.directory)
        point("journal.removed")

    def header(self, path: Path) -> dict[str, Any]:
        with path.open("rb") as lines:
            return dict(_loads(lines.readline()))

    def load(self, path: Path) -> GraphDiff:
        diff = GraphDiff()
        try:
            with path.open("rb") as lines:
                header = _loads(lines.readline())
                if header.get("format") != FORMAT:
                    raise StoreError(f"{path}: journal format {header.get('format')}, not {FORMAT}")
                for line in lines:
                    kind, row = _loads(line)
                    _add(diff, kind, row)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"{path}: unreadable journal entry ({exc})") from None
        return diff


def _lines(diff: GraphDiff) -> Iterator[bytes]:
    for kind in ("upsert_nodes", "delete_nodes"):
        for node in getattr(diff, kind):
            yield _dumps([kind, [node.id, node.label, node.props]])
    for kind in ("upsert_edges", "delete_edges"):
        for edge in getattr(diff, kind):
            yield _dumps([kind, _values(edge)])
    for text in diff.texts:
        sentences = [_values(s) for s in text.sentences]
        mentions = [_values(m) for m in text.mentions]
        yield _dumps(["texts", [text.document, sentences, mentions]])
    for document in diff.drop_texts:
        yield _dumps(["drop_texts", document])
    for mention in diff.repoint:
        yield _dumps(["repoint", _values(mention)])


def _dumps(value: Any) -> bytes:
    """One line: orjson's, or json's escapes where orjson refuses the text."""
    try:
        return orjson.dumps(value, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        return (json.dumps(value) + "\n").encode("ascii")


def _loads(line: bytes) -> Any:
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:  # json's escape of a lone surrogate
        return json.loads(line)


def _values(row: Any) -> list[Any]:
    """A record's fields in order (``dataclasses.astuple`` deep-copies every value: it
    was most of the journal's 9 s for a 5,000-document bulk load)."""
    return [getattr(row, f.name) for f in fields(row)]


def _add(diff: GraphDiff, kind: str, row: Any) -> None:
    if kind in ("upsert_nodes", "delete_nodes"):
        getattr(diff, kind).append(NodeRow(*row))
    elif kind in ("upsert_edges", "delete_edges"):
        getattr(diff, kind).append(EdgeRow(*row))
    elif kind == "texts":
        document, sentences, mentions = row
        diff.texts.append(
            DocumentText(
                document,
                [SentenceRow(*s) for s in sentences],
                [MentionRow(*m) for m in mentions],
            )
        )
    elif kind == "drop_texts":
        diff.drop_texts.append(row)
    elif kind == "repoint":
        diff.repoint.append(MentionRow(*row))
    else:
        raise ValueError(f"unknown row kind {kind!r}")


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
