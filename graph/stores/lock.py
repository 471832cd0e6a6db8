"""The writer lock of a store: one writer at a time, and readers can tell a write is running.

An exclusive ``flock`` on ``<store>/.lock`` (beside the journal), held by every command that
writes (build, remove, recover) from before it replays the journal until it has written.
The kernel drops it when the holder dies, even by SIGKILL, so a crash never leaves a
stale lock; the file keeps the holder's PID and start time for the messages.
A reader asks ``held_by`` to tell "a build is writing now" from "a write was interrupted".
"""

from __future__ import annotations

import fcntl
import functools
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

from actorgraph.graph.stores.base import Store, StoreError

LOCK_FILE = ".lock"  # hidden: a build of the directory holding the store skips it
# A reader's probe (``held_by``) holds a shared lock for microseconds: a writer that
# meets one retries for this long before it reports the lock as taken.
PROBE_GRACE_SECONDS = 0.5


P = ParamSpec("P")
R = TypeVar("R")


class StoreBusy(StoreError):
    """Another process holds the store's writer lock."""


def lock_path(journal_dir: Path) -> Path:
    """Where the writer lock of the store with this journal lives."""
    return Path(journal_dir).parent / LOCK_FILE


class WriterLock:
    """``with WriterLock(path):`` holds the store's writer lock, or raises StoreError."""

    def __init__(self, path: Path, *, store: str | None = None):
        self.path = Path(path)
        self.store = store or str(self.path.parent)
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + PROBE_GRACE_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.02)
                    continue
                os.close(fd)
                raise StoreBusy(f"{self.store}: {describe_holder(self.path)}") from None
        started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {started}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock; the file stays, for the next writer
            self._fd = None

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def holds_writer_lock(
    write: Callable[Concatenate[Any, Store, P], R],
) -> Callable[Concatenate[Any, Store, P], R]:
    """``write(inputs, store, ...)`` run holding ``store``'s writer lock, from its replay of
    the journal to its own commit (pipeline.build and pipeline.remove)."""

    @functools.wraps(write)
    def locked(inputs: Any, store: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with WriterLock(lock_path(store.journal_dir), store=store.location):
            return write(inputs, store, *args, **kwargs)

    return locked


def held_by(path: Path) -> int | None:
    """The PID of the process holding the writer lock at ``path`` (0 in the instant before
    it has written it), or None when the lock is free.

    Probes with a shared lock released at once, so a reader never blocks a writer for
    longer than the writer's retry grace."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # no such file (never written), a parent that is a file, no permission
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _recorded(path)[0]
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _recorded(path: Path) -> tuple[int, str]:
    """The PID and start time the holder wrote (0 and "" if it has not yet)."""
    try:
        pid, _, started = path.read_text("utf-8").strip().partition(" ")
        return int(pid), started
    except (OSError, ValueError):
        return 0, ""


def describe_holder(path: Path) -> str:
    """Who holds the lock at ``path``, as a second writer is told."""
    pid, started = _recorded(path)
    if not pid:
        return "store is being written by another process"
    return f"store is being written by PID {pid}" + (f" (started {started})" if started else "")
