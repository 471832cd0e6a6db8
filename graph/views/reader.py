"""A reader page per document: its title, authors and date, and its text with every
entity mention highlighted and linked to that entity's page, each sentence an anchor
that the views' evidence links scroll to.

The page takes a list of ``ReaderSentence``. The store does not keep an article's
full text yet, only the sentences that are evidence of a link (with their offsets), so
``evidence_sentences`` rebuilds what it can from the links and finds the mentions by
the names and aliases of each link's two ends; the page then says what is missing.
Once every sentence is stored with its mentions, the same page takes them all
(``complete=True``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from actorgraph.graph.views.pages import count, css_name, link, static_page
from actorgraph.graph.views.payload import sentence_anchor
from actorgraph.graph.views.select import is_evidence_link, link_type


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
    mentions: tuple[ReaderMention, ...] = ()

    @property
    def anchor(self) -> str:
        return sentence_anchor(self.start, self.end) or f"s{self.start}"


def evidence_sentences(graph: nx.MultiDiGraph, document: str) -> list[ReaderSentence]:
    """Every evidence sentence of ``document``, in text order, with the mentions of the
    entities its links join (found by their names and aliases)."""
    found: dict[tuple[int, int, str], set[str]] = {}
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        if not is_evidence_link(attrs, key):
            continue
        for evidence in attrs.get("evidence") or ():
            item = evidence if isinstance(evidence, dict) else evidence.as_dict()
            if item.get("document") != document:
                continue
            where = (int(item.get("start") or 0), int(item.get("end") or 0), str(item["text"]))
            found.setdefault(where, set()).update((source, target))
    return [
        ReaderSentence(start, end, text, find_mentions(text, entities, graph))
        for (start, end, text), entities in sorted(found.items())
    ]


def find_mentions(
    text: str, entities: Iterable[str], graph: nx.MultiDiGraph
) -> tuple[ReaderMention, ...]:
    """Where the names and aliases of ``entities`` occur in ``text``: longest form first,
    whole words only, no two overlapping."""
    pairs: set[tuple[str, str]] = set()
    for entity in entities:
        attrs = graph.nodes[entity] if entity in graph else {}
        for form in (attrs.get("name"), *(attrs.get("aliases") or ())):
            if form and len(str(form)) > 1:
                pairs.add((str(form), entity))
    forms = sorted(pairs, key=lambda pair: (-len(pair[0]), pair))
    taken: list[ReaderMention] = []
    for form, entity in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if all(match.end() <= m.start or match.start() >= m.end for m in taken):
                taken.append(ReaderMention(match.start(), match.end(), entity))
    return tuple(sorted(taken, key=lambda m: m.start))


def sentence_html(
    sentence: ReaderSentence, graph: nx.MultiDiGraph, pages: Mapping[str, str]
) -> str:
    """One sentence as a paragraph with its anchor; each mention is marked, and links to
    its entity's page where the site wrote one; the rest is text."""
    parts: list[str] = []
    at = 0
    for mention in sentence.mentions:
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
        f'<p class="sentence" id="{sentence.anchor}">{"".join(parts)}'
        f'<a class="anchor" href="#{sentence.anchor}" aria-label="link to this sentence">#</a></p>'
    )


def document_page(
    graph: nx.MultiDiGraph,
    document: str,
    sentences: list[ReaderSentence],
    entity_pages: Mapping[str, str],
    *,
    complete: bool = False,
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
    if not complete:
        body.append(
            '<p class="missing" role="note">The full text is not stored yet; showing the '
            f"{count(len(sentences), 'sentence')} that link actors, in the order they appear "
            "in the article. Each named entity links to its page.</p>"
        )
    paragraphs = []
    for number, sentence in enumerate(sentences):
        if not complete and number and sentence.start > sentences[number - 1].end + 1:
            paragraphs.append('<p class="gap" aria-hidden="true">…</p>')
        paragraphs.append(sentence_html(sentence, graph, entity_pages))
    if not paragraphs:
        paragraphs.append("<p>No sentence of this document links two actors.</p>")
    body.append('<div class="text">' + "\n".join(paragraphs) + "</div>")
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
