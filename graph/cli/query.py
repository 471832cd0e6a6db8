"""``actorgraph queries``, ``query`` and ``cypher``: run read-only Cypher on the store.

Named queries come from the library (graph.querylib); ``cypher`` runs a statement typed
by the analyst. Both open the store read-only and refuse a statement that writes before
it reaches the store (the stores refuse it again). Results print as an aligned table,
CSV or JSON; ``--html`` draws the entities a result names as an interactive view.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process, utils

from actorgraph.graph.cli.common import add_store_option, open_store_from_args, store_location
from actorgraph.graph.cli.output import DEFAULT_WIDTH, FORMATS, format_result, plain
from actorgraph.graph.querylib import (
    DIALECTS,
    NamedQuery,
    QueryError,
    get_query,
    load_library,
    parse_assignments,
    prepare_statement,
)
from actorgraph.graph.schema import load_schema
from actorgraph.graph.stores import is_neo4j_uri
from actorgraph.graph.stores.base import (
    QueryResult,
    ReadOnlyError,
    Store,
    StoreDamaged,
    StoreError,
)
from actorgraph.graph.stores.dialect import hint, translate

SUGGESTIONS = 5  # nearest names offered for a name that matches no entity
SIMILARITY = 70  # rapidfuzz ratio (0-100) a name or alias must reach to be offered ...
WITHIN = 15  # ... and no further than this below the best one (a typo has one answer)


def register(subparsers: argparse._SubParsersAction) -> None:
    listing = subparsers.add_parser(
        "queries",
        help="list the named queries, with their parameters",
        description="List the library of named Cypher queries (queries/*.cypher): name, "
        "what it answers, and the parameters `actorgraph query` takes.",
    )
    listing.add_argument(
        "--show", metavar="NAME", help="print one query's Cypher text, for the store in use"
    )
    listing.add_argument(
        "--dialect",
        choices=DIALECTS,
        help="with --show: the dialect to print (default: the store's, from --store)",
    )
    add_store_option(listing)
    listing.set_defaults(func=run_queries)

    named = subparsers.add_parser(
        "query",
        help="run a named query from the library, read-only",
        description="Run a named query (see `actorgraph queries`) with bound parameters, "
        'e.g. actorgraph query neighbours --param name="Geoffrey Nice" --param limit=20. '
        "A name that matches no entity is said so on stderr, with the nearest names.",
    )
    named.add_argument("name", metavar="NAME", help="the query's name")
    _add_run_options(named)
    named.set_defaults(func=run_query)

    adhoc = subparsers.add_parser(
        "cypher",
        help="run your own Cypher statement, read-only",
        description="Run one read-only Cypher statement in the store's dialect (Neo4j's, or "
        "LadybugDB's for the embedded store, which also takes type(r), labels(n), :Group "
        "and WHERE n:Label). Only reading clauses and listed functions pass: CREATE, MERGE, "
        "SET, DELETE, REMOVE, DROP, COPY, LOAD, INSTALL, ATTACH, EXPORT, IMPORT, a CALL of "
        "a procedure, ... are refused. Values of --param are read as JSON when they parse "
        '(42, true, ["a"], "42"), else as text. `actorgraph schema` lists what the store holds.',
    )
    adhoc.add_argument("statement", metavar="STATEMENT", help="the Cypher statement")
    _add_run_options(adhoc)
    adhoc.set_defaults(func=run_cypher)


def non_negative(text: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter value; repeat for several",
    )
    add_output_options(parser)
    parser.add_argument(
        "--html", metavar="OUT", help="also draw the entities in the result as a view (.html)"
    )
    add_store_option(parser)


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """--format and --max-width, for the commands that print rows (query, cypher, search)."""
    parser.add_argument(
        "-f", "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--max-width",
        type=non_negative,
        default=DEFAULT_WIDTH,
        metavar="N",
        help=f"table cells longer than N characters are cut (default: {DEFAULT_WIDTH}; "
        "0 for no limit); CSV and JSON are never cut",
    )


# --- commands ----------------------------------------------------------------------------


def run_queries(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    if args.show:
        try:
            query = get_query(args.show)
        except QueryError as exc:
            raise CliError(str(exc)) from None
        dialect = args.dialect or ("neo4j" if is_neo4j_uri(store_location(args)) else "ladybug")
        print(query.text_for(dialect))
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
        if isinstance(query, NamedQuery):
            text = query.text_for(store.dialect)
        else:
            text = translate(query, store.dialect)
        try:
            result = store.query(text, params, read_only=True)
            notes = unknown_names(store, query, params) if not result.rows else []
            graph = store.read_graph() if args.html else None
        except ReadOnlyError as exc:
            raise CliError(
                f"refused: the statement would write, and this store is read-only here ({exc})"
            ) from None
        except StoreDamaged as exc:
            raise CliError(str(exc)) from None
        except StoreError as exc:
            advice = hint(store.dialect, text, str(exc))
            raise CliError(
                f"the {store.dialect} store could not run the statement: {exc}"
                + (f"\nhint: {advice}" if advice else "")
            ) from None
    finally:
        store.close()
    sys.stdout.write(format_result(result, args.format, max_width=args.max_width))
    for note in notes:
        print(note, file=sys.stderr)
    if graph is not None:
        _write_view(graph, result, Path(args.html), title)
    return 0


# --- a name that matches no entity -------------------------------------------------------


def unknown_names(store: Store, query: NamedQuery | str, params: Mapping[str, Any]) -> list[str]:
    """For a named query that found nothing: one line per entity-name parameter whose
    value is no entity's name or alias (any case), with the nearest names in the store."""
    if not isinstance(query, NamedQuery):
        return []
    asked = [
        value
        for param in query.params
        if param.names_entity
        for value in (
            [params[param.name]] if isinstance(params[param.name], str) else params[param.name]
        )
        if value.strip()
    ]
    if not asked:
        return []
    forms = entity_forms(store)
    notes = []
    for value in asked:
        if value.strip().casefold() in forms:
            continue
        near = nearest_names(value, forms)
        offer = f"; did you mean: {', '.join(near)}?" if near else ""
        notes.append(f"no entity named {value!r}{offer}")
    return notes


