"""The ``actorgraph`` command: one sub-command per module of this package.

Each module exposes ``register(subparsers)``, which adds its parser and sets
``func`` to the function that runs it; that function returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = ("build", "stats", "export", "view", "query", "evaluate")


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
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except CliError as exc:
        print(f"actorgraph {args.command}: error: {exc}", file=sys.stderr)
        return 2


class CliError(Exception):
    """An error the user can fix; printed without a traceback."""


if __name__ == "__main__":
    sys.exit(main())
