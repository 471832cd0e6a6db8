"""Relations stated inside a noun phrase, for the general finder (``predicates``).

"X of/from Y" ("Brad Adams of Human Rights Watch"); a participle or relative clause on a
name ("Huawei, based in China", "X, who leads Y", "the regime led by Y"); a possessor
acting through a noun ("Straw's visit to China", "Mr Straw's China trip"); an apposed
wider place ("Brick Lane, east London"); a compound adjective ("the US-led coalition").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from actorgraph.graph.extraction.lexicon import fold
from actorgraph.graph.extraction.paths import (
    HYPHENS,
    NOMINAL_PREPS,
    PREDICATE_POS,
    RELATIVE_PRONOUNS,
    SUBJECTS,
    Link,
    Side,
)
from actorgraph.graph.extraction.statements import modality

if TYPE_CHECKING:
    from actorgraph.graph.extraction.predicates import PredicateFinder


def noun_phrase(
    finder: PredicateFinder, head: int, other: int, side: tuple[Token, ...]
) -> Iterator[Link]:
    """ "X of Y", "X, based in Y", "X, who leads Y", "the regime led by Y"."""
    top = side[-1]
    if len(side) == 1 and top.dep_ == "appos" and _place_in_place(finder, head, other):
        yield finder.link(head, other, "LOCATED_IN", "appos", top, "in", "asserted")
        return
    if top.dep_ == "prep" and len(side) == 2 and side[0].dep_ == "pobj":
        rel_type = finder.table.of_types.get(finder.labels[other])
        between = finder.doc[finder.end(head) : top.i]
        if (
            top.lower_ in finder.table.of_preps
            and rel_type
            and finder.labels[head] != "Bill"
            and all(  # right after the name or its list: "X, from Y", "X and Z, from Y"
                t.is_punct or t.dep_ == "cc" or t.i in finder.of_token for t in between
            )
            and fold(finder.names[other]) not in fold(finder.names[head])  # "Myanmar coup"
        ):
            yield finder.link(head, other, rel_type, "of", top, top.lower_, "asserted")
        return
    if top.dep_ not in ("relcl", "acl") or top.pos_ not in PREDICATE_POS:
        return
    inner = Side(side[-2].dep_, side[:-1]) if len(side) > 1 else None
    if inner is None:
        return
    own = finder.of_token.get(side[0].i)
    if any(
        t.i in finder.of_token
        and finder.of_token[t.i] != own
        and side[n - 1].dep_ not in ("conj", "appos")
        for n, t in enumerate(side[1:], 1)
    ):
        return  # "X, chaired by Y, who prosecuted Z": Z is Y's, not X's
    if inner.role == "agent" and len(inner.tokens) != 2:
        return
    relative_subject = any(
        c.dep_ in SUBJECTS and c.lower_ in RELATIVE_PRONOUNS for c in top.children
    )
    if inner.role == "agent" or (inner.role in SUBJECTS and not relative_subject):
        source, target, obj = other, head, None  # "the regime led by Y", "Y, which X leads"
    elif relative_subject or top.tag_ in ("VBG", "VBN") or top.dep_ == "acl":
        source, target, obj = head, other, inner
    else:
        return
    if obj is not None and not finder.object_path(obj):
        return
    predicate, prep, _ = finder.predicate(top, obj) if obj is not None else (top, None, None)
    if predicate is None:
        return
    lemma = fold(predicate.lemma_)
    keys = [f"{lemma} {prep.lower_}"] if prep is not None else []
    if prep is None or (obj is not None and obj.role in ("dobj", "obj", "attr")):
        keys.append(lemma)
    if obj is None:
        keys = [lemma]
    words = lemma + (f" {prep.lower_}" if prep is not None else "")
    rel_type = finder.table.type_of(keys)
    how = modality(finder.table, predicate, top)
    yield finder.link(source, target, rel_type, "gclause", predicate, words, how)


def _place_in_place(finder: PredicateFinder, head: int, other: int) -> bool:
    """ "Brick Lane, east London", "Aleppo, Syria": a place and, apposed, the wider one
    it lies in; not a list of places ("France, Germany and Italy")."""
    if finder.labels[head] != "Region" or finder.labels[other] not in ("Region", "State"):
        return False
    tokens = (finder.roots[head], finder.roots[other])
    return not any(t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children) for t in tokens)


def nominal(
    finder: PredicateFinder, noun: Token, first: tuple[int, Side], second: tuple[int, Side]
) -> Iterator[Link]:
    """ "Straw's visit to China": a possessor acting through a noun the lexicon names."""
    ordered = sorted((first, second), key=lambda item: item[1].role not in ("poss", "appos"))
    (source, owner), (target, obj) = ordered
    if owner.role == "appos":
        yield from _apposed_of(finder, noun, source, owner, target, obj)
        return
    if owner.role != "poss" or len(owner.tokens) > 2:
        return
    if obj.role == "compound" and len(obj.tokens) == 1:  # "Mr Straw's China trip"
        lemma = fold(noun.lemma_)
        rel_type = finder.table.type_of([lemma])
        if rel_type is not None:
            yield finder.link(source, target, rel_type, "gnoun", noun, lemma, "asserted")
        return
    if obj.role != "prep":
        return
    if len(obj.tokens) != 2 or obj.tokens[0].dep_ != "pobj":
        return
    prep = obj.tokens[-1]
    lemma = fold(noun.lemma_)
    rel_type = finder.table.type_of([f"{lemma} {prep.lower_}", lemma])
    if rel_type is None and prep.lower_ not in NOMINAL_PREPS:
        return
    words = f"{lemma} {prep.lower_}"
    yield finder.link(source, target, rel_type, "gnoun", noun, words, "asserted")


def _apposed_of(
    finder: PredicateFinder, noun: Token, name: int, apposed: Side, other: int, obj: Side
) -> Iterator[Link]:
    """ "her opponent, Han Kuo-yu of the Kuomintang": the parse hangs "of Y" on the
    noun, but right after the apposed name it is the name's ("X of Y")."""
    if len(apposed.tokens) != 1 or len(obj.tokens) != 2 or obj.tokens[0].dep_ != "pobj":
        return
    prep = obj.tokens[-1]
    rel_type = finder.table.of_types.get(finder.labels[other])
    if prep.lower_ in finder.table.of_preps and rel_type and prep.i == finder.end(name):
        yield finder.link(name, other, rel_type, "of", prep, prep.lower_, "asserted")


def compound_adjectives(finder: PredicateFinder) -> Iterator[Link]:
    """ "the China-wary Democratic Progressive Party", "the US-led coalition"."""
    doc = finder.doc
    for first in range(len(finder.roots)):
        end = finder.end(first)
        if end + 1 >= len(doc) or doc[end].text not in HYPHENS:
            continue
        word = doc[end + 1]
        if word.i in finder.of_token or (
            word.whitespace_ == "" and word.i + 1 < len(doc) and doc[word.i + 1].text == "-"
        ):
            continue
        head = word.head
        second = finder.of_token.get(head.i)
        if second is None and head.pos_ == "NOUN":
            second = finder.of_token.get(head.head.i) if head.dep_ in ("compound", "amod") else None
        if second is None or second == first:
            continue
        spec = finder.table.compounds.get(fold(word.text))
        if spec is None:
            source, target, rel_type = second, first, None
        else:
            rel_type = spec[0]
            source, target = (second, first) if spec[1] else (first, second)
        yield finder.link(source, target, rel_type, "hyphen", word, fold(word.text), "asserted")
