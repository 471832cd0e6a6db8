"""The writer lock: a second writer is refused with the holder's PID, readers can see it, and a
killed writer leaves no stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.graph.stores.base import StoreError
from actorgraph.graph.stores.lock import LOCK_FILE, WriterLock, held_by, lock_path

HOLDER = """
import sys, time
from pathlib import Path
from actorgraph.graph.stores.lock import WriterLock
with WriterLock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """Another process holding the lock of ``tmp_path/store``, until the test ends."""
    path = tmp_path / "store" / "LOCK"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "held\n"
    yield child, path
    child.kill()
    child.wait()


def test_lock_second_writer_is_refused_with_the_holder(
    holder: tuple[subprocess.Popen[str], Path],
) -> None:
    child, path = holder
    with pytest.raises(StoreError) as refused:
        WriterLock(path).acquire()
    message = str(refused.value)
    assert f"store is being written by PID {child.pid} (started 20" in message
    assert message.startswith(f"{path.parent}: ")


def test_lock_held_by_names_the_writer_without_blocking_it(
    holder: tuple[subprocess.Popen[str], Path],
) -> None:
    child, path = holder
    assert held_by(path) == child.pid
    assert held_by(path) == child.pid  # probing twice took nothing


def test_lock_killed_writer_leaves_it_free(holder: tuple[subprocess.Popen[str], Path]) -> None:
    child, path = holder
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert held_by(path) is None
    with WriterLock(path):
        assert held_by(path) == os.getpid()
        assert path.read_text().startswith(f"{os.getpid()} ")
    assert held_by(path) is None


def test_lock_is_free_where_no_writer_ever_was(tmp_path: Path) -> None:
    assert held_by(tmp_path / "LOCK") is None
    assert not (tmp_path / "LOCK").exists()  # asking creates nothing


def test_lock_released_lets_the_next_writer_in(tmp_path: Path) -> None:
    path = tmp_path / "s" / "LOCK"
    first = WriterLock(path)
    first.acquire()
    with pytest.raises(StoreError, match=f"PID {os.getpid()}"):
        WriterLock(path).acquire()  # another open file: flock refuses it in-process too
    first.release()
    with WriterLock(path):
        pass


@pytest.mark.parametrize("journal", ["store/journal", "/abs/store/journal"])
def test_lock_path_is_beside_the_journal(journal: str) -> None:
    assert lock_path(Path(journal)) == Path(journal).parent / LOCK_FILE


def test_lock_is_free_under_a_path_that_is_no_store(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    assert held_by(tmp_path / "file" / "LOCK") is None
