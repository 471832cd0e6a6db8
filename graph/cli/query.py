"""``actorgraph queries``, ``query`` and ``cypher``: run read-only Cypher on the store.

Named queries come from the library (graph.querylib); ``cypher`` runs a statement typed
by the analyst. Both open the store read-only and refuse a statement that writes before
it reaches the store (the stores refuse it again). Results print as an aligned table,
CSV or JSON; ``--html`` draws the entities a result names as an interactive view.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.graph.cli.common import add_store_option, open_store_from_args
from actorgraph.graph.querylib import (
    DIALECTS,
    NamedQuery,
    QueryError,
    get_query,
    load_library,
    parse_assignments,
    prepare_statement,
)
from actorgraph.graph.stores.base import QueryResult, ReadOnlyError, StoreError

FORMATS = ("table", "csv", "json")
DEFAULT_WIDTH = 80
LIST_SEPARATOR = "; "


def register(subparsers: argparse._SubParsersAction) -> None:
    listing = subparsers.add_parser(
        "queries",
        help="list the named queries, with their parameters",
        description="List the library of named Cypher queries (queries/*.cypher): name, "
        "what it answers, and the parameters `actorgraph query` takes.",
    )
    listing.add_argument("--show", metavar="NAME", help="print one query's Cypher text")
    listing.add_argument(
        "--dialect",
        choices=DIALECTS,
        default="neo4j",
        help="with --show: the dialect to print (default: neo4j)",
    )
    listing.set_defaults(func=run_queries)

    named = subparsers.add_parser(
        "query",
        help="run a named query from the library, read-only",
        description="Run a named query (see `actorgraph queries`) with bound parameters, "
        'e.g. actorgraph query neighbours --param name="Geoffrey Nice" --param limit=20',
    )
    named.add_argument("name", metavar="NAME", help="the query's name")
    _add_run_options(named)
    named.set_defaults(func=run_query)

    adhoc = subparsers.add_parser(
        "cypher",
        help="run your own Cypher statement, read-only",
        description="Run one read-only Cypher statement in the store's dialect (Neo4j's, or "
        "LadybugDB's for the embedded store). Statements that write (CREATE, MERGE, SET, "
        "DELETE, REMOVE, DROP, LOAD CSV, CALL of a procedure, ...) are refused. Values of "
        '--param are read as JSON when they parse (42, true, ["a"], "42"), else as text.',
    )
    adhoc.add_argument("statement", metavar="STATEMENT", help="the Cypher statement")
    _add_run_options(adhoc)
    adhoc.set_defaults(func=run_cypher)


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter value; repeat for several",
    )
    parser.add_argument(
        "-f", "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--max-width",
        type=int,
        default=DEFAULT_WIDTH,
        metavar="N",
        help=f"table cells longer than N characters are cut (default: {DEFAULT_WIDTH}; "
        "0 for no limit); CSV and JSON are never cut",
    )
    parser.add_argument(
        "--html", metavar="OUT", help="also draw the entities in the result as a view (.html)"
    )
    add_store_option(parser)


# --- commands ----------------------------------------------------------------------------


def run_queries(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    if args.show:
        try:
            query = get_query(args.show)
        except QueryError as exc:
            raise CliError(str(exc)) from None
        print(query.text_for(args.dialect))
        return 0
    print(describe_library(load_library().values()), end="")
    return 0


def run_query(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    try:
        query = get_query(args.name)
        params = query.bind(parse_assignments(args.param))
    except QueryError as exc:
        raise CliError(str(exc)) from None
    return _execute(args, query, params, title=_title(query, params))


def run_cypher(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    try:
        statement, params = prepare_statement(args.statement, parse_assignments(args.param))
    except QueryError as exc:
        raise CliError(str(exc)) from None
    return _execute(args, statement, params, title=statement)


def _execute(
    args: argparse.Namespace, query: NamedQuery | str, params: dict[str, Any], *, title: str
) -> int:
    from actorgraph.graph.cli import CliError

    store = open_store_from_args(args, read_only=True)
    try:
        text = query.text_for(store.dialect) if isinstance(query, NamedQuery) else query
        try:
            result = store.query(text, params, read_only=True)
        except ReadOnlyError as exc:
            raise CliError(
                f"refused: the statement would write, and this store is read-only here ({exc})"
            ) from None
        except StoreError as exc:
            raise CliError(
                f"the {store.dialect} store could not run the statement: {exc}"
            ) from None
        graph = store.read_graph() if args.html else None
    finally:
        store.close()
    sys.stdout.write(format_result(result, args.format, max_width=args.max_width))
    if graph is not None:
        _write_view(graph, result, Path(args.html), title)
    return 0


def _write_view(graph: nx.MultiDiGraph, result: QueryResult, out: Path, title: str) -> None:
    from actorgraph.graph.cli import CliError
    from actorgraph.graph.views.render import render_view
    from actorgraph.graph.views.select import ViewError

    sub, with_documents = result_subgraph(result, graph)
    if not any(a.get("label") != "Document" for _, a in sub.nodes(data=True)):
        raise CliError("--html: the result names no entity of the stored graph, so nothing to draw")
    try:
        path = render_view(sub, out, title=title, include_documents=with_documents)
    except ViewError as exc:
        raise CliError(f"--html: {exc}") from None
    print(f"wrote {path}", file=sys.stderr)


def _title(query: NamedQuery, params: Mapping[str, Any]) -> str:
    shown = ", ".join(f"{k}={v}" for k, v in params.items() if v not in ("", None))
    return f"{query.name} ({shown})" if shown else query.name


# --- output ------------------------------------------------------------------------------


def describe_library(queries: Any) -> str:
    """The ``queries`` listing: name and description, then one line per parameter."""
    lines: list[str] = []
    for query in queries:
        lines.append(f"{query.name}")
        lines.append(f"    {query.description}")
        for param in query.params:
            default = "" if param.required else f" (default: {json.dumps(param.default)})"
            note = f"  {param.help}" if param.help else ""
            lines.append(f"    --param {param.name}=<{param.type}>{default}{note}")
        lines.append("")
    return "\n".join(lines)


def plain(value: Any) -> Any:
    """A result value as JSON-ready Python: store nodes as their properties, Decimals as numbers."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping) or hasattr(value, "items"):
        items = {str(k): v for k, v in value.items()}
        if "_nodes" in items:  # a path from LadybugDB
            return [plain(node) for node in items["_nodes"]]
        out = {k: plain(v) for k, v in items.items() if not k.startswith("_")}
        if "_label" in items and "label" not in out:
            out["label"] = items["_label"]
        return out
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    if hasattr(value, "nodes"):  # a path from the Neo4j driver
        return [plain(node) for node in value.nodes]
    return str(value)


