"""Typed relations: dependency shapes over the parse that join two mentions of a sentence.

The words that state a relation (verbs, role nouns, light-verb nouns) and the type each
one gives are data (``data/relations.toml``); this module only knows the shapes:
subject-verb-object, passive with agent, participle with agent, relative clause, verb +
preposition, light verb + noun, copula + role noun, apposition, office before a name.
Each relation is named "<shape>:<word>" so a wrong one can be traced to its rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from actorgraph.graph.extraction.lexicon import POSSESSIVES, Lexicon, fold
from actorgraph.graph.extraction.paths import (
    BODIES,
    GENERIC,
    co_agent_conjunct,
    co_agent_phrase,
    finite,
    fused_conjuncts,
    inclusion_word,
    named_noun,
)
from actorgraph.graph.extraction.predicate_table import Table, predicate_table
from actorgraph.graph.extraction.predicates import PredicateFinder, act_of
from actorgraph.graph.records import Mention, Relation

SUBJECTS = ("nsubj", "csubj")
OBJECTS = ("dobj", "obj", "attr")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
ROLE_PREPS = frozenset({"of", "at", "for", "to", "in", "with", "on"})
MAX_PREP_DEPTH = 3
MAX_ROLE_TOKENS = 5
POSTS = BODIES | {"State"}  # what a role can be a post in
WINDOW_STOPS = frozenset({",", ";", ":", "\u2013", "\u2014", "(", ")"})
HOPS = frozenset({"of", "at", "with"})  # "member of the advisory group of X", "analyst for A at X"
NP_POS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "PART", "NUM"})
RANKED = frozenset({"LEADS", "CHAIRS"})
# Modifiers that leave a leadership title whole: "former leader" still led the body.
RANK_KEEPING = frozenset(
    {
        "former",
        "current",
        "new",
        "acting",
        "interim",
        "then",
        "outgoing",
        "incoming",
        "founding",
        "late",
        "longtime",
        "long-time",
        "veteran",
        "executive",
        "chief",
        "overall",
        "sole",
        "joint",
        "co",
        "elected",
        "de",
        "facto",
        "military",
        "party",
        "general",
        "vice",
        "deputy",
        "senior",
        "first",
    }
)
COPULAS = frozenset({"be", "become", "remain"})  # "she became the country's leader"
HEDGES = frozenset({"should", "could", "would", "might", "may", "must", "ought"})
CONDITIONS = frozenset({"if", "unless", "whether"})


@dataclass(frozen=True, slots=True)
class Rule:
    type: str
    reverse: bool = False
    body: str = ""  # a role noun's type when its target is a body ("the court's prosecutor")


def _rule(spec: Any) -> Rule:
    if isinstance(spec, str):
        return Rule(spec)
    return Rule(spec["type"], bool(spec.get("reverse", False)), str(spec.get("body", "")))


class Args:
    """Which mention each token belongs to, and who an argument token denotes."""

    def __init__(
        self,
        doc: Doc,
        spans: Sequence[tuple[int, int]],
        labels: Sequence[str],
        table: Table,
    ) -> None:
        self.doc = doc
        self.table = table
        self.labels = dict(enumerate(labels))
        self.of_token: dict[int, int] = {}
        for index, (start, end) in enumerate(spans):
            for i in range(start, end):
                self.of_token.setdefault(i, index)
        for index, (start, end) in enumerate(spans):
            noun = named_noun(doc[start:end].root, table.naming)
            if noun is not None:
                self.of_token.setdefault(noun.i, index)  # "a body called X": X
        self.fused: dict[int, list[int]] = {}  # "A and B" parsed as a kind of B: B -> [A]
        for name, other in fused_conjuncts(doc, spans).items():
            self.fused.setdefault(other, []).append(name)

    def mention(self, token: Token) -> int | None:
        return self.of_token.get(token.i)

    def denote(self, token: Token, *, depth: int = 0) -> list[int]:
        """Mentions an argument token stands for: itself, its conjuncts, appositions, "who"."""
        if depth > 3:
            return []
        found: list[int] = []
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self.denote(token.head.head, depth=depth + 1)
        for item in (token, *token.conjuncts):
            own = self.mention(item)
            person = self._person_apposition(item)
            if person is not None and own != person:
                found.append(person)  # "the commander ..., Min Aung Hlaing,": the person acts
                continue
            if own is not None:
                found += [own, *self.fused.get(own, ())]
                continue
            for child in item.children:
                if child.dep_ == "appos":
                    found += [m for m in [self.mention(child)] if m is not None]
            if item.dep_ == "appos":
                head = self.mention(item.head)
                if head is not None:
                    found.append(head)
        if not found:
            found = self.members(token, depth, deep=True)
        return list(dict.fromkeys(found))

    def ruler(self, token: Token) -> list[int]:
        """ "Myanmar's military junta", "Hong Kong police": the possessor (or the name
        before it) of a word for a ruler's apparatus acts through it."""
        if not self.table.stand_in(token) or self.mention(token) is not None:
            return []
        named = [
            m
            for c in token.children
            if c.dep_ in ("compound", "amod")
            for m in [self.mention(c)]
            if m is not None
        ]
        return self.possessor(token) or named[-1:]

    def members(self, token: Token, depth: int = 0, *, deep: bool = False) -> list[int]:
        """The names an inclusion lists for the group ``token`` describes: "officials,
        including X"; ``deep``: also through its prepositional phrases ("officials in
        X's regime, including Y and Z")."""
        found: list[int] = []
        for prep in token.subtree if deep else token.children:
            if prep.dep_ != "prep" or inclusion_word(prep) not in self.table.inclusions:
                continue
            above = prep.head
            while above.i != token.i and above.dep_ in ("pobj", "prep"):
                above = above.head
            if above.i == token.i:
                found += [
                    m
                    for o in prep.children
                    if o.dep_ == "pobj"
                    for m in self.denote(o, depth=depth + 1)
                ]
        return found

    def doers(self, token: Token) -> list[int]:
        """ "the violence used by X", "the abuses committed by X": who did the act a noun
        (not itself a mention) names, the agent of its participle."""
        if self.mention(token) is not None:
            return []
        return [
            m
            for verb in token.children
            if verb.dep_ == "acl" and verb.tag_ == "VBN"
            for agent in verb.children
            if agent.dep_ == "agent"
            for o in agent.children
            if o.dep_ == "pobj"
            for m in self.denote(o) or self.ruler(o)
        ]

    def _person_apposition(self, token: Token) -> int | None:
        for child in token.children:
            if child.dep_ == "appos":
                own = self.mention(child)
                if own is not None and self.labels.get(own) == "Person":
                    return own
        return None

    def possessor(self, token: Token) -> list[int]:
        """ "Suu Kyi's government" stands for Suu Kyi when the government is not a mention;
        an apposed noun shares its head's possessor ("her rival, often brash opponent")."""
        for child in token.children:
            if child.dep_ == "poss":
                return self.denote(child)
        if token.dep_ == "appos" and self.mention(token.head) is None:
            return self.possessor(token.head)
        return []


