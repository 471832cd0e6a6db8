"""Long documents in sections: cut points in the text, and the sections' extractions joined.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) and its memory grows
with the text, while a human-rights report can run to megabytes. Such a document is
parsed section by section, each at most ``SECTION_CHARS`` long and cut at a paragraph
break where there is one, and the sections' records are joined back into one
``Extraction`` whose offsets point into the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from actorgraph.graph.records import Extraction, Mention, Relation, Sentence
from actorgraph.loaders.document import Document

SECTION_CHARS = 100_000  # a tenth of spaCy's limit: a section's parse stays small
# Where a section may end, best first: a paragraph break, a sentence end, any space.
BREAKS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+"))
SPACE = re.compile(r"\s+")


def section_limit(max_length: int) -> int:
    """The section size for a pipeline accepting ``max_length`` characters: well under it."""
    return min(SECTION_CHARS, max_length // 2)


def section_spans(text: str, limit: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` spans covering ``text``, each at most ``limit`` long."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, stop: int) -> int:
    """The best place to end a section that starts at ``start`` and may not pass ``stop``."""
    window = text[start:stop]
    for pattern in (*BREAKS, SPACE):
        last = max((m.end() for m in pattern.finditer(window)), default=0)
        if last:
            return start + last
    return stop  # no space at all in the window: a hard cut


def section_document(document: Document, start: int, end: int) -> Document:
    """The part of ``document`` to parse as one section; the bio belongs to the first one."""
    if (start, end) == (0, len(document.text)):
        return document
    return replace(
        document, text=document.text[start:end], bio=document.bio if start == 0 else None
    )


def join_sections(document: Document, parts: Iterable[tuple[int, Extraction]]) -> Extraction:
    """One Extraction of ``document`` from its sections' (start offset, Extraction)."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    relations: list[Relation] = []
    tokens = 0
    for offset, part in parts:
        first_sentence, first_mention = len(sentences), len(mentions)
        sentences += [
            replace(s, start=s.start + offset, end=s.end + offset) for s in part.sentences
        ]
        mentions += [
            replace(
                m, start=m.start + offset, end=m.end + offset, sentence=m.sentence + first_sentence
            )
            for m in part.mentions
        ]
        relations += [
            replace(
                r,
                source=r.source + first_mention,
                target=r.target + first_mention,
                sentence=r.sentence + first_sentence,
            )
            for r in part.relations
        ]
        tokens += part.tokens
    return Extraction(document, tuple(sentences), tuple(mentions), tuple(relations), tokens)
