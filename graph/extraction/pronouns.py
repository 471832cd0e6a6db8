"""Pronouns bound to the name they stand for, by the order a reader searches the text.

A simplified Hobbs search over the dependency parse: from the pronoun up through its
heads, at each head the phrases that come before the pronoun are read breadth-first
(so a clause's subject comes before the nouns inside its objects), then the sentences
before, each from its root. The first phrase that agrees with the pronoun decides: a name
of the right kind binds it; a noun phrase that no name stands for ("the ban", "the code")
or a proper noun no rule recognised binds it to nothing, since the pronoun most likely
means that phrase, and binding past it would be a guess. A subject pronoun first
continues the subject of the clauses above it ("Raab announced the UK is imposing ... as
he said"); a possessive before its clause's subject looks ahead to it ("after its defeat
the party ..."); an object is never its own clause's subject ("as the party sees it");
an object "it" looks no further than its own sentence, since in news an object "it" is
far more often a thing the text names without a name.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Generic, Protocol, TypeVar

from spacy.tokens import Token

from actorgraph.graph.extraction.lexicon import data_toml, fold

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_LINKS = frozenset({"advcl", "ccomp", "xcomp", "conj", "relcl"})
# Where a noun phrase the pronoun may mean sits: a competitor for the pronoun.
PHRASE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative"})
REFLEXIVES = frozenset({"itself", "himself", "herself"})
BLOCKING_LABELS = frozenset({"Region", "Event"})  # "it" may mean these: nothing past them
VERBS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class Agreement:
    """What a pronoun can stand for: labels it binds, and for a person the gender."""

    labels: frozenset[str]
    gender: str | None  # "male" / "female" for he/she, None for it
    blocking: frozenset[str] = frozenset()  # labels that mean the pronoun binds nothing


class Named(Protocol):
    """An entity a token may belong to (``references.Found``)."""

    @property
    def label(self) -> str: ...
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)


@dataclass(frozen=True, slots=True)
class Candidates(Generic[N]):
    """What the document offers a pronoun: the entity a token belongs to (a name, or a
    reference already bound), whether an unnamed phrase is a rival, a person's known
    gender, and the quotation each token is in (0: none)."""

    mention: Callable[[int], N | None]
    rival: Callable[[Token, Agreement], bool]
    gender: Callable[[str], str | None]
    quote: list[int]


def antecedent(token: Token, agreement: Agreement, seen: Candidates[N], window: int) -> N | None:
    """The entity ``token`` (a pronoun) stands for, or None (see the module docstring)."""
    if token.lower_ in REFLEXIVES:
        head = seen.mention(token.head.i)
        if head is not None:  # "the Tatmadaw itself"
            return head if _agrees(head, agreement, seen) else None
    nouns, bodies = _membership()
    if token.dep_ == "poss" and fold(token.head.lemma_) in nouns:
        agreement = replace(agreement, labels=agreement.labels & bodies)
    for proposal in _proposals(token, agreement, window):
        decided, named = _judge(proposal, token, agreement, seen)
        if decided:
            return named
    return None


@cache
def _membership() -> tuple[frozenset[str], frozenset[str]]:
    """Nouns whose possessive binds only a body, and the labels of a body (pronouns.toml)."""
    spec = data_toml("pronouns.toml")["membership"]
    return frozenset(fold(w) for w in spec["nouns"]), frozenset(spec["labels"])


def _judge(
    proposal: Token, pronoun: Token, agreement: Agreement, seen: Candidates[N]
) -> tuple[bool, N | None]:
    """Whether a proposal ends the search, and the entity it binds (None: unbound)."""
    if seen.quote[pronoun.i] and seen.quote[proposal.i] != seen.quote[pronoun.i]:
        return False, None  # inside a quotation only what the speaker names
    named = seen.mention(proposal.i)
    if named is None:
        return seen.rival(proposal, agreement), None
    if _agrees(named, agreement, seen):
        root = proposal  # the name's head word carries its role in the clause
        while root.head.i != root.i and seen.mention(root.head.i) is named:
            root = root.head
        return (False, None) if _same_clause_subject(root, pronoun) else (True, named)
    return named.label in agreement.blocking, None


def _agrees(named: Named, agreement: Agreement, seen: Candidates[N]) -> bool:
    if named.label not in agreement.labels:
        return False
    if agreement.gender is None:
        return True
    return seen.gender(named.name) in (None, agreement.gender)


def _same_clause_subject(candidate: Token, pronoun: Token) -> bool:
    """An object pronoun is never its own clause's subject: "as the party sees it"."""
    if pronoun.dep_ == "poss" or pronoun.lower_ in REFLEXIVES or pronoun.dep_ in SUBJECT_DEPS:
        return False
    verb = _verb_of(pronoun)
    return verb is not None and candidate.dep_ in SUBJECT_DEPS and candidate.head.i == verb.i


