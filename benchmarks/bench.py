"""Speed and scale: the build raced against raw spaCy on the same text and pipeline.

Prints one table; asserts nothing about time. Every figure comes from a fresh
subprocess (this script re-invoked with ``_measure``), so peak memory and warm caches
of one configuration never leak into the next. The corpus is the seed articles
repeated with distinct ids (a unique last line each), written to a temporary
directory, one article per file, and deleted afterwards.

Measured, per corpus size:

- raw: ``nlp.pipe`` over the documents' texts with the pipeline ``load_pipeline(model)``
  already loaded; with 2 workers ``nlp.pipe(n_process=2)`` (spaCy's own fork-based
  pool); pipeline loading is not timed.
- build: ``pipeline.build()`` into a fresh embedded store, wall clock from call to
  return: store read, worker start-up and pipeline loading, parsing, graph, derived
  figures, diff and write.
- store write: ``LadybugStore.apply`` of the built graph's diff on a fresh store, and
  ``Neo4jStore.apply`` of the same diff on an empty Neo4j 5.26: the one ``NEO4J_URI``
  names (only if its database is empty), else the project's test server
  (tools/neo4j, started here when its jars are resolved: ``make neo4j-classpath``).
- neo4j incremental: the 10 new files built into the Neo4j holding the corpus; its
  write phase in rows per second.
- bulk load: a synthetic graph of ``--bulk-links`` co-mentions with one evidence
  sentence each (the shape of a large, varied archive) written to a fresh store.
- incremental: 10 new files added to the corpus directory, ``build()`` run again
  over the whole directory on the store holding the corpus (default worker count).

With ``--repeat N`` each raw and build figure is the best of N interleaved runs.

Usage: ``python benchmarks/bench.py [--sizes 100,1000,5000] [--workers 1,2] [--repeat N]``.

Issue 15's figures, in one run, on a synthetic archive made of the seeds' real sentences
(benchmarks/archive.py says how): the embedded bulk load in rows per second with its
phases, adding 10 documents (parsed) to the largest archive against its build and
against adding them to the smallest (peak memory, each in a fresh process), and disk per
article, before (``--old-tree``: a checkout of the layout before issue 15, made with
``git worktree add /tmp/bench-old 440b0b8``) and after::

    nice -n 10 python benchmarks/bench.py archive --sizes 500,1000,5000 --old-tree /tmp/bench-old
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
LAUNCHER = REPO / "tools" / "neo4j" / "launcher.py"
OWNED = "ACTORGRAPH_BENCH_OWNS_NEO4J"  # set when the bench started the server it writes to
INCREMENTAL_DOCS = 10
TARGETS = {
    "ratio": 0.85,  # build >= 0.85 x raw nlp.pipe
    "scaling": 1.6,  # 2 workers >= 1.6 x one worker
    "memory": 1.2,  # peak at the largest size within 1.2 x of the size before
    "incremental": 0.05,  # adding 10 docs < 5% of a full rebuild
    "links_per_s": 100_000,  # embedded bulk load
    "neo4j_share": 0.10,  # writing the graph into Neo4j < 10% of the build
    "rows_per_s": 100_000,  # issue 15: embedded bulk load, all rows
    "add_share": 0.05,  # issue 15: adding 10 docs to the largest archive < 5% of its build
    "add_memory": 1.2,  # issue 15: and its peak < 1.2 x adding them to the smallest
}


# ----------------------------------------------------------------- the corpus


def write_corpus(directory: Path, count: int, *, start: int = 0) -> None:
    """``count`` copies of the seed articles, one per file, each with a unique last line."""
    from actorgraph.loaders.registry import load_paths

    seeds = [d for d in load_paths([SEEDS]) if not isinstance(d, Exception)]
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        seed = seeds[number % len(seeds)]
        body = f"{seed.text}\n\n(Copy {number}.)\n"
        if seed.authors and seed.date:  # the collection format: "Authors: Title", date, text
            body = f"{' and '.join(seed.authors)}: {seed.title}\n\n{seed.date}\n\n{body}"
        (directory / f"{number:06d}.txt").write_text(body, encoding="utf-8")


# ----------------------------------------------------------------- measurements (subprocess)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    """The largest peak among this process's finished children (worker processes)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure_raw(corpus: Path, model: str, workers: int, batch_size: int) -> dict[str, Any]:
    from actorgraph.graph.extraction.mentions import load_pipeline
    from actorgraph.loaders.registry import load_paths

    texts = [d.text for d in load_paths([corpus]) if not isinstance(d, Exception)]
    nlp = load_pipeline(model)
    clock = time.perf_counter()
    if workers > 1:
        docs = nlp.pipe(texts, batch_size=batch_size, n_process=workers)
    else:
        docs = nlp.pipe(texts, batch_size=batch_size)
    tokens = sum(len(doc) for doc in docs)
    seconds = time.perf_counter() - clock
    return {
        "documents": len(texts),
        "tokens": tokens,
        "seconds": seconds,
        "peak_mb": peak_rss_mb(),
        "workers_peak_mb": children_peak_rss_mb(),
    }


