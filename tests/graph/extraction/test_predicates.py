"""General relations over the parse: one shape or property per test, on sentences written
for the tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.graph.records import Extraction, Relation

Extract = Callable[..., Extraction]


def named(extraction: Extraction) -> dict[tuple[str, str, str], Relation]:
    """(source name, type, target name) -> the relation."""
    m = extraction.mentions
    return {(m[r.source].name, r.type, m[r.target].name): r for r in extraction.relations}


@pytest.mark.parametrize(
    ("text", "expected", "predicate"),
    [
        (
            "Angela Merkel met Emmanuel Macron in Paris.",
            ("Angela Merkel", "MET", "Emmanuel Macron"),
            "meet",
        ),
        (  # a verb no family names: generic, with its lemma
            "Vladimir Putin telephoned Xi Jinping.",
            ("Vladimir Putin", "RELATED_TO", "Xi Jinping"),
            "telephone",
        ),
        (  # passive subject with a prepositional object
            "Jimmy Lai was held in Hong Kong.",
            ("Jimmy Lai", "LOCATED_IN", "Hong Kong"),
            "hold in",
        ),
        (  # participle on a name
            "Huawei, based in Shenzhen, denied the report.",
            ("Huawei", "LOCATED_IN", "Shenzhen"),
            "base in",
        ),
        (  # relative clause with "who"
            "Sophie Richardson, who praised Amnesty International, spoke on Friday.",
            ("Sophie Richardson", "SUPPORTS", "Amnesty International"),
            "praise",
        ),
        (  # a possessor acting through a noun
            "Boris Johnson's visit to India ended early.",
            ("Boris Johnson", "VISITED", "India"),
            "visit to",
        ),
        (  # a name of a body
            "Yasmin Ahmed of Human Rights Watch spoke.",
            ("Yasmin Ahmed", "MEMBER_OF", "Human Rights Watch"),
            "of",
        ),
        (  # a compound adjective
            "The Iran-backed Hezbollah fired rockets.",
            ("Iran", "SUPPORTS", "Hezbollah"),
            "backed",
        ),
    ],
)
def test_predicate_shape(
    extract: Extract, text: str, expected: tuple[str, str, str], predicate: str
) -> None:
    found = named(extract(text))
    assert expected in found, sorted(found)
    assert found[expected].predicate == predicate
    assert found[expected].modality == "asserted"


def test_predicate_coordinated_names_each_get_the_relation(extract: Extract) -> None:
    text = "Maria Kolesnikova and Sergei Tikhanovsky, from Minsk, were jailed by Belarus."
    found = named(extract(text))
    for person in ("Maria Kolesnikova", "Sergei Tikhanovsky"):
        assert ("Belarus", "DETAINED", person) in found, sorted(found)
    assert ("Sergei Tikhanovsky", "LOCATED_IN", "Minsk") in found
    assert ("Maria Kolesnikova", "LOCATED_IN", "Minsk") in found  # the list shares "from"


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Did Canada sanction Gazprom?", "questioned"),
        ("Amnesty International wants to sue Hikvision.", "demanded"),
        ("Canada may sue Gazprom.", "hypothetical"),
        ("Canada denied that it had sued Gazprom.", "negated"),
    ],
)
def test_predicate_unasserted_statement_is_marked(
    extract: Extract, text: str, modality: str
) -> None:
    relations = extract(text).relations
    assert relations, "the statement is kept"
    assert {(r.type, r.modality) for r in relations} == {("RELATED_TO", modality)}
    assert all(r.stated_type for r in relations)  # the type it would have had


def test_predicate_object_of_an_urged_act_is_not_the_speakers(extract: Extract) -> None:
    found = named(extract("Amnesty International urged Britain to sanction Hikvision."))
    assert not any(s == "Amnesty International" and t == "Hikvision" for s, _, t in found)
    assert ("Amnesty International", "CALLED_ON", "United Kingdom") in found


@pytest.mark.parametrize(
    "text",
    [
        "Oxfam said the police would consider whether to arrest them under the Public Order Act.",
        "Oxfam denied the report would suggest that Kenya had been forgotten.",
    ],
)
def test_predicate_object_of_a_clause_with_its_own_subject_is_not_the_speakers(
    extract: Extract, text: str
) -> None:
    found = named(extract(text))
    assert not any(s == "Oxfam" for s, _, _ in found)


def test_predicate_clause_subject_referring_to_the_speaker_keeps_the_link(
    extract: Extract,
) -> None:
    found = named(extract("Mr John Smith said he was obliged to compensate Mr Peter Jones."))
    assert any((s, t) == ("John Smith", "Peter Jones") for s, _, t in found)


def test_predicate_time_preposition_is_no_party(extract: Extract) -> None:
    found = named(extract("Canada has sanctioned many officials since the Beijing Olympics."))
    assert not any("Olympics" in t for _, _, t in found)


def test_allegation_carries_claimant_and_act(extract: Extract) -> None:
    found = named(extract("Amnesty International said Myanmar had tortured the prisoners."))
    relation = found[("Amnesty International", "ACCUSED_OF", "Myanmar")]
    assert relation.claimant == "Amnesty International"
    assert relation.act == "torture prisoners"
    assert "act=torture prisoners" in relation.signature


def test_accusation_of_an_act_records_the_act(extract: Extract) -> None:
    found = named(extract("Human Rights Watch accused Ethiopia of ethnic cleansing."))
    relation = found[("Human Rights Watch", "ACCUSED_OF", "Ethiopia")]
    assert (relation.claimant, relation.act) == ("Human Rights Watch", "ethnic cleansing")


def test_statement_with_a_verb_of_saying_links_speaker_and_subject(extract: Extract) -> None:
    found = named(extract("Oxfam said Kenya had agreed to the plan."))
    relation = found[("Oxfam", "RELATED_TO", "Kenya")]
    assert relation.predicate == "say: agree"


@pytest.mark.parametrize(
    ("text", "expected", "predicate"),
    [
        (  # a noun apposed to the name only describes it
            "Ms Jacinda Ardern defeated her opponent, Judith Collins of the National Party.",
            ("Jacinda Ardern", "DEFEATED", "Judith Collins"),
            "defeat",
        ),
        (  # "of Y" hung on the noun, right after the apposed name: the name's
            "Ms Jacinda Ardern defeated her opponent, Judith Collins of the National Party.",
            ("Judith Collins", "MEMBER_OF", "National Party"),
            "of",
        ),
        (  # a ruler's apparatus after the ruler's name
            "Mr John Smith sold weapons to Bashar al-Assad's government.",
            ("John Smith", "RELATED_TO", "Bashar al-Assad"),
            "sell",
        ),
        (
            "Bashar al-Assad's regime in Syria bombed hospitals.",
            ("Bashar al-Assad", "LEADS", "Syria"),
            "regime in",
        ),
        (  # a place's name before a class word
            "The Labour Party came first in Hackney borough.",
            ("Labour Party", "RELATED_TO", "Hackney"),
            "come in",
        ),
        (  # a possessor and a place before a noun of travel
            "Mr Emmanuel Macron's Beijing trip angered Washington.",
            ("Emmanuel Macron", "VISITED", "Beijing"),
            "trip",
        ),
        (  # a place and, apposed, the wider place it lies in
            "The protest began in Aleppo, Syria.",
            ("Aleppo", "LOCATED_IN", "Syria"),
            "in",
        ),
        (  # where a passive's agent acted: generic, the verb's family says where the held are
            "Hundreds of protesters arrested by Belarus in Minsk were released.",
            ("Belarus", "RELATED_TO", "Minsk"),
            "arrest in",
        ),
    ],
)
def test_predicate_through_a_word_that_stands_for_a_name(
    extract: Extract, text: str, expected: tuple[str, str, str], predicate: str
) -> None:
    assert named(extract(text))[expected].predicate == predicate


def test_predicate_list_of_places_is_no_location(extract: Extract) -> None:
    found = named(extract("Protests spread to Aleppo, Homs and Damascus."))
    assert not any(kind == "LOCATED_IN" for _, kind, _ in found)
