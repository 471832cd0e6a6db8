"""``actorgraph recover``: complete the writes a crash, Ctrl-C or a full disk interrupted.

Every build and remove does this first; the command is for a store that will be read
before it is next written (a read refuses while a write is pending)."""

from __future__ import annotations

import argparse

from actorgraph.graph.cli.common import add_store_option, open_store_from_args, write_failed
from actorgraph.graph.cli.output import terminal_safe
from actorgraph.graph.stores.base import StoreError
from actorgraph.graph.stores.delta import recover
from actorgraph.graph.stores.lock import WriterLock, lock_path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "recover",
        help="complete the interrupted writes of a store (every build and remove does it first)",
    )
    add_store_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store_from_args(args)
    try:
        with WriterLock(lock_path(store.journal_dir), store=store.location):
            documents = recover(store)
    except (StoreError, OSError, KeyboardInterrupt) as exc:
        raise write_failed(store, exc) from None
    finally:
        store.close()
    aside = getattr(store, "wal_set_aside", None)
    if aside is not None:
        print(terminal_safe(f"a damaged write-ahead log was set aside as {aside}"))
    print(
        terminal_safe(
            f"{store.location}: completed an interrupted write of {len(documents)} documents"
            if documents
            else f"{store.location}: no interrupted write; the store is complete"
        )
    )
    return 0