def entity_forms(store: Store) -> dict[str, str]:
    """Every entity name and alias in the store, case-folded, to the entity's name."""
    forms: dict[str, str] = {}
    for label in load_schema().entity_labels:
        found = store.query(f"MATCH (n:`{label}`) RETURN n.name AS name, n.aliases AS aliases")
        for name, aliases in found.rows:
            for form in (name, *(aliases or ())):
                forms.setdefault(str(form).casefold(), name)
    return forms


def nearest_names(value: str, forms: Mapping[str, str], limit: int = SUGGESTIONS) -> list[str]:
    """Entity names whose name or alias is nearest ``value``, best first: rapidfuzz's
    normalised edit-distance ratio, after lower-casing and dropping punctuation."""
    matches = process.extract(
        value, list(forms), scorer=fuzz.ratio, processor=utils.default_process,
        limit=limit * 4, score_cutoff=SIMILARITY,
    )  # fmt: skip
    names: list[str] = []
    for form, score, _index in matches:
        if score >= matches[0][1] - WITHIN and forms[form] not in names:
            names.append(forms[form])
    return names[:limit]


def _write_view(graph: nx.MultiDiGraph, result: QueryResult, out: Path, title: str) -> None:
    from actorgraph.graph.cli import CliError
    from actorgraph.graph.views.render import render_view
    from actorgraph.graph.views.select import ViewError

    sub, with_documents = result_subgraph(result, graph)
    if not any(a.get("label") != "Document" for _, a in sub.nodes(data=True)):
        raise CliError("--html: the result names no entity of the stored graph, so nothing to draw")
    try:
        path = render_view(sub, out, title=title, include_documents=with_documents, query=title)
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
