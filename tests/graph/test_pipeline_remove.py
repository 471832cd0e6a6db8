"""``actorgraph remove``: a document taken out leaves the graph of a build without it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from actorgraph.graph.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
COLLECTION = "000_863e3a26629a42be.txt"  # ten articles
SINGLE = "002_17305e8ac4772ffc.txt"


def export(store: Path, out: Path) -> dict:
    assert main(["export", "--format", "json", str(out), "--store", str(store)]) == 0
    return json.loads(out.read_text("utf-8"))


def test_removing_a_document_restores_the_graph_of_a_build_without_it(tmp_path: Path) -> None:
    both, alone = tmp_path / "both", tmp_path / "alone"
    both.mkdir()
    alone.mkdir()
    for name in (COLLECTION, SINGLE):
        shutil.copy(SEEDS / name, both)
    shutil.copy(SEEDS / COLLECTION, alone)
    assert main(["build", str(both), "--store", str(tmp_path / "s1"), "--quiet"]) == 0
    assert main(["remove", str(both / SINGLE), "--store", str(tmp_path / "s1")]) == 0
    assert main(["build", str(alone), "--store", str(tmp_path / "s2"), "--quiet"]) == 0
    removed = export(tmp_path / "s1", tmp_path / "removed.json")
    clean = export(tmp_path / "s2", tmp_path / "clean.json")
    # the source paths (and keys, made of them) differ between the corpora; nothing else may
    for data in (removed, clean):
        for node in data["nodes"]:
            node.pop("source", None)
            node.pop("key", None)
    assert removed == clean


def test_remove_names_what_it_cannot_find(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(SEEDS / SINGLE, corpus)
    store = str(tmp_path / "s")
    assert main(["build", str(corpus), "--store", store, "--quiet"]) == 0
    capsys.readouterr()
    assert main(["remove", "doc:0000000000000000", "--store", store]) == 1
    assert "no stored document is 'doc:0000000000000000'" in capsys.readouterr().err
