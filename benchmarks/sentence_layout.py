"""Evidence as data in LadybugDB: which layout loads fastest, updates in place, survives kill -9.

Prints figures, asserts nothing. A synthetic archive shaped like the seeds (per document:
~45 sentences, ~1.4 entity mentions per sentence, 36% of sentences naming two or more
entities; entities drawn from a skewed pool so links aggregate across documents as a real
archive's do), written into fresh databases with ``COPY`` from Arrow, one transaction:

- ``entity-table+ids``: one ``Entity`` node table (the type a column), ``HAS_MENTION``
  Sentence -> Entity with offsets and surface form, ``CO_MENTIONED`` Entity -> Entity
  with ``weight`` and ``sentences`` (a list of sentence ids).
- ``per-label+ids``: one node table per entity type, as the store has today; then
  ``HAS_MENTION`` has one FROM/TO pair per type and ``CO_MENTIONED`` one per pair of
  types, each pair its own ``COPY``.
- ``entity-table+reified``: ``CO_MENTIONED`` with ``weight`` only, and the evidence as
  rows: a ``CoMention`` node per link with ``EVIDENCED_BY`` links to its sentences.
- ``entity-table+derived``: ``CO_MENTIONED`` with ``weight`` only; the evidence of a pair
  is the sentences that mention both (a join over ``HAS_MENTION`` at read time).

Every layout also holds ``Document``, ``Sentence`` (text once), ``FROM_DOCUMENT`` and
``NEXT_SENTENCE``. Then, on the first layout's store: the entity-to-entity projection
(what resolution and PageRank read), evidence of one pair, a delta of 1,000 links
(weight and evidence updated in place, by id), removing one document's ids from the
lists. Then the crash cases, each writer a subprocess (this script re-invoked with
``_crash`` or ``_delta``): a bulk write killed with SIGKILL inside its COPYs, its COMMIT
and its CHECKPOINT; a run of small delta transactions killed at several instants (every
link must hold the same number of deltas); and both kinds of write under a file-size limit
(RLIMIT_FSIZE, the unprivileged stand-in for a full disk), deltas with and without a
CHECKPOINT after each. Each store is reopened: which state survives, how long it takes.

Usage: ``python benchmarks/sentence_layout.py [--documents 5000] [--skip-crash]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa
import pyarrow.compute as pc

LABELS = ("Person", "State", "Region", "Organisation", "Group", "Tribunal", "Bill", "Event")
SENTENCES_PER_DOCUMENT = 45
# Entities named per sentence in the seeds (spaCy + the project's rules): 27% none, 37% one.
ENTITIES_PER_SENTENCE = {0: 27, 1: 37, 2: 12, 3: 10, 4: 7, 5: 4, 6: 3}
TEXT = (
    "The tribunal heard evidence that the ministry had detained members of the group in "
    "the region, and the parliament passed a motion on sanctions, said the organisation."
)
DELTA_LINKS = 1000


@dataclass
class Archive:
    """Column lists per table, as the store's Arrow bulk load builds them."""

    documents: dict[str, list[Any]] = field(default_factory=dict)
    sentences: dict[str, list[Any]] = field(default_factory=dict)
    entities: dict[str, list[Any]] = field(default_factory=dict)
    mentions: dict[str, list[Any]] = field(default_factory=dict)
    from_document: dict[str, list[Any]] = field(default_factory=dict)
    next_sentence: dict[str, list[Any]] = field(default_factory=dict)
    links: dict[str, list[Any]] = field(default_factory=dict)  # from, to, weight, sentences


def columns(*names: str) -> dict[str, list[Any]]:
    return {name: [] for name in names}


