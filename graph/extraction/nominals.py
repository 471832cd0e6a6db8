"""Relations stated inside a noun phrase, for the general finder (``predicates``).

"X of/from Y" ("Brad Adams of Human Rights Watch"); a participle or relative clause on a
name ("Huawei, based in China", "X, who leads Y", "the regime led by Y"); a possessor
acting through a noun ("Straw's visit to China", "Mr Straw's China trip"), or a state's
adjective ("the Russian invasion of Ukraine"), or an agent after "by" ("the sanctions on
X by Y"); a possessed noun apposed to a name ("America, Taiwan's guarantor"); a name
possessed by a name ("Radio 4's World at One"); an apposed wider place ("Brick Lane,
east London", "St Anne's ward, Islington"); coordinated parties of a verb that needs two
("Biden and Xi met"); a compound adjective ("the US-led coalition").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from actorgraph.graph.extraction.lexicon import fold
from actorgraph.graph.extraction.paths import (
    BODIES,
    HYPHENS,
    NOMINAL_PREPS,
    PLACES,
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
    if len(side) > 2 and side[-2].dep_ in ("acl", "relcl") and described(finder, head, top):
        side, top = side[:-1], side[-2]  # "X, a watchdog based in Y": as "X, based in Y"
    if len(side) == 1 and top.dep_ == "appos" and _place_in_place(finder, head, other):
        yield finder.link(head, other, "LOCATED_IN", "appos", top, "in", "asserted")
        return
    if len(side) == 1 and top.dep_ == "conj":
        yield from _reciprocal(finder, head, other)  # "Biden and Xi met in Bali"
        return
    if len(side) == 1 and top.dep_ == "amod" and head in finder.standing:
        # "Chinese firms such as Huawei", "a Burmese body called X": the state it is of
        rel_type = finder.table.of_types.get(finder.labels[other])
        if rel_type and finder.labels[head] == "Organisation":
            yield finder.link(head, other, rel_type, "group", top, "of", "asserted")
        return
    if len(side) == 1 and top.dep_ == "poss" and not own_possessive(finder, other):
        yield from _possessed(finder, head, other, top)  # "Radio 4's World at One"
        return
    if len(side) == 2 and top.dep_ == "appos" and side[0].dep_ == "poss":
        yield from _apposed_noun(finder, top, head, other)  # "America, Taiwan's guarantor"
        return
    if top.dep_ == "prep" and len(side) == 2 and side[0].dep_ == "pobj":
        rel_type = finder.table.of_types.get(finder.labels[other])
        between = finder.doc[finder.end(head) : top.i]
        if (
            top.lower_ in finder.table.of_preps
            and rel_type
            and finder.labels[head] != "Bill"
            and not (finder.labels[head] == "Event" and top.lower_ in finder.table.party_preps)
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
    if prep is not None and finder.where_of_object(predicate, prep, target):
        rel_type = None  # "X, who will hold talks in Y": where the talks are
    how = modality(finder.table, predicate, top)
    yield finder.link(source, target, rel_type, "gclause", predicate, words, how)


def described(finder: PredicateFinder, name: int, noun: Token) -> bool:
    """Whether ``noun`` is a description apposed right after the name: "X, a watchdog
    ..." (also when the parse hangs it on a name before: "A of X, a watchdog ...")."""
    doc, end = finder.doc, finder.end(name)
    return (
        noun.dep_ == "appos"
        and noun.pos_ == "NOUN"
        and noun.i not in finder.of_token
        and end + 1 < len(doc)
        and doc[end].text == ","
        and noun.left_edge.i == end + 1
    )


def _place_in_place(finder: PredicateFinder, head: int, other: int) -> bool:
    """ "Brick Lane, east London", "Aleppo, Syria": a place and, apposed, the wider one
    it lies in; not a list of places ("France, Germany and Italy")."""
    if finder.labels[head] != "Region" or finder.labels[other] not in ("Region", "State"):
        return False

    def listed(token: Token) -> bool:  # a conjunct of another name ("and" inside one is not)
        return any(
            t.dep_ == "conj" and finder.of_token.get(t.i) != finder.of_token.get(u.i)
            for t, u in ((token, token.head), *((c, token) for c in token.children))
        )

    return not any(listed(t) for t in (finder.roots[head], finder.roots[other]))


