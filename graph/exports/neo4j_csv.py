"""Export for bulk loads: the node and relationship CSVs ``neo4j-admin database import full`` reads.

One file per node label and per relationship type, each with its header on the first
line (``id:ID``, ``:LABEL``, typed columns such as ``aliases:string[]``; ``:START_ID``,
``:END_ID``, ``:TYPE``). Properties are flattened exactly as the stores hold them
(graph.stores.rows), and the schema is the Neo4j store's (graph.stores.neo4j): entity
nodes carry ``Entity`` besides their type, the text is ``Sentence`` nodes with
``FROM_DOCUMENT``, ``NEXT_SENTENCE`` and ``HAS_MENTION`` links, and a link names its
evidence by sentence id. So an imported database answers the same queries as a built
one; ``schema.cypher`` beside the CSVs creates its constraints and indexes (the
importer makes none; the first ``actorgraph build`` into it would, too).

Arrays are split on ``ARRAY_DELIMITER``: the importer has no escape inside an array,
and evidence sentences often contain ``;`` (its default), so a character that ordinary
text rarely holds is used (U+241F) and passed with ``--array-delimiter``. An array item
that does hold it gets U+FFFD in its place, so it reads back as one item with one
character replaced; a plain string property keeps it, since only arrays are split.
Strings are always quoted (a quote doubled; commas, line feeds and carriage returns kept
inside the quotes, read with ``--multiline-fields=true``) and a missing value is an
empty unquoted field, so the importer tells an empty string from no value. UTF-8 cannot
encode a lone surrogate (a file name that was not UTF-8): it is written as U+FFFD.
"""

from __future__ import annotations

import shlex
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.graph.exports.order import sorted_graph
from actorgraph.graph.exports.output import new_directory
from actorgraph.graph.exports.text import REPLACEMENT, utf8_text
from actorgraph.graph.records import DocumentText, MentionRow, SentenceRow, sentence_document
from actorgraph.graph.schema import (
    MENTION_PROPERTIES,
    SENTENCE_PROPERTIES,
    lexical_properties,
    link_properties,
    load_schema,
    node_properties,
)
from actorgraph.graph.stores.base import Store
from actorgraph.graph.stores.neo4j import ENTITY, schema_statements
from actorgraph.graph.stores.rows import edge_props, node_props

ARRAY_DELIMITER = "\u241f"  # SYMBOL FOR UNIT SEPARATOR
ARRAY_DELIMITER_OPTION = "U+241F"
NODE_PREFIX, RELATIONSHIP_PREFIX = "nodes-", "relationships-"
# The Neo4j store's constraints and indexes (full-text ones too), which the importer does
# not create: run once the imported database is served (`cypher-shell -f schema.cypher`).
SCHEMA_FILE = "schema.cypher"
# Store property types (graph.schema) as import header types.
HEADER_TYPES = {
    "STRING": "string",
    "STRING[]": "string[]",
    "INT64": "long",
    "INT64[]": "long[]",
    "DOUBLE": "double",
}


class CsvExportError(ValueError):
    """The graph holds a value the import format cannot carry; the message says where."""


def node_header(label: str) -> list[str]:
    declared = node_properties(label)
    columns = ["id:ID", ":LABEL"]
    columns += [f"{name}:{HEADER_TYPES[kind]}" for name, kind in declared.items() if name != "id"]
    return columns


def relationship_header(link_type: str) -> list[str]:
    columns = [":START_ID", ":END_ID", ":TYPE"]
    columns += [f"{name}:{HEADER_TYPES[kind]}" for name, kind in _properties(link_type).items()]
    return columns


def write_neo4j_csv(
    graph: nx.MultiDiGraph, directory: Path, texts: Iterable[DocumentText] | None = None
) -> list[Path]:
    """Write ``nodes-<Label>.csv``, ``relationships-<TYPE>.csv`` and ``schema.cypher``;
    return the paths written.

    ``texts`` are the documents' stored sentences and mentions (a store's ``read_texts``);
    without them the sentences are those the links cite, as the graph holds them. Only
    labels and types that occur get a file; every name comes from the schema (a node or
    link the schema does not declare is an error, and nothing is written). ``directory``
    must be new or empty; it appears only once complete.
    """
    schema = load_schema()
    graph = sorted_graph(graph)
    nodes: dict[str, list[list[Any]]] = {label: [] for label in schema.node_labels}
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label not in nodes:
            raise CsvExportError(f"node {node!r}: label {label!r} is not in the schema")
        props = node_props(attrs)
        names = [column.split(":")[0] for column in node_header(label)[2:]]
        labels = label if label == schema.document.label else f"{label}{ARRAY_DELIMITER}{ENTITY}"
        nodes[label].append([node, labels] + [_cell(props.get(name)) for name in names])
    links: dict[str, list[list[Any]]] = {
        name: [] for name in (*schema.links, *schema.lexical_links)
    }
    for source, target, key in graph.edges(keys=True):
        if key not in schema.links:
            raise CsvExportError(f"link {source} -> {target}: type {key!r} is not in the schema")
        props = edge_props(key, graph.edges[source, target, key])
        row = [source, target, key] + [_cell(props.get(name)) for name in link_properties(key)]
        links[key].append(row)
    sentences = nodes.setdefault(schema.sentence_label, [])
    for text in sorted(_cited_texts(graph) if texts is None else texts, key=lambda t: t.document):
        _add_text(text, schema.sentence_label, sentences, links)

    files = {
        f"{NODE_PREFIX}{label}.csv": (node_header(label), rows) for label, rows in nodes.items()
    }
    files |= {
        f"{RELATIONSHIP_PREFIX}{name}.csv": (relationship_header(name), rows)
        for name, rows in links.items()
    }
    files = {name: table for name, table in files.items() if table[1]}
    with new_directory(directory) as temporary:
        for name, (header, rows) in files.items():
            _write(temporary / name, header, rows)
        statements = "".join(f"{statement};\n" for statement in schema_statements())
        (temporary / SCHEMA_FILE).write_text(statements, "utf-8")
    return [directory / name for name in files] + [directory / SCHEMA_FILE]


