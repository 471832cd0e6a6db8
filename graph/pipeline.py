"""The build: files -> Documents -> Extractions -> graph -> store, streaming.

Documents flow through the language model in batches and are folded into the graph
one at a time, so memory holds the graph (entities and aggregated links), never the
parsed corpus. The store is read first: a document whose content hash it already
holds is skipped before parsing, a changed one replaces its previous version, and only
the difference is written (graph.stores.delta), journaled first so that a write cut
short is completed by whatever command writes next. A large input is parsed in worker
processes, each with its own pipeline, while this process builds the graph; a small one
is parsed here. A
document too long for one parse goes through in sections (``graph.sections``); a stored
document whose source file is gone (``graph.sources``) is reported, removed with ``prune``.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TypeVar

import networkx as nx
from spacy.language import Language
from spacy.tokens import Doc

from actorgraph.graph.curation.apply import apply_curation
from actorgraph.graph.curation.judgements import Curation, CurationError, Judgement
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL, Extractor, extraction_of
from actorgraph.graph.extraction.resolution import Resolver
from actorgraph.graph.faults import point
from actorgraph.graph.model import DOCUMENT, GraphBuilder
from actorgraph.graph.progress import Progress
from actorgraph.graph.records import Extraction
from actorgraph.graph.sections import join_sections, section_document, section_limit, section_spans
from actorgraph.graph.sources import GoneDocument, SourceWalk
from actorgraph.graph.stores.base import Store
from actorgraph.graph.stores.delta import commit, plan_delta, recover, retract_aliases
from actorgraph.graph.stores.lock import holds_writer_lock
from actorgraph.graph.stores.rows import StoredGraph
from actorgraph.loaders.document import Document, LoadError
from actorgraph.loaders.registry import iter_files, load_paths

DEFAULT_BATCH_SIZE = 64
# Text per spaCy batch and per chunk sent to a worker, whatever the number of documents:
# it bounds the parsed Docs held at once. Measured with the default model, a batch holds
# ~250 MB per 100,000 characters however they are divided (one text or five), so this
# keeps a batch of long sections near a batch of 64 seed-sized articles (~0.5 MB).
BATCH_CHARS = 500_000
T = TypeVar("T")


AUTO_PARALLEL_BYTES = 2_000_000  # below this, starting worker pipelines costs more than it saves


def default_workers(input_bytes: int) -> int:
    """One worker process per core for a large input; parse in-process for a small one."""
    if input_bytes < AUTO_PARALLEL_BYTES:
        return 1
    return max(1, multiprocessing.cpu_count() or 1)


@dataclass(slots=True)
class DocumentFailure:
    """A document, or one section of a long one, that loaded but could not be extracted."""

    document: str  # its source and title, for the report
    reason: str
    span: tuple[int, int] | None = None  # the failed section's offsets; None: the document

    def __str__(self) -> str:
        where = f" (characters {self.span[0]}-{self.span[1]})" if self.span else ""
        return f"{self.document}{where}: {self.reason}"


@dataclass(slots=True)
class BuildReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    tokens: int = 0
    skipped: list[LoadError | DocumentFailure] = field(default_factory=list)
    failed_sections: list[DocumentFailure] = field(default_factory=list)  # the rest was built
    moved: int = 0  # unchanged documents found at a new path
    gone: list[GoneDocument] = field(default_factory=list)
    pruned: bool = False  # the gone documents were removed
    crowded_sentences: int = 0  # sentences too long or too full to add co-mentions
    rows_written: int = 0
    workers: int = 1
    recovered: list[str] = field(default_factory=list)  # documents of interrupted writes completed
    seconds: dict[str, float] = field(default_factory=dict)
    stale: list[tuple[int, Judgement]] = field(default_factory=list)  # matched nothing
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # summary_counts


@holds_writer_lock
def build(
    paths: Iterable[str | Path],
    store: Store,
    *,
    model: str = DEFAULT_MODEL,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    loader: str | None = None,
    year: int | None = None,
    write_batch_size: int = 5000,
    progress: Progress | None = None,
    extractor: Extractor | None = None,
    prune: bool = False,
    curation: Curation | None = None,
) -> BuildReport:
    """Build ``paths`` into ``store``; bad files and documents are reported, never fatal.

    With ``prune``, stored documents whose source the inputs cover but no longer hold
    (deleted, moved, renamed, or gone from a collection file) are removed; without it
    they are only listed in ``report.gone``.

    With a curation file (even one whose judgements were all undone), the graph is
    rebuilt from every document under ``paths`` (the stored graph is already curated, so
    a changed or undone judgement needs the uncurated one) and the judgements applied to
    it; only the difference from the store is written: an unchanged curation writes none.
    """
    report = BuildReport()
    paths = list(paths)
    clock = time.perf_counter()
    report.recovered = recover(store)
    before = store.read_graph(evidence_text=False)
    stored = StoredGraph.of(before)
    curating = curation is not None and curation.present
    resolver = Resolver(separations=curation.separations()) if curation is not None else None
    builder = GraphBuilder(None if curating else before, resolver, in_place=True)
    report.seconds["read store"] = time.perf_counter() - clock

    files = list(iter_files(paths))
    if progress is not None:
        progress.start(sum(_size(p) for p in files))
    walk = SourceWalk(paths, files)
    fresh: Iterable[Document] = _new_documents(
        walk.record(load_paths(paths, loader=loader, year=year)),
        builder,
        report,
        progress,
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
    try:
        for item in extract_all(fresh, model, processes, batch_size, extractor):
            point("extract.document")
            if isinstance(item, DocumentFailure):
                (report.failed_sections if item.span else report.skipped).append(item)
                continue
            replaced = builder.has_key(item.document.key)
            if builder.add(item):
                if curating and item.document.id in stored:
                    report.unchanged += 1  # parsed again only to apply the curation afresh
                else:
                    report.replaced += replaced
                    report.added += not replaced
                report.tokens += item.tokens
            if progress is not None:
                progress.advance(len(item.document.text.encode("utf-8")))
    finally:  # also on Ctrl-C: the progress line ends before "interrupted" is printed
        if progress is not None:
            progress.finish()
    if curating and not prune:
        _refuse_curated_loss(stored, builder)
    report.crowded_sentences = builder.crowded_sentences
    report.moved = walk.follow_moves(builder)
    report.gone = walk.gone(builder)
    if prune:
        for document in report.gone:
            builder.remove_document(document.id)
        report.pruned = bool(report.gone)
    report.seconds["extract"] = time.perf_counter() - clock

    clock = time.perf_counter()
    after = builder.finish(
        (lambda graph: report.stale.extend(apply_curation(graph, curation)))
        if curation is not None
        else None
    )
    retract_aliases(store, after, removed_documents(stored, after), builder.texts)
    diff = plan_delta(store, stored, after, builder.texts)
    report.counts = summary_counts(after)
    report.seconds["graph"] = time.perf_counter() - clock
    # The write needs the diff alone. The graph, most of an archive's memory in this
    # process, goes before the store's own memory grows in the write: peak memory is then
    # the larger of the two, not their sum (adding 10 documents to 5,000: 1,740 -> 1,370
    # MB). A networkx graph is in a reference cycle (its cached views), so only the
    # collector frees it.
    del before, after, builder, resolver, stored
    gc.collect()
    clock = time.perf_counter()
    report.rows_written = commit(store, diff, batch_size=write_batch_size)
    report.seconds["write"] = time.perf_counter() - clock
    return report


@dataclass(slots=True)
class RemoveReport:
    removed: list[tuple[str, str]] = field(default_factory=list)  # (id, source)
    unmatched: list[str] = field(default_factory=list)  # targets that name no document
    rows_written: int = 0


@holds_writer_lock
def remove(targets: Iterable[str], store: Store) -> RemoveReport:
    """Take documents out of the store, with exactly what they added. A target is a
    document id, a unique id prefix, or a source path (a collection file names all the
    documents it holds)."""
    report = RemoveReport()
    recover(store)
    before = store.read_graph(evidence_text=False)
    stored = StoredGraph.of(before)
    builder = GraphBuilder(before, in_place=True)
    documents = dict(builder.documents())
    chosen: set[str] = set()
    for target in targets:
        found = _documents_named(target, documents)
        if not found:
            report.unmatched.append(target)
        chosen |= found
    for document in sorted(chosen):
        report.removed.append((document, str(documents[document].get("source") or "")))
        builder.remove_document(document)
    after = builder.finish()
    retract_aliases(store, after, sorted(chosen), {})
    diff = plan_delta(store, stored, after, {}) if chosen else None
    del before, after, builder, stored  # as in build: the write needs the diff alone
    gc.collect()
    if diff is not None:
        report.rows_written = commit(store, diff, command="remove")
    return report


def removed_documents(stored: StoredGraph, after: nx.MultiDiGraph) -> list[str]:
    """Stored documents that leave: removed, pruned, or replaced by a new version."""
    return sorted(d for d in stored.documents if d not in after)


def _documents_named(target: str, documents: dict[str, dict]) -> set[str]:
    if target in documents:
        return {target}
    path = str(Path(target))
    by_source = {
        d
        for d, a in documents.items()
        if path in (a.get("source"), str(Path(a.get("source") or "")))
    }
    if by_source:
        return by_source
    prefixed = {d for d in documents if d.startswith(target)}
    return prefixed if len(prefixed) == 1 and len(target) >= 8 else set()


def _refuse_curated_loss(stored: StoredGraph, builder: GraphBuilder) -> None:
    """A curated build starts from an empty graph: a stored document it did not read again
    (outside PATHS, unreadable this time, gone) would silently leave the store, so the
    build stops before writing anything unless ``--prune`` says to let them go."""
    missing = sorted(
        str(stored.nodes[node][1].get("source") or node)
        for node in stored.documents
        if not builder.has_key(stored.nodes[node][1].get("key") or "")
    )
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise CurationError(
            f"a curated build rebuilds the graph from the files it reads and would drop "
            f"{len(missing)} stored document(s) it did not read: {shown}; give their paths "
            f"too, or --prune to remove them"
        )


def _new_documents(
    items: Iterable[Document | LoadError],
    builder: GraphBuilder,
    report: BuildReport,
    progress: Progress | None,
) -> Iterator[Document]:
    """Documents the store does not hold yet; errors and unchanged ones are counted."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, LoadError):
            report.skipped.append(item)
            continue
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
    with _sigint_ignored():  # inherited by the workers: Ctrl-C is this process's to handle
        pool = context.Pool(processes, initializer=_init_worker, initargs=(model, batch_size))
    with pool:  # leaving it, even on Ctrl-C, terminates the workers
        # Bounded read-ahead (``Pool.imap`` would queue the whole input at once): memory
        # holds a few chunks of text per worker, however large the corpus.
        pending: deque[AsyncResult[list[Extraction | DocumentFailure]]] = deque()
        for chunk in _batches(documents, batch_size, BATCH_CHARS, _length):
            pending.append(pool.apply_async(_extract_chunk, (chunk,)))
            if len(pending) >= 2 * processes:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


