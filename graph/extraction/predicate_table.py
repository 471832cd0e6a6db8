"""The predicate lexicon of the general relation finder, read from ``relations.toml``.

One table per lexicon: which lemma (or "lemma preposition") states which relation type,
the light-verb nouns, the words that make a statement hedged, demanded or denied, and
the words of claims and wrongdoing that make a statement an allegation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Token

from actorgraph.graph.extraction.lexicon import Lexicon, fold
from actorgraph.graph.extraction.paths import PLACES
from actorgraph.graph.schema import SchemaError


@dataclass(frozen=True, slots=True)
class Table:
    """The predicate lexicon: lemma (or "lemma prep") -> relation type."""

    words: dict[str, str]
    light: dict[str, str]  # action noun -> type ("sanctions" -> SANCTIONED)
    light_preps: dict[str, frozenset[str]]  # where its target sits ("sanctions" -> on)
    compounds: dict[str, tuple[str, bool]]  # "led" -> (LEADS, reverse?)
    of_preps: frozenset[str]
    time_preps: frozenset[str]
    of_types: dict[str, str]  # target label -> type for "X of/from Y"
    party_preps: frozenset[str]  # "with" in "the trade war with X": a party, not a place
    hedges: frozenset[str]
    demands: frozenset[str]
    denials: frozenset[str]
    claim_verbs: frozenset[str]
    accusations: frozenset[str]
    wrongdoing_types: frozenset[str]
    wrongdoing_verbs: frozenset[str]
    class_words: frozenset[str]  # "borough" after a place's name
    place_words: frozenset[str]  # the class words of places ("borough", not "parliament")
    place_preps: frozenset[str]  # "held by the US in Guantanamo Bay"
    where_preps: frozenset[str]  # "speaking from a cafe in X", "released ... from X"
    stand_ins: frozenset[str]  # "regime" after its ruler's name
    co_agents: frozenset[str]  # "along with" in "The UK, along with Canada, ..."
    role_verbs: frozenset[str]  # "elect" in "X was elected leader of Y"
    naming: frozenset[str]  # "called" in "a body called X"
    inclusions: frozenset[str]  # "including" in "officials, including X"
    stances: dict[str, str]  # "anti" -> OPPOSES in "his anti-war stance"
    acts: dict[str, str]  # "arrest" -> DETAINED in "the arrest of X by Y"
    reciprocal: frozenset[str]  # "meet", "hold talk": "X and Y met"
    characterising: frozenset[str] = frozenset()  # "call" in "X called Y a scandal"
    judgements: dict[int, str] = field(default_factory=dict)  # -1/+1 -> CONDEMNED/SUPPORTS
    judging_threshold: float = 1.0  # the least valence that judges
    targets: dict[str, frozenset[str]] = field(default_factory=dict)  # type -> labels
    apparatus_type: str | None = None  # "figures in X's regime, including Y": Y -> X
    suffixes: tuple[tuple[str, str], ...] = ()  # "ution" -> "ute": a noun's verb
    irregular: dict[str, str] = field(default_factory=dict)  # "detention" -> "detain"
    reversals: frozenset[str] = frozenset()  # "lift" in "lifted the sanctions on X"
    judged_acts: frozenset[str] = frozenset()  # types of "condemned the violence used by X"
    joint_verbs: frozenset[str] = frozenset()  # "join" in "X joined Y in condemning Z"

    def type_of(self, keys: Sequence[str]) -> str | None:
        for key in keys:
            found = self.words.get(key)
            if found is not None:
                return found
        return None

    def stand_in(self, noun: Token) -> bool:
        """Whether a noun is a word for a ruler's apparatus ("regime", "troops")."""
        return bool({fold(noun.lemma_), fold(noun.text)} & self.stand_ins)

    def noun_type(self, noun: str, prep: str = "") -> str | None:
        """The type a noun of action states, as itself ("visit to", "support") or as the
        verb it is made from ("oppression" -> "oppress", "meeting with" -> "meet with");
        not before a place ("the army's operation in X" says where, not what it owns)."""
        made_from = self.verbs_of(noun) if prep not in self.where_preps else []
        for word in (noun, *made_from):
            found = self.type_of([f"{word} {prep}", word] if prep else [word])
            if found is not None:
                return found
        return None

    def verbs_of(self, noun: str) -> list[str]:
        """The verbs of the lexicon a noun may be made from: listed, or by a suffix rule."""
        listed = self.irregular.get(noun)
        if listed is not None:
            return [listed]
        found = (
            noun[: -len(ending)] + verb
            for ending, verb in self.suffixes
            if noun.endswith(ending) and len(noun) > len(ending) + 2
        )
        return list(dict.fromkeys(verb for verb in found if verb in self.words))


