"""Scoring a built graph against a gold annotation file (format: ``../shared/eval/README.md``).

Entities are matched by surface form after ``normal_key``; precision counts the entity
nodes of the gold documents, recall the gold entities; the typed scores also require
the node's label to be the gold type or an accepted alternative. Alias merging,
over-merging and typed-relation recall follow the README word for word; relation
precision is the share of typed links of the gold documents that join a pair some gold
relation joins (either direction, any kind).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, astuple, dataclass, field, replace
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


class GoldError(ValueError):
    """A gold file that cannot be read: the message names the file and the problem."""


def load_gold(path: str | Path) -> Gold:
    """The gold annotation in ``path``; a GoldError says what is wrong with a bad file."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"{path}: no such gold file")
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not a readable JSON file: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        kind = type(data).__name__
        raise GoldError(
            f"{path}: a gold file is a JSON object with a 'documents' list "
            f"(and 'entities', 'relations'), not a {kind}"
        )
    try:
        return _gold_of(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise GoldError(f"{path}: malformed gold record ({exc!r} missing or wrong)") from None


def _gold_of(data: dict[str, Any]) -> Gold:
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


def only_documents(gold: Gold, ids: Iterable[str]) -> Gold:
    """The part of ``gold`` about the documents ``ids`` (one half of a split)."""
    wanted = set(ids)
    return Gold(
        documents=tuple(d for d in gold.documents if d.id in wanted),
        entities=tuple(
            replace(e, docs=tuple(d for d in e.docs if d in wanted))
            for e in gold.entities
            if wanted & set(e.docs)
        ),
        relations=tuple(r for r in gold.relations if r.doc in wanted),
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


@dataclass(frozen=True, slots=True)
class Counts:
    """The raw counts behind a report's figures, summed when reports are combined."""

    nodes: int = 0  # entity nodes in scope
    true_nodes: int = 0  # ... matching some gold entity
    typed_true_nodes: int = 0  # ... with an accepted type
    gold_entities: int = 0
    found: int = 0  # gold entities matched by some node
    typed_found: int = 0
    multi_form: int = 0  # gold entities with several surface forms
    merged: int = 0  # ... landing on exactly one node
    gold_relations: int = 0
    found_relations: int = 0
    typed_links: int = 0  # typed links with evidence in the gold documents
    links_on_gold_pairs: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


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
    relation_precision: float = 1.0
    typed_links: int = 0
    counts: Counts = field(default_factory=Counts)
    misses: list[str] = field(default_factory=list)
    wrong_type: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    over_merged: list[str] = field(default_factory=list)
    relations_found: list[str] = field(default_factory=list)
    relations_missed: list[str] = field(default_factory=list)
    links_off_gold: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, documents: dict[str, str | None], counts: Counts, **lists: list[str]) -> Report:
        """A report whose figures are computed from ``counts``."""
        c = counts
        return cls(
            documents=documents,
            nodes=c.nodes,
            gold_entities=c.gold_entities,
            untyped=Scores.of(c.true_nodes, c.nodes, c.found, c.gold_entities),
            typed=Scores.of(c.typed_true_nodes, c.nodes, c.typed_found, c.gold_entities),
            alias_merge_rate=_share(c.merged, c.multi_form),
            multi_form_entities=c.multi_form,
            relation_recall=_share(c.found_relations, c.gold_relations),
            gold_relations=c.gold_relations,
            relation_precision=_share(c.links_on_gold_pairs, c.typed_links),
            typed_links=c.typed_links,
            counts=c,
            **lists,
        )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def combine(reports: Iterable[Report]) -> Report:
    """One report over several gold files: counts summed (micro-averaged), lists joined."""
    reports = list(reports)
    total = sum((r.counts for r in reports), Counts())
    documents: dict[str, str | None] = {}
    lists: dict[str, list[str]] = {name: [] for name in LIST_FIELDS}
    for report in reports:
        documents.update(report.documents)
        for name in LIST_FIELDS:
            lists[name] += getattr(report, name)
    return Report.of(documents, total, **lists)


LIST_FIELDS = (
    "misses",
    "wrong_type",
    "spurious",
    "split",
    "over_merged",
    "relations_found",
    "relations_missed",
    "links_off_gold",
)


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

    multi = [e for e in gold.entities if len(set(e.aliases)) > 1]
    merged = [e for e in multi if len(matches[e.name]) == 1]

    by_name = {e.name: e for e in gold.entities}
    found_rel, missed_rel = [], []
    gold_pairs: set[frozenset[str]] = set()
    for rel in gold.relations:
        ends = matches.get(rel.source, []), matches.get(rel.target, [])
        gold_pairs |= {frozenset((a, b)) for a in ends[0] for b in ends[1]}
        joining = _typed_links(graph, *ends)
        text = f"{rel.source} -{rel.kind}-> {rel.target}"
        if rel.source not in by_name or rel.target not in by_name:
            text += " (end not in gold entities)"
        if joining:
            found_rel.append(f"{text}  [graph: {', '.join(sorted(joining))}]")
        else:
            missed_rel.append(text)
    links = _links_of_documents(graph, {d for d in documents.values() if d})
    off_gold = sorted(
        f"{graph.nodes[u]['name']} -{key}-> {graph.nodes[v]['name']}"
        for u, v, key in links
        if frozenset((u, v)) not in gold_pairs
    )
    counts = Counts(
        nodes=len(nodes),
        true_nodes=sum(1 for n in nodes if matched_by[n]),
        typed_true_nodes=sum(
            1 for n in nodes if any(nodes[n]["label"] in e.types for e in matched_by[n])
        ),
        gold_entities=len(gold.entities),
        found=sum(1 for e in gold.entities if matches[e.name]),
        typed_found=sum(1 for e in gold.entities if typed[e.name]),
        multi_form=len(multi),
        merged=len(merged),
        gold_relations=len(gold.relations),
        found_relations=len(found_rel),
        typed_links=len(links),
        links_on_gold_pairs=len(links) - len(off_gold),
    )
    return Report.of(
        documents,
        counts,
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
        links_off_gold=off_gold,
    )


def _links_of_documents(graph: nx.MultiDiGraph, documents: set[str]) -> list[tuple[str, str, str]]:
    """Typed links with evidence from one of ``documents`` (or none recorded: kept)."""
    out = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        if key in STRUCTURAL or graph.nodes[u].get("label") == DOCUMENT:
            continue
        evidence = attrs.get("evidence") or ()
        if not evidence or any(_evidence_document(e) in documents for e in evidence):
            out.append((u, v, key))
    return out


def _evidence_document(evidence: Any) -> str | None:
    if isinstance(evidence, dict):
        return evidence.get("document")
    return getattr(evidence, "document", None)


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
        "relation precision  "
        + (f"{report.relation_precision:.3f}" if report.typed_links else "n/a")
        + f" (of {report.typed_links} typed links, share on gold pairs)",
    ]
    sections = [
        ("missed entities", report.misses),
        ("wrong type", report.wrong_type),
        ("spurious nodes", report.spurious),
        ("split entities", report.split),
        ("over-merged nodes", report.over_merged),
        ("relations found", report.relations_found),
        ("relations missed", report.relations_missed),
        ("typed links off gold pairs", report.links_off_gold),
    ]
    for title, items in sections:
        lines.append(f"\n{title} ({len(items)}):")
        lines += [f"  {item}" for item in items] or ["  -"]
    return "\n".join(lines)