@dataclass(frozen=True, slots=True)
class _Piece:
    """A document, or one section of a long one, to parse."""

    document: Document
    start: int
    end: int
    last: bool  # the document's last section


def extract_batch_stream(
    extractor: Extractor, documents: Iterable[Document], batch_size: int
) -> Iterator[Extraction | DocumentFailure]:
    """Parse with ``nlp.pipe``, a long document in sections; a document or section that
    fails is reported, not fatal. The sections of a document are joined as they come, so
    memory holds one batch of parses and the records of one document, not its parses."""
    nlp = extractor.nlp
    limit = section_limit(nlp.max_length)
    parts: list[tuple[int, Extraction]] = []
    failures: list[DocumentFailure] = []
    for batch in _batches(_pieces(documents, limit), batch_size, BATCH_CHARS, _span_length):
        for piece, parsed in zip(batch, _parse(nlp, batch), strict=True):
            document = piece.document
            name = f"{document.source}: {document.title!r}"
            try:
                if isinstance(parsed, Exception):
                    raise parsed
                section = section_document(document, piece.start, piece.end)
                parts.append((piece.start, extraction_of(section, parsed, extractor.lexicon)))
            except Exception as exc:  # one broken document never stops the rest
                failures.append(DocumentFailure(name, repr(exc), (piece.start, piece.end)))
            if not piece.last:
                continue
            if not parts and (piece.start, piece.end) == (0, len(document.text)):
                yield DocumentFailure(name, failures[0].reason)
            elif not parts:
                yield from failures
                yield DocumentFailure(name, f"none of its {len(failures)} sections was parsed")
            else:
                yield from failures
                yield join_sections(document, parts)
            parts, failures = [], []


