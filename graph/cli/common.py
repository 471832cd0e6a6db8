"""Options shared by several commands: where the store is, and opening it."""

from __future__ import annotations

import argparse
import os

import networkx as nx

from actorgraph.graph.stores import open_store
from actorgraph.graph.stores.base import Store, StoreError

DEFAULT_STORE = "./actorgraph-data"


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        default=None,
        help="a directory for the embedded store, or a bolt:// / neo4j:// URI "
        f"(default: $ACTORGRAPH_STORE or {DEFAULT_STORE})",
    )


def store_location(args: argparse.Namespace) -> str:
    from actorgraph.graph.cli import CliError

    if args.store is not None and not args.store.strip():
        raise CliError("--store is empty: give a directory or a bolt:// / neo4j:// URI")
    return args.store or os.environ.get("ACTORGRAPH_STORE") or DEFAULT_STORE


def open_store_from_args(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    from actorgraph.graph.cli import CliError

    location = store_location(args)
    try:
        return open_store(location, read_only=read_only)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:  # a path under a regular file, an unwritable parent, ...
        where = "" if exc.filename in (None, location) else f" ({exc.filename})"
        raise CliError(f"{location}: cannot create the store: {exc.strerror}{where}") from None


def read_graph_from_args(args: argparse.Namespace) -> nx.MultiDiGraph:
    """The whole stored graph, read-only, for the commands that work on it in memory."""
    from actorgraph.graph.cli import CliError

    store = open_store_from_args(args, read_only=True)
    try:
        return store.read_graph()
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