def measure_build(
    corpus: Path, store_dir: Path, model: str, workers: int | None, batch_size: int, write: bool
) -> dict[str, Any]:
    from actorgraph.graph.pipeline import build
    from actorgraph.graph.stores.ladybug import LadybugStore

    with LadybugStore(store_dir) as store:
        clock = time.perf_counter()
        report = build([corpus], store, model=model, workers=workers, batch_size=batch_size)
        seconds = time.perf_counter() - clock
    result: dict[str, Any] = {
        "documents": report.added + report.replaced,
        "unchanged": report.unchanged,
        "skipped": len(report.skipped),
        "tokens": report.tokens,
        "seconds": seconds,
        "phases": report.seconds,
        "workers": report.workers,
        "peak_mb": peak_rss_mb(),
        "workers_peak_mb": children_peak_rss_mb(),
    }
    if write:  # after the peak is taken: a second store must not count against the build
        with LadybugStore(store_dir, read_only=True) as store:
            graph = store.read_graph()
        result["write"] = measure_writes(graph, store_dir.with_name(store_dir.name + "-w"))
    return result


def measure_writes(graph: Any, store_dir: Path) -> dict[str, Any]:
    """Bulk-load ``graph`` into a fresh embedded store (and an empty Neo4j when configured)."""
    import networkx as nx

    from actorgraph.graph.stores.ladybug import LadybugStore
    from actorgraph.graph.stores.rows import diff_graphs

    diff = diff_graphs(nx.MultiDiGraph(), graph)
    out: dict[str, Any] = {"nodes": len(diff.upsert_nodes), "links": len(diff.upsert_edges)}
    with LadybugStore(store_dir) as store:
        clock = time.perf_counter()
        store.apply(diff)
        out["ladybug_seconds"] = time.perf_counter() - clock
    shutil.rmtree(store_dir, ignore_errors=True)
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        out["neo4j"] = "skipped: NEO4J_URI is not set (no Neo4j server on this machine)"
        return out
    try:
        from actorgraph.graph.stores.neo4j import Neo4jStore

        neo4j_store = Neo4jStore.from_environment(uri)
    except Exception as exc:  # the bench reports, it does not fail
        out["neo4j"] = f"skipped: cannot open {uri}: {exc}"
        return out
    with neo4j_store:
        if os.environ.get(OWNED):
            clear_neo4j(neo4j_store)
        elif neo4j_store.read_graph().number_of_nodes():
            out["neo4j"] = f"skipped: {uri} is not empty (the bench writes only to an empty one)"
            return out
        clock = time.perf_counter()
        neo4j_store.apply(diff)
        out["neo4j_seconds"] = time.perf_counter() - clock
    return out


