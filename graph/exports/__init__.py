"""Exports of the stored graph, one module per format, all behind one signature.

A writer takes the graph and a path and returns the files it wrote; ``SUFFIXES`` says
which name ending each file format takes, so ``export out.gexf`` needs no ``--format``.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from actorgraph.graph.exports.gexf import write_gexf
from actorgraph.graph.exports.graphml import write_graphml
from actorgraph.graph.exports.node_link import write_json
from actorgraph.graph.exports.output import ExportPathError
from actorgraph.graph.records import DocumentText


def write_neo4j_csv(
    graph: nx.MultiDiGraph, path: Path, texts: Iterable[DocumentText] | None = None
) -> list[Path]:
    from actorgraph.graph.exports.neo4j_csv import SCHEMA_FILE, import_command
    from actorgraph.graph.exports.neo4j_csv import write_neo4j_csv as write

    paths = write(graph, path, texts)
    print(f"load into an empty, stopped Neo4j with:\n  {import_command(paths)}")
    schema = shlex.quote(str(path / SCHEMA_FILE))
    print(f"then, with it started, create its indexes:\n  cypher-shell -f {schema}")
    return paths


WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], list[Path]]] = {
    "json": write_json,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "neo4j-csv": write_neo4j_csv,
}
SUFFIXES = {".json": "json", ".graphml": "graphml", ".gexf": "gexf"}  # neo4j-csv: a directory
MIXED_GRAPH_FORMATS = ("graphml", "gexf")  # the formats with undirected co-mentions


def choose_format(path: Path, given: str | None) -> str:
    """The format ``given``, or the one ``path``'s ending names; a mismatch is an error."""
    implied = SUFFIXES.get(path.suffix.lower())
    if given is None:
        if implied is not None:
            return implied
        if path.is_dir():
            raise ExportPathError(f"{path} is a directory: give --format neo4j-csv")
        endings = ", ".join(SUFFIXES)
        raise ExportPathError(
            f"cannot tell the format of {path}: end its name in {endings} or give --format"
        )
    if implied is not None and implied != given:
        raise ExportPathError(
            f"--format {given} does not match {path}, whose name says {implied}: "
            f"drop --format or rename the file"
        )
    return given


__all__ = ["MIXED_GRAPH_FORMATS", "SUFFIXES", "WRITERS", "ExportPathError", "choose_format"]
