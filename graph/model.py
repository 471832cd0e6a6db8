"""The in-memory graph: Documents, entities and the links between them.

``GraphBuilder`` folds one ``Extraction`` at a time into a networkx ``MultiDiGraph``
holding entities, aggregated links and the sentences that are their evidence, never
parsed documents: memory follows the graph, not the parsed text. The sentences and
mentions of the documents added in this build are kept beside the graph
(``GraphBuilder.texts``) for the store, which holds every sentence once. Every
aggregate is built from sets keyed by document (evidence is a set of sentences, each
naming its document), so adding a document twice changes nothing and removing one takes
back exactly what it added.

Attribute layout (the contract views, exports and stores rely on):

- entity node ``Label:slug``: label, name, aliases, documents, mentions, date, note,
  and the derived degree, pagerank, betweenness, community (graph.metrics);
- Document node ``doc:<hash>``: label "Document", key, title, authors, date,
  date_iso, source, bio;
- edges keyed by type: WROTE (Person -> Document), MENTIONS {count} (Document ->
  entity), CO_MENTIONED {weight, evidence} (once per pair, source < target), typed
  relations {weight, evidence, patterns} (directed as the text states); evidence is a
  list of ``Evidence`` (a sentence: document and index, with its text when known).

A node merged into another or renamed is recorded in ``graph.graph["renamed"]`` (old id
-> new id), so the store can move the stored mentions of the old id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import combinations
from typing import Any

import networkx as nx

from actorgraph.graph.extraction import limits
from actorgraph.graph.extraction.paths import GENERIC
from actorgraph.graph.extraction.predicate_table import predicate_table
from actorgraph.graph.extraction.resolution import EntityRef, Resolver, entity_id
from actorgraph.graph.metrics import add_derived_figures
from actorgraph.graph.records import (
    DocumentText,
    Evidence,
    Extraction,
    MentionRow,
    Sentence,
    SentenceRow,
    sentence_id,
)
from actorgraph.graph.schema import load_schema
from actorgraph.loaders.document import Document

DOCUMENT = "Document"
SET_ATTRS = ("aliases", "documents")
# The caps a sentence's co-mentions obey (graph.extraction.limits says why), for the report.
CO_MENTION_MAX_ENTITIES = limits.CO_MENTION_MAX_ENTITIES
CO_MENTION_MAX_CHARS = limits.CO_MENTION_MAX_CHARS


class GraphBuilder:
    """Accumulates extractions into a graph; ``finish`` resolves corpus-wide and freezes it."""

    def __init__(
        self,
        graph: nx.MultiDiGraph | None = None,
        resolver: Resolver | None = None,
        *,
        in_place: bool = False,
    ):
        """Start from ``graph`` (a stored one), copied unless ``in_place``: a build that
        keeps a ``StoredGraph`` of it for the diff lets the builder change it."""
        if graph is None:
            graph = nx.MultiDiGraph()
        self.graph = thaw(graph if in_place else graph.copy())
        self.finished = False
        self.crowded_sentences = 0  # sentences past the co-mention caps, in this builder's adds
        self.resolver = resolver or Resolver()
        self.resolver.seed(self.graph)
        self.schema = load_schema()
        self.targets = predicate_table(self.resolver.lexicon).targets
        self.texts: dict[str, DocumentText] = {}  # the documents added, for the store
        self._keys = {
            attrs["key"]: node
            for node, attrs in self.graph.nodes(data=True)
            if attrs["label"] == DOCUMENT and attrs.get("key")
        }

    def has_document(self, document: Document) -> bool:
        return document.id in self.graph

    def has_key(self, key: str) -> bool:
        """Whether a version of the document at ``key`` (source and position) is held."""
        return key in self._keys

    def documents(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """The Document nodes held, with their attributes."""
        return ((n, a) for n, a in self.graph.nodes(data=True) if a["label"] == DOCUMENT)

    def document_key(self, document_id: str) -> str | None:
        """The key of the held document ``document_id``, None when it is not held."""
        attrs = self.graph.nodes.get(document_id)
        return attrs.get("key") if attrs is not None and attrs["label"] == DOCUMENT else None

    def move_document(self, document_id: str, key: str, source: str) -> None:
        """The same content found at a new place (a renamed or moved file): re-address it."""
        attrs = self.graph.nodes[document_id]
        self._keys.pop(attrs.get("key"), None)
        attrs["key"], attrs["source"] = key, source
        self._keys[key] = document_id

    def add(self, extraction: Extraction) -> bool:
        """Fold one document in; False when it was already there unchanged."""
        if self.finished:
            raise RuntimeError("finish() froze this builder's graph; start a new builder")
        document = extraction.document
        if document.id in self.graph:
            return False
        previous = self._keys.get(document.key)
        if previous is not None:
            self.remove_document(previous)
        self._keys[document.key] = document.id
        self.graph.add_node(document.id, **_document_attrs(document))

        for author in document.authors:
            author_id = entity_id("Person", author)
            node = self._entity(EntityRef(author_id, "Person", author))
            node["aliases"].add(author)
            self.graph.add_edge(author_id, document.id, key="WROTE", type="WROTE")

        refs = self.resolver.resolve(extraction)
        counts: Counter[str] = Counter()
        by_sentence: dict[int, set[str]] = {}
        mention_rows: list[MentionRow] = []
        for mention, ref in zip(extraction.mentions, refs, strict=True):
            if ref is None:
                continue
            if not mention.via:
                mention_rows.append(
                    MentionRow(
                        sentence_id(document.id, mention.sentence),
                        ref.id,
                        ref.label,
                        mention.start,
                        mention.end,
                        mention.text,
                    )
                )
            node = self._entity(ref)
            if not mention.via:  # "he", "the party" refer to the entity but do not name it
                node["aliases"].add(mention.text)
            node["documents"].add(document.id)
            if mention.date and not node.get("date"):
                node["date"] = mention.date
            counts[ref.id] += 1
            if not mention.via:  # CO_MENTIONED joins entities *named* in one sentence
                by_sentence.setdefault(mention.sentence, set()).add(ref.id)
        for entity, count in counts.items():
            self.graph.add_edge(document.id, entity, key="MENTIONS", type="MENTIONS", count=count)

        sentences = extraction.sentences
        self.texts[document.id] = DocumentText(
            document.id, sentence_rows(document.id, document.text, sentences), mention_rows
        )
        per_sentence = Counter(mention.sentence for mention in extraction.mentions)
        full = {i for i, n in per_sentence.items() if limits.crowded(n, len(sentences[i].text))}
        self.crowded_sentences += len(full)  # the relation finder skipped them too
        for index, entities in by_sentence.items():
            if index in full:
                continue
            sentence = sentences[index]
            evidence = Evidence(document.id, index, sentence.start, sentence.end, sentence.text)
            for source, target in combinations(sorted(entities), 2):
                self._link(source, target, "CO_MENTIONED", evidence)
        for relation in extraction.relations:
            source, target = refs[relation.source], refs[relation.target]
            if source is None or target is None or source.id == target.id:
                continue
            sentence = sentences[relation.sentence]
            evidence = Evidence(
                document.id, relation.sentence, sentence.start, sentence.end, sentence.text
            )
            link = self.schema.check_link(relation.type)
            if target.label not in self.targets.get(link, (target.label,)):
                # the extractor checked the mention's label, resolution may change it:
                # "contest Bethnal Green" (a seat typed Organisation there) opposes no place
                link = GENERIC
            self._link(source.id, target.id, link, evidence)
            link_set(self.graph.edges[source.id, target.id, link], "patterns").add(
                relation.signature
            )
        return True

    def remove_document(self, document_id: str) -> None:
        """Take back everything a document contributed (a changed article replaces it)."""
        graph = self.graph
        mentioned = set(graph.successors(document_id))
        touched = mentioned | set(graph.predecessors(document_id))
        graph.remove_node(document_id)
        self.texts.pop(document_id, None)
        self._keys = {key: node for key, node in self._keys.items() if node != document_id}
        # Its evidence lies only on links between entities it mentions (merges move the
        # MENTIONS links with the evidence), so only those are visited, not the graph.
        for source in mentioned:
            for _, target, key, attrs in list(graph.out_edges(source, keys=True, data=True)):
                if "evidence" not in attrs or target not in mentioned:
                    continue
                evidence = link_set(attrs, "evidence")
                evidence -= {e for e in evidence if e.document == document_id}
                if not evidence:
                    graph.remove_edge(source, target, key)
        for node in touched:
            if node in graph and graph.nodes[node]["label"] != DOCUMENT:
                graph.nodes[node]["documents"].discard(document_id)
                if graph.degree(node) == 0:
                    graph.remove_node(node)

    def finish(self, curate: Callable[[nx.MultiDiGraph], object] | None = None) -> nx.MultiDiGraph:
        """Corpus-wide merges, notes, aggregates and derived figures; returns the frozen graph.

        ``curate`` (the analyst's judgements, graph.curation) edits the resolved graph
        before the aggregates, so they count what it merged.

        The graph is frozen in place, not copied (a copy held ~140 MB more at 5,000
        documents), so the builder is spent afterwards.
        """
        for source, target in self.resolver.final_merges(self.graph).items():
            if source in self.graph and target in self.graph and source != target:
                fold_node(self.graph, source, target)
        for node, note in self.resolver.notes(self.graph).items():
            if node in self.graph:
                self.graph.nodes[node]["note"] = note
        if curate is not None:
            curate(self.graph)
        graph = freeze(self.graph)
        add_derived_figures(graph)
        self.finished = True
        return graph

    def _entity(self, ref: EntityRef) -> dict[str, Any]:
        if ref.id not in self.graph:
            self.graph.add_node(
                ref.id,
                label=self.schema.check_label(ref.label),
                name=ref.name,
                aliases=set(),
                documents=set(),
                mentions=0,
                date=None,
                note=ref.note,
            )
        return self.graph.nodes[ref.id]

    def _link(self, source: str, target: str, link_type: str, evidence: Evidence) -> None:
        if self.schema.links[link_type].symmetric and target < source:
            source, target = target, source
        if not self.graph.has_edge(source, target, link_type):
            attrs: dict[str, Any] = {"type": link_type, "evidence": set()}
            if link_type != "CO_MENTIONED":
                attrs["patterns"] = set()
            self.graph.add_edge(source, target, key=link_type, **attrs)
        link_set(self.graph.edges[source, target, link_type], "evidence").add(evidence)


def fold_node(graph: nx.MultiDiGraph, source: str, target: str) -> None:
    """Merge node ``source`` into ``target`` (a thawed graph): aliases, documents, links."""
    schema = load_schema()
    into = graph.nodes[target]
    for name in SET_ATTRS:
        into[name] |= graph.nodes[source][name]
    into["aliases"].add(graph.nodes[source]["name"])
    if not into.get("date"):
        into["date"] = graph.nodes[source].get("date")
    moved = [(u, v, k, d) for u, v, k, d in graph.in_edges(source, keys=True, data=True)]
    moved += [(u, v, k, d) for u, v, k, d in graph.out_edges(source, keys=True, data=True)]
    graph.remove_node(source)
    record_rename(graph, source, target)
    for u, v, key, attrs in moved:
        u, v = (target if u == source else u), (target if v == source else v)
        if u == v:
            continue
        if schema.links[key].symmetric and v < u:
            u, v = v, u
        if not graph.has_edge(u, v, key):
            graph.add_edge(u, v, key=key, **attrs)
            continue
        existing = graph.edges[u, v, key]
        if key == "MENTIONS":
            existing["count"] += attrs["count"]
        elif "evidence" in attrs:
            link_set(existing, "evidence").update(attrs["evidence"])
            if "patterns" in attrs:
                link_set(existing, "patterns").update(attrs["patterns"])


def record_rename(graph: nx.MultiDiGraph, old: str, new: str) -> None:
    """Note that node ``old`` now lives on as ``new`` (a merge or a new label or name)."""
    renamed: dict[str, str] = graph.graph.setdefault("renamed", {})
    for earlier, now in renamed.items():
        if now == old:
            renamed[earlier] = new
    renamed[old] = new


def sentence_rows(document: str, text: str, sentences: Iterable[Sentence]) -> list[SentenceRow]:
    """The stored sentences of a document: the non-empty ones, each with the characters
    between it and the previous one, so that the article can be rebuilt from them."""
    rows = []
    end = 0
    for index, sentence in enumerate(sentences):
        if not sentence.text:
            continue
        gap = text[end : sentence.start]
        rows.append(
            SentenceRow(
                sentence_id(document, index),
                document,
                index,
                sentence.start,
                sentence.end,
                sentence.text,
                gap,
            )
        )
        end = sentence.end
    return rows


def _document_attrs(document: Document) -> dict[str, Any]:
    return {
        "label": DOCUMENT,
        "key": document.key,
        "title": document.title,
        "authors": list(document.authors),
        "date": document.date,
        "date_iso": document.date_iso,
        "source": document.source,
        "bio": document.bio,
    }


def thaw(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Node lists to sets, for cheap updates. A link's lists become sets only when it is
    changed (``link_set``): adding ten documents to a large archive touches few links."""
    for _, attrs in graph.nodes(data=True):
        if attrs["label"] != DOCUMENT:
            for name in SET_ATTRS:
                attrs[name] = set(attrs.get(name) or ())
    return graph


def link_set(attrs: dict[str, Any], name: str) -> set[Any]:
    """A link's ``evidence`` or ``patterns`` as a set to change (a frozen list is
    converted in place, and ``freeze`` turns it back)."""
    value = attrs.get(name)
    if not isinstance(value, set):
        value = attrs[name] = set(value or ())
    return value


def freeze(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The contract layout, in place: sorted lists, weights and counts derived from the
    sets (a link never changed keeps its lists and weight)."""
    for node, attrs in graph.nodes(data=True):
        if attrs["label"] != DOCUMENT:
            attrs["aliases"] = sorted(attrs["aliases"])
            attrs["documents"] = sorted(attrs["documents"])
            attrs["mentions"] = sum(
                d["count"]
                for _, _, k, d in graph.in_edges(node, keys=True, data=True)
                if k == "MENTIONS"
            )
    for _, _, attrs in graph.edges(data=True):
        if isinstance(attrs.get("evidence"), set):
            attrs["evidence"] = sorted(attrs["evidence"])
            attrs["weight"] = len(attrs["evidence"])
        elif "evidence" in attrs and "weight" not in attrs:
            attrs["weight"] = len(attrs["evidence"])
        if isinstance(attrs.get("patterns"), set):
            attrs["patterns"] = sorted(attrs["patterns"])
    return graph


def build_graph(
    extractions: Iterable[Extraction], resolver: Resolver | None = None
) -> nx.MultiDiGraph:
    """A graph from extractions, in one call (tests, benchmarks, notebooks)."""
    builder = GraphBuilder(resolver=resolver)
    for extraction in extractions:
        builder.add(extraction)
    return builder.finish()
