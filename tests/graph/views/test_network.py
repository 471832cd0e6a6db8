"""The pyvis Network behind a page: what it holds, how it styles, and that the page uses it."""

from __future__ import annotations

import json
import re

import pytest
from pyvis.network import Network

from actorgraph.graph.schema import load_schema
from actorgraph.graph.views.network import (
    EDGE_WIDTH,
    darker,
    edge_width,
    network,
    stabilization_iterations,
)
from actorgraph.graph.views.payload import payload
from actorgraph.graph.views.render import render_view
from actorgraph.graph.views.select import ViewRequest, select
from actorgraph.graph.views.wording import load_wording


def built(graph, title: str = "t", **request) -> Network:
    return network(payload(graph, select(graph, ViewRequest(**request)), title=title))


def edges_of(net: Network, kind: str) -> list[dict]:
    return [e for e in net.edges if e["kind"] == kind]


def test_network_is_pyvis_and_keeps_every_node_and_parallel_link(sample_graph):
    net = built(sample_graph)
    selection = select(sample_graph, ViewRequest())
    assert isinstance(net, Network)
    assert net.num_nodes() == selection.graph.number_of_nodes()
    # CO_MENTIONED and CHAIRS join the same pair; an undirected pyvis Network would merge them
    assert net.num_edges() == selection.graph.number_of_edges()
    pair = ("Person:geoffrey-nice", "Tribunal:uyghur-tribunal")
    kinds = {e["kind"] for e in net.edges if (e["from"], e["to"]) == pair}
    assert kinds == {"CO_MENTIONED", "CHAIRS"}


@pytest.mark.parametrize(
    "node", ["Person:geoffrey-nice", "State:china", "Bill:trade-bill", "Tribunal:uyghur-tribunal"]
)
def test_nodes_take_their_type_colour_and_shape(sample_graph, node):
    net = built(sample_graph)
    style = load_schema().entities[sample_graph.nodes[node]["label"]]
    item = net.get_node(node)
    assert item["shape"] == style.shape
    assert item["color"]["background"] == style.colour
    assert item["label"] == sample_graph.nodes[node]["name"]


def test_typed_links_are_solid_arrows_and_co_mentions_dashed_lines(sample_graph):
    net = built(sample_graph)
    for kind in ("CHAIRS", "PERSECUTED", "CO_FOUNDED"):
        (edge,) = edges_of(net, kind)
        assert edge["dashes"] is False and edge["arrows"]["to"]["enabled"] is True
        assert edge["label"] == load_wording().link(kind) != kind  # plain words, no type name
    for edge in edges_of(net, "CO_MENTIONED"):
        assert edge["dashes"] and edge["arrows"]["to"]["enabled"] is False
        assert "label" not in edge


def test_document_links_are_drawn_when_asked(sample_graph):
    net = built(sample_graph, include_documents=True)
    (wrote,) = edges_of(net, "WROTE")
    assert wrote["arrows"]["to"]["enabled"] is True and wrote["dashes"] is False
    assert all(e["dashes"] for e in edges_of(net, "MENTIONS"))


def test_link_width_grows_with_weight_and_stays_bounded(sample_graph):
    widths = [edge_width(w, 50) for w in (1, 2, 5, 20, 50, 500)]
    assert widths[0] == EDGE_WIDTH[0] and widths[-1] == EDGE_WIDTH[1]
    assert widths == sorted(widths) and len(set(widths)) == len(widths) - 1
    net = built(sample_graph)
    heavy = next(e for e in edges_of(net, "CO_MENTIONED") if e["weight"] == 2)
    light = next(e for e in edges_of(net, "CO_MENTIONED") if e["weight"] == 1)
    assert heavy["width"] > light["width"]


def test_node_size_value_rides_on_the_node(sample_graph):
    net = built(sample_graph, size_by="degree")
    china, lonely = net.get_node("State:china"), net.get_node("Person:lonely-figure")
    assert china["value"] > lonely["value"]


def test_physics_settles_in_fewer_steps_on_bigger_graphs(sample_graph, big_graph):
    physics = built(sample_graph).options["physics"]
    assert physics["enabled"] is True and physics["stabilization"]["enabled"] is True
    small = physics["stabilization"]["iterations"]
    large = built(big_graph(500, 2500)).options["physics"]["stabilization"]["iterations"]
    assert 60 <= large < small <= 300
    assert stabilization_iterations(10_000, 50_000) == 60


@pytest.mark.parametrize(
    ("colour", "border"), [("#e15759", "#9e3d3e"), ("#FFFFFF", "#b2b2b2"), ("red", "#555555")]
)
def test_darker(colour, border):
    assert darker(colour) == border


def test_page_holds_exactly_what_pyvis_built(sample_graph, tmp_path):
    html = render_view(sample_graph, tmp_path / "v.html", title="Whole").read_text("utf-8")
    block = re.search(r'id="actorgraph-data">(.*?)</script>', html, re.DOTALL)
    assert block, "the page has no data block"
    data = json.loads(block.group(1))
    nodes, edges, heading, *_, options = built(sample_graph, "Whole").get_network_data()
    assert data["nodes"] == nodes and data["edges"] == edges
    assert data["options"] == json.loads(options)
    assert f"<title>{heading}</title>" in html
