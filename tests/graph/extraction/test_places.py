"""States, territories, subdivisions and cities from the libraries (``places``), read
through the lexicon the extractor uses."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest

from actorgraph.graph.extraction.lexicon import load_lexicon
from actorgraph.graph.extraction.places import countries, name_forms
from actorgraph.graph.schema import SchemaError


def _states_toml() -> dict[str, Any]:
    text = resources.files("actorgraph.graph").joinpath("data/states.toml").read_text("utf-8")
    return tomllib.loads(text)


@pytest.mark.parametrize(
    ("name", "suffixes", "first"),
    [
        ("Falkland Islands (Malvinas)", (), "Falkland Islands"),
        ("Wales [Cymru GB-CYM]", (), "Wales"),
        ("London, City of", (), "City of London"),
        ("Korea, Republic of", (), "Republic of Korea"),
        ("Congo, The Democratic Republic of the", (), "Democratic Republic of the Congo"),
        ("Xinjiang Uygur Zizhiqu", ("Zizhiqu", "Uygur Zizhiqu"), "Xinjiang"),
        ("Virgin Islands, British", (), "Virgin Islands, British"),  # no "of": left alone
    ],
)
def test_places_name_forms_clean_standard_names(
    name: str, suffixes: tuple[str, ...], first: str
) -> None:
    forms = name_forms(name, suffixes)
    assert forms[0] == first
    assert forms[-1] == name  # the standard's own form is matched too


def test_places_name_forms_add_the_form_without_diacritics() -> None:
    assert name_forms("Mahārāshtra") == ["Mahārāshtra", "Maharashtra"]


def test_places_sovereign_states_are_the_un_members_and_observers_plus_taiwan_and_kosovo() -> None:
    sovereign = [c for c in countries(_states_toml()) if c.sovereign]
    assert len(sovereign) == 193 + 2 + 2  # UN members; Holy See, Palestine; Taiwan, Kosovo
    assert len({c.name for c in sovereign}) == len(sovereign)


@pytest.mark.parametrize(
    ("form", "state"),
    [
        # ISO's short, official and common names
        ("Syrian Arab Republic", "Syria"),
        ("Kingdom of Saudi Arabia", "Saudi Arabia"),
        ("Federal Republic of Germany", "Germany"),
        ("Viet Nam", "Vietnam"),
        ("Democratic People's Republic of Korea", "North Korea"),
        # states.toml: the press's synonyms and canonical choices
        ("Britain", "United Kingdom"),
        ("United States of America", "United States"),
        ("Burma", "Myanmar"),
        ("Czechia", "Czech Republic"),
        ("Holy See", "Vatican City"),
        ("Kosovo", "Kosovo"),  # outside the standard
        ("Taiwan", "Taiwan"),  # contested: a state, as states.toml documents
    ],
)
def test_places_state_names(form: str, state: str) -> None:
    lexicon = load_lexicon()
    assert lexicon.states[form.casefold()] == state


@pytest.mark.parametrize(
    ("form", "region"),
    [
        ("Hong Kong", "Hong Kong"),
        ("Macao Special Administrative Region of China", "Macau"),  # regions.toml's name
        ("Puerto Rico", "Puerto Rico"),
        ("Greenland", "Greenland"),
        ("Falkland Islands", "Falkland Islands"),
        ("Gibraltar", "Gibraltar"),
    ],
)
def test_places_territories_are_regions_not_states(form: str, region: str) -> None:
    lexicon = load_lexicon()
    key = form.casefold()
    assert lexicon.regions[key] == region
    assert key not in lexicon.states


@pytest.mark.parametrize(
    ("text", "name", "notable"),
    [
        ("Xinjiang Uygur Zizhiqu", "Xinjiang", True),  # ISO 3166-2, its kind dropped
        ("Nei Mongol Zizhiqu", "Nei Mongol", True),
        ("Texas", "Texas", True),
        ("Kashgar", "Kashgar", True),  # a GeoNames city of over 100,000 people
        ("Rangoon", "Yangon", True),  # a large city's exonym
        ("Obama", "Obama", False),  # a town: too small to outweigh a person's name
    ],
)
def test_places_library_regions(text: str, name: str, notable: bool) -> None:
    library = load_lexicon().library_regions
    place = library.place(text)
    assert place is not None
    assert (place.name, library.notable(place)) == (name, notable)


def test_places_library_regions_know_no_made_up_name() -> None:
    assert load_lexicon().library_regions.place("Ministry of Truth") is None


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t["states"].update({"Freedonia": []}), "'Freedonia': no ISO 3166-1 country"),
        (lambda t: t["states"].update({"Albion": ["Britain", "UK"]}), "'Albion': no ISO"),
        (lambda t: t["states"].update({"Albion": ["Russian Federation"]}), "RU is listed twice"),
        (lambda t: t["territories"]["codes"].append("QQ"), "not ISO 3166-1 codes: ['QQ']"),
    ],
)
def test_places_bad_states_toml_is_a_clear_error(edit: Any, message: str) -> None:
    table = _states_toml()
    edit(table)
    with pytest.raises(SchemaError, match=r"states\.toml") as caught:
        countries(table)
    assert message in str(caught.value)
