"""Document pages: the whole article from its stored sentences, paragraphs kept, mentions
marked from their offsets and linked, every text escaped; and the text read from a store."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from view_graphs import HOSTILE

from actorgraph.graph.records import DocumentText, MentionRow, SentenceRow
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.graph.views.reader import (
    document_page,
    read_document_text,
    reader_sentences,
)

DOC = "doc:00000000000000aa"
NICE = "Person:geoffrey-nice"


def article(*paragraphs: str) -> tuple[str, list[SentenceRow]]:
    """A text of sentences (one per string, split at ". "), paragraphs a blank line apart."""
    text, rows = "", []
    for number, paragraph in enumerate(paragraphs):
        for index, sentence in enumerate(re.split(r"(?<=\.) ", paragraph)):
            gap = "\n\n" if number and not index else (" " if rows else "")
            text += gap
            rows.append(SentenceRow(f"{DOC}:{len(rows)}", DOC, len(rows), len(text),
                                    len(text) + len(sentence), sentence, gap))  # fmt: skip
            text += sentence
    return text, rows


def test_reader_sentences_put_document_mentions_in_their_sentence():
    text, rows = article("Geoffrey Nice spoke. Then Sir Geoffrey Nice QC left.")
    second = text.index("Sir Geoffrey")
    mentions = [
        MentionRow(rows[1].id, NICE, "Person", second, second + len("Sir Geoffrey Nice QC"), "x"),
        MentionRow(rows[0].id, NICE, "Person", 0, len("Geoffrey Nice"), "Geoffrey Nice"),
        MentionRow(rows[1].id, NICE, "Person", second + 4, second + 17, "inside the first"),
    ]
    sentences = reader_sentences(DocumentText(DOC, rows[::-1], mentions))
    assert [s.text for s in sentences] == [
        "Geoffrey Nice spoke.",
        "Then Sir Geoffrey Nice QC left.",
    ]
    marked = [[s.text[m.start : m.end] for m in s.mentions] for s in sentences]
    assert marked == [["Geoffrey Nice"], ["Sir Geoffrey Nice QC"]]  # the overlapping one dropped


def test_document_page_holds_the_whole_article_in_its_paragraphs(sample_graph):
    text, rows = article("Geoffrey Nice spoke. It was long.", "A new paragraph <b>here</b>.")
    mention = MentionRow(rows[0].id, NICE, "Person", 0, 13, "Geoffrey Nice")
    page = document_page(
        sample_graph,
        DOC,
        reader_sentences(DocumentText(DOC, rows, [mention])),
        {NICE: "geoffrey-nice.html"},
    )
    assert "<h1>Why the Uyghur Tribunal matters</h1>" in page and "not stored" not in page
    body = page.split('<div class="text">', 1)[1]
    assert body.count("<p>") == 2
    assert len(re.findall(r'<span class="sentence" id="s\d+-\d+">', page)) == len(rows)
    assert f'id="s{rows[2].start_char}-{rows[2].end_char}"' in page
    assert '<a class="m u-Person" title="Geoffrey Nice (Person)" href="geoffrey-nice.html">' in page
    visible = html.unescape(re.sub(r"<[^>]+>|#", "", body))
    assert " ".join(visible.split()) == " ".join(text.split())


def test_document_page_marks_entities_without_a_page(sample_graph, sample_texts):
    sentences = reader_sentences(sample_texts[DOC])
    page = document_page(sample_graph, DOC, sentences, {NICE: "geoffrey-nice.html"})
    assert "Benedict Rogers" in page and "the article gives no year" not in page
    assert '<mark class="m u-Tribunal"' in page  # named, but it has no page of its own
    assert "Hong Kong Watch lobbied" not in page  # the other document's


def test_document_page_says_when_no_text_is_stored(sample_graph):
    page = document_page(sample_graph, DOC, [], {})
    assert "The store holds no text of this document." in page


@pytest.mark.parametrize("hostile", HOSTILE)
def test_document_page_escapes_its_text(hostile_graph, hostile_texts, hostile):
    doc = "doc:0000000000000bad"
    page = document_page(hostile_graph, doc, reader_sentences(hostile_texts[doc]), {})
    assert hostile not in page
    assert "&lt;script&gt;" in page and "<script" not in page
    assert "<mark" in page


def test_read_document_text_rebuilds_a_seed_article(seeds_store_path: Path):
    """The store's sentences joined with their gaps are the article, and every mention
    lies inside its sentence, where the text says what the store says it says."""
    with LadybugStore(seeds_store_path, read_only=True) as store:
        [[document, title]] = store.query(
            "MATCH (d:Document) WHERE d.title STARTS WITH 'The Government must not ignore' "
            "RETURN d.id, d.title"
        ).rows
        text = read_document_text(store, document)
    article_text = "".join(s.gap + s.text for s in text.sentences)
    assert title and len(text.sentences) > 5 and text.mentions
    assert [s.position for s in text.sentences] == sorted(s.position for s in text.sentences)
    for sentence in text.sentences:
        assert article_text[sentence.start_char : sentence.end_char] == sentence.text
    for mention in text.mentions:
        assert article_text[mention.start_char : mention.end_char] == mention.surface
