"""Crash recovery (issue 17 items 5 and 10): a build stopped at any instant (SIGKILL at a
fault point or a random instant, Ctrl-C, a full disk), then any next command, leaves the
store identical to a build that was never stopped; Ctrl-C and a full disk say so."""

from __future__ import annotations

import json
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from actorgraph.graph.cli import main
from actorgraph.graph.cli.common import DISK_FULL, INTERRUPTED
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL
from actorgraph.graph.faults import FAULT_ENV
from actorgraph.graph.stores.journal import Journal

REPO = Path(__file__).resolve().parents[2]
HARNESS = REPO / "benchmarks" / "crash_harness.py"
SEED = REPO / "seeds" / "002_17305e8ac4772ffc.txt"
B_TEXT = (
    "Hong Kong Watch and the Uyghur Tribunal\n\n"
    "Benedict Rogers, co-founder of Hong Kong Watch, met Geoffrey Nice in London.\n\n"
    "Geoffrey Nice chaired the Uyghur Tribunal, which heard evidence about Xinjiang.\n"
)
C_TEXT = "Sanctions on Xinjiang\n\nThe United Kingdom sanctioned officials in Xinjiang.\n"

pytestmark = pytest.mark.skipif(
    not spacy.util.is_package(DEFAULT_MODEL), reason=f"spaCy model {DEFAULT_MODEL} is not installed"
)


@pytest.mark.slow
def test_crash_recovery_every_trial_converges_to_the_clean_build(tmp_path: Path) -> None:
    """20 crashes of a build of 3 seed documents (one worker, B written in several
    transactions), each followed by the same input, another input, a read then another
    input, or a remove: the harness, as documented, in a process of its own."""
    report = tmp_path / "report.json"
    run = subprocess.run(
        [sys.executable, str(HARNESS), "--documents", "3", "--points", "20", "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads(report.read_text("utf-8"))
    trials = summary["trials"]
    assert summary["tried"] == len(trials) >= 18 and summary["identical"] == len(trials)
    assert {t["kind"] for t in trials} == {"point", "interrupt", "timed", "disk"}
    assert {t["follow_up"] for t in trials} == {"same", "other", "read", "remove"}
    later = r"point at ladybug\.commit:(before|after):[2-9]"  # between B's transactions
    assert any(re.fullmatch(later, t["crash"]) for t in trials)
    journaled = [t for t in trials if t["pending"]]
    assert journaled and all(t["matched"] == "with B" for t in journaled)
    assert any(t["matched"] == "without B" for t in trials)  # stopped before the journal


def cli(*args: str) -> list[str]:
    start = "import sys; from actorgraph.graph.cli import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", start, *args]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with a store of one document (a.txt) and two more to build (b, c)."""
    root = tmp_path_factory.mktemp("base")
    shutil.copy(SEED, root / "a.txt")
    (root / "b.txt").write_text(B_TEXT, "utf-8")
    (root / "c.txt").write_text(C_TEXT, "utf-8")
    assert main(["build", str(root / "a.txt"), "--store", str(root / "store"), "--quiet"]) == 0
    return root


@pytest.fixture
def work(base: Path, tmp_path: Path) -> Path:
    shutil.copytree(base, tmp_path / "w")
    return tmp_path / "w"


def build_b(
    work: Path, *, fault: str = "", fsize: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limit() -> None:  # a full disk, without privileges: writes past fsize fail (EFBIG)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C works even if pytest ignores it
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        cli("build", str(work / "b.txt"), "--store", str(work / "store"), "--quiet"),
        env={"PATH": "/usr/bin:/bin", **({FAULT_ENV: fault} if fault else {})},
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def documents_after_next_build(work: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """Build another input (c.txt) and count the stored documents."""
    assert main(["build", str(work / "c.txt"), "--store", str(work / "store"), "--quiet"]) == 0
    assert Journal(work / "store" / "journal").pending() == []
    capsys.readouterr()
    assert main(["stats", "--store", str(work / "store"), "--json"]) == 0
    return int(json.loads(capsys.readouterr().out)["documents"]["Document"])


@pytest.mark.parametrize(
    "fault",
    ["journal.published:1:int", "ladybug.commit:before:1:int", "search.commit:before:1:int"],
)
def test_crash_recovery_ctrl_c_during_the_write_is_named_and_completed(
    fault: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stopped = build_b(work, fault=fault)
    assert stopped.returncode == INTERRUPTED
    assert stopped.stderr.splitlines() == [
        f"actorgraph build: error: interrupted while writing {work / 'store'}; the write is "
        "journaled and the next build completes it"
    ]
    assert documents_after_next_build(work, capsys) == 3  # a, the interrupted b, and c


def test_crash_recovery_ctrl_c_before_the_write_leaves_the_last_state(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stopped = build_b(work, fault="extract.document:1:int")
    assert (stopped.returncode, stopped.stderr) == (INTERRUPTED, "interrupted\n")
    assert documents_after_next_build(work, capsys) == 2  # b was never written


@pytest.mark.parametrize("room", [64 << 10, 2 << 20])
def test_crash_recovery_full_disk_is_named_and_completed(
    room: int, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = work / "store"
    largest = max(p.stat().st_size for p in store.rglob("*") if p.is_file())
    stopped = build_b(work, fsize=largest + room)
    assert stopped.returncode == DISK_FULL, stopped.stderr
    [line] = stopped.stderr.splitlines()
    assert line.startswith(f"actorgraph build: error: disk full writing {store}/")
    assert line.endswith(
        "; free space and run `actorgraph build` (or `actorgraph recover`); the write is journaled"
    )
    assert documents_after_next_build(work, capsys) == 3
