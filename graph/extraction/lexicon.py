"""The extraction rules kept as data (``graph/data/``), loaded once and validated.

Extraction, relation patterns and resolution read their word lists and gazetteers from
here, so a rule changes by editing a TOML or JSONL file, never the code.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from actorgraph.graph.extraction.places import Place, countries, region_names
from actorgraph.graph.schema import SchemaError, load_schema

RIGHT_QUOTE = "\u2019"  # the typographic apostrophe most edited text uses
QUOTES = str.maketrans(
    {"\u2018": "'", RIGHT_QUOTE: "'", "\u201b": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'}
)
SHAPES = (
    "member_titles",
    "portfolio_titles",
    "broadcast",
    "name_events",
    "group_nouns",
    "victim_nouns",
    "work_nouns",
    "place_kinds",
    "person_nouns",
    "final_bill_heads",
    "law_heads",
    "ban_heads",
    "placed_by_demonym",
    "qualified_events",
    "event_kinds",
    "campaign_nouns",
)
POSSESSIVES = frozenset({"'s", RIGHT_QUOTE + "s", "'", RIGHT_QUOTE})


@lru_cache(maxsize=1 << 16)  # called for every token by several passes
def fold(text: str) -> str:
    """Case- and quote-insensitive form of a word or phrase, for lookups in word lists."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class Anaphor:
    """A class of definite descriptions ("the junta") that refer back to a named actor."""

    name: str
    nouns: frozenset[str]
    known: frozenset[str]
    label: str | None = None  # bound to the document's only entity of this label ...
    heads: frozenset[str] = frozenset()  # ... whose name ends in one of these words


@dataclass(frozen=True, slots=True)
class LibraryRegions:
    """ISO 3166-2 subdivisions and GeoNames cities (graph/extraction/places.py), read on
    first use: a build that never asks pays nothing."""

    suffixes: tuple[str, ...]
    min_alias_population: int
    min_rename_population: int
    person_min_population: int

    def place(self, text: str) -> Place | None:
        """The subdivision or city ``text`` names, if any."""
        populations = (self.min_alias_population, self.min_rename_population)
        return _library_regions(self.suffixes, *populations).get(fold(text))

    def notable(self, place: Place) -> bool:
        """A division, or a city large enough that "in <it>" outweighs a person's name."""
        return place.people is None or place.people >= self.person_min_population


@cache
def _library_regions(
    suffixes: tuple[str, ...], min_alias_population: int, min_rename_population: int
) -> dict[str, Place]:
    out: dict[str, Place] = {}
    for form, place in region_names(suffixes, min_alias_population, min_rename_population):
        out.setdefault(fold(form), place)
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    states: dict[str, str]  # folded name or synonym -> canonical state name (ISO + states.toml)
    regions: dict[str, str]  # folded name or synonym -> canonical region (regions.toml, ISO)
    library_regions: LibraryRegions  # subdivisions and cities: used only with evidence
    place_prepositions: frozenset[str]  # "in X": evidence that a library name is a place
    not_entities: frozenset[str]
    place_patterns: tuple[dict[str, Any], ...]  # states and regions as EntityRuler patterns
    honorifics: frozenset[str]
    peerage: frozenset[str]
    offices: frozenset[str]
    post_nominals: frozenset[str]
    generic: frozenset[str]
    demonyms: frozenset[str]
    lowercase_ok: frozenset[str]
    heads: dict[str, str]  # folded head word -> label
    first_word_overrides: dict[str, str]
    event_nouns: frozenset[str]
    anaphors: tuple[Anaphor, ...]
    patterns: tuple[dict[str, Any], ...]  # EntityRuler patterns (without "why")
    relations: dict[str, Any]
    references: dict[str, Any]  # pronouns, descriptions and adjectives (references.toml)
    state_demonyms: dict[str, str]  # folded demonym -> canonical state ("british")
    party_adjectives: dict[str, str]  # folded short name or adjective -> party ("tory")
    credit_line: re.Pattern[str]  # a page's credit line: "Photo: AFP", "Copyright 2024 X"
    short_form_words: frozenset[str]  # words a short form of a name may leave out
    shapes: dict[str, frozenset[str]]  # words that reshape a name from outside (types.toml)

    def known_place(self, text: str) -> bool:
        """A listed state or region (states.toml, regions.toml, ISO 3166-1)."""
        key = fold(text)
        return key in self.states or key in self.regions

    def anaphor_class(self, noun: str) -> Anaphor | None:
        key = fold(noun)
        for anaphor in self.anaphors:
            if key in anaphor.nouns:
                return anaphor
        return None


