"""Mentions that are not names: events named by a place and a noun, descriptions that
refer back to a named actor ("the junta", "the bill").

Both are resolved within one document, from what the document itself says: "the coup
in Myanmar" names the event that a later "the coup" refers to; "The military, known as
the Tatmadaw" ties "the military" to the Tatmadaw. Nothing is bound when the document
leaves it ambiguous.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from actorgraph.graph.extraction.lexicon import Lexicon, fold

YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")


@dataclass(frozen=True, slots=True)
class Found:
    """A mention located by tokens, before it becomes a ``Mention`` record."""

    start: int  # token offsets in the Doc
    end: int
    label: str
    name: str
    date: str | None = None


def date_near(ent: Span) -> str | None:
    """A year the text attaches to an event: in its name, before it in the same phrase
    ("the 1989 Tiananmen Square crackdown"), or "of/in 1989", "(1989)" after it."""
    doc = ent.doc
    for token in doc[min(ent.start, ent.root.left_edge.i) : ent.end]:
        if YEAR.match(token.text):
            return token.text
    after = [t.text for t in doc[ent.end : ent.end + 2]]
    if len(after) == 2 and after[0] in ("of", "in", "(") and YEAR.match(after[1]):
        return after[1]
    return None


class Located(dict[int, Found]):
    """Mentions by token index, for constant-time "which mention is this token in"."""

    @classmethod
    def of(cls, found: list[Found]) -> Located:
        located = cls()
        for item in found:
            for index in range(item.start, item.end):
                located.setdefault(index, item)
        return located


def event_nouns(doc: Doc, found: list[Found], lexicon: Lexicon) -> list[Found]:
    """ "the coup in Myanmar" / "Myanmar's coup" -> Event "Myanmar coup"; bare "the coup" after."""
    at = Located.of(found)
    named: dict[str, set[str]] = {}
    hits: list[tuple[Token, str | None]] = []
    for token in doc:
        if token.pos_ != "NOUN" or fold(token.text) not in lexicon.event_nouns:
            continue
        if at.get(token.i) is not None:
            continue
        place = None
        for child in token.children:
            # "the coup in Myanmar", "the Myanmar coup"; not "Beijing's genocide", where
            # the possessor is the perpetrator rather than the place.
            targets = [child]
            if child.dep_ == "prep" and child.lower_ == "in":
                targets = [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ != "compound":
                continue
            for target in targets:
                ent = at.get(target.i)
                if ent is not None and ent.label in ("State", "Region"):
                    place = ent.name
        if place is not None:
            named.setdefault(fold(token.text), set()).add(place)
        hits.append((token, place))
    out = []
    for token, place in hits:
        places = named.get(fold(token.text), set())
        if place is None and len(places) == 1 and _is_definite(token):
            place = next(iter(places))
        if place is not None:
            date = date_near(token.doc[token.i : token.i + 1])
            out.append(Found(token.i, token.i + 1, "Event", f"{place} {token.lower_}", date))
    return out


def _is_definite(token: Token) -> bool:
    return any(c.dep_ in ("det", "poss") for c in token.children)


def anaphors(doc: Doc, found: list[Found], lexicon: Lexicon) -> list[Found]:
    """ "the junta", "the regime" -> the named actor the document ties that description to."""
    at = Located.of(found)
    if not lexicon.anaphors or not doc.has_annotation("DEP"):
        return []
    bindings: dict[str, set[tuple[str, str]]] = {}
    for token in doc:
        anaphor = lexicon.anaphor_class(token.text)
        if anaphor is None or at.get(token.i) is not None:
            continue
        for bound in _ties(token, at):
            bindings.setdefault(anaphor.name, set()).add((bound.label, bound.name))
    for anaphor in lexicon.anaphors:
        known = {(f.label, f.name) for f in found if fold(f.name) in anaphor.known}
        if anaphor.label:  # "the bill" -> the one "... Bill" of the document
            known |= {
                (f.label, f.name)
                for f in found
                if f.label == anaphor.label and fold(f.name.split()[-1]) in anaphor.heads
            }
        if known and anaphor.name not in bindings:
            bindings[anaphor.name] = known
    places = Counter(f.name for f in found if f.label in ("State", "Region"))
    focus = places.most_common(1)[0][0] if places else None
    out = []
    for token in doc:
        anaphor = lexicon.anaphor_class(token.text)
        if anaphor is None or token.pos_ not in ("NOUN", "PROPN"):
            continue
        bound_to = bindings.get(anaphor.name, set())
        if len(bound_to) != 1 or at.get(token.i) is not None:
            continue
        if not _refers_back(token, at, focus):
            continue
        label, name = next(iter(bound_to))
        out.append(Found(token.i, token.i + 1, label, name))
    return out


def _ties(token: Token, at: Located) -> list[Found]:
    """Entities a description is tied to: "X regime" (compound) or "the N, known as X"."""
    out = []
    if token.i > 0:
        before = at.get(token.i - 1)
        if before is not None and before.end == token.i and before.label == "Organisation":
            out.append(before)
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_ in ("know", "call", "name"):
            for prep in child.children:
                if prep.lower_ == "as":
                    for obj in prep.subtree:
                        ent = at.get(obj.i)
                        if ent is not None and ent not in out:
                            out.append(ent)
        if child.dep_ == "appos":
            ent = at.get(child.i)
            if ent is not None:
                out.append(ent)
    return [ent for ent in out if ent.label != "Person"]  # a person is not "the junta"


def _refers_back(token: Token, at: Located, focus: str | None) -> bool:
    """A definite description, not someone else's ("the UK military", "Russia's army")."""
    determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
    for child in token.children:
        ent = at.get(child.i)
        if child.dep_ == "compound" and ent is not None:
            return False
        if child.dep_ == "poss":
            if ent is None:
                return child.lower_ in ("its", "their", "his", "her")
            return ent.label == "Person" or ent.name == focus
    return bool(determiners & {"the", "this", "that", "these", "those"})
