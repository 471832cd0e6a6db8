"""Applying judgements to a resolved graph: each changes exactly what it names."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from actorgraph.graph.curation.apply import apply_curation, edited, find
from actorgraph.graph.curation.judgements import Curation, Judgement
from actorgraph.graph.model import fold_node
from actorgraph.graph.records import Evidence

WHEN = "2026-12-01T10:00:00+00:00"


def _graph() -> nx.MultiDiGraph:
    """A thawed graph, as GraphBuilder.finish hands it to the curation."""
    graph = nx.MultiDiGraph()
    for node, label, name, aliases in [
        ("Organisation:lords", "Organisation", "Lords", {"Lords"}),
        ("Organisation:house-of-lords", "Organisation", "House of Lords", {"House of Lords"}),
        ("Person:nus-ghani", "Person", "Nus Ghani", {"Nus Ghani", "Ghani"}),
        ("Person:wealden", "Person", "Wealden", {"Wealden"}),
        ("Person:mulan", "Person", "Mulan", {"Mulan"}),
    ]:
        graph.add_node(node, label=label, name=name, aliases=aliases, documents={"doc:1"})
    graph.add_node("doc:1", label="Document")
    for node in list(graph):
        if node != "doc:1":
            graph.add_edge("doc:1", node, key="MENTIONS", type="MENTIONS", count=1)
    said = Evidence("doc:1", 0, 0, 10, "Nus Ghani of Wealden spoke in the Lords.")
    graph.add_edge(
        "Person:nus-ghani", "Person:wealden", key="MEMBER_OF", evidence={said}, patterns={"p"}
    )
    graph.add_edge("Person:nus-ghani", "Organisation:lords", key="MEMBER_OF", evidence={said})
    return graph


def _apply(graph: nx.MultiDiGraph, *judgements: Judgement) -> list[int]:
    return [n for n, _ in apply_curation(graph, Curation(Path("c.toml"), list(judgements)))]


def test_find_matches_name_then_alias_case_insensitively() -> None:
    graph = _graph()
    assert find(graph, "house OF lords") == ["Organisation:house-of-lords"]
    assert find(graph, "ghani") == ["Person:nus-ghani"]
    assert find(graph, "Nobody") == []


def test_merge_keeps_the_fuller_name_and_unites_links() -> None:
    graph = _graph()
    assert _apply(graph, Judgement("merge", ("Lords", "House of Lords"), WHEN)) == []
    assert "Organisation:lords" not in graph
    node = graph.nodes["Organisation:house-of-lords"]
    assert node["aliases"] == {"Lords", "House of Lords"}
    assert graph.has_edge("Person:nus-ghani", "Organisation:house-of-lords", "MEMBER_OF")
    assert graph["doc:1"]["Organisation:house-of-lords"]["MENTIONS"]["count"] == 2
    assert graph.graph["renamed"] == {"Organisation:lords": "Organisation:house-of-lords"}


def test_merge_says_so_on_the_node_and_on_the_links_it_moved() -> None:
    graph = _graph()
    _apply(graph, Judgement("merge", ("Lords", "House of Lords"), WHEN))
    node = graph.nodes["Organisation:house-of-lords"]
    assert node["curated"] == ["merge #1: Lords, House of Lords"]
    assert node["note"] == "merged by the analyst: Lords, House of Lords"
    moved = graph.edges["Person:nus-ghani", "Organisation:house-of-lords", "MEMBER_OF"]
    assert moved["curated"] == ["merge #1: Lords, House of Lords"]
    untouched = graph.edges["Person:nus-ghani", "Person:wealden", "MEMBER_OF"]
    assert "curated" not in untouched and "curated" not in graph.nodes["Person:mulan"]


def test_provenance_of_a_link_survives_a_second_merge_onto_an_existing_link() -> None:
    graph = _graph()
    said = Evidence("doc:1", 1, 0, 5, "Ghani spoke.")
    graph.add_edge("Person:nus-ghani", "Person:mulan", key="MEMBER_OF", evidence={said})
    _apply(
        graph,
        Judgement("type", ("Wealden",), WHEN, type="Organisation"),
        Judgement("merge", ("Wealden", "House of Lords"), WHEN),
        Judgement("merge", ("Mulan", "House of Lords"), WHEN),
    )
    node = graph.nodes["Organisation:house-of-lords"]
    link = graph.edges["Person:nus-ghani", "Organisation:house-of-lords", "MEMBER_OF"]
    assert len(link["evidence"]) == 2
    assert (
        set(node["curated"])
        == set(link["curated"])
        == {
            "type #1: Wealden as Organisation",
            "merge #2: Wealden, House of Lords",
            "merge #3: Mulan, House of Lords",
        }
    )


def test_merge_with_name_and_type_re_addresses_the_node() -> None:
    graph = _graph()
    judgement = Judgement(
        "merge", ("Lords", "House of Lords"), WHEN, "UK House of Lords", "Tribunal"
    )
    _apply(graph, judgement)
    node = graph.nodes["Tribunal:uk-house-of-lords"]
    assert (node["label"], node["name"]) == ("Tribunal", "UK House of Lords")
    assert {"Lords", "House of Lords"} <= node["aliases"]


@pytest.mark.parametrize(
    ("judgement", "gone_nodes", "gone_edges"),
    [
        (Judgement("drop", ("mulan",), WHEN), {"Person:mulan"}, {("doc:1", "Person:mulan")}),
        (
            Judgement("reject", ("Nus Ghani", "Wealden"), WHEN, type="MEMBER_OF"),
            set(),
            {("Person:nus-ghani", "Person:wealden")},
        ),
    ],
)
def test_drop_and_reject_remove_exactly_what_they_name(
    judgement: Judgement, gone_nodes: set[str], gone_edges: set[tuple[str, str]]
) -> None:
    graph, before = _graph(), _graph()
    assert _apply(graph, judgement) == []
    assert set(before) - set(graph) == gone_nodes
    assert {(u, v) for u, v in before.edges()} - {(u, v) for u, v in graph.edges()} == gone_edges


def test_type_relabels_only_the_named_entity() -> None:
    graph = _graph()
    _apply(graph, Judgement("type", ("Wealden",), WHEN, type="Region"))
    assert "Person:wealden" not in graph
    assert graph.nodes["Region:wealden"]["label"] == "Region"
    assert graph.nodes["Region:wealden"]["curated"] == ["type #1: Wealden as Region"]
    assert graph.edges["Person:nus-ghani", "Region:wealden", "MEMBER_OF"]["curated"] == [
        "type #1: Wealden as Region"
    ]
    assert graph.graph["renamed"] == {"Person:wealden": "Region:wealden"}
    assert len(graph) == len(_graph())


@pytest.mark.parametrize(
    "judgement",
    [
        Judgement("drop", ("Nobody",), WHEN),
        Judgement("merge", ("Lords", "Nobody"), WHEN),
        Judgement("reject", ("Mulan", "Wealden"), WHEN, type="MEMBER_OF"),
        Judgement("type", ("Nobody",), WHEN, type="Region"),
        Judgement("separate", ("Nobody", "Mulan"), WHEN),
    ],
)
def test_a_judgement_matching_nothing_is_returned_and_changes_nothing(
    judgement: Judgement,
) -> None:
    graph = _graph()
    assert _apply(graph, Judgement("drop", ("Mulan",), WHEN), judgement) == [2]
    reference = _graph()
    reference.remove_node("Person:mulan")
    assert nx.utils.graphs_equal(graph, reference)


def test_fold_node_used_by_merge_is_the_model_one() -> None:
    graph = _graph()  # a merge is the model's fold: the same union as an automatic merge
    fold_node(graph, "Organisation:lords", "Organisation:house-of-lords")
    merged = _graph()
    _apply(merged, Judgement("merge", ("Lords", "House of Lords"), WHEN))
    for attrs in (*merged.nodes.values(), *(a for *_, a in merged.edges(data=True))):
        attrs.pop("curated", None)
    merged.nodes["Organisation:house-of-lords"]["note"] = None
    graph.nodes["Organisation:house-of-lords"]["note"] = None
    assert nx.utils.graphs_equal(graph, merged)


def test_edited_changes_a_copy_and_freezes_it_as_a_build_does() -> None:
    stored = _graph()
    for _, attrs in stored.nodes(data=True):  # frozen: lists, as a store reads them
        if attrs["label"] != "Document":
            attrs["aliases"], attrs["documents"] = sorted(attrs["aliases"]), ["doc:1"]
    for *_, attrs in stored.edges(data=True):
        if "evidence" in attrs:
            attrs["evidence"] = sorted(attrs["evidence"])
    kept = nx.MultiDiGraph(stored)
    judgement = Judgement("merge", ("Lords", "House of Lords"), WHEN)
    after, matched = edited(stored, lambda g: _apply(g, judgement) == [])
    assert matched and nx.utils.graphs_equal(stored, kept)  # the stored graph is untouched
    node = after.nodes["Organisation:house-of-lords"]
    assert node["aliases"] == ["House of Lords", "Lords"] and node["mentions"] == 2
    assert isinstance(node["pagerank"], float)
    link = after.edges["Person:nus-ghani", "Organisation:house-of-lords", "MEMBER_OF"]
    assert link["weight"] == 1
