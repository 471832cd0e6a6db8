"""Crash-injection harness (issue 17 item 5): kill builds at many instants, then check that the
next command leaves the store exactly as if nothing had happened.

One trial:
1. copy a clean store of corpus A (and the input files: sources are stored as given);
2. edit one document of A and run ``build a b`` (B: that replacement plus new documents),
   stopped by one crash: a fault point (``graph.faults``, SIGKILL at its n-th hit, or
   SIGINT there: Ctrl-C), a seeded SIGKILL at a random instant of the write phase
   (inside native COMMIT and CHECKPOINT code no point can reach), or a full disk
   (RLIMIT_FSIZE: the writes fail with EFBIG);
3. one follow-up: the same input again (``same``), a different input ``build c``
   (``other``), a read, which must refuse with exit 3 while a write is pending (and read
   the last committed state with ``--allow-incomplete``), then ``build c`` (``read``), or
   ``remove`` of a document of A (``remove``);
4. compare with the same commands run without the crash: the sorted JSON export byte for
   byte, node and link counts per label, and the search hits of a fixed query set.

A crash before the write is published may lose B (the command did not finish), never
part of it: the store must equal the reference with B or the one without it. Once the
journal holds the write (a pending entry after the crash), only the one with B passes.

The points tried are those a clean run of B passes (traced with ACTORGRAPH_FAULT_TRACE),
each hit a separate crash point; timed kills fall within the span it measured.

    .venv/bin/python benchmarks/crash_harness.py                # 3 documents, 20 crashes
    .venv/bin/python benchmarks/crash_harness.py --documents 30 --points 40 --workers 1,2

Every child is forked from this process once the package is imported and the spaCy
pipeline loaded, so a trial costs its own work, not the imports; the commands run
through ``actorgraph.graph.cli.main`` in a trial directory of their own, as a user's
would. The embedded store commits every 16 KB of rows here (``--transaction-bytes``;
its own limit is 64 MB of rows or 16 tables written), so that B's write spans several
transactions and kills land between them.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FOLLOW_UPS = ("same", "other", "read", "remove")
ROOMS = (64 << 10, 2 << 20, 10 << 20)  # full disk: bytes of room past the largest store file
EDIT = "\n\nBenedict Rogers wrote to Geoffrey Nice about the Uyghur Tribunal in London.\n"
SEARCH_QUERIES = ("Uyghur", "genocide", "Myanmar military", "Hong Kong Watch", "sanctions")
CHILD_TIMEOUT = 600.0
STORE = "store"
TRACE_ENV = "ACTORGRAPH_FAULT_TRACE"
FAULT_ENV = "ACTORGRAPH_FAULT"
TRANSACTION_BYTES = 16 << 10  # B (two seed articles) then commits in several transactions
READ_REFUSED = 3  # a read command's exit status while a write is pending
# What a stopped build must say: exit status and words (issue 17 item 10)
SAYS = {"interrupt": (130, "interrupted"), "disk": (4, "disk full writing ")}


# ----------------------------------------------------------------- corpus and commands


def write_corpus(directory: Path, count: int) -> dict[str, list[str]]:
    """``count`` seed articles, one per file (copies, each with its own last line, past
    the seeds), split into a/ b/ c/ (c gets the remainder)."""
    from actorgraph.loaders.registry import load_paths

    seeds = [d for d in load_paths([SEEDS]) if not isinstance(d, Exception)]
    seeds.sort(key=lambda d: (len(d.text), d.id))  # a small run takes the shortest
    third = max(1, count // 3)
    split = {"a": third, "b": third, "c": max(1, count - 2 * third)}
    names: dict[str, list[str]] = {}
    number = 0
    for part, size in split.items():
        (directory / part).mkdir(parents=True, exist_ok=True)
        names[part] = []
        for _ in range(size):
            seed = seeds[number % len(seeds)]
            body = seed.text + (f"\n\n(Copy {number}.)\n" if number >= len(seeds) else "")
            if seed.authors and seed.date:  # the collection format: "Authors: Title", date, text
                body = f"{' and '.join(seed.authors)}: {seed.title}\n\n{seed.date}\n\n{body}"
            name = f"{part}/{number:04d}.txt"
            (directory / name).write_text(body, encoding="utf-8")
            names[part].append(name)
            number += 1
    return names


def commands(names: dict[str, list[str]], workers: int) -> dict[str, list[list[str]]]:
    """The argv lists of each step, relative to a trial's directory."""
    build = ["--store", STORE, "--quiet", "--workers", str(workers)]
    b = ["build", "a", "b", *build]
    c = ["build", "c", *build]
    return {
        "base": [["build", "a", *build]],
        "b": [b],
        "same": [b],
        "other": [c],
        "read": [["stats", "--store", STORE], ["stats", "--store", STORE, "--allow-incomplete"], c],
        "remove": [["remove", names["a"][0], "--store", STORE]],
    }


