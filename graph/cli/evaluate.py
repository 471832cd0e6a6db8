"""``actorgraph eval GOLD.json...``: score a graph against gold annotation files.

The graph is the store's when ``--store`` (or ``$ACTORGRAPH_STORE``) names one; otherwise
the gold files' own texts (``texts/`` beside a gold file, or the seed folder) are built in
memory first, so ``actorgraph eval ../shared/eval/dev_articles/gold.json`` works alone.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from actorgraph.graph.cli.common import add_store_option, read_graph_from_args
from actorgraph.graph.evaluate import (
    Gold,
    GoldError,
    Report,
    build_from_texts,
    combine,
    evaluate,
    format_report,
    format_table,
    gold_texts,
    load_gold,
    only_documents,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score a graph against gold annotation files",
        description="Entity precision, recall and F1 (untyped and typed), alias-merge rate, "
        "over-merged nodes, typed-relation recall and precision of a graph against each "
        "GOLD file (the format of ../shared/eval/README.md) and over all of them. The graph "
        "is the store's with --store (or $ACTORGRAPH_STORE); otherwise the gold files' texts "
        "are built in memory.",
    )
    parser.add_argument("gold", nargs="+", metavar="GOLD.json", help="gold annotation files")
    add_store_option(parser)
    parser.add_argument(
        "--texts",
        action="append",
        metavar="PATH",
        help="build these files or folders in memory instead of the gold files' own texts",
    )
    parser.add_argument(
        "--documents",
        metavar="IDS",
        help="score only these gold documents (comma-separated ids, e.g. n01,n02)",
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline for an in-memory build")
    parser.add_argument(
        "--brief", action="store_true", help="print only the table, not the lists of errors"
    )
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    golds: list[tuple[Path, Gold]] = []
    for name in args.gold:
        path = Path(name)
        try:
            gold = load_gold(path)
        except GoldError as exc:
            raise CliError(str(exc)) from None
        if args.documents:
            gold = only_documents(gold, args.documents.split(","))
        golds.append((path, gold))
    if args.store or os.environ.get("ACTORGRAPH_STORE"):
        graph = read_graph_from_args(args)
    else:
        texts = [Path(t) for t in args.texts] if args.texts else _own_texts(golds)
        missing = [t for t in texts if not t.exists()]
        if missing or not texts:
            raise CliError(f"no texts to build: {', '.join(map(str, missing)) or 'none found'}")
        graph = build_from_texts(texts, args.model)
    reports = [(str(path), evaluate(graph, gold)) for path, gold in golds]
    rows: list[tuple[str, Report]] = list(reports)
    if len(reports) > 1:
        rows.append(("overall", combine(r for _, r in reports)))
    if args.json:
        print(json.dumps({name: r.as_dict() for name, r in rows}, indent=2, ensure_ascii=False))
        return 0
    if not args.brief:
        for name, report in reports:
            print(f"== {name} ==\n{format_report(report)}\n")
    print(format_table(rows))
    return 0


def _own_texts(golds: list[tuple[Path, Gold]]) -> list[Path]:
    texts: list[Path] = []
    for path, gold in golds:
        texts += [t for t in gold_texts(path, gold) if t not in texts]
    return texts
