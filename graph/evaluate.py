"""Scoring a built graph against a gold annotation file (format: ``../shared/eval/README.md``).

Entities are matched by surface form after ``normal_key``; precision counts the entity
nodes of the gold documents, recall the gold entities; the typed scores also require
the node's label to be the gold type or an accepted alternative. Alias merging,
over-merging and typed-relation recall follow the README word for word.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any

import networkx as nx

from actorgraph.graph.extraction.resolution import normal_key

DOCUMENT = "Document"
STRUCTURAL = frozenset({"MENTIONS", "WROTE", "CO_MENTIONED"})


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str
    type: str
    alt_types: tuple[str, ...]
    aliases: tuple[str, ...]
    docs: tuple[str, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(normal_key(form) for form in (self.name, *self.aliases))

    @property
    def types(self) -> frozenset[str]:
        return frozenset((self.type, *self.alt_types))


@dataclass(frozen=True, slots=True)
class GoldRelation:
    source: str
    target: str
    kind: str
    doc: str
    evidence: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    file: str
    title: str | None
    opening: str | None = None


@dataclass(frozen=True, slots=True)
class Gold:
    documents: tuple[GoldDocument, ...]
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]


def load_gold(path: str | Path) -> Gold:
    data = json.loads(Path(path).read_text("utf-8"))
    return Gold(
        documents=tuple(
            GoldDocument(d["id"], d["file"], d.get("title"), d.get("opening"))
            for d in data["documents"]
        ),
        entities=tuple(
            GoldEntity(
                e["name"],
                e["type"],
                tuple(e.get("alt_types") or ()),
                tuple(e.get("aliases") or ()),
                tuple(e.get("docs") or ()),
            )
            for e in data["entities"]
        ),
        relations=tuple(
            GoldRelation(r["source"], r["target"], r["kind"], r["doc"], r["evidence"])
            for r in data.get("relations", ())
        ),
    )


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, true_nodes: int, nodes: int, found: int, gold: int) -> Scores:
        p = true_nodes / nodes if nodes else 0.0
        r = found / gold if gold else 0.0
        return cls(round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0)


@dataclass
class Report:
    documents: dict[str, str | None]  # gold document id -> graph Document node (None: absent)
    nodes: int  # entity nodes in scope
    gold_entities: int
    untyped: Scores
    typed: Scores
    alias_merge_rate: float
    multi_form_entities: int
    relation_recall: float
    gold_relations: int
    misses: list[str] = field(default_factory=list)
    wrong_type: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    over_merged: list[str] = field(default_factory=list)
    relations_found: list[str] = field(default_factory=list)
    relations_missed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def match_documents(graph: nx.MultiDiGraph, gold: Gold) -> dict[str, str | None]:
    """Each gold document's Document node: same file, then same title (or opening)."""
    nodes = [(n, a) for n, a in graph.nodes(data=True) if a.get("label") == DOCUMENT]
    out: dict[str, str | None] = {}
    for doc in gold.documents:
        same_file = [(n, a) for n, a in nodes if PurePath(a.get("source") or "").name == doc.file]
        chosen = None
        if doc.title is not None:
            chosen = next(
                (
                    n
                    for n, a in same_file
                    if normal_key(a.get("title") or "") == normal_key(doc.title)
                ),
                None,
            )
        elif len(same_file) == 1:
            chosen = same_file[0][0]
        elif doc.opening:
            opening = normal_key(doc.opening)
            chosen = next(
                (
                    n
                    for n, a in same_file
                    if opening.startswith(normal_key(a.get("title") or "")[:40])
                ),
                None,
            )
        out[doc.id] = chosen
    return out


def _node_keys(attrs: dict[str, Any]) -> frozenset[str]:
    return frozenset(normal_key(form) for form in (attrs["name"], *attrs.get("aliases", ())))


