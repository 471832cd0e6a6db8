"""``actorgraph eval GOLD.json``: score the stored graph against a gold annotation file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from actorgraph.graph.cli.common import add_store_option, open_store_from_args
from actorgraph.graph.evaluate import evaluate, format_report, load_gold


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score the stored graph against a gold annotation file",
        description="Entity precision, recall and F1 (untyped and typed), alias-merge rate, "
        "over-merged nodes and typed-relation recall of the stored graph against GOLD "
        "(the format of ../shared/eval/README.md), with the misses, spurious, split and "
        "over-merged entities listed.",
    )
    parser.add_argument("gold", metavar="GOLD.json", help="the gold annotation file")
    add_store_option(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    path = Path(args.gold)
    try:
        gold = load_gold(path)
    except (OSError, ValueError, KeyError) as exc:
        raise CliError(f"cannot read gold file {path}: {exc}") from None
    store = open_store_from_args(args, read_only=True)
    try:
        graph = store.read_graph()
    finally:
        store.close()
    report = evaluate(graph, gold)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 0
