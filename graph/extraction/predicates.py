"""General relations: two mentions of a sentence joined through a predicate of the parse.

``relations`` knows the project's fixed shapes (role nouns, titles, light verbs); this
module finds what they leave: for every pair of mentions in a sentence (near enough in
the tree, in a sentence within ``limits``) it walks the dependency tree up to the word
that joins them and reads the relation off the path. A verb joining a subject (or
passive agent) to an object, a prepositional object or the object of a complement
clause, read through words that only stand for a name ("her opponent, Han", "Saddam
Hussein's regime", "Tower Hamlets borough", "a body called X", "firms such as X"); the
lower verb's subject in "X called on Y to free Z"; a claim ("X said Y tortured ...", "X said
Y was wrong") and a characterisation ("X called Y a scandal"). Relations inside
a noun phrase are ``nominals``; the path's pieces ``paths``. The predicate's lemma (with
its preposition) is looked up in ``relations.toml`` (``predicate_table``); what no entry
names becomes ``RELATED_TO`` carrying the lemma, so nothing stated is lost. A statement
the text does not assert (negated, hedged, demanded, asked: ``statements``) keeps its
lemma, its would-be type and its modality, under the generic type.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from actorgraph.graph.extraction.lexicon import Lexicon, fold
from actorgraph.graph.extraction.limits import crowded
from actorgraph.graph.extraction.nominals import (
    compound_adjectives,
    described,
    event_parties,
    nominal,
    noun_phrase,
    own_possessive,
)
from actorgraph.graph.extraction.paths import (
    CLAUSE_DEPS,
    COPULAS,
    GENERIC,
    MAX_NOUN_HOPS,
    MAX_SIDE,
    PASSIVE_SUBJECTS,
    PLACES,
    PREDICATE_POS,
    SHARED_ROLE,
    SUBJECTS,
    Link,
    Side,
    chain,
    co_agent_conjunct,
    finite,
    fused_conjuncts,
    included_in,
    is_object_path,
    named_noun,
    subject_rank,
)
from actorgraph.graph.extraction.polarity import judgement
from actorgraph.graph.extraction.predicate_table import predicate_table
from actorgraph.graph.extraction.statements import act_of, claimed_act, modality

__all__ = ["Link", "PredicateFinder", "act_of"]

COMPARISONS = frozenset({"than", "as"})


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
        self.table = predicate_table(lexicon)
        self.labels = list(labels)
        self.names = list(names)
        self.roots = [doc[start:end].root for start, end in spans]
        self.of_token: dict[int, int] = {}
        for index, (start, end) in enumerate(spans):
            for i in range(start, end):
                self.of_token.setdefault(i, index)
        self.standing: set[int] = set()  # mentions that stand where a noun stands
        for index, root in enumerate(self.roots):
            named = named_noun(root, self.table.naming)  # "a body called X"
            noun = named or included_in(root, self.table.inclusions)  # "firms such as X"
            if noun is None or noun.i in self.of_token or fold(noun.lemma_) in self.table.light:
                continue  # not "sanctions on officials, including X": the relations' own
            self.roots[index] = noun
            self.standing.add(index)
            if named is not None:
                self.of_token[noun.i] = index
        for name, other in fused_conjuncts(doc, spans).items():
            self.roots[name] = self.roots[other]  # "A and B" parsed as a kind of B

    def find(self, sentence_of: Sequence[int]) -> Iterator[Link]:
        yield from compound_adjectives(self)
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
            for token in chain(self.roots[index], MAX_SIDE + 1):
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
        chain_a, chain_b = chain(self.roots[a]), chain(self.roots[b])
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
            yield from noun_phrase(self, head, other, side)
            return
        if self._inside_other_mention(join, a, b):
            # "A, B and C, from London": a coordinated name shares its first's phrase
            if all(t.dep_ == "conj" for t in side_a) and self.roots[b].i > self.roots[a].i:
                yield from noun_phrase(self, a, b, side_b)
            elif all(t.dep_ == "conj" for t in side_b) and self.roots[a].i > self.roots[b].i:
                yield from noun_phrase(self, b, a, side_a)
            elif self.labels[self.of_token[join.i]] == "Event":  # "X's trade war with Y"
                yield from event_parties(
                    self,
                    join,
                    (a, Side(side_a[-1].dep_, side_a)),
                    (b, Side(side_b[-1].dep_, side_b)),
                )
            else:  # "A of X, a watchdog based in Y": the description is X's
                for head, other, side in ((a, b, side_b), (b, a, side_a)):
                    if len(side) > 1 and described(self, head, side[-1]):
                        yield from noun_phrase(self, head, other, side)
            return
        one = Side(side_a[-1].dep_, side_a)
        two = Side(side_b[-1].dep_, side_b)
        if join.pos_ in PREDICATE_POS:
            controlled = list(self._controlled(join, (a, one), (b, two)))
            yield from controlled or self._clause(join, (a, one), (b, two))
        elif join.pos_ in ("NOUN", "PROPN"):
            yield from nominal(self, join, (a, one), (b, two))

    def end(self, mention: int) -> int:
        """The token after a mention (its last token + 1)."""
        root = self.roots[mention]
        return max(t.i for t in root.subtree if self.of_token.get(t.i) == mention) + 1

    def _inside_other_mention(self, token: Token, a: int, b: int) -> bool:
        other = self.of_token.get(token.i)
        return other is not None and other not in (a, b)

    # ------------------------------------------------------------ verbs
    def _clause(
        self, verb: Token, first: tuple[int, Side], second: tuple[int, Side]
    ) -> Iterator[Link]:
        """Subject (or agent) on one side, an object of the verb or its clause on the other."""
        first, second = (first[0], self._ruled(first[1])), (second[0], self._ruled(second[1]))
        ordered = sorted((first, second), key=lambda item: subject_rank(item[1]))
        (source, subject), (target, obj) = ordered
        rank = subject_rank(subject)
        demonym = self._demonym_object(obj)
        if rank > 2 or subject_rank(obj) <= 1:
            return
        if not (demonym or self.object_path(obj) or self._judged_possessor(verb, obj)):
            return
        if rank == 2 and obj.role != "prep":
            return  # a passive subject goes only with a prepositional object
        if rank == 1 and subject_rank(obj) != 2:
            if obj.role == "prep" and len(obj.tokens) == 2 and self.labels[target] in PLACES:
                yield from self._agent_place(verb, source, target, obj.tokens[-1])
            return  # an agent goes only with the passive subject (or a place: below)
        if co_agent_conjunct(obj.tokens[0], self.table.co_agents) and len(obj.tokens) == 1:
            return  # "X launched Y along with A, and B": B acted with X (``relations``)
        if rank == 0 and self._person_apposed(source):
            return  # "the commander of the military, Min Aung Hlaing, overthrew": he did
        inner = self._reported_clause(verb, obj)
        if inner is not None:
            # "X said that Y ...": a claim about Y, when said with a verb of saying
            if fold(verb.lemma_) in self.table.claim_verbs:
                yield from self._claim(verb, source, target, inner)
            return
        placed = self._place_through_noun(target, obj)
        if placed is not None:
            lower, inner = placed
            if self._object_controlled(verb, lower):
                return  # "X urged Y to speak at a rally in Z": Y would speak there
            where = f"{fold(lower.lemma_)} {inner.lower_}"
            how = modality(self.table, lower, verb)
            yield self.link(source, target, None, "gpass" if rank else "gsvo", lower, where, how)
            return
        predicate, prep, noun = self.predicate(verb, obj)
        if predicate is None or (prep is not None and prep.lower_ in self.table.time_preps):
            return  # "arrested since the coup": a time, not a party to the act
        if self._object_controlled(verb, predicate):
            return  # "X urged Y to free Z": Y, not X, is to free Z
        if self._own_subject(obj.tokens, verb, source) or _subordinate_subject(obj.tokens):
            return  # "X wants Y to close Z", "X said the police may arrest Z": not X's act
        lemma = fold(predicate.lemma_)
        if lemma in COPULAS:  # identity ("it is China that ...") is the role shapes' to say
            yield from self._predicative(verb, source, target, obj)
            return
        judged = self._characterised(predicate, obj) if predicate is verb else None
        if judged is not None:  # "X called Y a scandal": X judges Y
            said = f"{lemma} {fold(judged.lemma_)}"
            how = modality(self.table, verb, verb)
            yield self.link(source, target, self.judged_type(judged), "gsvo", verb, said, how)
            return
        keys = []
        light = fold(noun.lemma_) if noun is not None else ""
        if (
            prep is not None
            and prep.lower_ in self.table.light_preps.get(light, ())
            and lemma not in self.table.reversals  # "lifted the sanctions on X"
        ):
            rel_type: str | None = self.table.light[light]  # not "faces a warrant from X"
        else:
            if prep is not None:
                keys.append(f"{lemma} {prep.lower_}")
            if prep is None or (noun is None and obj.role in ("dobj", "obj", "dative", "attr")):
                keys.append(lemma)  # not "won a seat in X": the verb's object is the seat
            particles = [c.lower_ for c in predicate.children if c.dep_ == "prt"]
            keys = [f"{lemma} {p}{k[len(lemma) :]}" for p in particles for k in keys] + keys
            rel_type = self.table.type_of(keys)  # "handed over X", "hit out at X" first
            if prep is not None and self.where_of_object(predicate, prep, target):
                rel_type = None  # "X held talks in Y": where the talks were, X is not in Y
        if demonym or (noun is not None and fold(noun.lemma_) in self.table.acts):
            rel_type = None  # "bans American pork", "condemned the arrest of X": not at X
        words = [lemma] + ([fold(noun.text)] if noun is not None else [])
        words += [prep.lower_] if prep is not None else []
        shape = "gpass" if rank else "gsvo"
        how = modality(self.table, predicate, verb)
        yield self.link(source, target, rel_type, shape, predicate, " ".join(words), how)

    def where_of_object(self, predicate: Token, prep: Token, target: int) -> bool:
        """Whether a place after the verb says where it acted on an unnamed object."""
        return (
            self.labels[target] in PLACES
            and prep.lower_ in self.table.where_preps
            and any(
                c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i not in self.of_token
                for c in predicate.children
            )
        )

    def _judged_possessor(self, verb: Token, obj: Side) -> bool:
        """ "X deplored Y's decision", "X slammed Y's record": judging what is Y's
        judges Y (a verb of the types that reach an act's agent)."""
        tokens = obj.tokens
        return (
            len(tokens) == 2
            and tokens[0].dep_ == "poss"
            and tokens[1].dep_ == "dobj"
            and tokens[1].head.i == verb.i
            and tokens[1].i not in self.of_token
            and self.table.type_of([fold(verb.lemma_)]) in self.table.judged_acts
        )

    def _predicative(self, verb: Token, source: int, target: int, obj: Side) -> Iterator[Link]:
        """ "X has been critical of Y", "X is loyal to Y": the adjective with its
        preposition is the predicate (typed when a family names it: "critical of")."""
        tokens = obj.tokens
        if (
            len(tokens) != 3
            or tokens[0].dep_ != "pobj"
            or tokens[1].dep_ != "prep"
            or tokens[2].dep_ != "acomp"
            or tokens[2].pos_ != "ADJ"
            or tokens[1].lower_ in self.table.time_preps
            or tokens[1].lower_ in COMPARISONS  # "X was more effective than Y": no relation
        ):
            return
        words = f"{fold(tokens[2].lemma_)} {tokens[1].lower_}"
        how = modality(self.table, verb, verb)
        yield self.link(source, target, self.table.type_of([words]), "gcop", tokens[2], words, how)

    def _controlled(
        self, verb: Token, first: tuple[int, Side], second: tuple[int, Side]
    ) -> Iterator[Link]:
        """ "X called on Y to free Z", "X urged Y to release Z": Y is the subject of the
        lower verb (its modality says it is demanded, not done); only a verb the lexicon
        types, since what is asked of Y is often only loosely about Z."""
        for (controller, side), (other, path) in ((first, second), (second, first)):
            lower = path.tokens[-1]
            if (
                not _controller(side)
                or lower.dep_ != "xcomp"
                or len(path.tokens) < 2
                or any(c.dep_ in SUBJECTS for c in lower.children)
            ):
                continue
            subject = Side("nsubj", (self.roots[controller],))
            inner = Side(path.tokens[-2].dep_, path.tokens[:-1])
            for link in self._clause(lower, (controller, subject), (other, inner)):
                if link.type != GENERIC or link.stated_type:
                    yield link
            return

    def predicate(self, verb: Token, obj: Side) -> tuple[Token | None, Token | None, Token | None]:
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
            if self._stands_for(token, below):
                continue  # "against her opponent, Han", "Tower Hamlets borough", "X's regime"
            if token.pos_ in ("NOUN", "PROPN") and token.i not in self.of_token:
                nouns += 1
                noun = noun or token
                if token.dep_ not in ("dobj", "obj") or head.pos_ not in PREDICATE_POS:
                    return None, None, None  # only a light verb's object: "imposed sanctions on"
        preps = sum(1 for t in tokens if t.dep_ in ("prep", "agent"))
        if nouns > MAX_NOUN_HOPS or preps > 1:
            return None, None, None  # "announced, along with Canada": too far to be stated
        if (
            noun is not None
            and prep is not None
            and prep.lower_ == "of"
            and fold(noun.lemma_) not in self.table.acts  # "condemned the arrest of Y"
        ):
            return None, None, None  # "met the leader of Y": the relation is the leader's
        if predicate is not verb:  # the preposition must hang on the predicate itself
            prep = next(
                (t for t in tokens if t.dep_ in ("prep", "agent") and t.head.i == predicate.i),
                None,
            )
        return predicate, prep, noun

    def _characterised(self, verb: Token, obj: Side) -> Token | None:
        """The word a naming verb says its object is: "called Y a scandal" (scandal),
        "described Y as effective" (effective); None for any other verb or object."""
        if len(obj.tokens) != 1 or obj.role != "dobj":
            return None
        lemma = fold(verb.lemma_)
        if lemma in self.table.characterising:  # "called Y a scandal" parsed as apposed
            name = obj.tokens[0]
            after = self.end(self.of_token[name.i])
            for child in name.children:
                if child.dep_ == "appos" and child.left_edge.i == after:
                    return child
        for child in verb.children:
            if child.i < obj.tokens[0].i:
                continue
            if child.dep_ == "oprd" and lemma in self.table.characterising:
                return child
            if child.dep_ == "prep" and f"{lemma} {child.lower_}" in self.table.characterising:
                return next((c for c in child.children if c.dep_ in ("pobj", "amod")), None)
        return None

    def judged_type(self, word: Token) -> str | None:
        """CONDEMNED or SUPPORTS when the judging word clearly says ill or well."""
        table = self.table
        return table.judgements.get(judgement(word, table.judging_threshold))

    def _agent_place(self, verb: Token, agent: int, place: int, prep: Token) -> Iterator[Link]:
        """ "four Britons held by the US in Guantanamo Bay": where the agent acted. Not
        typed by the verb's family ("hold in" says where the held are, not the holder)."""
        if prep.lower_ in self.table.place_preps and prep.head.i == verb.i:
            words = f"{fold(verb.lemma_)} {prep.lower_}"
            yield self.link(
                agent, place, None, "gpass", verb, words, modality(self.table, verb, verb)
            )

    def _place_through_noun(self, target: int, obj: Side) -> tuple[Token, Token] | None:
        """ "Speaking from a cafe in Brick Lane, X said", "X will be released without
        charge from Camp Delta": a place in a phrase on the verb's phrase says where the
        subject acted. The acting verb and the place's preposition, or None."""
        tokens = obj.tokens
        if self.labels[target] not in PLACES or len(tokens) not in (4, 5):
            return None
        place, inner, noun, outer = tokens[:4]
        lower = tokens[4] if len(tokens) == 5 else outer.head
        if (
            place.dep_ != "pobj"
            or inner.dep_ != "prep"
            or inner.lower_ not in self.table.where_preps
            or (inner.lower_ == "from" and self.labels[target] != "Region")  # "divorce from X"
            or noun.dep_ != "pobj"
            or noun.pos_ != "NOUN"
            or noun.i in self.of_token
            or self.table.stand_in(noun)  # "from X's regime in Iraq"
            or any(c.dep_ == "poss" for c in noun.children)
            or outer.dep_ != "prep"
            or outer.lower_ in self.table.time_preps
            or lower.pos_ not in PREDICATE_POS
            or (len(tokens) == 5 and lower.dep_ not in ("advcl", "xcomp", "conj"))
            or (len(tokens) == 5 and any(c.dep_ in SUBJECTS for c in lower.children))
        ):
            return None
        return lower, inner

    def _ruled(self, side: Side) -> Side:
        """A subject's (or agent's) way up from a possessor through a word for its
        apparatus ("Myanmar's military junta arrested X", "held by Hong Kong police"):
        the apparatus's way up."""
        tokens = side.tokens
        if (
            len(tokens) > 1
            and tokens[0].dep_ in ("poss", "compound", "amod")
            and (
                tokens[1].dep_ in SUBJECTS | PASSIVE_SUBJECTS
                or (tokens[1].dep_ == "pobj" and side.role == "agent" and len(tokens) == 3)
            )
            and tokens[1].i not in self.of_token
            and self.table.stand_in(tokens[1])
        ):
            return Side(side.role, tokens[1:])
        return side

    def _demonym_object(self, side: Side) -> bool:
        """ "Taiwan bans American pork": a state named by the adjective of a direct object."""
        tokens = side.tokens
        return (
            len(tokens) == 2
            and tokens[0].dep_ == "amod"
            and self.labels[self.of_token[tokens[0].i]] == "State"
            and tokens[1].dep_ == "dobj"
            and tokens[1].pos_ == "NOUN"
            and tokens[1].i not in self.of_token
        )

    def _person_apposed(self, mention: int) -> bool:
        """Whether another mention, a person, is in apposition to this one."""
        return any(
            c.dep_ == "appos"
            and self.of_token.get(c.i, mention) != mention
            and self.labels[self.of_token[c.i]] == "Person"
            for c in self.roots[mention].children
        )

    def object_path(self, side: Side) -> bool:
        """An object's way up, also through a noun the name only qualifies ("from Saddam
        Hussein's regime", "in Tower Hamlets borough")."""
        tokens = side.tokens
        if (
            len(tokens) > 1
            and tokens[0].dep_ in ("poss", "compound")
            and self._stands_for(tokens[1], tokens[0])
        ):
            return is_object_path(Side(side.role, tokens[1:]))
        return is_object_path(side)

    def _stands_for(self, noun: Token, below: Token) -> bool:
        """Whether a noun on the path only describes the name below it: the name is its
        apposition ("her opponent, Han Kuo-yu"), its name before a class word ("Tower
        Hamlets borough"), or its possessor before a word for its rule ("Saddam's regime")."""
        if noun.pos_ != "NOUN" or noun.i in self.of_token or below.i not in self.of_token:
            return False
        if below.dep_ == "appos":
            return True
        word = fold(noun.lemma_)
        owner = self.of_token[below.i]
        if below.dep_ == "compound" or (
            below.dep_ == "poss" and (own_possessive(self, owner) or self.labels[owner] == "Region")
        ):
            return word in self.table.class_words  # also "St Anne's ward"
        return below.dep_ == "poss" and self.table.stand_in(noun)

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
        """ "X urged Y to free Z": the verb's object does the lower verb; not when the lower
        verb is only coordinated with it ("X rejected the plan and called on Y")."""
        if predicate.i == verb.i or _conjunct_of(predicate, verb):
            return False
        return any(
            c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "on")
            for c in verb.children
        )

    def _reported_clause(self, verb: Token, obj: Side) -> Token | None:
        """The verb of the clause whose subject the object is: "X said (that) Y agreed",
        or misparsed as the verb's own object, "X announced the UK, along with Canada, is
        imposing ..." (a finite clause after it with no subject of its own); None when the
        object is the verb's."""
        tokens = obj.tokens
        if any(t.dep_ in SUBJECTS for t in tokens[:-1]):
            return tokens[-1] if len(tokens) == 2 else verb
        top = tokens[-1]
        if top.dep_ != "dobj":
            return None
        return next(
            (
                c
                for c in verb.children
                if c.dep_ == "ccomp"
                and c.i > top.i
                and not any(d.dep_ in SUBJECTS | PASSIVE_SUBJECTS for d in c.children)
                and finite(c)
            ),
            None,
        )

    def _claim(self, verb: Token, speaker: int, about: int, inner: Token) -> Iterator[Link]:
        """ "Facebook said the army had used it ...": an allegation; "X said Y was
        wrong": what X says Y is. Any other report ("X said the US had agreed to ...")
        states the subject's act, not a relation of the speaker to it: no link."""
        if inner is verb:
            return  # a subject deeper in the clause: "X said the head of Y ..."
        table = self.table
        lemma, inner_lemma = fold(verb.lemma_), fold(inner.lemma_)
        inner_type = table.type_of([inner_lemma])
        wrong = inner_lemma in table.wrongdoing_verbs or inner_type in table.wrongdoing_types
        how = modality(self.table, verb, verb)
        if (wrong or lemma in table.accusations) and how == "asserted":
            yield Link(
                speaker,
                about,
                "ACCUSED_OF",
                f"claim:{lemma}_{inner_lemma}",
                verb,
                f"{lemma}: {inner_lemma}",
                claimant=self.names[speaker],
                act=claimed_act(inner),
            )
            return
        said = [c for c in inner.children if c.dep_ in ("acomp", "attr")]
        if inner_lemma in COPULAS and said:  # "X said Y was effective": X judges Y
            words = f"{lemma}: {inner_lemma} {fold(said[0].lemma_)}"
            judged = self.judged_type(said[0])
            yield self.link(speaker, about, judged, "claim", verb, words, how)
        elif wrong or lemma in table.accusations:
            words = f"{lemma}: {inner_lemma}"
            yield self.link(speaker, about, None, "claim", verb, words, how)

    # ------------------------------------------------------------ records
    def link(
        self,
        source: int,
        target: int,
        rel_type: str | None,
        shape: str,
        anchor: Token,
        words: str,
        modality: str,
    ) -> Link:
        allowed = self.table.targets.get(rel_type or "")
        if allowed is not None and self.labels[target] not in allowed:
            rel_type = None  # "contest a seat": standing for election, not opposing a place
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


def _subordinate_subject(tokens: Sequence[Token]) -> bool:
    """ "X ... as his regime was condemned": the object is the (passive) subject of a
    clause of its own under a subordinator ("as", "because"; not the "for" of "called
    for Y to be lifted"); what happens to it there is not X's act."""
    top = tokens[-1]
    return (
        len(tokens) == 2
        and tokens[0].dep_ in SUBJECTS | PASSIVE_SUBJECTS
        and top.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ not in ("for", "that") for c in top.children)
    )


def _controller(side: Side) -> bool:
    """The verb's object or "on"/"to" object: who a demand or a permission is put to."""
    tokens = side.tokens
    if len(tokens) == 1:
        return side.role in ("dobj", "dative")
    return len(tokens) == 2 and tokens[0].dep_ == "pobj" and tokens[1].lower_ in ("on", "to")


def _conjunct_of(token: Token, verb: Token) -> bool:
    """Whether ``token`` is a conjunct of ``verb`` (through conjuncts only)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
        if token.i == verb.i:
            return True
    return False
