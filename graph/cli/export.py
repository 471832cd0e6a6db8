"""``actorgraph export``: the stored graph as JSON (the export contract, with every stored
sentence), GraphML, GEXF or Neo4j import CSVs."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from actorgraph.graph.cli.common import add_store_option, open_store_from_args
from actorgraph.graph.exports import (
    MIXED_GRAPH_FORMATS,
    SUFFIXES,
    WRITERS,
    ExportPathError,
    choose_format,
)
from actorgraph.graph.exports.neo4j_csv import CsvExportError, stored_texts
from actorgraph.graph.exports.node_link import stored_sentences
from actorgraph.graph.stores.base import StoreError


def register(subparsers: argparse._SubParsersAction) -> None:
    endings = ", ".join(f"{suffix} = {name}" for suffix, name in SUFFIXES.items())
    parser = subparsers.add_parser(
        "export",
        help="write the graph as JSON, GraphML, GEXF or Neo4j import CSVs",
        description="json: node-link JSON with evidence and every sentence (lossless); "
        "graphml/gexf: for Gephi and friends (label = name, kind = type, co-mentions "
        "undirected); neo4j-csv: a new or empty directory of CSVs for "
        "`neo4j-admin database import full`. "
        f"The format follows the file name ({endings}) unless --format says it; "
        "an existing file is replaced.",
    )
    parser.add_argument("path", metavar="PATH", help="output file (a directory for neo4j-csv)")
    parser.add_argument("--format", choices=sorted(WRITERS), default=None)
    parser.add_argument(
        "--directed",
        action="store_true",
        help="graphml/gexf: write co-mentions as directed edges too, for readers that "
        "refuse mixed graphs (networkx's read_graphml and read_gexf)",
    )
    add_store_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    path = Path(args.path)
    try:
        fmt = choose_format(path, args.format)
    except ExportPathError as exc:
        raise CliError(str(exc)) from None
    write = WRITERS[fmt]
    if args.directed:
        if fmt not in MIXED_GRAPH_FORMATS:
            raise CliError(f"--directed applies to {' and '.join(MIXED_GRAPH_FORMATS)}, not {fmt}")
        write = partial(write, mixed=False)
    store = open_store_from_args(args, read_only=True)
    try:
        graph = store.read_graph()
        if fmt == "json":  # every stored sentence, not only those the links cite
            write = partial(write, sentences=stored_sentences(store))
        elif fmt == "neo4j-csv":  # every stored sentence and mention, as the store has them
            write = partial(write, texts=stored_texts(store, graph))
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    try:
        written = write(graph, path)
    except (ExportPathError, CsvExportError) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:  # a parent that is a file, no permission, a full disk, ...
        where = exc.filename or path
        raise CliError(f"cannot write {where}: {exc.strerror}") from None
    for name in written:
        print(name)
    return 0
