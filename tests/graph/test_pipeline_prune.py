"""Documents whose source is gone: reported by every build, removed by ``build --prune``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy

from actorgraph.graph.cli import main
from actorgraph.graph.exports.node_link import to_node_link
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL, Extractor
from actorgraph.graph.pipeline import build
from actorgraph.graph.stores.ladybug import LadybugStore

ARTICLES = {
    "belarus.txt": "Sanctions on Belarus.\n\nThe United States sanctioned Belarus over the vote.",
    "myanmar.txt": "Coup in Myanmar.\n\nMin Aung Hlaing detained Aung San Suu Kyi in Naypyidaw.",
    "uyghurs.txt": "Uyghur Tribunal.\n\nGeoffrey Nice chaired the Uyghur Tribunal in London.",
    "hongkong.txt": "Hong Kong Watch.\n\nBenedict Rogers founded Hong Kong Watch in London.",
}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    if not spacy.util.is_package(DEFAULT_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_MODEL} is not installed")
    return Extractor()


def write_corpus(root: Path, articles: dict[str, str]) -> Path:
    for name, text in articles.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root


def exported(store_path: Path) -> dict:
    """The JSON export, order-free: nodes by id, edges by ends and type."""
    with LadybugStore(store_path, read_only=True) as store:
        data = to_node_link(store.read_graph())
    nodes = sorted(data["nodes"], key=lambda n: n["id"])
    edges = sorted(data["edges"], key=lambda e: (e["source"], e["target"], e["type"]))
    return {"nodes": nodes, "edges": edges}


def test_gone_documents_are_reported_then_pruned_to_what_a_clean_build_gives(
    tmp_path, extractor, capsys
) -> None:
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    store = tmp_path / "store"
    with LadybugStore(store) as opened:
        assert build([corpus], opened, extractor=extractor).added == 4
    (corpus / "belarus.txt").unlink()  # deleted
    edited = (corpus / "myanmar.txt").read_text("utf-8").replace("Naypyidaw", "Yangon")
    (corpus / "myanmar.txt").unlink()
    (corpus / "burma.txt").write_text(edited, "utf-8")  # renamed and edited
    (corpus / "archive").mkdir()
    (corpus / "hongkong.txt").rename(corpus / "archive" / "hongkong.txt")  # moved, unchanged

    with LadybugStore(store) as opened:
        report = build([corpus], opened, extractor=extractor)
        kept = opened.read_graph()
    assert (report.added, report.unchanged, report.moved) == (1, 2, 1)
    assert sorted(Path(d.source).name for d in report.gone) == ["belarus.txt", "myanmar.txt"]
    assert not report.pruned and "State:belarus" in kept  # reported, not removed

    assert main(["build", str(corpus), "--store", str(store), "--prune"]) == 0
    out, err = capsys.readouterr()
    assert "2 removed (source gone)" in out
    assert sum(line.startswith("removed: ") for line in err.splitlines()) == 2

    clean = tmp_path / "clean"
    with LadybugStore(clean) as opened:
        build([corpus], opened, extractor=extractor)
    assert exported(store) == exported(clean)


def test_a_build_of_another_folder_judges_nothing_outside_it(tmp_path, extractor) -> None:
    first = write_corpus(tmp_path / "first", dict(list(ARTICLES.items())[:2]))
    second = write_corpus(tmp_path / "second", dict(list(ARTICLES.items())[2:]))
    with LadybugStore(tmp_path / "store") as opened:
        build([first], opened, extractor=extractor)
        shutil.rmtree(first)  # gone, but this build does not cover it
        report = build([second], opened, extractor=extractor, prune=True)
        graph = opened.read_graph()
    assert (report.added, report.gone) == (2, [])
    assert sum(a["label"] == "Document" for _, a in graph.nodes(data=True)) == 4


def test_an_unreadable_file_keeps_its_documents(tmp_path, extractor) -> None:
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    with LadybugStore(tmp_path / "store") as opened:
        build([corpus], opened, extractor=extractor)
        (corpus / "belarus.txt").write_bytes(b"\x00\x01 binary now")
        report = build([corpus], opened, extractor=extractor, prune=True)
        graph = opened.read_graph()
    assert len(report.skipped) == 1 and report.gone == []
    assert "State:belarus" in graph
