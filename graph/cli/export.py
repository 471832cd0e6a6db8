"""``actorgraph export``: the stored graph as JSON (the export contract), GraphML, GEXF or
Neo4j import CSVs."""

from __future__ import annotations

import argparse
from pathlib import Path

from actorgraph.graph.cli.common import add_store_option, open_store_from_args
from actorgraph.graph.exports import WRITERS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the graph as JSON, GraphML, GEXF or Neo4j import CSVs",
        description="json: node-link JSON with evidence (lossless); graphml/gexf: for "
        "Gephi and friends; neo4j-csv: a directory of CSVs for `neo4j-admin database "
        "import full`.",
    )
    parser.add_argument("path", metavar="PATH", help="output file (a directory for neo4j-csv)")
    parser.add_argument("--format", choices=sorted(WRITERS), default="json")
    add_store_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store_from_args(args, read_only=True)
    try:
        graph = store.read_graph()
    finally:
        store.close()
    for written in WRITERS[args.format](graph, Path(args.path)):
        print(written)
    return 0
