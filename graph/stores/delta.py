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

from actorgraph.graph.records import DocumentText, MentionRow, sentence_document
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
    diff = diff_graphs(before, after, texts)
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
