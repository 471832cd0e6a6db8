"""``actorgraph build``: documents in, graph into the store, a summary out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from actorgraph.graph.cli.common import add_store_option, open_store_from_args
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL, ModelNotInstalled
from actorgraph.graph.pipeline import DEFAULT_BATCH_SIZE, BuildReport, build, summary_counts
from actorgraph.graph.progress import Progress
from actorgraph.loaders.registry import available_loaders

DEFAULT_PATHS = ["seeds"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="extract entities and links from documents into the store",
        description="Load every file under PATHS (directories recursively), extract "
        "entities and links, and write the difference into the store. Documents the "
        "store already holds are skipped; a changed document replaces its old version; "
        "a file that cannot be read is reported and skipped.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATHS", help="files or directories")
    add_store_option(parser)
    parser.add_argument("--model", default=DEFAULT_MODEL, help="any installed spaCy pipeline")
    parser.add_argument(
        "--loader",
        choices=sorted(available_loaders()),
        help="force this loader instead of detecting one per file",
    )
    parser.add_argument(
        "--workers",
        type=_positive,
        default=None,
        help="parsing processes (default: one per core; a small input is parsed in-process)",
    )
    parser.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH_SIZE,
        help=f"documents per spaCy batch (default: {DEFAULT_BATCH_SIZE})",
    )
    parser.add_argument(
        "--write-batch-size", type=_positive, default=5000, help="rows per store write"
    )
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    paths = args.paths or DEFAULT_PATHS
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise CliError(f"no such file or directory: {', '.join(missing)}")
    store = open_store_from_args(args)
    try:
        report = build(
            paths,
            store,
            model=args.model,
            workers=args.workers,
            batch_size=args.batch_size,
            loader=args.loader,
            write_batch_size=args.write_batch_size,
            progress=None if args.quiet else Progress(),
        )
    except ModelNotInstalled as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    for problem in report.skipped:
        print(f"skipped {problem}", file=sys.stderr)
    if not args.quiet:
        print(format_report(report, store.location))
    return 0


def format_report(report: BuildReport, location: str) -> str:
    counts = summary_counts(report.graph)
    lines = [
        f"documents: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped"
        + (" (resumed an interrupted build)" if report.restarted else ""),
        f"store: {location} ({report.rows_written} rows written)",
        f"graph: {counts['documents']['Document']} documents, "
        f"{sum(counts['entities'].values())} entities, {sum(counts['links'].values())} links",
        "  entities: " + ", ".join(f"{k} {v}" for k, v in counts["entities"].items()),
        "  links: " + ", ".join(f"{k} {v}" for k, v in counts["links"].items()),
        "time: "
        + ", ".join(f"{k} {v:.1f}s" for k, v in report.seconds.items())
        + f" ({report.workers} worker{'s' if report.workers > 1 else ''})",
    ]
    return "\n".join(lines)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
