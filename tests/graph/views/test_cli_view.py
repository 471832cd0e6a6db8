"""``actorgraph view`` against a real embedded store holding a hand-made graph (and the
seeds, for the reader pages of real articles)."""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from view_graphs import texts_of

from actorgraph.graph.cli import CliError
from actorgraph.graph.cli import view as view_command
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.graph.views.site import document_pages


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, sample_graph) -> str:
    from actorgraph.graph.stores import open_store
    from actorgraph.graph.stores.rows import diff_graphs

    location = tmp_path_factory.mktemp("store") / "db"
    store = open_store(str(location), read_only=False)
    try:
        store.apply(diff_graphs(nx.MultiDiGraph(), sample_graph, texts_of(sample_graph)))
    finally:
        store.close()
    return str(location)


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    view_command.register(parser.add_subparsers())
    args = parser.parse_args(["view", *argv])
    return args.func(args)


def page_types(path) -> set[str]:
    html = path.read_text("utf-8")
    match = re.search(r'id="actorgraph-data">(.*?)</script>', html, re.DOTALL)
    assert match, "the page has no data block"
    return {node["type"] for node in json.loads(match.group(1))["nodes"]}


def test_view_default_writes_graph_index_and_actor_pages(store_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert run("--store", store_dir, "-o", str(out)) == 0
    assert (out / "graph.html").is_file() and (out / "index.html").is_file()
    assert (out / "china.html").is_file()
    printed = capsys.readouterr().out
    assert str(out / "graph.html") in printed and str(out / "index.html") in printed


def visible_text(page: str) -> str:
    """What a reader sees of a document page's article: its words, white space collapsed."""
    body = page.split('<div class="text">', 1)[1]
    body = re.sub(r'<a class="anchor"[^>]*>#</a>', "", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())


def test_view_document_page_marks_the_stored_mentions(store_dir, sample_graph, tmp_path):
    out = tmp_path / "out"
    assert run("--store", store_dir, "-o", str(out)) == 0
    page = (out / document_pages(sample_graph)["doc:00000000000000aa"]).read_text("utf-8")
    assert "Sir Geoffrey Nice QC chairs the Uyghur Tribunal." in visible_text(page)
    assert '<a class="m u-Person" title="Geoffrey Nice (Person)" href="geoffrey-nice.html">' in page


def test_view_document_pages_hold_each_seed_article_whole(seeds_store_path: Path, tmp_path):
    """Every reader page of the seeds shows its article, every stored sentence, in order."""
    out = tmp_path / "out"
    assert run("--store", str(seeds_store_path), "-o", str(out)) == 0
    with LadybugStore(seeds_store_path, read_only=True) as store:
        graph = store.read_graph()
        texts = dict(
            store.query(
                "MATCH (s:Sentence) WITH s ORDER BY s.position SKIP 0 "
                "RETURN s.document, collect(s.gap + s.text)"
            ).rows
        )
    pages = document_pages(graph)
    assert len(pages) == len(texts) == 11
    for document, page in pages.items():
        article = " ".join("".join(texts[document]).split())
        assert visible_text((out / page).read_text("utf-8")) == article, document


def test_view_focus_writes_one_page_named_after_the_entity(store_dir, tmp_path):
    out = tmp_path / "out"
    assert (
        run("--store", store_dir, "-o", str(out), "--focus", "Geoffrey Nice", "--depth", "2") == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["geoffrey-nice.html"]


def test_view_filters_into_a_single_file(store_dir, tmp_path):
    page = tmp_path / "people.html"
    argv = ["--store", store_dir, "-o", str(page), "--label", "Person", "--label", "Tribunal"]
    assert run(*argv) == 0
    assert page_types(page) == {"Person", "Tribunal"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.html"]


def test_view_unknown_focus_is_a_user_error(store_dir, tmp_path):
    with pytest.raises(CliError, match="no entity named"):
        run("--store", store_dir, "-o", str(tmp_path), "--focus", "Nobody At All")


@pytest.mark.browser
def test_view_screenshot_pictures_the_whole_graph(store_dir, tmp_path):
    from actorgraph.graph.views.screenshot import find_browser

    if find_browser() is None:
        pytest.skip("no Chromium installed")
    png = tmp_path / "graph.png"
    assert run("--store", store_dir, "-o", str(tmp_path / "out"), "--screenshot", str(png)) == 0
    assert png.read_bytes().startswith(b"\x89PNG")
