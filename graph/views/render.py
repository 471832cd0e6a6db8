"""Write one self-contained HTML view of a graph, through pyvis.

``views.network`` fills a pyvis ``Network`` (styled nodes and links, vis options) and
``Network.generate_html`` renders it, but with the project's own Jinja template
(``assets/view.html``): pyvis's template loads bootstrap and vis from a CDN and pastes
node text into inline JavaScript unescaped, while ours carries the Network's nodes,
links and options as one inert JSON data block. vis-network is inlined, and a
Content-Security-Policy lets only the page's own scripts and style run (by hash) and
forbids every fetch; so a page opened from a shared drive or an email works offline,
and text from a document can neither load anything nor run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import networkx as nx

from actorgraph.graph.views.network import network
from actorgraph.graph.views.payload import PageLinks, payload
from actorgraph.graph.views.select import DEFAULT_MAX_NODES, Selection, ViewRequest, select

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")
# A JSON text made safe inside <script>: nothing can close the element, open a comment,
# or end a JavaScript line, and no "//" of an address survives.
SCRIPT_SAFE = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "/": "\\/",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


@dataclass(frozen=True, slots=True)
class Page:
    """One written view and what it holds (for the command's summary)."""

    path: Path
    selection: Selection


def render_view(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str | None = None,
    focus: str | None = None,
    depth: int = 1,
    labels: Sequence[str] = (),
    min_weight: int = 1,
    size_by: str = "pagerank",
    include_documents: bool = False,
    max_nodes: int = DEFAULT_MAX_NODES,
    query: str | None = None,
) -> Path:
    """Write an interactive view of ``graph`` to ``path`` (an .html file) and return it.

    ``graph`` follows the in-memory contract (graph.model); a query result works too,
    and Document nodes in it supply evidence titles and dates. By default the view draws
    every entity and the links between them (co-mentions and typed relations), capped
    at ``max_nodes`` strongest entities; ``focus`` (a name, alias or id) with ``depth``
    draws a neighbourhood instead. ``query`` names the query that made the page (its name
    and parameters, or its Cypher): the page says so under its title. Raises
    ``ViewError`` for an unknown focus or label.

    >>> render_view(graph, "out/china.html", title="Neighbours of China")  # doctest: +SKIP
    """
    request = ViewRequest(
        focus=focus,
        depth=depth,
        labels=tuple(labels),
        min_weight=min_weight,
        include_documents=include_documents,
        size_by=size_by,
        max_nodes=max_nodes,
    )
    return write_page(graph, request, path, title=title, query=query).path


def write_page(
    graph: nx.MultiDiGraph,
    request: ViewRequest,
    path: str | Path,
    *,
    title: str | None = None,
    query: str | None = None,
    links: PageLinks | None = None,
) -> Page:
    """Select, then write one page; returns what it holds."""
    selection = select(graph, request)
    if title is None:
        title = default_title(graph, selection)
    data = payload(graph, selection, title=title, query=query, links=links)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page_html(data), encoding="utf-8")
    return Page(target, selection)


def default_title(graph: nx.MultiDiGraph, selection: Selection) -> str:
    if selection.focus is not None:
        return f"{graph.nodes[selection.focus].get('name', selection.focus)}: neighbourhood"
    return "actorgraph: whole graph"


def script_json(value: Any) -> str:
    """JSON text that is inert inside a ``<script>`` element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(
        SCRIPT_SAFE
    )


def page_html(data: dict[str, Any]) -> str:
    """The complete page for a payload: pyvis renders its Network through our template."""
    net = network(data)
    page = {"meta": data["meta"], "types": data["types"], "docs": data["docs"]}
    net.template = _environment().from_string(asset("view.html"), globals=page)
    # notebook=True only makes pyvis render net.template instead of its own template.html
    return str(net.generate_html(name="view.html", notebook=True))


def content_policy(*, scripts: Sequence[str], styles: Sequence[str]) -> str:
    """No network, no plug-ins, no forms; only these exact scripts and styles run."""
    script_hashes = " ".join(_hash(s) for s in scripts) or "'none'"
    style_hashes = " ".join(_hash(s) for s in styles) or "'none'"
    return (
        "default-src 'none'; "
        f"script-src {script_hashes}; "
        f"style-src {style_hashes}; "
        "img-src data:; font-src 'none'; connect-src 'none'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def fill(template: str, values: dict[str, str]) -> str:
    """Substitute ``{{name}}`` once, in one pass: inserted text is never scanned again."""
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


@cache
def _environment() -> jinja2.Environment:
    """Jinja for view pages: HTML-escaping by default, the inlined assets and their policy."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    environment.filters["script_json"] = lambda value: markupsafe.Markup(script_json(value))
    environment.filters["parse_json"] = json.loads
    css = asset("glyphs.css") + asset("view.css")
    scripts = [asset("vis-network.min.js"), asset("view.js")]
    # assets are ours and checked in _assets(): nothing in them can close its element
    environment.globals.update(
        css=markupsafe.Markup(css),
        vis_js=markupsafe.Markup(scripts[0]),
        view_js=markupsafe.Markup(scripts[1]),
        csp=markupsafe.Markup(content_policy(scripts=scripts, styles=[css])),
    )
    return environment


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def asset(name: str) -> str:
    """The text of one file of ``assets/``, as a page inlines it."""
    return _assets()[name]


@cache
def _assets() -> dict[str, str]:
    folder = resources.files("actorgraph.graph.views").joinpath("assets")
    assets = {
        name: folder.joinpath(name).read_text("utf-8")
        for name in (
            "view.html",
            "view.css",
            "glyphs.css",
            "view.js",
            "vis-network.min.js",
            "pages.css",
            "index.js",
        )
    }
    # Same strings to JavaScript; the page then names no http(s):// address at all.
    vis = assets["vis-network.min.js"].replace("://", ":\\/\\/")
    assets["vis-network.min.js"] = SOURCE_MAP.sub("", vis)
    for name, text in assets.items():
        if name != "view.html" and re.search(r"</(script|style)|<!--", text, re.IGNORECASE):
            raise RuntimeError(f"asset {name} cannot be inlined: it would close its element")
    return assets
