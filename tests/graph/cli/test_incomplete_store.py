"""Read commands never pass a half-written store off as complete (issue 17 item 7): while a
write is pending they refuse with exit 3 and say which case it is; --allow-incomplete reads
the last committed state; `recover` (or the next build) completes the write."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import ladybug
import pytest
import spacy

from actorgraph.graph.cli import main
from actorgraph.graph.cli.common import INCOMPLETE
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL
from actorgraph.graph.faults import FAULT_ENV, TRACE_ENV
from actorgraph.graph.stores.journal import Journal
from actorgraph.graph.stores.ladybug import DATABASE_FILE, RECOVERY_PENDING
from actorgraph.graph.stores.lock import lock_path

SEED = Path(__file__).resolve().parents[3] / "seeds" / "002_17305e8ac4772ffc.txt"
B_TEXT = (
    "Hong Kong Watch and the Uyghur Tribunal\n\n"
    "Benedict Rogers, co-founder of Hong Kong Watch, met Geoffrey Nice in London.\n\n"
    "Geoffrey Nice chaired the Uyghur Tribunal, which heard evidence about Xinjiang.\n"
)
C_TEXT = "Sanctions on Xinjiang\n\nThe United Kingdom sanctioned officials in Xinjiang.\n"
# Every read command, with what it needs besides --store.
READS = [
    ["stats"],
    ["export", "{tmp}/graph.json"],
    ["view", "-o", "{tmp}/view"],
    ["query", "top-actors"],
    ["cypher", "MATCH (n) RETURN count(n)"],
    ["search", "Uyghur"],
    ["document", "doc:"],
    ["schema"],
]
HOLDER = """
import sys, time
from pathlib import Path
from actorgraph.graph.stores.lock import WriterLock
with WriterLock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


def cli(*args: str) -> list[str]:
    start = "import sys; from actorgraph.graph.cli import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", start, *args]


def one_document_store(factory: pytest.TempPathFactory, name: str) -> tuple[Path, Path]:
    """A folder holding a.txt (a seed article) and b.txt, and a store built from a.txt."""
    if not spacy.util.is_package(DEFAULT_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_MODEL} is not installed")
    root = factory.mktemp(name)
    shutil.copy(SEED, root / "a.txt")
    (root / "b.txt").write_text(B_TEXT, "utf-8")
    store = root / "store"
    assert main(["build", str(root / "a.txt"), "--store", str(store), "--quiet"]) == 0
    return root, store


@pytest.fixture(scope="module")
def interrupted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of one document, and a second one's build killed (SIGKILL) right before its
    first commit: the journal holds the write, the database the first document only."""
    root, store = one_document_store(tmp_path_factory, "incomplete")
    killed = subprocess.run(
        cli("build", str(root / "b.txt"), "--store", str(store), "--quiet"),
        env={"PATH": "/usr/bin:/bin", FAULT_ENV: "ladybug.commit:before:1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    assert len(Journal(store / "journal").pending()) == 1
    return store


@pytest.fixture
def store(interrupted: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(interrupted, copy)
    return copy


def read(argv: list[str], store: Path, tmp_path: Path, *extra: str) -> list[str]:
    return [a.format(tmp=tmp_path) for a in argv] + ["--store", str(store), *extra]


@pytest.mark.parametrize("argv", READS, ids=lambda argv: argv[0])
def test_incomplete_store_read_refused_after_a_crash(
    argv: list[str], store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(read(argv, store, tmp_path)) == INCOMPLETE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == (
        f"actorgraph {argv[0]}: error: {store}: an interrupted write of 1 documents is "
        "pending; run `actorgraph build` (or `actorgraph recover`) to complete it; "
        "--allow-incomplete reads the last committed state"
    )
    assert not (tmp_path / "graph.json").exists()


@pytest.fixture
def writer(store: Path) -> Iterator[int]:
    """Another process holding the store's writer lock, as a running build does."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path(store / "journal"))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield holder.pid
    holder.kill()
    holder.wait()


