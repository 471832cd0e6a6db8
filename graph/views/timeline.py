"""The timeline page: documents, events and dated relations in date order.

Dates are sorted by what they say and no more. A date with a year (a Document's
``date_iso``, or an ISO or "7 Dec 2021" date as written) takes its place in one
order; a date written without a year ("7 Jan") is listed apart, in calendar order,
and said to lack a year, since placing it among the others would invent one; what has
no date at all is listed apart as undated. A stated relation is dated by its own
``date_iso``/``date`` where it has one, and is otherwise shown under each document
that states it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import networkx as nx

from actorgraph.graph.schema import load_schema
from actorgraph.graph.views.pages import count, link, static_page
from actorgraph.graph.views.select import link_type
from actorgraph.graph.views.wording import load_wording

ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
WITH_YEAR = ("%d %b %Y", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
WITHOUT_YEAR = ("%d %b", "%d %B", "%B %d", "%b %d")
LEAP_YEAR = 2000  # only so that "29 Feb" parses; never shown, never stored


@dataclass(frozen=True, slots=True)
class When:
    """A date as far as the text gives it: a sort key and whether the year is known."""

    key: tuple[int, int, int]  # (year or 0, month or 0, day or 0)
    text: str
    year_known: bool


def read_date(iso: object, written: object) -> When | None:
    """``("2021-02-01", "1 Feb")`` -> 2021-02-01; ``(None, "7 Jan")`` -> 7 Jan, no year."""
    for value in (iso, written):
        match = ISO.fullmatch(str(value or "").strip())
        if match:
            year, month, number = (int(g) if g else 0 for g in match.groups())
            return When((year, month, number), match.group(0), True)
    text = " ".join(str(written or "").replace(".", " ").split())
    if not text:
        return None
    for fmt in WITH_YEAR:
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return When((day.year, day.month, day.day), day.isoformat(), True)
    for fmt in WITHOUT_YEAR:
        try:
            day = datetime.strptime(f"{text} {LEAP_YEAR}", f"{fmt} %Y").date()
        except ValueError:
            continue
        return When((0, day.month, day.day), str(written), False)
    return None


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "article", "event" or "relation"
    html: str  # the entry's line, escaped
    when: When | None
    written: str  # the date as written when it could not be read
    details: tuple[str, ...] = ()  # lines under it, escaped


def timeline_entries(
    graph: nx.MultiDiGraph, entity_pages: Mapping[str, str], document_pages: Mapping[str, str]
) -> list[Entry]:
    """Every document, every event and every relation that carries a date of its own."""
    schema = load_schema()
    wording = load_wording()

    def name(node: str) -> str:
        attrs = graph.nodes[node]
        text = str(attrs.get("name") or attrs.get("title") or node)
        return link(entity_pages[node], text) if node in entity_pages else html.escape(text)

    def relation(source: str, target: str, kind: str, patterns: list[str]) -> str:
        line = f"{name(source)} {html.escape(wording.link(kind, patterns))} {name(target)}"
        if kind in wording.predicate_types:  # the text's own words: say how it put them
            stated = "; ".join(sorted({wording.stated_as(p) for p in patterns}))
            line += f' <span class="facts">(stated as: {html.escape(stated)})</span>'
        return line

    stated: dict[str, list[str]] = {}
    entries: list[Entry] = []
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        kind = link_type(attrs, key)
        if kind not in schema.relation_types:
            continue
        patterns = [str(p) for p in attrs.get("patterns") or ()]
        line = relation(source, target, kind, patterns)
        own = read_date(attrs.get("date_iso"), attrs.get("date"))
        if own is not None or attrs.get("date"):
            entries.append(Entry("relation", line, own, str(attrs.get("date") or "")))
        for document in sorted({_document_of(e) for e in attrs.get("evidence") or ()}):
            stated.setdefault(document, []).append(line)

    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label == schema.document.label:
            title = str(attrs.get("title") or attrs.get("key") or node)
            line = (
                link(document_pages[node], title) if node in document_pages else html.escape(title)
            )
            authors = ", ".join(str(a) for a in attrs.get("authors") or ())
            if authors:
                line += f' <span class="facts">by {html.escape(authors)}</span>'
            details = tuple(sorted(set(stated.get(node, ())), key=_text))
            when = read_date(attrs.get("date_iso"), attrs.get("date"))
            entries.append(Entry("article", line, when, str(attrs.get("date") or ""), details))
        elif label == "Event":
            when = read_date(None, attrs.get("date"))
            entries.append(Entry("event", name(node), when, str(attrs.get("date") or "")))
    return entries


def _text(fragment: str) -> str:
    """What a line of HTML reads as, for sorting lines by their words."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).casefold()


def _document_of(evidence: Any) -> str:
    return str(evidence.get("document") if isinstance(evidence, dict) else evidence.document)


def timeline_page(
    graph: nx.MultiDiGraph, entity_pages: Mapping[str, str], document_pages: Mapping[str, str]
) -> str:
    entries = timeline_entries(graph, entity_pages, document_pages)
    dated = sorted((e for e in entries if e.when and e.when.year_known), key=_order)
    no_year = sorted((e for e in entries if e.when and not e.when.year_known), key=_order)
    undated = sorted((e for e in entries if e.when is None), key=lambda e: (e.kind, _text(e.html)))
    body = [
        "<h1>Timeline</h1>",
        '<p class="lead">Articles, events and relations, by the dates the texts give. '
        "A date without a year is never given one: such dates are listed apart.</p>",
        "<h2>In date order</h2>",
        _list(dated) if dated else "<p>No date in the graph gives a year.</p>",
    ]
    if no_year:
        body += [
            f'<h2>Date without a year <span class="count">{len(no_year)}</span></h2>',
            '<p class="lead">These dates are written without a year, so they cannot be '
            "placed among the dates above; they are listed January to December, whatever "
            "their year.</p>",
            _list(no_year),
        ]
    if undated:
        body += [
            f'<h2>Undated <span class="count">{len(undated)}</span></h2>',
            f'<p class="lead">{count(len(undated), "item")} with no date in the text.</p>',
            _list(undated),
        ]
    return static_page("Timeline", "\n".join(body))


def _order(entry: Entry) -> tuple[tuple[int, int, int], str, str]:
    assert entry.when is not None
    return (entry.when.key, entry.kind, _text(entry.html))


def _list(entries: list[Entry]) -> str:
    items = []
    for entry in entries:
        if entry.when is not None:
            when = entry.when.text + ("" if entry.when.year_known else ", no year")
        else:
            when = f"written “{entry.written}”" if entry.written else "undated"
        item = (
            f'<li><span class="when">{html.escape(when)}</span> '
            f'<span class="kind">{entry.kind}</span> {entry.html}'
        )
        if entry.details:
            states = "".join(f"<li>{d}</li>" for d in entry.details)
            item += f'<ul class="states" aria-label="relations it states">{states}</ul>'
        items.append(item + "</li>")
    return '<ol class="timeline">' + "\n".join(items) + "</ol>"
