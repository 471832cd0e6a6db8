"""The dependency path between two mentions of a sentence, as the general finder reads it.

A ``Side`` is one mention's way up the tree to the word that joins it to the other; its
role there (subject, agent, object, ...) decides whether the two stand in a relation.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

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
