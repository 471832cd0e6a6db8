"""The delta write: sentences stored once, mentions kept through merges, replays harmless."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from actorgraph.graph.model import GraphBuilder, fold_node
from actorgraph.graph.pipeline import build
from actorgraph.graph.stores.delta import commit, plan_delta
from actorgraph.graph.stores.journal import Journal
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.graph.stores.rows import diff_graphs
from actorgraph.loaders.registry import load_paths

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
MENTIONS = (
    "MATCH (s:Sentence)-[m:HAS_MENTION]->(e) RETURN s.id, e.id, m.surface ORDER BY s.id, e.id"
)


def test_seeds_store_holds_every_sentence_once_with_its_mentions(seeds_store_path: Path) -> None:
    with LadybugStore(seeds_store_path, read_only=True) as store:
        sentences = store.query(
            "MATCH (s:Sentence)-[:FROM_DOCUMENT]->(d:Document) "
            "RETURN s.id, s.document, d.id, s.gap, s.text, s.start_char, s.end_char "
            "ORDER BY s.document, s.position"
        ).rows
        named = {row[0] for row in store.query(MENTIONS).rows}
        cited = store.query(
            "MATCH ()-[r:CO_MENTIONED]->() UNWIND r.sentences AS sid RETURN DISTINCT sid"
        ).rows
        follows = store.query("MATCH (:Sentence)-[n:NEXT_SENTENCE]->(:Sentence) RETURN count(n)")
        documents = store.query("MATCH (d:Document) RETURN d.id").rows
    ids = [row[0] for row in sentences]
    assert len(ids) == len(set(ids)) > 400
    assert all(sid.startswith(f"{doc}:") and doc == home for sid, doc, home, *_ in sentences)
    texts = Counter((row[1], row[4]) for row in sentences)
    assert max(texts.values()) == 1  # no sentence text stored twice within a document
    assert {row[0] for row in cited} <= set(ids)  # links cite stored sentences only
    assert named <= set(ids) and len(named) < len(ids)  # sentences naming none are kept too
    assert follows.rows[0][0] == len(ids) - len(documents)
    # the article is rebuilt from its sentences: gap + text, in order
    for document in load_paths([SEEDS]):
        rows = [r for r in sentences if r[1] == document.id]
        rebuilt = "".join(gap + text for *_, gap, text, _, _ in rows)
        assert rebuilt == document.text[: len(rebuilt)]
        assert document.text[len(rebuilt) :].strip() == ""
        assert all(document.text[s:e] == text for *_, text, s, e in rows)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder


def test_a_merge_moves_the_stored_mentions_and_a_replay_adds_none(tmp_path: Path) -> None:
    corpus = write(tmp_path / "a", "one.txt", "Notes.\n\nRogers said Myanmar must answer.\n")
    write(corpus, "two.txt", "Report.\n\nBenedict Rogers said the regime in Myanmar was brutal.\n")
    with LadybugStore(tmp_path / "store") as store:
        build([corpus], store, workers=1)
        before = store.read_graph(evidence_text=False)
        assert {"Person:rogers", "Person:benedict-rogers"} <= set(before)
        after = GraphBuilder(before).finish(
            lambda g: fold_node(g, "Person:rogers", "Person:benedict-rogers")
        )
        diff = plan_delta(store, before, after, {})
        assert [(m.entity, m.surface) for m in diff.repoint] == [
            ("Person:benedict-rogers", "Rogers")
        ]
        commit(store, diff)
        mentions = store.query(MENTIONS).rows
        store.apply(diff)  # what a replay of the journal does
        assert store.query(MENTIONS).rows == mentions
        stored = store.read_graph(evidence_text=False)
    people = {e for _, e, _ in mentions if e.startswith("Person:")}
    assert people == {"Person:benedict-rogers"}
    assert sorted(s for _, e, s in mentions if e.startswith("Person:")) == [
        "Benedict Rogers",
        "Rogers",
    ]
    assert not len(diff_graphs(after, stored))


def test_replacing_a_document_removes_its_old_sentences_and_their_links(tmp_path: Path) -> None:
    corpus = write(tmp_path / "a", "one.txt", "Sanctions.\n\nThe United States sanctioned Myanmar.")
    with LadybugStore(tmp_path / "store") as store:
        build([corpus], store, workers=1)
        write(corpus, "one.txt", "Sanctions.\n\nThe United Kingdom sanctioned Belarus.")
        report = build([corpus], store, workers=1)
        texts = [r[0] for r in store.query("MATCH (s:Sentence) RETURN s.text").rows]
        named = {r[1] for r in store.query(MENTIONS).rows}
        linked = store.query("MATCH (a)-[r:SANCTIONED]->(b) RETURN a.name, b.name").rows
    assert report.replaced == 1
    assert texts == ["Sanctions.", "The United Kingdom sanctioned Belarus."]
    assert "State:myanmar" not in named and "State:belarus" in named
    assert linked == [["United Kingdom", "Belarus"]]


def test_journal_round_trips_a_diff(seeds_store_path: Path, tmp_path: Path) -> None:
    with LadybugStore(seeds_store_path, read_only=True) as store:
        graph = store.read_graph()
    diff = diff_graphs(type(graph)(), graph)
    journal = Journal(tmp_path / "journal")
    entry = journal.publish(diff)
    assert journal.pending() == [entry]
    assert journal.load(entry) == diff
    assert journal.header(entry)["documents"] == diff.documents_written
    journal.done(entry)
    assert journal.pending() == []


def test_journal_round_trips_a_source_path_that_was_not_utf8(tmp_path: Path) -> None:
    """orjson refuses a lone surrogate (a file name kept surrogate-escaped): that line is
    written by json, escaped, and read back the same."""
    from actorgraph.graph.stores.base import GraphDiff, NodeRow

    source = "collection/caf\udce9.txt"
    diff = GraphDiff(upsert_nodes=[NodeRow("doc:1", "Document", {"source": source})])
    journal = Journal(tmp_path / "journal")
    entry = journal.publish(diff)
    assert b"\\udce9" in entry.read_bytes()
    assert journal.load(entry) == diff


def test_journal_reads_an_entry_written_by_json(tmp_path: Path) -> None:
    """A pending entry from before orjson (json's spacing) still replays."""
    import json

    from actorgraph.graph.stores.base import GraphDiff
    from actorgraph.graph.stores.journal import FORMAT

    journal = Journal(tmp_path / "journal")
    (tmp_path / "journal").mkdir()
    lines = [{"format": FORMAT, "command": "build", "documents": []}, ["drop_texts", "doc:1"]]
    entry = tmp_path / "journal" / "pending-1.jsonl"
    entry.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    assert journal.pending() == [entry]
    assert journal.load(entry) == GraphDiff(drop_texts=["doc:1"])


@pytest.mark.parametrize("damage", ["truncated", "not json"])
def test_a_damaged_journal_entry_is_reported_with_its_path(tmp_path: Path, damage: str) -> None:
    from actorgraph.graph.stores.base import GraphDiff, StoreError

    journal = Journal(tmp_path / "journal")
    entry = journal.publish(GraphDiff(drop_texts=["doc:1"]))
    text = entry.read_text("utf-8")
    entry.write_text(text[: len(text) // 2] if damage == "truncated" else "{oops", "utf-8")
    with pytest.raises(StoreError, match=str(entry)):
        journal.load(entry)