def scoped_entities(graph: nx.MultiDiGraph, documents: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Entity nodes mentioned in (or writing) one of ``documents``."""
    wanted = set(documents)
    out = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("label") in (None, DOCUMENT):
            continue
        linked = {v for _, v in graph.out_edges(node)} | {u for u, _ in graph.in_edges(node)}
        if wanted & (set(attrs.get("documents") or ()) | linked):
            out[node] = attrs
    return out


def evaluate(graph: nx.MultiDiGraph, gold: Gold) -> Report:
    """Score ``graph`` against ``gold`` as the gold README describes."""
    documents = match_documents(graph, gold)
    nodes = scoped_entities(graph, [d for d in documents.values() if d])
    keys = {node: _node_keys(attrs) for node, attrs in nodes.items()}
    matches = {e.name: [n for n in nodes if keys[n] & e.keys] for e in gold.entities}
    typed = {
        e.name: [n for n in matches[e.name] if nodes[n]["label"] in e.types] for e in gold.entities
    }
    matched_by = {n: [e for e in gold.entities if keys[n] & e.keys] for n in nodes}

    untyped = Scores.of(
        sum(1 for n in nodes if matched_by[n]),
        len(nodes),
        sum(1 for e in gold.entities if matches[e.name]),
        len(gold.entities),
    )
    typed_scores = Scores.of(
        sum(1 for n in nodes if any(nodes[n]["label"] in e.types for e in matched_by[n])),
        len(nodes),
        sum(1 for e in gold.entities if typed[e.name]),
        len(gold.entities),
    )
    multi = [e for e in gold.entities if len(set(e.aliases)) > 1]
    merged = [e for e in multi if len(matches[e.name]) == 1]

    by_name = {e.name: e for e in gold.entities}
    found_rel, missed_rel = [], []
    for rel in gold.relations:
        ends = matches.get(rel.source, []), matches.get(rel.target, [])
        links = _typed_links(graph, *ends)
        text = f"{rel.source} -{rel.kind}-> {rel.target}"
        if rel.source not in by_name or rel.target not in by_name:
            text += " (end not in gold entities)"
        if links:
            found_rel.append(f"{text}  [graph: {', '.join(sorted(links))}]")
        else:
            missed_rel.append(text)

    return Report(
        documents=documents,
        nodes=len(nodes),
        gold_entities=len(gold.entities),
        untyped=untyped,
        typed=typed_scores,
        alias_merge_rate=round(len(merged) / len(multi), 4) if multi else 1.0,
        multi_form_entities=len(multi),
        relation_recall=round(len(found_rel) / len(gold.relations), 4) if gold.relations else 1.0,
        gold_relations=len(gold.relations),
        misses=[f"{e.type} {e.name}" for e in gold.entities if not matches[e.name]],
        wrong_type=[
            f"{e.type} {e.name}: graph has {', '.join(nodes[n]['label'] for n in matches[e.name])}"
            for e in gold.entities
            if matches[e.name] and not typed[e.name]
        ],
        spurious=sorted(
            f"{nodes[n]['label']} {nodes[n]['name']}" for n in nodes if not matched_by[n]
        ),
        split=[
            f"{e.name}: {', '.join(sorted(matches[e.name]))}"
            for e in gold.entities
            if len(matches[e.name]) > 1
        ],
        over_merged=[
            f"{n}: {', '.join(e.name for e in matched_by[n])}"
            for n in nodes
            if len(matched_by[n]) > 1
        ],
        relations_found=found_rel,
        relations_missed=missed_rel,
    )


def _typed_links(graph: nx.MultiDiGraph, sources: list[str], targets: list[str]) -> set[str]:
    """Typed link types joining any node of ``sources`` with any of ``targets``, either way."""
    found = set()
    for a in sources:
        for b in targets:
            for u, v in ((a, b), (b, a)):
                if graph.has_edge(u, v):
                    found |= {k for k in graph[u][v] if k not in STRUCTURAL}
    return found


def format_report(report: Report) -> str:
    """The report as an analyst reads it: figures first, then the lists to act on."""
    lines = [
        f"documents: {len([d for d in report.documents.values() if d])}/{len(report.documents)}"
        f" gold documents found; {report.nodes} entity nodes in scope,"
        f" {report.gold_entities} gold entities",
        f"entities (untyped)  P {report.untyped.precision:.3f}  R {report.untyped.recall:.3f}"
        f"  F1 {report.untyped.f1:.3f}",
        f"entities (typed)    P {report.typed.precision:.3f}  R {report.typed.recall:.3f}"
        f"  F1 {report.typed.f1:.3f}",
        f"alias-merge rate    {report.alias_merge_rate:.3f}"
        f" (of {report.multi_form_entities} gold entities with several surface forms)",
        f"over-merged nodes   {len(report.over_merged)}",
        f"relation recall     {report.relation_recall:.3f} (of {report.gold_relations})",
    ]
    sections = [
        ("missed entities", report.misses),
        ("wrong type", report.wrong_type),
        ("spurious nodes", report.spurious),
        ("split entities", report.split),
        ("over-merged nodes", report.over_merged),
        ("relations found", report.relations_found),
        ("relations missed", report.relations_missed),
    ]
    for title, items in sections:
        lines.append(f"\n{title} ({len(items)}):")
        lines += [f"  {item}" for item in items] or ["  -"]
    return "\n".join(lines)
