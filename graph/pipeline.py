"""The build: files -> Documents -> Extractions -> graph -> store, streaming.

Documents flow through the language model in batches and are folded into the graph
one at a time, so memory holds the graph (entities and aggregated links), never the
parsed corpus. The store is read first: a document whose content hash it already
holds is skipped before parsing, a changed one replaces its previous version, and only
the difference is written. A large input is parsed in worker processes, each with its
own pipeline, while this process builds the graph; a small one is parsed here.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from multiprocessing.pool import AsyncResult
from pathlib import Path

import networkx as nx

from actorgraph.graph.extraction.mentions import DEFAULT_MODEL, Extractor, extraction_of
from actorgraph.graph.model import DOCUMENT, GraphBuilder
from actorgraph.graph.progress import Progress
from actorgraph.graph.records import Extraction
from actorgraph.graph.stores.base import Store
from actorgraph.graph.stores.rows import diff_graphs
from actorgraph.loaders.document import Document, LoadError
from actorgraph.loaders.registry import iter_files, load_paths

DEFAULT_BATCH_SIZE = 64


AUTO_PARALLEL_BYTES = 2_000_000  # below this, starting worker pipelines costs more than it saves


def default_workers(input_bytes: int) -> int:
    """One worker process per core for a large input; parse in-process for a small one."""
    if input_bytes < AUTO_PARALLEL_BYTES:
        return 1
    return max(1, multiprocessing.cpu_count() or 1)


@dataclass(slots=True)
class DocumentFailure:
    """A document that loaded but could not be extracted."""

    document: str  # its source and title, for the report
    reason: str

    def __str__(self) -> str:
        return f"{self.document}: {self.reason}"


@dataclass(slots=True)
class BuildReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    tokens: int = 0
    skipped: list[LoadError | DocumentFailure] = field(default_factory=list)
    rows_written: int = 0
    workers: int = 1
    restarted: bool = False  # the store held an interrupted write; its documents were redone
    seconds: dict[str, float] = field(default_factory=dict)
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)


def build(
    paths: Iterable[str | Path],
    store: Store,
    *,
    model: str = DEFAULT_MODEL,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    loader: str | None = None,
    write_batch_size: int = 5000,
    progress: Progress | None = None,
    extractor: Extractor | None = None,
) -> BuildReport:
    """Build ``paths`` into ``store``; bad files and documents are reported, never fatal."""
    report = BuildReport()
    paths = list(paths)
    clock = time.perf_counter()
    before = store.read_graph()
    report.restarted = not store.is_complete()
    builder = GraphBuilder(before)
    report.seconds["read store"] = time.perf_counter() - clock

    input_bytes = sum(_size(p) for p in iter_files(paths))
    if progress is not None:
        progress.start(input_bytes)
    fresh: Iterable[Document] = _new_documents(
        load_paths(paths, loader=loader), builder, report, progress, redo=report.restarted
    )
    # Sized by what is new, not by the input: adding ten articles to a large archive
    # must not start a worker pool (each loads its own pipeline) for them.
    ahead, fresh_bytes = _read_ahead(fresh, AUTO_PARALLEL_BYTES)
    fresh = chain(ahead, fresh)
    if workers is None:
        workers = default_workers(fresh_bytes)
    report.workers = workers
    # A large input is parsed in worker processes even with one worker: parsed here, the
    # model's memory grows along with the graph's (peak 1.36x from 1,000 to 5,000
    # documents), while a worker's stays flat (1,352 -> 1,357 MB).
    small = fresh_bytes < AUTO_PARALLEL_BYTES
    processes = 0 if extractor is not None or (workers <= 1 and small) else workers
    clock = time.perf_counter()
    for item in extract_all(fresh, model, processes, batch_size, extractor):
        if isinstance(item, DocumentFailure):
            report.skipped.append(item)
            continue
        replaced = builder.has_key(item.document.key)
        if builder.add(item):
            report.replaced += replaced
            report.added += not replaced
            report.tokens += item.tokens
        if progress is not None:
            progress.advance(len(item.document.text.encode("utf-8")))
    if progress is not None:
        progress.finish()
    report.seconds["extract"] = time.perf_counter() - clock

    clock = time.perf_counter()
    after = builder.finish()
    diff = diff_graphs(before, after)
    report.seconds["graph"] = time.perf_counter() - clock
    clock = time.perf_counter()
    report.rows_written = store.apply(diff, batch_size=write_batch_size)
    report.seconds["write"] = time.perf_counter() - clock
    report.graph = after
    return report


def _new_documents(
    items: Iterable[Document | LoadError],
    builder: GraphBuilder,
    report: BuildReport,
    progress: Progress | None,
    *,
    redo: bool = False,
) -> Iterator[Document]:
    """Documents the store does not hold yet; errors and unchanged ones are counted.

    With ``redo`` (the last write was interrupted, so a stored document may lack some
    of its links) held documents are taken back and parsed again; the diff then writes
    only what is missing.
    """
    seen: set[str] = set()
    for item in items:
        if isinstance(item, LoadError):
            report.skipped.append(item)
            continue
        if redo and builder.has_document(item) and item.id not in seen:
            builder.remove_document(item.id)
        if builder.has_document(item) or item.id in seen:
            report.unchanged += 1
            if progress is not None:
                progress.advance(len(item.text.encode("utf-8")))
            continue
        seen.add(item.id)
        yield item


def extract_all(
    documents: Iterable[Document],
    model: str,
    processes: int,
    batch_size: int,
    extractor: Extractor | None = None,
) -> Iterator[Extraction | DocumentFailure]:
    """Extractions in document order, in this process (``processes`` 0) or in worker
    processes, each with its own pipeline."""
    if processes < 1:
        yield from extract_batch_stream(extractor or Extractor(model), documents, batch_size)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_init_worker, initargs=(model, batch_size)) as pool:
        # Bounded read-ahead (``Pool.imap`` would queue the whole input at once): memory
        # holds a few batches of text per worker, however large the corpus.
        pending: deque[AsyncResult[list[Extraction | DocumentFailure]]] = deque()
        for chunk in _chunks(documents, batch_size):
            pending.append(pool.apply_async(_extract_chunk, (chunk,)))
            if len(pending) >= 2 * processes:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def extract_batch_stream(
    extractor: Extractor, documents: Iterable[Document], batch_size: int
) -> Iterator[Extraction | DocumentFailure]:
    """Parse with ``nlp.pipe``; a document whose extraction fails is reported, not fatal."""
    pending: deque[Document] = deque()

    def texts() -> Iterator[str]:
        for document in documents:
            pending.append(document)
            yield document.text

    for doc in extractor.nlp.pipe(texts(), batch_size=batch_size):
        document = pending.popleft()
        try:
            yield extraction_of(document, doc, extractor.lexicon)
        except Exception as exc:  # one broken document never stops the rest
            yield DocumentFailure(f"{document.source}: {document.title!r}", repr(exc))


_worker_extractor: Extractor | None = None
_worker_batch_size = DEFAULT_BATCH_SIZE


def _init_worker(model: str, batch_size: int) -> None:
    global _worker_extractor, _worker_batch_size
    _worker_extractor = Extractor(model)
    _worker_batch_size = batch_size


def _extract_chunk(documents: list[Document]) -> list[Extraction | DocumentFailure]:
    assert _worker_extractor is not None
    return list(extract_batch_stream(_worker_extractor, documents, _worker_batch_size))


def _read_ahead(documents: Iterable[Document], limit: int) -> tuple[list[Document], int]:
    """Documents from the front of ``documents`` until their text reaches ``limit`` bytes."""
    ahead: list[Document] = []
    total = 0
    iterator = iter(documents)
    while total < limit and (document := next(iterator, None)) is not None:
        ahead.append(document)
        total += len(document.text.encode("utf-8"))
    return ahead, total


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def summary_counts(graph: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Documents, entities per type and links per type: what a build reports."""
    nodes: dict[str, int] = {}
    for _, attrs in graph.nodes(data=True):
        nodes[attrs["label"]] = nodes.get(attrs["label"], 0) + 1
    links: dict[str, int] = {}
    for _, _, key in graph.edges(keys=True):
        links[key] = links.get(key, 0) + 1
    return {
        "documents": {DOCUMENT: nodes.pop(DOCUMENT, 0)},
        "entities": dict(sorted(nodes.items())),
        "links": dict(sorted(links.items())),
    }
