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

from actorgraph.graph.model import DOCUMENT
from actorgraph.graph.records import (
    DocumentText,
    MentionRow,
    SentenceRow,
    sentence_document,
)
from actorgraph.graph.stores.base import GraphDiff, Store, batched
from actorgraph.graph.stores.journal import Journal
from actorgraph.graph.stores.rows import diff_graphs

STORED_MENTIONS = (
    "MATCH (s:Sentence)-[m:HAS_MENTION]->(e) WHERE e.id IN $ids "
    "RETURN s.id, e.id, m.start_char, m.end_char, m.surface"
)


def plan_delta(
    store: Store,
    before: nx.MultiDiGraph,
    after: nx.MultiDiGraph,
    texts: Mapping[str, DocumentText],
) -> GraphDiff:
    """The rows that turn the store holding ``before`` into ``after``."""
    diff = diff_graphs(before, after)
    renamed: dict[str, str] = after.graph.get("renamed", {})
    documents = {n for n, a in after.nodes(data=True) if a["label"] == DOCUMENT}
    stored = {n for n, a in before.nodes(data=True) if a["label"] == DOCUMENT}
    for document in sorted(documents):
        if document in texts:
            diff.texts.append(_resolved(texts[document], after, renamed))
        elif document not in stored:  # a graph made without extraction (an import, a test)
            diff.texts.append(cited_sentences(after, document))
    diff.drop_texts = sorted(stored - documents)
    rewritten = {t.document for t in diff.texts} | set(diff.drop_texts)
    moved = {
        old: renamed[old]
        for old in (row.id for row in diff.delete_nodes)
        if renamed.get(old) in after and old != renamed[old]
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


def cited_sentences(graph: nx.MultiDiGraph, document: str) -> DocumentText:
    """The sentences of ``document`` its links cite, for a graph that holds no other text."""
    found: dict[int, SentenceRow] = {}
    for _, _, attrs in graph.edges(data=True):
        for e in attrs.get("evidence") or ():
            if e.document == document and e.index not in found:
                found[e.index] = SentenceRow(
                    e.sentence, document, e.index, e.start, e.end, e.text, ""
                )
    return DocumentText(document, [found[i] for i in sorted(found)], [])


def _resolved(
    text: DocumentText, graph: nx.MultiDiGraph, renamed: Mapping[str, str]
) -> DocumentText:
    """A parsed document's mentions pointed at the entities that survived resolution and
    curation (a mention of a dropped entity is not kept)."""
    mentions = []
    for m in text.mentions:
        entity = renamed.get(m.entity, m.entity)
        if entity in graph:
            label = graph.nodes[entity]["label"]
            mentions.append(
                MentionRow(m.sentence, entity, label, m.start_char, m.end_char, m.surface)
            )
    return DocumentText(text.document, text.sentences, mentions)


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
