"""From two graphs to the rows a store must change, and the journaled write of them.

A build holds the stored graph as a projection (entities, documents, links citing
sentences by id) and the sentences and mentions of the documents it parsed; the store
holds every sentence. ``plan_delta`` turns that into one ``GraphDiff``: the node and
link rows that differ, the texts of the parsed documents (rewritten whole), the removed
documents' texts, and the stored mentions of entities that a merge or a rename moved.
It reads from the store only those mentions, never evidence text.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from actorgraph.graph.records import DocumentText, MentionRow, SentenceRow, sentence_document
from actorgraph.graph.stores.base import GraphDiff, Store, batched
from actorgraph.graph.stores.dialect import dialect_of
from actorgraph.graph.stores.journal import Journal
from actorgraph.graph.stores.rows import StoredGraph, diff_graphs

STORED_MENTIONS = (
    "MATCH (s:Sentence)-[m:HAS_MENTION]->(e) WHERE e.id IN $ids "
    "RETURN s.id, e.id, m.start_char, m.end_char, m.surface"
)


def plan_delta(
    store: Store,
    before: nx.MultiDiGraph | StoredGraph,
    after: nx.MultiDiGraph,
    texts: Mapping[str, DocumentText],
) -> GraphDiff:
    """The rows that turn the store holding ``before`` into ``after``."""
    diff = diff_graphs(before, after, texts)
    diff.texts = _changed_texts(store, before, diff.texts)
    renamed: dict[str, str] = after.graph.get("renamed", {})
    rewritten = {t.document for t in diff.texts} | set(diff.drop_texts)
    moved = {
        row.id: renamed[row.id]
        for row in diff.delete_nodes
        if renamed.get(row.id, row.id) != row.id and renamed[row.id] in after
    }
    diff.repoint = _moved_mentions(store, moved, after, rewritten)
    return diff


def commit(store: Store, diff: GraphDiff, *, command: str = "build", batch_size: int = 5000) -> int:
    """Journal ``diff``, write it, then drop the journal entry; the rows written."""
    if not len(diff):
        return 0
    journal = Journal(store.journal_dir)
    entry = journal.publish(diff, command=command)
    written = store.apply(diff, batch_size=batch_size)
    journal.done(entry)
    return written


def recover(store: Store) -> list[str]:
    """Complete every interrupted write, oldest first; the documents they concerned."""
    journal = Journal(store.journal_dir)
    documents: list[str] = []
    for entry in journal.pending():
        diff = journal.load(entry)
        store.apply(diff)
        journal.done(entry)
        documents += diff.documents_written
    return documents


STORED_TEXTS = (
    "MATCH (s:Sentence) WHERE s.document IN $docs "
    "OPTIONAL MATCH (s)-[m:HAS_MENTION]->(e) "
    "RETURN s.document, s.id, s.position, s.start_char, s.end_char, s.text, s.gap, "
    "e.id, label(e), m.start_char, m.end_char, m.surface"
)


def _changed_texts(
    store: Store, before: nx.MultiDiGraph | StoredGraph, texts: list[DocumentText]
) -> list[DocumentText]:
    """The texts that differ from the stored ones: a document parsed again (a curated
    build parses every one) whose sentences and mentions are as stored is not rewritten."""
    again = [t for t in texts if t.document in before]
    if not again:
        return texts
    stored: dict[str, tuple[set[SentenceRow], set[MentionRow]]] = {}
    for chunk in batched([t.document for t in again], 500):
        query = STORED_TEXTS.replace("label(e)", dialect_of(store.dialect).label_of("e"))
        for document, *sentence, entity, label, start, end, surface in store.query(
            query, {"docs": list(chunk)}
        ).rows:
            sentences, mentions = stored.setdefault(document, (set(), set()))
            sentences.add(SentenceRow(sentence[0], document, *sentence[1:]))
            if entity is not None:
                mentions.add(MentionRow(sentence[0], entity, label, start, end, surface))
    return [t for t in texts if stored.get(t.document) != (set(t.sentences), set(t.mentions))]


def _moved_mentions(
    store: Store, moved: Mapping[str, str], graph: nx.MultiDiGraph, rewritten: set[str]
) -> list[MentionRow]:
    """The stored mentions of the ``moved`` entities, pointed at where they went."""
    rows = []
    for chunk in batched(sorted(moved), 5000):
        for sid, old, start, end, surface in store.query(
            STORED_MENTIONS, {"ids": list(chunk)}
        ).rows:
            if sentence_document(sid) in rewritten:
                continue
            new = moved[old]
            rows.append(MentionRow(sid, new, graph.nodes[new]["label"], start, end, surface))
    by_key: dict[tuple[str, str, int], MentionRow] = {}
    for row in rows:  # two merged names in one sentence: each mention once
        by_key[row.sentence, row.entity, row.start_char] = row
    return sorted(by_key.values(), key=lambda r: (r.sentence, r.start_char, r.entity))


SURFACES_IN = (
    "MATCH (s:Sentence)-[m:HAS_MENTION]->(e) WHERE s.document IN $docs "
    "RETURN DISTINCT e.id, m.surface"
)
SURFACES_ELSEWHERE = (
    "MATCH (s:Sentence)-[m:HAS_MENTION]->(e) WHERE e.id IN $ids AND NOT (s.document IN $docs) "
    "RETURN DISTINCT e.id, m.surface"
)


def retract_aliases(
    store: Store, graph: nx.MultiDiGraph, removed: list[str], texts: Mapping[str, DocumentText]
) -> None:
    """Take back the aliases only ``removed`` documents attested (a name written one way in
    one article leaves with it). An alias stays while another stored or new mention, or
    the entity's own name, still attests it; other aliases (names folded in) are kept."""
    if not removed:
        return
    renamed: dict[str, str] = graph.graph.get("renamed", {})
    theirs: dict[str, set[str]] = {}
    for entity, surface in store.query(SURFACES_IN, {"docs": removed}).rows:
        theirs.setdefault(renamed.get(entity, entity), set()).add(surface)
    if not theirs:
        return
    attested: dict[str, set[str]] = {}
    ids = sorted({old for old in renamed if renamed[old] in theirs} | set(theirs))
    for entity, surface in store.query(SURFACES_ELSEWHERE, {"ids": ids, "docs": removed}).rows:
        attested.setdefault(renamed.get(entity, entity), set()).add(surface)
    for text in texts.values():
        for m in text.mentions:
            attested.setdefault(renamed.get(m.entity, m.entity), set()).add(m.surface)
    for entity, surfaces in theirs.items():
        if entity not in graph:
            continue
        attrs = graph.nodes[entity]
        gone = surfaces - attested.get(entity, set()) - {attrs["name"]}
        attrs["aliases"] = [a for a in attrs["aliases"] if a not in gone]
