"""Scoring against gold annotations: the README's rules on a small graph, then the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from spacy.language import Language

from actorgraph.graph.evaluate import Report, evaluate, format_report, load_gold
from actorgraph.graph.extraction.lexicon import load_lexicon
from actorgraph.graph.extraction.mentions import Extractor
from actorgraph.graph.model import build_graph
from actorgraph.loaders.document import Document
from actorgraph.loaders.registry import load_paths

REPO = Path(__file__).resolve().parents[2]
SHARED_GOLD = REPO.parent / "shared" / "eval" / "dev_gold.json"
TYPED_F1_TARGET = 0.90

GOLD = {
    "documents": [
        {"id": "d1", "file": "a.txt", "title": "First", "authors": [], "date": None},
        {"id": "d2", "file": "b.txt", "title": None, "authors": [], "date": None},
    ],
    "entities": [
        {
            "name": "Geoffrey Nice",
            "type": "Person",
            "alt_types": [],
            "aliases": ["Sir Geoffrey Nice QC", "Nice"],
            "docs": ["d1"],
        },
        {
            "name": "Taiwan",
            "type": "State",
            "alt_types": ["Region"],
            "aliases": ["Taiwan"],
            "docs": ["d1"],
        },
        {
            "name": "Myanmar",
            "type": "State",
            "alt_types": [],
            "aliases": ["Myanmar", "Burma"],
            "docs": ["d2"],
        },
        {
            "name": "Uyghur Tribunal",
            "type": "Tribunal",
            "alt_types": [],
            "aliases": ["Uyghur Tribunal"],
            "docs": ["d1"],
        },
        {
            "name": "Tatmadaw",
            "type": "Organisation",
            "alt_types": [],
            "aliases": ["Tatmadaw"],
            "docs": ["d2"],
        },
    ],
    "relations": [
        {
            "source": "Geoffrey Nice",
            "target": "Uyghur Tribunal",
            "kind": "CHAIRS",
            "doc": "d1",
            "evidence": "...",
        },
        {
            "source": "Tatmadaw",
            "target": "Myanmar",
            "kind": "LEADS",
            "doc": "d2",
            "evidence": "...",
        },
    ],
}


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("doc:1", label="Document", title="First", source="x/a.txt")
    g.add_node("doc:2", label="Document", title="Opening words", source="x/b.txt")
    g.add_node("doc:3", label="Document", title="Elsewhere", source="x/c.txt")

    def entity(node: str, label: str, name: str, aliases: list[str], docs: list[str]) -> None:
        g.add_node(node, label=label, name=name, aliases=aliases, documents=docs)

    entity("Person:geoffrey-nice", "Person", "Geoffrey Nice", ["Sir Geoffrey Nice QC"], ["doc:1"])
    entity("Region:taiwan", "Region", "Taiwan", ["Taiwan"], ["doc:1"])  # an alt type: right
    entity("Organisation:uyghur-tribunal", "Organisation", "Uyghur Tribunal", [], ["doc:1"])
    entity("State:myanmar", "State", "Myanmar", ["Myanmar"], ["doc:2"])
    entity("State:burma", "State", "Burma", ["Burma"], ["doc:2"])  # split from Myanmar
    entity("Organisation:junta", "Organisation", "Tatmadaw", ["Tatmadaw", "Nice"], ["doc:2"])
    entity("Person:someone", "Person", "Someone", ["Someone"], ["doc:1"])  # spurious
    entity("Person:outside", "Person", "Outside", [], ["doc:3"])  # out of scope
    g.add_edge("Person:geoffrey-nice", "Organisation:uyghur-tribunal", key="CHAIRS", type="CHAIRS")
    g.add_edge("State:burma", "Organisation:junta", key="CO_MENTIONED", type="CO_MENTIONED")
    return g


@pytest.fixture
def report(tmp_path: Path) -> Report:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), "utf-8")
    return evaluate(_graph(), load_gold(path))


def test_evaluate_matches_documents_by_file_and_title(report: Report) -> None:
    assert report.documents == {"d1": "doc:1", "d2": "doc:2"}


def test_evaluate_scopes_nodes_to_gold_documents(report: Report) -> None:
    assert report.nodes == 7


def test_evaluate_untyped_and_typed_scores(report: Report) -> None:
    # 6 of 7 nodes match some gold entity; all 5 gold entities are matched
    assert report.untyped.precision == pytest.approx(6 / 7, abs=1e-3)
    assert report.untyped.recall == 1.0
    # typed: the tribunal is typed Organisation (wrong); Taiwan as Region is an alt type.
    # Organisation:junta matches Tatmadaw (right type) and Nice (wrong type): still right.
    assert report.typed.recall == pytest.approx(4 / 5)
    assert report.typed.precision == pytest.approx(5 / 7, abs=1e-3)
    assert report.wrong_type == ["Tribunal Uyghur Tribunal: graph has Organisation"]


def test_evaluate_alias_merge_split_and_over_merge(report: Report) -> None:
    # several surface forms: Geoffrey Nice (its alias "Nice" also on the junta), Myanmar
    assert report.multi_form_entities == 2
    assert report.alias_merge_rate == 0.0
    assert report.split == [
        "Geoffrey Nice: Organisation:junta, Person:geoffrey-nice",
        "Myanmar: State:burma, State:myanmar",
    ]
    assert report.over_merged == ["Organisation:junta: Geoffrey Nice, Tatmadaw"]


def test_evaluate_relation_recall_needs_a_typed_link(report: Report) -> None:
    assert report.relation_recall == 0.5
    assert report.relations_missed == ["Tatmadaw -LEADS-> Myanmar"]  # co-mention is not enough
    assert report.relations_found[0].endswith("[graph: CHAIRS]")


def test_evaluate_report_lists_spurious(report: Report) -> None:
    text = format_report(report)
    assert "Person Someone" in text
    assert "Outside" not in text


@pytest.mark.slow
def test_evaluate_seeds_meet_the_quality_targets(nlp: Language) -> None:
    """The real pipeline on the seeds, scored on the shared gold: the issue's targets."""
    if not SHARED_GOLD.exists():
        pytest.skip(f"shared gold file not found at {SHARED_GOLD}")
    extractor = Extractor.__new__(Extractor)  # the session's pipeline, loaded once
    extractor.nlp, extractor.lexicon = nlp, load_lexicon()
    documents = [d for d in load_paths([REPO / "seeds"]) if isinstance(d, Document)]
    report = evaluate(build_graph(extractor.extract(documents)), load_gold(SHARED_GOLD))
    assert report.typed.f1 >= TYPED_F1_TARGET, format_report(report)
    assert report.alias_merge_rate >= 0.90, format_report(report)
    assert report.over_merged == [], format_report(report)
    assert report.relation_recall >= 0.60, format_report(report)


