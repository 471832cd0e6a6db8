"""What the embedded bulk load would gain from another evidence layout. Prints, asserts nothing.

The store keeps a link's evidence as four parallel lists on the link (``rows.py``), so
a sentence naming k entities is written k(k-1)/2 times. This times LadybugDB's
``COPY`` + ``COMMIT`` of the same links in two layouts, in fresh databases:

- lists: the store's layout, each link with its own evidence lists;
- sentences: each sentence once in a node table, each link with one list of ids.

Links per sentence defaults to 5.9, what the seed corpus gives (1,040 evidence items
on 177 distinct sentences). Usage: ``python benchmarks/evidence_layout.py [--links N]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

SENTENCE = "The ministry said the tribunal had heard evidence from the organisation about {}."


def copy(connection: ladybug.Connection, table: str, arrow_rows: pa.Table) -> None:
    connection.execute(f"COPY {table} FROM arrow_rows")  # LadybugDB finds it by name


def timed_copy(directory: Path, ddl: list[str], tables: list[tuple[str, pa.Table]]) -> float:
    """Seconds to COPY ``tables[1:]`` and commit, after the schema and ``tables[0]``."""
    database = ladybug.Database(str(directory / "graph.lbdb"))
    connection = ladybug.Connection(database)
    for statement in ddl:
        connection.execute(statement)
    copy(connection, *tables[0])
    clock = time.perf_counter()
    connection.execute("BEGIN TRANSACTION")
    for table in tables[1:]:
        copy(connection, *table)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - clock
    connection.close()
    database.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument("--links-per-sentence", type=float, default=5.9)
    args = parser.parse_args()
    pick = random.Random(7)
    names = [f"e{n}" for n in range(6000)]
    sentences = max(1, round(args.links / args.links_per_sentence))
    cites = [pick.randrange(sentences) for _ in range(args.links)]
    ends = pa.table(
        {"from": pick.choices(names, k=args.links), "to": pick.choices(names, k=args.links)}
    )
    entities = ("Entity", pa.table({"id": names}))
    text = [SENTENCE.format(n) for n in range(sentences)]
    node = "CREATE NODE TABLE Entity(id STRING PRIMARY KEY)"
    layouts: dict[str, tuple[list[str], list[tuple[str, Any]]]] = {
        "lists (the store's layout)": (
            [
                node,
                "CREATE REL TABLE Link(FROM Entity TO Entity, weight INT64, "
                "evidence_docs STRING[], evidence_texts STRING[], "
                "evidence_starts INT64[], evidence_ends INT64[])",
            ],
            [
                entities,
                (
                    "Link",
                    ends.append_column("weight", pa.array([1] * args.links))
                    .append_column("evidence_docs", pa.array([[f"doc:{c % 1000}"] for c in cites]))
                    .append_column("evidence_texts", pa.array([[text[c]] for c in cites]))
                    .append_column("evidence_starts", pa.array([[0] for _ in cites]))
                    .append_column("evidence_ends", pa.array([[len(text[c])] for c in cites])),
                ),
            ],
        ),
        "sentences once, ids on links": (
            [
                node,
                "CREATE NODE TABLE Sentence(id INT64 PRIMARY KEY, document STRING, text STRING, "
                "`start` INT64, `end` INT64)",
                "CREATE REL TABLE Link(FROM Entity TO Entity, weight INT64, evidence INT64[])",
            ],
            [
                entities,
                (
                    "Sentence",
                    pa.table(
                        {
                            "id": range(sentences),
                            "document": [f"doc:{n % 1000}" for n in range(sentences)],
                            "text": text,
                            "start": [0] * sentences,
                            "end": [len(t) for t in text],
                        }
                    ),
                ),
                (
                    "Link",
                    ends.append_column("weight", pa.array([1] * args.links)).append_column(
                        "evidence", pa.array([[c] for c in cites], pa.list_(pa.int64()))
                    ),
                ),
            ],
        ),
    }
    print(f"{args.links:,} links, {sentences:,} sentences")
    for name, (ddl, tables) in layouts.items():
        with tempfile.TemporaryDirectory() as directory:
            seconds = timed_copy(Path(directory), ddl, tables)
        print(f"  {name}: COPY + COMMIT {seconds:.2f}s = {args.links / seconds:,.0f} links/s")


if __name__ == "__main__":
    main()