def clear_neo4j(store: Any) -> None:
    """Empty the bench's own server: batched deletes (one transaction would hold it all)."""
    with store._driver.session(database=store.database) as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def measure_build_neo4j(corpus: Path, model: str, batch_size: int) -> dict[str, Any]:
    """``build()`` into the Neo4j holding the corpus (the incremental add), then empty it."""
    from actorgraph.graph.pipeline import build
    from actorgraph.graph.stores.neo4j import Neo4jStore

    with Neo4jStore.from_environment(os.environ["NEO4J_URI"]) as store:
        clock = time.perf_counter()
        report = build([corpus], store, model=model, batch_size=batch_size)
        seconds = time.perf_counter() - clock
        if os.environ.get(OWNED):
            clear_neo4j(store)
    return {
        "documents": report.added + report.replaced,
        "unchanged": report.unchanged,
        "seconds": seconds,
        "phases": report.seconds,
        "rows": report.rows_written,
    }


def synthetic_graph(links: int, entities: int = 5000, documents: int = 1000) -> Any:
    """A graph shaped like a large archive's: ``links`` co-mentions between ``entities``
    of every type, each carrying one evidence sentence (the repeated seed corpus instead
    piles hundreds of sentences onto the same few hundred links)."""
    import random

    import networkx as nx

    from actorgraph.graph.records import Evidence
    from actorgraph.graph.schema import load_schema

    labels = load_schema().entity_labels
    pick = random.Random(7)
    graph = nx.MultiDiGraph()
    for number in range(documents):
        graph.add_node(f"Document:d{number}", label="Document", title=f"Article {number}")
    names = [f"{labels[n % len(labels)]}:e{n}" for n in range(entities)]
    for number, node in enumerate(names):
        label = node.split(":")[0]
        graph.add_node(node, label=label, name=f"Entity {number}", aliases=[f"E{number}"])
    sentence = (
        "The ministry said the tribunal had heard evidence from the organisation about "
        "the detention of its members in the region last year."
    )
    made = 0
    while made < links:
        a, b = sorted(pick.sample(names, 2))
        if not graph.has_edge(a, b, "CO_MENTIONED"):
            made += 1
            document = f"Document:d{pick.randrange(documents)}"
            evidence = [Evidence(document, 0, 0, len(sentence), sentence)]
            graph.add_edge(a, b, key="CO_MENTIONED", type="CO_MENTIONED", evidence=evidence)
    return graph


def measure_bulk_load(links: int, store_dir: Path) -> dict[str, Any]:
    result = measure_writes(synthetic_graph(links), store_dir)
    result["peak_mb"] = peak_rss_mb()
    return result


def run_measure(args: argparse.Namespace) -> None:
    corpus, store_dir = Path(args.corpus), Path(args.store)
    workers = None if args.measure_workers == 0 else args.measure_workers
    if args.kind == "raw":
        result = measure_raw(corpus, args.model, workers or 1, args.batch_size)
    elif args.kind == "incremental-neo4j":
        result = measure_build_neo4j(corpus, args.model, args.batch_size)
    elif args.kind == "bulk":
        result = measure_bulk_load(int(args.corpus), store_dir)
    else:
        result = measure_build(
            corpus, store_dir, args.model, workers, args.batch_size, args.kind == "build+write"
        )
    print(json.dumps(result))


def in_subprocess(kind: str, corpus: Path, store: Path, workers: int, args: Any) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "_measure",
        kind,
        str(corpus),
        str(store),
        str(workers),
        "--model",
        args.model,
        "--batch-size",
        str(args.batch_size),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ----------------------------------------------------------------- the table


@dataclass
class Row:
    size: int
    workers: int
    raw: dict[str, Any]
    build: dict[str, Any]

    @property
    def raw_rate(self) -> float:
        return float(self.raw["tokens"] / self.raw["seconds"])

    @property
    def build_rate(self) -> float:
        return float(self.build["tokens"] / self.build["seconds"])


