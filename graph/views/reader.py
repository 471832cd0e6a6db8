"""A reader page per document: its title, authors and date, and the whole article as the
store holds it, every entity mention highlighted and linked to that entity's page, each
sentence an anchor that the views' evidence links scroll to.

The article is rebuilt from its stored sentences (each with the characters between it
and the previous one, so paragraphs come back), and the mentions from the sentences'
HAS_MENTION links and their offsets: what extraction found, not a search for names.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from actorgraph.graph.records import DocumentText, MentionRow, SentenceRow
from actorgraph.graph.stores.base import Store
from actorgraph.graph.stores.dialect import dialect_of
from actorgraph.graph.views.pages import css_name, link, static_page
from actorgraph.graph.views.payload import sentence_anchor
from actorgraph.graph.views.select import link_type

# A document's sentences in order, and its mentions; columns by position (``index`` and
# ``end`` are keywords in LadybugDB's Cypher, so the properties have other names).
SENTENCES = (
    "MATCH (s:Sentence)-[:FROM_DOCUMENT]->(:Document {id: $document}) "
    "RETURN s.id, s.document, s.position, s.start_char, s.end_char, s.text, s.gap "
    "ORDER BY s.position"
)
MENTIONS = (
    "MATCH (:Document {{id: $document}})<-[:FROM_DOCUMENT]-(s:Sentence)-[m:HAS_MENTION]->(e) "
    "RETURN s.id, e.id, {label}, m.start_char, m.end_char, m.surface "
    "ORDER BY m.start_char, m.end_char"
)


@dataclass(frozen=True, slots=True)
class ReaderMention:
    """An entity named in a sentence: character offsets within the sentence's text."""

    start: int
    end: int
    entity: str  # node id


@dataclass(frozen=True, slots=True)
class ReaderSentence:
    start: int  # character offsets into the document
    end: int
    text: str
    gap: str = ""  # what precedes it in the article (a new paragraph when it holds a newline)
    mentions: tuple[ReaderMention, ...] = ()

    @property
    def anchor(self) -> str:
        return sentence_anchor(self.start, self.end) or f"s{self.start}"


def read_document_text(store: Store, document: str) -> DocumentText:
    """A document's stored sentences and mentions, read from ``store``."""
    params = {"document": document}
    label = dialect_of(store.dialect).label_of("e")
    sentences = store.query(SENTENCES, params, read_only=True).rows
    mentions = store.query(MENTIONS.format(label=label), params, read_only=True).rows
    return DocumentText(
        document, [SentenceRow(*row) for row in sentences], [MentionRow(*row) for row in mentions]
    )


def reader_sentences(text: DocumentText) -> list[ReaderSentence]:
    """The article's sentences in order, each with its mentions (offsets made relative to
    the sentence; a mention overlapping an earlier one is left unmarked)."""
    by_sentence: dict[str, list[MentionRow]] = {}
    for mention in text.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    sentences = []
    for row in sorted(text.sentences, key=lambda s: s.position):
        marks: list[ReaderMention] = []
        for mention in sorted(
            by_sentence.get(row.id, ()), key=lambda m: (m.start_char, -m.end_char)
        ):
            start, end = mention.start_char - row.start_char, mention.end_char - row.start_char
            if 0 <= start < end <= len(row.text) and (not marks or start >= marks[-1].end):
                marks.append(ReaderMention(start, end, mention.entity))
        sentences.append(
            ReaderSentence(row.start_char, row.end_char, row.text, row.gap, tuple(marks))
        )
    return sentences


def sentence_html(
    sentence: ReaderSentence, graph: nx.MultiDiGraph, pages: Mapping[str, str]
) -> str:
    """One sentence with its anchor; each mention of an entity in the graph is marked, and
    links to its entity's page where the site wrote one; the rest is text."""
    parts: list[str] = []
    at = 0
    for mention in sentence.mentions:
        if mention.entity not in graph:  # a mention the graph no longer holds (curated away)
            continue
        parts.append(html.escape(sentence.text[at : mention.start]))
        attrs = graph.nodes[mention.entity]
        label = str(attrs.get("label", ""))
        text = sentence.text[mention.start : mention.end]
        title = f"{attrs.get('name', mention.entity)} ({label})"
        css = f"m u-{css_name(label)}"
        if mention.entity in pages:
            parts.append(link(pages[mention.entity], text, css, title))
        else:
            parts.append(
                f'<mark class="{css}" title="{html.escape(title)}">{html.escape(text)}</mark>'
            )
        at = mention.end
    parts.append(html.escape(sentence.text[at:]))
    return (
        f'<span class="sentence" id="{sentence.anchor}">{"".join(parts)}'
        f'<a class="anchor" href="#{sentence.anchor}" aria-label="link to this sentence">#</a>'
        "</span>"
    )


def paragraphs(sentences: Iterable[ReaderSentence]) -> list[list[ReaderSentence]]:
    """The sentences grouped as the article's paragraphs: a gap with a line break starts one."""
    grouped: list[list[ReaderSentence]] = []
    for sentence in sentences:
        if not grouped or "\n" in sentence.gap:
            grouped.append([])
        grouped[-1].append(sentence)
    return grouped


def document_page(
    graph: nx.MultiDiGraph,
    document: str,
    sentences: list[ReaderSentence],
    entity_pages: Mapping[str, str],
) -> str:
    """The reader page of ``document``; ``entity_pages`` gives each entity's address."""
    attrs: dict[str, Any] = graph.nodes[document]
    title = str(attrs.get("title") or attrs.get("key") or document)
    authors = _authors(graph, document, attrs, entity_pages)
    when = attrs.get("date_iso") or attrs.get("date")
    byline = [f"by {authors}" if authors else "author not given"]
    if when:
        year = "" if attrs.get("date_iso") else " (the article gives no year)"
        byline.append(html.escape(str(when)) + year)
    else:
        byline.append("undated")
    if attrs.get("source"):
        byline.append("from " + html.escape(str(attrs["source"])))
    body = [f"<h1>{html.escape(title)}</h1>", f'<p class="byline">{" · ".join(byline)}</p>']
    text = [
        "<p>" + " ".join(sentence_html(s, graph, entity_pages) for s in paragraph) + "</p>"
        for paragraph in paragraphs(sentences)
    ]
    if not text:
        text.append('<p class="missing" role="note">The store holds no text of this document.</p>')
    body.append('<div class="text">' + "\n".join(text) + "</div>")
    return static_page(title, "\n".join(body))


def _authors(
    graph: nx.MultiDiGraph, document: str, attrs: dict[str, Any], pages: Mapping[str, str]
) -> str:
    """The authors, each linked to their page when the graph knows them as a Person."""
    writers = {
        str(graph.nodes[s].get("name")): s
        for s, _, k, a in graph.in_edges(document, keys=True, data=True)
        if link_type(a, k) == "WROTE"
    }
    names = [str(a) for a in attrs.get("authors") or ()]
    return ", ".join(
        link(pages[writers[name]], name)
        if name in writers and writers[name] in pages
        else html.escape(name)
        for name in names
    )
