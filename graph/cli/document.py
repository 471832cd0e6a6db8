"""``actorgraph document``: one stored article, rebuilt from its sentences.

The store keeps each sentence once with the characters before it (``gap``), so the
article is their concatenation in index order; nothing else holds its text.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from actorgraph.graph.cli.common import add_store_option, open_store_from_args
from actorgraph.graph.cli.output import cell, terminal_safe
from actorgraph.graph.records import sentence_document
from actorgraph.graph.stores.base import Store, StoreError
from actorgraph.graph.views.reader import read_document_text

SUGGESTIONS = 5
ID_PREFIX = "doc:"
DOCUMENTS = "MATCH (d:Document) RETURN d.id, d.title ORDER BY d.id"
HEADER = "MATCH (d:Document {id: $id}) RETURN d.title, d.authors, d.date, d.source"
HEADER_FIELDS = ("title", "authors", "date", "source")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "document",
        help="print a stored article, rebuilt from its sentences",
        description="Print one stored document: its title, authors, date and source, then "
        "its text, rebuilt from the stored sentences. ID is a document id (doc:...), the "
        "start of one when no other id starts alike (with or without 'doc:'), or a "
        "sentence id as `actorgraph search` prints it. Control characters in the text are "
        "shown escaped (\\uXXXX); line breaks and tabs are kept. Exit status 1 for an id "
        "the store does not hold.",
    )
    parser.add_argument("id", metavar="ID", help="a document id, its start, or a sentence id")
    add_store_option(parser)
    parser.set_defaults(func=run_document)


@dataclass(frozen=True, slots=True)
class Lookup:
    """What an id given by the user names: one document, or the ids it could have meant."""

    document: str | None = None
    starting: tuple[str, ...] = ()  # several ids start with it
    alike: tuple[str, ...] = ()  # none does: the ids sharing the longest start with it


def find_document(given: str, ids: list[str]) -> Lookup:
    """Exact id, then sentence id, then a unique prefix (``doc:`` optional)."""
    given = given.strip()
    known = set(ids)
    for candidate in (given, ID_PREFIX + given):
        if candidate in known:
            return Lookup(candidate)
        if ":" in candidate and sentence_document(candidate) in known:
            return Lookup(sentence_document(candidate))
    for prefix in (given, ID_PREFIX + given):
        starting = tuple(i for i in ids if i.startswith(prefix))
        if len(starting) == 1:
            return Lookup(starting[0])
        if starting:
            return Lookup(starting=starting)
    return Lookup(alike=_alike(given, ids))


def _alike(given: str, ids: list[str]) -> tuple[str, ...]:
    """Ids sharing the longest start with ``given`` (beyond ``doc:``), for a mistyped id."""
    bare = given.removeprefix(ID_PREFIX)
    for length in range(len(bare), 0, -1):
        starting = tuple(i for i in ids if i.startswith(ID_PREFIX + bare[:length]))
        if starting:
            return starting
    return ()


def article_text(store: Store, document: str) -> str:
    """The document's text: every stored sentence's gap and text, in order."""
    return "".join(
        f"{s.gap or ''}{s.text or ''}" for s in read_document_text(store, document).sentences
    )


def readable(text: str) -> str:
    """``text`` for a terminal: controls escaped as in tables, line breaks and tabs kept."""
    return "\n".join("\t".join(map(terminal_safe, line.split("\t"))) for line in text.split("\n"))


def run_document(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    store = open_store_from_args(args, read_only=True)
    try:
        titles = dict(store.query(DOCUMENTS).rows)
        lookup = find_document(args.id, list(titles))
        if lookup.document is None:
            _unknown(args.id, lookup, titles)
            return 1
        [row] = store.query(HEADER, {"id": lookup.document}).rows
        header = dict(zip(HEADER_FIELDS, row, strict=True))
        text = article_text(store, lookup.document)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    out = sys.stdout
    out.write(f"id: {lookup.document}\n")
    for name in HEADER_FIELDS:
        value = cell(header[name], table=False)
        if value:
            out.write(f"{name}: {terminal_safe(value)}\n")
    out.write("\n" + readable(text.rstrip()) + "\n")
    return 0


def _unknown(given: str, lookup: Lookup, titles: dict[str, str]) -> None:
    shown = terminal_safe(repr(given))
    if lookup.starting:
        print(
            f"{shown} starts {len(lookup.starting)} document ids; give more of one:",
            file=sys.stderr,
        )
    elif lookup.alike:
        print(f"no document {shown} in the store; ids starting alike:", file=sys.stderr)
    else:
        print(f"no document {shown} in the store", file=sys.stderr)
    candidates = lookup.starting or lookup.alike
    for candidate in candidates[:SUGGESTIONS]:
        print(f"  {candidate}  {terminal_safe(titles.get(candidate) or '')}", file=sys.stderr)
    if len(candidates) > SUGGESTIONS:
        print(f"  ... and {len(candidates) - SUGGESTIONS} more", file=sys.stderr)
