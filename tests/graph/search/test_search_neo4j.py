"""Sentence search on Neo4j 5.26 (tests/neo4j_server.py) holding the seeds: the full-text
index ``sentence_text`` queried with the Lucene rendering, against the embedded store's
tantivy answers on the same seeds (the same sentences for the same text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from neo4j_server import Neo4jTarget

from actorgraph.graph.cli import main
from actorgraph.graph.search.sentences import search_sentences
from actorgraph.graph.stores.base import Store
from actorgraph.graph.stores.ladybug import LadybugStore

pytestmark = pytest.mark.neo4j

QUERIES = [
    "forced organ harvesting",
    '"forced organ harvesting"',
    "genocid*",
    "FORCED Organ HARVESTING",
    '"uyghur genocide"',
    "sanction*",
]
# Not compared: a word before a typographic apostrophe (U+2019). Lucene's standard tokenizer
# keeps "Tribunal\u2019s" as one token, tantivy's splits it, so "tribunal" finds that
# sentence only on the embedded store (both find it with "tribunal*").
HOSTILE = ['"unclosed', "AND OR NOT", 'C++ (x) [y] {z} ^~?:\\/ "', "a && b || !c", "*", "harvest**"]


@pytest.fixture
def neo4j_seeds(seeds_neo4j: Neo4jTarget) -> Neo4jTarget:
    with seeds_neo4j.store(read_only=True) as store:
        [[sentences]] = store.query("MATCH (s:Sentence) RETURN count(s)").rows
    assert sentences > 0, "the Neo4j store holds no Sentence nodes"
    return seeds_neo4j


def sentence_ids(store: Store, text: str) -> set[str]:
    return {hit.sentence for hit in search_sentences(store, text, limit=1000)}


def test_search_neo4j_finds_the_china_tribunal(neo4j_seeds: Neo4jTarget) -> None:
    with neo4j_seeds.store(read_only=True) as store:
        found = search_sentences(store, "forced organ harvesting")
    assert ("China Tribunal", "Tribunal") in {(e.name, e.label) for h in found for e in h.entities}
    assert all(h.title and h.text for h in found)
    assert [h.score for h in found] == sorted((h.score for h in found), reverse=True)


@pytest.mark.parametrize("text", QUERIES)
def test_search_neo4j_finds_what_the_embedded_store_finds(
    neo4j_seeds: Neo4jTarget, seeds_store_path: Path, text: str
) -> None:
    with LadybugStore(seeds_store_path, read_only=True) as embedded:
        expected = sentence_ids(embedded, text)
    with neo4j_seeds.store(read_only=True) as store:
        assert sentence_ids(store, text) == expected != set()


def test_search_neo4j_label_filter(neo4j_seeds: Neo4jTarget) -> None:
    with neo4j_seeds.store(read_only=True) as store:
        kept = search_sentences(store, "tribunal", label="Person", limit=100)
        everything = search_sentences(store, "tribunal", limit=100)
    assert kept and all(any(e.label == "Person" for e in h.entities) for h in kept)
    assert [h.sentence for h in kept] == [
        h.sentence for h in everything if any(e.label == "Person" for e in h.entities)
    ]


@pytest.mark.parametrize("text", HOSTILE)
def test_search_neo4j_hostile_text_is_no_syntax_error(neo4j_seeds: Neo4jTarget, text: str) -> None:
    with neo4j_seeds.store(read_only=True) as store:
        search_sentences(store, text)  # raises StoreError on a Lucene syntax error


def test_search_neo4j_command(
    neo4j_seeds: Neo4jTarget,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for key, value in neo4j_seeds.environ().items():
        monkeypatch.setenv(key, value)
    status = main(["search", "forced organ harvesting", "-f", "json", "--store", neo4j_seeds.uri])
    hits = json.loads(capsys.readouterr().out)
    assert status == 0 and any(
        e["name"] == "China Tribunal" for hit in hits for e in hit["entities"]
    )
    status = main(["document", hits[0]["sentence"], "--store", neo4j_seeds.uri])
    assert status == 0 and hits[0]["text"] in capsys.readouterr().out