def has_command(name: str) -> bool:
    from actorgraph.graph.cli import COMMAND_MODULES

    return name in COMMAND_MODULES


# ----------------------------------------------------------------- children


@dataclass
class Step:
    argv: list[str]
    status: int  # negative: killed by that signal
    stderr: str


def run_child(
    target: Callable[[], int],
    cwd: Path,
    name: str,
    *,
    env: dict[str, str] | None = None,
    fsize: int | None = None,
    watch: Callable[[multiprocessing.process.BaseProcess], None] | None = None,
) -> tuple[int, str]:
    """Run ``target`` in a forked child in ``cwd``; return its status and stderr."""
    log = cwd / "log"
    log.mkdir(exist_ok=True)
    err = log / f"{name}.err"

    def child() -> None:
        # Ctrl-C as at a terminal, even when this harness runs in the background (where
        # the shell leaves SIGINT ignored, and a fault's SIGINT would do nothing)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(cwd)
        os.environ.update(env or {})
        if fsize is not None:  # a full disk: writes past this size fail with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        for fd, path in ((1, log / f"{name}.out"), (2, err)):
            out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, fd)
            os.close(out)
        status = 1
        try:
            status = target()
        except SystemExit as exc:  # argparse's usage errors
            status = exc.code if isinstance(exc.code, int) else 1
        except BaseException:  # what the harness itself broke: shown in the child's log
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    if watch is not None:
        watch(process)
    process.join(CHILD_TIMEOUT)
    if process.is_alive():
        process.kill()
        process.join()
        return -signal.SIGKILL, f"(hung: killed after {CHILD_TIMEOUT:.0f} s)"
    return int(process.exitcode or 0), err.read_text("utf-8", errors="replace")


def preload(transaction_bytes: int | None) -> None:
    """Import the package and load the spaCy pipeline once, here: every child inherits them
    (loading is not what is under test; a trial then costs its own work). With
    ``transaction_bytes``, the embedded store commits that often, so that a small B is
    written in several transactions, as a large archive's write is (64 MB or 16 tables each)."""
    import functools

    from actorgraph.graph.cli import make_parser
    from actorgraph.graph.extraction import mentions
    from actorgraph.graph.stores import ladybug

    make_parser()  # imports every command module
    if not isinstance(mentions.load_pipeline, functools._lru_cache_wrapper):
        mentions.load_pipeline = functools.cache(mentions.load_pipeline)
    mentions.load_pipeline(mentions.DEFAULT_MODEL)
    if transaction_bytes:
        ladybug.TRANSACTION_BYTES = transaction_bytes


def cli(argv: list[str]) -> Callable[[], int]:
    def target() -> int:
        from actorgraph.graph.cli import main

        return main(argv)

    return target


def run_steps(cwd: Path, steps: list[list[str]], label: str) -> list[Step]:
    results = []
    for number, argv in enumerate(steps):
        status, stderr = run_child(cli(argv), cwd, f"{label}-{number}")
        results.append(Step(argv, status, stderr))
    return results


def pending_writes(store: Path) -> int:
    """Journal entries left pending in the store (0 before the journal existed)."""
    journal = store / "journal"
    return len(list(journal.glob("pending-*"))) if journal.is_dir() else 0


# ----------------------------------------------------------------- fingerprints


def fingerprint(cwd: Path) -> dict[str, Any]:
    """The sorted JSON export, node and link counts and search hits of ``cwd``/store, read
    in a child (LadybugDB's threads never live in this process, which forks)."""
    out = cwd / "fingerprint.json"
    status, stderr = run_child(lambda: _fingerprint(out), cwd, "fingerprint")
    if status != 0 or not out.exists():
        return {"error": f"exit {status}: {stderr.strip()[-400:]}"}
    result: dict[str, Any] = json.loads(out.read_text("utf-8"))
    result["pending"] = pending_writes(cwd / STORE)
    return result


