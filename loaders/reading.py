"""Finding the source files under the given paths and reading each as text; whatever cannot
be walked or read is returned as a LoadError with the reason, never passed over in silence."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from actorgraph.loaders.document import LoadError

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# White space and the invisible zero-width characters: a file of only these has no text.
BLANK = (
    "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\u200b\u200c\u200d\u2060\ufeff"
)
NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_text(path: Path) -> str:
    """The file's text (UTF-8, or UTF-16/32 with a byte-order mark), newlines normalised;
    LoadError naming the problem otherwise."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except OSError as exc:
        raise LoadError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise LoadError(path, "empty file")
    codec, label = next(
        ((codec, label) for mark, codec, label in BYTE_ORDER_MARKS if data.startswith(mark)),
        ("utf-8", "UTF-8"),
    )
    if codec == "utf-8" and (nul := data.find(b"\x00")) >= 0:
        raise LoadError(
            path, f"binary file (contains NUL bytes, the first at offset {nul}), not text"
        )
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise LoadError(
            path,
            f"not {label} text (undecodable byte 0x{data[exc.start]:02x} at offset {exc.start})",
        ) from None
    if "\x00" in text:
        raise LoadError(path, f"binary file (contains NUL characters in {label}), not text")
    if not text.strip(BLANK):
        raise LoadError(path, "empty (whitespace only)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# A file the embedded store keeps in its directory: a directory holding it is a store, not
# input (its journal and search index would read as documents when a build walks a
# folder the store sits in).
STORE_MARKER = ".actorgraph-store"


def walk(paths: Iterable[str | Path]) -> Iterator[Path | LoadError]:
    """Every file under ``paths``, and a LoadError for each thing that is skipped.

    Directories are walked recursively in name order; names starting with "." below a
    given path are skipped (hidden by convention). A symbolic link is followed, to a
    directory too, but each directory is walked once: a link back into a directory already
    walked (a loop, or a second way in) is reported and not followed. Broken links,
    unreadable directories and what is not a regular file (a pipe would block the build)
    are reported. An actorgraph store's directory is skipped.
    """
    walked: set[tuple[int, int]] = set()
    for raw in paths:
        yield from _walk(Path(raw), walked)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files ``walk`` finds, without its reports."""
    return (item for item in walk(paths) if isinstance(item, Path))


def _walk(path: Path, walked: set[tuple[int, int]]) -> Iterator[Path | LoadError]:
    try:
        info = path.stat()
    except FileNotFoundError:
        yield LoadError(path, _missing(path))
        return
    except OSError as exc:
        yield LoadError(path, f"cannot be read ({exc.strerror or exc})")
        return
    if stat.S_ISREG(info.st_mode):
        yield path
        return
    if not stat.S_ISDIR(info.st_mode):
        kind = next((name for test, name in NOT_REGULAR if test(info.st_mode)), "not a file")
        yield LoadError(path, f"not a regular file ({kind}), skipped")
        return
    identity = (info.st_dev, info.st_ino)
    if identity in walked:
        yield LoadError(path, "a directory already walked (a link loop or a second way in)")
        return
    walked.add(identity)
    try:
        names = sorted(os.listdir(path))
    except OSError as exc:
        yield LoadError(path, f"directory cannot be read ({exc.strerror or exc})")
        return
    if STORE_MARKER in names:
        return
    for name in names:
        if not name.startswith("."):
            yield from _walk(path / name, walked)


def _missing(path: Path) -> str:
    if not path.is_symlink():
        return "no such file"
    try:
        return f"broken symbolic link (its target {os.readlink(path)!r} does not exist)"
    except OSError:
        return "broken symbolic link"
