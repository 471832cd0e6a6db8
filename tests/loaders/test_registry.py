"""Loader discovery by entry point, detection per file, and bad files reported, not fatal."""

from __future__ import annotations

import os
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from records_loader import RecordsLoader

from actorgraph.loaders import registry
from actorgraph.loaders.document import Document, LoadError
from actorgraph.loaders.registry import (
    Loader,
    available_loaders,
    detect_loader,
    get_loader,
    iter_files,
    load_paths,
    register_loader,
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
        (b"  \n\n", "empty (whitespace only)"),
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


def test_a_registered_loader_is_tried_in_priority_order(records_loader):
    assert list(available_loaders())[:2] == ["records", "collection"]
    assert get_loader("records") is records_loader
    with pytest.raises(ValueError, match="already registered"):
        register_loader(RecordsLoader())
    with pytest.raises(TypeError, match="not an actorgraph loader"):
        register_loader(object())  # type: ignore[arg-type]


def test_one_bad_record_ends_only_that_record(tmp_path, records_loader):
    path = tmp_path / "a.rec"
    path.write_text("One|China sanctioned.\nbad\nThree|Tibet was named.\n", "utf-8")
    items = list(load_paths([path]))
    assert [type(i).__name__ for i in items] == ["Document", "LoadError", "Document"]
    assert [i.title for i in items if isinstance(i, Document)] == ["One", "Three"]
    assert str(items[1]) == f"{path}: record 2 has no text"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            "One|ok\nBOOM|x\nThree|lost\n",
            "loader 'records' failed: ZeroDivisionError: division by zero in record parser",
        ),
        ("DETECT-BUG\n", "loader 'records' failed to detect: RuntimeError: detector tripped"),
        ("not-a-document\n", "loader 'records' yielded a dict, not a Document"),
    ],
    ids=["raises-in-load", "raises-in-detect", "yields-garbage"],
)
def test_a_failing_loader_is_reported_with_its_file_and_name_and_the_rest_loads(
    tmp_path, records_loader, content, reason
):
    (tmp_path / "a.txt").write_text("A plain article about Myanmar.", "utf-8")
    bad = tmp_path / "b.rec"
    bad.write_text(content, "utf-8")
    (tmp_path / "c.txt").write_text("Another article about Tibet.", "utf-8")
    items = list(load_paths([tmp_path]))
    errors = [i for i in items if isinstance(i, LoadError)]
    assert [(e.path, e.reason) for e in errors] == [(str(bad), reason)]
    titles = {i.title for i in items if isinstance(i, Document)}
    assert {"A plain article about Myanmar.", "Another article about Tibet."} <= titles
    assert "lost" not in titles


def test_a_path_that_is_not_utf8_becomes_valid_text_whatever_the_loader(tmp_path, records_loader):
    raw = os.fsencode(tmp_path) + b"/bad\xffname.rec"
    with open(raw, "wb") as handle:
        handle.write(b"One|China sanctioned.\n")
    (doc,) = load_paths([tmp_path])
    assert isinstance(doc, Document)
    assert doc.source == str(tmp_path) + "/bad\\xffname.rec"
    assert doc.key == doc.source + "#1"
    doc.source.encode("utf-8")  # a store can hold it


@pytest.mark.parametrize(
    ("front", "year", "date", "iso"),
    [
        ("", None, "1 Feb", None),
        ("", 2021, "1 Feb", "2021-02-01"),
        ("year: 2020\n", None, "1 Feb", "2020-02-01"),
        ("year: 2020\n", 2021, "1 Feb", "2020-02-01"),  # the file's own year wins
    ],
)
def test_the_year_comes_from_the_file_or_the_run_never_from_nowhere(
    tmp_path, front, year, date, iso
):
    path = tmp_path / "c.txt"
    path.write_text(front + "Ann Smith: A title\n1 Feb\n\nAnn Smith writes.\n\nBody.\n", "utf-8")
    (doc,) = load_paths([path], year=year)
    assert (doc.date, doc.date_iso) == (date, iso)
    assert doc.title == "A title"


def test_a_date_line_dates_a_plain_text_and_a_new_year_makes_a_new_id(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("date: 7 Dec\n\nThe UK sanctioned four officials.", "utf-8")
    (undated,) = load_paths([path])
    (dated,) = load_paths([path], year=2021)
    assert (undated.date, undated.date_iso) == ("7 Dec", None)
    assert (dated.date, dated.date_iso) == ("7 Dec", "2021-12-07")
    assert dated.text == undated.text == "The UK sanctioned four officials."
    assert dated.key == undated.key and dated.id != undated.id  # a rebuild replaces it


def test_a_file_of_only_date_lines_is_reported_empty(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("year: 2021\n\n", "utf-8")
    (item,) = load_paths([path])
    assert isinstance(item, LoadError) and "empty" in item.reason


@pytest.mark.parametrize(
    ("value", "warning"),
    [
        ("no_such_plugin.loader:Loader", "cannot be loaded, skipped: ModuleNotFoundError"),
        ("pathlib:Path", "is not an actorgraph loader"),
    ],
)
def test_a_broken_plugin_is_skipped_with_a_warning_and_the_others_load(monkeypatch, value, warning):
    group = registry.ENTRY_POINT_GROUP
    real = list(registry.entry_points(group=group))
    broken = EntryPoint("broken", value, group)
    monkeypatch.setattr(registry, "entry_points", lambda group: [broken, *real])
    registry._entry_point_loaders.cache_clear()
    try:
        with pytest.warns(UserWarning, match=f"'broken' \\({value}\\) {warning}"):
            names = list(available_loaders())
    finally:
        registry._entry_point_loaders.cache_clear()
    assert names == ["collection", "plaintext"]