def cell(value: Any, *, table: bool) -> str:
    """One value as text: lists joined, nodes by name, floats short in tables."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4g}" if table else repr(value)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or value.get("id") or value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(v, table=table) for v in value)
    return str(value)


def format_result(result: QueryResult, fmt: str, *, max_width: int = DEFAULT_WIDTH) -> str:
    if fmt == "json":
        records = [
            {c: plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows
        ]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([cell(v, table=False) for v in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "table":
        return format_table(result, max_width=max_width)
    raise ValueError(f"unknown format {fmt!r}")


def format_table(result: QueryResult, *, max_width: int = DEFAULT_WIDTH) -> str:
    """Columns aligned by the widest cell; numbers right-aligned; one line per row."""
    rows = [[_fit(cell(v, table=True), max_width) for v in row] for row in result.rows]
    numeric = [
        bool(result.rows)
        and all(isinstance(plain(row[i]), (int, float)) or row[i] is None for row in result.rows)
        for i in range(len(result.columns))
    ]
    widths = [
        max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(result.columns)
    ]

    def line(values: list[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(list(result.columns)), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in rows)
    count = len(rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"


def _fit(text: str, max_width: int) -> str:
    text = " ".join(text.split())  # sentences may hold newlines and runs of spaces
    if max_width and len(text) > max_width:
        return text[: max_width - 1] + "…"
    return text


# --- results as a view -------------------------------------------------------------------


def result_subgraph(result: QueryResult, graph: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, bool]:
    """The part of ``graph`` a result names, and whether it names documents.

    A value names a node when it is the node's id, an entity's name or a document's title
    (or a node or path holding those). The subgraph keeps the links among the named nodes,
    and the documents their evidence cites, so tooltips show titles and dates.
    """
    index = _node_index(graph)
    found: set[str] = set()
    for row in result.rows:
        for value in row:
            for text in _strings(value):
                found.update(index.get(text, ()))
    entities = {n for n in found if graph.nodes[n].get("label") != "Document"}
    documents = found - entities
    if documents and not entities:  # a list of documents: draw what they mention
        entities = {
            target
            for document in documents
            for _, target, key in graph.out_edges(document, keys=True)
            if key == "MENTIONS"
        }
    keep = entities | documents
    if not documents:
        keep |= {
            evidence.document
            for source, target, attrs in graph.subgraph(entities).edges(data=True)
            for evidence in attrs.get("evidence") or ()
            if evidence.document in graph
        }
    return nx.MultiDiGraph(graph.subgraph(keep)), bool(documents)


def _node_index(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for node, attrs in graph.nodes(data=True):
        index.setdefault(node, set()).add(node)
        name = attrs.get("title") if attrs.get("label") == "Document" else attrs.get("name")
        if name:
            index.setdefault(str(name), set()).add(node)
    return index


def _strings(value: Any) -> Iterator[str]:
    value = plain(value)
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key in ("id", "name", "title"):
            if isinstance(value.get(key), str):
                yield value[key]
        for inner in value.values():
            if isinstance(inner, (list, dict)):
                yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


__all__ = ["FORMATS", "format_result", "register", "result_subgraph"]
