"""The whole pipeline on the real parts: seeds -> spaCy -> graph -> LadybugDB -> export."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from actorgraph.graph.cli import main
from actorgraph.graph.exports.node_link import from_node_link, to_node_link
from actorgraph.graph.pipeline import build
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.graph.stores.rows import diff_graphs

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seeds_graph(seeds_store_path: Path) -> nx.MultiDiGraph:
    with LadybugStore(seeds_store_path, read_only=True) as store:
        return store.read_graph()


def entity(graph: nx.MultiDiGraph, name: str) -> dict:
    found = [a for _, a in graph.nodes(data=True) if a.get("name") == name]
    assert found, f"{name!r} is not in the graph"
    assert len(found) == 1, f"{name!r} is on {len(found)} nodes"
    return found[0]


@pytest.mark.parametrize(
    ("name", "label", "alias"),
    [
        ("Geoffrey Nice", "Person", "Sir Geoffrey Nice QC"),
        ("Xinjiang", "Region", "Xinjiang"),
        ("Trade Bill", "Bill", "Trade Bill"),
        ("Uyghurs", "Group", "Uyghurs"),
        ("Uyghur Tribunal", "Tribunal", "Uyghur Tribunal"),
        ("China", "State", "China"),
        ("Chinese Communist Party", "Organisation", "CCP"),
        ("Xi Jinping", "Person", "Xi Jinping"),
    ],
)
def test_known_entities_have_the_right_type_and_aliases(seeds_graph, name, label, alias):
    attrs = entity(seeds_graph, name)
    assert attrs["label"] == label
    assert alias in attrs["aliases"]
    assert attrs["documents"] and attrs["mentions"] >= len(attrs["documents"])


def test_documents_authors_and_links_follow_the_contract(seeds_graph):
    documents = [a for _, a in seeds_graph.nodes(data=True) if a["label"] == "Document"]
    assert len(documents) == 11
    wrote = {(u, v) for u, v, k in seeds_graph.edges(keys=True) if k == "WROTE"}
    assert sum(u == "Person:benedict-rogers" for u, _ in wrote) == 4
    for u, v, key, attrs in seeds_graph.edges(keys=True, data=True):
        if key == "CO_MENTIONED":
            assert u < v
            assert attrs["weight"] == len(attrs["evidence"]) >= 1


def test_evidence_offsets_point_at_the_sentence_in_its_document(seeds_graph):
    from actorgraph.loaders.document import Document
    from actorgraph.loaders.registry import load_paths

    texts = {d.id: d.text for d in load_paths([SEEDS]) if isinstance(d, Document)}
    checked = 0
    for _, _, attrs in seeds_graph.edges(data=True):
        for evidence in attrs.get("evidence", []):
            assert texts[evidence.document][evidence.start : evidence.end] == evidence.text
            checked += 1
    assert checked > 500


def test_a_rebuild_adds_nothing(seeds_store_path, seeds_graph, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(seeds_store_path, copy)
    with LadybugStore(copy) as store:
        report = build([SEEDS], store, workers=1)
        again = store.read_graph()
    assert (report.added, report.unchanged, report.rows_written) == (0, 11, 0)
    assert not len(diff_graphs(seeds_graph, again))
    assert again.number_of_edges() == seeds_graph.number_of_edges()


def test_bad_files_are_skipped_and_counted_and_the_rest_builds(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / "002_17305e8ac4772ffc.txt", corpus / "good.txt")
    (corpus / "empty.txt").write_text("", "utf-8")
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (corpus / "latin1.txt").write_bytes("Le caf\xe9 de Gen\xe8ve".encode("latin-1"))
    status = main(["build", str(corpus), "--store", str(tmp_path / "store")])
    out, err = capsys.readouterr()
    assert status == 0
    assert "1 added" in out and "3 skipped" in out
    for name, reason in [("empty.txt", "empty"), ("image.png", "binary"), ("latin1.txt", "UTF-8")]:
        line = next(line for line in err.splitlines() if name in line)
        assert reason in line and str(corpus / name) in line


def test_a_changed_document_replaces_its_old_version(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "a.txt"
    article.write_text("Sanctions on Myanmar.\n\nThe United States sanctioned Myanmar.", "utf-8")
    with LadybugStore(tmp_path / "store") as store:
        first = build([corpus], store, workers=1)
        article.write_text(
            "Sanctions on Belarus.\n\nThe United States sanctioned Belarus.", "utf-8"
        )
        second = build([corpus], store, workers=1)
        graph = store.read_graph()
    assert (first.added, second.added, second.replaced) == (1, 0, 1)
    names = {a["name"] for _, a in graph.nodes(data=True) if a["label"] != "Document"}
    assert "Belarus" in names and "Myanmar" not in names
    assert sum(a["label"] == "Document" for _, a in graph.nodes(data=True)) == 1


@pytest.mark.parametrize("fault", ["journal.published:1", "ladybug.commit:before:1"])
def test_a_write_killed_midway_is_completed_by_a_build_of_other_files(fault, tmp_path):
    """The everyday sequence after a crash: the next build is of today's new file, not of
    the interrupted input; the journal makes it complete the interrupted write first."""
    seeds, today = tmp_path / "seeds", tmp_path / "today"
    seeds.mkdir()
    today.mkdir()
    shutil.copy(SEEDS / "000_863e3a26629a42be.txt", seeds)  # a collection of ten articles
    (today / "new.txt").write_text("Sanctions.\n\nThe United States sanctioned Belarus.", "utf-8")
    env = {**os.environ, "ACTORGRAPH_FAULT": fault}
    killed = subprocess.run(
        [
            str(Path(sys.executable).with_name("actorgraph")),
            "build",
            str(seeds),
            "--store",
            str(tmp_path / "store"),
            "--workers",
            "1",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with LadybugStore(tmp_path / "store") as store:
        report = build([today], store, workers=1)
        healed = store.read_graph()
    with LadybugStore(tmp_path / "clean") as store:
        first = build([seeds], store, workers=1)
        build([today], store, workers=1)
        clean = store.read_graph()
    assert len(report.recovered) == first.added == 10
    assert not len(diff_graphs(clean, healed))


def test_export_json_round_trips_and_follows_the_contract(seeds_store_path, seeds_graph, tmp_path):
    out = tmp_path / "graph.json"
    assert main(["export", "--format", "json", str(out), "--store", str(seeds_store_path)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert {"nodes", "edges"} <= set(data)
    node = next(n for n in data["nodes"] if n["id"] == "Person:geoffrey-nice")
    assert {"id", "label", "name", "aliases", "documents"} <= set(node)
    doc = next(n for n in data["nodes"] if n["label"] == "Document")
    assert {"id", "title", "authors", "date", "source"} <= set(doc)
    edge = next(e for e in data["edges"] if e["type"] == "CO_MENTIONED")
    assert {"source", "target", "type", "weight", "evidence"} <= set(edge)
    assert set(edge["evidence"][0]) == {"document", "text", "start", "end", "sentence"}
    back = from_node_link(data)
    assert not len(diff_graphs(seeds_graph, back))
    assert to_node_link(back) == data


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_are_readable_by_networkx(seeds_store_path, seeds_graph, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    # networkx reads no mixed graph: --directed writes co-mentions directed too
    assert main(["export", str(out), "--directed", "--store", str(seeds_store_path)]) == 0
    read = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert read.number_of_nodes() == seeds_graph.number_of_nodes()
    assert read.number_of_edges() == seeds_graph.number_of_edges()


def test_a_store_inside_the_folder_built_is_not_read_as_input(tmp_path):
    """Its journal lines and search index files would read as documents."""
    (tmp_path / "a.txt").write_text("Sanctions.\n\nThe United States sanctioned Belarus.", "utf-8")
    with LadybugStore(tmp_path / "actorgraph-data") as store:
        first = build([tmp_path], store, workers=1)
        second = build([tmp_path], store, workers=1)
    assert (first.added, second.added, second.unchanged, second.skipped) == (1, 0, 1, [])