@pytest.mark.parametrize("argv", READS[:2], ids=lambda argv: argv[0])
def test_incomplete_store_read_refused_while_a_build_writes(
    argv: list[str],
    store: Path,
    writer: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(read(argv, store, tmp_path)) == INCOMPLETE
    assert capsys.readouterr().err.strip() == (
        f"actorgraph {argv[0]}: error: {store}: a build (PID {writer}) is writing; retry when "
        "it finishes; --allow-incomplete reads the last committed state"
    )


def documents(store: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> int:
    capsys.readouterr()
    assert main(["stats", "--store", str(store), "--json", *extra]) == 0
    return int(json.loads(capsys.readouterr().out)["documents"]["Document"])


def test_incomplete_store_allow_incomplete_reads_the_last_commit(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert documents(store, capsys, "--allow-incomplete") == 1
    assert len(Journal(store / "journal").pending()) == 1  # reading completed nothing


@pytest.mark.parametrize(
    ("command", "held"),
    [(["recover"], 2), (["build", "{tmp}/c.txt", "--quiet"], 3)],
    ids=["recover", "build-other-input"],
)
def test_incomplete_store_next_writer_completes_the_write(
    command: list[str],
    held: int,
    store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "c.txt").write_text(C_TEXT, "utf-8")
    assert main(read(command, store, tmp_path)) == 0
    assert Journal(store / "journal").pending() == []
    assert documents(store, capsys) == held


def test_incomplete_store_recover_says_when_there_is_nothing_to_do(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["recover", "--store", str(store)]) == 0
    assert "completed an interrupted write of 1 documents" in capsys.readouterr().out
    assert main(["recover", "--store", str(store)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"{store}: no interrupted write; the store is complete"
    )


@pytest.mark.parametrize(
    "command",
    [["build", "{tmp}/c.txt", "--quiet"], ["remove", "doc:"], ["recover"]],
    ids=lambda command: command[0],
)
def test_incomplete_store_second_writer_is_told_who_writes(
    command: list[str],
    store: Path,
    writer: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "c.txt").write_text(C_TEXT, "utf-8")
    assert main(read(command, store, tmp_path)) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(
        f"actorgraph {command[0]}: error: {store}: store is being written by PID {writer} "
        "(started 20"
    ), err
    assert len(Journal(store / "journal").pending()) == 1  # nobody replayed it meanwhile


def recovery_pending(store: Path) -> bool:
    """LadybugDB refuses to open it read-only: a checkpoint was cut and must be redone."""
    try:
        ladybug.Database(str(store / DATABASE_FILE), read_only=True).close()
    except RuntimeError as exc:
        return RECOVERY_PENDING in str(exc)
    return False


@pytest.fixture(scope="module")
def cut_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose build was SIGKILLed inside its first checkpoint (native code no fault
    point reaches: timed from the trace of the point before it, a few delays tried)."""
    root, base = one_document_store(tmp_path_factory, "checkpoint")
    for attempt, delay in enumerate((0.01, 0.03, 0.0, 0.06, 0.02, 0.1)):
        store, trace = root / f"store-{attempt}", root / f"trace-{attempt}"
        shutil.copytree(base, store)
        env = {"PATH": "/usr/bin:/bin", TRACE_ENV: str(trace)}
        build = cli("build", str(root / "b.txt"), "--store", str(store), "--quiet")
        process = subprocess.Popen(build, env=env, stderr=subprocess.DEVNULL)
        while process.poll() is None:
            if trace.exists() and "ladybug.commit:after" in trace.read_text():
                time.sleep(delay)
                process.kill()
                break
            time.sleep(0.002)
        process.wait(timeout=300)
        if process.returncode == -9 and recovery_pending(store):
            return store
    pytest.skip("no kill landed inside a checkpoint in 6 tries (timing on a loaded machine)")


def test_incomplete_store_allow_incomplete_reads_a_store_killed_in_its_checkpoint(
    cut_checkpoint: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reader reads a recovered copy: the committed state, and the store's own files
    are left for the next writer, who completes the build."""
    store = tmp_path / "store"
    shutil.copytree(cut_checkpoint, store)
    files = sorted(p.name for p in store.iterdir())
    assert main(["stats", "--store", str(store)]) == INCOMPLETE
    assert 1 <= documents(store, capsys, "--allow-incomplete") <= 2
    assert sorted(p.name for p in store.iterdir()) == files
    assert recovery_pending(store)
    assert main(["recover", "--store", str(store)]) == 0
    assert "completed an interrupted write of 1 documents" in capsys.readouterr().out
    assert documents(store, capsys) == 2
