"""What the embedded bulk load would gain from another evidence layout. Prints, asserts nothing.

The store keeps a link's evidence as four parallel lists on the link (``rows.py``), so
a sentence naming k entities is written k(k-1)/2 times. Two measurements:

1. LadybugDB's ``COPY`` + ``COMMIT`` of the same links into one table, in two layouts
   (fresh databases): the store's four lists per link, and each sentence once in a
   node table with one list of ids per link. Links per sentence defaults to 5.9, what
   the seed corpus gives (1,040 evidence items on 177 distinct sentences).
2. ``LadybugStore.apply`` of the bench's synthetic graph (``bench.synthetic_graph``)
   into a fresh store, three ways: as built; with every link's evidence list empty
   (same columns, no items); and with links declared with ``weight`` only. The last is
   the floor of any evidence layout in this store: one table per node label and one
   ``COPY`` per pair of labels a link type joins, each with a fixed cost.

Usage: ``python benchmarks/evidence_layout.py [--links N]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

import ladybug
import networkx as nx
import pyarrow as pa
from bench import synthetic_graph

from actorgraph.graph.schema import link_properties
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.graph.stores.rows import diff_graphs

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


def timed_apply(graph: nx.MultiDiGraph) -> float:
    """Seconds for ``LadybugStore.apply`` of ``graph`` into a fresh store."""
    diff = diff_graphs(nx.MultiDiGraph(), graph)
    with tempfile.TemporaryDirectory() as directory, LadybugStore(directory) as store:
        clock = time.perf_counter()
        store.apply(diff)
        return time.perf_counter() - clock


def weight_only(link_type: str) -> dict[str, str]:
    declared = link_properties(link_type)
    return {"weight": declared["weight"]} if "weight" in declared else declared


def store_floor(links: int) -> None:
    graph = synthetic_graph(links)
    print(f"LadybugStore.apply, synthetic graph: {links:,} links, {len(graph):,} nodes")
    seconds = timed_apply(graph)
    print(f"  as built, one evidence item per link: {rate(links, seconds)}")
    for _, _, attrs in graph.edges(data=True):
        attrs["evidence"] = []
        attrs["weight"] = 1
    print(f"  evidence lists empty: {rate(links, timed_apply(graph))}")
    with mock.patch("actorgraph.graph.stores.ladybug.link_properties", weight_only):
        print(f"  links with weight only: {rate(links, timed_apply(graph))}")


def rate(links: int, seconds: float) -> str:
    return f"{seconds:.2f}s = {links / seconds:,.0f} links/s"


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
    print(f"COPY + COMMIT into one table: {args.links:,} links, {sentences:,} sentences")
    for name, (ddl, tables) in layouts.items():
        with tempfile.TemporaryDirectory() as directory:
            seconds = timed_copy(Path(directory), ddl, tables)
        print(f"  {name}: {rate(args.links, seconds)}")
    store_floor(args.links)


if __name__ == "__main__":
    main()