def stored_texts(store: Store, graph: nx.MultiDiGraph) -> list[DocumentText]:
    """Every document's stored sentences and mentions, read with Cypher both stores speak
    (the mention's label from ``graph``, the store's graph)."""
    sentence = load_schema().sentence_label
    columns = ", ".join(f"s.{name}" for name in SENTENCE_PROPERTIES)
    texts: dict[str, DocumentText] = {}
    rows = store.query(f"MATCH (s:{sentence}) RETURN {columns} ORDER BY s.document, s.position")
    for row in rows.rows:
        text = SentenceRow(*row)
        texts.setdefault(text.document, DocumentText(text.document, [], [])).sentences.append(text)
    columns = "".join(f", m.{name}" for name in MENTION_PROPERTIES)
    rows = store.query(
        f"MATCH (s:{sentence})-[m:HAS_MENTION]->(e) RETURN s.id, e.id{columns} "
        "ORDER BY s.document, s.position, m.start_char, e.id"
    )
    for sid, entity, *props in rows.rows:
        mention = MentionRow(sid, entity, graph.nodes[entity]["label"], *props)
        document = sentence_document(sid)
        texts.setdefault(document, DocumentText(document, [], [])).mentions.append(mention)
    return [texts[d] for d in sorted(texts)]


def _add_text(
    text: DocumentText, label: str, sentences: list[list[Any]], links: dict[str, list[list[Any]]]
) -> None:
    """One document's Sentence rows, FROM_DOCUMENT, NEXT_SENTENCE and HAS_MENTION."""
    rows = sorted(text.sentences, key=lambda s: s.position)
    for row in rows:
        props = [getattr(row, name) for name in SENTENCE_PROPERTIES if name != "id"]
        sentences.append([row.id, label, *props])
        links["FROM_DOCUMENT"].append([row.id, text.document, "FROM_DOCUMENT"])
    for before, after in pairwise(rows):
        links["NEXT_SENTENCE"].append([before.id, after.id, "NEXT_SENTENCE"])
    for mention in sorted(text.mentions, key=lambda m: (m.sentence, m.start_char, m.entity)):
        props = [getattr(mention, name) for name in MENTION_PROPERTIES]
        links["HAS_MENTION"].append([mention.sentence, mention.entity, "HAS_MENTION", *props])


def _cited_texts(graph: nx.MultiDiGraph) -> list[DocumentText]:
    """The sentences the links cite, per document, for a graph that comes without its
    texts (one pass over the links)."""
    found: dict[str, dict[int, SentenceRow]] = defaultdict(dict)
    for _, _, evidence in graph.edges(data="evidence"):
        for e in evidence or ():
            found[e.document].setdefault(
                e.index, SentenceRow(e.sentence, e.document, e.index, e.start, e.end, e.text, "")
            )
    return [
        DocumentText(document, [rows[i] for i in sorted(rows)], [])
        for document, rows in found.items()
    ]


def _properties(link_type: str) -> dict[str, str]:
    if link_type in load_schema().lexical_links:
        return lexical_properties(link_type)
    return link_properties(link_type)


def import_command(paths: Iterable[Path], *, database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command line that loads ``paths``.

    The database name comes first: ``--nodes``/``--relationships`` take several values
    and would swallow a trailing positional argument. ``--multiline-fields`` because
    sentences and bios may span lines; strings are kept exactly (no trimming).
    """
    args = [
        "neo4j-admin",
        "database",
        "import",
        "full",
        database,
        "--id-type=string",
        f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
        "--multiline-fields=true",
        "--trim-strings=false",
    ]
    for path in sorted(paths, key=lambda p: p.name):
        if path.name.startswith(NODE_PREFIX):
            args.append(f"--nodes={path}")
    for path in sorted(paths, key=lambda p: p.name):
        if path.name.startswith(RELATIONSHIP_PREFIX):
            args.append(f"--relationships={path}")
    return shlex.join(args)


def _cell(value: Any) -> Any:
    """A property as a CSV field: arrays joined, None left empty, numbers unquoted."""
    if isinstance(value, (list, tuple)):
        parts = [str(item).replace(ARRAY_DELIMITER, REPLACEMENT) for item in value]
        return ARRAY_DELIMITER.join(parts) if parts else None
    return value


def _write(path: Path, header: Sequence[str], rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(header) + "\n")
        for row in rows:
            handle.write(",".join(_field(value) for value in row) + "\n")
    return path


def _field(value: Any) -> str:
    """Strings quoted (quotes doubled, RFC 4180), numbers bare, a missing value empty.

    Python's csv module quotes None as ``""`` under QUOTE_NONNUMERIC, which the importer
    would read as an empty string, not as no value; hence this small writer.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = utf8_text(str(value))
    return '"' + text.replace('"', '""') + '"'


__all__ = [
    "ARRAY_DELIMITER",
    "SCHEMA_FILE",
    "CsvExportError",
    "import_command",
    "node_header",
    "relationship_header",
    "stored_texts",
    "write_neo4j_csv",
]