def _fingerprint(out: Path) -> int:
    from actorgraph.graph.cli import main
    from actorgraph.graph.stores import open_store

    export = out.with_name("export.json")
    status = main(["export", "--format", "json", str(export), "--store", STORE])
    if status != 0:
        return status
    store = open_store(STORE, read_only=True)
    try:
        nodes = store.query("MATCH (n) RETURN label(n), count(*)").rows
        links = store.query("MATCH ()-[r]->() RETURN label(r), count(*)").rows
        counts = {f"node:{k}": n for k, n in nodes} | {f"link:{k}": n for k, n in links}
        result = {
            "export": export.read_text("utf-8"),
            "counts": dict(sorted(counts.items())),
            "search": search_hits(store),
        }
    finally:
        store.close()
    out.write_text(json.dumps(result), "utf-8")
    return 0


def search_hits(store: Any) -> dict[str, Any] | None:
    """The sentence index's size and the sentences each fixed query finds (as a set: scores
    may move with the index's segments); None where graph.search is not there."""
    try:
        from actorgraph.graph.search.index import SentenceIndex
        from actorgraph.graph.search.sentences import search_sentences
    except ImportError:
        return None
    hits: dict[str, Any] = {"indexed": SentenceIndex(Path(STORE) / "search").count()}
    for query in SEARCH_QUERIES:  # (a stale index is rebuilt here; "indexed" was read first)
        found = search_sentences(store, query, limit=10_000, note=lambda _: None)
        hits[query] = sorted(hit.sentence for hit in found)
    return hits


def differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """How the store ``got`` differs from the clean build ``want``; [] when identical."""
    if "error" in got:
        return [f"unreadable: {got['error']}"]
    found = []
    if got["pending"]:
        found.append(f"{got['pending']} journal entries still pending")
    if got["export"] != want["export"]:
        found.append("export differs")
    for key in sorted(set(got["counts"]) | set(want["counts"])):
        a, b = got["counts"].get(key, 0), want["counts"].get(key, 0)
        if a != b:
            found.append(f"{key} {a} (clean build {b})")
    mine, theirs = got.get("search") or {}, want.get("search") or {}
    for key in sorted(set(mine) | set(theirs)):
        if mine.get(key) != theirs.get(key):
            a, b = (len(v) if isinstance(v, list) else v for v in (mine.get(key), theirs.get(key)))
            found.append(f"search {key!r}: {a} (clean build {b})")
    return found


# ----------------------------------------------------------------- trials


@dataclass(frozen=True)
class Crash:
    """How build B is stopped."""

    kind: str  # "point" (SIGKILL), "interrupt" (SIGINT), "timed" (SIGKILL), "disk" (EFBIG)
    fault: str = ""  # ACTORGRAPH_FAULT: name:n[:int]
    delay: float = 0.0  # timed: seconds after the anchor point
    room: int = 0  # disk: bytes of room past the largest store file

    def __str__(self) -> str:
        if self.kind == "timed":
            return f"timed kill +{self.delay * 1000:.0f} ms"
        if self.kind == "disk":
            return f"full disk, {self.room >> 10} KB of room"
        return f"{self.kind} at {self.fault}"


@dataclass
class Trial:
    crash: Crash
    follow_up: str
    workers: int
    crashed: Step | None = None
    pending: int = 0  # journal entries after the crash
    steps: list[Step] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    matched: str = ""  # "with B" / "without B"
    seconds: float = 0.0


@dataclass
class Plan:
    """What a clean run of B passed: its points in order, with hit counts and times."""

    hits: list[tuple[str, int]]  # (point, n-th hit) in the order passed
    anchor: str  # the first point of the write phase: timed kills count from it
    span: float  # seconds from the anchor to the last point


def read_trace(path: Path) -> Plan:
    hits: list[tuple[str, int]] = []
    times: list[float] = []
    seen: dict[str, int] = {}
    for line in path.read_text("utf-8").splitlines() if path.exists() else []:
        name, _, moment = line.partition("\t")
        seen[name] = seen.get(name, 0) + 1
        hits.append((name, seen[name]))
        times.append(float(moment))
    write = [i for i, (name, _) in enumerate(hits) if not is_extraction(name)]
    if not write:
        return Plan(hits, "", 0.0)
    return Plan(hits, hits[write[0]][0], times[-1] - times[write[0]])