def _pieces(documents: Iterable[Document], limit: int) -> Iterator[_Piece]:
    for document in documents:
        spans = section_spans(document.text, limit)
        for number, (start, end) in enumerate(spans):
            yield _Piece(document, start, end, number == len(spans) - 1)


def _parse(nlp: Language, batch: list[_Piece]) -> list[Doc | Exception]:
    """The parses of a batch; when the batch fails, each text alone, to find the bad one."""
    texts = [piece.document.text[piece.start : piece.end] for piece in batch]
    try:
        return list(nlp.pipe(texts, batch_size=len(texts)))
    except Exception:
        return [_parse_one(nlp, text) for text in texts]


def _parse_one(nlp: Language, text: str) -> Doc | Exception:
    try:
        return nlp(text)
    except Exception as exc:
        return exc


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; Ctrl-C is not its to handle anyway
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


_worker_extractor: Extractor | None = None
_worker_batch_size = DEFAULT_BATCH_SIZE


def _init_worker(model: str, batch_size: int) -> None:
    global _worker_extractor, _worker_batch_size
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the pool
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


def _batches(
    items: Iterable[T], count: int, chars: int, length: Callable[[T], int]
) -> Iterator[list[T]]:
    """Lists of at most ``count`` items and, past the first item, ``chars`` characters."""
    batch: list[T] = []
    total = 0
    for item in items:
        if batch and (len(batch) >= count or total + length(item) > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += length(item)
    if batch:
        yield batch


def _length(document: Document) -> int:
    return len(document.text)


def _span_length(piece: _Piece) -> int:
    return piece.end - piece.start


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
