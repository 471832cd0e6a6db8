"""Document pages: the sentences in text order, mentions marked and linked, what is missing said."""

from __future__ import annotations

import re

import pytest
from view_graphs import HOSTILE

from actorgraph.graph.views.reader import (
    ReaderMention,
    ReaderSentence,
    document_page,
    evidence_sentences,
    find_mentions,
)

DOC = "doc:00000000000000aa"


def test_evidence_sentences_are_every_sentence_of_the_document_in_text_order(sample_graph):
    sentences = evidence_sentences(sample_graph, DOC)
    texts = [s.text for s in sentences]
    assert texts == sorted(set(texts), key=texts.index)  # each once
    assert "Sir Geoffrey Nice QC chairs the Uyghur Tribunal." in texts
    assert "Hong Kong Watch lobbied on the Trade Bill." not in texts  # the other document's
    assert [s.start for s in sentences] == sorted(s.start for s in sentences)


def test_mentions_are_found_by_name_and_alias_longest_first(sample_graph):
    sentence = "Sir Geoffrey Nice QC chairs the Uyghur Tribunal."
    mentions = find_mentions(
        sentence,
        ["Person:geoffrey-nice", "Tribunal:uyghur-tribunal", "Group:uyghurs"],
        sample_graph,
    )
    assert [(sentence[m.start : m.end], m.entity) for m in mentions] == [
        ("Sir Geoffrey Nice QC", "Person:geoffrey-nice"),
        ("the Uyghur Tribunal", "Tribunal:uyghur-tribunal"),
    ]  # "Uyghur" inside the tribunal's name is not also the group


def test_document_page_marks_links_and_anchors_each_sentence(sample_graph):
    sentences = evidence_sentences(sample_graph, DOC)
    pages = {"Person:geoffrey-nice": "geoffrey-nice.html"}
    page = document_page(sample_graph, DOC, sentences, pages)
    assert "<h1>Why the Uyghur Tribunal matters</h1>" in page
    assert "Benedict Rogers" in page and "the article gives no year" not in page
    assert f"showing the {len(sentences)} sentences that link actors" in page
    assert len(re.findall(r'<p class="sentence" id="s\d+-\d+">', page)) == len(sentences)
    assert '<a class="m u-Person" title="Geoffrey Nice (Person)" href="geoffrey-nice.html">' in page
    assert '<mark class="m u-Tribunal"' in page  # named, but it has no page of its own


def test_document_page_takes_the_full_text_when_it_is_there(sample_graph):
    text = "Geoffrey Nice spoke."
    full = [ReaderSentence(0, 20, text, (ReaderMention(0, 13, "Person:geoffrey-nice"),))]
    page = document_page(sample_graph, DOC, full, {}, complete=True)
    assert "not stored yet" not in page and 'id="s0-20"' in page


@pytest.mark.parametrize("hostile", HOSTILE)
def test_document_page_escapes_its_text(hostile_graph, hostile):
    doc = "doc:0000000000000bad"
    page = document_page(hostile_graph, doc, evidence_sentences(hostile_graph, doc), {})
    assert hostile not in page
    assert "&lt;script&gt;" in page and "<script" not in page
