"""``actorgraph search``: the stored sentences that say something, best first.

Each hit gives the sentence, its document's title and date, and the entities it names;
``actorgraph document`` then shows the whole article.
"""

from __future__ import annotations

import argparse
import sys

from actorgraph.graph.cli.common import add_store_option, open_store_from_args
from actorgraph.graph.cli.output import format_result, terminal_safe
from actorgraph.graph.cli.query import add_output_options, non_negative
from actorgraph.graph.schema import load_schema
from actorgraph.graph.search.query import parse
from actorgraph.graph.search.sentences import Hit, search_sentences
from actorgraph.graph.stores.base import QueryResult, StoreError

DEFAULT_LIMIT = 20
COLUMNS = ["score", "date", "title", "text", "entities", "sentence"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="find stored sentences by their words, best first",
        description="Search the text of every stored sentence: words (all required), "
        '"quoted phrases" and prefix* words, any case; anything else is read as words. '
        "Each hit shows its document's title and date and the entities the sentence "
        "names; `actorgraph document ID` prints the whole article. Exit status 1 when "
        'nothing matches. e.g. actorgraph search "forced organ harvesting" --label Tribunal',
    )
    parser.add_argument("text", metavar="TEXT", help="what to search for")
    parser.add_argument(
        "--label", metavar="TYPE", help="only sentences naming an entity of this type (Tribunal)"
    )
    parser.add_argument(
        "-n",
        "--limit",
        type=non_negative,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N sentences (default: {DEFAULT_LIMIT})",
    )
    add_output_options(parser)
    add_store_option(parser)
    parser.set_defaults(func=run_search)


def entity_label(text: str) -> str:
    """The schema's spelling of an entity type given in any case; refuses an unknown one."""
    from actorgraph.graph.cli import CliError

    labels = load_schema().entity_labels
    for label in labels:
        if label.lower() == text.strip().lower():
            return label
    shown = terminal_safe(repr(text))
    raise CliError(f"--label {shown} is no entity type; known: {', '.join(labels)}")


def run_search(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    if args.limit < 1:
        raise CliError("--limit must be 1 or more")
    label = entity_label(args.label) if args.label else None
    if parse(args.text).is_empty:
        raise CliError(
            f"nothing to search for in {terminal_safe(repr(args.text))}: "
            'give words, a "quoted phrase" or a prefix*'
        )
    store = open_store_from_args(args, read_only=True)
    try:
        hits = search_sentences(store, args.text, label=label, limit=args.limit)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    if not hits:
        naming = f" naming a {label}" if label else ""
        print(f"no sentence{naming} matches {terminal_safe(repr(args.text))}", file=sys.stderr)
        return 1
    sys.stdout.write(format_result(hits_result(hits), args.format, max_width=args.max_width))
    return 0


def hits_result(hits: list[Hit]) -> QueryResult:
    """Hits as result rows, so that the table, CSV and JSON writers of `query` serve."""
    rows = [
        [
            hit.score,
            hit.date,
            hit.title,
            hit.text,
            [{"name": e.name, "label": e.label} for e in hit.entities],
            hit.sentence,
        ]
        for hit in hits
    ]
    return QueryResult(COLUMNS, rows)