def _subjects(verb: Token, args: Args) -> list[int]:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            actors = args.denote(child) or args.ruler(child)  # "Myanmar's junta arrested"
            return actors + _co_agents(child, args) + _co_agents(verb, args)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head, args)
    if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
            return []  # "X persuaded Y to arrest Z": Y would act (the general finder's)
        return _subjects(verb.head, args)
    if verb.dep_ == "ccomp" and finite(verb):
        return _misparsed_subject(verb, args)
    joined = _joint_verb(verb, args.table.joint_verbs)
    if joined is not None:  # "X joined Y in condemning Z": X and Y condemn
        return _subjects(joined, args) + [
            m for c in joined.children if c.dep_ in OBJECTS for m in args.denote(c)
        ]
    return []


def _joint_verb(verb: Token, joint: frozenset[str]) -> Token | None:
    """The verb of joining above "in <gerund>" ("X joined Y in condemning Z"), or None."""
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.lower_ != "in":
        return None
    return prep.head if fold(prep.head.lemma_) in joint else None


def _misparsed_subject(verb: Token, args: Args) -> list[int]:
    """ "X announced the UK, along with Canada, is imposing ...": the parser takes the
    clause's subject for the object of the verb above; a finite clause with no subject
    of its own has that object as its subject (and the co-agents between them)."""
    head = verb.head
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < verb.i]
    if not objects:
        return []
    subject = objects[0]
    between = [c for c in head.children if subject.i < c.i < verb.i]
    return (
        args.denote(subject)
        + _co_agents(subject, args)
        + [m for c in between if c.dep_ == "prep" for m in _co_agents_of(c, args)]
    )


