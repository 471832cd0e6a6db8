"""The site's plain pages (index, document readers, timeline): one template, one policy.

These pages are HTML written here, every text from a document passed through
``html.escape``; they link only to page names the site made (``safe_href``), and run at
most one small script of ours (the index's search), allowed by its hash.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from actorgraph.graph.schema import load_schema
from actorgraph.graph.views.render import asset, content_policy, fill

HREF = re.compile(r"[a-z0-9-]+\.html(#[A-Za-z0-9%._~-]+)?")

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{csp}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="actorgraph">
<link rel="icon" href="data:,">
<title>{{title}}</title>
<style>{{css}}</style>
</head>
<body>
<nav class="site"><a href="index.html">Index</a> <a href="graph.html">Whole graph</a>
<a href="timeline.html">Timeline</a></nav>
{{body}}
{{script}}
</body>
</html>
"""


def static_page(title: str, body: str, *, script: str | None = None) -> str:
    """A complete page: ``title`` is plain text (escaped here), ``body`` is HTML."""
    css = asset("glyphs.css") + asset("pages.css") + type_colours()
    scripts = [script] if script else []
    return fill(
        TEMPLATE,
        {
            "csp": content_policy(scripts=scripts, styles=[css]),
            "css": css,
            "title": html.escape(title),
            "body": body,
            "script": f"<script>{script}</script>" if script else "",
        },
    )


def safe_href(name: str) -> str:
    """Only our own relative page names become links (never a scheme such as javascript:)."""
    if not HREF.fullmatch(name):
        raise ValueError(f"refusing to link to {name!r}")
    return name


def graph_href(node: str) -> str:
    """The whole-graph page, opened on ``node`` (its script focuses the id in the hash)."""
    return safe_href("graph.html#" + quote(node, safe=""))


def link(href: str, text: str, css_class: str = "", title: str = "") -> str:
    """``<a>`` to one of our pages; ``text`` and ``title`` are escaped here."""
    attrs = f' class="{html.escape(css_class)}"' if css_class else ""
    if title:
        attrs += f' title="{html.escape(title)}"'
    return f'<a{attrs} href="{html.escape(safe_href(href))}">{html.escape(text)}</a>'


def glyph(label: str) -> str:
    shape = load_schema().entities[label].shape if label in load_schema().entities else "dot"
    return f'<span class="glyph shape-{html.escape(shape)} t-{css_name(label)}"></span>'


def type_colours() -> str:
    """A class per type (swatch and mention underline): the pages' CSP forbids inline styles."""
    schema = load_schema()
    return "".join(
        f".t-{css_name(t.label)} {{ background: {t.colour}; }}\n"
        f".m.u-{css_name(t.label)} {{ border-bottom-color: {t.colour}; }}\n"
        for t in (*schema.entities.values(), schema.document)
        if re.fullmatch(r"#[0-9a-fA-F]{3,8}", t.colour)
    )


def css_name(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", label)


def count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"
