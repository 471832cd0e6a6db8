"""Loader discovery by entry point, detection per file, and bad files reported, not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.loaders.document import Document, LoadError
from actorgraph.loaders.registry import (
    Loader,
    available_loaders,
    detect_loader,
    get_loader,
    iter_files,
    load_paths,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_both_builtin_loaders_come_from_entry_points():
    loaders = available_loaders()
    assert {"collection", "plaintext"} <= set(loaders)
    assert all(isinstance(loader, Loader) for loader in loaders.values())
    assert list(loaders)[-1] == "plaintext"  # the fallback is tried last


@pytest.mark.parametrize(
    ("name", "expected"),
    [("000_863e3a26629a42be.txt", "collection"), ("002_17305e8ac4772ffc.txt", "plaintext")],
)
def test_detection_picks_the_loader_per_file(name, expected):
    path = SEEDS / name
    assert detect_loader(path, path.read_text("utf-8")).name == expected


def test_plain_text_title_is_its_first_sentence_cut_at_a_word():
    (doc,) = load_paths([SEEDS / "002_17305e8ac4772ffc.txt"])
    assert isinstance(doc, Document)
    assert doc.title.startswith("If there is one positive outcome from the COVID-19 pandemic")
    assert len(doc.title) <= 120 and doc.title.endswith("increasing…")
    assert doc.authors == ()


def test_a_short_first_line_is_the_title(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Sanctions announced\n\nThe UK sanctioned four officials.", "utf-8")
    (doc,) = load_paths([path])
    assert doc.title == "Sanctions announced"


def test_forcing_a_loader_overrides_detection():
    docs = list(load_paths([SEEDS / "000_863e3a26629a42be.txt"], loader="plaintext"))
    assert len(docs) == 1 and docs[0].loader == "plaintext"
    with pytest.raises(KeyError, match="no loader named 'nope'"):
        get_loader("nope")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        (b"caf\xe9 au lait", "not UTF-8 text"),
    ],
)
def test_a_bad_file_is_reported_with_its_path_and_reason_and_the_rest_loads(
    tmp_path, content, reason
):
    (tmp_path / "a_good.txt").write_text("A good article. It names China.", "utf-8")
    bad = tmp_path / "b_bad.txt"
    bad.write_bytes(content)
    (tmp_path / "c_good.txt").write_text("Another article about Tibet.", "utf-8")
    items = list(load_paths([tmp_path]))
    errors = [i for i in items if isinstance(i, LoadError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 2
    assert len(errors) == 1
    assert errors[0].path == str(bad)
    assert reason in str(errors[0]) and str(bad) in str(errors[0])


def test_directories_are_walked_recursively_skipping_hidden_files(tmp_path):
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "x.txt").write_text("x", "utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "y.txt").write_text("y", "utf-8")
    (tmp_path / "z.md").write_text("z", "utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["deep/er/x.txt", "z.md"]


def test_a_missing_path_is_a_load_error(tmp_path):
    (item,) = load_paths([tmp_path / "nope.txt"])
    assert isinstance(item, LoadError) and "no such file" in str(item)