def _co_agents(token: Token, args: Args) -> list[int]:
    """ "The UK, along with Canada, is imposing sanctions", "Germany together with France
    sanctioned Iran": who acts with the subject (the phrase hangs on it or on the verb),
    also a name the parse coordinates with the verb after it ("along with A, and B")."""
    words = args.table.co_agents
    joined = [m for c in token.children if c.dep_ == "prep" for m in _co_agents_of(c, args)]
    return joined + [
        m for c in token.children if co_agent_conjunct(c, words) for m in args.denote(c)
    ]


def _co_agents_of(prep: Token, args: Args) -> list[int]:
    """The actors a co-agent phrase ("along with X", "together with X") joins."""
    holder = co_agent_phrase(prep, args.table.co_agents)
    if holder is None:
        return []
    return [m for o in holder.children if o.dep_ == "pobj" for m in args.denote(o)]


def _gap_objects(verb: Token, args: Args) -> list[int]:
    """The object a relative clause without a pronoun leaves out: "the man the police
    arrested" (the man), "X was one of the people the army detained" (X)."""
    if verb.dep_ != "relcl" or any(
        c.dep_ in OBJECTS or c.lower_ in RELATIVE_PRONOUNS for c in verb.children
    ):
        return []
    head = verb.head
    found = args.denote(head)
    if found:
        return found
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "attr":
        head = head.head.head  # "one of the people ...": the one
    if head.dep_ == "attr" and fold(head.head.lemma_) in COPULAS:
        return _subjects(head.head, args)
    return []


def _unasserted(verb: Token, demands: frozenset[str]) -> bool:
    """A verb the text does not assert: negated, hedged ("should sanction"), conditional,
    asked ("Did X sanction Y?") or demanded ("urged Y to sanction Z", "wants to sanction
    Z"); the general finder keeps it, marked."""
    if verb.sent.text.rstrip().endswith("?"):
        return True
    if verb.dep_ == "xcomp" and fold(verb.head.lemma_) in demands:
        return True
    for item in (verb, verb.head) if verb.dep_ in ("conj", "xcomp") else (verb,):
        for child in item.children:
            if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in HEDGES):
                return True
            if child.dep_ == "mark" and child.lower_ in CONDITIONS:
                return True
    return False


