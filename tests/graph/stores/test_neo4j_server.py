"""The Neo4j store against a real Neo4j 5.26 (tests/neo4j_server.py): what only a server shows.

Builds go through the `actorgraph build` command as a user runs it; the killed build is a
real process, SIGKILLed by a fault point (graph.faults) after one of its transactions
has committed, its write left pending in the journal.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from operator import itemgetter
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest
from neo4j_server import Neo4jTarget, graph_layout, stored_graph_of

from actorgraph.graph import querylib
from actorgraph.graph.cli import main
from actorgraph.graph.cli.common import INCOMPLETE
from actorgraph.graph.exports.neo4j_csv import stored_texts
from actorgraph.graph.extraction.mentions import Extractor
from actorgraph.graph.records import DocumentText, Extraction, sentence_id
from actorgraph.graph.schema import load_schema
from actorgraph.graph.stores.base import GraphDiff, ReadOnlyError, StoreError
from actorgraph.graph.stores.journal import Journal
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.graph.stores.lock import lock_path
from actorgraph.graph.stores.neo4j import ENTITY, Neo4jStore
from actorgraph.graph.stores.rows import diff_graphs
from actorgraph.loaders.document import Document
from actorgraph.loaders.registry import load_paths

pytestmark = pytest.mark.neo4j

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
COUNT_LINKS = "MATCH ()-[r]->() RETURN count(r) AS n"
DUPLICATE_NODES = "MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id) AS n"
# A link is one per (source, type, target); a mention one per (sentence, entity, start).
DUPLICATE_LINKS = (
    "MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, r.start_char AS at, count(*) AS c "
    "WHERE c > 1 RETURN count(t) AS n"
)


def run_cli(target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    for key, value in target.environ().items():
        monkeypatch.setenv(key, value)
    return main([*args, "--store", target.uri])


def records(target: Neo4jTarget, statement: str, **params: Any) -> list[dict[str, Any]]:
    with neo4j.GraphDatabase.driver(target.uri, auth=target.auth) as driver:
        found, _, _ = driver.execute_query(statement, params)
        return [r.data() for r in found]


def count(target: Neo4jTarget, statement: str, **params: Any) -> int:
    return int(records(target, statement, **params)[0]["n"])


def texts_of(target: Neo4jTarget) -> list[DocumentText]:
    with target.store(read_only=True) as store:
        return stored_texts(store, store.read_graph(evidence_text=False))


@pytest.fixture(scope="module")
def clean_seeds(seeds_store_path: Path) -> tuple[nx.MultiDiGraph, list[DocumentText]]:
    """The seeds as a clean build into the embedded store holds them: the reference."""
    with LadybugStore(seeds_store_path, read_only=True) as store:
        graph = store.read_graph()
        return graph, stored_texts(store, graph)


@pytest.fixture(scope="module")
def seeds_documents() -> dict[str, Document]:
    return {d.id: d for d in load_paths([SEEDS]) if isinstance(d, Document)}


@pytest.fixture(scope="module")
def seeds_extractions(seeds_documents: dict[str, Document]) -> dict[str, Extraction]:
    """The seeds parsed afresh by the real pipeline, apart from any store."""
    return {e.document.id: e for e in Extractor().extract(seeds_documents.values())}


# --- building the seeds --------------------------------------------------------------------


def test_building_the_seeds_twice_writes_nothing_the_second_time(
    empty_neo4j: Neo4jTarget,
    clean_seeds: tuple[nx.MultiDiGraph, list[DocumentText]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    graph, texts = clean_seeds
    assert run_cli(empty_neo4j, monkeypatch, "build", str(SEEDS)) == 0
    first = capsys.readouterr().out
    nodes, links = count(empty_neo4j, COUNT_NODES), count(empty_neo4j, COUNT_LINKS)
    sentences = sum(len(t.sentences) for t in texts)
    lexical = sum(2 * len(t.sentences) - 1 + len(t.mentions) for t in texts)
    assert nodes == graph.number_of_nodes() + sentences
    assert links == graph.number_of_edges() + lexical
    assert "(0 rows written)" not in first

    assert run_cli(empty_neo4j, monkeypatch, "build", str(SEEDS)) == 0
    second = capsys.readouterr().out
    assert "(0 rows written)" in second
    assert "0 added, 0 replaced" in second
    assert (count(empty_neo4j, COUNT_NODES), count(empty_neo4j, COUNT_LINKS)) == (nodes, links)
    assert count(empty_neo4j, DUPLICATE_NODES) == 0
    assert count(empty_neo4j, DUPLICATE_LINKS) == 0
    assert len(diff_graphs(graph, stored_graph_of(empty_neo4j))) == 0
    assert texts_of(empty_neo4j) == texts


def test_seeds_hold_one_sentence_per_non_empty_sentence(
    seeds_neo4j: Neo4jTarget, seeds_extractions: dict[str, Extraction]
) -> None:
    stored = records(
        seeds_neo4j,
        "MATCH (s:Sentence) RETURN s.id AS id, s.document AS document, s.position AS position, "
        "s.start_char AS start, s.end_char AS end, s.text AS text",
    )
    expected = {
        sentence_id(document, i): (document, i, s.start, s.end, s.text)
        for document, extraction in seeds_extractions.items()
        for i, s in enumerate(extraction.sentences)
        if s.text.strip()
    }
    found = {
        r["id"]: (r["document"], r["position"], r["start"], r["end"], r["text"]) for r in stored
    }
    assert len(stored) == len(found) == len(expected) > 400
    assert found == expected


def test_seeds_store_no_sentence_twice(seeds_neo4j: Neo4jTarget) -> None:
    """One node per (document, position), and no link carries text of its own."""
    again = (
        "MATCH (s:Sentence) WITH s.document AS d, s.position AS p, count(*) AS c "
        "WHERE c > 1 RETURN count(*) AS n"
    )
    assert count(seeds_neo4j, again) == 0
    texts = records(
        seeds_neo4j,
        "MATCH (s:Sentence) RETURN count(s) AS nodes, count(DISTINCT [s.document, s.text]) AS t",
    )[0]
    assert texts["t"] == texts["nodes"]  # no document repeats a sentence's node
    keys = records(
        seeds_neo4j, "MATCH ()-[r]->() UNWIND keys(r) AS k RETURN collect(DISTINCT k) AS k"
    )
    assert not {k for k in keys[0]["k"] if k.startswith("evidence") or k == "text"}


def test_seeds_articles_are_rebuilt_from_their_sentences(
    seeds_neo4j: Neo4jTarget, seeds_documents: dict[str, Document]
) -> None:
    article = (
        "MATCH (s:Sentence {document: $id}) WITH s ORDER BY s.position "
        "RETURN collect(s.gap + s.text) AS parts"
    )
    for document in seeds_documents.values():
        parts = records(seeds_neo4j, article, id=document.id)[0]["parts"]
        text = "".join(parts)
        assert document.text.startswith(text), document.source
        assert not document.text[len(text) :].strip(), document.source
    chain = (
        "MATCH (d:Document) OPTIONAL MATCH (s:Sentence)-[:FROM_DOCUMENT]->(d) "
        "WITH d, count(s) AS sentences "
        "OPTIONAL MATCH (a:Sentence {document: d.id})-[:NEXT_SENTENCE]->(b:Sentence) "
        "WHERE b.document = d.id AND b.position > a.position "
        "WITH d, sentences, count(b) AS next WHERE next <> sentences - 1 RETURN count(d) AS n"
    )
    assert count(seeds_neo4j, chain) == 0


def test_seeds_sentences_link_the_entities_they_name(
    seeds_neo4j: Neo4jTarget, seeds_extractions: dict[str, Extraction]
) -> None:
    """Every named mention extraction finds is a HAS_MENTION at its offsets (unless
    resolution dropped it), its surface the document's own words; both ends of every
    co-mention are named by each of its sentences."""
    mentions = records(
        seeds_neo4j,
        "MATCH (s:Sentence)-[m:HAS_MENTION]->(e:Entity) "
        "RETURN s.id AS sentence, s.start_char AS s0, s.end_char AS s1, e.id AS entity, "
        "m.start_char AS start, m.end_char AS end, m.surface AS surface",
    )
    stored = {(m["sentence"], m["start"]): m for m in mentions}
    named = {
        (sentence_id(document, m.sentence), m.start): (m, extraction.document.text)
        for document, extraction in seeds_extractions.items()
        for m in extraction.mentions
        if not m.via
    }
    assert len(mentions) == len(stored) > 500
    assert stored.keys() <= named.keys()
    assert len(stored) >= 0.9 * len(named), "resolution drops few named mentions"
    for key, m in stored.items():
        mention, text = named[key]
        assert m["surface"] == mention.text == text[m["start"] : m["end"]]
        assert m["s0"] <= m["start"] < m["end"] <= m["s1"]
    unnamed = (
        "MATCH (a)-[r:CO_MENTIONED]->(b) UNWIND r.sentences AS sid "
        "MATCH (s:Sentence {id: sid}) "
        "WHERE NOT (s)-[:HAS_MENTION]->(a) OR NOT (s)-[:HAS_MENTION]->(b) RETURN count(*) AS n"
    )
    assert count(seeds_neo4j, unnamed) == 0


def test_seeds_links_cite_their_sentences_by_id(seeds_neo4j: Neo4jTarget) -> None:
    links = records(
        seeds_neo4j,
        "MATCH ()-[r]->() WHERE r.sentences IS NOT NULL "
        "RETURN type(r) AS type, r.weight AS weight, r.sentences AS sentences, "
        "[sid IN r.sentences WHERE NOT EXISTS { MATCH (:Sentence {id: sid}) }] AS missing",
    )
    assert {r["type"] for r in links} >= {"CO_MENTIONED", "CHAIRS"}
    for link in links:
        assert link["weight"] == len(link["sentences"]) >= 1, link
        assert not link["missing"], link
        order = [(s.rpartition(":")[0], int(s.rpartition(":")[2])) for s in link["sentences"]]
        assert order == sorted(set(order)), link


def test_every_entity_carries_the_entity_label(seeds_neo4j: Neo4jTarget) -> None:
    labels = list(load_schema().entity_labels)
    entities = "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n"
    total = count(seeds_neo4j, entities, labels=labels)
    assert count(seeds_neo4j, f"MATCH (n:{ENTITY}) RETURN count(n) AS n") == total > 200
    others = "MATCH (n:Entity) WHERE n:Document OR n:Sentence RETURN count(n) AS n"
    assert count(seeds_neo4j, others) == 0


# --- full-text indexes -------------------------------------------------------------------


def test_full_text_finds_forced_organ_harvesting_beside_the_china_tribunal(
    seeds_neo4j: Neo4jTarget,
) -> None:
    found = records(
        seeds_neo4j,
        "CALL db.index.fulltext.queryNodes('sentence_text', $q) YIELD node, score "
        "OPTIONAL MATCH (node)-[:HAS_MENTION]->(e:Entity) "
        "RETURN node.text AS text, score, collect(e.name) AS names ORDER BY score DESC",
        q='"forced organ harvesting"',
    )
    assert len(found) >= 4
    assert all("forced organ harvesting" in r["text"].lower() for r in found)
    assert any("China Tribunal" in r["names"] for r in found)


@pytest.mark.parametrize(("query", "entity"), [("Burma", "State:myanmar"), ("tatmadaw", None)])
def test_full_text_finds_entities_by_name_and_alias(
    seeds_neo4j: Neo4jTarget, query: str, entity: str | None
) -> None:
    """``entity_names`` indexes the aliases list too (Neo4j 5.26 indexes list items)."""
    found = records(
        seeds_neo4j,
        "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node "
        "RETURN node.id AS id, node.name AS name, node.aliases AS aliases",
        q=query,
    )
    assert found
    if entity is not None:
        assert entity in {r["id"] for r in found}
        hit = next(r for r in found if r["id"] == entity)
        assert query not in hit["name"] and query in hit["aliases"]


# --- writes: replayed, interrupted, replaced -------------------------------------------------


def seeds_diff(
    graph: nx.MultiDiGraph, texts: list[DocumentText], documents: set[str] | None = None
) -> Any:
    """The diff that writes the seeds (or only ``documents`` of them) into an empty store."""
    if documents is not None:
        graph = graph.copy()
        graph.remove_nodes_from(
            [
                n
                for n, a in graph.nodes(data=True)
                if a["label"] == "Document" and n not in documents
            ]
        )
        graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
        texts = [t for t in texts if t.document in documents]
    diff = diff_graphs(nx.MultiDiGraph(), graph)
    diff.texts = texts
    return diff


def store_state(target: Neo4jTarget) -> tuple[Any, list[DocumentText], int, int]:
    return (
        graph_layout(stored_graph_of(target)),
        texts_of(target),
        count(target, COUNT_NODES),
        count(target, COUNT_LINKS),
    )


def test_replaying_a_diff_over_itself_leaves_the_store_identical(
    empty_neo4j: Neo4jTarget, clean_seeds: tuple[nx.MultiDiGraph, list[DocumentText]]
) -> None:
    graph, texts = clean_seeds
    diff = seeds_diff(graph, texts)
    with empty_neo4j.store() as store:
        store.apply(diff, batch_size=500)
        once = store_state(empty_neo4j)
        store.apply(diff, batch_size=500)
        assert store_state(empty_neo4j) == once
    assert once[1] == texts and len(diff_graphs(graph, stored_graph_of(empty_neo4j))) == 0


def test_a_write_cut_short_is_completed_by_applying_it_again(
    empty_neo4j: Neo4jTarget,
    clean_seeds: tuple[nx.MultiDiGraph, list[DocumentText]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stopped after some committed transactions (the server keeps them), then replayed."""
    graph, texts = clean_seeds
    diff = seeds_diff(graph, texts)
    with empty_neo4j.store() as reference:
        reference.apply(diff)
    clean = store_state(empty_neo4j)
    with empty_neo4j.store() as store:
        store.query("MATCH (n) DETACH DELETE n", read_only=False)
        committed: list[Any] = []
        write = Neo4jStore._write

        def stop_after_five(self: Neo4jStore, writes: list[Any]) -> int:
            if len(committed) == 5:
                raise StoreError("cut short")
            committed.append(writes)
            return write(self, writes)

        monkeypatch.setattr(Neo4jStore, "_write", stop_after_five)
        with pytest.raises(StoreError, match="cut short"):
            store.apply(diff, batch_size=200)
        monkeypatch.setattr(Neo4jStore, "_write", write)
        assert count(empty_neo4j, "MATCH (d:Document) RETURN count(d) AS n") > 0
        assert count(empty_neo4j, COUNT_NODES) < clean[2]
        store.apply(diff, batch_size=200)
    assert store_state(empty_neo4j) == clean


