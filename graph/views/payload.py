"""The data a page draws, as plain JSON-able values: nodes, links, documents, legend, notes.

The page's script builds everything a reader sees from this payload, through
``textContent``; so this module decides *what* is shown (evidence picked, titles looked
up, what the cap left out), ``views.network`` how it is drawn, and the page's script
how a reader works with it.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from actorgraph.graph.schema import load_schema
from actorgraph.graph.views.select import Selection, is_entity, is_evidence_link, strength

EVIDENCE_PER_ITEM = 5
MAX_SENTENCE = 420  # characters of an evidence sentence shown; longer ones are cut with "…"
MAX_LABEL = 40  # characters of a document title used as a node label
SIZE_LABELS = {"pagerank": "PageRank (area)", "degree": "number of linked entities (area)"}


def payload(full: nx.MultiDiGraph, selection: Selection, *, title: str) -> dict[str, Any]:
    """Everything the page needs; ``full`` supplies document titles and node evidence."""
    sub = selection.graph
    size_by = selection.request.size_by
    cited: set[str] = set()
    nodes = [_node(full, node, attrs, size_by, cited) for node, attrs in sub.nodes(data=True)]
    _size_documents(nodes)
    edges = [
        _edge(number, source, target, attrs, cited)
        for number, (source, target, attrs) in enumerate(sub.edges(data=True))
    ]
    docs = {doc: _document(full.nodes[doc]) for doc in sorted(cited) if doc in full}
    weights = [e["weight"] for e in edges if e.get("weight")]
    return {
        "meta": {
            "title": title,
            "subtitle": subtitle(full, selection),
            "notice": notice(full, selection),
            "focus": selection.focus,
            "sizeBy": size_by,
            "sizeLabel": SIZE_LABELS[size_by],
            "maxWeight": max(weights, default=1),
            "documents": selection.request.include_documents,
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


def subtitle(full: nx.MultiDiGraph, selection: Selection) -> str:
    request = selection.request
    sub = selection.graph
    entities = len(selection.entities)
    links = sum(1 for *_, a in sub.edges(data=True) if is_evidence_link(a))
    if selection.focus is not None:
        name = full.nodes[selection.focus].get("name", selection.focus)
        hops = "link" if request.depth == 1 else "links"
        parts = [f"Neighbourhood of {name}, within {request.depth} {hops}"]
    else:
        parts = ["Whole graph"]
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
            f"(by {SIZE_LABELS[request.size_by].split(' (')[0]}); {len(selection.omitted)} "
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


def _node(
    full: nx.MultiDiGraph, node: str, attrs: dict[str, Any], size_by: str, cited: set[str]
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
        "value": round(math.sqrt(max(strength(attrs, size_by), 0.0)), 6),
        "evidence": evidence,
    }


def _size_documents(nodes: list[dict[str, Any]]) -> None:
    """Documents have no rank of their own; draw them like a well-linked entity."""
    values = sorted(n["value"] for n in nodes if n["type"] != load_schema().document.label)
    typical = values[int(len(values) * 0.75)] if values else 1.0
    for node in nodes:
        if node["type"] == load_schema().document.label:
            node["value"] = typical


def node_evidence(full: nx.MultiDiGraph, node: str) -> list[dict[str, str]]:
    """Up to five distinct sentences naming ``node``, from its strongest links first."""
    edges = (
        *full.in_edges(node, keys=True, data=True),
        *full.out_edges(node, keys=True, data=True),
    )
    links = [attrs for _, _, key, attrs in edges if is_evidence_link(attrs, key)]
    links.sort(key=lambda a: -(a.get("weight") or 0))
    found: list[dict[str, str]] = []
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
    item: dict[str, Any] = {
        "id": f"e{number}",
        "from": source,
        "to": target,
        "kind": kind,
        "typed": kind in load_schema().relation_types,
    }
    if is_evidence_link(attrs):
        evidence = [_evidence(e) for e in (attrs.get("evidence") or ())[:EVIDENCE_PER_ITEM]]
        cited.update(e["doc"] for e in evidence)
        item["weight"] = int(attrs.get("weight") or len(attrs.get("evidence") or ()) or 1)
        item["evidence"] = evidence
        item["patterns"] = [str(p) for p in attrs.get("patterns") or ()]
    elif kind == "MENTIONS":
        item["count"] = int(attrs.get("count") or 1)
    return item


def _evidence(evidence: Any) -> dict[str, str]:
    """One sentence; accepts Evidence records or their dict form (``as_dict``)."""
    if isinstance(evidence, dict):
        return {"doc": str(evidence.get("document", "")), "text": _cut(str(evidence["text"]))}
    return {"doc": str(evidence.document), "text": _cut(str(evidence.text))}


def _document(attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": str(attrs.get("title") or attrs.get("key") or ""),
        "date": attrs.get("date_iso") or attrs.get("date"),
        "authors": [str(a) for a in attrs.get("authors") or ()],
    }


def _cut(text: str, limit: int = MAX_SENTENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
