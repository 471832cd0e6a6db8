"""Document text that a store can hold: paths and strings made valid UTF-8, losslessly shown."""

from __future__ import annotations

import os
import pickle

import pytest

from actorgraph.loaders.document import LoadError, content_id, printable_path, valid_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (b"/in/bad\xffname.txt", "/in/bad\\xffname.txt"),
        (b"/in/caf\xe9.txt", "/in/caf\\xe9.txt"),
        ("/in/café 习近平.txt".encode(), "/in/café 习近平.txt"),
    ],
)
def test_printable_path_shows_undecodable_bytes_escaped(raw: bytes, shown: str) -> None:
    path = os.fsdecode(raw)
    assert printable_path(path) == shown
    assert printable_path(raw.decode("utf-8", "surrogateescape")) == shown
    shown.encode("utf-8")


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("plain", "plain"),
        ("Ürümqi — 习近平", "Ürümqi — 习近平"),
        ("bad\udcffname", "bad\\xffname"),  # a byte smuggled in by surrogateescape
        ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
    ],
)
def test_valid_text_escapes_only_what_utf8_cannot_hold(text: str, valid: str) -> None:
    assert valid_text(text) == valid
    assert (valid_text(text) is text) == (text == valid)


def test_a_load_error_names_the_path_printably() -> None:
    error = LoadError(os.fsdecode(b"/in/bad\xffname.txt"), "reason \udcff")
    assert str(error) == "/in/bad\\xffname.txt: reason \\xff"


def test_content_id_accepts_any_string() -> None:
    assert content_id("a\ud800") != content_id("a")


def test_a_load_error_crosses_a_process_boundary() -> None:
    error = pickle.loads(pickle.dumps(LoadError("/in/a.txt", "record 2 has no text")))
    assert (error.path, error.reason, str(error)) == (
        "/in/a.txt",
        "record 2 has no text",
        "/in/a.txt: record 2 has no text",
    )
