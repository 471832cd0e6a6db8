"""Options shared by several commands: where the store is, and opening it."""

from __future__ import annotations

import argparse
import os

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
    return args.store or os.environ.get("ACTORGRAPH_STORE") or DEFAULT_STORE


def open_store_from_args(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    from actorgraph.graph.cli import CliError

    try:
        return open_store(store_location(args), read_only=read_only)
    except StoreError as exc:
        raise CliError(str(exc)) from None
