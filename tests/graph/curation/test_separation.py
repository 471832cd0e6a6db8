"""A separation beats the resolver's own merges, within a document and across the corpus."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pytest

from actorgraph.graph.extraction.resolution import Resolver
from actorgraph.graph.records import Extraction, Mention, Sentence
from actorgraph.loaders.document import Document


def _graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node, label, name in [
        ("Person:xi", "Person", "Xi"),
        ("Person:xi-jinping", "Person", "Xi Jinping"),
        ("Organisation:nld", "Organisation", "NLD"),
        (
            "Organisation:national-league-for-democracy",
            "Organisation",
            "National League for Democracy",
        ),
    ]:
        graph.add_node(node, label=label, name=name, aliases=[name], documents=["doc:1"])
    return graph


@pytest.mark.parametrize(
    ("separations", "merges"),
    [
        ((), {"Person:xi", "Organisation:nld"}),
        ((("xi jinping", "XI"),), {"Organisation:nld"}),
        ((("NLD", "National League for Democracy"),), {"Person:xi"}),
    ],
)
def test_final_merges_honour_separations(
    separations: tuple[tuple[str, str], ...], merges: set[str]
) -> None:
    assert set(Resolver(separations=separations).final_merges(_graph())) == merges


@pytest.mark.parametrize(("separations", "nodes"), [((), 1), ((("Nice", "Geoffrey Nice"),), 2)])
def test_resolve_surname_stays_apart_in_its_document_when_separated(
    document: Callable[..., Document], separations: tuple[tuple[str, str], ...], nodes: int
) -> None:
    mentions = (
        Mention("Geoffrey Nice", "Person", "Geoffrey Nice", 0, 13, 0),
        Mention("Nice", "Person", "Nice", 21, 25, 1),
    )
    sentences = (Sentence("Geoffrey Nice spoke.", 0, 20), Sentence("Nice said more.", 21, 36))
    extraction = Extraction(
        document("Geoffrey Nice spoke. Nice said more."), sentences, mentions, ()
    )
    refs = Resolver(separations=separations).resolve(extraction)
    assert len({ref.id for ref in refs if ref is not None}) == nodes
