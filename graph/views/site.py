"""A folder of views a reader can start from: the whole graph, ego views, document
pages, a timeline, and an index.

The index is where a viewer begins: it names what the graph holds, searches every
entity and document, and links the whole-graph view, the timeline and one
neighbourhood per top actor, overall and per type, so a reader who does not know the
names yet can start by clicking. Every evidence sentence on a view links to its place in
its document's page (``views.reader``: the whole article, from the store), and every
entity named there to its own page: its neighbourhood page where the site wrote one,
else the whole graph opened on it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import networkx as nx

from actorgraph.graph.records import DocumentText
from actorgraph.graph.schema import load_schema
from actorgraph.graph.views.pages import count, glyph, graph_href, link, static_page
from actorgraph.graph.views.payload import PageLinks
from actorgraph.graph.views.reader import document_page, reader_sentences
from actorgraph.graph.views.render import Page, asset, write_page
from actorgraph.graph.views.select import (
    Selection,
    ViewRequest,
    is_entity,
    is_evidence_link,
    select,
    strength,
)
from actorgraph.graph.views.timeline import timeline_page

RESERVED_PAGES = frozenset({"graph", "index", "timeline"})
TOP_OVERALL = 12
TOP_PER_TYPE = 3


def write_site(
    graph: nx.MultiDiGraph,
    out_dir: str | Path,
    request: ViewRequest | None = None,
    *,
    texts: Callable[[str], DocumentText] | None = None,
    top: int = TOP_OVERALL,
    per_type: int = TOP_PER_TYPE,
    title: str | None = None,
) -> list[Page]:
    """Write ``graph.html``, one ego view per top actor, a page per document,
    ``timeline.html`` and ``index.html`` into ``out_dir``.

    ``request`` (its focus ignored) shapes every view: labels, min weight, size measure;
    the top actors are chosen among the entities it keeps, and only those with a link
    in it, so no ego page is a single dot. ``texts`` gives a document's stored text for
    its page (``views.reader.read_document_text`` of the store); without it the pages
    hold the byline only. ``title`` names the whole-graph page. Returns the views
    written, the index last.
    """
    request = replace(request or ViewRequest(), focus=None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    whole_selection = select(graph, request)
    actors = top_actors(graph, top, per_type, whole_selection)
    ego_pages = {node: f"{stem}.html" for node, stem in page_names(graph, actors).items()}
    documents = document_pages(graph)
    entity_pages = {
        node: ego_pages.get(node) or graph_href(node) for node in whole_selection.entities
    }
    links = PageLinks(entities=ego_pages, documents=documents)
    whole = write_page(graph, request, out / "graph.html", title=title, links=links)
    egos = [
        write_page(graph, replace(request, focus=node, depth=1), out / page, links=links)
        for node, page in ego_pages.items()
    ]
    for node, page in documents.items():
        sentences = reader_sentences(texts(node)) if texts is not None else []
        html_text = document_page(graph, node, sentences, entity_pages)
        (out / page).write_text(html_text, encoding="utf-8")
    (out / "timeline.html").write_text(
        timeline_page(graph, entity_pages, documents), encoding="utf-8"
    )
    index = out / "index.html"
    index.write_text(index_html(graph, whole, egos, entity_pages, documents), encoding="utf-8")
    return [whole, *egos, Page(index, whole.selection)]


def document_pages(graph: nx.MultiDiGraph) -> dict[str, str]:
    """A page name per document: ``doc-`` + its title's words + a part of its id."""
    schema = load_schema()
    pages: dict[str, str] = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") != schema.document.label:
            continue
        words = page_name(str(attrs.get("title") or ""))[:40].strip("-")
        tag = re.sub(r"[^a-z0-9]", "", node.rsplit(":", 1)[-1].lower())[-8:] or "x"
        stem = f"doc-{words}-{tag}" if words != "entity" else f"doc-{tag}"
        while f"{stem}.html" in pages.values():
            stem += "-x"
        pages[node] = f"{stem}.html"
    return pages


def top_actors(
    graph: nx.MultiDiGraph,
    top: int = TOP_OVERALL,
    per_type: int = TOP_PER_TYPE,
    selection: Selection | None = None,
) -> list[str]:
    """The ``top`` strongest entities by PageRank, plus the ``per_type`` strongest of each type.

    Per-type picks give every kind of actor a way in: on a corpus about states the
    overall ranking would otherwise hold no person or tribunal at all. With a
    ``selection`` (the filtered whole graph), only its entities that have a link in it.
    """
    if selection is None:
        entities = [n for n, a in graph.nodes(data=True) if is_entity(a)]
    else:
        linked = {
            n for s, t, a in selection.graph.edges(data=True) if is_evidence_link(a) for n in (s, t)
        }
        entities = [n for n in selection.entities if n in linked]
    entities.sort(
        key=lambda n: (
            -strength(graph.nodes[n], "pagerank"),
            -int(graph.nodes[n].get("mentions") or 0),
            n,
        )
    )
    chosen = set(entities[:top])
    taken: dict[str, int] = {}
    for node in entities:
        label = str(graph.nodes[node].get("label"))
        if taken.get(label, 0) < per_type:
            chosen.add(node)
            taken[label] = taken.get(label, 0) + 1
    return [n for n in entities if n in chosen]


def page_name(name: str) -> str:
    """A file name stem from an entity name: lower-case ASCII letters, digits and '-'."""
    ascii_name = name.casefold().encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return stem[:60].strip("-") or "entity"


