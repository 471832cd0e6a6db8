"""Writing pages: offline (no address anywhere), escaped, and with what a reader needs."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx
import pytest
from view_graphs import HOSTILE, page_data

from actorgraph.graph.views.payload import EVIDENCE_PER_ITEM, page_strength, payload
from actorgraph.graph.views.render import render_view, script_json
from actorgraph.graph.views.select import ViewRequest, select


def test_render_view_returns_the_path_it_wrote(sample_graph, tmp_path):
    path = render_view(sample_graph, tmp_path / "sub" / "v.html", title="T")
    assert path == tmp_path / "sub" / "v.html"
    assert path.read_text("utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("graph_name", ["sample_graph", "hostile_graph"])
def test_page_names_no_address_and_loads_nothing(request, graph_name, tmp_path):
    graph = request.getfixturevalue(graph_name)
    html = render_view(graph, tmp_path / "v.html", include_documents=True).read_text("utf-8")
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", html, re.IGNORECASE)
    assert not re.search(r"<link[^>]*stylesheet", html, re.IGNORECASE)
    assert "default-src 'none'" in html


def test_page_keeps_a_document_url_but_not_as_an_address(sample_graph, tmp_path):
    graph = sample_graph.copy()
    graph.nodes["doc:00000000000000aa"]["title"] = "See https://example.org/x"
    html = render_view(graph, tmp_path / "v.html").read_text("utf-8")
    assert "https://" not in html
    assert page_data(html)["docs"]["doc:00000000000000aa"]["title"] == "See https://example.org/x"


def test_csp_hashes_are_those_of_the_inline_scripts(sample_graph, tmp_path):
    html = render_view(sample_graph, tmp_path / "v.html").read_text("utf-8")
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert found, "the page has no Content-Security-Policy"
    policy = found.group(1)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_script_json_is_inert_in_a_script_element():
    value = {"t": "</script><!-- <b>&amp;</b> \u2028\u2029 // https://x"}
    text = script_json(value)
    for forbidden in ("<", ">", "&", "\u2028", "\u2029", "//"):
        assert forbidden not in text
    assert json.loads(text) == value


def test_hostile_text_reaches_the_page_only_as_data(hostile_graph, tmp_path):
    html = render_view(hostile_graph, tmp_path / "v.html", include_documents=True).read_text(
        "utf-8"
    )
    for text in HOSTILE:
        assert text not in html
    assert "javascript:" not in html.split('id="actorgraph-data">')[0]
    data = page_data(html)
    names = {n["name"] for n in data["nodes"]}
    assert f"Mallory {HOSTILE[0]}" in names
    sentences = [e["text"] for e in data["edges"][0]["evidence"]]
    assert any(HOSTILE[1] in s for s in sentences)


def test_title_is_escaped(sample_graph, tmp_path):
    html = render_view(sample_graph, tmp_path / "v.html", title="<b>x</b> & y").read_text("utf-8")
    assert "<title>&lt;b&gt;x&lt;/b&gt; &amp; y</title>" in html
    assert "<b>x</b>" not in html


def test_payload_node_has_type_aliases_mentions_and_titled_evidence(sample_graph):
    data = payload(sample_graph, select(sample_graph, ViewRequest()), title="t")
    nice = next(n for n in data["nodes"] if n["id"] == "Person:geoffrey-nice")
    assert nice["type"] == "Person"
    assert "Sir Geoffrey Nice QC" in nice["aliases"] and "Geoffrey Nice" not in nice["aliases"]
    assert nice["mentions"] == 1
    assert 0 < len(nice["evidence"]) <= EVIDENCE_PER_ITEM
    doc = nice["evidence"][0]["doc"]
    assert data["docs"][doc] == {
        "title": "Why the Uyghur Tribunal matters",
        "date": "2021-02-01",
        "authors": ["Benedict Rogers"],
    }


def test_payload_edges_say_kind_weight_and_evidence(sample_graph):
    data = payload(sample_graph, select(sample_graph, ViewRequest()), title="t")
    chairs = next(e for e in data["edges"] if e["kind"] == "CHAIRS")
    assert chairs["typed"] is True and chairs["weight"] == 1
    assert chairs["phrase"] == "chairs" and chairs["stated"] == ["… chair …"]
    assert "patterns" not in chairs  # rule names are for developers, not on the page
    assert chairs["evidence"][0]["text"].startswith("Sir Geoffrey Nice QC chairs")
    assert chairs["evidence"][0]["anchor"] == "s0-48"
    co = next(e for e in data["edges"] if e["kind"] == "CO_MENTIONED" and e["weight"] == 2)
    assert co["typed"] is False and len(co["evidence"]) == 2


def test_payload_evidence_is_at_most_five(big_graph):
    graph = big_graph(40, 200)
    data = payload(graph, select(graph, ViewRequest()), title="t")
    assert max(len(n["evidence"]) for n in data["nodes"]) == EVIDENCE_PER_ITEM
    assert max(len(e["evidence"]) for e in data["edges"]) <= EVIDENCE_PER_ITEM


def test_payload_size_follows_the_chosen_measure(sample_graph):
    for measure in ("pagerank", "degree"):
        selection = select(sample_graph, ViewRequest(size_by=measure))
        nodes = payload(sample_graph, selection, title="t")["nodes"]
        biggest = max(nodes, key=lambda n: n["value"])["id"]
        assert biggest == max(
            sample_graph.nodes, key=lambda n: sample_graph.nodes[n].get(measure, 0)
        )


def test_capped_page_says_what_is_left_out_and_how_to_see_it(big_graph, tmp_path):
    graph = big_graph(120, 400)
    html = render_view(graph, tmp_path / "v.html", max_nodes=50).read_text("utf-8")
    notice = page_data(html)["meta"]["notice"]
    assert "50 strongest of 120" in notice and "70 are left out" in notice
    assert "--focus" in notice and "--label" in notice and "--min-weight" in notice


def test_uncapped_page_has_no_notice(sample_graph, tmp_path):
    html = render_view(sample_graph, tmp_path / "v.html").read_text("utf-8")
    assert page_data(html)["meta"]["notice"] is None


def test_render_view_takes_a_bare_query_result(tmp_path):
    """A query's result may lack derived figures, type attributes and Evidence records."""
    graph = nx.MultiDiGraph()
    graph.add_node("State:china", label="State", name="China")
    graph.add_node("Region:tibet", label="Region", name="Tibet")
    evidence = [{"document": "doc:1", "text": "China rules Tibet.", "start": 0, "end": 18}]
    graph.add_edge("State:china", "Region:tibet", key="CO_MENTIONED", evidence=evidence)
    html = render_view(graph, tmp_path / "q.html", title="Neighbours of China").read_text("utf-8")
    data = page_data(html)
    assert {n["id"] for n in data["nodes"]} == {"State:china", "Region:tibet"}
    assert data["edges"][0]["kind"] == "CO_MENTIONED" and data["edges"][0]["weight"] == 1
    evidence = [{"doc": "doc:1", "text": "China rules Tibet.", "anchor": "s0-18"}]
    assert data["edges"][0]["evidence"] == evidence
    # a result carries no PageRank: sizes are measured on the page, so they still differ
    assert all(n["value"] > 0 for n in data["nodes"])


