"""The dependency path between two mentions of a sentence, as the general finder reads it.

A ``Side`` is one mention's way up the tree to the word that joins it to the other; its
role there (subject, agent, object, ...) decides whether the two stand in a relation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

GENERIC = "RELATED_TO"
SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
SHARED_ROLE = frozenset({"conj", "appos", "cc", "punct"})  # coordinated or apposed names
OBJECT_DEPS = frozenset(
    {"dobj", "obj", "attr", "dative", "oprd", "pobj", "prep", "agent", "xcomp", "ccomp"}
    | {"advcl", "pcomp", "conj", "appos", "npadvmod", "acomp"}
)
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
PREDICATE_POS = frozenset({"VERB", "AUX"})
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
COPULAS = frozenset({"be", "become", "remain", "seem"})
PLACES = frozenset({"Region", "State"})
BODIES = frozenset({"Organisation", "Tribunal"})  # what has members and posts
NOMINAL_PREPS = frozenset({"of", "on", "against", "with", "into", "over"})  # not "in": a place
MAX_SIDE = 5  # tokens from a mention up to the joining word
MAX_NOUN_HOPS = 1  # "imposed sanctions on X": one noun between verb and name


@dataclass(frozen=True, slots=True)
class Link:
    """A relation found on a path, before it becomes a ``Relation`` record."""

    source: int
    target: int
    type: str
    pattern: str
    anchor: Token
    predicate: str
    modality: str = "asserted"
    stated_type: str = ""
    claimant: str = ""
    act: str = ""


@dataclass(frozen=True, slots=True)
class Side:
    """One mention's way up to the joining word: its role there and the words passed."""

    role: str  # dep of the last token below the joining word
    tokens: tuple[Token, ...]  # from the mention's root up, the joining word excluded


def chain(token: Token, limit: int | None = None) -> list[Token]:
    """``token`` and its heads up to the root (at most ``limit`` tokens)."""
    out = [token]
    while out[-1].head.i != out[-1].i and (limit is None or len(out) < limit):
        out.append(out[-1].head)
    return out


def subject_rank(side: Side) -> int:
    """0 an active subject, 1 a passive agent, 2 a passive subject, 3 anything else."""
    roles = [t.dep_ for t in side.tokens]
    core = [r for r in roles[:-1] if r not in SHARED_ROLE]
    if side.role in SUBJECTS and not core:
        return 0
    if side.role == "agent" and [r for r in core if r != "pobj"] == []:
        return 1
    if side.role in PASSIVE_SUBJECTS and not core:
        return 2
    return 3


def is_object_path(side: Side) -> bool:
    inner = OBJECT_DEPS | SUBJECTS | PASSIVE_SUBJECTS
    return all(t.dep_ in inner for t in side.tokens[1:]) and (
        side.tokens[0].dep_ in OBJECT_DEPS | SHARED_ROLE | SUBJECTS | PASSIVE_SUBJECTS
        or len(side.tokens) == 1
    )


def co_agent_phrase(prep: Token, words: frozenset[str]) -> Token | None:
    """The preposition whose object a co-agent phrase joins ("with" of "along with"), or
    None when ``prep`` starts no such phrase."""
    inner = [c for c in prep.children if c.dep_ == "prep" and f"{prep.lower_} {c.lower_}" in words]
    adverbs = {f"{c.lower_} {prep.lower_}" for c in prep.children if c.dep_ == "advmod"}
    return inner[0] if inner else prep if prep.lower_ in words or adverbs & words else None


def co_agent_conjunct(name: Token, words: frozenset[str]) -> bool:
    """ "launched X along with A, and B": a name the parse coordinates with the verb after
    a co-agent phrase on it is one more co-agent (a verb has no names as conjuncts)."""
    verb = name.head
    return (
        name.dep_ == "conj"
        and name.pos_ == "PROPN"
        and verb.pos_ in ("VERB", "AUX")
        and any(
            c.dep_ == "prep" and c.i < name.i and co_agent_phrase(c, words) is not None
            for c in verb.children
        )
    )


def finite(verb: Token) -> bool:
    """Whether a verb has an auxiliary of tense ("is imposing", not "to impose")."""
    return any(c.dep_ == "aux" and c.tag_ != "TO" for c in verb.children)


def named_noun(root: Token, naming: frozenset[str]) -> Token | None:
    """The noun a name is given to: "a body called X", "the group known as X" (the body,
    the group), so the name takes the noun's place in the sentence; None otherwise."""
    verb = root.head
    if root.dep_ == "pobj" and verb.dep_ == "prep":
        word, verb = f" {verb.lower_}", verb.head  # "known as X"
    elif root.dep_ in ("oprd", "attr", "dobj"):
        word = ""
    else:
        return None
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or f"{verb.lemma_.lower()}{word}" not in naming:
        return None
    noun = verb.head
    return noun if noun.pos_ in ("NOUN", "PRON") else None


def inclusion_word(prep: Token) -> str:
    """A preposition as an inclusion word spells it: "including", "such as"."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return f"such {prep.lower_}" if before is not None and before.lower_ == "such" else prep.lower_


def included_in(root: Token, inclusions: frozenset[str]) -> Token | None:
    """The noun for a group a name is a member of: "detainees such as X", "officials,
    including Y and X" (the detainees, the officials); None otherwise."""
    token = root
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or inclusion_word(prep) not in inclusions:
        return None
    return prep.head if prep.head.pos_ == "NOUN" else None


def fused_conjuncts(doc: Doc, spans: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Names the parser fused into the next name as its modifier, though "and" joins them
    ("Amnesty International and Human Rights Watch" as a kind of Watch): name -> the name
    whose place in the sentence it shares."""
    out: dict[int, int] = {}
    for index in range(len(spans) - 1):
        (start, end), (after, after_end) = spans[index], spans[index + 1]
        root = doc[start:end].root
        between = doc[end:after]
        if (
            root.dep_ in ("nmod", "compound")
            and after_end > root.head.i >= after
            and len(between) in (1, 2)
            and between[0].lower_ in ("and", "or")
            and all(t.dep_ in ("cc", "det") for t in between)
        ):
            out[index] = index + 1
    return out
