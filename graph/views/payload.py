"""The data a page draws, as plain JSON-able values: nodes, links, documents, legend, notes.

The page's script builds everything a reader sees from this payload, through
``textContent``; so this module decides *what* is shown (evidence picked, titles looked
up, what the cap left out), ``views.network`` how it is drawn, and the page's script
how a reader works with it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from actorgraph.graph.curation.judgements import describe
from actorgraph.graph.schema import load_schema
from actorgraph.graph.views.select import (
    Selection,
    evidence_weight,
    is_entity,
    is_evidence_link,
)
from actorgraph.graph.views.wording import load_wording

EVIDENCE_PER_ITEM = 5
MAX_SENTENCE = 420  # characters of an evidence sentence shown; longer ones are cut with "…"
MAX_LABEL = 40  # characters of a document title used as a node label
MEASURES = {"pagerank": "PageRank", "degree": "number of linked entities"}
SIZE_LABELS = {
    "pagerank": "how central it is on this page (PageRank, as area)",
    "degree": "number of entities it is linked to on this page (as area)",
}


@dataclass(frozen=True, slots=True)
class PageLinks:
    """Relative addresses of the pages a site wrote, for a view to link to (ids -> href)."""

    entities: Mapping[str, str] = field(default_factory=dict)
    documents: Mapping[str, str] = field(default_factory=dict)


def payload(
    full: nx.MultiDiGraph,
    selection: Selection,
    *,
    title: str,
    query: str | None = None,
    links: PageLinks | None = None,
) -> dict[str, Any]:
    """Everything the page needs; ``full`` supplies document titles and node evidence.

    ``query`` names the query whose result the page draws; ``links`` lets its evidence
    open the document pages and its entities their own pages, when a site wrote them.
    """
    sub = selection.graph
    size_by = selection.request.size_by
    links = links or PageLinks()
    cited: set[str] = set()
    sizes = page_strength(sub, size_by)
    if selection.focus in sizes:  # the subject of a neighbourhood is its centre: draw it so
        sizes[selection.focus] = max(sizes.values())
    nodes = [
        _node(full, node, attrs, sizes.get(node, 0.0), cited)
        for node, attrs in sub.nodes(data=True)
    ]
    _size_documents(nodes)
    for node in nodes:
        node["subject"] = node["id"] == selection.focus
        if node["id"] in links.entities:
            node["page"] = links.entities[node["id"]]
    edges = [
        _edge(number, source, target, attrs, cited)
        for number, (source, target, attrs) in enumerate(sub.edges(data=True))
    ]
    docs = {doc: _document(full.nodes[doc]) for doc in sorted(cited) if doc in full}
    for doc, item in docs.items():
        if doc in links.documents:
            item["page"] = links.documents[doc]
    weights = [e["weight"] for e in edges if e.get("weight")]
    return {
        "meta": {
            "title": title,
            "subtitle": subtitle(full, selection, of_query=query is not None),
            "caption": f"Made by the query: {query}" if query else None,
            "notice": notice(full, selection),
            "focus": selection.focus,
            "sizeBy": size_by,
            "sizeLabel": SIZE_LABELS[size_by],
            "maxWeight": max(weights, default=1),
            "minWeight": selection.request.min_weight,
            "documents": selection.request.include_documents,
            "site": bool(links.entities or links.documents),  # index.html and timeline.html
        },
        "types": legend(sub),
        "nodes": nodes,
        "edges": edges,
        "docs": docs,
    }


def legend(sub: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The entity types present, in schema order, with their colour, shape and count."""
    schema = load_schema()
    counts: dict[str, int] = {}
    for _, attrs in sub.nodes(data=True):
        label = str(attrs.get("label", "?"))
        counts[label] = counts.get(label, 0) + 1
    types = [*schema.entities.values(), schema.document]
    known = [
        {
            "label": t.label,
            "colour": t.colour,
            "shape": t.shape,
            "description": t.description,
            "count": counts.pop(t.label),
        }
        for t in types
        if t.label in counts
    ]
    # a query result may carry a label the schema does not style
    other = [
        {"label": label, "colour": "#8c959f", "shape": "dot", "description": "", "count": count}
        for label, count in sorted(counts.items())
    ]
    return known + other


