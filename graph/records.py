"""Records passed from extraction to the graph: sentences, mentions, relations.

They are plain, picklable dataclasses so that extraction can run in worker processes
and hand back only what the graph needs, never a parsed spaCy ``Doc``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    via: str = ""  # a reference: the words that stood for the entity ("he"); not an alias


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed relation the text states between two mentions of one sentence.

    Besides its type, a relation says how the text states it: the predicate's lemma,
    whether it is asserted or only negated, hypothetical, demanded or questioned (an
    unasserted statement is kept under the generic type, with the type it would have had
    in ``stated_type``), who makes an allegation and of what, and the words that stood
    for an end when it was a pronoun or a description ("he", "the party").
    """

    source: int  # index into Extraction.mentions
    target: int
    type: str  # a relation type of the schema
    pattern: str  # the name of the rule that found it
    sentence: int
    predicate: str = ""  # the lemma that states it ("sanction", "chair", "hold talks in")
    modality: str = "asserted"  # asserted | negated | hypothetical | demanded | questioned
    stated_type: str = ""  # for an unasserted statement: the type it would have
    claimant: str = ""  # an allegation: the name of who claims it
    act: str = ""  # an allegation: what is alleged ("genocide", "forced labour")
    referring: tuple[str, ...] = ()  # words that stood for an end ("he", "the party")

    @property
    def signature(self) -> str:
        """The pattern with the statement's properties, as stored on the link."""
        parts = [self.pattern]
        if self.modality != "asserted":
            parts.append(f"modality={self.modality}")
        if self.stated_type:
            parts.append(f"as={self.stated_type}")
        if self.claimant:
            parts.append(f"claimant={self.claimant}")
        if self.act:
            parts.append(f"act={self.act}")
        if self.referring:
            parts.append("via=" + "|".join(self.referring))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    tokens: int = 0


def sentence_id(document: str, index: int) -> str:
    """A sentence's stable id: its document's (a content hash) and its position."""
    return f"{document}:{index}"


def sentence_document(sentence: str) -> str:
    """The document id a sentence id starts with."""
    return sentence.rpartition(":")[0]


def sentence_index(sentence: str) -> int:
    return int(sentence.rpartition(":")[2])


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """Why a link exists: one sentence of a document.

    Its identity is the sentence (document, index); the offsets and text ride along
    when known. A build reads the store's links as sentence ids only (their text stays
    in the store), so two Evidence of one sentence are equal with or without text.
    """

    document: str
    index: int
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    text: str = field(default="", compare=False)

    @property
    def sentence(self) -> str:
        return sentence_id(self.document, self.index)

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.document,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """A stored sentence, its fields named as the store's properties (``index`` and
    ``end`` are keywords in LadybugDB's Cypher). ``gap`` holds the characters between
    the previous stored sentence and this one: the article is the concatenation of
    gap + text."""

    id: str
    document: str
    position: int  # the sentence's index in its document (``Evidence.index``)
    start_char: int  # offsets in the document, named as spaCy names them
    end_char: int
    text: str
    gap: str


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One stored mention: a sentence names an entity (offsets in the document)."""

    sentence: str
    entity: str
    label: str
    start_char: int
    end_char: int
    surface: str


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A document's sentences and mentions, written and removed as a whole."""

    document: str
    sentences: list[SentenceRow]
    mentions: list[MentionRow]
