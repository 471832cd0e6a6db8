"""General relations: two mentions of a sentence joined through a predicate of the parse.

``relations`` knows the project's fixed shapes (role nouns, titles, light verbs); this
module finds what they leave: for every pair of mentions in a sentence (near enough in
the tree, in a sentence within ``limits``) it walks the dependency tree up to the word
that joins them and reads the relation off the path. A verb joining a subject (or
passive agent) to an object, a prepositional object or the object of a complement
clause; a participle or relative clause on a name ("Huawei, based in China", "X, who
leads Y"); a noun with a possessor and a preposition ("Straw's visit to China"); a name
"of/from" another ("Brad Adams of Human Rights Watch"). The
predicate's lemma (with its preposition) is looked up in ``relations.toml``; what no
entry names becomes ``RELATED_TO`` carrying the lemma, so nothing stated is lost. A
statement the text does not assert (negated, hedged, demanded, asked) keeps its lemma,
its would-be type and its modality, under the generic type.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from actorgraph.graph.extraction.lexicon import Lexicon, fold
from actorgraph.graph.extraction.limits import crowded

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
NOMINAL_PREPS = frozenset({"of", "on", "against", "with", "into", "over"})  # not "in": a place
MAX_SIDE = 5  # tokens from a mention up to the joining word
MAX_NOUN_HOPS = 1  # "imposed sanctions on X": one noun between verb and name


@dataclass(frozen=True, slots=True)
class Table:
    """The predicate lexicon: lemma (or "lemma prep") -> relation type."""

    words: dict[str, str]
    light: dict[str, str]  # action noun -> type ("sanctions" -> SANCTIONED)
    compounds: dict[str, tuple[str, bool]]  # "led" -> (LEADS, reverse?)
    of_preps: frozenset[str]
    time_preps: frozenset[str]
    of_types: dict[str, str]  # target label -> type for "X of/from Y"
    hedges: frozenset[str]
    demands: frozenset[str]
    denials: frozenset[str]
    claim_verbs: frozenset[str]
    accusations: frozenset[str]
    wrongdoing_types: frozenset[str]
    wrongdoing_verbs: frozenset[str]

    def type_of(self, keys: Sequence[str]) -> str | None:
        for key in keys:
            found = self.words.get(key)
            if found is not None:
                return found
        return None


def _type(spec: Any) -> str:
    return spec if isinstance(spec, str) else str(spec["type"])


_TABLES: dict[int, tuple[Lexicon, Table]] = {}


def _table(lexicon: Lexicon) -> Table:
    """The lexicon's predicate table, built once per lexicon (lexicons are not hashable)."""
    held = _TABLES.get(id(lexicon))
    if held is None or held[0] is not lexicon:
        held = _TABLES[id(lexicon)] = (lexicon, _build_table(lexicon))
    return held[1]


def _build_table(lexicon: Lexicon) -> Table:
    relations = lexicon.relations
    words: dict[str, str] = {}
    for key, spec in relations.get("verbs", {}).items():
        if not (isinstance(spec, dict) and spec.get("reverse")):
            words[fold(key)] = _type(spec)
    for key, spec in relations.get("verb_preps", {}).items():
        words[fold(key)] = _type(spec)
    for name, family in relations.get("families", {}).items():
        for word in family:
            words.setdefault(fold(word), name)
    of_phrase = dict(relations.get("of_phrase", {}))
    modality = relations.get("modality", {})
    claims = relations.get("claims", {})
    return Table(
        words=words,
        light={fold(k): _type(v) for k, v in relations.get("light", {}).items()},
        compounds={
            fold(k): (_type(v), isinstance(v, dict) and bool(v.get("reverse")))
            for k, v in relations.get("compound_adjectives", {}).items()
        },
        of_preps=frozenset(of_phrase.pop("preps", [])),
        time_preps=frozenset(relations.get("time_preps", {}).get("words", [])),
        of_types={label: str(name) for label, name in of_phrase.items()},
        hedges=frozenset(modality.get("hypothetical", [])),
        demands=frozenset(modality.get("demanded", [])),
        denials=frozenset(modality.get("denied", [])),
        claim_verbs=frozenset(claims.get("verbs", [])),
        accusations=frozenset(claims.get("accusations", [])),
        wrongdoing_types=frozenset(claims.get("wrongdoing_types", [])),
        wrongdoing_verbs=frozenset(claims.get("wrongdoing_verbs", [])),
    )


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
class _Side:
    """One mention's way up to the joining word: its role there and the words passed."""

    role: str  # dep of the last token below the joining word
    tokens: tuple[Token, ...]  # from the mention's root up, the joining word excluded