TABLE_COLUMNS = (
    ("typed P", lambda r: r.typed.precision),
    ("typed R", lambda r: r.typed.recall),
    ("typed F1", lambda r: r.typed.f1),
    ("untyped F1", lambda r: r.untyped.f1),
    ("alias-merge", lambda r: r.alias_merge_rate),
    ("over-merged", lambda r: len(r.over_merged)),
    ("rel recall", lambda r: r.relation_recall),
    ("rel precision", lambda r: r.relation_precision if r.typed_links else "n/a"),
    ("typed links", lambda r: r.typed_links),
)


def format_table(rows: Iterable[tuple[str, Report]]) -> str:
    """One line of figures per gold file (or half), for comparing them at a glance."""
    rows = list(rows)
    width = max([len(name) for name, _ in rows] + [8])
    header = f"{'':{width}}" + "".join(f" {title:>13}" for title, _ in TABLE_COLUMNS)
    lines = [header]
    for name, report in rows:
        cells = []
        for _, value in TABLE_COLUMNS:
            figure = value(report)
            cells.append(f" {figure:>13.3f}" if isinstance(figure, float) else f" {figure:>13}")
        lines.append(f"{name:{width}}" + "".join(cells))
    return "\n".join(lines)


def gold_texts(path: Path, gold: Gold) -> list[Path]:
    """Where a gold file's texts are: ``texts/`` beside it, beside it, or ``../seeds``.

    The shared layout (``eval/dev_articles/texts/n01.txt``, ``eval/dev_gold.json`` with the
    seed files in ``seeds/`` beside ``eval/``); a file found nowhere is left out.
    """
    base = path.resolve().parent
    places = (base / "texts", base, base.parent / "seeds", base.parent.parent / "seeds")
    found: list[Path] = []
    for document in gold.documents:
        for place in places:
            candidate = place / document.file
            if candidate.is_file():
                if candidate not in found:
                    found.append(candidate)
                break
    return found


def build_from_texts(paths: Iterable[Path], model: str | None = None) -> nx.MultiDiGraph:
    """The graph the build makes of ``paths``, in memory (no store is touched)."""
    from actorgraph.graph.extraction.mentions import DEFAULT_MODEL, Extractor
    from actorgraph.graph.model import build_graph
    from actorgraph.loaders.document import Document
    from actorgraph.loaders.registry import load_paths

    documents = [d for d in load_paths(list(paths)) if isinstance(d, Document)]
    return build_graph(Extractor(model or DEFAULT_MODEL).extract(documents))