def test_cli_eval_reads_the_store_and_prints_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from actorgraph.graph.cli import main
    from actorgraph.graph.stores import open_store
    from actorgraph.graph.stores.rows import diff_graphs

    graph = nx.MultiDiGraph()
    graph.add_node(
        "doc:1",
        label="Document",
        key="a.txt#1",
        title="First",
        authors=[],
        date=None,
        date_iso=None,
        source="x/a.txt",
        bio=None,
    )
    graph.add_node(
        "Person:geoffrey-nice",
        label="Person",
        name="Geoffrey Nice",
        aliases=["Sir Geoffrey Nice QC"],
        documents=["doc:1"],
        mentions=1,
        date=None,
        note=None,
        degree=0,
        pagerank=0.0,
        betweenness=0.0,
        community=0,
    )
    graph.add_edge("doc:1", "Person:geoffrey-nice", key="MENTIONS", type="MENTIONS", count=1)
    store_dir = str(tmp_path / "store")
    store = open_store(store_dir)
    try:
        store.apply(diff_graphs(nx.MultiDiGraph(), graph))
    finally:
        store.close()
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(GOLD), "utf-8")

    assert main(["eval", str(gold_path), "--store", store_dir]) == 0
    out = capsys.readouterr().out
    assert "entities (typed)" in out and "relation recall" in out
    assert "Person Someone" not in out
    assert main(["eval", str(gold_path), "--store", store_dir, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["untyped"]["recall"] == pytest.approx(1 / 5)


def test_cli_eval_registers_its_options() -> None:
    import argparse

    from actorgraph.graph.cli import evaluate as command

    parser = argparse.ArgumentParser()
    command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["eval", "gold.json", "--store", "somewhere", "--json"])
    assert (args.gold, args.store, args.json, args.func) == (
        "gold.json",
        "somewhere",
        True,
        command.run,
    )
