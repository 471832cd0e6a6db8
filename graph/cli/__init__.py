"""The ``actorgraph`` command: one sub-command per module of this package.

Each module exposes ``register(subparsers)``, which adds its parser and sets
``func`` to the function that runs it; that function returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

COMMAND_MODULES = (
    "build",
    "stats",
    "export",
    "view",
    "query",
    "search",
    "document",
    "schema",
    "evaluate",
    "curate",
    "remove",
    "recover",
)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="actorgraph",
        description="Build and explore a knowledge graph of actors, events and organisations.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # here, so that a closed pipe is met inside the handler below
        return status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except CliError as exc:
        print(f"actorgraph {args.command}: error: {exc}", file=sys.stderr)
        return exc.status
    except BrokenPipeError:  # `actorgraph stats | head`: the reader has all it wanted
        quiet_stdout()
        return BROKEN_PIPE


BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a command cut off by `head`


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit cannot fail a second time."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class CliError(Exception):
    """An error the user can fix; printed without a traceback, exit ``status`` (2 unless said)."""

    def __init__(self, message: str, *, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


if __name__ == "__main__":
    sys.exit(main())
