"""One order for every export, so the same graph always gives the same bytes.

A graph read from a store, or built with another hash seed or worker count, holds the
same nodes, links and sets in another order; exports sort them. Authors keep their
order: it is the byline's.
"""

from __future__ import annotations

import networkx as nx

UNORDERED = ("aliases", "documents", "patterns", "evidence")  # sets kept as lists


def sorted_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with nodes, edges (by source, target, type) and set-like lists sorted."""
    out = nx.MultiDiGraph()
    for node in sorted(graph.nodes):
        out.add_node(node, **_sorted_lists(graph.nodes[node]))
    for source, target, key in sorted(graph.edges(keys=True)):
        out.add_edge(source, target, key=key, **_sorted_lists(graph.edges[source, target, key]))
    return out


def _sorted_lists(attrs: dict) -> dict:
    return {
        name: sorted(value) if name in UNORDERED and value is not None else value
        for name, value in attrs.items()
    }
