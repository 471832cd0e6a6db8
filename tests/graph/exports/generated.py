"""Graphs in the contract layout (graph.model) holding arbitrary text, for round trips.

Names, aliases, titles, authors, bios, sources and evidence sentences are drawn from
every code point, lone surrogates included, with the characters that break writers
drawn often: controls XML forbids, CR and LF, the neo4j-csv array delimiter, quotes,
markup. List items and strings are non-empty: extraction never yields an empty alias or
sentence, and CSV read back by Python's csv module cannot tell "" from no value.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from actorgraph.graph.metrics import add_derived_figures
from actorgraph.graph.records import Evidence
from actorgraph.graph.schema import load_schema

AWKWARD = ["\x00", "\x0b", "\x0c", "\x1f", "\r", "\n", "\r\n", "\t", "\u241f", "\ufffe"]
AWKWARD += ["\uffff", "\ud800", "\udcff", '"', "'", "&", "<", "]]>", ",", ";", " | ", "\\"]
characters = st.one_of(st.characters(exclude_categories=()), st.sampled_from(AWKWARD))
text = st.lists(characters, min_size=1, max_size=12).map("".join)
texts = st.lists(text, min_size=1, max_size=3)
# tmp_path is shared by the examples of a test: each one writes over the last one's files.
round_trips = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Two documents, three entities (one the author), and every kind of link."""
    schema = load_schema()
    graph = nx.MultiDiGraph()
    documents = ["doc:00000000000000a1", "doc:00000000000000b2"]
    for document in documents:
        graph.add_node(
            document,
            label="Document",
            key=draw(text),
            title=draw(text),
            authors=draw(texts),
            date=draw(st.none() | text),
            date_iso=None,
            source=draw(text),
            bio=draw(st.none() | text),
        )
    entities = [f"{label}:e{n}" for n, label in enumerate(schema.entity_labels[:3])]
    entities[0] = "Person:e0"
    for entity in entities:
        graph.add_node(
            entity,
            label=entity.split(":")[0],
            name=draw(text),
            aliases=sorted(set(draw(texts))),
            documents=documents,
            mentions=2,
            date=draw(st.none() | text),
            note=draw(st.none() | text),
        )
    graph.add_edge(entities[0], documents[0], key="WROTE", type="WROTE")
    for document in documents:
        for entity in entities:
            graph.add_edge(document, entity, key="MENTIONS", type="MENTIONS", count=1)
    sentences = draw(texts)
    evidence = sorted(
        {Evidence(documents[0], n, n, n + len(s), s) for n, s in enumerate(sentences)}
    )
    relation = schema.relation_types[0]
    graph.add_edge(
        entities[0],
        entities[1],
        key=relation,
        type=relation,
        weight=len(evidence),
        evidence=evidence,
        patterns=sorted(set(draw(texts))),
    )
    graph.add_edge(
        entities[1],
        entities[2],
        key="CO_MENTIONED",
        type="CO_MENTIONED",
        weight=len(evidence),
        evidence=evidence,
    )
    add_derived_figures(graph)
    return graph