def subtitle(full: nx.MultiDiGraph, selection: Selection, *, of_query: bool = False) -> str:
    request = selection.request
    sub = selection.graph
    entities = len(selection.entities)
    links = sum(1 for *_, a in sub.edges(data=True) if is_evidence_link(a))
    if selection.focus is not None:
        name = full.nodes[selection.focus].get("name", selection.focus)
        hops = "link" if request.depth == 1 else "links"
        parts = [f"Neighbourhood of {name}, within {request.depth} {hops}"]
    else:
        parts = ["What the query returned" if of_query else "Whole graph"]
    if request.labels:
        parts.append("types: " + ", ".join(request.labels))
    if request.min_weight > 1:
        parts.append(f"links of weight \u2265 {request.min_weight}")
    parts.append(f"{entities} entities, {links} links")
    return " \u00b7 ".join(parts)


def notice(full: nx.MultiDiGraph, selection: Selection) -> str | None:
    """What the caps left out and how to see it, or None when the view is complete."""
    request = selection.request
    lines: list[str] = []
    if selection.omitted:
        kept = selection.eligible - len(selection.omitted)
        examples = [str(full.nodes[n].get("name", n)) for n in selection.omitted[:5]]
        first = examples[0].replace('"', "")
        lines.append(
            f"This view shows the {kept} strongest of {selection.eligible} entities "
            f"(by {MEASURES[request.size_by]}); {len(selection.omitted)} "
            f"are left out, the strongest being {', '.join(examples)}. To see them, open "
            f'a neighbourhood (actorgraph view --focus "{first}" --depth 1) or narrow the '
            "view (--label TYPE, --min-weight N)."
        )
    if selection.omitted_edges:
        lines.append(
            f"The {selection.omitted_edges} weakest co-mention links are not drawn "
            "(raise --min-weight or use --focus to see a part in full)."
        )
    return " ".join(lines) or None


def page_strength(sub: nx.MultiDiGraph, size_by: str) -> dict[str, float]:
    """Each entity's measure within the page's own links, not the whole graph's.

    On a neighbourhood page the whole graph's PageRank would draw a hub at the edge as
    big as the subject; measured here, size says how central a node is to this page.
    """
    simple = nx.Graph()
    simple.add_nodes_from(n for n, a in sub.nodes(data=True) if is_entity(a))
    for source, target, attrs in sub.edges(data=True):
        if source in simple and target in simple and is_evidence_link(attrs):
            weight = evidence_weight(attrs)
            if simple.has_edge(source, target):
                simple[source][target]["weight"] += weight
            else:
                simple.add_edge(source, target, weight=weight)
    if size_by == "degree":
        return {n: float(d) for n, d in simple.degree()}
    if simple.number_of_edges() == 0:
        return dict.fromkeys(simple, 1.0)
    return {n: float(v) for n, v in nx.pagerank(simple, weight="weight").items()}


def _node(
    full: nx.MultiDiGraph, node: str, attrs: dict[str, Any], size: float, cited: set[str]
) -> dict[str, Any]:
    label = str(attrs.get("label", "?"))
    if not is_entity(attrs):
        name = str(attrs.get("title") or attrs.get("key") or node)
        authors = [str(a) for a in attrs.get("authors") or ()]
        return {
            "id": node,
            "type": label,
            "name": name,
            "label": _cut(name, MAX_LABEL),
            "value": 0.0,
            "authors": authors,
            "date": attrs.get("date_iso") or attrs.get("date"),
            "aliases": [],
        }
    name = str(attrs.get("name") or node)
    evidence = node_evidence(full, node) if node in full else []
    documents = [str(d) for d in attrs.get("documents") or ()]
    for item in evidence:
        cited.add(item["doc"])
    cited.update(documents[:EVIDENCE_PER_ITEM])
    return {
        "id": node,
        "type": label,
        "name": name,
        "label": name,
        "aliases": [str(a) for a in attrs.get("aliases") or () if a != name],
        "mentions": int(attrs.get("mentions") or 0),
        "documents": len(documents),
        "docs": documents[:EVIDENCE_PER_ITEM],
        "date": attrs.get("date"),
        "note": attrs.get("note"),
        # vis scales the radius linearly with value; the square root makes area follow the measure
        "value": round(math.sqrt(max(size, 0.0)), 6),
        "evidence": evidence,
    }


