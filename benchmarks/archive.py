"""Issue 15's figures on a synthetic archive: bulk load, adding 10 documents, disk per article.

Run through ``python benchmarks/bench.py archive`` (its docstring has the usage). This
module holds the archive generator and the measurements, each run in a fresh subprocess
(``python benchmarks/archive.py _measure KIND ...``) so that peak memory is that
measurement's alone.

The archive: the seed articles are parsed once with the real pipeline (``Extractor``);
each synthetic document draws 30-60 of their sentences and carries the extraction the
pipeline found in them, offsets moved into its own text, so building 5,000 documents
costs the graph and the write, not 5,000 parses. Names vary the way an archive's do: a
name found in fewer than three seed articles is "local" and gets one of ``size // 20``
made-up tags per document (in the text too, "Benedict Rogers Kavo"), while the names
most seeds share (China, the Uyghurs, ...) stay the same everywhere, so entities grow with
the archive and the hub links gather evidence from every document. The 10 documents added
are the same generator's text written to files and built by ``pipeline.build``: parsed
for real.

The old layout (evidence lists on every link, before issue 15) is measured by running
the same measurement with an older checkout on ``PYTHONPATH`` (``--old-tree``); the
measurement finds out which write path it has.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SENTENCES = (30, 60)  # sentences per synthetic document
SHARED_IN = 3  # a name in this many seed articles is the same in every document
TAGS_PER = 20  # documents per made-up tag of a local name
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
Seed = Any  # actorgraph.graph.records.Extraction (imported late: the tree may be the old one)


# ----------------------------------------------------------------- the archive


def parse_seeds(model: str, out: Path) -> dict[str, float]:
    """Parse the seed articles once with the real pipeline; pickle their extractions."""
    from actorgraph.graph.extraction.mentions import Extractor
    from actorgraph.loaders.registry import load_paths

    documents = [d for d in load_paths([SEEDS]) if not isinstance(d, Exception)]
    clock = time.perf_counter()
    extractor = Extractor(model)
    loaded = time.perf_counter()
    seeds = list(extractor.extract(documents))
    parsed = time.perf_counter()
    out.write_bytes(pickle.dumps(seeds))
    return {
        "documents": len(seeds),
        "chars": sum(len(d.text) for d in documents),
        "model_seconds": loaded - clock,
        "parse_seconds": parsed - loaded,
    }


def tag(number: int) -> str:
    """A made-up capitalised word for ``number``: "Baba", "Babe", ..."""
    word = ""
    while True:
        number, digit = divmod(number, len(SYLLABLES))
        word += SYLLABLES[digit]
        if len(word) >= 4 and not number:
            return word.capitalize()


def shared_names(seeds: list[Seed]) -> set[str]:
    counts: Counter[str] = Counter()
    for seed in seeds:
        counts.update({m.name for m in seed.mentions})
    return {name for name, count in counts.items() if count >= SHARED_IN}


def synthetic_text(seeds: list[Seed], number: int, size: int) -> tuple[str, list[Any]]:
    """Document ``number``'s text and, per sentence, (its start, seed, index in the seed,
    mention id -> new offsets and surface, its text, the document's name tags)."""
    pick = random.Random(number)
    pool = [(s, i) for s, seed in enumerate(seeds) for i, x in enumerate(seed.sentences) if x.text]
    shared = shared_names(seeds)
    tags: dict[str, str] = {}
    parts: list[str] = []
    placed = []
    length = 0
    for position, (s, i) in enumerate(pick.sample(pool, pick.randint(*SENTENCES))):
        sentence = seeds[s].sentences[i]
        gap = "" if not position else ("\n\n" if position % 4 == 0 else " ")
        mentions = [m for m in seeds[s].mentions if m.sentence == i]
        for m in mentions:
            if m.name not in shared and m.name not in tags:
                tags[m.name] = tag(pick.randrange(max(1, size // TAGS_PER)))
        text, moved = _renamed(sentence.text, sentence.start, mentions, tags)
        parts.append(gap + text)
        length += len(gap)
        placed.append((length, s, i, moved, text, tags))
        length += len(text)
    return "".join(parts), placed


def _renamed(
    text: str, offset: int, mentions: list[Any], tags: dict[str, str]
) -> tuple[str, dict[int, tuple[int, int, str]]]:
    """The sentence with each local name's surface tagged; mention id -> new start, end, text.

    Offsets are sentence-relative. A mention that overlaps another keeps its surface."""
    spans = sorted((m.start - offset, m.end - offset, id(m), m) for m in mentions)
    overlapping = {id(m[3]) for a, b in pairwise(spans) if b[0] < a[1] for m in (a, b)}
    out, moved, cursor, shift = [], {}, 0, 0
    for start, end, key, m in spans:
        surface = m.text
        if m.name in tags and not m.via and key not in overlapping and start >= cursor:
            surface = f"{m.text} {tags[m.name]}"
            out.append(text[cursor:start] + surface)
            moved[key] = (start + shift, start + shift + len(surface), surface)
            shift += len(surface) - (end - start)
            cursor = end
        else:
            moved[key] = (start + shift, end + shift, surface)
    out.append(text[cursor:])
    return "".join(out), moved


def synthetic_extraction(seeds: list[Seed], number: int, size: int) -> Seed:
    """Document ``number`` of an archive of ``size``, with its extraction, no parse."""
    from actorgraph.graph.records import Extraction, Mention, Relation, Sentence
    from actorgraph.loaders.document import Document, content_id
    from actorgraph.loaders.plaintext import title_of

    body, placed = synthetic_text(seeds, number, size)
    text = body.strip()
    lead = len(body) - len(body.lstrip())
    sentences: list[Any] = []
    mentions: list[Any] = []
    relations: list[Any] = []
    for index, (start, s, i, moved, sentence_text, tags) in enumerate(placed):
        base = start - lead
        sentences.append(Sentence(sentence_text, base, base + len(sentence_text)))
        seed = seeds[s]
        renumber = {}
        for old, m in enumerate(seed.mentions):
            if m.sentence != i:
                continue
            m_start, m_end, surface = moved[id(m)]
            name = f"{m.name} {tags[m.name]}" if m.name in tags else m.name
            renumber[old] = len(mentions)
            mentions.append(
                Mention(surface, m.label, name, base + m_start, base + m_end, index, m.date, m.via)
            )
        for r in seed.relations:
            if r.sentence == i and r.source in renumber and r.target in renumber:
                relations.append(
                    Relation(
                        renumber[r.source], renumber[r.target], r.type, r.pattern, index,
                        r.predicate, r.modality, r.stated_type, r.claimant, r.act, r.referring,
                    )
                )  # fmt: skip
    title = title_of(text)
    source = f"archive/{number:07d}.txt"
    document = Document(
        id=content_id(title, "", "", text),
        key=source,
        source=source,
        title=title,
        text=text,
        loader="plaintext",
    )
    return Extraction(
        document, tuple(sentences), tuple(mentions), tuple(relations), len(text.split())
    )


def write_files(seeds: list[Seed], directory: Path, numbers: range, size: int) -> int:
    """The generator's documents as plain-text files (for a real build); their characters."""
    directory.mkdir(parents=True, exist_ok=True)
    chars = 0
    for number in numbers:
        text = synthetic_text(seeds, number, size)[0]
        (directory / f"{number:07d}.txt").write_text(text + "\n", encoding="utf-8")
        chars += len(text)
    return chars


# ----------------------------------------------------------------- timing without editing the store


def rss_mb(field: str = "VmHWM") -> float:
    """This process's peak (VmHWM) or current (VmRSS) resident memory, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


class Phases:
    """Seconds spent in wrapped callables, by phase name (the callables are not edited)."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.memory: dict[str, float] = {}

    def wrap(self, owner: Any, name: str, phase: Callable[..., str] | str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            clock = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                label = phase(*args, **kwargs) if callable(phase) else phase
                self.seconds[label] += time.perf_counter() - clock
                self.memory[f"after {label}"] = rss_mb("VmRSS")

        setattr(owner, name, timed)

    def derived_figures(self) -> None:
        """Time graph.metrics (run by ``GraphBuilder.finish`` over the whole graph) by step."""
        import igraph as ig

        from actorgraph.graph import metrics, model

        self.wrap(model, "add_derived_figures", "derived figures")
        self.wrap(metrics, "entity_graph", "figures: entity graph")
        self.wrap(ig.Graph, "pagerank", "figures: pagerank")
        self.wrap(ig.Graph, "betweenness", "figures: betweenness")
        self.wrap(ig.Graph, "community_multilevel", "figures: louvain")

    def store(self, store: Any) -> None:
        """Time a LadybugStore's statements by kind: COPY per table, COMMIT, CHECKPOINT,
        other Cypher, the search index. (``_copy`` resolves ``arrow_rows`` in its own
        frame, which the wrapper leaves intact.)"""
        self.wrap(store, "apply", "apply")
        self.wrap(store, "_copy", lambda statement, rows: "COPY " + _copy_target(statement))
        self.wrap(store, "_run", lambda cypher, params=None: _statement_kind(cypher))
        if hasattr(store, "_index"):
            self.wrap(store, "_index", "search index")


def _copy_target(statement: str) -> str:
    table = statement.split()[1].strip("`")
    return (
        table
        if table in ("Sentence", "HAS_MENTION", "FROM_DOCUMENT", "NEXT_SENTENCE")
        else ("links" if "from=" in statement else "nodes")
    )


def _statement_kind(cypher: str) -> str:
    word = cypher.split()[0].upper()
    return word if word in ("COMMIT", "CHECKPOINT", "BEGIN") else "other Cypher"


def disk(path: Path) -> dict[str, int]:
    """Bytes on disk (allocated blocks) under ``path``, by top-level entry."""
    out: dict[str, int] = {}
    for entry in path.iterdir():
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
        out[entry.name] = sum(p.stat().st_blocks * 512 for p in files)
    return out


def table_bytes(store: Any) -> dict[str, int]:
    """Bytes of column pages per group of tables (LadybugDB's ``storage_info``, 4 KB pages;
    without the primary-key indexes and the catalog, which the file size has)."""
    from actorgraph.graph.schema import load_schema

    schema = load_schema()
    entities = set(schema.entity_labels)
    out: dict[str, int] = defaultdict(int)
    tables = store._conn.execute("CALL show_tables() RETURN name").get_as_arrow(0)
    for table in tables.column(0).to_pylist():
        info = store._conn.execute(f"CALL storage_info('{table}') RETURN num_pages, residency")
        rows = info.get_as_arrow(0).to_pylist()
        pages = sum(r["num_pages"] for r in rows if r["residency"] == "ON_DISK")
        if table in entities:
            group = "entity nodes"
        elif table in ("FROM_DOCUMENT", "NEXT_SENTENCE"):
            group = "FROM_DOCUMENT+NEXT_SENTENCE"
        elif table in schema.links and table not in ("CO_MENTIONED", "MENTIONS", "WROTE"):
            group = "typed links"
        else:
            group = table
        out[group] += pages * 4096
    return dict(out)


def row_counts(diff: Any) -> dict[str, int]:
    """The rows a diff writes, by kind; ``len(diff)`` plus the lexical links it implies."""
    texts = getattr(diff, "texts", [])
    sentences = sum(len(t.sentences) for t in texts)
    counts = {
        "nodes": len(diff.upsert_nodes),
        "links": len(diff.upsert_edges),
        "sentences": sentences,
        "mentions": sum(len(t.mentions) for t in texts),
        "FROM_DOCUMENT+NEXT_SENTENCE": sentences + sum(max(0, len(t.sentences) - 1) for t in texts),
    }
    counts["len(diff)"] = len(diff)
    counts["rows"] = len(diff) + counts["FROM_DOCUMENT+NEXT_SENTENCE"]
    return counts


# ----------------------------------------------------------------- measurements (subprocess)


def measure_build(size: int, store_dir: Path, seeds_file: Path) -> dict[str, Any]:
    """Build an archive of ``size`` into a fresh store, phase by phase."""
    import networkx as nx

    from actorgraph.graph.model import GraphBuilder
    from actorgraph.graph.stores.ladybug import LadybugStore

    seeds = pickle.loads(seeds_file.read_bytes())
    phases = Phases()
    phases.derived_figures()
    load = os.getloadavg()[0]
    clock = time.perf_counter()
    builder = GraphBuilder()
    phases.wrap(builder, "add", "graph: add")
    chars = 0
    for number in range(size):
        extraction = synthetic_extraction(seeds, number, size)
        chars += len(extraction.document.text)
        builder.add(extraction)
    phases.seconds["archive generation"] = (
        time.perf_counter() - clock - phases.seconds["graph: add"]
    )
    mark = time.perf_counter()
    after = builder.finish()
    phases.seconds["graph: finish"] = time.perf_counter() - mark
    phases.memory["after graph"] = rss_mb("VmRSS")
    with LadybugStore(store_dir) as store:
        phases.store(store)
        mark = time.perf_counter()
        try:
            from actorgraph.graph.stores import journal
            from actorgraph.graph.stores.delta import commit, plan_delta
        except ImportError:  # the layout before issue 15: no texts, no journal
            from actorgraph.graph.stores.rows import diff_graphs

            diff = diff_graphs(nx.MultiDiGraph(), after)
            phases.seconds["plan (diff rows)"] = time.perf_counter() - mark
            mark = time.perf_counter()
            store.apply(diff)
        else:
            diff = plan_delta(store, nx.MultiDiGraph(), after, builder.texts)
            phases.seconds["plan (diff rows)"] = time.perf_counter() - mark
            phases.wrap(journal.Journal, "publish", "journal write")
            phases.wrap(journal.Journal, "done", "journal done")
            mark = time.perf_counter()
            commit(store, diff)
        phases.seconds["commit"] = time.perf_counter() - mark
        tables = table_bytes(store)
    phases.seconds["total"] = time.perf_counter() - clock
    entities = sum(1 for _, a in after.nodes(data=True) if a["label"] != "Document")
    return {
        "size": size,
        "chars": chars,
        "entities": entities,
        "graph_links": after.number_of_edges(),
        "rows": row_counts(diff),
        "seconds": dict(phases.seconds),
        "memory": phases.memory,
        "peak_mb": rss_mb(),
        "disk": disk(store_dir),
        "tables": tables,
        "load": [load, os.getloadavg()[0]],
    }


def measure_add(files: Path, store_dir: Path, model: str, diff_file: Path) -> dict[str, Any]:
    """``pipeline.build`` of the new files into a copy of an archive's store; the diff it
    writes is kept in ``diff_file`` for ``measure_apply``."""
    from actorgraph.graph import pipeline
    from actorgraph.graph.stores import journal
    from actorgraph.graph.stores.ladybug import LadybugStore

    phases = Phases()
    phases.derived_figures()
    # classes and functions the build calls by their module-level names
    phases.wrap(pipeline, "Extractor", "model load")  # a class: wrapping times its __init__
    phases.wrap(pipeline, "GraphBuilder", "builder copy")
    phases.wrap(pipeline, "plan_delta", "plan_delta")
    plan = pipeline.plan_delta

    def kept(*args: Any, **kwargs: Any) -> Any:
        diff = plan(*args, **kwargs)
        diff_file.write_bytes(pickle.dumps(diff))
        return diff

    pipeline.plan_delta = kept
    phases.wrap(journal.Journal, "publish", "journal write")
    load = os.getloadavg()[0]
    start_mb = rss_mb("VmRSS")
    with LadybugStore(store_dir) as store:
        phases.store(store)
        phases.wrap(store, "read_graph", "read store")
        clock = time.perf_counter()
        report = pipeline.build([files], store, model=model)
        seconds = time.perf_counter() - clock
    return {
        "documents": report.added,
        "unchanged": report.unchanged,
        "workers": report.workers,
        "rows": report.rows_written,
        "seconds": seconds,
        "phases": report.seconds,
        "timed": dict(phases.seconds),
        "memory": {"start": start_mb, **phases.memory},
        "peak_mb": rss_mb(),
        "load": [load, os.getloadavg()[0]],
    }


def measure_apply(diff_file: Path, store_dir: Path) -> dict[str, Any]:
    """The add's diff applied to another copy of the archive's store by a process that
    holds no graph: what the store engine itself takes to write the add."""
    from actorgraph.graph.stores.ladybug import LadybugStore

    diff = pickle.loads(diff_file.read_bytes())
    gc.collect()
    with LadybugStore(store_dir) as store:
        opened = rss_mb("VmRSS")
        rows = store.apply(diff)
    return {"rows": rows, "opened_mb": opened, "peak_mb": rss_mb()}


def in_subprocess(
    kind: str, arguments: list[str], *, old_tree: Path | None = None
) -> dict[str, Any]:
    """One measurement in a fresh interpreter; ``old_tree`` puts that checkout's package first."""
    env = dict(os.environ)
    if old_tree is not None:
        env["PYTHONPATH"] = str(old_tree)
    command = [sys.executable, __file__, "_measure", kind, *arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{kind} {' '.join(arguments)} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def package_shim(tree: Path, where: Path) -> Path:
    """A directory whose ``actorgraph`` package is ``tree``'s (the same folder mapping as
    pyproject's package-dir), to put first on PYTHONPATH."""
    package = where / "actorgraph"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").touch()
    for folder in ("graph", "loaders", "queries"):
        link = package / folder
        if not link.exists():
            link.symlink_to(tree.resolve() / folder)
    return where


# ----------------------------------------------------------------- the run and its table


def run(
    sizes: list[int],
    add: int,
    model: str,
    old_tree: Path | None,
    tmp: Path,
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Every figure: the seeds parsed, each size built (new layout, then old), 10 added."""
    seeds_file = tmp / "seeds.pickle"
    say("... parsing the seeds")
    seeds = parse_seeds(model, seeds_file)
    files = tmp / "new-files"
    first_new = 10**6  # numbers no archive uses; the same files are added at every size
    seeds["add_chars"] = write_files(
        pickle.loads(seeds_file.read_bytes()), files, range(first_new, first_new + add), max(sizes)
    )
    shim = package_shim(old_tree, tmp / "old-path") if old_tree else None
    builds, adds, old = {}, {}, {}
    for size in sizes:
        say(f"... archive of {size}: build")
        store = tmp / f"store-{size}"
        builds[size] = in_subprocess("build", [str(size), str(store), str(seeds_file)])
        copy, diff = tmp / f"add-{size}", tmp / f"add-{size}.diff"
        shutil.copytree(store, copy)
        say(f"... archive of {size}: add {add}")
        adds[size] = in_subprocess("add", [str(files), str(copy), model, str(diff)])
        shutil.rmtree(copy)
        say(f"... archive of {size}: the add's writes alone")
        adds[size]["store_only"] = in_subprocess("apply", [str(diff), str(store)])
        diff.unlink()
        shutil.rmtree(store)
        if shim is not None:
            say(f"... archive of {size}: build, old layout")
            old_store = tmp / f"old-{size}"
            old[size] = in_subprocess(
                "build", [str(size), str(old_store), str(seeds_file)], old_tree=shim
            )
            shutil.rmtree(old_store)
    return {"seeds": seeds, "builds": builds, "adds": adds, "old": old}


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _with_parsing(build: dict[str, Any], parse_rate: float) -> float:
    """A full build's seconds, estimated: the archive build (graph and write, measured)
    plus parsing its text at the seeds' rate on two workers, scaling ideally."""
    return float(build["seconds"]["total"] + parse_rate * build["chars"] / 2)


def _load(measured: dict[str, Any]) -> str:
    """The load average (1 min) when a measurement started and ended."""
    return f"load {measured['load'][0]:.1f}-{measured['load'][1]:.1f}"


def _kb_per_doc(build: dict[str, Any]) -> float:
    return sum(build["disk"].values()) / 1024 / build["size"]


def render(figures: dict[str, Any], targets: dict[str, float]) -> Iterator[str]:
    seeds, builds, adds, old = (figures[k] for k in ("seeds", "builds", "adds", "old"))
    parse_rate = seeds["parse_seconds"] / seeds["chars"]  # one process, seconds per character
    yield (
        f"seeds: {seeds['documents']} articles, {seeds['chars']:,} chars parsed in "
        f"{seeds['parse_seconds']:.1f}s ({seeds['chars'] / seeds['parse_seconds']:,.0f} chars/s, "
        f"model load {seeds['model_seconds']:.1f}s)"
    )
    yield ""
    yield (
        "1. embedded bulk load: the whole archive's diff into a fresh store; "
        "rows = len(diff) + FROM_DOCUMENT + NEXT_SENTENCE"
    )
    for size, b in builds.items():
        r, s = b["rows"], b["seconds"]
        apply_rate, commit_rate = r["rows"] / s["apply"], r["rows"] / s["commit"]
        yield (
            f"  {size:>6} docs: {r['rows']:,} rows = {r['nodes']:,} nodes + {r['sentences']:,} "
            f"sentences + {r['mentions']:,} mentions + {r['FROM_DOCUMENT+NEXT_SENTENCE']:,} "
            f"FROM_DOCUMENT/NEXT_SENTENCE + {r['links']:,} links ({b['entities']:,} entities)"
        )
        yield (
            f"          apply {s['apply']:.1f}s = {apply_rate:,.0f} rows/s; commit (journal + "
            f"apply) {s['commit']:.1f}s = {commit_rate:,.0f} rows/s (target >= "
            f"{targets['rows_per_s']:,.0f}) {verdict(commit_rate >= targets['rows_per_s'])}; "
            f"{_load(b)}"
        )
        yield "          apply: " + _apply_parts(s)
        before = {k: s[k] for k in ARCHIVE_PHASES if k in s}
        yield (
            "          around it: "
            + ", ".join(f"{k} {v:.1f}" for k, v in before.items())
            + (f"; peak {b['peak_mb']:,.0f} MB")
        )
        yield "          graph: finish: " + _figures(s)
    yield ""
    largest, smallest = max(adds), min(adds)
    yield (
        f"2. adding {adds[largest]['documents']} documents: pipeline.build, parse included, "
        "each add in a fresh process on a copy of the store"
    )
    for size, a in adds.items():
        full = builds[size]["seconds"]["total"]
        full_parsed = _with_parsing(builds[size], parse_rate)
        p, t = a["phases"], a["timed"]
        model_load = t.get("model load", 0.0)
        yield (
            f"  to {size:>6}: {a['seconds']:.1f}s = {a['seconds'] / full:.1%} of the build without "
            f"parsing ({full:.1f}s), {a['seconds'] / full_parsed:.1%} of a full build with parsing "
            f"(est. {full_parsed:,.0f}s); peak {a['peak_mb']:,.0f} MB; {_load(a)}"
        )
        yield (
            f"          read store {p.get('read store', 0):.1f} (read_graph "
            f"{t.get('read store', 0):.1f}, builder copy "
            f"{t.get('builder copy', 0):.1f}), model load {model_load:.1f}, parse "
            f"{p.get('extract', 0) - model_load:.1f}, graph+plan {p.get('graph', 0):.1f} "
            f"(plan_delta {t.get('plan_delta', 0):.1f}), write "
            f"{p.get('write', 0):.1f} (apply {t.get('apply', 0):.1f}, journal "
            f"{t.get('journal write', 0):.1f}); {a['rows']:,} rows"
        )
        yield "          apply: " + _apply_parts(t)
        yield "          graph: " + _figures(t)
        memory = {k: a["memory"][k] for k in ADD_MEMORY if k in a["memory"]}
        yield "          RSS MB: " + ", ".join(f"{k} {v:,.0f}" for k, v in memory.items())
    if largest != smallest:
        seconds, build = adds[largest]["seconds"], builds[largest]
        bound, estimate = (
            seconds / build["seconds"]["total"],
            seconds / _with_parsing(build, parse_rate),
        )
        growth = adds[largest]["peak_mb"] / adds[smallest]["peak_mb"]
        yield (
            f"  time, add to {largest}: {estimate:.1%} of its estimated full build, {bound:.1%} "
            f"of its build without parsing (target < {targets['add_share']:.0%}) "
            f"{verdict(estimate < targets['add_share'])} / {verdict(bound < targets['add_share'])}"
        )
        yield (
            f"  peak memory, add to {largest} / add to {smallest}: {growth:.2f}x "
            f"(target < {targets['add_memory']}x) {verdict(growth < targets['add_memory'])}"
        )
        alone = [adds[size]["store_only"] for size in (smallest, largest)]
        yield (
            f"  of which the store engine's own: the same rows applied by a process holding "
            f"no graph grow it by {alone[0]['peak_mb'] - alone[0]['opened_mb']:,.0f} MB at "
            f"{smallest}, {alone[1]['peak_mb'] - alone[1]['opened_mb']:,.0f} MB at {largest} "
            f"(peak {alone[1]['peak_mb'] / alone[0]['peak_mb']:.2f}x)"
        )
    yield ""
    yield "3. disk per article (store directory / documents)"
    for size, b in builds.items():
        parts = ", ".join(f"{k} {v / 1024 / size:.1f}" for k, v in sorted(b["disk"].items()))
        line = f"  {size:>6} docs: {_kb_per_doc(b):.1f} KB/doc ({parts})"
        if size in old:
            o = old[size]
            line += (
                f"; before (old layout) {_kb_per_doc(o):.1f} KB/doc, "
                f"{_kb_per_doc(b) / _kb_per_doc(o):.2f}x; old bulk load "
                f"{o['rows']['rows'] / o['seconds']['apply']:,.0f} rows/s "
                f"({o['rows']['rows']:,} rows)"
            )
        yield line
        yield "          column pages, KB/doc: " + _tables(b)
        if size in old:
            yield "          old layout, KB/doc: " + _tables(old[size])


def _tables(build: dict[str, Any]) -> str:
    ordered = sorted(build["tables"].items(), key=lambda kv: -kv[1])
    return ", ".join(f"{k} {v / 1024 / build['size']:.1f}" for k, v in ordered if v)


def _figures(seconds: dict[str, float]) -> str:
    """Where GraphBuilder.finish's time goes: the derived figures over the whole graph."""
    steps = [k for k in seconds if k == "derived figures" or k.startswith("figures:")]
    return ", ".join(f"{k} {seconds[k]:.1f}" for k in steps)


STATEMENTS = ("COMMIT", "CHECKPOINT", "BEGIN", "other Cypher")
ARCHIVE_PHASES = (
    "archive generation",
    "graph: add",
    "graph: finish",
    "plan (diff rows)",
    "journal write",
)
ADD_MEMORY = (
    "start",
    "after read store",
    "after builder copy",
    "after model load",
    "after derived figures",
    "after plan_delta",
    "after other Cypher",
    "after apply",
)


def _apply_parts(seconds: dict[str, float]) -> str:
    """store.apply's time by statement kind; the rest is Python (rows to Arrow columns)."""
    parts = {k: v for k, v in seconds.items() if k.startswith("COPY") or k in STATEMENTS}
    if "search index" in seconds:
        parts["search index"] = seconds["search index"]
    parts["Python (rows, Arrow)"] = seconds["apply"] - sum(parts.values())
    ordered = sorted(parts.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{k} {v:.1f}" for k, v in ordered if v >= 0.05)


def main(argv: list[str]) -> None:
    kind, *arguments = argv
    if kind == "build":
        size, store, seeds = arguments
        result = measure_build(int(size), Path(store), Path(seeds))
    elif kind == "add":
        files, store, model, diff = arguments
        result = measure_add(Path(files), Path(store), model, Path(diff))
    elif kind == "apply":
        diff, store = arguments
        result = measure_apply(Path(diff), Path(store))
    else:
        raise SystemExit(f"unknown measurement {kind!r}")
    print(json.dumps(result))


if __name__ == "__main__" and sys.argv[1:2] == ["_measure"]:
    main(sys.argv[2:])
