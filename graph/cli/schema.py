"""``actorgraph schema``: what the store holds, so an analyst can write Cypher for it.

Node labels and relationship types with their properties, as the schema declares them
(graph/data/schema.toml) and as the store counts them now: rows per label, links per
type and per pair of end labels, and how many carry each property. Types and the notes
on spelling are given in the store's own dialect (graph.stores.dialect).
"""

from __future__ import annotations

import argparse
import json
import textwrap
from dataclasses import asdict, dataclass

from actorgraph.graph.cli.common import add_store_option, open_store_from_args
from actorgraph.graph.schema import link_properties, load_schema, node_properties
from actorgraph.graph.stores.base import Store, StoreError, q
from actorgraph.graph.stores.dialect import Dialect, dialect_of

FORMATS = ("table", "json")
WIDTH = 96


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    type: str  # in the store's dialect
    count: int  # rows or links that hold a value


@dataclass(frozen=True, slots=True)
class Endpoints:
    source: str
    target: str
    count: int


@dataclass(frozen=True, slots=True)
class Entry:
    name: str  # a label or a relationship type
    description: str
    count: int
    properties: list[Property]
    endpoints: list[Endpoints]  # links only


@dataclass(frozen=True, slots=True)
class StoreSchema:
    store: str
    dialect: str
    dialect_title: str
    labels: list[Entry]
    relationships: list[Entry]
    notes: list[str]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="list labels, relationship types and properties, with counts",
        description="List the store's node labels and relationship types, their properties "
        "with their types in the store's Cypher dialect, and how many nodes, links and "
        "values the store holds of each; with the spellings that differ between dialects.",
    )
    add_store_option(parser)
    parser.add_argument(
        "-f", "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    store = open_store_from_args(args, read_only=True)
    try:
        found = read_schema(store)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps(asdict(found), indent=2))
    else:
        print(format_schema(found), end="")
    return 0


def read_schema(store: Store) -> StoreSchema:
    """The declared schema with the store's counts, one query per label and per type."""
    schema = load_schema()
    dialect = dialect_of(store.dialect)
    descriptions = {label: spec.description for label, spec in schema.entities.items()}
    descriptions[schema.document.label] = schema.document.description
    labels = [
        _label_entry(store, dialect, label, descriptions[label]) for label in schema.node_labels
    ]
    links = [
        _link_entry(store, dialect, name, link.description) for name, link in schema.links.items()
    ]
    return StoreSchema(
        store.location, dialect.name, dialect.title, labels, links, list(dialect.notes)
    )


def _label_entry(store: Store, dialect: Dialect, label: str, description: str) -> Entry:
    names = list(node_properties(label))
    counts = ", ".join(f"count(n.{q(p)}) AS {q(p)}" for p in names)
    [row] = store.query(f"MATCH (n:{q(label)}) RETURN count(n) AS n, {counts}").rows
    properties = [
        Property(p, dialect.types[kind], int(row[1 + i]))
        for i, (p, kind) in enumerate(node_properties(label).items())
    ]
    return Entry(label, description, int(row[0]), properties, [])


def _link_entry(store: Store, dialect: Dialect, name: str, description: str) -> Entry:
    declared = link_properties(name)
    counts = "".join(f", count(r.{q(p)}) AS {q(p)}" for p in declared)
    rows = store.query(
        f"MATCH (a)-[r:{q(name)}]->(b) RETURN {dialect.label_of('a')} AS source, "
        f"{dialect.label_of('b')} AS target, count(r) AS n{counts}"
    ).rows
    endpoints = sorted(
        (Endpoints(row[0], row[1], int(row[2])) for row in rows),
        key=lambda e: (-e.count, e.source, e.target),
    )
    properties = [
        Property(p, dialect.types[kind], sum(int(row[3 + i]) for row in rows))
        for i, (p, kind) in enumerate(declared.items())
    ]
    return Entry(name, description, sum(e.count for e in endpoints), properties, endpoints)


def format_schema(found: StoreSchema) -> str:
    lines = [f"store {found.store}: {found.dialect_title} (dialect {found.dialect})", ""]
    for title, entries in (
        ("node labels", found.labels),
        ("relationship types", found.relationships),
    ):
        held = [e for e in entries if e.count]
        lines.append(f"{title} ({len(held)} of {len(entries)} declared hold data)")
        for entry in held:
            lines.append(f"  {entry.name:<16} {entry.count:>7,}  {entry.description}")
            ends = ", ".join(f"({e.source})->({e.target}) {e.count:,}" for e in entry.endpoints[:6])
            if ends:
                more = f", +{len(entry.endpoints) - 6} more" if len(entry.endpoints) > 6 else ""
                lines.extend(_wrap(ends + more, "    "))
            lines.extend(_property_lines(entry))
        empty = [e.name for e in entries if not e.count]
        if empty:
            lines.append(f"  none stored: {', '.join(empty)}")
        lines.append("")
    lines.append(f"writing Cypher for this store ({found.dialect})")
    for note in found.notes:
        lines.extend(_wrap(note, "  - ", "    "))
    return "\n".join(lines) + "\n"


def _property_lines(entry: Entry) -> list[str]:
    """``name TYPE`` per property, with how many hold a value where not every one does."""
    parts = [
        f"{p.name} {p.type}" + ("" if p.count == entry.count else f" ({p.count:,} set)")
        for p in entry.properties
    ]
    return _wrap(", ".join(parts), "    ") if parts else []


def _wrap(text: str, indent: str, then: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent if then is None else then
    )


__all__ = ["StoreSchema", "format_schema", "read_schema", "register"]