def _size_documents(nodes: list[dict[str, Any]]) -> None:
    """Documents have no rank of their own; draw them like a well-linked entity."""
    values = sorted(n["value"] for n in nodes if n["type"] != load_schema().document.label)
    typical = values[int(len(values) * 0.75)] if values else 1.0
    for node in nodes:
        if node["type"] == load_schema().document.label:
            node["value"] = typical


def node_evidence(full: nx.MultiDiGraph, node: str) -> list[dict[str, Any]]:
    """Up to five distinct sentences naming ``node``, from its strongest links first."""
    edges = (
        *full.in_edges(node, keys=True, data=True),
        *full.out_edges(node, keys=True, data=True),
    )
    links = [attrs for _, _, key, attrs in edges if is_evidence_link(attrs, key)]
    links.sort(key=lambda a: -(a.get("weight") or 0))
    found: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for attrs in links:
        for evidence in attrs.get("evidence") or ():
            item = _evidence(evidence)
            key = (item["doc"], item["text"])
            if key in seen:
                continue
            seen.add(key)
            found.append(item)
            if len(found) == EVIDENCE_PER_ITEM:
                return found
    return found


def _edge(
    number: int, source: str, target: str, attrs: dict[str, Any], cited: set[str]
) -> dict[str, Any]:
    kind = str(attrs.get("type", ""))
    wording = load_wording()
    item: dict[str, Any] = {
        "id": f"e{number}",
        "from": source,
        "to": target,
        "kind": kind,
        "phrase": wording.link(kind, (str(p) for p in attrs.get("patterns") or ())),
        "typed": kind in load_schema().relation_types,
    }
    if is_evidence_link(attrs):
        evidence = [_evidence(e) for e in (attrs.get("evidence") or ())[:EVIDENCE_PER_ITEM]]
        cited.update(e["doc"] for e in evidence)
        item["weight"] = evidence_weight(attrs)
        item["evidence"] = evidence
        item["stated"] = sorted({wording.stated_as(str(p)) for p in attrs.get("patterns") or ()})
        item["curated"] = [describe(str(c)) for c in attrs.get("curated") or ()]  # graph.curation
    elif kind == "MENTIONS":
        item["count"] = int(attrs.get("count") or 1)
    return item


def _evidence(evidence: Any) -> dict[str, Any]:
    """One sentence and where it sits; accepts Evidence records or their dict form."""
    if not isinstance(evidence, dict):
        evidence = evidence.as_dict()
    item: dict[str, Any] = {
        "doc": str(evidence.get("document", "")),
        "text": _cut(str(evidence["text"])),
    }
    anchor = sentence_anchor(evidence.get("start"), evidence.get("end"))
    if anchor:
        item["anchor"] = anchor
    return item


def sentence_anchor(start: object, end: object) -> str | None:
    """The id of a sentence on its document's page (``s120-188``), from its offsets."""
    if isinstance(start, int) and isinstance(end, int):
        return f"s{start}-{end}"
    return None


def _document(attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": str(attrs.get("title") or attrs.get("key") or ""),
        "date": attrs.get("date_iso") or attrs.get("date"),
        "authors": [str(a) for a in attrs.get("authors") or ()],
    }


def _cut(text: str, limit: int = MAX_SENTENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
