"""A folder of views a reader can start from: the whole graph, ego views, and an index.

The index is where a viewer begins: it names what the graph holds and links the
whole-graph view and one neighbourhood per top actor, overall and per type, so a
reader who does not know the names yet can start by clicking.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import networkx as nx

from actorgraph.graph.schema import load_schema
from actorgraph.graph.views.render import Page, asset, content_policy, fill, write_page
from actorgraph.graph.views.select import ViewRequest, is_entity, strength

RESERVED_PAGES = frozenset({"graph", "index"})
TOP_OVERALL = 12
TOP_PER_TYPE = 3


def write_site(
    graph: nx.MultiDiGraph,
    out_dir: str | Path,
    request: ViewRequest | None = None,
    *,
    top: int = TOP_OVERALL,
    per_type: int = TOP_PER_TYPE,
    title: str | None = None,
) -> list[Page]:
    """Write ``graph.html``, one ego view per top actor, and ``index.html`` into ``out_dir``.

    ``request`` (its focus ignored) shapes every page: labels, min weight, size measure;
    ``title`` names the whole-graph page. Returns the pages written, the index last.
    """
    request = request or ViewRequest()
    out = Path(out_dir)
    whole = write_page(graph, replace(request, focus=None), out / "graph.html", title=title)
    actors = top_actors(graph, top, per_type, request.labels)
    names = page_names(graph, actors)
    egos = [
        write_page(graph, replace(request, focus=node, depth=1), out / f"{names[node]}.html")
        for node in actors
    ]
    index = out / "index.html"
    index.write_text(index_html(graph, whole, egos), encoding="utf-8")
    return [whole, *egos, Page(index, whole.selection)]


def top_actors(
    graph: nx.MultiDiGraph,
    top: int = TOP_OVERALL,
    per_type: int = TOP_PER_TYPE,
    labels: Sequence[str] = (),
) -> list[str]:
    """The ``top`` strongest entities by PageRank, plus the ``per_type`` strongest of each type.

    Per-type picks give every kind of actor a way in: on a corpus about states the
    overall ranking would otherwise hold no person or tribunal at all.
    """
    entities = [
        n
        for n, a in graph.nodes(data=True)
        if is_entity(a) and (not labels or a.get("label") in labels)
    ]
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


def index_html(graph: nx.MultiDiGraph, whole: Page, egos: Sequence[Page]) -> str:
    """A plain page (no script) linking the whole-graph view and each ego view."""
    schema = load_schema()
    counts: dict[str, int] = {}
    documents = 0
    for _, attrs in graph.nodes(data=True):
        if is_entity(attrs):
            counts[str(attrs.get("label"))] = counts.get(str(attrs.get("label")), 0) + 1
        else:
            documents += 1
    links = sum(1 for *_, key in graph.edges(keys=True) if key not in ("MENTIONS", "WROTE"))
    order = [*schema.entity_labels, *sorted(set(counts) - set(schema.entity_labels))]
    summary = ", ".join(
        f"{counts[label]} {html.escape(label)}" for label in order if label in counts
    )

    sections = []
    for label in order:
        pages = [p for p in egos if graph.nodes[p.selection.focus or ""].get("label") == label]
        if not pages:
            continue
        items = "\n".join(_index_item(graph, page) for page in pages)
        sections.append(
            f'<section><h3>{_glyph(label)}{html.escape(label)} <span class="count">'
            f"{counts.get(label, 0)}</span></h3>\n<ol>\n{items}\n</ol></section>"
        )
    body = "\n".join(sections) or "<p>No entities yet: run <code>actorgraph build</code>.</p>"
    css = asset("glyphs.css") + INDEX_CSS + _type_colours()
    values = {
        "csp": content_policy(scripts=[], styles=[css]),
        "css": css,
        "documents": str(documents),
        "summary": summary or "none",
        "links": str(links),
        "shown": str(len(whole.selection.entities)),
        "entities": str(sum(counts.values())),
        "sections": body,
    }
    return fill(INDEX_TEMPLATE, values)


def _index_item(graph: nx.MultiDiGraph, page: Page) -> str:
    node = page.selection.focus or ""
    attrs = graph.nodes[node]
    mentions = int(attrs.get("mentions") or 0)
    linked = len(page.selection.entities) - 1
    facts = f"{_count(mentions, 'mention')} \u00b7 {_count(linked, 'link')}"
    return (
        f'<li><a href="{_safe_href(page.path.name)}">{html.escape(str(attrs.get("name", node)))}'
        f'</a> <span class="facts">{facts}</span></li>'
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _glyph(label: str) -> str:
    shape = load_schema().entities[label].shape if label in load_schema().entities else "dot"
    return f'<span class="glyph shape-{html.escape(shape)} t-{_css_name(label)}"></span>'


def _type_colours() -> str:
    """One class per type, so the page needs no inline style attribute (blocked by its CSP)."""
    return "".join(
        f".t-{_css_name(t.label)} {{ background: {t.colour}; }}\n"
        for t in load_schema().entities.values()
        if re.fullmatch(r"#[0-9a-fA-F]{3,8}", t.colour)
    )


def _css_name(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", label)


def _safe_href(name: str) -> str:
    """Only our own relative page names become links (never a scheme such as javascript:)."""
    if not re.fullmatch(r"[a-z0-9-]+\.html", name):
        raise ValueError(f"refusing to link to {name!r}")
    return name


INDEX_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #1f2328; max-width: 980px; margin: 32px auto; padding: 0 16px; }
h1 { font-size: 24px; margin-bottom: 4px; }
.lead { color: #57606a; margin-top: 0; }
.whole { display: inline-block; margin: 12px 0 8px; padding: 8px 14px; border-radius: 6px;
  background: #0969da; color: #fff; text-decoration: none; font-weight: 600; }
#types { display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr));
  gap: 4px 28px; }
h3 { font-size: 15px; margin: 14px 0 4px; display: flex; align-items: center; gap: 4px; }
h3 .count { color: #8c959f; font-weight: normal; font-size: 13px; }
ol { padding-left: 22px; margin: 0; }
li { margin: 2px 0; }
.facts { color: #8c959f; font-size: 13px; margin-left: 4px; }
"""

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{csp}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>actorgraph views</title>
<style>{{css}}</style>
</head>
<body>
<h1>actorgraph views</h1>
<p class="lead">{{entities}} entities ({{summary}}) from {{documents}} documents;
{{links}} links between them.</p>
<a class="whole" href="graph.html">Open the whole graph ({{shown}} entities)</a>
<h2>Start from an actor</h2>
<p class="lead">The strongest actors by PageRank, overall and of each type; each page shows
one actor and the entities it is linked to. Search any name in the whole graph.</p>
<div id="types">
{{sections}}
</div>
</body>
</html>
"""