def make_archive(documents: int, entity_pool: int, seed: int = 7, prefix: str = "e") -> Archive:
    """``prefix`` names the entity pool: archives with different prefixes share no entity."""
    pick = random.Random(seed)
    pool = [f"{LABELS[n % len(LABELS)]}:{prefix}{n}" for n in range(entity_pool)]
    skew = [1 / (rank + 10) ** 0.9 for rank in range(entity_pool)]  # few hubs, a long tail
    cumulative = list(_accumulate(skew))
    counts = list(ENTITIES_PER_SENTENCE)
    weights = list(ENTITIES_PER_SENTENCE.values())
    archive = Archive(
        columns("id", "title"),
        columns("id", "document", "index", "start", "end", "text"),
        columns("id", "label", "name"),
        columns("from", "to", "start", "end", "surface"),
        columns("from", "to"),
        columns("from", "to"),
    )
    evidence: dict[tuple[str, str], list[str]] = {}
    seen: set[str] = set()
    for number in range(documents):
        document = f"{pick.getrandbits(64):016x}"
        archive.documents["id"].append(document)
        archive.documents["title"].append(f"Article {number}")
        previous = None
        for index in range(SENTENCES_PER_DOCUMENT):
            sentence = f"{document}:{index}"
            start = index * (len(TEXT) + 1)
            for name, value in zip(
                ("id", "document", "index", "start", "end", "text"),
                (sentence, document, index, start, start + len(TEXT), TEXT),
                strict=True,
            ):
                archive.sentences[name].append(value)
            archive.from_document["from"].append(sentence)
            archive.from_document["to"].append(document)
            if previous:
                archive.next_sentence["from"].append(previous)
                archive.next_sentence["to"].append(sentence)
            previous = sentence
            named = pick.choices(counts, weights)[0]
            entities = sorted(set(pick.choices(pool, cum_weights=cumulative, k=named)))
            for position, entity in enumerate(entities):
                archive.mentions["from"].append(sentence)
                archive.mentions["to"].append(entity)
                archive.mentions["start"].append(position * 12)
                archive.mentions["end"].append(position * 12 + 10)
                archive.mentions["surface"].append(entity.split(":")[1])
                seen.add(entity)
            for i, a in enumerate(entities):
                for b in entities[i + 1 :]:
                    evidence.setdefault((a, b), []).append(sentence)
    for entity in sorted(seen):
        archive.entities["id"].append(entity)
        archive.entities["label"].append(entity.split(":")[0])
        archive.entities["name"].append(f"Entity {entity.split(':')[1]}")
    archive.links = {
        "from": [a for a, _ in evidence],
        "to": [b for _, b in evidence],
        "weight": [len(ids) for ids in evidence.values()],
        "sentences": list(evidence.values()),
    }
    return archive


