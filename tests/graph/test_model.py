"""GraphBuilder: adding and removing documents, and the spent builder after finish."""

from __future__ import annotations

import pytest

from actorgraph.graph.model import GraphBuilder
from actorgraph.graph.records import Extraction, Mention, Sentence
from actorgraph.loaders.document import Document


def extraction(doc_id: str, key: str, names: list[tuple[str, str]]) -> Extraction:
    """One sentence naming ``names`` ((label, name) pairs)."""
    text = " and ".join(name for _, name in names) + " met."
    mentions, start = [], 0
    for label, name in names:
        mentions.append(Mention(name, label, name, start, start + len(name), 0))
        start += len(name) + len(" and ")
    document = Document(doc_id, key, "test", "t", text)
    return Extraction(document, (Sentence(text, 0, len(text)),), tuple(mentions), ())


PAIR = [("Person", "Ada Lovelace"), ("Organisation", "Royal Society")]


def test_removing_a_document_takes_back_only_its_evidence() -> None:
    builder = GraphBuilder()
    builder.add(extraction("doc:1", "a", PAIR))
    builder.add(extraction("doc:2", "b", [*PAIR, ("State", "France")]))
    assert "State:france" in builder.graph
    builder.remove_document("doc:2")
    graph = builder.finish()
    links = [(s, t, k, a) for s, t, k, a in graph.edges(keys=True, data=True) if "evidence" in a]
    assert len(links) == 1
    assert [e.document for e in links[0][3]["evidence"]] == ["doc:1"]
    assert "State:france" not in graph


def test_a_finished_builder_refuses_more_documents() -> None:
    builder = GraphBuilder()
    builder.add(extraction("doc:1", "a", PAIR))
    builder.finish()
    with pytest.raises(RuntimeError, match="finish"):
        builder.add(extraction("doc:2", "b", PAIR))
