"""What loaders feed a real build (`actorgraph build`, the real model, the embedded store):
names that are not UTF-8, and loaders that fail, never stop it or leave the store stuck."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

from actorgraph.graph.cli import main
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL
from actorgraph.graph.stores import open_store

pytestmark = pytest.mark.skipif(
    not spacy.util.is_package(DEFAULT_MODEL), reason=f"spaCy model {DEFAULT_MODEL} not installed"
)


def build(paths: list[Path], store: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["build", *map(str, paths), "--store", str(store)])
    out, err = capsys.readouterr()
    return status, out + err


def stored_documents(store: Path) -> dict[str, dict]:
    reader = open_store(str(store), read_only=True)
    try:
        graph = reader.read_graph()
    finally:
        reader.close()
    return {a["title"]: a for _, a in graph.nodes(data=True) if a["label"] == "Document"}


def test_a_file_name_that_is_not_utf8_builds_and_rebuilds(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/bad\xffname.txt", "wb") as handle:
        handle.write(b"Sanctions on Myanmar\n\nThe United Kingdom sanctioned the Tatmadaw.")
    (corpus / "good.txt").write_text("Tibet\n\nChina repressed Tibetans in Lhasa.", "utf-8")
    store = tmp_path / "store"
    status, first = build([corpus], store, capsys)
    assert status == 0, first
    assert "2 added" in first and "0 skipped" in first
    status, second = build([corpus], store, capsys)
    assert status == 0, second
    assert "0 added, 0 replaced, 2 unchanged" in second
    sources = {title: doc["source"] for title, doc in stored_documents(store).items()}
    assert sources["Sanctions on Myanmar"] == f"{corpus}/bad\\xffname.txt"


def test_a_loader_that_fails_costs_its_file_and_its_bad_records_only(
    tmp_path, capsys, records_loader
):
    (tmp_path / "a.rec").write_text(
        "Sanctions|The United Kingdom sanctioned the Tatmadaw.\n"
        "bad\n"
        "Tribunal|The Uyghur Tribunal heard Geoffrey Nice.\n",
        "utf-8",
    )
    (tmp_path / "b.rec").write_text("Lost|China.\nBOOM\n", "utf-8")
    (tmp_path / "c.txt").write_text("Tibet\n\nChina repressed Tibetans in Lhasa.", "utf-8")
    store = tmp_path / "store"
    status, output = build([tmp_path / name for name in ("a.rec", "b.rec", "c.txt")], store, capsys)
    assert status == 0, output
    assert f"skipped {tmp_path / 'a.rec'}: record 2 has no text" in output
    assert (
        f"skipped {tmp_path / 'b.rec'}: loader 'records' failed: ZeroDivisionError: "
        "division by zero in record parser" in output
    )
    assert "4 added" in output and "2 skipped" in output
    titles = stored_documents(store)  # what a loader yielded before it failed is kept
    assert {"Sanctions", "Tribunal", "Lost", "Tibet"} == set(titles)
    assert {titles[t]["source"] for t in ("Sanctions", "Tribunal")} == {str(tmp_path / "a.rec")}