def _type(spec: Any) -> str:
    return spec if isinstance(spec, str) else str(spec["type"])


_TABLES: dict[int, tuple[Lexicon, Table]] = {}


def predicate_table(lexicon: Lexicon) -> Table:
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
    nominal = relations.get("nominalisations", {})
    judging = relations.get("characterisations", {})
    table = Table(
        words=words,
        light={fold(k): _type(v) for k, v in relations.get("light", {}).items()},
        light_preps={
            fold(k): frozenset(v.get("preps", [])) for k, v in relations.get("light", {}).items()
        },
        compounds={
            fold(k): (_type(v), isinstance(v, dict) and bool(v.get("reverse")))
            for k, v in relations.get("compound_adjectives", {}).items()
        },
        of_preps=frozenset(of_phrase.pop("preps", [])),
        time_preps=frozenset(relations.get("time_preps", {}).get("words", [])),
        of_types={label: str(name) for label, name in of_phrase.items()},
        party_preps=frozenset(relations.get("event_parties", {}).get("preps", [])),
        hedges=frozenset(modality.get("hypothetical", [])),
        demands=frozenset(modality.get("demanded", [])),
        denials=frozenset(modality.get("denied", [])),
        claim_verbs=frozenset(claims.get("verbs", [])),
        accusations=frozenset(claims.get("accusations", [])),
        wrongdoing_types=frozenset(claims.get("wrongdoing_types", [])),
        wrongdoing_verbs=frozenset(claims.get("wrongdoing_verbs", [])),
        class_words=frozenset(lexicon.heads),
        place_words=frozenset(w for w, label in lexicon.heads.items() if label in PLACES),
        place_preps=frozenset(("in", "at")),
        where_preps=frozenset(relations.get("where_preps", {}).get("words", [])),
        stand_ins=frozenset(fold(w) for w in relations.get("stand_ins", {}).get("nouns", [])),
        co_agents=frozenset(fold(w) for w in relations.get("co_agents", {}).get("words", [])),
        role_verbs=frozenset(fold(w) for w in relations.get("role_verbs", {}).get("words", [])),
        naming=frozenset(fold(w) for w in relations.get("naming", {}).get("verbs", [])),
        inclusions=frozenset(fold(w) for w in relations.get("inclusions", {}).get("words", [])),
        stances={fold(k): _type(v) for k, v in relations.get("stances", {}).items()},
        acts={},
        reciprocal=frozenset(fold(w) for w in relations.get("reciprocal", {}).get("words", [])),
        characterising=frozenset(fold(w) for w in judging.get("verbs", [])),
        judgements={
            sign: str(judging[key])
            for sign, key in ((-1, "negative"), (1, "positive"))
            if key in judging
        },
        judging_threshold=float(judging.get("threshold", 1.0)),
        targets={k: frozenset(v) for k, v in relations.get("targets", {}).items()},
        apparatus_type=relations.get("stand_ins", {}).get("member_type"),
        suffixes=tuple((str(a), str(b)) for a, b in nominal.get("suffixes", [])),
        irregular={fold(k): fold(v) for k, v in nominal.get("irregular", {}).items()},
        reversals=frozenset(fold(w) for w in relations.get("reversals", {}).get("words", [])),
        judged_acts=frozenset(relations.get("acts_by_agent", {}).get("types", [])),
        joint_verbs=frozenset(fold(w) for w in relations.get("joint_action", {}).get("verbs", [])),
    )
    return replace(table, acts=_acts(table, nominal.get("acts", [])))


def _acts(table: Table, nouns: Sequence[str]) -> dict[str, str]:
    """Each noun of an act with the type of the verb it is made from (one source: the
    verb families and the nominalisation rules)."""
    acts: dict[str, str] = {}
    for noun in map(fold, nouns):
        rel_type = table.noun_type(noun)
        if rel_type is None:
            raise SchemaError(f"relations.toml [nominalisations] acts: no verb types {noun!r}")
        acts[noun] = rel_type
    return acts