def _denied(verb: Token, denials: frozenset[str]) -> bool:
    """ "China denied that it detained X": a clause under a verb of denial."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ccomp" and fold(verb.head.lemma_) in denials


def _prep_objects(
    token: Token, preps: frozenset[str], args: Args, depth: int = 0, before: int | None = None
) -> list[int]:
    """Mentions in "<token> of/at/to ... X", following nested "of" chains a few levels
    (only prepositions before token ``before``, when given)."""
    out: list[int] = []
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ not in preps:
            continue
        if before is not None and child.i > before:
            continue
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            denoted = args.denote(obj)
            if not denoted and fold(obj.lemma_) in args.table.acts:
                denoted = args.possessor(obj)  # "a warrant for X's arrest"
            if denoted:
                out += denoted
            elif depth < MAX_PREP_DEPTH:
                out += _prep_objects(obj, frozenset({"of", "at"}), args, depth + 1)
    return out


def _pairs(sources: list[int], targets: list[int], rule: Rule) -> Iterator[tuple[int, int]]:
    for source in sources:
        for target in targets:
            if source != target:
                yield (target, source) if rule.reverse else (source, target)


class RelationFinder:
    """Finds the typed relations of one parsed document."""

    def __init__(
        self,
        doc: Doc,
        spans: Sequence[tuple[int, int]],
        labels: Sequence[str],
        lexicon: Lexicon,
        bio_end: int = 0,
    ) -> None:
        self.doc = doc
        self.bio_end = bio_end  # character offset where the author's biography ends
        table = lexicon.relations
        self.predicates = predicate_table(lexicon)
        self.args = Args(doc, spans, labels, self.predicates)
        self.labels: dict[int, str] = dict(enumerate(labels))
        self.verbs = {fold(k): _rule(v) for k, v in table.get("verbs", {}).items()}
        self.verb_preps = {fold(k): _rule(v) for k, v in table.get("verb_preps", {}).items()}
        self.nouns = {fold(k): _rule(v) for k, v in table.get("nouns", {}).items()}
        # Every leading piece of a role noun: a token whose folded text or lemma is none of
        # these cannot start one, which spares trying five spans at each token.
        self.noun_starts = {key[:end] for key in self.nouns for end in range(1, len(key) + 1)}
        self.role_words = frozenset(self.nouns) | RANK_KEEPING | {"shadow"}
        self.starts = [start for start, _ in spans]

    def find(self) -> Iterator[tuple[int, int, str, str, Token]]:
        """(source, target, type, pattern, anchor token) for every relation found."""
        for token in self.doc:
            if token.pos_ in ("VERB", "AUX") or _infinitive_noun(token):
                yield from self._verb(token)
        yield from self._roles()

    # ------------------------------------------------------------ verbs
    def _verb(self, verb: Token) -> Iterator[tuple[int, int, str, str, Token]]:
        if _unasserted(verb, self.predicates.demands) or _denied(verb, self.predicates.denials):
            return
        lemma = fold(verb.lemma_)
        args = self.args
        particles = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"]
        phrasal = next((p for p in particles if p in self.verbs), None)  # "set up"
        rule = self.verbs.get(phrasal or lemma)
        named = (phrasal or lemma).replace(" ", "_")  # the pattern's word
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if rule is not None:
            if passive or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
                agents = [
                    m
                    for c in verb.children
                    if c.dep_ == "agent"
                    for o in c.children
                    if o.dep_ == "pobj"
                    for m in args.denote(o) or args.ruler(o)  # "by Hong Kong police"
                ]
                if verb.dep_ == "acl":
                    patients, shape = args.denote(verb.head) or args.possessor(verb.head), "acl"
                else:
                    patients = [
                        m for c in verb.children if c.dep_ == "nsubjpass" for m in args.denote(c)
                    ]
                    shape = "pass"
                for s, t in _pairs(agents, patients, rule):
                    yield s, t, rule.type, f"{shape}:{named}", verb
            else:
                subjects = _subjects(verb, args)
                objects = [
                    m
                    for c in verb.children
                    if c.dep_ in OBJECTS
                    for m in (args.denote(c) or args.possessor(c) or self._doers(c, rule))
                ] or _gap_objects(verb, args)
                shape, word = ("rel" if verb.dep_ == "relcl" else "svo"), named
                joint = self.predicates.joint_verbs
                if any(_joint_verb(c, joint) for p in verb.children for c in p.children):
                    rule, word = Rule(GENERIC), f"{named}~in"  # acting with Y, not joining it
                for s, t in _pairs(subjects, objects, rule):
                    yield s, t, rule.type, f"{shape}:{word}", verb
        late: list[int] | None = None
        for child in verb.children:
            if child.dep_ == "prep":
                keys = [f"{p} {child.lower_}" for p in particles] + [f"{lemma} {child.lower_}"]
                key = next((k for k in keys if k in self.verb_preps), None)
                if key is not None:
                    prep_rule = self.verb_preps[key]
                    late = late if late is not None else _subjects(verb, args)
                    targets = [
                        m
                        for o in child.children
                        if o.dep_ == "pobj"
                        for m in args.denote(o) or self._doers(o, prep_rule)
                    ]
                    for s, t in _pairs(late, targets, prep_rule):
                        yield s, t, prep_rule.type, f"prep:{key.replace(' ', '_')}", verb
            for noun in _light_nouns(child, bool(particles)):
                light = self.predicates.light
                key = next((k for k in (fold(noun.lemma_), fold(noun.text)) if k in light), None)
                if key is None or lemma in self.predicates.reversals:
                    continue  # "lifted the sanctions on X": the general finder says what
                preps = self.predicates.light_preps[key]
                targets = (
                    _prep_objects(noun, preps, args)
                    or _prep_objects(verb, preps, args)
                    or args.members(noun)  # "sanctions on officials, including X"
                )
                late = late if late is not None else _subjects(verb, args)
                for s, t in _pairs(late, targets, Rule(light[key])):
                    yield s, t, light[key], f"light:{fold(noun.text)}", verb

    def _doers(self, token: Token, rule: Rule) -> list[int]:
        """The agent of an act a verb judges ("condemned the violence used by X")."""
        return self.args.doers(token) if rule.type in self.predicates.judged_acts else []

    # ------------------------------------------------------------ role nouns
    def _role_key(self, span: Span) -> str | None:
        """The role-noun entry a run of tokens spells, as written or with its last word's lemma."""
        written = fold(span.text)
        if written in self.nouns:
            return written
        lemma = fold(f"{span[:-1].text} {span[-1].lemma_}")  # "key providers" -> "key provider"
        return lemma if lemma in self.nouns else None

    def _role_spans(self, sent: Span) -> list[tuple[Span, str]]:
        """Longest runs of up to five tokens that spell a role noun ("co-founder", "providers")."""
        found: list[Span] = []
        for token in sent:
            if (
                fold(token.text) not in self.noun_starts
                and fold(token.lemma_) not in self.noun_starts
            ):
                continue
            start = token.i
            for end in range(min(sent.end, start + MAX_ROLE_TOKENS), start, -1):
                span = self.doc[start:end]
                if self._role_key(span) is not None:
                    found.append(span)
                    break
        kept = filter_spans(found)
        inside = {token.i for span in kept for token in span}
        spans = [
            span
            for span in kept
            if all(self.args.mention(token) is None for token in span)
            and not (  # "chief" of "chief prosecutor": a word of the role after it
                span.root.dep_ in ("amod", "compound", "nmod")
                and span.root.head.i in inside
                and span.root.head.i >= span.end
            )
        ]
        return [(span, self._role_key(span) or "") for span in spans]

    def _roles(self) -> Iterator[tuple[int, int, str, str, Token]]:
        for sent in self.doc.sents:
            roles = self._role_spans(sent)
            previous: tuple[str, list[int]] | None = None
            for number, (span, key) in enumerate(roles):
                following = roles[number + 1][0] if number + 1 < len(roles) else None
                targets = self._role_targets(span, following, sent)
                if not targets and following is not None and _joined(span, following):
                    after = roles[number + 2][0] if number + 2 < len(roles) else None
                    targets = self._role_targets(following, after, sent)
                holder = self._holder(span, sent) or _inherit(previous, span, roles, number)
                previous = holder
                if holder is not None and holder[0] == "title" and not targets:
                    targets = self._body_before(span, sent)
                if holder is None or not targets:
                    continue
                shape, holders = holder
                rule = self.nouns[key]
                stance = self._stance(targets, span)
                if stance:  # "anti-Kremlin activist X": a stance on the body, not a post in it
                    rule, key = Rule(self.predicates.stances[stance]), f"{key}~{stance}"
                elif rule.type in RANKED and _qualified(span, self.args):
                    rule, key = Rule("WORKS_FOR"), f"{key}~qualified"
                elif _placed(span, targets, self.labels):
                    rule, key = Rule("LOCATED_IN"), f"{key}~in"  # "a lawyer in Mandalay"
                elif rule.body and all(self.labels[t] in POSTS for t in targets):
                    rule, key = Rule(rule.body), f"{key}~body"  # "the court's prosecutor"
                allowed = self.predicates.targets.get(rule.type)
                for s, t in _pairs(holders, targets, rule):
                    if allowed is not None and self.labels[t] not in allowed:
                        # "MP for Leeds Central": not a member of a place
                        yield s, t, GENERIC, f"{shape}:{key}~{self.labels[t]}", span.root
                    else:
                        yield s, t, rule.type, f"{shape}:{key}", span.root

    def _body_before(self, span: Span, sent: Span) -> list[int]:
        """ "Liberty said ... . Director X called on ...": a title opening a sentence with
        no body of its own is a post in the body the sentence before is about (its
        subject, when an organisation)."""
        if span.start != sent.start or sent.start == 0:
            return []
        before = self.doc[sent.start - 1].sent
        return [
            m
            for token in before
            if token.dep_ in SUBJECTS and token.head.i == before.root.i
            for m in self.args.denote(token)
            if self.labels[m] in BODIES
        ][:1]

    def _role_targets(self, span: Span, following: Span | None, sent: Span) -> list[int]:
        """The body a role is held in: "UN Secretary-General", "junta's provider", "chair of X"."""
        doc, args = self.doc, self.args
        index = span.start - 1
        while (
            index >= sent.start
            and args.mention(doc[index]) is None
            and (
                doc[index].pos_ == "ADJ"
                or doc[index].tag_ == "POS"
                or doc[index].lower_ in POSSESSIVES
                or fold(doc[index].text) in self.role_words
                or _portfolio(doc[index])
            )
        ):
            index -= 1  # "Chinese counterpart Minister X", "Conservative shadow secretary X"
        before = args.mention(doc[index]) if index >= sent.start else None
        if before is not None and doc[index].tag_ != "DT":
            possessor = self._possessor_before(index, sent)  # mention 0 is a mention too
            return [possessor if possessor is not None else before]
        window = self._window(span, following, sent)
        in_window = list(dict.fromkeys(m for t in window if (m := args.mention(t)) is not None))
        bodies = [m for m in in_window if self.labels[m] in BODIES]
        if bodies:
            return bodies[:1]
        if in_window:
            return in_window[-1:]  # "of Myanmar's army": the head noun comes last
        # "her opponent": the possessor; "opponent, Han of the KMT": that "of" is Han's
        named = [
            c.i for c in span.root.children if c.dep_ == "appos" and args.mention(c) is not None
        ]
        before = min(named, default=len(doc))
        return (
            args.possessor(span.root) + _prep_objects(span.root, ROLE_PREPS, args, before=before)
        )[:1]

    def _stance(self, targets: list[int], span: Span) -> str:
        """The stance prefix before a body named before its role: "pro-Beijing lawmaker"."""
        doc = self.doc
        for target in targets:
            start = self.starts[target]
            if start >= span.start:
                continue
            before = start - 2 if start >= 2 and doc[start - 1].text == "-" else start - 1
            if before >= 0 and fold(doc[before].text) in self.predicates.stances:
                return fold(doc[before].text)
        return ""

    def _possessor_before(self, index: int, sent: Span) -> int | None:
        """In "Beijing's UK ambassador" the body is the possessor, the nearer name a qualifier."""
        doc, args = self.doc, self.args
        nearest = args.mention(doc[index])
        while index >= sent.start and args.mention(doc[index]) == nearest:
            index -= 1
        if index - 1 >= sent.start and doc[index].lower_ in POSSESSIVES:
            possessor = args.mention(doc[index - 1])
            if possessor is not None and self.labels[possessor] != "Person":
                return possessor  # "Begg's Labour MP X": a person is not the body
        return None

    def _window(self, span: Span, following: Span | None, sent: Span) -> list[Token]:
        """The phrase after a role's preposition: "of X", or "of the group of X", "for A at X".

        It ends at a comma, a verb, the next role, or a preposition that does not lead
        on to the body ("leader of the Greens in the European Parliament" stops at "in").
        """
        doc, args = self.doc, self.args
        if span.end >= sent.end or doc[span.end].lower_ not in ROLE_PREPS:
            return []
        stop = following.start if following is not None else sent.end
        out: list[Token] = []
        for token in doc[span.end : stop]:
            if token.text in WINDOW_STOPS or (token.pos_ == "VERB" and token.tag_ != "VBN"):
                break
            inside = args.mention(token) is not None
            hop = token.lower_ in HOPS and all(  # "analyst for East Asia at CSW"
                (m := args.mention(t)) is None or self.labels[m] == "Region" for t in out
            )
            if out and token.pos_ == "ADP" and not inside and not hop:
                break
            out.append(token)
        return out

    def _holder(self, span: Span, sent: Span) -> tuple[str, list[int]] | None:
        """Who holds a role: the name it precedes, the copula's subject, or an apposition."""
        doc, args = self.doc, self.args
        following = args.mention(doc[span.end]) if span.end < sent.end else None
        if following is not None and self.labels.get(following) == "Person":
            return "title", [following]
        given = self._given_role(span.root)
        if given:
            return "cop", given
        for index in range(span.start - 1, sent.start - 1, -1):
            token = doc[index]
            if token.lemma_ in COPULAS and token.pos_ in ("AUX", "VERB"):
                subjects = _subjects(token, args)
                if subjects:
                    return ("bio" if self._in_bio(token) else "cop"), subjects
                break
            if token.pos_ == "VERB" and token.tag_ != "VBN":
                break
        index = span.start - 1
        while index >= sent.start and (
            doc[index].pos_ in NP_POS
            or args.mention(doc[index]) is not None
            or (doc[index].lower_ == "and" and index > sent.start and doc[index - 1].pos_ == "NOUN")
        ):
            index -= 1  # back over the role's own phrase: "the former Cabinet minister",
            # and the roles listed before it: "a lecturer and prominent member of X"
        if index > sent.start and doc[index].text == ",":
            person = args.mention(doc[index - 1])
            if person is not None and self.labels[person] == "Person":
                return "appos", [person]
            if person is None and doc[index - 1].pos_ == "PROPN":
                return "appos", []  # "Penpa Tsering, Tibet's leader": a name we missed
        window = self._window(span, None, sent)
        after = span.end + len(window)
        if after + 1 < sent.end and doc[after].text == ",":
            person = args.mention(doc[after + 1])
            if person is not None and self.labels[person] == "Person":
                return "appos", [person]
        return None

    def _given_role(self, root: Token) -> list[int]:
        """Who is given or leaves a role: "X was elected leader of Y", "Z appointed X
        leader of Y", "X resigned as leader of Y"."""
        verb, args = root.head, self.args
        if root.dep_ == "pobj" and verb.lower_ == "as" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            passive = [m for c in verb.children if c.dep_ == "nsubjpass" for m in args.denote(c)]
            return passive or _subjects(verb, args)
        if root.dep_ not in ("oprd", "attr") or fold(verb.lemma_) not in self.predicates.role_verbs:
            return []
        return [
            m
            for dep in ("nsubjpass", "dobj")
            for c in verb.children
            if c.dep_ == dep
            for m in args.denote(c)
        ][:1]

    def _in_bio(self, token: Token) -> bool:
        return token.idx < self.bio_end


