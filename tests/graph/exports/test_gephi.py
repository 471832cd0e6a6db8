"""GraphML and GEXF as Gephi reads them, and as networkx reads them back.

Each file is checked twice: by the rules Gephi's importers rely on (gephi_rules, on the
parsed XML), and by reading it with networkx and comparing the meaningful fields with
the graph that was written, for crafted graphs, generated text and the seeds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
import pytest
from generated import graphs, round_trips
from gephi_rules import Edge, Node, check_gexf, check_graphml
from hypothesis import given

from actorgraph.graph.cli import main
from actorgraph.graph.exports.gexf import write_gexf
from actorgraph.graph.exports.graphml import write_graphml
from actorgraph.graph.exports.text import xml_text
from actorgraph.graph.stores.ladybug import LadybugStore

sys.path.insert(0, str(Path(__file__).parents[1] / "stores"))
from sample_graph import DETAINED_SENTENCE, DOC2, small_graph


class Format(NamedTuple):
    name: str
    write: Callable[..., list[Path]]
    check: Callable[[Path], tuple[list[Node], list[Edge]]]
    read: Callable[[Path], nx.Graph]


FORMATS = [
    Format("graphml", write_graphml, check_graphml, nx.read_graphml),
    Format("gexf", write_gexf, check_gexf, nx.read_gexf),
]
IDS = [f.name for f in FORMATS]


def joined(items: list[str]) -> str:
    return " | ".join(xml_text(item) for item in sorted(items))


def expected_node(attrs: dict[str, Any]) -> dict[str, Any]:
    """The documented layout: label = name (a document's title), kind = type."""
    name = attrs["name"] if attrs["label"] != "Document" else attrs["title"]
    fields: dict[str, Any] = {"label": xml_text(name), "kind": attrs["label"]}
    if attrs.get("aliases"):
        fields["aliases"] = joined(attrs["aliases"])
    return fields


def expected_edge(key: str, attrs: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {"relation": key}
    if attrs.get("evidence"):
        fields["evidence_texts"] = " | ".join(xml_text(e.text) for e in sorted(attrs["evidence"]))
        fields["weight"] = attrs["weight"]
    return fields


def assert_same_meaning(graph: nx.MultiDiGraph, read: nx.Graph) -> None:
    """networkx's reading of the file holds each node's and edge's meaningful fields."""
    assert sorted(read.nodes) == sorted(graph.nodes)
    for node, attrs in graph.nodes(data=True):
        want = expected_node(attrs)
        assert {k: read.nodes[node].get(k) for k in want} == want
    written = {(s, t, a["relation"]): a for s, t, a in read.edges(data=True)}
    assert len(written) == read.number_of_edges() == graph.number_of_edges()
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        want = expected_edge(key, attrs)
        assert {k: written[source, target, key].get(k) for k in want} == want


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_gephi_label_is_the_name_and_kind_the_type(tmp_path: Path, fmt: Format) -> None:
    graph = small_graph()
    nodes, _ = fmt.check(fmt.write(graph, tmp_path / f"g.{fmt.name}")[0])
    by_id = {n.id: n for n in nodes}
    assert by_id["Person:geoffrey-nice"].label == "Geoffrey Nice"
    assert by_id["Person:geoffrey-nice"].values["kind"] == "Person"
    assert by_id["doc:00000000000000b2"].label == "Camps; a report"
    assert by_id["doc:00000000000000b2"].values["kind"] == "Document"
    assert by_id["State:china"].values["aliases"] == "China | PRC"


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_gephi_edges_have_unique_ids_and_a_relation(tmp_path: Path, fmt: Format) -> None:
    graph = small_graph()
    _, edges = fmt.check(fmt.write(graph, tmp_path / f"g.{fmt.name}")[0])
    assert len({e.id for e in edges}) == len(edges) == graph.number_of_edges()
    relations = sorted(e.values["relation"] for e in edges)
    assert relations == sorted(k for _, _, k in graph.edges(keys=True))
    detained = next(e for e in edges if e.values["relation"] == "DETAINED")
    assert detained.values["evidence_texts"] == DETAINED_SENTENCE
    assert (detained.values["evidence_docs"], detained.values["sentences"]) == (DOC2, f"{DOC2}:1")
    assert detained.values["patterns"] == "detain-verb | passive-detain"


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
@pytest.mark.parametrize("mixed", [True, False])
def test_gephi_co_mentions_are_undirected_in_a_mixed_graph(
    tmp_path: Path, fmt: Format, mixed: bool
) -> None:
    _, edges = fmt.check(fmt.write(small_graph(), tmp_path / f"g.{fmt.name}", mixed=mixed)[0])
    directed = {e.values["relation"]: e.directed for e in edges}
    assert directed == {
        "WROTE": True,
        "MENTIONS": True,
        "CHAIRS": True,
        "DETAINED": True,
        "CO_MENTIONED": not mixed,
    }


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_gephi_directed_file_reads_back_with_networkx(tmp_path: Path, fmt: Format) -> None:
    graph = small_graph()
    read = fmt.read(fmt.write(graph, tmp_path / f"g.{fmt.name}", mixed=False)[0])
    assert read.is_directed()
    assert_same_meaning(graph, read)


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
@pytest.mark.parametrize(
    "control",
    ["\x0b", "\x0c", "\x00", "\x1b", "\ufffe", "\udcff"],
    ids=["vertical-tab", "form-feed", "nul", "escape", "U+FFFE", "lone-surrogate"],
)
def test_gephi_files_stay_xml_whatever_the_text(tmp_path: Path, fmt: Format, control: str) -> None:
    graph = small_graph()
    graph.nodes["State:china"]["name"] = f"Chi{control}na"
    graph.nodes["doc:00000000000000a1"]["title"] = f"page{control}break"
    nodes, _ = fmt.check(fmt.write(graph, tmp_path / f"g.{fmt.name}")[0])
    labels = {n.id: n.label for n in nodes}
    substitute = " " if control.isspace() else "\ufffd"
    assert labels["State:china"] == f"Chi{substitute}na"
    assert labels["doc:00000000000000a1"] == f"page{substitute}break"


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
@round_trips
@given(graph=graphs())
def test_gephi_round_trips_any_text(tmp_path: Path, fmt: Format, graph: nx.MultiDiGraph) -> None:
    mixed = fmt.write(graph, tmp_path / f"mixed.{fmt.name}")[0]
    nodes, _ = fmt.check(mixed)
    assert {n.id: n.label for n in nodes} == {
        node: expected_node(attrs)["label"] for node, attrs in graph.nodes(data=True)
    }
    assert_same_meaning(
        graph, fmt.read(fmt.write(graph, tmp_path / f"d.{fmt.name}", mixed=False)[0])
    )


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_gephi_seeds_export_keeps_every_node_and_edge(
    seeds_store_path: Path, tmp_path: Path, fmt: Format
) -> None:
    """The seeds through the CLI: every edge its own id, every node named, not typed."""
    with LadybugStore(seeds_store_path, read_only=True) as store:
        graph = store.read_graph()
    store_option = ["--store", str(seeds_store_path)]
    mixed, directed = tmp_path / f"mixed.{fmt.name}", tmp_path / f"directed.{fmt.name}"
    assert main(["export", str(mixed), *store_option]) == 0
    assert main(["export", str(directed), "--directed", *store_option]) == 0
    nodes, edges = fmt.check(mixed)
    assert len(nodes) == graph.number_of_nodes()
    assert len(edges) == graph.number_of_edges()
    entities = [n for n in nodes if n.values["kind"] != "Document"]
    assert all(n.label == graph.nodes[n.id]["name"] for n in entities)
    undirected = {e.values["relation"] for e in edges if not e.directed}
    assert undirected == {"CO_MENTIONED"}
    assert_same_meaning(graph, fmt.read(directed))
