"""``actorgraph stats``: what the store holds, per type, and its most connected actors."""

from __future__ import annotations

import argparse
import json

from actorgraph.graph.cli.common import add_store_option, read_graph_from_args
from actorgraph.graph.cli.output import terminal_safe
from actorgraph.graph.pipeline import summary_counts


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("stats", help="count documents, entities and links")
    add_store_option(parser)
    parser.add_argument("--top", type=int, default=10, help="how many top actors to list")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:

    graph = read_graph_from_args(args)
    counts = summary_counts(graph)
    top = sorted(
        (
            (attrs.get("pagerank") or 0.0, attrs["name"], attrs["label"])
            for _, attrs in graph.nodes(data=True)
            if attrs["label"] != "Document"
        ),
        reverse=True,
    )[: args.top]
    if args.json:
        counts["top"] = [{"name": n, "label": lbl, "pagerank": p} for p, n, lbl in top]
        print(json.dumps(counts, indent=2))
        return 0
    print(f"documents  {counts['documents']['Document']}")
    for section in ("entities", "links"):
        print(f"{section:<10} {sum(counts[section].values())}")
        for name, count in counts[section].items():
            print(f"  {name:<14} {count:>6}")
    print("top actors (PageRank)")
    for pagerank, name, label in top:
        print(f"  {terminal_safe(name):<32} {label:<12} {pagerank:.4f}")
    return 0