def _infinitive_noun(token: Token) -> bool:
    """ "voted to sanction Belarus" tagged a noun: a word after "to" with an object is a verb."""
    return (
        token.pos_ == "NOUN"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        and any(c.dep_ in OBJECTS for c in token.children)
    )


def _light_nouns(child: Token, phrasal: bool) -> list[Token]:
    """Where a light verb's noun sits: its object ("imposed sanctions on"), or after a
    phrasal verb's "to" ("hung on to control of", "signed up to sanctions on")."""
    if child.dep_ in OBJECTS:
        return [child]
    if phrasal and child.dep_ == "prep" and child.lower_ == "to":
        return [o for o in child.children if o.dep_ == "pobj"]
    return []


def _portfolio(token: Token) -> bool:
    """ "foreign affairs spokesman", "health secretary": a common noun naming the role's
    field, walked over to the body before it ("Liberal Democrat foreign affairs ...")."""
    return token.pos_ == "NOUN" and token.dep_ in ("compound", "nmod") and token.text.islower()


def _placed(span: Span, targets: list[int], labels: dict[int, str]) -> bool:
    """ "a lawyer in Mandalay": a role "in" a city or region says where, not for whom."""
    doc = span.doc
    return (
        span.end < len(doc)
        and doc[span.end].lower_ == "in"
        and all(labels[t] == "Region" for t in targets)
    )


