"""Export for bulk loads: the node and relationship CSVs ``neo4j-admin database import full`` reads.

One file per node label and per relationship type, each with its header on the first
line (``id:ID``, ``:LABEL``, typed columns such as ``aliases:string[]``; ``:START_ID``,
``:END_ID``, ``:TYPE``). Properties are flattened exactly as the stores hold them
(graph.stores.rows), so an imported database answers the same queries as a built one.

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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.graph.exports.order import sorted_graph
from actorgraph.graph.exports.output import new_directory
from actorgraph.graph.exports.text import REPLACEMENT, utf8_text
from actorgraph.graph.schema import link_properties, load_schema, node_properties
from actorgraph.graph.stores.rows import edge_props, node_props

ARRAY_DELIMITER = "\u241f"  # SYMBOL FOR UNIT SEPARATOR
ARRAY_DELIMITER_OPTION = "U+241F"
NODE_PREFIX, RELATIONSHIP_PREFIX = "nodes-", "relationships-"
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
    columns += [f"{name}:{HEADER_TYPES[kind]}" for name, kind in link_properties(link_type).items()]
    return columns


def write_neo4j_csv(graph: nx.MultiDiGraph, directory: Path) -> list[Path]:
    """Write ``nodes-<Label>.csv`` and ``relationships-<TYPE>.csv``; return the paths written.

    Only labels and types that occur in the graph get a file; every name comes from the
    schema (a node or link the schema does not declare is an error, and nothing is
    written). ``directory`` must be new or empty; it appears only once complete.
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
        nodes[label].append([node, label] + [_cell(props.get(name)) for name in names])
    links: dict[str, list[list[Any]]] = {name: [] for name in schema.links}
    for source, target, key in graph.edges(keys=True):
        if key not in links:
            raise CsvExportError(f"link {source} -> {target}: type {key!r} is not in the schema")
        props = edge_props(key, graph.edges[source, target, key])
        row = [source, target, key] + [_cell(props.get(name)) for name in link_properties(key)]
        links[key].append(row)

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
    return [directory / name for name in files]


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
    "CsvExportError",
    "import_command",
    "node_header",
    "relationship_header",
    "write_neo4j_csv",
]
