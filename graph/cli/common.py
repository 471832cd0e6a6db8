"""Options shared by several commands: where the store is, and opening it.

A read command opens the store read-only, and refuses (exit 3) while a write is pending
in the store's journal: a half-written store must never pass for a complete one (issue
17 item 7). It says which case it is: a writer holds the lock now, or a write was
interrupted and the next ``build`` or ``recover`` completes it. ``--allow-incomplete``
reads the last committed state anyway.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
from pathlib import Path

import networkx as nx

from actorgraph.graph.stores import is_neo4j_uri, open_store
from actorgraph.graph.stores.base import Store, StoreError
from actorgraph.graph.stores.journal import Journal
from actorgraph.graph.stores.lock import StoreBusy, describe_holder, held_by, lock_path

DEFAULT_STORE = "./actorgraph-data"
WRITE_COMMANDS = ("build", "remove", "recover")  # the others only read the store
INCOMPLETE = 3  # exit status of a read refused because a write is pending
DISK_FULL = 4  # exit status of a write stopped by a full disk (the journal keeps it)
INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C
DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
# How LadybugDB reports a full disk: "Cannot write to file. path: <p> ... Error: File too
# large", or, when the page it had just added to its file could not be written, "Cannot
# read from file: <p> ... numBytesRead: 0" (a write's own page read back short: measured
# under a file size limit, never seen otherwise).
DISK_FULL_TEXT = re.compile(
    r"File too large|No space left on device|Disk quota exceeded"
    r"|Cannot read from file: \S+ fileDescriptor: \d+ numBytesRead: 0 "
)
DISK_FULL_PATH = re.compile(r"(?:path|file): (\S+)")


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        default=None,
        help="a directory for the embedded store, or a bolt:// / neo4j:// URI "
        f"(default: $ACTORGRAPH_STORE or {DEFAULT_STORE})",
    )
    if parser.prog.split()[-1] not in WRITE_COMMANDS:
        parser.add_argument(
            "--allow-incomplete",
            action="store_true",
            help="read the last committed state even while a write is pending "
            "(a build running now, or one that was interrupted)",
        )


def store_location(args: argparse.Namespace) -> str:
    from actorgraph.graph.cli import CliError

    if args.store is not None and not args.store.strip():
        raise CliError("--store is empty: give a directory or a bolt:// / neo4j:// URI")
    return args.store or os.environ.get("ACTORGRAPH_STORE") or DEFAULT_STORE


def open_store_from_args(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The store, open; read-only, it is refused while a write is pending (see above)."""
    from actorgraph.graph.cli import CliError

    location = store_location(args)
    journal = None if is_neo4j_uri(location) else Path(location) / "journal"  # embedded
    try:
        store = open_store(location, read_only=read_only)
    except StoreError as exc:
        if journal is not None and read_only:  # e.g. a checkpoint a kill left half-done
            refuse_incomplete(args, location, journal)
        if journal is not None and not read_only and held_by(lock_path(journal)):
            raise CliError(f"{location}: {describe_holder(lock_path(journal))}") from None
        raise CliError(str(exc)) from None
    except OSError as exc:  # a path under a regular file, an unwritable parent, ...
        where = "" if exc.filename in (None, location) else f" ({exc.filename})"
        raise CliError(f"{location}: cannot create the store: {exc.strerror}{where}") from None
    if read_only:
        try:
            refuse_incomplete(args, location, store.journal_dir)
        except CliError:
            store.close()
            raise
    return store


def refuse_incomplete(args: argparse.Namespace, location: str, journal_dir: Path) -> None:
    """Raise (exit 3) if a write to the store is pending, unless --allow-incomplete."""
    from actorgraph.graph.cli import CliError

    journal = Journal(journal_dir)
    pending = journal.pending()
    if not pending or getattr(args, "allow_incomplete", False):
        return
    anyway = "; --allow-incomplete reads the last committed state"
    pid = held_by(lock_path(journal_dir))
    if pid is not None:
        writer = f"a build (PID {pid})" if pid else "a build"
        message = f"{location}: {writer} is writing; retry when it finishes{anyway}"
    else:
        documents = {d for entry in pending for d in _documents(journal, entry)}
        message = (
            f"{location}: an interrupted write of {len(documents)} documents is pending; "
            f"run `actorgraph build` (or `actorgraph recover`) to complete it{anyway}"
        )
    raise CliError(message, status=INCOMPLETE)


def _documents(journal: Journal, entry: Path) -> list[str]:
    try:
        return list(journal.header(entry).get("documents") or ())
    except (OSError, ValueError):  # removed by a writer meanwhile, or being written
        return []


def disk_full(exc: BaseException) -> str | None:
    """The path a full disk stopped a write to ("" if unknown), or None if it was not that:
    an OSError (ENOSPC, EFBIG past RLIMIT_FSIZE, EDQUOT) or LadybugDB's message for one."""
    if isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS:
        return str(exc.filename or "")
    if isinstance(exc, StoreError | RuntimeError) and DISK_FULL_TEXT.search(str(exc)):
        found = DISK_FULL_PATH.search(str(exc))
        return found[1] if found else ""
    return None


def read_graph_from_args(args: argparse.Namespace) -> nx.MultiDiGraph:
    """The whole stored graph, read-only, for the commands that count and rank it in memory
    (stats, eval, curate list): its links cite their sentences by id, the text stays stored."""
    from actorgraph.graph.cli import CliError

    store = open_store_from_args(args, read_only=True)
    try:
        return store.read_graph(evidence_text=False)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()


def write_failed(store: Store, exc: BaseException) -> BaseException:
    """What a write stopped by ``exc`` raises (issue 17 item 10): Ctrl-C during the write
    (exit 130) and a full disk (exit 4) by name, with what completes the write; Ctrl-C
    outside it as itself; another store error as the store says it."""
    from actorgraph.graph.cli import CliError

    journaled = bool(Journal(store.journal_dir).pending())
    if isinstance(exc, KeyboardInterrupt):
        if not journaled:  # before the write, or after it: the plain "interrupted" (main)
            return exc
        return CliError(
            f"interrupted while writing {store.location}; the write is journaled and the "
            "next build completes it",
            status=INTERRUPTED,
        )
    path = disk_full(exc)
    if path is not None:
        fix = "run `actorgraph build` (or `actorgraph recover`)" if journaled else "run it again"
        return CliError(
            f"disk full writing {path or store.location}; free space and {fix}"
            + ("; the write is journaled" if journaled else ""),
            status=DISK_FULL,
        )
    if isinstance(exc, StoreBusy):
        return CliError(str(exc))
    return CliError(f"{store.location}: the write failed: {exc}")