def _qualified(span: Span, args: Args) -> bool:
    """ "digital director", "Asia-Pacific director": a leader of a part, not of the body."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return (
        before.head.i in range(span.start, span.end)
        and before.dep_ in ("amod", "compound", "nmod")
        and (
            (before.ent_type_ == "" and args.mention(before) is None)  # not "Tory chairman"
            or (before.ent_type_ == "Region" and _owned(before))
        )
        and before.lower_ not in RANK_KEEPING
    )


def _owned(token: Token) -> bool:
    """ "Amnesty's Asia-Pacific director": a place after a possessor names a part of it."""
    index = token.i
    while index > 0 and token.doc[index - 1].ent_type_ == token.ent_type_:
        index -= 1
    return index > 0 and token.doc[index - 1].text in POSSESSIVES


def _joined(span: Span, following: Span) -> bool:
    """ "co-founder and Chief Executive of X": two roles sharing one body."""
    between = span.doc[span.end : following.start]
    return len(between) <= 2 and any(t.lower_ in ("and", "&", "/") for t in between)


def _inherit(
    previous: tuple[str, list[int]] | None, span: Span, roles: list[tuple[Span, str]], number: int
) -> tuple[str, list[int]] | None:
    """A role later in a list ("X, chair of Y and member of Z") has the list's holder."""
    if previous is None or number == 0:
        return None
    between = span.doc[roles[number - 1][0].end : span.start]
    if any(t.pos_ == "VERB" and t.tag_ != "VBN" for t in between):
        return None
    return previous


