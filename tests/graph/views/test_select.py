"""Choosing what a view draws: focus and depth, filters, and the node and link caps."""

from __future__ import annotations

import networkx as nx
import pytest

from actorgraph.graph.views.select import ViewError, ViewRequest, find_entity, select


def entity_ids(graph: nx.MultiDiGraph) -> set[str]:
    return {n for n, a in graph.nodes(data=True) if a["label"] != "Document"}


def test_select_whole_graph_has_every_entity_and_no_document(sample_graph):
    selection = select(sample_graph, ViewRequest())
    assert set(selection.graph.nodes) == entity_ids(sample_graph)
    assert selection.omitted == [] and selection.omitted_edges == 0
    kinds = {k for *_, k in selection.graph.edges(keys=True)}
    assert kinds == {"CO_MENTIONED", "CHAIRS", "PERSECUTED", "CO_FOUNDED"}


@pytest.mark.parametrize(
    "text",
    ["Geoffrey Nice", "geoffrey  nice", "Sir Geoffrey Nice QC", "Person:geoffrey-nice"],
)
def test_find_entity_by_name_alias_or_id(sample_graph, text):
    assert find_entity(sample_graph, text) == "Person:geoffrey-nice"


def test_find_entity_unknown_suggests_close_names(sample_graph):
    with pytest.raises(ViewError, match="Geoffrey Nice"):
        find_entity(sample_graph, "Geofrey Nice")


def test_find_entity_never_returns_a_document(sample_graph):
    with pytest.raises(ViewError):
        find_entity(sample_graph, "doc:00000000000000aa")


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (0, {"Person:geoffrey-nice"}),
        (1, {"Person:geoffrey-nice", "Tribunal:uyghur-tribunal", "Tribunal:china-tribunal"}),
        (
            2,
            {
                "Person:geoffrey-nice",
                "Tribunal:uyghur-tribunal",
                "Tribunal:china-tribunal",
                "Region:xinjiang",
                "State:china",
            },
        ),
    ],
)
def test_select_focus_depth(sample_graph, depth, expected):
    selection = select(sample_graph, ViewRequest(focus="Sir Geoffrey Nice QC", depth=depth))
    assert selection.focus == "Person:geoffrey-nice"
    assert set(selection.graph.nodes) == expected


def test_select_label_filter_keeps_only_those_types(sample_graph):
    selection = select(sample_graph, ViewRequest(labels=("Person", "Tribunal")))
    labels = {a["label"] for _, a in selection.graph.nodes(data=True)}
    assert labels == {"Person", "Tribunal"}
    assert selection.graph.has_edge("Person:geoffrey-nice", "Tribunal:uyghur-tribunal", "CHAIRS")


def test_select_focus_stays_whatever_the_label_filter(sample_graph):
    selection = select(sample_graph, ViewRequest(focus="China", labels=("Group",)))
    assert set(selection.graph.nodes) == {"State:china", "Group:uyghurs"}


def test_select_unknown_label_is_refused(sample_graph):
    with pytest.raises(ViewError, match="unknown label"):
        select(sample_graph, ViewRequest(labels=("Spaceship",)))


def test_select_min_weight_keeps_strong_links_and_their_ends(sample_graph):
    selection = select(sample_graph, ViewRequest(min_weight=2))
    assert set(selection.graph.nodes) == {"Region:xinjiang", "State:china"}
    assert all(a["weight"] >= 2 for *_, a in selection.graph.edges(data=True))


def test_select_caps_nodes_keeping_the_strongest(big_graph):
    graph = big_graph(700, 2500)
    selection = select(graph, ViewRequest(max_nodes=200))
    kept = set(selection.graph.nodes)
    assert len(kept) == 200
    assert selection.eligible == 700 and len(selection.omitted) == 500
    weakest_kept = min(graph.nodes[n]["pagerank"] for n in kept)
    strongest_left = max(graph.nodes[n]["pagerank"] for n in selection.omitted)
    assert weakest_kept >= strongest_left
    ranks = [graph.nodes[n]["pagerank"] for n in selection.omitted]
    assert ranks == sorted(ranks, reverse=True)


def test_select_cap_by_degree(big_graph):
    graph = big_graph(300, 900)
    selection = select(graph, ViewRequest(max_nodes=50, size_by="degree"))
    weakest_kept = min(graph.nodes[n]["degree"] for n in selection.graph.nodes)
    assert all(graph.nodes[n]["degree"] <= weakest_kept for n in selection.omitted)


def test_select_capped_ego_view_keeps_nearest_first(big_graph):
    graph = big_graph(400, 2000)
    focus = "Person:entity-0"
    entities = nx.Graph(graph.subgraph(entity_ids(graph)))
    near = {focus, *entities.neighbors(focus)}
    selection = select(graph, ViewRequest(focus=focus, depth=2, max_nodes=len(near)))
    assert set(selection.graph.nodes) == near


def test_select_caps_links_dropping_weakest_co_mentions_first(sample_graph):
    selection = select(sample_graph, ViewRequest(max_edges=4))
    kinds = sorted(k for *_, k in selection.graph.edges(keys=True))
    assert selection.omitted_edges == 14 - 4
    assert {"CHAIRS", "PERSECUTED", "CO_FOUNDED"} <= set(kinds)
    co = [a for *_, k, a in selection.graph.edges(keys=True, data=True) if k == "CO_MENTIONED"]
    assert [a["weight"] for a in co] == [2]


def test_select_with_documents_adds_them_and_their_links(sample_graph):
    selection = select(sample_graph, ViewRequest(include_documents=True))
    documents = {n for n, a in selection.graph.nodes(data=True) if a["label"] == "Document"}
    assert documents == {"doc:00000000000000aa", "doc:00000000000000bb"}
    kinds = {k for *_, k in selection.graph.edges(keys=True)}
    assert {"MENTIONS", "WROTE"} <= kinds


@pytest.mark.parametrize(
    "request_",
    [ViewRequest(depth=-1), ViewRequest(min_weight=0), ViewRequest(size_by="betweenness")],
)
def test_select_refuses_bad_requests(sample_graph, request_):
    with pytest.raises(ViewError):
        select(sample_graph, request_)
