"""``actorgraph remove``: take documents out of the store, with exactly what they added."""

from __future__ import annotations

import argparse
import sys

from actorgraph.graph.cli.common import add_store_option, open_store_from_args, write_failed
from actorgraph.graph.cli.output import terminal_safe
from actorgraph.graph.pipeline import remove
from actorgraph.graph.stores.base import StoreError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "remove",
        help="remove documents (by id, id prefix or source path) and all they contributed",
    )
    parser.add_argument("targets", nargs="+", metavar="PATH|ID", help="documents to remove")
    add_store_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store_from_args(args)
    try:
        report = remove(args.targets, store)
    except (StoreError, OSError, KeyboardInterrupt) as exc:
        raise write_failed(store, exc) from None
    finally:
        store.close()
    for target in report.unmatched:
        print(terminal_safe(f"no stored document is {target!r}"), file=sys.stderr)
    for document, source in report.removed:
        print(terminal_safe(f"removed {document} ({source})"))
    print(f"{len(report.removed)} documents removed, {report.rows_written} rows written")
    return 1 if report.unmatched else 0
