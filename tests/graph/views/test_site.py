"""The folder of pages: names, the index (search, every entity and document), links that resolve."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from view_graphs import HOSTILE, page_data

from actorgraph.graph.views.select import ViewRequest
from actorgraph.graph.views.site import page_name, page_names, write_site

HREF = re.compile(r'href="([^"]*)"')


def local_links(folder: Path) -> set[str]:
    """Every href of every page in ``folder``, but the favicon's."""
    found: set[str] = set()
    for page in folder.glob("*.html"):
        found.update(h for h in HREF.findall(page.read_text("utf-8")) if h != "data:,")
    return found


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
    graph.nodes["Tribunal:china-tribunal"]["name"] = "Timeline"
    nodes = ["State:china", "Region:xinjiang", "Region:hong-kong", "Tribunal:china-tribunal"]
    assert page_names(graph, nodes) == {
        "State:china": "china",
        "Region:xinjiang": "china-region",
        "Region:hong-kong": "index-region",
        "Tribunal:china-tribunal": "timeline-tribunal",
    }


def test_write_site_writes_views_documents_timeline_and_index(sample_graph, sample_texts, tmp_path):
    pages = write_site(sample_graph, tmp_path, texts=sample_texts.__getitem__, top=2, per_type=1)
    names = [p.path.name for p in pages]
    assert names[0] == "graph.html" and names[-1] == "index.html"
    assert "china.html" in names and "geoffrey-nice.html" in names
    written = {p.name for p in tmp_path.iterdir()}
    assert "timeline.html" in written
    assert len([n for n in written if n.startswith("doc-")]) == 2  # one page per document
    for href in local_links(tmp_path) - {h for h in local_links(tmp_path) if h[0] == "#"}:
        page, _, anchor = href.partition("#")
        assert (tmp_path / page).is_file(), href
        if anchor:  # graph.html#<node id>: the page opens on that entity
            assert unquote(anchor) in sample_graph, href
    # the views' evidence opens the sentence on its document's page
    data = page_data((tmp_path / "graph.html").read_text("utf-8"))
    opened = 0
    for edge in data["edges"]:
        for item in edge.get("evidence", ()):
            reader = (tmp_path / data["docs"][item["doc"]]["page"]).read_text("utf-8")
            assert f'id="{item["anchor"]}"' in reader
            opened += 1
    assert opened == sum(len(e.get("evidence", ())) for e in data["edges"]) > 0


def test_index_searches_and_lists_every_entity_and_document(sample_graph, tmp_path):
    write_site(sample_graph, tmp_path, top=2, per_type=1)
    index = (tmp_path / "index.html").read_text("utf-8")
    assert 'id="find"' in index and index.count("<script>") == 1
    for node, attrs in sample_graph.nodes(data=True):
        text = attrs.get("name") or attrs.get("title")
        assert f">{html.escape(text)}</a>" in index, node
    # found by alias too: the folded aliases ride on the item
    assert 'data-find="geoffrey nice|sir geoffrey|sir geoffrey nice qc"' in index


def test_filtered_site_chooses_actors_linked_in_the_filtered_graph(sample_graph, tmp_path):
    request = ViewRequest(labels=("Person", "Tribunal"))
    pages = write_site(sample_graph, tmp_path, request, top=12, per_type=3)
    egos = pages[1:-1]
    assert egos, "no actor page written"
    assert all(len(p.selection.entities) >= 2 for p in egos)  # none is a single dot
    focused = {p.selection.focus for p in egos}
    assert "Person:lonely-figure" not in focused and "Person:benedict-rogers" not in focused
    assert {"Person:geoffrey-nice", "Tribunal:uyghur-tribunal"} <= focused


def test_site_pages_escape_document_text(hostile_graph, hostile_texts, tmp_path):
    write_site(hostile_graph, tmp_path, texts=hostile_texts.__getitem__)
    for page in tmp_path.glob("*.html"):
        text = page.read_text("utf-8")
        if page.name in ("index.html", "timeline.html") or page.name.startswith("doc-"):
            for hostile in HOSTILE:
                assert hostile not in text, page.name
            assert "<script>window" not in text
    index = (tmp_path / "index.html").read_text("utf-8")
    assert "Mallory &lt;script&gt;" in index
    assert not [h for h in local_links(tmp_path) if ":" in h.split("#")[0]]
