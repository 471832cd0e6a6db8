"""Exports of the stored graph, one module per format, all behind one signature.

A writer takes the graph and a path and returns the files it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from actorgraph.graph.exports.gephi import write_gexf, write_graphml
from actorgraph.graph.exports.node_link import write_json


def write_neo4j_csv(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    from actorgraph.graph.exports.neo4j_csv import import_command
    from actorgraph.graph.exports.neo4j_csv import write_neo4j_csv as write

    paths = write(graph, path)
    print(f"load into an empty, stopped Neo4j with:\n  {import_command(paths)}")
    return paths


WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], list[Path]]] = {
    "json": write_json,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "neo4j-csv": write_neo4j_csv,
}
