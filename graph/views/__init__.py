"""Interactive HTML views of the graph: self-contained pages that work offline.

- ``select``: which part of the graph a view draws (focus, depth, filters, caps);
- ``payload``: what the page shows about it (tooltips, evidence, legend, notes);
- ``network``: how it is drawn, as a pyvis ``Network`` (styles per type and link kind,
  physics that settles);
- ``render``: one page, rendered by pyvis through the project's template, vis-network
  inlined, under a Content-Security-Policy; ``render_view(graph, path, title=...)`` is
  the entry point (``query=`` says on the page which query made it);
- ``wording``: plain words for link types and extraction rules (``data/view_wording.toml``);
- ``pages``: the site's plain pages (one template, escaped text, links to our pages only);
- ``reader``: a page per document, its sentences with every mention marked and linked;
- ``timeline``: documents, events and dated relations in date order, no year invented;
- ``site``: the whole-graph page, one page per top actor, the document pages, the
  timeline and a searchable ``index.html``;
- ``screenshot``: a PNG of a page through headless Chromium.
"""

from actorgraph.graph.views.render import render_view
from actorgraph.graph.views.select import ViewError, ViewRequest

__all__ = ["ViewError", "ViewRequest", "render_view"]
