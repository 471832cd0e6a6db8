"""Incremental and parallel builds: workers change nothing in the graph, new documents only."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from actorgraph.graph import pipeline
from actorgraph.graph.pipeline import AUTO_PARALLEL_BYTES, _read_ahead, build
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.graph.stores.rows import diff_graphs
from actorgraph.loaders.document import Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLE = "Sanctions on Belarus.\n\nThe United States sanctioned Belarus over the election."


@pytest.fixture(scope="module")
def seeds_graph(seeds_store_path: Path) -> nx.MultiDiGraph:
    with LadybugStore(seeds_store_path, read_only=True) as store:
        return store.read_graph()


def make_documents(sizes: list[int]) -> list[Document]:
    return [Document(f"doc:{n}", f"k{n}", "s", "t", "x" * size) for n, size in enumerate(sizes)]


def test_read_ahead_stops_once_the_limit_is_reached_and_keeps_the_rest() -> None:
    documents = iter(make_documents([40, 40, 40, 40]))
    ahead, total = _read_ahead(documents, 70)
    assert [d.id for d in ahead] == ["doc:0", "doc:1"] and total == 80
    assert [d.id for d in documents] == ["doc:2", "doc:3"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_large_input_is_parsed_in_workers_that_build_the_same_graph(
    workers, seeds_graph, tmp_path, monkeypatch
):
    """Even one worker is a process of its own when the input is large; the seeds store
    (parsed in-process) is the reference."""
    monkeypatch.setattr(pipeline, "AUTO_PARALLEL_BYTES", 0)  # the seeds count as large
    monkeypatch.setattr(pipeline, "Extractor", None)  # loading a pipeline here would fail
    with LadybugStore(tmp_path / "store") as store:
        report = build([SEEDS], store, workers=workers, batch_size=4)
        graph = store.read_graph()
    assert report.workers == workers and report.added == 11
    assert not len(diff_graphs(seeds_graph, graph))


def test_adding_one_document_adds_exactly_it_on_one_worker(seeds_store_path, seeds_graph, tmp_path):
    store_copy = tmp_path / "store"
    shutil.copytree(seeds_store_path, store_copy)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "belarus.txt").write_text(ARTICLE, "utf-8")
    assert len(ARTICLE) < AUTO_PARALLEL_BYTES
    with LadybugStore(store_copy) as store:
        report = build([SEEDS, extra], store)  # default worker count: sized by what is new
        graph = store.read_graph()
    assert (report.added, report.unchanged, report.workers) == (1, 11, 1)
    documents = {n for n, a in graph.nodes(data=True) if a["label"] == "Document"}
    before = {n for n, a in seeds_graph.nodes(data=True) if a["label"] == "Document"}
    assert len(documents - before) == 1 and before <= documents
    assert "State:belarus" in graph


def test_replacing_a_document_gives_the_graph_a_full_build_gives(tmp_path):
    """A changed article takes back all its old mentions and evidence: the incremental
    store ends up exactly as a store built from scratch on the changed corpus."""
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    with LadybugStore(tmp_path / "store") as store:
        build([corpus], store, workers=1)
        article = corpus / "002_17305e8ac4772ffc.txt"
        article.chmod(0o644)
        text = article.read_text("utf-8").replace("Sir Geoffrey Nice QC", "Sir Hugh Orde")
        article.write_text(text + "\n\nBenedict Rogers met Nus Ghani in Geneva.\n", "utf-8")
        report = build([corpus], store, workers=1)
        incremental = store.read_graph()
    with LadybugStore(tmp_path / "fresh") as store:
        build([corpus], store, workers=1)
        fresh = store.read_graph()
    assert (report.replaced, report.added, report.unchanged) == (1, 0, 10)
    assert "Person:hugh-orde" in incremental
    assert not len(diff_graphs(fresh, incremental))