def test_caption_says_what_made_the_page(sample_graph, tmp_path):
    query = "neighbours (name=China)"
    html = render_view(sample_graph, tmp_path / "q.html", query=query).read_text("utf-8")
    assert page_data(html)["meta"]["caption"] == f"Made by the query: {query}"
    assert (
        page_data(render_view(sample_graph, tmp_path / "v.html").read_text("utf-8"))["meta"][
            "caption"
        ]
        is None
    )


@pytest.mark.parametrize("measure", ["pagerank", "degree"])
def test_neighbourhood_sizes_by_place_in_the_page(big_graph, measure):
    """On an ego page sizes follow the page's own links, and the subject is the biggest."""
    graph = big_graph(300, 1500)
    leaf = min(
        (n for n in graph.nodes if graph.nodes[n]["label"] != "Document"),
        key=lambda n: (graph.nodes[n]["pagerank"], n),
    )
    selection = select(graph, ViewRequest(focus=leaf, depth=1, size_by=measure))
    nodes = payload(graph, selection, title="t")["nodes"]
    assert max(nodes, key=lambda n: n["value"])["id"] == leaf
    assert [n["id"] for n in nodes if n["subject"]] == [leaf]
    local = page_strength(selection.graph, measure)
    others = sorted((n for n in nodes if n["id"] != leaf), key=lambda n: n["id"])
    assert [n["value"] for n in others] == [round(local[n["id"]] ** 0.5, 6) for n in others]
    by_page = sorted(others, key=lambda n: (-n["value"], n["id"]))
    by_whole = sorted(others, key=lambda n: (-graph.nodes[n["id"]][measure], n["id"]))
    assert by_page != by_whole  # the whole graph's ranking would have drawn another page