def nominal(
    finder: PredicateFinder, noun: Token, first: tuple[int, Side], second: tuple[int, Side]
) -> Iterator[Link]:
    """ "Straw's visit to China", "the Russian invasion of Ukraine": a possessor (or a
    state's adjective) acting through a noun the lexicon names."""
    ordered = sorted((first, second), key=lambda item: item[1].role not in ("poss", "appos"))
    (source, owner), (target, obj) = ordered
    if {owner.role, obj.role} == {"poss", "appos"} and len(owner.tokens) == len(obj.tokens) == 1:
        name, possessor = (source, target) if owner.role == "appos" else (target, source)
        yield from _apposed_noun(finder, noun, name, possessor)  # "Taiwan's ally, Japan"
        return
    if owner.role == "appos":
        yield from _apposed_of(finder, noun, source, owner, target, obj)
        return
    if owner.role == "prep" and obj.role == "prep":
        yield from _acted_by(finder, noun, first, second)
        return
    if owner.role == "amod" or obj.role == "amod":  # "the Russian invasion of Ukraine"
        (source, owner), (target, obj) = (
            (first, second) if first[1].role == "amod" else (second, first)
        )
        if len(owner.tokens) > 1 or finder.labels[source] != "State":
            return
    elif owner.role != "poss" or len(owner.tokens) > 2:
        return
    if obj.role == "compound" and len(obj.tokens) == 1:  # "Mr Straw's China trip"
        lemma = fold(noun.lemma_)
        stance = _stance(finder, noun, obj.tokens[0])  # "his anti Iraq war stance"
        rel_type = finder.table.noun_type(lemma) or (stance and finder.table.stances[stance])
        words = f"{stance} {lemma}" if stance else lemma
        if rel_type:
            yield finder.link(source, target, rel_type, "gnoun", noun, words, "asserted")
        return
    if obj.role != "prep":
        return
    if len(obj.tokens) == 4 and owner.role == "poss":
        yield from _acted_where(finder, noun, source, target, obj)
        return
    if len(obj.tokens) != 2 or obj.tokens[0].dep_ != "pobj":
        return
    prep = obj.tokens[-1]
    lemma = fold(noun.lemma_)
    rel_type = finder.table.noun_type(lemma, prep.lower_) or finder.table.acts.get(lemma)
    if rel_type is None and (prep.lower_ not in NOMINAL_PREPS or owner.role == "amod"):
        return  # an adjective's state only with a noun the lexicon types
    words = f"{lemma} {prep.lower_}"
    yield finder.link(source, target, rel_type, "gnoun", noun, words, "asserted")


def event_parties(
    finder: PredicateFinder, noun: Token, first: tuple[int, Side], second: tuple[int, Side]
) -> Iterator[Link]:
    """ "America's trade war with China", "Britain's talks with Spain" (an event's name):
    the possessor and the party after "with"/"against" are its two sides."""
    ordered = sorted((first, second), key=lambda item: item[1].role != "poss")
    (source, owner), (target, obj) = ordered
    tokens = obj.tokens
    if (
        owner.role != "poss"
        or len(owner.tokens) != 1
        or len(tokens) != 2
        or tokens[0].dep_ != "pobj"
        or tokens[1].lower_ not in finder.table.party_preps
    ):
        return
    lemma, prep = fold(noun.lemma_), tokens[1].lower_
    rel_type = finder.table.noun_type(lemma, prep)
    yield finder.link(source, target, rel_type, "gnoun", noun, f"{lemma} {prep}", "asserted")


def _acted_where(
    finder: PredicateFinder, noun: Token, source: int, place: int, obj: Side
) -> Iterator[Link]:
    """ "China's crackdown on protesters in Tiananmen Square": where the possessor's act
    (a noun the lexicon types) was done; of the generic type, as for a verb's place."""
    name, inner, patient, outer = obj.tokens
    lemma = fold(noun.lemma_)
    if (
        finder.labels[place] in PLACES
        and name.dep_ == "pobj"
        and inner.lower_ in finder.table.place_preps
        and patient.dep_ == "pobj"
        and patient.pos_ == "NOUN"
        and patient.i not in finder.of_token
        and outer.lower_ in finder.table.light_preps.get(lemma, ())
    ):
        words = f"{lemma} {inner.lower_}"
        yield finder.link(source, place, None, "gnoun", noun, words, "asserted")


def _acted_by(
    finder: PredicateFinder, noun: Token, first: tuple[int, Side], second: tuple[int, Side]
) -> Iterator[Link]:
    """ "the sanctions on Russia by the EU", "an investigation into X by Y": a noun of
    action with its agent after "by"; only a noun the lexicon types."""
    sides = [item for item in (first, second) if len(item[1].tokens) == 2]
    agents = [item for item in sides if item[1].tokens[-1].lower_ == "by"]
    if len(sides) != 2 or len(agents) != 1 or any(s.tokens[0].dep_ != "pobj" for _, s in sides):
        return
    (agent, _), (target, obj) = agents[0], next(item for item in sides if item is not agents[0])
    prep, lemma = obj.tokens[-1].lower_, fold(noun.lemma_)
    table = finder.table
    light = next((k for k in (lemma, fold(noun.text)) if prep in table.light_preps.get(k, ())), "")
    rel_type = table.light.get(light) or table.acts.get(lemma) or table.noun_type(lemma, prep)
    if rel_type is not None:
        words = f"{lemma} {prep}"
        yield finder.link(agent, target, rel_type, "gnoun", noun, words, "asserted")