def _credit_line(words: list[str]) -> re.Pattern[str]:
    """A line opening with a credit word and a colon, or with "copyright" or the sign."""
    bare = [w for w in words if w in ("copyright", "\u00a9")]
    colon = [re.escape(w) for w in words if w not in bare]
    opening = rf"(?:(?:{'|'.join(colon)})\s*:|{'|'.join(re.escape(w) for w in bare)})"
    return re.compile(rf"^[ \t]*{opening}[^\n]*", re.IGNORECASE | re.MULTILINE)


def _read(name: str) -> str:
    return resources.files("actorgraph.graph").joinpath(f"data/{name}").read_text("utf-8")


def data_toml(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(_read(name))
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{name}: {exc}") from None


def _synonyms(table: Mapping[str, Sequence[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, synonyms in table.items():
        for form in (canonical, *synonyms):
            out[fold(form)] = canonical
    return out


def _place_tables(
    states: dict[str, Any], regions: dict[str, list[str]]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Canonical name -> forms, for sovereign states and for regions (regions.toml, then
    ISO's territories: a territory regions.toml lists keeps that canonical name)."""
    listed = _synonyms(regions)
    state_table: dict[str, tuple[str, ...]] = {}
    region_table: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in regions.items()}
    for country in countries(states):
        if country.sovereign:
            state_table[country.name] = country.forms
            continue
        known = next((listed[fold(f)] for f in country.forms if fold(f) in listed), None)
        name = known or country.name
        region_table[name] = tuple(dict.fromkeys((*region_table.get(name, ()), *country.forms)))
    return state_table, region_table


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


def _place_patterns(
    states: Mapping[str, Sequence[str]], regions: Mapping[str, Sequence[str]], skip: set[str]
) -> tuple[dict[str, Any], ...]:
    """Every state and region name as a phrase pattern whose id is the canonical name."""
    out = []
    for label, table in (("State", states), ("Region", regions)):
        for canonical, synonyms in table.items():
            for form in (canonical, *synonyms):
                if form not in skip:
                    out.append({"label": label, "pattern": form, "id": canonical})
    return tuple(out)


def load_patterns(text: str, labels: tuple[str, ...]) -> tuple[dict[str, Any], ...]:
    """EntityRuler patterns from JSONL; a label outside the schema fails at start."""
    patterns = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        row = json.loads(line)
        if row.get("label") not in labels or "pattern" not in row:
            raise SchemaError(f"entity_patterns.jsonl:{number}: bad label or no pattern: {row}")
        pattern = {k: v for k, v in row.items() if k in ("label", "pattern", "id")}
        patterns.append(pattern)
        if isinstance(pattern["pattern"], str) and "'" in pattern["pattern"]:
            # the press writes both apostrophes; phrase patterns match exact characters
            patterns.append({**pattern, "pattern": pattern["pattern"].replace("'", RIGHT_QUOTE)})
    return tuple(patterns)


@cache
def load_lexicon() -> Lexicon:
    schema = load_schema()
    names = data_toml("names.toml")
    types = data_toml("types.toml")
    regions = data_toml("regions.toml")
    heads: dict[str, str] = {}
    for label, words in types["heads"].items():
        schema.check_label(label)
        for word in words:
            heads.setdefault(fold(word), label)
    anaphors = tuple(
        Anaphor(
            name,
            _folded(spec["nouns"]),
            _folded(spec.get("known", [])),
            schema.check_label(spec["label"]) if "label" in spec else None,
            _folded(spec.get("heads", spec["nouns"])),
        )
        for name, spec in types.get("anaphors", {}).items()
    )
    relations = data_toml("relations.toml")
    for table in (
        "verbs",
        "verb_preps",
        "light",
        "nouns",
        "compound_adjectives",
        "stances",
    ):
        for word, spec in relations.get(table, {}).items():
            name = spec["type"] if isinstance(spec, dict) else spec
            if name not in schema.relation_types:
                raise SchemaError(f"relations.toml [{table}] {word!r}: unknown relation {name!r}")
    seen: dict[str, str] = {}
    for name, words in relations.get("families", {}).items():
        if name not in schema.relation_types:
            raise SchemaError(f"relations.toml [families]: unknown relation {name!r}")
        for word in words:
            if fold(word) in seen:
                raise SchemaError(
                    f"relations.toml [families]: {word!r} is in {seen[fold(word)]} and {name}"
                )
            seen[fold(word)] = name
    for label, name in relations.get("of_phrase", {}).items():
        if label != "preps" and name not in schema.relation_types:
            raise SchemaError(f"relations.toml [of_phrase] {label}: unknown relation {name!r}")
    states = data_toml("states.toml")
    state_table, region_table = _place_tables(states, regions["regions"])
    references = data_toml("references.toml")
    for spec in references.get("descriptions", {}).values():
        schema.check_label(spec["label"])
    for name in references.get("adjectives", {}).get("states", {}):
        if name not in state_table:
            raise SchemaError(f"references.toml [adjectives.states]: {name!r} is no state")
    shapes = {**types.get("shapes", {}), **types["event_nouns"]}
    library = regions["library"]
    return Lexicon(
        states=_synonyms(state_table),
        place_patterns=_place_patterns(
            state_table, regions["regions"], set(states["not_matched_alone"]["names"])
        ),
        regions=_synonyms(region_table),
        library_regions=LibraryRegions(
            tuple(library["division_suffixes"]),
            library["alias_min_population"],
            library["rename_min_population"],
            library["person_min_population"],
        ),
        place_prepositions=_folded(library["prepositions"]),
        not_entities=_folded(regions["not_entities"]["names"]),
        honorifics=_folded(names["honorifics"]["always"]),
        peerage=_folded(names["honorifics"]["peerage"]),
        offices=_folded(names["honorifics"]["offices"]),
        post_nominals=_folded(names["honorifics"]["post_nominals"]),
        generic=_folded(names["generic"]["words"]),
        demonyms=_folded(names["demonyms"]["words"]),
        lowercase_ok=_folded(names["lowercase_ok"]["words"]),
        heads=heads,
        first_word_overrides={
            fold(k): schema.check_label(v) for k, v in types["first_word_overrides"].items()
        },
        event_nouns=_folded(types["event_nouns"]["words"]),
        anaphors=anaphors,
        patterns=load_patterns(_read("entity_patterns.jsonl"), schema.entity_labels),
        relations=relations,
        references=references,
        short_form_words=_folded(types.get("short_forms", {}).get("words", [])),
        shapes={
            key: frozenset(shapes.get(key, ()))
            if key in ("member_titles", "portfolio_titles")  # as written: "MP", never "mp"
            else _folded(shapes.get(key, ()))
            for key in SHAPES
        },
        state_demonyms={
            fold(word): name
            for name, words in references.get("adjectives", {}).get("states", {}).items()
            for word in words
        },
        credit_line=_credit_line(types["shapes"]["credit_words"]),
        party_adjectives={
            fold(word): name
            for name, words in references.get("adjectives", {}).get("parties", {}).items()
            for word in words
        },
    )
