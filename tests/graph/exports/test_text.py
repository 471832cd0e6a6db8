"""Text made fit for XML 1.0 and UTF-8: what is replaced, what is kept, one for one."""

from __future__ import annotations

import json

import pytest
from generated import text
from hypothesis import given

from actorgraph.graph.exports.text import escape_surrogates, utf8_text, xml_text


def xml_allows(character: str) -> bool:
    """XML 1.0, production 2 (Char)."""
    code = ord(character)
    return (
        character in "\t\n\r"
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("page\x0cbreak", "page break"),  # form feed: white space
        ("tab\x0bbed", "tab bed"),  # vertical tab: white space
        ("nul\x00", "nul\ufffd"),
        ("\x1b[31mred", "\ufffd[31mred"),  # a terminal escape
        ("\ufffe\uffff", "\ufffd\ufffd"),
        ("bad\udcffname", "bad\ufffdname"),  # a non-UTF-8 byte, surrogate-escaped
        *[(kept, kept) for kept in ("\t\n\r", "\ufffd\U0001f600", "\u241f\u0085\u2028")],
    ],
)
def test_xml_text_replaces_only_what_xml_forbids(raw: str, clean: str) -> None:
    assert xml_text(raw) == clean


@given(text)
def test_xml_text_keeps_every_allowed_character_in_place(raw: str) -> None:
    clean = xml_text(raw)
    assert len(clean) == len(raw)
    for before, after in zip(raw, clean, strict=True):
        assert after == before if xml_allows(before) else after in (" ", "\ufffd")


@given(text)
def test_utf8_text_replaces_lone_surrogates_only(raw: str) -> None:
    clean = utf8_text(raw)
    clean.encode("utf-8")
    assert clean == "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in raw)


@pytest.mark.parametrize("raw", ["\udcff", "a\udc80b", "\ud800"])
def test_escape_surrogates_reads_back_exactly(raw: str) -> None:
    serialised = escape_surrogates(json.dumps(raw, ensure_ascii=False))
    serialised.encode("utf-8")
    assert json.loads(serialised) == raw