def page_names(graph: nx.MultiDiGraph, nodes: Sequence[str]) -> dict[str, str]:
    """Distinct file stems for ``nodes``: the name, then name-label when two names collide."""
    taken = set(RESERVED_PAGES)
    names: dict[str, str] = {}
    for node in nodes:
        attrs = graph.nodes[node]
        stem = page_name(str(attrs.get("name") or node))
        if stem in taken:
            stem = f"{stem}-{page_name(str(attrs.get('label', '')))}"
        base, number = stem, 2
        while stem in taken:
            stem, number = f"{base}-{number}", number + 1
        taken.add(stem)
        names[node] = stem
    return names


def index_html(
    graph: nx.MultiDiGraph,
    whole: Page,
    egos: Sequence[Page],
    entity_pages: Mapping[str, str],
    document_pages: Mapping[str, str],
) -> str:
    """The start page: what the graph holds, a search over every entity and document,
    the top actors' pages, and every entity by type and every document."""
    schema = load_schema()
    entities: dict[str, list[str]] = {}
    documents: list[str] = []
    for node, attrs in graph.nodes(data=True):
        if is_entity(attrs):
            entities.setdefault(str(attrs.get("label")), []).append(node)
        else:
            documents.append(node)
    links = sum(1 for *_, a in graph.edges(data=True) if is_evidence_link(a))
    order = [*schema.entity_labels, *sorted(set(entities) - set(schema.entity_labels))]
    summary = ", ".join(f"{len(entities[t])} {html.escape(t)}" for t in order if t in entities)
    total = sum(len(nodes) for nodes in entities.values())

    top_sections = []
    for label in order:
        pages = [p for p in egos if graph.nodes[p.selection.focus or ""].get("label") == label]
        if pages:
            items = "\n".join(_index_item(graph, page) for page in pages)
            top_sections.append(
                f"<section><h3>{glyph(label)}{html.escape(label)}</h3>\n<ol>\n{items}\n</ol></section>"
            )
    every = []
    for label in order:
        if label not in entities:
            continue
        nodes = sorted(entities[label], key=lambda n: _fold(str(graph.nodes[n].get("name") or n)))
        items = "\n".join(_entity_item(graph, node, entity_pages) for node in nodes)
        every.append(
            f'<section class="findable"><h3>{glyph(label)}{html.escape(label)} '
            f'<span class="count">{len(nodes)}</span></h3>\n<ul class="all">\n{items}\n</ul>'
            "</section>"
        )
    docs = sorted(documents, key=lambda d: str(graph.nodes[d].get("title") or d))
    doc_items = "\n".join(_document_item(graph, d, document_pages) for d in docs)
    shown = len(whole.selection.entities)
    whole_line = f"Open the whole graph ({count(shown, 'entity', 'entities')}"
    whole_line += ")" if shown == total else f" of {total})"
    body = f"""<h1>actorgraph views</h1>
<p class="lead">{count(total, "entity", "entities")} ({summary or "none"}) from
{count(len(documents), "document")}; {count(links, "link")} between them.</p>
<a class="button" href="graph.html">{html.escape(whole_line)}</a>
<a class="button plain" href="timeline.html">Timeline</a>
<form id="find-form" role="search" autocomplete="off">
<input id="find" type="search" aria-label="Find an entity or a document by name, alias or title"
 placeholder="Find an entity or a document by name, alias or title">
<span id="find-status" role="status"></span>
</form>
<section id="top-actors"><h2>Start from an actor</h2>
<p class="lead">The strongest actors by PageRank, overall and of each type; each page shows
one actor and the entities it is linked to.</p>
<div class="columns">
{"".join(top_sections) or "<p>No entities yet: run <code>actorgraph build</code>.</p>"}
</div></section>
<h2>Every entity, by type</h2>
<div class="columns">
{"".join(every)}
</div>
<section class="findable"><h2>Every document <span class="count">{len(docs)}</span></h2>
<ul class="all">
{doc_items}
</ul></section>"""
    return static_page("actorgraph views", body, script=asset("index.js"))


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _find_key(*names: object) -> str:
    """The folded names an index item is found by, "|" between them, for index.js."""
    return html.escape("|".join(dict.fromkeys(_fold(str(n)) for n in names if n)))


def _entity_item(graph: nx.MultiDiGraph, node: str, pages: Mapping[str, str]) -> str:
    attrs = graph.nodes[node]
    name = str(attrs.get("name") or node)
    aliases = [str(a) for a in attrs.get("aliases") or () if a != name]
    text = link(pages[node], name) if node in pages else html.escape(name)
    also = (
        f' <span class="facts">also {html.escape("; ".join(aliases[:3]))}</span>' if aliases else ""
    )
    return f'<li data-find="{_find_key(name, *aliases)}">{text}{also}</li>'


def _document_item(graph: nx.MultiDiGraph, node: str, pages: Mapping[str, str]) -> str:
    attrs = graph.nodes[node]
    title = str(attrs.get("title") or attrs.get("key") or node)
    when = attrs.get("date_iso") or attrs.get("date") or "undated"
    authors = ", ".join(str(a) for a in attrs.get("authors") or ())
    facts = html.escape(" · ".join(str(x) for x in (when, authors) if x))
    text = link(pages[node], title) if node in pages else html.escape(title)
    return (
        f'<li data-find="{_find_key(title, *attrs.get("authors") or ())}">{text} '
        f'<span class="facts">{facts}</span></li>'
    )


def _index_item(graph: nx.MultiDiGraph, page: Page) -> str:
    node = page.selection.focus or ""
    attrs = graph.nodes[node]
    mentions = int(attrs.get("mentions") or 0)
    linked = len(page.selection.entities) - 1
    facts = f"{count(mentions, 'mention')} \u00b7 linked to {count(linked, 'entity', 'entities')}"
    name = str(attrs.get("name", node))
    return f'<li>{link(page.path.name, name)} <span class="facts">{facts}</span></li>'