def _verb_of(token: Token) -> Token | None:
    head = token.head
    while (
        head.i != head.head.i and head.pos_ not in VERBS and head.dep_ in ("prep", "pobj", "dobj")
    ):
        head = head.head
    return head if head.pos_ in VERBS else None


def _proposals(token: Token, agreement: Agreement, window: int) -> Iterator[Token]:
    """Tokens in the order a reader would try them for the pronoun ``token``."""
    if token.dep_ in SUBJECT_DEPS:
        yield from _subjects_above(token)
    if token.dep_ == "poss":
        yield from _subject_ahead(token)
    yield from _before_in_sentence(token)
    if agreement.gender is None and is_object(token):
        return  # an object "it": its own sentence only
    doc = token.doc
    sentence = token.sent
    for _ in range(window):
        if sentence.start == 0:
            return
        sentence = doc[sentence.start - 1].sent
        yield from _breadth_first([sentence.root])


def is_object(token: Token) -> bool:
    """Whether a pronoun is an object: not a subject or possessive, or the subject of an
    infinitive that is its verb's object ("wanted it to end", "expects it to be lifted")."""
    if token.dep_ == "poss":
        return False
    if token.dep_ not in SUBJECT_DEPS:
        return True
    return any(c.tag_ == "TO" for c in token.head.children)


def _subjects_above(token: Token) -> Iterator[Token]:
    """The subjects of the clauses a subject pronoun's clause hangs on, nearest first."""
    verb = token.head
    while verb.dep_ in CLAUSE_LINKS and verb.head.i != verb.i:
        verb = verb.head
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.i < token.i:
                yield child


def _subject_ahead(token: Token) -> Iterator[Token]:
    """ "after its defeat the party ...": a possessive in a phrase before the subject."""
    head = token.head
    while head.i != head.head.i and head.pos_ not in VERBS:
        head = head.head
    if head.pos_ not in VERBS or head.i < token.i:
        return
    for child in head.children:
        if child.dep_ in SUBJECT_DEPS and child.left_edge.i > token.i:
            yield child


def _before_in_sentence(token: Token) -> Iterator[Token]:
    """Up from the pronoun; at each head, the phrases before the pronoun, breadth-first."""
    below = token
    for head in token.ancestors:
        left = [c for c in head.children if c.i != below.i and c.right_edge.i < token.i]
        yield from _breadth_first(left)
        below = head


def _breadth_first(tops: list[Token]) -> Iterator[Token]:
    queue = deque(tops)
    while queue:
        current = queue.popleft()
        yield current
        queue.extend(current.children)


def is_rival(token: Token, agreement: Agreement, names: frozenset[str]) -> bool:
    """Whether an unnamed token heads a phrase the pronoun may mean instead of a name.

    A proper noun no rule recognised (a name we missed: "executives at Facebook ... used
    it"); for "it" also a singular noun as subject or object ("The ban ... it"), or one
    with an article after a preposition ("the scope of the embargo ... it"). ``names``
    are words that are never rivals (titles, demonyms, role nouns, months and days).
    """
    if token.pos_ not in ("NOUN", "PROPN") or fold(token.text) in names:
        return False
    if any(c.dep_ in ("appos", "compound") and c.ent_type_ for c in token.children):
        return False  # "the world's biggest polluter, China": the name answers for it
    if any(_given_name(c) for c in token.children if c.dep_ == "acl"):
        return False  # "a body called the Press Council": so does a name it is given
    if token.tag_ == "NNP" and not token.ent_type_:  # a name no rule recognised
        return token.dep_ in PHRASE_DEPS | {"pobj"}
    if agreement.gender is not None or token.tag_ != "NN":
        return False
    if token.dep_ in PHRASE_DEPS:
        return True
    return token.dep_ == "pobj" and any(c.dep_ == "det" for c in token.children)


def _given_name(verb: Token) -> bool:
    """Whether a participle gives its noun a name: "called X", "known as X"."""
    named = [c for c in verb.children if c.dep_ in ("oprd", "attr", "dobj")]
    named += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return verb.tag_ == "VBN" and any(t.ent_type_ for o in named for t in o.subtree)
