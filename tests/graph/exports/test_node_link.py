"""The JSON export contract: its fields, and any text kept exactly through a file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from generated import graphs, round_trips
from hypothesis import given

from actorgraph.graph.cli import main
from actorgraph.graph.exports.node_link import from_node_link, to_node_link, write_json
from actorgraph.graph.stores.ladybug import LadybugStore

sys.path.insert(0, str(Path(__file__).parents[1] / "stores"))
from sample_graph import DETAINED_SENTENCE, DOC1, DOC2, TRIBUNAL_SENTENCE, small_graph


def test_node_link_keeps_the_contract_fields(tmp_path: Path) -> None:
    """DESIGN.md's contract: JSON ``label`` stays the type (only GraphML/GEXF name nodes)."""
    data = json.loads(write_json(small_graph(), tmp_path / "g.json")[0].read_text("utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    nice = nodes["Person:geoffrey-nice"]
    assert (nice["label"], nice["name"]) == ("Person", "Geoffrey Nice")
    assert nice["aliases"] == ["Geoffrey Nice", "Sir Geoffrey Nice"]
    assert nice["documents"] == ["doc:00000000000000a1"]
    document = nodes["doc:00000000000000a1"]
    assert {k: document[k] for k in ("label", "title", "authors", "source")} == {
        "label": "Document",
        "title": "Tribunal rules",
        "authors": ["Ann Writer"],
        "source": "seeds/a.txt",
    }
    chairs = next(e for e in data["edges"] if e["type"] == "CHAIRS")
    assert chairs["source"] == "Person:geoffrey-nice" and chairs["weight"] == 1
    assert chairs["evidence"] == [
        {
            "document": "doc:00000000000000a1",
            "text": TRIBUNAL_SENTENCE,
            "start": 0,
            "end": len(TRIBUNAL_SENTENCE),
            "sentence": "doc:00000000000000a1:0",
        }
    ]


def test_node_link_lists_each_cited_sentence_once_without_a_store(tmp_path: Path) -> None:
    """A graph made in memory: its ``sentences`` are those its links cite, each once."""
    data = json.loads(write_json(small_graph(), tmp_path / "g.json")[0].read_text("utf-8"))
    assert data["sentences"] == [
        {"id": f"{DOC1}:0", "document": DOC1, "index": 0, "start": 0,
         "end": len(TRIBUNAL_SENTENCE), "text": TRIBUNAL_SENTENCE},
        {"id": f"{DOC2}:1", "document": DOC2, "index": 1, "start": 10,
         "end": 10 + len(DETAINED_SENTENCE), "text": DETAINED_SENTENCE},
    ]  # fmt: skip


def test_node_link_reads_an_export_made_before_sentence_ids(tmp_path: Path) -> None:
    """Without ``sentence`` ids, each document's evidence is numbered in text order, so a
    sentence cited by two links is one sentence."""
    data = json.loads(write_json(small_graph(), tmp_path / "g.json")[0].read_text("utf-8"))
    del data["sentences"]
    for edge in data["edges"]:
        for item in edge.get("evidence", ()):
            del item["sentence"]
    graph = from_node_link(data)
    cited = {e for *_, a in graph.edges(data=True) for e in a.get("evidence", ())}
    assert sorted((e.sentence, e.start, e.text) for e in cited) == [
        (f"{DOC1}:0", 0, TRIBUNAL_SENTENCE),
        (f"{DOC2}:0", 10, DETAINED_SENTENCE),
    ]


def test_node_link_lists_nodes_and_edges_sorted(tmp_path: Path) -> None:
    data = json.loads(write_json(small_graph(), tmp_path / "g.json")[0].read_text("utf-8"))
    ids = [n["id"] for n in data["nodes"]]
    edges = [(e["source"], e["target"], e["type"]) for e in data["edges"]]
    assert ids == sorted(ids) and edges == sorted(edges)


@pytest.mark.parametrize("text", ["\udcff", "a\ud800b", "\x00\x0b\x0c\u241f\r\n"])
def test_node_link_writes_any_string_as_utf8_json(tmp_path: Path, text: str) -> None:
    """A lone surrogate (a non-UTF-8 file name) is written as its escape, not a crash."""
    graph = small_graph()
    graph.nodes["doc:00000000000000a1"]["source"] = f"seeds/{text}.txt"
    path = write_json(graph, tmp_path / "g.json")[0]
    data = json.loads(path.read_bytes().decode("utf-8"))  # strict UTF-8
    source = next(n["source"] for n in data["nodes"] if n["id"] == "doc:00000000000000a1")
    assert source == f"seeds/{text}.txt"


@round_trips
@given(graph=graphs())
def test_node_link_round_trips_any_text(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    """The file reads back as the contract data and the graph. (A high surrogate followed
    by a low one reads back as the character they pair into: JSON has no other spelling.)"""
    path = write_json(graph, tmp_path / "g.json")[0]
    data = json.loads(path.read_bytes().decode("utf-8"))
    assert data == json.loads(json.dumps(to_node_link(graph)))
    back = from_node_link(data)
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))
    assert to_node_link(back) == data


def test_node_link_of_the_seeds_lists_every_stored_sentence_once(
    seeds_store_path: Path, tmp_path: Path
) -> None:
    """Through the CLI: every stored sentence once, also those naming one actor, and each
    link's evidence is the text of the sentences it cites."""
    path = tmp_path / "seeds.json"
    assert main(["export", str(path), "--store", str(seeds_store_path)]) == 0
    data = json.loads(path.read_text("utf-8"))
    with LadybugStore(seeds_store_path, read_only=True) as store:
        stored = store.query(
            "MATCH (s:Sentence)-[:FROM_DOCUMENT]->(d:Document) RETURN s.id, s.text, d.id"
        ).rows
    sentences = {s["id"]: s for s in data["sentences"]}
    assert len(sentences) == len(data["sentences"]) == len(stored)
    assert {sid: (text, doc) for sid, text, doc in stored} == {
        sid: (s["text"], s["document"]) for sid, s in sentences.items()
    }
    cited = {e["sentence"] for edge in data["edges"] for e in edge.get("evidence", ())}
    assert cited < set(sentences)  # some sentences name one actor only
    for edge in data["edges"]:
        for item in edge.get("evidence", ()):
            sentence = sentences[item["sentence"]]
            assert (item["document"], item["text"], item["start"], item["end"]) == (
                sentence["document"], sentence["text"], sentence["start"], sentence["end"]
            )  # fmt: skip
            assert item["end"] - item["start"] == len(item["text"])


def test_node_link_read_back_keeps_the_sentences_no_link_cites() -> None:
    lonely = {"id": f"{DOC1}:7", "document": DOC1, "index": 7, "start": 300, "end": 310,
              "text": "Alone here."}  # fmt: skip
    data = to_node_link(small_graph(), [*to_node_link(small_graph())["sentences"], lonely])
    assert lonely in data["sentences"]
    assert to_node_link(from_node_link(data)) == data