def _reciprocal(finder: PredicateFinder, first: int, second: int) -> Iterator[Link]:
    """Coordinated subjects of a verb that needs two parties ("Biden and Xi met", "X and
    Y held talks"): each is the other's party, when the verb names no other."""
    root = finder.roots[first]
    verb = root.head
    if root.dep_ not in SUBJECTS or verb.pos_ not in PREDICATE_POS:
        return
    table, lemma = finder.table, fold(verb.lemma_)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    key = f"{lemma} {fold(objects[0].lemma_)}" if objects else lemma
    if key not in table.reciprocal or any(
        c.dep_ == "prep" and c.lower_ == "with" for c in verb.children
    ):
        return  # not "X and Y met Z", "X and Y held talks with Z"
    if objects:  # "held talks": the noun's type
        noun = objects[0]
        rel_type = table.light.get(fold(noun.text)) or table.light.get(fold(noun.lemma_))
    else:
        rel_type = table.type_of([lemma])
    how = modality(table, verb, verb)
    yield finder.link(first, second, rel_type or table.type_of([key]), "gsvo", verb, key, how)


def own_possessive(finder: PredicateFinder, mention: int) -> bool:
    """Whether a mention's "'s" is part of its name ("St Anne's"), not a possessive."""
    root = finder.roots[mention]
    return root.tag_ != "PRP$" and not any(
        c.dep_ == "case" and c.i not in finder.of_token for c in root.children
    )


def _possessed(finder: PredicateFinder, head: int, owner: int, top: Token) -> Iterator[Link]:
    """ "Radio 4's World at One", "Amnesty's Agnes Callamard": a name its possessor's, as
    "X of Y"; "figures in X's regime, including Y": Y is one of X's (the noun says what)."""
    root = finder.roots[head]
    if head in finder.standing:
        lemma = fold(root.lemma_)
        table = finder.table
        rel_type = table.type_of([lemma]) or (
            table.apparatus_type if lemma in table.stand_ins else None
        )
        yield finder.link(head, owner, rel_type, "group", root, lemma, "asserted")
    elif root.pos_ == "PROPN" and finder.labels[head] != "Bill":
        rel_type = finder.table.of_types.get(finder.labels[owner])
        yield finder.link(head, owner, rel_type, "poss", top, "'s", "asserted")
    elif finder.labels[owner] == "Person" and finder.labels[head] in BODIES:
        # "Gordon Brown's party", "his party" (a noun standing for a body): the person's
        rel_type = finder.table.of_types.get(finder.labels[head])
        yield finder.link(owner, head, rel_type, "poss", top, "'s", "asserted")


def _stance(finder: PredicateFinder, noun: Token, name: Token) -> str:
    """ "anti"/"pro" before a name on a noun: "his anti-war stance", "a pro-Iraq war MP"."""
    own = finder.of_token.get(name.i)
    if any(finder.of_token.get(t.i, own) != own for t in finder.doc[name.i : noun.i]):
        return ""  # "anti Iraq war stance": against the war, not Iraq
    for token in (*name.children, *noun.children):
        if token.dep_ == "amod" and token.i < name.i and fold(token.text) in finder.table.stances:
            return fold(token.text)
    return ""


def _apposed_noun(
    finder: PredicateFinder, noun: Token, name: int, possessor: int
) -> Iterator[Link]:
    """A name and, apposed, a possessed noun for what it is to another: "America, Taiwan's
    ultimate guarantor", "his minion, Carrie Lam", "X, the country's parliament" (the noun
    is the predicate, typed when the lexicon names it); with a class word of places, a
    place in a wider one: the possessor's own ("St Anne's ward, Islington") or the name's
    ("China's biggest city, Shanghai")."""
    if noun.pos_ != "NOUN" or noun.i in finder.of_token:
        return
    lemma = fold(noun.lemma_)
    if lemma in finder.table.place_words:
        named = finder.labels[possessor] == "Region" and finder.end(possessor) + 1 == noun.i
        own = named or own_possessive(finder, possessor)
        place, wider = (possessor, name) if own else (name, possessor)
        if _place_in_place(finder, place, wider):
            yield finder.link(place, wider, "LOCATED_IN", "appos", noun, "in", "asserted")
        return
    rel_type = finder.table.type_of([lemma])
    yield finder.link(name, possessor, rel_type, "gappos", noun, lemma, "asserted")


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
