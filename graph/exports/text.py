"""Document text as each export format can carry it.

Articles hold characters some formats cannot: XML 1.0 forbids most C0 controls (a
vertical tab or form feed from a PDF), U+FFFE/U+FFFF and lone surrogates (a file name
that was not UTF-8, kept surrogate-escaped); UTF-8 cannot encode a lone surrogate at
all. Each is replaced by one character, so evidence offsets still line up with the text:
a space for the control characters that are white space, U+FFFD (the Unicode
replacement character) for the rest. JSON needs none of this: it escapes them.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _substitute(match: re.Match[str]) -> str:
    return " " if match.group().isspace() else REPLACEMENT


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced (tab, LF and CR stay)."""
    return _XML_FORBIDDEN.sub(_substitute, text)


def utf8_text(text: str) -> str:
    """``text`` with lone surrogates, which UTF-8 cannot encode, replaced by U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, text)


def escape_surrogates(serialised: str) -> str:
    """JSON text whose lone surrogates are written as ``\\udcXX`` escapes.

    ``json.dumps(ensure_ascii=False)`` leaves them raw, and UTF-8 cannot encode them;
    the escape is valid JSON and reads back as the same string, so JSON stays lossless.
    """
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)
