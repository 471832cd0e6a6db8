"""Ranked sentences for a search text, with their document and the entities they name.

The ranking comes from a full-text index: tantivy beside the embedded store (rebuilt
from the Sentence table when missing or out of step with it), Neo4j's own full-text
index ``sentence_text`` on a server. Everything else (text, document, entities) is read
from the store, so both stores answer alike.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from actorgraph.graph.records import SentenceRow
from actorgraph.graph.search.index import SentenceIndex
from actorgraph.graph.search.query import SearchQuery, parse, to_lucene
from actorgraph.graph.stores.base import Store

SEARCH_DIR = "search"  # the embedded store's index, <store>/search
NEO4J_INDEX = "sentence_text"
WIDEN = 4  # with --label, ask the index for this many times more hits, then again

COUNT_SENTENCES = "MATCH (s:Sentence) RETURN count(s)"
ALL_SENTENCES = (  # in SentenceRow's field order
    "MATCH (s:Sentence) "
    "RETURN s.id, s.document, s.position, s.start_char, s.end_char, s.text, s.gap"
)
NEO4J_SEARCH = (
    "CALL db.index.fulltext.queryNodes($index, $q, {limit: $limit}) YIELD node, score "
    "RETURN node.id AS id, score ORDER BY score DESC, id"
)
SENTENCES = (
    "UNWIND $ids AS sid MATCH (s:Sentence {id: sid}) "
    "OPTIONAL MATCH (s)-[:FROM_DOCUMENT]->(d:Document) "
    "RETURN s.id, s.text, s.document, d.title, d.date"
)
# The entity's type: LadybugDB has one label per node; Neo4j adds the shared :Entity.
MENTIONED = {
    "ladybug": "label(e)",
    "neo4j": "[l IN labels(e) WHERE l <> 'Entity'][0]",
}
MENTIONS = (
    "UNWIND $ids AS sid MATCH (s:Sentence {{id: sid}})-[:HAS_MENTION]->(e) "
    "RETURN DISTINCT s.id AS sentence, e.name AS name, {label} AS label ORDER BY name"
)


@dataclass(frozen=True, slots=True)
class Named:
    """An entity a sentence names."""

    name: str
    label: str


@dataclass(frozen=True, slots=True)
class Hit:
    sentence: str  # the sentence's id, <document id>:<index>
    score: float
    text: str
    document: str  # the document's id
    title: str
    date: str
    entities: tuple[Named, ...]  # by name


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def search_sentences(
    store: Store,
    text: str,
    *,
    label: str | None = None,
    limit: int = 20,
    note: Callable[[str], None] = _stderr,
) -> list[Hit]:
    """The ``limit`` best sentences for ``text`` (see graph.search.query for the grammar),
    keeping only those naming an entity of type ``label`` when one is given."""
    query = parse(text)
    if query.is_empty or limit <= 0:
        return []
    ranked = _ranker(store, query, note)
    window = limit if label is None else limit * WIDEN
    while True:
        candidates = ranked(window)
        hits = _details(store, candidates)
        if label is not None:
            hits = [hit for hit in hits if any(e.label == label for e in hit.entities)]
        if len(hits) >= limit or len(candidates) < window:
            return hits[:limit]
        window *= WIDEN


def _ranker(
    store: Store, query: SearchQuery, note: Callable[[str], None]
) -> Callable[[int], list[tuple[str, float]]]:
    """For this store: window -> (sentence id, score), best first."""
    if store.dialect == "neo4j":
        lucene = to_lucene(query)

        def neo4j(window: int) -> list[tuple[str, float]]:
            params = {"index": NEO4J_INDEX, "q": lucene, "limit": window}
            return [(str(i), float(s)) for i, s in store.query(NEO4J_SEARCH, params).rows]

        return neo4j
    index = embedded_index(store, note)
    return lambda window: index.search(query, window)


def embedded_index(store: Store, note: Callable[[str], None] = _stderr) -> SentenceIndex:
    """The embedded store's sentence index, rebuilt first if it does not hold one entry
    per stored sentence (missing, deleted, from another tantivy version, or behind)."""
    index = SentenceIndex(Path(store.location) / SEARCH_DIR)
    stored = int(store.query(COUNT_SENTENCES).rows[0][0])
    indexed = index.count()
    if indexed != stored:
        state = (
            "missing or unreadable"
            if index.fresh
            else f"out of date ({indexed:,} of {stored:,} sentences)"
        )
        note(f"the search index in {index.path} is {state}: rebuilding it from the store")
        index.rebuild(SentenceRow(*row) for row in store.query(ALL_SENTENCES).rows)
    return index


def _details(store: Store, ranked: Sequence[tuple[str, float]]) -> list[Hit]:
    """Text, document and entities of the ranked sentences, in rank order."""
    ids = [sentence for sentence, _ in ranked]
    if not ids:
        return []
    rows = {row[0]: row for row in store.query(SENTENCES, {"ids": ids}).rows}
    named: dict[str, list[Named]] = defaultdict(list)
    mentions = MENTIONS.format(label=MENTIONED[store.dialect])
    for sentence, name, label in store.query(mentions, {"ids": ids}).rows:
        named[sentence].append(Named(str(name), str(label)))
    hits = []
    for sentence, score in ranked:
        if sentence in rows:  # an index entry the store no longer holds is skipped
            _, text, document, title, date = rows[sentence]
            hits.append(
                Hit(
                    sentence,
                    score,
                    str(text),
                    str(document),
                    title or "",
                    date or "",
                    tuple(named[sentence]),
                )
            )
    return hits
