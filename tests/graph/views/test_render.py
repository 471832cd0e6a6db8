"""Writing pages: offline (no address anywhere), escaped, and with what a reader needs."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from view_graphs import HOSTILE

from actorgraph.graph.views.payload import EVIDENCE_PER_ITEM, payload
from actorgraph.graph.views.render import render_view, script_json
from actorgraph.graph.views.select import ViewRequest, select
from actorgraph.graph.views.site import page_name, page_names, write_site

DATA_BLOCK = re.compile(
    r'<script type="application/json" id="actorgraph-data">(.*?)</script>', re.DOTALL
)


def page_data(html: str) -> dict:
    match = DATA_BLOCK.search(html)
    assert match, "the page has no data block"
    return json.loads(match.group(1))


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
    assert chairs["patterns"] == ["test-rule"]
    assert chairs["evidence"][0]["text"].startswith("Sir Geoffrey Nice QC chairs")
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


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Geoffrey Nice", "geoffrey-nice"),
        ("Sino-British Joint Declaration", "sino-british-joint-declaration"),
        ("Xi Jìnpíng", "xi-jnpng"),
        ('<a href="javascript:alert(1)">', "a-href-javascript-alert-1"),
        ("", "entity"),
    ],
)
def test_page_name(name, stem):
    assert page_name(name) == stem


def test_page_names_avoid_collisions_and_reserved_names(sample_graph):
    graph = sample_graph.copy()
    graph.nodes["Region:hong-kong"]["name"] = "Index"
    graph.nodes["Region:xinjiang"]["name"] = "China"
    names = page_names(graph, ["State:china", "Region:xinjiang", "Region:hong-kong"])
    assert names == {
        "State:china": "china",
        "Region:xinjiang": "china-region",
        "Region:hong-kong": "index-region",
    }


def test_write_site_writes_whole_graph_ego_views_and_an_index(sample_graph, tmp_path):
    pages = write_site(sample_graph, tmp_path, top=2, per_type=1)
    names = [p.path.name for p in pages]
    assert names[0] == "graph.html" and names[-1] == "index.html"
    assert "china.html" in names and "geoffrey-nice.html" in names
    index = (tmp_path / "index.html").read_text("utf-8")
    hrefs = re.findall(r'href="([^"]*)"', index)
    assert set(hrefs) == {"data:,", *names[:-1]}
    assert all((tmp_path / h).is_file() for h in hrefs if h != "data:,")
    assert "<script" not in index and "://" not in index


def test_index_escapes_entity_names(hostile_graph, tmp_path):
    write_site(hostile_graph, tmp_path)
    index = (tmp_path / "index.html").read_text("utf-8")
    for text in HOSTILE:
        assert text not in index
    assert "Mallory &lt;script&gt;" in index
    assert "javascript:" not in re.findall(r'href="([^"]*)"', index)
    assert all(Path(tmp_path / h).is_file() for h in re.findall(r'href="([^":]*)"', index))


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
    assert data["edges"][0]["evidence"] == [{"doc": "doc:1", "text": "China rules Tibet."}]
