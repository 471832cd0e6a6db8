"""Sections of a long document: where they are cut, and their records joined back."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.graph.records import Extraction, Mention, Relation, Sentence
from actorgraph.graph.sections import join_sections, section_document, section_spans
from actorgraph.loaders.document import Document

PARAGRAPH = "Geoffrey Nice spoke in London. Benedict Rogers wrote about Myanmar."


def document(text: str, bio: str | None = None) -> Document:
    return Document("doc:1", "k", "report.txt", "Report", text, bio=bio)


@given(
    st.text(st.sampled_from("ab .\n"), max_size=400),
    st.integers(min_value=1, max_value=60),
)
def test_section_spans_cover_the_text_in_order_each_within_the_limit(text, limit) -> None:
    spans = section_spans(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert all(0 < end - start <= limit for start, end in spans if text)


@pytest.mark.parametrize("count", [3, 30])
def test_section_spans_cut_between_paragraphs_when_there_are_some(count) -> None:
    text = "\n\n".join([PARAGRAPH] * count)
    spans = section_spans(text, 200)
    assert len(text) > 200 and len(spans) > 1
    for start, end in spans:
        section = text[start:end].strip()
        assert section.startswith("Geoffrey") and section.endswith("Myanmar.")


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("One sentence here. " * 20, "here. "),  # a long paragraph: at a sentence end
        ("word " * 100, "word "),  # no sentence end: at a space
    ],
)
def test_section_spans_split_a_long_paragraph_at_the_best_boundary(text, ends) -> None:
    spans = section_spans(text, 64)
    assert len(spans) > 1
    assert all(text[start:end].endswith(ends) for start, end in spans[:-1])


def test_section_spans_cut_text_without_spaces_hard_at_the_limit() -> None:
    assert section_spans("x" * 250, 100) == [(0, 100), (100, 200), (200, 250)]


def test_section_document_keeps_the_bio_with_the_first_section_only() -> None:
    doc = document("Ann is a writer.\n\nRest of it.", bio="Ann is a writer.")
    assert section_document(doc, 0, len(doc.text)) is doc
    assert section_document(doc, 0, 18).bio == doc.bio
    later = section_document(doc, 18, len(doc.text))
    assert later.bio is None and later.text == "Rest of it."


def test_join_sections_points_every_offset_and_index_into_the_whole_document() -> None:
    text = "\n\n".join([PARAGRAPH] * 4)
    doc = document(text)
    parts = []
    for start, end in section_spans(text, 140):
        section = text[start:end]
        sentences = tuple(
            Sentence(m.group(), m.start(), m.end()) for m in re.finditer(r"[^.\s][^.]*\.", section)
        )
        mentions = tuple(
            Mention(m.group(), "Person", m.group(), m.start(), m.end(), i)
            for i, s in enumerate(sentences)
            for m in re.finditer("Geoffrey Nice|Benedict Rogers", section)
            if s.start <= m.start() < s.end
        )
        relations = (Relation(0, len(mentions) - 1, "MET", "test", 0),)
        parts.append(
            (
                start,
                Extraction(section_document(doc, start, end), sentences, mentions, relations, 5),
            )
        )
    joined = join_sections(doc, parts)
    assert joined.document is doc and joined.tokens == 5 * len(parts)
    assert len(joined.sentences) == 8 and len(joined.mentions) == 8
    for sentence in joined.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for mention in joined.mentions:
        assert text[mention.start : mention.end] == mention.text
        sentence = joined.sentences[mention.sentence]
        assert sentence.start <= mention.start < mention.end <= sentence.end
    assert len(joined.relations) == len(parts)
    first_mentions = [0] + [
        sum(len(p.mentions) for _, p in parts[:i]) for i in range(1, len(parts))
    ]
    assert [r.source for r in joined.relations] == first_mentions
