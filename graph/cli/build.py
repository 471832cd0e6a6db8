"""``actorgraph build``: documents in, graph into the store, a summary out."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from actorgraph.graph.cli.common import (
    DISK_FULL,
    add_store_option,
    open_store_from_args,
    write_failed,
)
from actorgraph.graph.cli.curate import add_curation_option, load_curation
from actorgraph.graph.cli.output import terminal_safe
from actorgraph.graph.curation.judgements import CurationError
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL, ModelNotInstalled
from actorgraph.graph.model import CO_MENTION_MAX_CHARS, CO_MENTION_MAX_ENTITIES
from actorgraph.graph.pipeline import DEFAULT_BATCH_SIZE, BuildReport, build
from actorgraph.graph.progress import Progress
from actorgraph.graph.stores.base import StoreError
from actorgraph.loaders.registry import available_loaders

DEFAULT_PATHS = ["seeds"]
NOTHING_READ = 3  # exit status when no document could be read (2: a usage error, 130: Ctrl-C)
GONE_LISTED = 20  # gone documents named one by one; past that, a count
EXIT_STATUS = f"""exit status:
  0    built (some files may have been reported and skipped)
  2    a usage error, or a store that cannot be opened or created
  {NOTHING_READ}    nothing could be read and built: every input was skipped, or none given
  {DISK_FULL}    the disk filled during the write (the next build completes it)
  130  interrupted (Ctrl-C)"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="extract entities and links from documents into the store",
        description=textwrap.fill(
            "Load every file under PATHS (directories recursively), extract "
            "entities and links, and write the difference into the store. Documents the "
            "store already holds are skipped; a changed document replaces its old version; "
            "a file that cannot be read is reported and skipped. A document longer than "
            "spaCy takes at once is parsed in sections. Stored documents whose file is gone "
            "from PATHS are reported, and removed with --prune.",
            width=79,
        ),
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
        "--year",
        type=_year,
        help="the year of dates written without one ('1 Feb'), unless a file's own "
        "'year:' line says otherwise; without it such dates stay year-less, never guessed",
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
    parser.add_argument(
        "--prune",
        action="store_true",
        help="remove stored documents whose source file under PATHS is gone "
        "(deleted, moved, renamed, or no longer in its collection file)",
    )
    add_curation_option(parser)
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    paths = args.paths or DEFAULT_PATHS
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise CliError(f"no such file or directory: {', '.join(missing)}")
    curation = load_curation(args)
    store = open_store_from_args(args)
    try:
        report = build(
            paths,
            store,
            model=args.model,
            workers=args.workers,
            batch_size=args.batch_size,
            loader=args.loader,
            year=args.year,
            write_batch_size=args.write_batch_size,
            progress=None if args.quiet else Progress(),
            prune=args.prune,
            curation=curation,
        )
    except (ModelNotInstalled, CurationError) as exc:
        raise CliError(str(exc)) from None
    except (StoreError, OSError, KeyboardInterrupt) as exc:  # one line, not a traceback
        raise write_failed(store, exc) from None
    finally:
        store.close()
    for problem in report.skipped:
        print(terminal_safe(f"skipped {problem}"), file=sys.stderr)
    for problem in report.failed_sections:
        print(
            terminal_safe(f"section not parsed {problem} (the rest of the document is built)"),
            file=sys.stderr,
        )
    verb = "removed" if report.pruned else "gone"
    for document in report.gone[:GONE_LISTED]:
        print(terminal_safe(f"{verb}: {document} (its source is no longer there)"), file=sys.stderr)
    if len(report.gone) > GONE_LISTED:
        print(f"{verb}: {len(report.gone) - GONE_LISTED} more", file=sys.stderr)
    if report.stale:
        stale = "; ".join(f"#{n} {j}" for n, j in report.stale)
        print(
            terminal_safe(f"curation: {len(report.stale)} judgements match nothing: {stale}"),
            file=sys.stderr,
        )
    if not args.quiet:
        print(format_report(report, store.location))
    if not report.added + report.replaced + report.unchanged:
        print(
            f"actorgraph build: nothing could be read and built from {', '.join(paths)} "
            f"({len(report.skipped)} skipped)",
            file=sys.stderr,
        )
        return NOTHING_READ
    return 0


def format_report(report: BuildReport, location: str) -> str:
    counts = report.counts
    lines = [
        f"documents: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped"
        + (f", {report.moved} moved" if report.moved else "")
        + (_gone(report) if report.gone else "")
        + (
            f" (completed an interrupted write of {len(report.recovered)} documents first)"
            if report.recovered
            else ""
        ),
        f"store: {location} ({report.rows_written} rows written)",
        f"graph: {counts['documents']['Document']} documents, "
        f"{sum(counts['entities'].values())} entities, {sum(counts['links'].values())} links",
        "  entities: " + ", ".join(f"{k} {v}" for k, v in counts["entities"].items()),
        "  links: " + ", ".join(f"{k} {v}" for k, v in counts["links"].items()),
        *(
            [
                f"  co-mentions: {report.crowded_sentences} sentences over "
                f"{CO_MENTION_MAX_ENTITIES} entities or {CO_MENTION_MAX_CHARS:,} characters "
                "(lists, tables, unpunctuated text) added none, nor general relations"
            ]
            if report.crowded_sentences
            else []
        ),
        "time: "
        + ", ".join(f"{k} {v:.1f}s" for k, v in report.seconds.items())
        + f" ({report.workers} worker{'s' if report.workers > 1 else ''})",
    ]
    return "\n".join(lines)


def _gone(report: BuildReport) -> str:
    if report.pruned:
        return f", {len(report.gone)} removed (source gone)"
    return f", {len(report.gone)} whose source is gone (kept; --prune removes them)"


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4 and int(text) > 0):
        raise argparse.ArgumentTypeError("must be a four-digit year, such as 2021")
    return int(text)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