def total_mb(build: dict[str, Any], workers: int) -> float:
    """Main process plus each worker at its peak: an upper bound on the build's memory
    (a small input is parsed in the main process: no worker peak)."""
    return float(build["peak_mb"] + workers * build["workers_peak_mb"])


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def fastest(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The best of repeated runs: on a shared machine, noise only ever adds time."""
    return min(results, key=lambda result: float(result["seconds"]))


def render(
    rows: list[Row],
    incremental: dict[int, dict[str, Any]],
    writes: dict[int, dict[str, Any]],
    bulk: dict[str, Any],
    neo4j_incremental: dict[int, dict[str, Any]] | None = None,
) -> str:
    lines = [
        f"{'docs':>6} {'wk':>2} {'tokens':>9} {'raw tok/s':>10} {'build tok/s':>11} "
        f"{'ratio':>6} {'build s':>8} {'peak MB':>8} {'worker MB':>9}  phases (s)",
    ]
    for row in rows:
        phases = ", ".join(f"{k} {v:.1f}" for k, v in row.build["phases"].items())
        lines.append(
            f"{row.size:>6} {row.workers:>2} {row.build['tokens']:>9} {row.raw_rate:>10.0f} "
            f"{row.build_rate:>11.0f} {row.build_rate / row.raw_rate:>6.2f} "
            f"{row.build['seconds']:>8.1f} {row.build['peak_mb']:>8.0f} "
            f"{row.build['workers_peak_mb']:>9.0f}  {phases}"
        )
    lines.append("")
    lines.append("targets")
    for row in rows:
        ratio = row.build_rate / row.raw_rate
        lines.append(
            f"  build/raw {row.size} docs, {row.workers} worker(s): {ratio:.2f} "
            f"(target >= {TARGETS['ratio']}) {verdict(ratio >= TARGETS['ratio'])}"
        )
    by = {(r.size, r.workers): r for r in rows}
    for size in sorted({r.size for r in rows}):
        if (size, 1) in by and (size, 2) in by:
            one, two = by[(size, 1)], by[(size, 2)]
            build_x = two.build_rate / one.build_rate
            raw_x = two.raw_rate / one.raw_rate
            lines.append(
                f"  2 workers / 1, {size} docs: build {build_x:.2f}x, raw {raw_x:.2f}x "
                f"(target >= {TARGETS['scaling']}) {verdict(build_x >= TARGETS['scaling'])}"
            )
    for workers in sorted({r.workers for r in rows}):
        sizes = sorted(r.size for r in rows if r.workers == workers)
        for small, large in pairwise(sizes):
            a, b = by[(small, workers)].build, by[(large, workers)].build
            growth = total_mb(b, workers) / total_mb(a, workers)
            parts = (
                f"main {a['peak_mb']:.0f} -> {b['peak_mb']:.0f} MB "
                f"({b['peak_mb'] / a['peak_mb']:.2f}x), each worker "
                f"{a['workers_peak_mb']:.0f} -> {b['workers_peak_mb']:.0f} MB; "
                if b["workers_peak_mb"]
                else ""
            )
            lines.append(
                f"  peak memory {large} / {small} docs, {workers} worker(s): {parts}"
                f"total {total_mb(b, workers):.0f} / {total_mb(a, workers):.0f} MB = "
                f"{growth:.2f}x (target <= {TARGETS['memory']}) "
                f"{verdict(growth <= TARGETS['memory'])}"
            )
    for size, result in sorted(incremental.items()):
        full = min(r.build["seconds"] for r in rows if r.size == size)
        share = result["seconds"] / full
        phases = ", ".join(f"{k} {v:.1f}" for k, v in result["phases"].items())
        lines.append(
            f"  add {result['documents']} docs to {size}: {result['seconds']:.1f}s vs full "
            f"build {full:.1f}s = {share:.1%} (target < {TARGETS['incremental']:.0%}) "
            f"{verdict(share < TARGETS['incremental'])}; {result['workers']} worker(s), "
            f"{result['unchanged']} unchanged skipped; {phases}"
        )
    sized = [(f"{size} docs", write) for size, write in sorted(writes.items())]
    for what, write in [*sized, ("synthetic, one sentence per link", bulk)]:
        seconds = write["ladybug_seconds"]
        links_rate = write["links"] / seconds
        lines.append(
            f"  embedded bulk load, {what}: {write['nodes']} nodes + {write['links']} links "
            f"in {seconds:.2f}s = {(write['nodes'] + write['links']) / seconds:,.0f} rows/s, "
            f"{links_rate:,.0f} links/s (target >= {TARGETS['links_per_s']:,}) "
            f"{verdict(links_rate >= TARGETS['links_per_s'])}"
        )
        if "neo4j_seconds" not in write:
            lines.append(f"  neo4j write, {what}: {write['neo4j']}")
            continue
        neo = write["neo4j_seconds"]
        rows_per_s = (write["nodes"] + write["links"]) / neo
        line = (
            f"  neo4j write, {what}: {write['nodes']} nodes + {write['links']} links in "
            f"{neo:.2f}s = {rows_per_s:,.0f} rows/s, {write['links'] / neo:,.0f} links/s "
            f"(embedded {(write['nodes'] + write['links']) / seconds:,.0f} rows/s)"
        )
        sizes = [n for n, w in writes.items() if w is write]
        builds = [r.build["seconds"] for r in rows if sizes and r.size == sizes[0]]
        if builds:
            share = neo / min(builds)
            line += (
                f"; {share:.1%} of the {min(builds):.1f}s build "
                f"(target < {TARGETS['neo4j_share']:.0%}) {verdict(share < TARGETS['neo4j_share'])}"
            )
        lines.append(line)
    for size, result in sorted((neo4j_incremental or {}).items()):
        write_s = result["phases"].get("write", 0.0)
        rate = f"{result['rows'] / write_s:,.0f} rows/s" if write_s else "-"
        lines.append(
            f"  neo4j add {result['documents']} docs to {size}: {result['rows']} rows written "
            f"in {write_s:.2f}s = {rate}; whole build {result['seconds']:.1f}s "
            f"({result['unchanged']} unchanged skipped)"
        )
    return "\n".join(lines)


def start_neo4j(tmp: Path) -> tuple[Any, str]:
    """The Neo4j to measure: NEO4J_URI's, else the test server when its jars are resolved."""
    if os.environ.get("NEO4J_URI"):
        return None, f"Neo4j: {os.environ['NEO4J_URI']} (NEO4J_URI)"
    import importlib.util

    spec = importlib.util.spec_from_file_location("actorgraph_neo4j_launcher", LAUNCHER)
    if spec is None or spec.loader is None:
        return None, f"Neo4j: not measured ({LAUNCHER} is missing)"
    launcher = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = launcher
    spec.loader.exec_module(launcher)
    try:
        server = launcher.start_server(tmp / "neo4j-home")
    except (launcher.ServerUnavailable, launcher.ServerFailed) as exc:
        return None, f"Neo4j: not measured ({str(exc).splitlines()[0]})"
    os.environ.update(
        {
            "NEO4J_URI": server.uri,
            "NEO4J_USER": server.user,
            "NEO4J_PASSWORD": server.password,
            OWNED: "1",
        }
    )
    return server, f"Neo4j 5.26 test server (tools/neo4j), up in {server.started_seconds:.1f}s"


def run_bench(args: argparse.Namespace) -> None:
    sizes = [int(s) for s in args.sizes.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    rows: list[Row] = []
    incremental: dict[int, dict[str, Any]] = {}
    writes: dict[int, dict[str, Any]] = {}
    neo4j_incremental: dict[int, dict[str, Any]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    server, neo4j_note = start_neo4j(tmp)
    try:
        for size in sizes:
            corpus = tmp / f"corpus-{size}"
            write_corpus(corpus, size)
            for workers in worker_counts:
                print(f"... {size} docs, {workers} worker(s)", file=sys.stderr, flush=True)
                store = tmp / f"store-{size}-{workers}"
                raws, builds = [], []
                for attempt in range(args.repeat):  # interleaved, so both see the same load
                    shutil.rmtree(store, ignore_errors=True)
                    raws.append(in_subprocess("raw", corpus, store, workers, args))
                    first = workers == worker_counts[0] and attempt == 0
                    kind = "build+write" if first else "build"
                    builds.append(in_subprocess(kind, corpus, store, workers, args))
                    if "write" in builds[-1]:
                        writes[size] = builds[-1].pop("write")
                rows.append(Row(size, workers, fastest(raws), fastest(builds)))
                if workers != worker_counts[0]:
                    shutil.rmtree(store, ignore_errors=True)
            first_store = tmp / f"store-{size}-{worker_counts[0]}"
            write_corpus(corpus, INCREMENTAL_DOCS, start=size)
            print(f"... {size} docs + {INCREMENTAL_DOCS}", file=sys.stderr, flush=True)
            incremental[size] = in_subprocess("incremental", corpus, first_store, 0, args)
            if "neo4j_seconds" in writes.get(size, {}):  # Neo4j holds this corpus's graph
                print(f"... {size} docs + {INCREMENTAL_DOCS} into Neo4j", file=sys.stderr)
                neo4j_incremental[size] = in_subprocess(
                    "incremental-neo4j", corpus, first_store, 0, args
                )
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.rmtree(first_store, ignore_errors=True)
        print(f"... bulk load of {args.bulk_links} links", file=sys.stderr, flush=True)
        bulk = in_subprocess("bulk", Path(str(args.bulk_links)), tmp / "store-bulk", 1, args)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"model {args.model}, batch size {args.batch_size}, {os.cpu_count()} cores")
    print("raw 1 worker: nlp.pipe; raw N workers: nlp.pipe(n_process=N)")
    print(neo4j_note)
    print(render(rows, incremental, writes, bulk, neo4j_incremental))


def run_archive(argv: list[str], model: str) -> None:
    """Issue 15's figures on a synthetic archive, as one table (benchmarks/archive.py)."""
    import archive

    parser = argparse.ArgumentParser(
        prog="bench.py archive",
        description="Issue 15's figures: embedded bulk load (rows/s and its phases), adding "
        "10 parsed documents to the largest archive (time against its build, peak memory "
        "against adding them to the smallest), disk per article before and after. Usage: "
        "nice -n 10 python benchmarks/bench.py archive --sizes 500,1000,5000 "
        "--old-tree /tmp/bench-old",
    )
    parser.add_argument("--sizes", default="500,1000,5000", help="archive sizes in documents")
    parser.add_argument("--add", type=int, default=INCREMENTAL_DOCS, help="documents added")
    parser.add_argument("--model", default=model)
    parser.add_argument(
        "--old-tree",
        type=Path,
        help="a checkout of the layout before issue 15 (git worktree add DIR 440b0b8), "
        "built the same way for the 'before' disk figure",
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    tmp = Path(tempfile.mkdtemp(prefix="actorgraph-archive-"))
    clock = time.perf_counter()
    try:
        figures = archive.run(
            sizes,
            args.add,
            args.model,
            args.old_tree,
            tmp,
            lambda line: print(line, file=sys.stderr, flush=True),
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"model {args.model}, {os.cpu_count()} cores, load average {load} at the end, "
        f"run {time.perf_counter() - clock:,.0f}s"
    )
    print("\n".join(archive.render(figures, TARGETS)))


def main(argv: list[str] | None = None) -> None:
    from actorgraph.graph.extraction.mentions import DEFAULT_MODEL
    from actorgraph.graph.pipeline import DEFAULT_BATCH_SIZE

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["archive"]:
        run_archive(argv[1:], DEFAULT_MODEL)
        return
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="issue 15's figures: bench.py archive --help",
    )
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    if argv[:1] == ["_measure"]:
        parser.add_argument("command")
        kinds = ["raw", "build", "build+write", "incremental", "incremental-neo4j", "bulk"]
        parser.add_argument("kind", choices=kinds)
        parser.add_argument("corpus")
        parser.add_argument("store")
        parser.add_argument("measure_workers", type=int, help="0: the default heuristic")
        run_measure(parser.parse_args(argv))
        return
    parser.add_argument("--sizes", default="100,1000,5000", help="corpus sizes in documents")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure; the best counts")
    parser.add_argument("--bulk-links", type=int, default=100_000, help="synthetic bulk load")
    run_bench(parser.parse_args(argv))


if __name__ == "__main__":
    main()
