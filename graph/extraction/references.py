"""Mentions that are not names: events named by a place and a noun, descriptions that
refer back to a named actor ("the junta", "the bill").

Both are resolved within one document, from what the document itself says: "the coup
in Myanmar" names the event that a later "the coup" refers to; "The military, known as
the Tatmadaw" ties "the military" to the Tatmadaw. Nothing is bound when the document
leaves it ambiguous. Pronouns are bound here too, by the search of ``pronouns``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from actorgraph.graph.extraction.entity_types import CALENDAR_WORDS, HEAD_STOPS
from actorgraph.graph.extraction.lexicon import Lexicon, fold
from actorgraph.graph.extraction.pronouns import (
    BLOCKING_LABELS,
    Agreement,
    Candidates,
    antecedent,
    is_object,
    is_rival,
)

YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
DATE_PREPOSITIONS = ("on", "of", "in", "from", "since")  # "the coup on <date>"
MAX_DATE_TOKENS = 6  # "the 1st of February, 2021"


@dataclass(frozen=True, slots=True)
class Found:
    """A mention located by tokens, before it becomes a ``Mention`` record."""

    start: int  # token offsets in the Doc
    end: int
    label: str
    name: str
    date: str | None = None
    via: str = ""  # for a reference: the words that referred ("he", "the party")


def date_near(ent: Span) -> str | None:
    """The date the text attaches to an event, as written: a dated phrase the event's word
    governs ("the coup on 1 February 2021", "the massacre of 4 June 1989"), else a year in
    its name or before it in the same phrase ("the 1989 Tiananmen Square crackdown"), or
    "of/in 1989", "(1989)" after it. A date must hold a year: none is ever guessed."""
    doc = ent.doc
    for prep in ent.root.children:
        if prep.dep_ == "prep" and prep.lower_ in DATE_PREPOSITIONS:
            for obj in prep.children:
                dated = _date_phrase(obj)
                if dated:
                    return dated
    for token in doc[min(ent.start, ent.root.left_edge.i) : ent.end]:
        if YEAR.match(token.text):
            return token.text
    after = [t.text for t in doc[ent.end : ent.end + 2]]
    if len(after) == 2 and after[0] in ("of", "in", "(") and YEAR.match(after[1]):
        return after[1]
    return None


def _date_phrase(token: Token) -> str | None:
    """The short dated phrase the token heads ("1 February 2021"), when it holds a year
    and no name: the pipeline keeps no DATE entities, so the parse bounds the phrase."""
    phrase = token.doc[token.left_edge.i : token.right_edge.i + 1]
    if len(phrase) > MAX_DATE_TOKENS or any(t.ent_type_ for t in phrase):
        return None
    return phrase.text if any(YEAR.match(t.text) for t in phrase) else None


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
        if place is None and fold(token.text) in lexicon.shapes["placed_by_demonym"]:
            place = next(  # "the Belarusian presidential election": Belarus's
                (
                    lexicon.state_demonyms[fold(child.text)]
                    for child in token.children
                    if child.dep_ == "amod" and fold(child.text) in lexicon.state_demonyms
                ),
                None,
            )
        before = at.get(token.i - 1) if token.i > 0 else None
        if (
            place is None
            and before is not None
            and before.label in ("State", "Region")
            and doc[token.i - 1].dep_ in ("compound", "amod", "nmod")
        ):
            place = before.name  # "his anti Iraq war stance": a sibling in the parse
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
                if f.label == anaphor.label and _head_words(f.name) & anaphor.heads
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


def _head_words(name: str) -> set[str]:
    """The words that may head a name: the last ("Protection of Freedoms Bill") and the
    one before its first "of/on/for..." ("ban" in "Canada ban on timber imports")."""
    words = fold(name).split()
    stop = next((i for i, w in enumerate(words[1:], 1) if w in HEAD_STOPS), len(words))
    return {words[-1], words[stop - 1]}


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


# ---------------------------------------------------------------- coreference
PERSON_TAGS = frozenset({"PRP", "PRP$"})
DEFINITE = frozenset({"the", "this", "that"})
ARGUMENT_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr"})
DESCRIPTION_WINDOW = 1000  # "the party" may name a party introduced paragraphs before


class _Document:
    """What the reference rules need of one document: its names in order, by sentence."""

    def __init__(self, doc: Doc, tokens: list[Token], found: list[Found], lexicon: Lexicon) -> None:
        spec = lexicon.references
        self.doc = doc
        self.named = sorted(found, key=lambda f: f.start)
        self.at = Located.of(found)
        self.starts = [sent.start for sent in doc.sents]
        self.window = int(spec.get("pronouns", {}).get("window", 2))
        self.quote = _quotations(tokens)
        counts = Counter(f.name for f in found if f.label == "State")
        # "British detainees", "the British people" speak of the state as much as its name
        states = _adjectives(spec, {f.name for f in found})
        counts.update(
            hit[1]
            for token in tokens
            if (hit := states.get(fold(token.text))) is not None and hit[0] == "State"
        )
        self.counts = counts
        self.own: dict[str, str] = {}  # label -> the latest "<State>'s government" named
        self.labels = {f.name: f.label for f in found}
        genders = spec.get("gender", {})
        titles = {fold(w): g for g in ("male", "female") for w in genders.get(g, [])}
        self.gender: dict[str, str] = {}
        for f in found:
            if f.label == "Person":
                for index in (f.start - 1, f.start):
                    if 0 <= index < len(doc) and fold(doc[index].text) in titles:
                        self.gender.setdefault(f.name, titles[fold(doc[index].text)])

    def note(self, desc: dict, named: Found | None) -> None:
        """A description the text ties to a name ("the British government", "Myanmar's
        government"): a later bare one means the same, until another is named."""
        if named is not None and named.label == desc["label"]:
            self.own[desc["label"]] = named.name

    def dominant(self, desc: dict) -> str | None:
        """The entity "the government" means: the latest one the text tied it to, else the
        document's most-mentioned state when it clearly leads (``margin`` times the next),
        else none: in a text about two states a bare "the government" would be a guess."""
        if desc["label"] in self.own:
            return self.own[desc["label"]]
        ranked = self.counts.most_common(2)
        if not ranked:
            return None
        if len(ranked) == 2 and ranked[0][1] < float(desc.get("margin", 1)) * ranked[1][1]:
            return None
        return ranked[0][0]

    def sentence(self, index: int) -> int:
        """The number of the sentence token ``index`` is in."""
        return bisect_right(self.starts, index) - 1

    def latest(
        self, token: Token, labels: frozenset[str], heads: frozenset[str] = frozenset()
    ) -> Found | None:
        """The latest argument name of ``labels`` before a description (within
        ``DESCRIPTION_WINDOW`` sentences): in an earlier sentence a subject wins over a
        later non-subject; within the description's own sentence the nearest name wins."""
        here = self.sentence(token.i)
        best: Found | None = None
        for item in reversed(self.named):
            if item.start >= token.i or item.label not in labels or item.via:
                continue
            if heads and not heads & set(fold(item.name).split()):
                continue
            if self.quote[token.i] and self.quote[item.start] != self.quote[token.i]:
                continue  # inside a quotation only what the speaker names
            if self.doc[item.start : item.end].root.dep_ not in ARGUMENT_ROLES:
                continue  # "US-funded reporters": a name used as a modifier is not meant
            there = self.sentence(item.start)
            if here - there > DESCRIPTION_WINDOW:
                break
            if there == here:
                return item
            if best is not None and self.sentence(best.start) != there:
                break
            if best is None or (
                self.doc[item.start : item.end].root.dep_ in ("nsubj", "nsubjpass")
                and self.doc[best.start : best.end].root.dep_ not in ("nsubj", "nsubjpass")
            ):
                best = item
        return best


def coreferences(doc: Doc, found: list[Found], lexicon: Lexicon) -> list[Found]:
    """Pronouns, definite descriptions and actor adjectives bound to a name of the document.

    The rules and word lists are ``references.toml``; each bound word becomes a mention of
    the entity carrying the words that referred, and an unbound word stays nothing.
    """
    if not found or not doc.has_annotation("DEP"):
        return []
    spec = lexicon.references
    tokens = list(doc)  # one Token object per position, made once for every pass
    context = _Document(doc, tokens, found, lexicon)
    pronouns = spec.get("pronouns", {})
    kinds = {fold(w): kind for kind in ("male", "female", "thing") for w in pronouns.get(kind, [])}
    things = frozenset(pronouns.get("thing_labels", []))
    descriptions = {
        fold(noun): desc for desc in spec.get("descriptions", {}).values() for noun in desc["nouns"]
    }
    adjectives = _adjectives(spec, {f.name for f in found})
    out: list[Found] = []
    referred: dict[int, Found | None] = {}  # each pronoun and description read so far
    never_rivals = _never_rivals(lexicon)
    agreements = {kind: Agreement(frozenset({"Person"}), kind) for kind in ("male", "female")}
    agreements["thing"] = Agreement(things, None, BLOCKING_LABELS)
    objects = frozenset(pronouns.get("object_thing_labels", things))
    agreements["object"] = Agreement(objects, None, BLOCKING_LABELS | (things - objects))

    def rival(token: Token, agreement: Agreement) -> bool:
        if token.i in referred:  # an earlier pronoun of the same kind, left unbound
            return referred[token.i] is None and kinds.get(fold(token.text)) in (
                agreement.gender or "thing",
            )
        return is_rival(token, agreement, never_rivals)

    seen = Candidates(
        lambda i: context.at.get(i) or referred.get(i),
        rival,
        context.gender.get,
        context.quote,
    )
    skip_to = 0
    for token in tokens:
        if token.i < skip_to or context.at.get(token.i) is not None:
            continue
        key = fold(token.text)
        pair = fold(doc[token.i : token.i + 2].text)
        two = adjectives.get(pair)  # "Liberal Democrat", "Lib Dem", "North Korean"
        if two is not None and context.at.get(token.i + 1) is None:
            label, name = two
            out.append(
                Found(token.i, token.i + 2, label, name, via=doc[token.i : token.i + 2].text)
            )
            skip_to = token.i + 2
            continue
        bound: Found | None = None
        if token.tag_ in PERSON_TAGS and key in kinds and token.dep_ != "expl":
            kind = kinds[key]
            if not (kind == "thing" and _expletive(token)):
                if kind == "thing" and is_object(token):
                    kind = "object"
                bound = antecedent(token, agreements[kind], seen, context.window)
            referred[token.i] = bound
            via = token.text
        elif token.pos_ in ("NOUN", "PROPN") and key in descriptions:
            bound = _description(token, descriptions[key], context, adjectives)
            referred[token.i] = bound
            via = doc[token.left_edge.i : token.i + 1].text if bound else ""
        elif key in adjectives and token.dep_ in ("amod", "compound", "nmod"):
            adjective = adjectives[key]
            if adjective is not None:
                label, name = adjective
                out.append(Found(token.i, token.i + 1, label, name, via=token.text))
            continue
        if bound is not None:
            out.append(Found(token.i, token.i + 1, bound.label, bound.name, via=via))
    return out


def _never_rivals(lexicon: Lexicon) -> frozenset[str]:
    """Words that never head a phrase a pronoun means instead of a name: titles, offices,
    demonyms, role nouns, months and days ("Mr", "Foreign Secretary", "British",
    "spokesman", "June")."""
    roles = frozenset(fold(word) for word in lexicon.relations.get("nouns", {}))
    return (
        CALENDAR_WORDS
        | lexicon.honorifics
        | lexicon.peerage
        | lexicon.offices
        | lexicon.demonyms
        | frozenset(lexicon.state_demonyms)
        | roles
    )


OPENING_QUOTES = frozenset({"\u201c", "\u00ab"})
CLOSING_QUOTES = frozenset({"\u201d", "\u00bb"})


def _quotations(tokens: list[Token]) -> list[int]:
    """For each token, the number of the quotation it is in (0: none). A straight quote
    opens before a word and closes after one; a paragraph break ends any quotation, since
    British papers leave a quote of several paragraphs open at each paragraph's end."""
    out, current, count = [], 0, 0
    for token in tokens:
        text = token.text
        if "\n" in text:
            current = 0
        elif text in OPENING_QUOTES or (
            text == '"' and not token.whitespace_ and (token.i == 0 or token.nbor(-1).whitespace_)
        ):
            count += 1
            current = count
        elif text in CLOSING_QUOTES or text == '"':
            out.append(current)
            current = 0
            continue
        out.append(current)
    return out


def _adjectives(spec: dict, named: set[str]) -> dict[str, tuple[str, str] | None]:
    """Adjective -> (label, entity): parties always, a state's demonym when it is named
    (None when it is not: "the British government" then stands for no state)."""
    table = spec.get("adjectives", {})
    out: dict[str, tuple[str, str] | None] = {}
    for name, words in table.get("parties", {}).items():
        out.update({fold(w): ("Organisation", name) for w in words})
    for name, words in table.get("states", {}).items():
        out.update({fold(w): ("State", name) if name in named else None for w in words})
    return out


def _expletive(token: Token) -> bool:
    """ "it is absurd to ...", "it is time to ...", "it is X who ...", "it was thought
    that ...": an "it" that refers to nothing (or to what follows, not before)."""
    head = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or head.lemma_ != "be":
        return token.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in head.children)
    deps = {c.dep_ for c in head.children}
    return "attr" in deps or ("acomp" in deps and bool(deps & {"xcomp", "ccomp"}))