def choose_crashes(plan: Plan, count: int, rng: random.Random) -> list[Crash]:
    """Every disk room, Ctrl-C in the middle of the write and during extraction, an eighth
    timed kills, then deterministic points: two of extraction, every point of the write
    once, then their later hits spread over the rest. ``count`` caps the total."""
    extraction = [h for h in plan.hits if is_extraction(h[0])]
    writing = [h for h in plan.hits if not is_extraction(h[0])]
    crashes = [Crash("disk", room=room) for room in ROOMS]
    crashes += [Crash("interrupt", f"{n}:{i}:int") for n, i in spread(writing, 1)]
    crashes += [Crash("interrupt", f"{n}:{i}:int") for n, i in spread(extraction, 1)]
    timed = max(1, count // 8) if plan.anchor else 0
    crashes += [Crash("timed", delay=rng.uniform(0, plan.span)) for _ in range(timed)]
    room = max(0, count - len(crashes))
    points = spread(extraction, min(2, room))
    first = [h for h in writing if h[1] == 1]  # every write point once, then its repeats
    repeats = [h for h in writing if h[1] > 1]
    points += spread(first, room - len(points))
    points += spread(repeats, room - len(points))
    crashes += [
        Crash("point", f"{name}:{hit}") for name, hit in sorted(points, key=plan.hits.index)
    ]
    return crashes[:count]


def is_extraction(point: str) -> bool:
    return point.startswith(("extract.", "worker."))


def spread(items: list[tuple[str, int]], count: int) -> list[tuple[str, int]]:
    """``count`` of ``items`` evenly spaced, the first and last among them (one: the middle)."""
    if count >= len(items):
        return list(items)
    if count == 1:
        return [items[len(items) // 2]]
    return [items[round(i * (len(items) - 1) / (count - 1))] for i in range(count)] if count else []


class Harness:
    def __init__(self, work: Path, documents: int, seed: int, follow_ups: Sequence[str]):
        self.work = work
        self.rng = random.Random(seed)
        self.inputs = work / "template"
        self.names = write_corpus(self.inputs, documents)
        self.follow_ups = [f for f in follow_ups if f != "remove" or has_command("remove")]
        self.references: dict[tuple[str, bool], dict[str, Any]] = {}
        self.plans: dict[int, Plan] = {}
        self.trial_number = 0
        self._build(self.inputs, commands(self.names, 1)["base"], "base")

    def _build(self, cwd: Path, steps: list[list[str]], label: str) -> None:
        for step in run_steps(cwd, steps, label):
            if step.status != 0:
                raise SystemExit(f"clean run failed: {' '.join(step.argv)}: {step.stderr}")

    def _copy(self, name: str, source: Path | None = None) -> Path:
        """A trial directory: the inputs and store of ``source`` (default: A, with the
        document B replaces already edited)."""
        target = self.work / name
        shutil.copytree(source or self.inputs, target)
        for leftover in ("log", "trace"):
            shutil.rmtree(target / leftover, ignore_errors=True)
            (target / leftover).unlink(missing_ok=True)
        if source is None:
            with open(target / self.names["a"][0], "a", encoding="utf-8") as out:
                out.write(EDIT)  # B replaces this document
        return target

    def reference(self, follow_up: str, with_b: bool) -> dict[str, Any]:
        """The store after A, (B), the follow-up, none of them interrupted."""
        key = (follow_up, with_b)
        if key not in self.references:
            self.plan(1)  # its directory holds A + B, built cleanly by one worker
            source = self.work / "plan-1" if with_b else None
            cwd = self._copy(f"ref-{follow_up}-{'b' if with_b else 'nob'}", source)
            self._build(cwd, commands(self.names, 1)[follow_up][-1:], "ref")
            self.references[key] = fingerprint(cwd)
            shutil.rmtree(cwd)
        return self.references[key]

    def plan(self, workers: int) -> Plan:
        """The points a clean B with this many workers passes, from its trace."""
        if workers not in self.plans:
            cwd = self._copy(f"plan-{workers}")
            trace = cwd / "trace"
            argv = commands(self.names, workers)["b"][0]
            status, stderr = run_child(cli(argv), cwd, "plan", env={TRACE_ENV: str(trace)})
            if status != 0:
                raise SystemExit(f"clean build B failed: {stderr}")
            self.plans[workers] = read_trace(trace)
        return self.plans[workers]

    def run(self, crash: Crash, follow_up: str, workers: int, keep: bool) -> Trial:
        self.trial_number += 1
        clock = time.perf_counter()
        trial = Trial(crash, follow_up, workers)
        cwd = self._copy(f"trial-{self.trial_number:03d}")
        steps = commands(self.names, workers)
        trace = cwd / "trace"
        env = {TRACE_ENV: str(trace)}
        if crash.fault:
            env[FAULT_ENV] = crash.fault
        fsize = None
        if crash.kind == "disk":
            fsize = max(p.stat().st_size for p in (cwd / STORE).rglob("*") if p.is_file())
            fsize += crash.room
        watch = None
        if crash.kind == "timed":
            anchor = self.plan(workers).anchor
            watch = lambda process: kill_after(process, trace, anchor, crash.delay)  # noqa: E731
        status, stderr = run_child(
            cli(steps["b"][0]), cwd, "crash", env=env, fsize=fsize, watch=watch
        )
        trial.crashed = Step(steps["b"][0], status, stderr)
        trial.pending = pending_writes(cwd / STORE)
        trial.steps = run_steps(cwd, steps[follow_up], "follow-up")
        trial.problems = self.check(trial, fingerprint(cwd))
        trial.seconds = time.perf_counter() - clock
        if not keep and not trial.problems:
            shutil.rmtree(cwd)
        return trial

    def check(self, trial: Trial, got: dict[str, Any]) -> list[str]:
        problems = [
            f"{' '.join(step.argv[:2])}: traceback"
            for step in [s for s in [trial.crashed, *trial.steps] if s is not None]
            if "Traceback (most recent call last)" in step.stderr
            or "No active transaction" in step.stderr
        ]
        if trial.crashed is not None and trial.crash.kind in SAYS:
            status, words = SAYS[trial.crash.kind]
            said = trial.crashed.stderr
            fits = trial.crash.kind == "disk" and trial.crashed.status == 0  # the write fitted
            if not fits and (trial.crashed.status != status or words not in said):
                problems.append(f"crash exited {trial.crashed.status}, not {status} '{words}'")
        if trial.follow_up == "read":
            want = READ_REFUSED if trial.pending else 0
            if trial.steps[0].status != want:
                problems.append(f"read exited {trial.steps[0].status}, not {want}")
            if trial.steps[1].status != 0:  # the last committed state, also mid-checkpoint
                problems.append(f"--allow-incomplete read exited {trial.steps[1].status}")
        for step in trial.steps[-1:]:
            if step.status != 0:
                problems.append(f"follow-up exited {step.status}: {step.stderr.strip()[-300:]}")
        # Once journaled, B must be there; before, all of B or none of it.
        candidates = [True] if trial.pending else [True, False]
        found = {b: differences(got, self.reference(trial.follow_up, b)) for b in candidates}
        for with_b, different in found.items():
            if not different:
                trial.matched = "with B" if with_b else "without B"
                return problems
        return problems + min(found.values(), key=len)


def kill_after(
    process: multiprocessing.process.BaseProcess, trace: Path, anchor: str, delay: float
) -> None:
    """SIGKILL ``process`` ``delay`` seconds after its trace shows ``anchor``."""
    while process.is_alive():
        text = trace.read_text("utf-8") if trace.exists() else ""
        for line in text.splitlines():
            name, _, moment = line.partition("\t")
            if name == anchor and moment:
                time.sleep(max(0.0, float(moment) + delay - time.monotonic()))
                if process.is_alive() and process.pid is not None:
                    os.kill(process.pid, signal.SIGKILL)
                return
        time.sleep(0.002)


# ----------------------------------------------------------------- report


@dataclass
class Summary:
    trials: list[Trial]
    seconds: float

    @property
    def identical(self) -> list[Trial]:
        return [t for t in self.trials if not t.problems]

    def as_dict(self) -> dict[str, Any]:
        return {
            "tried": len(self.trials),
            "identical": len(self.identical),
            "seconds": round(self.seconds, 1),
            "trials": [
                {
                    "crash": str(t.crash),
                    "kind": t.crash.kind,
                    "workers": t.workers,
                    "follow_up": t.follow_up,
                    "crash_status": t.crashed.status if t.crashed else None,
                    "pending": t.pending,
                    "matched": t.matched,
                    "problems": t.problems,
                    "seconds": round(t.seconds, 1),
                }
                for t in self.trials
            ],
        }

    def lines(self) -> list[str]:
        lost = [t for t in self.identical if t.matched == "without B"]
        timed = [t for t in self.trials if t.crash.kind == "timed"]
        landed = [t for t in timed if t.crashed and t.crashed.status == -signal.SIGKILL]
        lines = [
            f"crash points tried: {len(self.trials)}; stores identical to the clean build: "
            f"{len(self.identical)} ({len(lost)} of them without B: crashed before its "
            f"write was published); {len(landed)} of {len(timed)} timed kills landed before "
            f"the build ended; {self.seconds:.0f} s",
        ]
        for trial in self.trials:
            if trial.problems:
                status = trial.crashed.status if trial.crashed else "?"
                lines.append(
                    f"  DIFFERS: {trial.crash}, {trial.workers} worker(s), follow-up "
                    f"{trial.follow_up} (crash exit {status}, {trial.pending} pending): "
                    + "; ".join(trial.problems)
                )
        return lines


def run_harness(
    *,
    documents: int = 3,
    points: int = 20,
    workers: Sequence[int] = (1,),
    seed: int = 0,
    follow_ups: Sequence[str] = FOLLOW_UPS,
    work: Path | None = None,
    keep: bool = False,
    transaction_bytes: int | None = None,
    progress: Callable[[Trial], None] | None = None,
) -> Summary:
    """Run the trials; this process's package state is changed for its children (run it
    in a process of its own, as ``main`` does)."""
    preload(transaction_bytes)

    clock = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crash-harness-") as temporary:
        root = work or Path(temporary)
        root.mkdir(parents=True, exist_ok=True)
        harness = Harness(root, documents, seed, follow_ups)
        trials = []
        for count in workers:
            crashes = choose_crashes(harness.plan(count), points, harness.rng)
            order = list(harness.follow_ups)
            harness.rng.shuffle(order)
            for number, crash in enumerate(crashes):
                trial = harness.run(crash, order[number % len(order)], count, keep)
                trials.append(trial)
                if progress is not None:
                    progress(trial)
    return Summary(trials, time.perf_counter() - clock)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=3, help="seed articles, split A/B/C")
    parser.add_argument("--points", type=int, default=20, help="crash trials per worker count")
    parser.add_argument("--workers", default="1", help="worker counts, comma-separated: 1,2")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--follow-ups", default=",".join(FOLLOW_UPS))
    parser.add_argument("--work", type=Path, help="keep every trial's directory here")
    parser.add_argument(
        "--transaction-bytes",
        type=int,
        default=TRANSACTION_BYTES,
        help="commit the embedded store every N row bytes, so that B's write spans several "
        f"transactions (default {TRANSACTION_BYTES:,}; 0: the store's own, 64 MB)",
    )
    parser.add_argument("--json", type=Path, help="write every trial's outcome here")
    args = parser.parse_args()

    def show(trial: Trial) -> None:
        verdict = "ok" if not trial.problems else "DIFFERS"
        status = trial.crashed.status if trial.crashed else "?"
        print(
            f"{verdict:7} {trial.crash!s:42} w{trial.workers} {trial.follow_up:6} "
            f"crash exit {status:>4}, pending {trial.pending}, {trial.matched:9} "
            f"{trial.seconds:5.1f} s",
            flush=True,
        )

    summary = run_harness(
        documents=args.documents,
        points=args.points,
        workers=[int(w) for w in args.workers.split(",")],
        seed=args.seed,
        follow_ups=args.follow_ups.split(","),
        work=args.work,
        keep=args.work is not None,
        transaction_bytes=args.transaction_bytes or None,
        progress=show,
    )
    print("\n".join(summary.lines()))
    if args.json:
        args.json.write_text(json.dumps(summary.as_dict(), indent=1), "utf-8")
    sys.exit(0 if len(summary.identical) == len(summary.trials) else 1)


if __name__ == "__main__":
    main()
