"""Records passed from extraction to the graph: sentences, mentions, relations.

They are plain, picklable dataclasses so that extraction can run in worker processes
and hand back only what the graph needs, never a parsed spaCy ``Doc``.
"""

from __future__ import annotations

from dataclasses import dataclass

from actorgraph.loaders.document import Document


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # character offsets into Document.text
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a document."""

    text: str  # the surface form exactly as written
    label: str  # an entity label of the schema
    name: str  # canonical name proposed for it (no "the", possessive or honorific)
    start: int
    end: int
    sentence: int  # index into Extraction.sentences
    date: str | None = None  # a date the text attaches to it ("1989"), never invented


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed relation the text states between two mentions of one sentence."""

    source: int  # index into Extraction.mentions
    target: int
    type: str  # a relation type of the schema
    pattern: str  # the name of the rule that found it
    sentence: int


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    tokens: int = 0


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """Why a link exists: a sentence of a document, with its offsets."""

    document: str
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, object]:
        return {"document": self.document, "text": self.text, "start": self.start, "end": self.end}
