"""Where an export lands: whole files or nothing, and never over a directory.

A file export is written beside its target and renamed over it, so an existing file of
that name is replaced (as ``make demo`` does on every run) and a failed export leaves
the old file, never half a new one. A directory export (neo4j-csv) goes into a new or
empty directory only: files left from an earlier export would be loaded with the new
ones. It too is written aside and renamed into place.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ExportPathError(ValueError):
    """The output path cannot take this export; the message names the path."""


@contextmanager
def replacing_file(path: Path) -> Iterator[Path]:
    """A temporary path to write; renamed to ``path`` when the block ends without error."""
    if path.is_dir():
        raise ExportPathError(f"{path} is a directory; give a file name")
    temporary = _beside(path)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def new_directory(path: Path) -> Iterator[Path]:
    """A temporary directory to fill; moved to ``path`` (new or empty) at the end."""
    if path.exists() and not path.is_dir():
        raise ExportPathError(f"{path} is a file; give a new or empty directory")
    if path.is_dir() and any(path.iterdir()):
        raise ExportPathError(f"{path} is not empty; give a new or empty directory")
    temporary = _beside(path)
    temporary.mkdir()
    try:
        yield temporary
        if path.is_dir():
            path.rmdir()  # empty, checked above; a file put there since makes this fail
        temporary.rename(path)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _beside(path: Path) -> Path:
    """A fresh hidden name in ``path``'s directory (created if missing), for a rename."""
    parent = path.absolute().parent
    blocker = next((p for p in (parent, *parent.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise ExportPathError(f"{blocker} is a file, so {path} cannot be written")
    parent.mkdir(parents=True, exist_ok=True)
    return parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
