"""Reading a source file as text, refusing what is not text with a reason."""

from __future__ import annotations

from pathlib import Path

from actorgraph.loaders.document import LoadError

BINARY_SNIFF_BYTES = 8192


def read_text(path: Path) -> str:
    """The file's text, newlines normalised; LoadError naming the problem otherwise."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(str(path), "no such file") from None
    except OSError as exc:
        raise LoadError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise LoadError(str(path), "empty file")
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise LoadError(str(path), "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            str(path),
            f"not UTF-8 text (undecodable byte 0x{data[exc.start]:02x} at offset {exc.start})",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