def _description(
    token: Token,
    desc: dict,
    context: _Document,
    adjectives: dict[str, tuple[str, str] | None],
) -> Found | None:
    """The entity "the government" / "the party" stands for, if the document says."""
    children = list(token.children)
    for prep in children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:  # "the government of X": X is named right there
                context.note(desc, context.at.get(obj.i))
            return None
    apposed = [context.at.get(c.i) for c in children if c.dep_ == "appos"]
    after = token.doc[token.i + 1 : token.i + 4]
    if len(after) > 1 and after[0].text == ",":  # an apposition the parse hung elsewhere
        apposed.append(context.at.get(after[2 if after[1].lower_ == "the" else 1].i))
    named_there = next((a for a in apposed if a is not None and a.label == desc["label"]), None)
    if named_there is not None:
        context.note(desc, named_there)
        return None  # "their party, the National League for Democracy": named there
    for child in children:
        if (
            child.dep_ in ("compound", "nmod")
            and child.pos_ == "NOUN"
            and child.is_lower
            and fold(child.text) not in adjectives
        ):
            return None  # "the surveillance state", "the police state": another sense
    for child in children:
        if child.dep_ in ("compound", "poss", "amod", "nmod"):
            named = context.at.get(child.i)
            if named is not None:
                context.note(desc, named)
                return None  # "Myanmar's government": the name is in the phrase
            key = fold(child.text)
            if key in adjectives:
                adjective = adjectives[key]
                if adjective is None or adjective[0] != desc["label"]:
                    return None  # "the British government" where Britain is never named
                found = Found(token.i, token.i + 1, adjective[0], adjective[1])
                context.note(desc, found)
                return found
    determiners = {c.lower_ for c in children if c.dep_ in ("det", "poss")}
    title_word = token.dep_ == "pobj" and token.head.lower_ == "of"  # "Secretary of State"
    if not determiners & (DEFINITE | {"its", "their"}) and (
        not token.text[:1].isupper() or title_word
    ):
        return None
    labels = frozenset({desc["label"]})
    if desc.get("bind") == "dominant":
        name = context.dominant(desc)
        return Found(token.i, token.i + 1, desc["label"], name) if name else None
    heads = frozenset(fold(h) for h in desc.get("heads", []))
    return context.latest(token, labels, heads)
