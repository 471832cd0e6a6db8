"""Likely duplicates for the analyst to review: pairs of one label, ranked, with why.

Four signs, strongest first: one name is a shared acronym of the other, a person's
surname alone beside the full name, one name contained word for word in the other
("Lords" in "House of Lords"), and near-identical spelling (rapidfuzz's ratio, which
catches "van de Zyl" / "van der Zyl"). A pair the analyst separated is never proposed.
Each pair is shown with sentences naming each side, read from the store (``sentences``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from actorgraph.graph.curation.apply import find
from actorgraph.graph.curation.judgements import Curation
from actorgraph.graph.extraction.resolution import acronym_of, is_acronym
from actorgraph.graph.model import DOCUMENT
from actorgraph.graph.stores.base import Store

FUZZY_CUTOFF = 88  # rapidfuzz ratio (0-100); below it, spellings differ by more than a typo
Entity = tuple[str, str]  # node id, name
RANK = {"acronym": 0, "surname": 1, "contained": 2, "similar": 3}
EXAMPLES = 2  # sentences shown per name
NAMING = (  # the entity is a bound parameter; the limit covers a few mentions per sentence
    "MATCH (s:Sentence)-[m:HAS_MENTION]->(e {id: $id}) "
    "RETURN s.id, s.text, m.start_char - s.start_char AS at "
    f"ORDER BY s.document, s.position, at LIMIT {4 * EXAMPLES}"
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    first: str  # node ids, first < second
    second: str
    reason: str  # a key of RANK
    score: int  # the fuzzy ratio of the two names

    def sort_key(self) -> tuple[int, int, str, str]:
        return (RANK[self.reason], -self.score, self.first, self.second)


def suggest(
    graph: nx.MultiDiGraph, curation: Curation, *, label: str | None = None, limit: int = 20
) -> list[Suggestion]:
    """The ``limit`` likeliest duplicate pairs, never one the analyst separated."""
    apart = {
        frozenset((a, b))
        for first, second in curation.separations()
        for a in find(graph, first)
        for b in find(graph, second)
    }
    by_label: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        if attrs["label"] != DOCUMENT and label in (None, attrs["label"]):
            by_label[attrs["label"]].append((node, attrs["name"]))
    found: dict[tuple[str, str], Suggestion] = {}
    for kind, entities in by_label.items():
        for a, b, reason in _pairs(entities, kind):
            (first, x), (second, y) = sorted((a, b))
            if frozenset((first, second)) in apart:
                continue
            new = Suggestion(first, second, reason, int(fuzz.ratio(x.casefold(), y.casefold())))
            old = found.get((first, second))
            if old is None or new.sort_key() < old.sort_key():
                found[first, second] = new
    return sorted(found.values(), key=Suggestion.sort_key)[:limit]


def _pairs(entities: list[tuple[str, str]], label: str) -> Iterator[tuple[Entity, Entity, str]]:
    """(entity, entity, reason) for every sign found between two names of one label."""
    words: dict[str, list[int]] = defaultdict(list)
    acronyms: dict[str, list[int]] = defaultdict(list)
    for i, (_, name) in enumerate(entities):
        for word in set(name.casefold().split()):
            words[word].append(i)
        for acronym in acronym_of(name):
            acronyms[acronym].append(i)
    for i, (_, name) in enumerate(entities):
        if is_acronym(name):
            for j in acronyms.get(name, ()):
                yield entities[i], entities[j], "acronym"
    sharing = {pair for group in words.values() for pair in combinations(group, 2)}
    for i, j in sorted(sharing):
        reason = _containment(entities[i][1], entities[j][1], label)
        if reason:
            yield entities[i], entities[j], reason
    names = [name.casefold() for _, name in entities]
    scores = process.cdist(
        names, names, scorer=fuzz.ratio, dtype=np.uint8, score_cutoff=FUZZY_CUTOFF
    )
    for i, j in zip(*np.nonzero(np.triu(scores, k=1)), strict=True):
        yield entities[int(i)], entities[int(j)], "similar"


def _containment(a: str, b: str, label: str) -> str:
    short, full = sorted((a.casefold().split(), b.casefold().split()), key=len)
    if len(short) == len(full):
        return ""
    if label == "Person" and len(short) == 1 and short[0] == full[-1]:
        return "surname"
    n = len(short)
    return "contained" if any(full[k : k + n] == short for k in range(len(full) - n + 1)) else ""


def sentences(store: Store, node: str) -> list[tuple[str, int]]:
    """Up to ``EXAMPLES`` stored sentences naming ``node`` in reading order, each with
    where in it the name first appears."""
    found: dict[str, tuple[str, int]] = {}
    for sentence, text, at in store.query(NAMING, {"id": node}).rows:
        found.setdefault(sentence, (text, int(at)))
    return list(found.values())[:EXAMPLES]
