"""``actorgraph view``: write interactive HTML views of the stored graph (graph.views), and
a reader page per document with its whole article, read from the store."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

import networkx as nx

from actorgraph.graph.cli.common import add_store_option, open_store_from_args
from actorgraph.graph.schema import load_schema
from actorgraph.graph.stores.base import Store, StoreError
from actorgraph.graph.views.reader import read_document_text
from actorgraph.graph.views.render import Page, write_page
from actorgraph.graph.views.screenshot import ScreenshotError, screenshot
from actorgraph.graph.views.select import (
    DEFAULT_MAX_NODES,
    SIZE_MEASURES,
    ViewError,
    ViewRequest,
    find_entity,
    is_entity,
)
from actorgraph.graph.views.site import page_names, write_site

DEFAULT_OUT = "out"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "view",
        help="write interactive HTML views of the graph",
        description="Write self-contained HTML views that work offline: by default "
        "OUT/graph.html (the whole graph), one neighbourhood page per top actor, a reader "
        "page per document (OUT/doc-*.html), OUT/timeline.html and OUT/index.html linking "
        "them; with --focus, one neighbourhood page named after the entity "
        "(OUT/geoffrey-nice.html).",
    )
    parser.add_argument(
        "-o",
        "--output",
        default=DEFAULT_OUT,
        metavar="OUT",
        help=f"a directory (default: {DEFAULT_OUT}/), or an .html file for a single page",
    )
    add_store_option(parser)
    parser.add_argument(
        "--focus", metavar="NAME", help="draw the neighbourhood of this entity (name, alias or id)"
    )
    parser.add_argument(
        "--depth", type=int, default=1, metavar="N", help="links from --focus (default: 1)"
    )
    parser.add_argument(
        "--label",
        action="append",
        default=[],
        choices=load_schema().entity_labels,
        metavar="LABEL",
        help="keep only entities of this type; repeat for several "
        f"({', '.join(load_schema().entity_labels)})",
    )
    parser.add_argument(
        "--min-weight",
        type=int,
        default=1,
        metavar="W",
        help="keep only links supported by at least W sentences (default: 1)",
    )
    parser.add_argument(
        "--size-by",
        choices=SIZE_MEASURES,
        default="pagerank",
        help="what node size shows (default: pagerank)",
    )
    parser.add_argument(
        "--documents",
        action="store_true",
        help="also draw Document nodes with their MENTIONS and WROTE links",
    )
    parser.add_argument(
        "--max-nodes",
        type=int,
        default=DEFAULT_MAX_NODES,
        metavar="N",
        help=f"keep at most the N strongest entities (default: {DEFAULT_MAX_NODES})",
    )
    parser.add_argument(
        "--index",
        action="store_true",
        help="also write index.html, graph.html, the top actors' pages, the document "
        "pages and timeline.html (the default unless --focus or an .html OUT is given)",
    )
    parser.add_argument("--title", help="the page title (default: from the view)")
    parser.add_argument(
        "--screenshot",
        metavar="PNG",
        help="also save a picture of the main page (needs Chromium; skipped with a warning "
        "when it is not installed)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the graph, then write the pages; the store stays open (read-only) while the
    document pages read their text from it, one document at a time."""
    from actorgraph.graph.cli import CliError

    store = open_store_from_args(args, read_only=True)
    try:
        return _write_views(args, store)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()


def _write_views(args: argparse.Namespace, store: Store) -> int:
    from actorgraph.graph.cli import CliError

    graph = store.read_graph()
    if not any(is_entity(attrs) for _, attrs in graph.nodes(data=True)):
        raise CliError("the store holds no entities yet; run `actorgraph build` first")

    request = ViewRequest(
        focus=args.focus,
        depth=args.depth,
        labels=tuple(dict.fromkeys(args.label)),
        min_weight=args.min_weight,
        include_documents=args.documents,
        size_by=args.size_by,
        max_nodes=args.max_nodes,
    )
    output = Path(args.output)
    single = output.suffix.lower() in (".html", ".htm")
    folder = output.parent if single else output
    main: Page | None = None
    try:
        if single or args.focus:
            path = output if single else folder / f"{_focus_stem(graph, args.focus)}.html"
            main = write_page(graph, request, path, title=args.title)
            _say(main)
        if args.index or not (single or args.focus):
            title = None if args.focus else args.title
            whole, *egos, index = write_site(
                graph,
                folder,
                replace(request, focus=None),
                texts=partial(read_document_text, store),
                title=title,
            )
            _say(whole)
            print(
                f"wrote {index.path} (links the whole graph, {len(egos)} actor pages, "
                "a page per document and timeline.html)"
            )
            main = main or whole
    except ViewError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {folder}: {exc}") from None
    if args.screenshot and main is not None:
        try:
            print(f"wrote {screenshot(main.path, args.screenshot)}")
        except ScreenshotError as exc:
            print(f"warning: no screenshot: {exc}", file=sys.stderr)
    return 0


def _focus_stem(graph: nx.MultiDiGraph, focus: str) -> str:
    node = find_entity(graph, focus)
    return page_names(graph, [node])[node]


def _say(page: Page) -> None:
    selection = page.selection
    links = selection.graph.number_of_edges()
    print(f"wrote {page.path} ({len(selection.entities)} entities, {links} links)")
    if selection.omitted:
        print(
            f"note: the {len(selection.omitted)} weakest of {selection.eligible} entities are "
            f"left out of {page.path.name}; narrow the view with --focus, --label or "
            "--min-weight, or raise --max-nodes",
            file=sys.stderr,
        )