def _chain(token: Token, limit: int | None = None) -> list[Token]:
    """``token`` and its heads up to the root (at most ``limit`` tokens)."""
    out = [token]
    while out[-1].head.i != out[-1].i and (limit is None or len(out) < limit):
        out.append(out[-1].head)
    return out


class PredicateFinder:
    """The general relations of one parsed document (see the module docstring)."""

    def __init__(
        self,
        doc: Doc,
        spans: Sequence[tuple[int, int]],
        labels: Sequence[str],
        names: Sequence[str],
        lexicon: Lexicon,
    ) -> None:
        self.doc = doc
        self.table = _table(lexicon)
        self.labels = list(labels)
        self.names = list(names)
        self.roots = [doc[start:end].root for start, end in spans]
        self.of_token: dict[int, int] = {}
        for index, (start, end) in enumerate(spans):
            for i in range(start, end):
                self.of_token.setdefault(i, index)

    def find(self, sentence_of: Sequence[int]) -> Iterator[Link]:
        yield from self._compound_adjectives()
        by_sentence: dict[int, list[int]] = {}
        for index, root in enumerate(self.roots):
            by_sentence.setdefault(sentence_of[root.i], []).append(index)
        for members in by_sentence.values():
            sentence = self.roots[members[0]].sent.text.strip()
            if crowded(len(members), len(sentence)):
                continue  # a list or unpunctuated run: counted by the graph builder
            for a, b in self._near_pairs(members):
                yield from self._pair(a, b)

    def _near_pairs(self, members: list[int]) -> Iterator[tuple[int, int]]:
        """The pairs of a sentence's mentions that ``_pair`` can join, in sentence order.

        The joining word lies within ``MAX_SIDE`` heads of both mentions, so only mentions
        whose first ``MAX_SIDE + 1`` heads meet are paired: the same links as pairing every
        two, without walking the pairs of mentions far apart in the tree.
        """
        reach: dict[int, list[int]] = {}
        for position, index in enumerate(members):
            for token in _chain(self.roots[index], MAX_SIDE + 1):
                reach.setdefault(token.i, []).append(position)
        near = {
            (p, q) for group in reach.values() for n, p in enumerate(group) for q in group[n + 1 :]
        }
        for p, q in sorted(near):
            a, b = members[p], members[q]
            if self.roots[a].i != self.roots[b].i:
                yield a, b

    # ------------------------------------------------------------ one pair
    def _pair(self, a: int, b: int) -> Iterator[Link]:
        chain_a, chain_b = _chain(self.roots[a]), _chain(self.roots[b])
        above_b = {t.i for t in chain_b}
        join = next((t for t in chain_a if t.i in above_b), None)
        if join is None:
            return
        side_a = tuple(chain_a[: [t.i for t in chain_a].index(join.i)])
        side_b = tuple(chain_b[: [t.i for t in chain_b].index(join.i)])
        if len(side_a) > MAX_SIDE or len(side_b) > MAX_SIDE:
            return
        if not side_a or not side_b:  # one mention is the joining word: a noun phrase
            head, other, side = (a, b, side_b) if not side_a else (b, a, side_a)
            yield from self._noun_phrase(head, other, side)
            return
        if self._inside_other_mention(join, a, b):
            # "A, B and C, from London": a coordinated name shares its first's phrase
            if all(t.dep_ == "conj" for t in side_a) and self.roots[b].i > self.roots[a].i:
                yield from self._noun_phrase(a, b, side_b)
            elif all(t.dep_ == "conj" for t in side_b) and self.roots[a].i > self.roots[b].i:
                yield from self._noun_phrase(b, a, side_a)
            return
        one = _Side(side_a[-1].dep_, side_a)
        two = _Side(side_b[-1].dep_, side_b)
        if join.pos_ in PREDICATE_POS:
            yield from self._clause(join, (a, one), (b, two))
        elif join.pos_ in ("NOUN", "PROPN"):
            yield from self._nominal(join, (a, one), (b, two))

    def _end(self, mention: int) -> int:
        """The token after a mention (its last token + 1)."""
        root = self.roots[mention]
        return max(t.i for t in root.subtree if self.of_token.get(t.i) == mention) + 1

    def _inside_other_mention(self, token: Token, a: int, b: int) -> bool:
        other = self.of_token.get(token.i)
        return other is not None and other not in (a, b)

    # ------------------------------------------------------------ verbs
    def _clause(
        self, verb: Token, first: tuple[int, _Side], second: tuple[int, _Side]
    ) -> Iterator[Link]:
        """Subject (or agent) on one side, an object of the verb or its clause on the other."""
        ordered = sorted((first, second), key=lambda item: _subject_rank(item[1]))
        (source, subject), (target, obj) = ordered
        rank = _subject_rank(subject)
        if rank > 2 or _subject_rank(obj) <= 1 or not _is_object_path(obj):
            return
        if rank == 2 and obj.role != "prep":
            return  # a passive subject goes only with a prepositional object
        if rank == 1 and _subject_rank(obj) != 2:
            return  # an agent goes only with the passive subject
        if any(t.dep_ in SUBJECTS for t in obj.tokens[:-1]):
            # "X said that Y ...": a claim about Y, when said with a verb of saying
            if len(obj.tokens) == 2 and fold(verb.lemma_) in self.table.claim_verbs:
                yield self._claim(verb, source, target, obj.tokens[-1])
            return
        predicate, prep, noun = self._predicate(verb, obj)
        if predicate is None or (prep is not None and prep.lower_ in self.table.time_preps):
            return  # "arrested since the coup": a time, not a party to the act
        if self._object_controlled(verb, predicate):
            return  # "X urged Y to free Z": Y, not X, is to free Z
        if self._own_subject(obj.tokens, verb, source):
            return  # "X wants Y to close Z", "X said the police may arrest Z": not X's act
        lemma = fold(predicate.lemma_)
        if lemma in COPULAS:
            return  # "it is China that ...": identity, said by the fixed role shapes
        keys = []
        if noun is not None and fold(noun.lemma_) in self.table.light and prep is not None:
            rel_type: str | None = self.table.light[fold(noun.lemma_)]
        else:
            if prep is not None:
                keys.append(f"{lemma} {prep.lower_}")
            if prep is None or obj.role in ("dobj", "obj", "dative", "attr"):
                keys.append(lemma)
            rel_type = self.table.type_of(keys)
        words = [lemma] + ([fold(noun.text)] if noun is not None else [])
        words += [prep.lower_] if prep is not None else []
        shape = "gpass" if rank else "gsvo"
        modality = self._modality(predicate, verb)
        yield self._link(source, target, rel_type, shape, predicate, " ".join(words), modality)

    def _predicate(
        self, verb: Token, obj: _Side
    ) -> tuple[Token | None, Token | None, Token | None]:
        """The lowest verb on the object's path, the preposition under it, a noun hop."""
        predicate, prep, noun = verb, None, None
        nouns = 0
        tokens = obj.tokens
        for position, token in enumerate(tokens):
            head = tokens[position + 1] if position + 1 < len(tokens) else verb
            if token.dep_ in ("prep", "agent") and prep is None and head.dep_ not in SUBJECTS:
                prep = token
            if position == 0:
                continue
            below = tokens[position - 1]
            if (
                token.i in self.of_token
                and self.of_token[token.i] != self.of_token.get(tokens[0].i)
                and below.dep_ not in ("conj", "appos")
            ):
                return None, None, None  # through another name: "the East End of London"
            if token.pos_ in PREDICATE_POS and token.dep_ in CLAUSE_DEPS:
                if predicate is verb:
                    predicate = token
                continue
            if token.dep_ in SHARED_ROLE:
                continue
            if token.pos_ in ("NOUN", "PROPN") and token.i not in self.of_token:
                nouns += 1
                noun = noun or token
                if token.dep_ not in ("dobj", "obj") or head.pos_ not in PREDICATE_POS:
                    return None, None, None  # only a light verb's object: "imposed sanctions on"
        preps = sum(1 for t in tokens if t.dep_ in ("prep", "agent"))
        if nouns > MAX_NOUN_HOPS or preps > 1:
            return None, None, None  # "announced, along with Canada": too far to be stated
        if noun is not None and prep is not None and prep.lower_ == "of":
            return None, None, None  # "met the leader of Y": the relation is the leader's
        if predicate is not verb:  # the preposition must hang on the predicate itself
            prep = next(
                (t for t in tokens if t.dep_ in ("prep", "agent") and t.head.i == predicate.i),
                None,
            )
        return predicate, prep, noun

    def _own_subject(self, tokens: Sequence[Token], verb: Token, source: int) -> bool:
        """Whether a clause between the object and the joining verb has a subject of its
        own, other than the object itself or a word for the source ("Eady said he was
        obliged to compensate X"): the object is then that subject's business."""
        object_root, name = tokens[0].i, self.names[source]
        return any(
            c.dep_ in SUBJECTS | PASSIVE_SUBJECTS
            and c.i != object_root
            and (c.i not in self.of_token or self.names[self.of_token[c.i]] != name)
            for t in tokens[1:]
            if t.pos_ in PREDICATE_POS and t.i != verb.i
            for c in t.children
        )

    def _object_controlled(self, verb: Token, predicate: Token) -> bool:
        if predicate.i == verb.i:
            return False
        return any(
            c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "on")
            for c in verb.children
        )

    def _modality(self, predicate: Token, top: Token) -> str:
        """How the text states it: the verbs from the predicate up to the joining word."""
        chain = [predicate]
        while chain[-1].head.i != chain[-1].i and (
            chain[-1].i != top.i or chain[-1].dep_ in ("xcomp", "ccomp")
        ):
            chain.append(chain[-1].head)  # up to the joining word, and the verbs it completes
        table = self.table
        for token in chain:
            for child in token.children:
                if child.dep_ == "neg":
                    return "negated"
                if child.dep_ in ("aux", "mark") and child.lower_ in table.hedges:
                    return "hypothetical"
            if token is not predicate and fold(token.lemma_) in table.demands:
                return "demanded"
            if token is not predicate and fold(token.lemma_) in table.denials:
                return "negated"
        if predicate.sent.text.rstrip().endswith("?"):
            return "questioned"
        return "asserted"

    def _claim(self, verb: Token, speaker: int, about: int, inner: Token) -> Link:
        """ "Facebook said the army had used it ...": an allegation or a statement."""
        table = self.table
        lemma, inner_lemma = fold(verb.lemma_), fold(inner.lemma_)
        inner_type = table.type_of([inner_lemma])
        wrong = inner_lemma in table.wrongdoing_verbs or inner_type in table.wrongdoing_types
        modality = self._modality(verb, verb)
        if (wrong or lemma in table.accusations) and modality == "asserted":
            return Link(
                speaker,
                about,
                "ACCUSED_OF",
                f"claim:{lemma}_{inner_lemma}",
                verb,
                f"{lemma}: {inner_lemma}",
                claimant=self.names[speaker],
                act=_act(inner),
            )
        words = f"{lemma}: {inner_lemma}"
        return self._link(speaker, about, None, "claim", verb, words, modality)

    # ------------------------------------------------------------ noun phrases
    def _noun_phrase(self, head: int, other: int, side: tuple[Token, ...]) -> Iterator[Link]:
        """ "X of Y", "X, based in Y", "X, who leads Y", "the regime led by Y"."""
        top = side[-1]
        if top.dep_ == "prep" and len(side) == 2 and side[0].dep_ == "pobj":
            rel_type = self.table.of_types.get(self.labels[other])
            between = self.doc[self._end(head) : top.i]
            if (
                top.lower_ in self.table.of_preps
                and rel_type
                and self.labels[head] != "Bill"
                and all(  # right after the name or its list: "X, from Y", "X and Z, from Y"
                    t.is_punct or t.dep_ == "cc" or t.i in self.of_token for t in between
                )
                and fold(self.names[other]) not in fold(self.names[head])  # "Myanmar coup"
            ):
                yield self._link(head, other, rel_type, "of", top, top.lower_, "asserted")
            return
        if top.dep_ not in ("relcl", "acl") or top.pos_ not in PREDICATE_POS:
            return
        inner = _Side(side[-2].dep_, side[:-1]) if len(side) > 1 else None
        if inner is None:
            return
        own = self.of_token.get(side[0].i)
        if any(
            t.i in self.of_token
            and self.of_token[t.i] != own
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
        if obj is not None and not _is_object_path(obj):
            return
        predicate, prep, _ = self._predicate(top, obj) if obj is not None else (top, None, None)
        if predicate is None:
            return
        lemma = fold(predicate.lemma_)
        keys = [f"{lemma} {prep.lower_}"] if prep is not None else []
        if prep is None or (obj is not None and obj.role in ("dobj", "obj", "attr")):
            keys.append(lemma)
        if obj is None:
            keys = [lemma]
        words = lemma + (f" {prep.lower_}" if prep is not None else "")
        rel_type = self.table.type_of(keys)
        modality = self._modality(predicate, top)
        yield self._link(source, target, rel_type, "gclause", predicate, words, modality)

    def _nominal(
        self, noun: Token, first: tuple[int, _Side], second: tuple[int, _Side]
    ) -> Iterator[Link]:
        """ "Straw's visit to China": a possessor acting through a noun the lexicon names."""
        ordered = sorted((first, second), key=lambda item: item[1].role != "poss")
        (source, owner), (target, obj) = ordered
        if owner.role != "poss" or len(owner.tokens) > 2 or obj.role != "prep":
            return
        if len(obj.tokens) != 2 or obj.tokens[0].dep_ != "pobj":
            return
        prep = obj.tokens[-1]
        lemma = fold(noun.lemma_)
        rel_type = self.table.type_of([f"{lemma} {prep.lower_}", lemma])
        if rel_type is None and prep.lower_ not in NOMINAL_PREPS:
            return
        words = f"{lemma} {prep.lower_}"
        yield self._link(source, target, rel_type, "gnoun", noun, words, "asserted")

    def _compound_adjectives(self) -> Iterator[Link]:
        """ "the China-wary Democratic Progressive Party", "the US-led coalition"."""
        doc = self.doc
        for first in range(len(self.roots)):
            end = self._end(first)
            if end + 1 >= len(doc) or doc[end].text not in HYPHENS:
                continue
            word = doc[end + 1]
            if word.i in self.of_token or (
                word.whitespace_ == "" and word.i + 1 < len(doc) and doc[word.i + 1].text == "-"
            ):
                continue
            head = word.head
            second = self.of_token.get(head.i)
            if second is None and head.pos_ == "NOUN":
                second = (
                    self.of_token.get(head.head.i) if head.dep_ in ("compound", "amod") else None
                )
            if second is None or second == first:
                continue
            spec = self.table.compounds.get(fold(word.text))
            if spec is None:
                source, target, rel_type = second, first, None
            else:
                rel_type = spec[0]
                source, target = (second, first) if spec[1] else (first, second)
            yield self._link(source, target, rel_type, "hyphen", word, fold(word.text), "asserted")

    # ------------------------------------------------------------ records
    def _link(
        self,
        source: int,
        target: int,
        rel_type: str | None,
        shape: str,
        anchor: Token,
        words: str,
        modality: str,
    ) -> Link:
        stated = rel_type or ""
        final = GENERIC if modality != "asserted" or rel_type is None else rel_type
        return Link(
            source,
            target,
            final,
            f"{shape}:{words.replace(' ', '_')}",
            anchor,
            words,
            modality,
            stated if final == GENERIC else "",
        )


def act_of(verb: Token) -> str:
    """What an accusation says was done: "accused X of genocide" -> "genocide"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "over", "for"):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return _phrase(objects[0])
    return ""


def _act(inner: Token) -> str:
    """The act a claimed clause states: its verb and object ("committed genocide")."""
    objects = [c for c in inner.children if c.dep_ in ("dobj", "attr")]
    return " ".join([inner.lemma_, *(_phrase(o) for o in objects[:1])])


def _phrase(token: Token) -> str:
    """A noun phrase's words, at most six, without a leading article."""
    words = [t.text for t in token.subtree if not (t.dep_ == "det" and t.i < token.i)]
    return " ".join(words[:6])


def _subject_rank(side: _Side) -> int:
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


def _is_object_path(side: _Side) -> bool:
    inner = OBJECT_DEPS | SUBJECTS | PASSIVE_SUBJECTS
    return all(t.dep_ in inner for t in side.tokens[1:]) and (
        side.tokens[0].dep_ in OBJECT_DEPS | SHARED_ROLE | SUBJECTS | PASSIVE_SUBJECTS
        or len(side.tokens) == 1
    )
