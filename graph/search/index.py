"""The embedded store's full-text index of sentence text: tantivy, in ``<store>/search``.

It is derived from the Sentence table and holds no text of its own (only the terms and
the sentence ids), so it can always be rebuilt from the store. Writes are idempotent by
construction: a document's sentences are deleted by term, then re-added, in one commit,
so replaying a journalled write can never leave duplicates or stale terms.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import tantivy

from actorgraph.graph.search.query import TEXT_FIELD, SearchQuery, to_tantivy
from actorgraph.graph.stores.base import StoreError

if TYPE_CHECKING:
    from actorgraph.graph.records import SentenceRow

HEAP_BYTES = 50_000_000  # the writer's indexing buffer (tantivy's floor is 15 MB a thread)
LOCK_WAIT_SECONDS = 30.0  # another process (a build, a rebuild) may hold the writer lock


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("document", tokenizer_name="raw")  # for delete-by-term only
    builder.add_text_field(TEXT_FIELD, tokenizer_name="default")  # lower-cased, not stored
    return builder.build()


class SentenceIndex:
    """Sentence ids by the words of their text; ``fresh`` when it was (re)created empty."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.schema = _schema()
        self.fresh = False
        try:
            self.index = self._open()
        except (OSError, ValueError) as exc:  # a file in its place, no room, no permission
            raise StoreError(f"{self.path}: cannot open the search index: {exc}") from None

    def _open(self) -> tantivy.Index:
        self.path.mkdir(parents=True, exist_ok=True)
        where = str(self.path)
        if tantivy.Index.exists(where):
            try:  # written by another tantivy version or with another schema: start again
                if tantivy.Index.is_compatible(where):
                    return tantivy.Index(self.schema, path=where, reuse=True)
            except ValueError:
                pass
            shutil.rmtree(self.path)
            self.path.mkdir()
        self.fresh = True
        return tantivy.Index(self.schema, path=where, reuse=True)

    def update(self, *, remove_documents: Collection[str], add: Iterable[SentenceRow]) -> None:
        """Delete every sentence of ``remove_documents`` and add ``add``, in one commit.

        Documents whose sentences are replaced belong in ``remove_documents`` too.
        """
        with self._writing() as writer:
            for document in sorted(set(remove_documents)):
                writer.delete_documents_by_term("document", document)
            self._add(writer, add)

    def rebuild(self, rows: Iterable[SentenceRow]) -> int:
        """Replace the whole index by ``rows`` in one commit; return the sentence count."""
        with self._writing() as writer:
            writer.delete_all_documents()
            self._add(writer, rows)
        return self.count()

    def count(self) -> int:
        """Sentences indexed, as of the last commit."""
        self.index.reload()
        return int(self.index.searcher().num_docs)

    def search(self, query: SearchQuery, limit: int) -> list[tuple[str, float]]:
        """(sentence id, score), best first; equal scores in id order."""
        if query.is_empty or limit <= 0:
            return []
        self.index.reload()
        searcher = self.index.searcher()
        hits = searcher.search(to_tantivy(query, self.schema, searcher), limit, count=False).hits
        found = [(str(searcher.doc(address)["id"][0]), float(score)) for score, address in hits]
        return sorted(found, key=lambda hit: (-hit[1], hit[0]))

    @staticmethod
    def _add(writer: tantivy.IndexWriter, rows: Iterable[SentenceRow]) -> None:
        for row in rows:
            writer.add_document(tantivy.Document(id=row.id, document=row.document, text=row.text))

    @contextmanager
    def _writing(self) -> Iterator[tantivy.IndexWriter]:
        """The index's one writer: committed if the block ends normally, else rolled back.

        (The writer's own ``with`` commits even on an exception: half a write would stay.)
        """
        writer = self._writer()
        try:
            yield writer
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # releases the writer lock

    def _writer(self) -> tantivy.IndexWriter:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                return self.index.writer(heap_size=HEAP_BYTES, num_threads=1)
            except ValueError as exc:
                if "LockBusy" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(f"{self.path}: cannot write the search index: {exc}") from None
                time.sleep(0.1)
