"""Derived figures on entities: degree, PageRank, betweenness and community.

Computed on the entity graph alone (co-mentions and typed relations, undirected,
weighted), after every build, from the graph rather than from the documents, and
stored on the nodes so queries and views can rank by them.
"""

from __future__ import annotations

import networkx as nx

DOCUMENT = "Document"
BETWEENNESS_SAMPLE = 300  # exact betweenness is O(n*m); sample pivots above this size
# Each pivot is one breadth-first search over the whole graph, in Python: at 49,000
# entities 300 pivots took 51 s of a 93 s ten-document add (benchmarks/bench.py archive).
# Large graphs get fewer pivots, so the cost stays near BETWEENNESS_VISITS node and link
# visits; the estimate is coarser there, and still the same for the same graph.
BETWEENNESS_VISITS = 5_000_000
BETWEENNESS_MIN_SAMPLE = 32
SEED = 7  # fixed, so a rebuild gives the same figures


def entity_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Entities joined by co-mention or typed relation; weight summed over link types.

    Nodes and edges are added in sorted order: Louvain and sampled betweenness depend on
    it, and a graph read back from a store must give the same figures as the one built.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(n for n, a in graph.nodes(data=True) if a["label"] != DOCUMENT))
    links = [(s, t, a) for s, t, a in graph.edges(data=True) if "evidence" in a and s != t]
    for source, target, attrs in sorted(links, key=lambda e: (e[0], e[1])):
        weight = attrs.get("weight", 1)
        if simple.has_edge(source, target):
            simple[source][target]["weight"] += weight
        else:
            simple.add_edge(source, target, weight=weight)
    return simple


def add_derived_figures(graph: nx.MultiDiGraph) -> None:
    simple = entity_graph(graph)
    if simple.number_of_nodes() == 0:
        return
    pagerank = nx.pagerank(simple, weight="weight") if simple.number_of_edges() else {}
    size = simple.number_of_nodes() + simple.number_of_edges()
    k = min(
        BETWEENNESS_SAMPLE,
        max(BETWEENNESS_MIN_SAMPLE, BETWEENNESS_VISITS // size),
        simple.number_of_nodes(),
    )
    sample = None if k == simple.number_of_nodes() else k
    betweenness = nx.betweenness_centrality(simple, k=sample, seed=SEED, normalized=True)
    communities = nx.community.louvain_communities(simple, weight="weight", seed=SEED)
    community_of = {
        node: number
        for number, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c))))
        for node in members
    }
    for node in simple.nodes:
        attrs = graph.nodes[node]
        attrs["degree"] = simple.degree(node)
        attrs["pagerank"] = round(pagerank.get(node, 0.0), 8)
        attrs["betweenness"] = round(betweenness.get(node, 0.0), 8)
        attrs["community"] = community_of[node]
