"""The JSON export contract: its fields, and any text kept exactly through a file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from generated import graphs, round_trips
from hypothesis import given

from actorgraph.graph.exports.node_link import from_node_link, to_node_link, write_json

sys.path.insert(0, str(Path(__file__).parents[1] / "stores"))
from sample_graph import TRIBUNAL_SENTENCE, small_graph


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
        }
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