def _accumulate(values: Iterable[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


# ----------------------------------------------------------------- layouts

COMMON_DDL = [
    "CREATE NODE TABLE Document(id STRING PRIMARY KEY, title STRING)",
    "CREATE NODE TABLE Sentence(id STRING PRIMARY KEY, document STRING, `index` INT64, "
    "`start` INT64, `end` INT64, text STRING)",
    "CREATE REL TABLE FROM_DOCUMENT(FROM Sentence TO Document)",
    "CREATE REL TABLE NEXT_SENTENCE(FROM Sentence TO Sentence)",
]
MENTION_COLUMNS = "`start` INT64, `end` INT64, surface STRING"


def layout_ddl(layout: str) -> list[str]:
    if layout.startswith("per-label"):
        nodes = [
            f"CREATE NODE TABLE `{label}`(id STRING PRIMARY KEY, name STRING)" for label in LABELS
        ]
        mention_pairs = ", ".join(f"FROM Sentence TO `{label}`" for label in LABELS)
        link_pairs = ", ".join(f"FROM `{a}` TO `{b}`" for a in LABELS for b in LABELS)
        return [
            *COMMON_DDL,
            *nodes,
            f"CREATE REL TABLE HAS_MENTION({mention_pairs}, {MENTION_COLUMNS})",
            f"CREATE REL TABLE CO_MENTIONED({link_pairs}, weight INT64, sentences STRING[])",
        ]
    ddl = [
        *COMMON_DDL,
        "CREATE NODE TABLE Entity(id STRING PRIMARY KEY, label STRING, name STRING)",
        f"CREATE REL TABLE HAS_MENTION(FROM Sentence TO Entity, {MENTION_COLUMNS})",
    ]
    if layout == "entity-table+ids":
        return [
            *ddl,
            "CREATE REL TABLE CO_MENTIONED(FROM Entity TO Entity, weight INT64, "
            "sentences STRING[])",
        ]
    ddl.append("CREATE REL TABLE CO_MENTIONED(FROM Entity TO Entity, weight INT64)")
    if layout == "entity-table+reified":
        ddl += [
            "CREATE NODE TABLE CoMention(id STRING PRIMARY KEY, `from` STRING, `to` STRING)",
            "CREATE REL TABLE EVIDENCED_BY(FROM CoMention TO Sentence)",
        ]
    return ddl


LAYOUTS = ("entity-table+ids", "per-label+ids", "entity-table+reified", "entity-table+derived")


def layout_tables(layout: str, archive: Archive) -> list[tuple[str, str, pa.Table]]:
    """(table, COPY options, rows) in load order; nodes before the links that join them."""
    tables: list[tuple[str, str, pa.Table]] = [
        ("Document", "", pa.table(archive.documents)),
        ("Sentence", "", pa.table(archive.sentences)),
        ("FROM_DOCUMENT", "", pa.table(archive.from_document)),
        ("NEXT_SENTENCE", "", pa.table(archive.next_sentence)),
    ]
    links = archive.links
    if layout.startswith("per-label"):
        entities, mentions = pa.table(archive.entities), pa.table(archive.mentions)
        mention_labels = pa.array([to.split(":")[0] for to in archive.mentions["to"]])
        for label in LABELS:
            mask = pc.equal(entities["label"], label)
            tables.append((f"`{label}`", "", entities.filter(mask).select(["id", "name"])))
        for label in LABELS:
            part = mentions.filter(pc.equal(mention_labels, label))
            tables.append(("HAS_MENTION", f"(from='Sentence', to='{label}')", part))
        by_pair: dict[tuple[str, str], list[int]] = {}
        for row, (a, b) in enumerate(zip(links["from"], links["to"], strict=True)):
            by_pair.setdefault((a.split(":")[0], b.split(":")[0]), []).append(row)
        link_rows = _link_table(links, with_ids=True)
        for (a, b), rows in sorted(by_pair.items()):
            tables.append(("CO_MENTIONED", f"(from='{a}', to='{b}')", link_rows.take(rows)))
        return tables
    tables.append(("Entity", "", pa.table(archive.entities)))
    tables.append(("HAS_MENTION", "", pa.table(archive.mentions)))
    tables.append(("CO_MENTIONED", "", _link_table(links, with_ids=layout == "entity-table+ids")))
    if layout == "entity-table+reified":
        ids = [f"{a}|{b}" for a, b in zip(links["from"], links["to"], strict=True)]
        tables.append(
            ("CoMention", "", pa.table({"id": ids, "from": links["from"], "to": links["to"]}))
        )
        tables.append(
            (
                "EVIDENCED_BY",
                "",
                pa.table(
                    {
                        "from": [
                            i for i, s in zip(ids, links["sentences"], strict=True) for _ in s
                        ],
                        "to": [x for s in links["sentences"] for x in s],
                    }
                ),
            )
        )
    return tables


def _link_table(links: dict[str, list[Any]], *, with_ids: bool) -> pa.Table:
    names = ["from", "to", "weight", "sentences"] if with_ids else ["from", "to", "weight"]
    return pa.table({name: links[name] for name in names})


# ----------------------------------------------------------------- measuring


def connect(path: Path) -> tuple[ladybug.Database, ladybug.Connection]:
    database = ladybug.Database(str(path))
    return database, ladybug.Connection(database)


def rows_of(connection: ladybug.Connection, cypher: str, params: dict | None = None) -> list:
    result = connection.execute(cypher, params or {})
    assert not isinstance(result, list)
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    return rows


def copy(connection: ladybug.Connection, name: str, options: str, arrow_rows: pa.Table) -> None:
    connection.execute(f"COPY {name} FROM arrow_rows {options}")  # found by name in this frame


def load(
    connection: ladybug.Connection, tables: list[tuple[str, str, pa.Table]]
) -> dict[str, float]:
    """COPY every table in one transaction and commit; seconds per table name."""
    seconds: dict[str, float] = defaultdict(float)
    connection.execute("BEGIN TRANSACTION")
    for name, options, arrow_rows in tables:
        started = time.perf_counter()
        copy(connection, name, options, arrow_rows)
        seconds[name] += time.perf_counter() - started
    started = time.perf_counter()
    connection.execute("COMMIT")
    seconds["COMMIT"] = time.perf_counter() - started
    started = time.perf_counter()
    connection.execute("CHECKPOINT")
    seconds["CHECKPOINT"] = time.perf_counter() - started
    return seconds


def measure_layout(layout: str, archive: Archive, directory: Path) -> dict[str, Any]:
    started = time.perf_counter()
    tables = layout_tables(layout, archive)
    arrow_s = time.perf_counter() - started
    database, connection = connect(directory / "graph.lbdb")
    for statement in layout_ddl(layout):
        connection.execute(statement)
    seconds = load(connection, tables)
    connection.close()
    database.close()
    rows: Counter[str] = Counter()
    for name, _, table in tables:
        rows[name] += table.num_rows
    total_s = sum(seconds.values())
    return {
        "layout": layout,
        "rows": sum(rows.values()),
        "copies": len(tables),
        "seconds": total_s,
        "rows_per_s": sum(rows.values()) / total_s,
        "arrow_s": arrow_s,
        "with_arrow_per_s": sum(rows.values()) / (total_s + arrow_s),
        "per_table": {name: (rows[name], seconds[name]) for name in rows},
        "commit_s": seconds["COMMIT"],
        "checkpoint_s": seconds["CHECKPOINT"],
        "disk_mb": sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 1e6,
    }


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def reads_and_deltas(archive: Archive, directory: Path) -> None:
    """On an ``entity-table+ids`` store: the projection, one pair's evidence, deltas."""
    database, connection = connect(directory / "graph.lbdb")
    projection = "MATCH (a:Entity)-[r:CO_MENTIONED]->(b:Entity) RETURN a.id, b.id, r.weight"
    with_lists = projection + ", r.sentences"
    for name, cypher in (("projection (ids, weight)", projection), ("with id lists", with_lists)):
        result = connection.execute(cypher)
        assert not isinstance(result, list)
        started = time.perf_counter()
        table = result.get_as_arrow(0)
        print(f"  read {name}: {table.num_rows:,} links in {time.perf_counter() - started:.2f}s")
    links = archive.links
    heaviest = max(range(len(links["weight"])), key=links["weight"].__getitem__)
    pair = {"a": links["from"][heaviest], "b": links["to"][heaviest]}
    evidence = (
        "MATCH (a:Entity {id: $a})-[r:CO_MENTIONED]->(b:Entity {id: $b}) "
        "UNWIND r.sentences AS sid MATCH (s:Sentence {id: sid}) RETURN s.document, s.text"
    )
    derived = (
        "MATCH (a:Entity {id: $a})<-[:HAS_MENTION]-(s:Sentence)-[:HAS_MENTION]->"
        "(b:Entity {id: $b}) RETURN s.document, s.text"
    )
    for name, cypher in (("by id list", evidence), ("derived from mentions", derived)):
        started = time.perf_counter()
        found = rows_of(connection, cypher, pair)
        seconds = time.perf_counter() - started
        print(
            f"  evidence of the heaviest pair ({links['weight'][heaviest]} sentences) "
            f"{name}: {len(found)} rows in {1000 * seconds:.1f} ms"
        )
    pick = random.Random(11)
    chosen = pick.sample(range(len(links["from"])), DELTA_LINKS)
    rows = [
        {"a": links["from"][i], "b": links["to"][i], "add": [f"ffffffffffffffff:{n}"]}
        for n, i in enumerate(chosen)
    ]
    append = (
        "UNWIND $rows AS r MATCH (a:Entity {id: r.a})-[e:CO_MENTIONED]->(b:Entity {id: r.b}) "
        "SET e.sentences = list_concat(e.sentences, r.add), e.weight = e.weight + size(r.add)"
    )
    seconds = timed(lambda: transaction(connection, [(append, {"rows": rows})]))
    print(f"  delta: append one sentence id to {DELTA_LINKS:,} links in place: {seconds:.2f}s")
    # LadybugDB 0.22 fails an assertion on a $parameter inside a lambda or any(...):
    # bind it to a variable with WITH first.
    keep = "list_filter(e.sentences, x -> NOT starts_with(x, d))"
    remove = (
        "WITH $doc AS d MATCH (a:Entity)-[e:CO_MENTIONED]->(b:Entity) "
        f"WHERE any(x IN e.sentences WHERE starts_with(x, d)) SET e.sentences = {keep}, "
        f"e.weight = size({keep})"
    )
    doc = {"doc": "ffffffffffffffff:"}
    seconds = timed(lambda: transaction(connection, [(remove, doc)]))
    count = (
        "WITH $doc AS d MATCH ()-[e:CO_MENTIONED]->() "
        "WHERE any(x IN e.sentences WHERE starts_with(x, d)) RETURN count(*)"
    )
    left = rows_of(connection, count, doc)[0][0]
    print(f"  delta: take one document's ids out of every list (scan): {seconds:.2f}s, {left} left")
    by_pair = (
        "WITH $doc AS d UNWIND $rows AS r "
        "MATCH (a:Entity {id: r.a})-[e:CO_MENTIONED]->(b:Entity {id: r.b}) "
        f"SET e.sentences = {keep}, e.weight = size({keep})"
    )
    transaction(connection, [(append, {"rows": rows})])
    seconds = timed(lambda: transaction(connection, [(by_pair, {"rows": rows, **doc})]))
    left = rows_of(connection, count, doc)[0][0]
    print(
        f"  delta: the same, by the {DELTA_LINKS:,} pairs the document's sentences name: "
        f"{seconds:.2f}s, {left} left"
    )
    recopy_rows = pa.table(
        {
            "from": [r["a"] for r in rows],
            "to": [r["b"] for r in rows],
            "weight": [links["weight"][i] for i in chosen],
            "sentences": [links["sentences"][i] for i in chosen],
        }
    )
    delete = (
        "UNWIND $rows AS r MATCH (a:Entity {id: r.a})-[e:CO_MENTIONED]->(b:Entity {id: r.b}) "
        "DELETE e"
    )

    def recopy() -> None:
        connection.execute("BEGIN TRANSACTION")
        connection.execute(delete, {"rows": rows})
        copy(connection, "CO_MENTIONED", "", recopy_rows)
        connection.execute("COMMIT")

    seconds = timed(recopy)
    print(
        f"  delta: delete + COPY {DELTA_LINKS:,} links with their full lists (today's way): "
        f"{seconds:.2f}s"
    )
    connection.close()
    database.close()


def transaction(connection: ladybug.Connection, statements: list[tuple[str, dict]]) -> None:
    connection.execute("BEGIN TRANSACTION")
    for cypher, params in statements:
        connection.execute(cypher, params)
    connection.execute("COMMIT")


# ----------------------------------------------------------------- kill -9 and a full disk


def crash_writer(path: str, documents: int, limit_mb: int) -> None:
    """Commit a base archive, then write a second one; print each step as it starts.
    With ``limit_mb``, files may grow only that much past the base (a full disk)."""
    _, connection = connect(Path(path))  # never closed: the process is killed
    for statement in layout_ddl("entity-table+ids"):
        connection.execute(statement)
    load(connection, layout_tables("entity-table+ids", make_archive(documents, 20_000, seed=1)))
    second = layout_tables("entity-table+ids", make_archive(documents, 20_000, seed=2, prefix="f"))
    if limit_mb:
        limit_file_size(Path(path).parent, limit_mb << 20)
    print("BASE", flush=True)
    connection.execute("BEGIN TRANSACTION")
    for name, options, arrow_rows in second:
        copy(connection, name, options, arrow_rows)
    print("COMMIT", flush=True)
    connection.execute("COMMIT")
    print("CHECKPOINT", flush=True)
    connection.execute("CHECKPOINT")
    print("DONE", flush=True)


def sentence_count(path: Path) -> tuple[int, float, str]:
    """Sentences a fresh read-write open sees, the seconds to open and count, any error."""
    started = time.perf_counter()
    try:
        database, connection = connect(path)
        count = int(rows_of(connection, "MATCH (s:Sentence) RETURN count(*)")[0][0])
        links = int(rows_of(connection, "MATCH ()-[e:CO_MENTIONED]->() RETURN count(*)")[0][0])
        connection.close()
        database.close()
    except RuntimeError as exc:
        return -1, time.perf_counter() - started, str(exc)[:120]
    return count, time.perf_counter() - started, f"{links:,} links"


def crash_test(documents: int) -> None:
    script = [sys.executable, __file__, "_crash"]
    base = documents * SENTENCES_PER_DOCUMENT
    names = {base: "base (last commit)", 2 * base: "base + second write"}
    with tempfile.TemporaryDirectory(prefix="lbdb-crash-") as tmp:
        marks: dict[str, float] = {}
        probe = Path(tmp) / "probe.lbdb"
        process = subprocess.Popen(
            [*script, str(probe), str(documents), "0"], stdout=subprocess.PIPE
        )
        assert process.stdout is not None
        for line in process.stdout:
            marks[line.decode().strip()] = time.perf_counter()
        process.wait()
        write_s = marks["COMMIT"] - marks["BASE"]
        commit_s = marks["CHECKPOINT"] - marks["COMMIT"]
        checkpoint_s = marks["DONE"] - marks["CHECKPOINT"]
        print(
            f"  unkilled: second write {write_s:.2f}s, COMMIT {commit_s:.2f}s, CHECKPOINT "
            f"{checkpoint_s:.2f}s ({base:,} sentences each)"
        )
        points = [("write", f) for f in (0.2, 0.5, 0.9)]
        points += [("COMMIT", f) for f in (0.1, 0.5, 0.9)]
        points += [("CHECKPOINT", f) for f in (0.1, 0.5, 0.9)]
        points += [("DONE", 0.0)]
        wait_for = {"write": "BASE", "COMMIT": "COMMIT", "CHECKPOINT": "CHECKPOINT", "DONE": "DONE"}
        span = {"write": write_s, "COMMIT": commit_s, "CHECKPOINT": checkpoint_s, "DONE": 0.0}
        for number, (phase, fraction) in enumerate(points):
            path = Path(tmp) / f"kill{number}.lbdb"
            process = subprocess.Popen(
                [*script, str(path), str(documents), "0"], stdout=subprocess.PIPE
            )
            assert process.stdout is not None
            for line in process.stdout:
                if line.decode().strip() == wait_for[phase]:
                    break
            time.sleep(span[phase] * fraction)
            process.send_signal(signal.SIGKILL)
            process.wait()
            files = sorted(p.name for p in Path(tmp).glob(f"kill{number}.lbdb*"))
            count, seconds, note = sentence_count(path)
            _, again_s, _ = sentence_count(path)
            print(
                f"    kill in {phase} at {fraction:.0%}: {names.get(count, f'TORN ({count})')}, "
                f"{note}; reopen {seconds:.2f}s (then {again_s:.2f}s); files left {files}"
            )
            shutil.rmtree(path, ignore_errors=True)
            for leftover in Path(tmp).glob(f"kill{number}.lbdb*"):
                leftover.unlink() if leftover.is_file() else shutil.rmtree(leftover)


APPEND = (
    "UNWIND $rows AS r MATCH (a:Entity {id: r.a})-[e:CO_MENTIONED]->(b:Entity {id: r.b}) "
    "SET e.sentences = list_concat(e.sentences, r.add), e.weight = e.weight + size(r.add)"
)


def limit_file_size(directory: Path, room: int) -> None:
    """A full disk without mounting one: no file may grow past the largest one + ``room``
    (RLIMIT_FSIZE is per file); a write past it fails with EFBIG instead of SIGXFSZ."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = max(p.stat().st_size for p in directory.iterdir() if p.is_file()) + room
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


DELTA_CHECK = (  # per number of deltas held: whether weight = size(list), how many links
    "MATCH ()-[e:CO_MENTIONED]->() "
    "WITH size(list_filter(e.sentences, x -> starts_with(x, 'delta:'))) AS n, "
    "e.weight = size(e.sentences) AS consistent "
    "WHERE n > 0 RETURN n, consistent, count(*) ORDER BY n"
)


def delta_writer(path: str, room_kb: int = 0, checkpoint: bool = False) -> None:
    """Commit a base, then delta after delta: append ``delta:k`` to the same 1,000 links.
    With ``room_kb``, under a file-size limit, until a write fails; with ``checkpoint``,
    a CHECKPOINT after each delta."""
    _, connection = connect(Path(path))  # never closed: the process is killed
    for statement in layout_ddl("entity-table+ids"):
        connection.execute(statement)
    archive = make_archive(500, 5000, seed=3)
    load(connection, layout_tables("entity-table+ids", archive))
    pairs = list(zip(archive.links["from"], archive.links["to"], strict=True))[:DELTA_LINKS]
    if room_kb:
        limit_file_size(Path(path).parent, room_kb << 10)
    print("BASE", flush=True)
    for k in range(10_000):
        rows = [{"a": a, "b": b, "add": [f"delta:{k}"]} for a, b in pairs]
        try:
            transaction(connection, [(APPEND, {"rows": rows})])
            print(k, flush=True)  # committed
            if checkpoint:
                connection.execute("CHECKPOINT")
        except RuntimeError as exc:
            print(f"FAILED {str(exc)[:160]}", flush=True)
            return


def reopen_deltas(path: Path) -> tuple[list[str], list[Any]]:
    """Open a delta writer's store and count the deltas its links hold. When the open fails,
    open again with the WAL moved aside (the last checkpoint: what a recovery can fall back
    to). Returns what each attempt gave, and the DELTA_CHECK rows of the one that opened."""
    notes: list[str] = []
    for attempt in ("reopen", "with the WAL moved aside"):
        if notes:
            for wal in path.parent.glob(path.name + ".wal"):
                wal.rename(path.parent / (path.name + ".wal.aside"))
        started = time.perf_counter()
        try:
            database, connection = connect(path)
            found = rows_of(connection, DELTA_CHECK)
            connection.close()
            database.close()
        except RuntimeError as exc:
            notes.append(f"{attempt} fails: {str(exc)[:90]}")
            continue
        held = ", ".join(f"{count} links hold {n}" for n, _, count in found) or "no delta"
        notes.append(f"{attempt} opens in {time.perf_counter() - started:.2f}s: {held}")
        return notes, found
    return notes, []


def delta_crash_test(delays: Iterable[float]) -> None:
    """Kill the delta writer at each delay; every link must hold the same number of deltas,
    the number committed (or one more, committed before its line was printed)."""
    tally: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="lbdb-delta-") as tmp:
        for number, delay in enumerate(delays):
            path = Path(tmp) / f"delta{number}.lbdb"
            process = subprocess.Popen(
                [sys.executable, __file__, "_delta", str(path)], stdout=subprocess.PIPE, text=True
            )
            assert process.stdout is not None
            process.stdout.readline()
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            printed = [line.strip() for line in process.stdout]
            process.wait()
            committed = int(printed[-1]) + 1 if printed else 0
            notes, found = reopen_deltas(path)
            held = {n for n, _, _ in found}
            if len(notes) > 1:
                verdict = f"WAL corrupted, {committed - max(held, default=0)} committed deltas lost"
            elif held <= {committed, committed + 1} and all(ok for _, ok, _ in found):
                verdict = "intact"
            else:
                verdict = "TORN"
            tally[verdict.split(",")[0]] += 1
            print(
                f"    kill after {delay:.2f}s: {committed} deltas reported committed; {verdict}; "
                + "; ".join(notes)
            )
    print(f"    {sum(tally.values())} kills: {dict(tally)}")


def full_disk_test(documents: int, limit_mb: int = 2) -> None:
    """The second write with ``limit_mb`` of room: does it fail cleanly, what survives."""
    with tempfile.TemporaryDirectory(prefix="lbdb-full-") as tmp:
        path = Path(tmp) / "full.lbdb"
        process = subprocess.run(
            [sys.executable, __file__, "_crash", str(path), str(documents), str(limit_mb)],
            capture_output=True,
            text=True,
        )
        steps = process.stdout.split()
        error = (process.stderr.strip().splitlines() or [""])[-1]
        error = error if len(error) < 200 else f"{error[:130]} ... {error[-40:]}"
        count, seconds, note = sentence_count(path)
        base = documents * SENTENCES_PER_DOCUMENT
        state = {base: "the base only", 2 * base: "base + second write"}.get(count, "TORN")
        print(
            f"  {limit_mb} MB of room after the base commit: writer exit {process.returncode} "
            f"after step {steps[-1:]}, error {error!r}; reopened: {state} ({count:,} "
            f"sentences, {note}), {seconds:.2f}s"
        )


def full_disk_delta_test(room_kb: int = 64, checkpoint: bool = False) -> None:
    """Small delta transactions until the WAL cannot grow; then reopen, and if that fails,
    reopen with the WAL moved aside (what a recovery could fall back to)."""
    with tempfile.TemporaryDirectory(prefix="lbdb-full-delta-") as tmp:
        path = Path(tmp) / "delta.lbdb"
        process = subprocess.run(
            [sys.executable, __file__, "_delta", str(path), str(room_kb), str(int(checkpoint))],
            capture_output=True,
            text=True,
        )
        lines = process.stdout.split("\n")
        committed = sum(line.strip().isdigit() for line in lines)
        failure = next((line for line in lines if line.startswith("FAILED")), "no failure")
        how = "each followed by CHECKPOINT" if checkpoint else "no CHECKPOINT"
        print(
            f"  {room_kb} KB of room, deltas {how}: {committed} committed, then {failure!r}; "
            f"writer exit {process.returncode}"
        )
        notes, _ = reopen_deltas(path)
        print("    " + "; ".join(notes))


# ----------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_delta":
        room_kb, checkpoint = (int(a) for a in argv[2:4]) if len(argv) > 3 else (0, 0)
        delta_writer(argv[1], room_kb, bool(checkpoint))
        return
    if argv and argv[0] == "_crash":
        crash_writer(argv[1], int(argv[2]), int(argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--entities", type=int, default=20_000, help="size of the entity pool")
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--crash-documents", type=int, default=1000)
    parser.add_argument("--delta-kills", type=int, default=12)
    parser.add_argument("--skip-crash", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    archive = make_archive(args.documents, args.entities)
    shape = {
        "documents": len(archive.documents["id"]),
        "sentences": len(archive.sentences["id"]),
        "entities": len(archive.entities["id"]),
        "mentions": len(archive.mentions["from"]),
        "co-mention links": len(archive.links["from"]),
        "evidence ids": sum(archive.links["weight"]),
    }
    print(f"archive ({time.perf_counter() - started:.1f}s to generate): {json.dumps(shape)}")
    with tempfile.TemporaryDirectory(prefix="lbdb-layout-") as tmp:
        for layout in args.layouts.split(","):
            directory = Path(tmp) / layout
            directory.mkdir()
            figures = measure_layout(layout, archive, directory)
            print(
                f"{layout}: {figures['rows']:,} rows in {figures['copies']} COPYs, "
                f"{figures['seconds']:.2f}s = {figures['rows_per_s']:,.0f} rows/s; with building "
                f"the Arrow tables from Python lists ({figures['arrow_s']:.2f}s) "
                f"{figures['with_arrow_per_s']:,.0f} rows/s "
                f"(COMMIT {figures['commit_s']:.2f}s, CHECKPOINT {figures['checkpoint_s']:.2f}s), "
                f"{figures['disk_mb']:.0f} MB on disk"
            )
            for name, (rows, seconds) in figures["per_table"].items():
                rate = rows / max(seconds, 1e-9)
                print(f"    {name:14} {rows:>9,} rows {seconds:6.2f}s {rate:>12,.0f}/s")
            if layout != "entity-table+ids":
                shutil.rmtree(directory)
        if "entity-table+ids" in args.layouts:
            print("\nreads and deltas on the entity-table+ids store:")
            reads_and_deltas(archive, Path(tmp) / "entity-table+ids")
    if not args.skip_crash:
        print(
            f"\nSIGKILL during a LadybugDB write ({args.crash_documents:,} documents committed, "
            f"as many again in one transaction), then reopen:"
        )
        crash_test(args.crash_documents)
        print(f"\nSIGKILL during a run of small delta transactions ({DELTA_LINKS:,} links each):")
        pick = random.Random(5)
        delta_crash_test(sorted(pick.uniform(0.3, 5.0) for _ in range(args.delta_kills)))
        print("\nA full disk (RLIMIT_FSIZE): during the second write; during small deltas:")
        full_disk_test(args.crash_documents)
        full_disk_delta_test()
        full_disk_delta_test(checkpoint=True)
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