def find_relations(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    token_sentence: Sequence[int],
    lexicon: Lexicon,
    *,
    bio_end: int = 0,
) -> Iterator[Relation]:
    """The typed relations of one document, each once per (source, target, type, pattern)."""
    if not doc.has_annotation("DEP") or not spans:
        return
    labels = [mention.label for mention in mentions]
    finder = RelationFinder(doc, spans, labels, lexicon, bio_end)
    seen: set[tuple[int, int, str, str]] = set()
    related: set[frozenset[int]] = set()  # pairs a fixed shape joined
    for source, target, rel_type, pattern, anchor in finder.find():
        if mentions[source].name == mentions[target].name:
            continue
        key = (source, target, rel_type, pattern)
        if key not in seen:
            seen.add(key)
            related.add(frozenset((source, target)))
            predicate = pattern.split(":", 1)[-1].split("~")[0].replace("_", " ")
            yield Relation(
                source,
                target,
                rel_type,
                pattern,
                token_sentence[anchor.i],
                predicate,
                claimant=mentions[source].name if rel_type == "ACCUSED_OF" else "",
                act=act_of(anchor) if rel_type == "ACCUSED_OF" else "",
                referring=_referring(mentions, source, target),
            )
    names = [mention.name for mention in mentions]
    for link in PredicateFinder(doc, spans, labels, names, lexicon).find(token_sentence):
        pair = frozenset((link.source, link.target))
        if pair in related or mentions[link.source].name == mentions[link.target].name:
            continue
        related.add(pair)
        yield Relation(
            link.source,
            link.target,
            link.type,
            link.pattern,
            token_sentence[link.anchor.i],
            predicate=link.predicate,
            modality=link.modality,
            stated_type=link.stated_type,
            claimant=link.claimant,
            act=link.act,
            referring=_referring(mentions, link.source, link.target),
        )


def _referring(mentions: Sequence[Mention], *ends: int) -> tuple[str, ...]:
    """The words that stood for an end of a relation ("he", "the party"), if any did."""
    return tuple(mentions[end].via for end in ends if mentions[end].via)