def test_a_store_holding_part_of_a_diff_takes_the_rest(
    empty_neo4j: Neo4jTarget, clean_seeds: tuple[nx.MultiDiGraph, list[DocumentText]]
) -> None:
    graph, texts = clean_seeds
    with empty_neo4j.store() as store:
        store.apply(seeds_diff(graph, texts))
        clean = store_state(empty_neo4j)
        store.query("MATCH (n) DETACH DELETE n", read_only=False)
        store.apply(seeds_diff(graph, texts, {texts[0].document, texts[3].document}))
        store.apply(seeds_diff(graph, texts))
    assert store_state(empty_neo4j) == clean


def test_build_killed_during_its_write_is_completed_by_the_next(
    empty_neo4j: Neo4jTarget,
    clean_seeds: tuple[nx.MultiDiGraph, list[DocumentText]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SIGKILL right after the third commit (schema, then a document per transaction):
    the write stays pending in the journal; the next build completes it."""
    graph, texts = clean_seeds
    command = [
        sys.executable,
        "-c",
        "import sys; from actorgraph.graph.cli import main; sys.exit(main(sys.argv[1:]))",
        "build",
        str(SEEDS),
        "--store",
        empty_neo4j.uri,
        "--write-batch-size",
        "1",  # one document per transaction: many commits to fall between
        "--quiet",
    ]
    environ = empty_neo4j.environ(ACTORGRAPH_FAULT="neo4j.commit:after:3")
    done = subprocess.run(command, env=environ, capture_output=True, text=True, timeout=600)
    assert done.returncode == -9, f"build was not killed: {done.stderr[-2000:]}"
    held = count(empty_neo4j, "MATCH (d:Document) RETURN count(d) AS n")
    total = sum(1 for _, a in graph.nodes(data=True) if a["label"] == "Document")
    assert 1 <= held < total, f"{held} of {total}: not a partial write"
    with empty_neo4j.store(read_only=True) as store:
        journal = Journal(store.journal_dir)
        assert store.journal_dir.is_relative_to(empty_neo4j.state)
    assert len(journal.pending()) == 1
    assert_reads_guarded(empty_neo4j, monkeypatch, capsys, journal, total, held)

    assert run_cli(empty_neo4j, monkeypatch, "build", str(SEEDS)) == 0
    assert f"completed an interrupted write of {total} documents" in capsys.readouterr().out
    assert journal.pending() == []
    assert graph_layout(stored_graph_of(empty_neo4j)) == graph_layout(graph)
    assert texts_of(empty_neo4j) == texts
    assert count(empty_neo4j, DUPLICATE_NODES) == count(empty_neo4j, DUPLICATE_LINKS) == 0


HOLDER = """
import sys, time
from pathlib import Path
from actorgraph.graph.stores.lock import WriterLock
with WriterLock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


def assert_reads_guarded(
    target: Neo4jTarget,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    journal: Journal,
    total: int,
    held: int,
) -> None:
    """A read command refuses (exit 3) a server whose write is pending, and says which case
    it is; --allow-incomplete reads what the server committed, and completes nothing."""
    capsys.readouterr()
    assert run_cli(target, monkeypatch, "stats") == INCOMPLETE
    pending = (
        f"an interrupted write of {total} documents is pending; run `actorgraph build` (or "
        "`actorgraph recover`) to complete it; --allow-incomplete reads the last committed state"
    )
    assert capsys.readouterr().err.strip().endswith(pending)
    assert run_cli(target, monkeypatch, "stats", "--json", "--allow-incomplete") == 0
    assert json.loads(capsys.readouterr().out)["documents"]["Document"] == held
    assert len(journal.pending()) == 1
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path(journal.directory))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert run_cli(target, monkeypatch, "stats") == INCOMPLETE
        assert f"a build (PID {holder.pid}) is writing" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()


def test_repointed_mentions_move_to_the_entity_once_however_often_applied(
    empty_neo4j: Neo4jTarget, clean_seeds: tuple[nx.MultiDiGraph, list[DocumentText]]
) -> None:
    """An entity merged into another: its node goes, its stored mentions now name the
    other, each once, also when the diff is applied again."""
    graph, texts = clean_seeds
    mentions = [m for t in texts for m in t.mentions]
    gone, kept = "State:united-kingdom", "State:china"
    moved = [replace(m, entity=kept, label="State") for m in mentions if m.entity == gone]
    assert len(moved) >= 3 and gone in graph and kept in graph
    named = (
        "MATCH (s:Sentence)-[m:HAS_MENTION]->(:Entity {id: $id}) "
        "RETURN s.id AS sentence, m.start_char AS start, m.surface AS surface"
    )
    with empty_neo4j.store() as store:
        store.apply(seeds_diff(graph, texts))
        before = records(empty_neo4j, named, id=kept)
        node = next(r for r in diff_graphs(graph, nx.MultiDiGraph()).delete_nodes if r.id == gone)
        merge = GraphDiff(delete_nodes=[node], repoint=moved)
        for _ in range(2):
            store.apply(merge, batch_size=2)
            after = records(empty_neo4j, named, id=kept)
            expected = before + [
                {"sentence": m.sentence, "start": m.start_char, "surface": m.surface} for m in moved
            ]
            key = itemgetter("sentence", "start")
            assert sorted(after, key=key) == sorted(expected, key=key)
            assert count(empty_neo4j, "MATCH (n {id: $id}) RETURN count(n) AS n", id=gone) == 0
    assert count(empty_neo4j, DUPLICATE_LINKS) == 0


def test_replacing_a_document_removes_its_old_sentences_and_their_links(
    empty_neo4j: Neo4jTarget,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "002.txt"
    shutil.copy(SEEDS / "002_17305e8ac4772ffc.txt", article)
    assert run_cli(empty_neo4j, monkeypatch, "build", str(corpus)) == 0
    old = records(empty_neo4j, "MATCH (d:Document) RETURN d.id AS id")[0]["id"]
    old_sentences = count(
        empty_neo4j, "MATCH (s:Sentence {document: $d}) RETURN count(s) AS n", d=old
    )
    assert old_sentences > 5

    text = article.read_text("utf-8")
    article.write_text(text.replace("Sir Geoffrey Nice QC", "Sir Geoffrey Nice KC"), "utf-8")
    assert run_cli(empty_neo4j, monkeypatch, "build", str(corpus)) == 0
    assert "1 replaced" in capsys.readouterr().out
    new = records(empty_neo4j, "MATCH (d:Document) RETURN d.id AS id")
    assert len(new) == 1 and new[0]["id"] != old
    leftovers = (
        "MATCH (s:Sentence) WHERE s.document = $d OR s.id STARTS WITH $prefix RETURN count(s) AS n"
    )
    assert count(empty_neo4j, leftovers, d=old, prefix=old + ":") == 0
    cited = (
        "MATCH ()-[r]->() UNWIND r.sentences AS sid WITH sid "
        "WHERE sid STARTS WITH $p RETURN count(*) AS n"
    )
    assert count(empty_neo4j, cited, p=old + ":") == 0
    elsewhere = (
        "MATCH (s:Sentence)-[:FROM_DOCUMENT]->(d:Document) WHERE s.document <> d.id "
        "RETURN count(s) AS n"
    )
    assert count(empty_neo4j, elsewhere) == 0
    replaced = store_state(empty_neo4j)

    # the same as a clean build of the new version
    with empty_neo4j.store() as store:
        store.query("MATCH (n) DETACH DELETE n", read_only=False)
    assert run_cli(empty_neo4j, monkeypatch, "build", str(corpus)) == 0
    assert store_state(empty_neo4j) == replaced


WRITES = [
    "CREATE (n:Person {id: 'Person:intruder', name: 'Intruder'})",
    "MATCH (n:State) SET n.name = 'renamed'",
    "MATCH (n) DETACH DELETE n",
    "MERGE (n:Person {id: 'Person:intruder'})",
]


@pytest.mark.parametrize("statement", WRITES)
def test_cypher_command_refuses_writes(
    seeds_neo4j: Neo4jTarget,
    statement: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = count(seeds_neo4j, COUNT_NODES)
    assert run_cli(seeds_neo4j, monkeypatch, "cypher", statement) == 2
    assert "refused" in capsys.readouterr().err
    assert count(seeds_neo4j, COUNT_NODES) == before


@pytest.mark.parametrize("statement", WRITES)
def test_server_refuses_a_write_on_a_read_session(
    seeds_neo4j: Neo4jTarget,
    statement: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With our own write check switched off, Neo4j's READ access mode still refuses."""
    monkeypatch.setattr(querylib, "check_read_only", lambda statement: None)
    before = count(seeds_neo4j, COUNT_NODES)
    with seeds_neo4j.store(read_only=True) as store, pytest.raises(ReadOnlyError):
        store.query(statement)
    assert run_cli(seeds_neo4j, monkeypatch, "cypher", statement) == 2
    assert "refused" in capsys.readouterr().err
    assert count(seeds_neo4j, COUNT_NODES) == before
    with seeds_neo4j.store(read_only=True) as store:
        assert store.query("MATCH (n:State {name: 'renamed'}) RETURN n.id").rows == []


def test_query_command_answers_on_neo4j(
    seeds_neo4j: Neo4jTarget, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_cli(seeds_neo4j, monkeypatch, "query", "entity", "--param", "name=Burma")
    assert status == 0
    assert "State:myanmar" in capsys.readouterr().out


def test_wrong_credentials_give_one_clear_line_without_the_password(
    neo4j_server: Neo4jTarget, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = "not-the-password-9f3a"
    target = Neo4jTarget(neo4j_server.uri, neo4j_server.user, wrong)
    assert run_cli(target, monkeypatch, "stats") == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "refused the credentials" in lines[0] and neo4j_server.uri in lines[0]
    assert wrong not in captured.err + captured.out
    assert neo4j_server.password not in captured.err + captured.out


def test_no_credentials_at_all_is_a_clear_error(
    neo4j_server: Neo4jTarget, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key in ("NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_AUTH"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["stats", "--store", neo4j_server.uri]) == 2
    err = capsys.readouterr().err
    assert "no Neo4j credentials" in err and len(err.strip().splitlines()) == 1


def test_launched_server_is_neo4j_5_26_with_auth_on(neo4j_server: Neo4jTarget) -> None:
    if neo4j_server.launched is None:
        pytest.skip("NEO4J_URI names the contributor's own server")
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition"
        )
    assert records[0]["v"].startswith("5.26.") and records[0]["edition"] == "community"
    with (
        neo4j.GraphDatabase.driver(neo4j_server.uri, auth=None) as anonymous,
        pytest.raises(neo4j.exceptions.AuthError),
    ):
        anonymous.verify_connectivity()


def test_first_write_creates_every_constraint_and_index(empty_neo4j: Neo4jTarget) -> None:
    from sample_graph import small_graph

    from actorgraph.graph.stores.neo4j import SHOW_SCHEMA, schema_definitions

    with empty_neo4j.store() as store:
        store.apply(diff_graphs(nx.MultiDiGraph(), small_graph()))
    names = {r["name"] for r in records(empty_neo4j, SHOW_SCHEMA)}
    shown = records(empty_neo4j, "SHOW INDEXES YIELD name, type, state RETURN *")
    constraints = records(empty_neo4j, "SHOW CONSTRAINTS YIELD name, type RETURN *")
    assert set(schema_definitions()) <= names
    assert all(r["state"] == "ONLINE" for r in shown), shown  # awaited before writing
    unique = {r["name"] for r in constraints if r["type"] == "UNIQUENESS"}
    declared = {n for n, text in schema_definitions().items() if "CONSTRAINT" in text}
    assert len(declared) == len(load_schema().node_labels) + 2  # Sentence, Entity
    assert declared <= unique
    fulltext = {r["name"] for r in shown if r["type"] == "FULLTEXT"}
    assert fulltext == {"sentence_text", "entity_names"}
