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
        (  # a name and, apposed, what it is to a possessor
            "She has bolstered support in America, Taiwan's ultimate guarantor of security.",
            ("United States", "RELATED_TO", "Taiwan"),
            "guarantor",
        ),
        (  # the possessor's noun first, the name apposed to it
            "Taiwan's closest partner, Japan, sent aid.",
            ("Japan", "RELATED_TO", "Taiwan"),
            "partner",
        ),
        (  # a noun of action with its agent after "by"
            "The sanctions on Russia by the European Union took effect.",
            ("European Union", "SANCTIONED", "Russia"),
            "sanction on",
        ),
        (  # a name given to a noun takes the noun's place
            "Amnesty International set up a group known as the Burma Campaign.",
            ("Amnesty International", "CO_FOUNDED", "Burma Campaign"),
            "set up",
        ),
        (  # a member named after "such as" takes the group's place
            "Prisoners such as Jimmy Lai were held at Stanley Prison.",
            ("Jimmy Lai", "LOCATED_IN", "Stanley Prison"),
            "hold at",
        ),
        (  # the state a named group is of
            "China exports chips. Chinese firms such as Huawei buy them.",
            ("Huawei", "LOCATED_IN", "China"),
            "of",
        ),
        (  # a state named by the adjective of a direct object: generic
            "The United States exports meat. Japan banned American beef.",
            ("Japan", "RELATED_TO", "United States"),
            "ban beef",
        ),
        (  # a place in a phrase of the verb's phrase: where the subject acted
            "Speaking from a cafe in Soho, Mr John Smith said he was proud.",
            ("John Smith", "RELATED_TO", "Soho"),
            "speak in",
        ),
        (  # a second coordinated verb keeps the subject; the first verb does not deny it
            "France rejected the proposal and called on Germany to act.",
            ("France", "CALLED_ON", "Germany"),
            "call on",
        ),
        (  # a place's name and class word, and apposed the wider place
            "The protest began in St Mary's ward, Islington.",
            ("St Mary", "LOCATED_IN", "Islington"),
            "in",
        ),
        (  # ... and a place in its possessor, named by a class word
            "China's biggest city, Shanghai, was locked down.",
            ("Shanghai", "LOCATED_IN", "China"),
            "in",
        ),
        (  # a name with its own "'s" before a class word stands for the place
            "The Liberal Democrats came first in St Anne's and Bow Common ward.",
            ("Liberal Democrats", "RELATED_TO", "St Anne's and Bow Common"),
            "come in",
        ),
        (  # a stance prefix before a name on a possessed noun
            "Jane Smith was expelled from the party over her anti Vietnam war stance.",
            ("Jane Smith", "OPPOSES", "Vietnam war"),
            "anti stance",
        ),
        (  # an act done to someone, as a verb's object: generic, the verb is about the act
            "Human Rights Watch criticised the arrests of Jimmy Lai and Joshua Wong.",
            ("Human Rights Watch", "RELATED_TO", "Joshua Wong"),
            "criticise arrests of",
        ),
        (  # ... and its agent after "by": the act's type
            "Britain condemned the detention of Alexei Navalny by Russia.",
            ("Russia", "DETAINED", "Alexei Navalny"),
            "detention of",
        ),
        (  # a state's adjective on a noun of action
            "Russia attacked. Britain condemned the Russian invasion of Ukraine.",
            ("Russia", "PERSECUTED", "Ukraine"),
            "invasion of",
        ),
        (  # coordinated subjects of a verb that needs two parties
            "Joe Biden and Xi Jinping met in Bali.",
            ("Joe Biden", "MET", "Xi Jinping"),
            "meet",
        ),
        (  # ... or of a light verb and its noun
            "Joe Biden and Xi Jinping held talks in Bali.",
            ("Joe Biden", "MET", "Xi Jinping"),
            "hold talk",
        ),
        (  # an execution is persecution, not detention
            "Iran executed Navid Afkari.",
            ("Iran", "PERSECUTED", "Navid Afkari"),
            "execute",
        ),
        (  # a subject's possessor through a word for its apparatus
            "Myanmar's military junta met Wang Yi in Beijing.",
            ("Myanmar", "MET", "Wang Yi"),
            "meet",
        ),
        (  # a name possessed by a name: as "X of Y"
            "The Kremlin's Dmitry Peskov spoke.",
            ("Dmitry Peskov", "MEMBER_OF", "Kremlin"),
            "'s",
        ),
        (  # a member of a ruler's apparatus the possessor has works for the possessor
            "Canada is imposing sanctions on senior figures in Mr Maduro's regime, including "
            "Diosdado Cabello.",
            ("Diosdado Cabello", "WORKS_FOR", "Maduro"),
            "regime",
        ),
        (  # a noun made from a typed verb states what the verb states
            "Iran's execution of Navid Afkari shocked Europe.",
            ("Iran", "PERSECUTED", "Navid Afkari"),
            "execution of",
        ),
        (
            "Germany's criticism of Hungary grew.",
            ("Germany", "CONDEMNED", "Hungary"),
            "criticism of",
        ),
        (  # ... with the verb's own preposition
            "Mr Boris Johnson's meeting with Narendra Modi ended early.",
            ("Boris Johnson", "MET", "Narendra Modi"),
            "meeting with",
        ),
        (  # a naming verb with a word of blame is a condemnation
            "Human Rights Watch has called Hikvision a disgrace.",
            ("Human Rights Watch", "CONDEMNED", "Hikvision"),
            "call disgrace",
        ),
        (  # ... with a word of praise an endorsement
            "Amnesty International described Norway as generous.",
            ("Amnesty International", "SUPPORTS", "Norway"),
            "describe generous",
        ),
        (  # ... with neither, a characterisation of the generic type
            "Amnesty International called Norway a donor.",
            ("Amnesty International", "RELATED_TO", "Norway"),
            "call donor",
        ),
        (  # a claim of what the subject is: the speaker's judgement of it
            "Amnesty International said Norway was generous.",
            ("Amnesty International", "SUPPORTS", "Norway"),
            "say: be generous",
        ),
        (
            "Amnesty International said Norway was wrong.",
            ("Amnesty International", "CONDEMNED", "Norway"),
            "say: be wrong",
        ),
        (  # a place in the phrase of a possessor's act: where it was done
            "Human Rights Watch condemned Russia's attacks on civilians in Kharkiv.",
            ("Russia", "RELATED_TO", "Kharkiv"),
            "attack in",
        ),
        (  # standing for a party is membership
            "Mr John Smith will contest Birmingham for the Green Party.",
            ("John Smith", "MEMBER_OF", "Green Party"),
            "contest for",
        ),
        (  # a description apposed to a name, with a participle: as the name's
            "Mr John Smith of Article 19, a free-speech group based in London, spoke.",
            ("Article 19", "LOCATED_IN", "London"),
            "base in",
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
        ("Did Canada sanction the Wagner Group?", "questioned"),
        ("Amnesty International wants to sue Hikvision.", "demanded"),
        ("Canada may sue the Wagner Group.", "hypothetical"),
        ("Canada denied that it had sued the Wagner Group.", "negated"),
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


@pytest.mark.parametrize(
    "text",
    [
        "Oxfam said Kenya had agreed to the plan.",
        "Oxfam announced Kenya is imposing a tax on Unilever.",
        # the parser takes the clause's subject for the verb's own object
        "Oxfam announced Kenya, along with Uganda, is imposing a tax on Unilever.",
    ],
)
def test_statement_reporting_an_act_does_not_link_speaker_and_subject(
    extract: Extract, text: str
) -> None:
    found = named(extract(text))
    assert not any({s, t} == {"Amnesty International", "Kenya"} for s, _, t in found)


def test_statement_of_the_speakers_own_act_keeps_the_act(extract: Extract) -> None:
    found = named(extract("Mr John Smith said he would join the Green Party."))
    relation = found[("John Smith", "MEMBER_OF", "Green Party")]
    assert not relation.pattern.startswith("claim")


def test_characterisation_negated_is_not_judged(extract: Extract) -> None:
    found = named(extract("Amnesty International said Norway was not generous."))
    assert not any(kind in ("SUPPORTS", "CONDEMNED") for _, kind, _ in found), sorted(found)


def test_contesting_a_seat_is_not_opposing_it(extract: Extract) -> None:
    found = named(extract("Mr John Smith will contest Birmingham for the Green Party."))
    assert ("John Smith", "RELATED_TO", "Birmingham") in found, sorted(found)
    assert found[("John Smith", "RELATED_TO", "Birmingham")].predicate == "contest"


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


def test_predicate_object_of_a_demand_is_the_subject_of_the_demanded_act(
    extract: Extract,
) -> None:
    found = named(extract("Amnesty International called on China to free Li Wei."))
    relation = found[("China", "RELATED_TO", "Li Wei")]
    assert (relation.modality, relation.stated_type) == ("demanded", "RELEASED")


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # an untyped act asked of Y says little about Y and Z
        (
            "Amnesty International urged China to help prevent a disaster in Myanmar.",
            "China",
            "Myanmar",
        ),
        # a place on a ruler's apparatus is the apparatus's, not where the subject acted
        (
            "The Herald claimed Mr John Smith received money from Bashar al-Assad's "
            "regime in Syria.",
            "John Smith",
            "Syria",
        ),
        # a state after "from" in a phrase of the verb's phrase is a party, not a place
        (
            "Things will get harder if the United States insists on a divorce from China.",
            "United States",
            "China",
        ),
        # coordinated subjects of a verb with its own object are not each other's party
        ("Joe Biden and Xi Jinping met Narendra Modi.", "Joe Biden", "Xi Jinping"),
        # a stance on a named event is not one on the state that names it
        ("Jane Smith was expelled over her anti Vietnam war stance.", "Jane Smith", "Vietnam"),
        # the "'s" of a place's own name is no possessor
        (
            "Labour won a council seat in St Mary's and Highbury ward, Islington.",
            "Islington",
            "St Mary's and Highbury",
        ),
    ],
)
def test_predicate_no_link_where_the_shape_is_loose(
    extract: Extract, text: str, source: str, target: str
) -> None:
    found = named(extract(text))
    assert not any({s, t} == {source, target} for s, _, t in found), sorted(found)


def test_predicate_light_noun_types_only_with_its_own_preposition(extract: Extract) -> None:
    text = "Ann Cole faces an arrest warrant from the International Criminal Court."
    found = named(extract(text))
    assert ("Ann Cole", "RELATED_TO", "International Criminal Court") in found
    assert not any(kind == "PROSECUTED" for _, kind, _ in found)  # not Cole's act


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # an event's possessor and its party after "with": the two sides
            "Japan is also a rare winner from Russia's trade war with China.",
            ("Russia", "RELATED_TO", "China"),
            ("trade war", "LOCATED_IN", "China"),
        ),
        (  # a name apposed to a possessed body word: what it is to the possessor
            "Germany is big. The Bundestag, the country's parliament, met in Berlin.",
            ("Bundestag", "RELATED_TO", "Germany"),
            ("Bundestag", "LOCATED_IN", "Germany"),
        ),
    ],
)
def test_predicate_party_of_a_named_event_or_body(
    extract: Extract,
    text: str,
    expected: tuple[str, str, str],
    absent: tuple[str, str, str],
) -> None:
    extraction = extract(text)
    m = extraction.mentions
    found = {(m[r.source].name, r.type, m[r.target].name) for r in extraction.relations}
    assert expected in found
    assert absent not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a copula's adjective with its preposition
            "China is big. Amnesty International has been critical of the Chinese government.",
            ("Amnesty International", "CONDEMNED", "China"),
        ),
        (
            "Tom Watson is loyal to Gordon Brown.",
            ("Tom Watson", "SUPPORTS", "Gordon Brown"),
        ),
        (  # a family word with its particle
            "Iran handed over Tom Smith to Britain.",
            ("Iran", "RELEASED", "Tom Smith"),
        ),
        (  # a person's party is the body the person is a member of
            "Gordon Brown's party, the Labour Party, lost the election.",
            ("Gordon Brown", "MEMBER_OF", "Labour Party"),
        ),
        (  # judging what is another's judges its owner
            "Human Rights Watch deplored the European Union's decision to lift sanctions.",
            ("Human Rights Watch", "CONDEMNED", "European Union"),
        ),
    ],
)
def test_predicate_reaches_the_actor_behind_a_word(
    extract: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in named(extract(text))


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [  # a comparison relates no two things; meeting a person is no judging of his state
        (
            "Tom Watson said the Geneva Protocol was more effective than the Hague Convention.",
            "Geneva Protocol",
            "Hague Convention",
        ),
        ("Amnesty International met Iran's foreign minister.", "Amnesty International", "Iran"),
        (  # what happens to a subordinate clause's subject is not the clause above's act
            "Tom Smith spoke. But Mr Smith has rejected calls for the Geneva Conference to be "
            "re-run as his regime was condemned for abuses.",
            "Geneva Conference",
            "Smith",
        ),
    ],
)
def test_predicate_loose_pair_is_no_link(
    extract: Extract, text: str, first: str, second: str
) -> None:
    extraction = extract(text)
    assert {first, second} <= {m.name for m in extraction.mentions}
    assert not any({s, t} == {first, second} for s, _, t in named(extraction))


def test_predicate_place_of_an_act_on_an_object_is_not_where_the_actor_is(
    extract: Extract,
) -> None:
    found = named(extract("Tom Watson, who will hold talks in Berlin on Friday, spoke."))
    assert ("Tom Watson", "RELATED_TO", "Berlin") in found
    assert ("Tom Watson", "LOCATED_IN", "Berlin") not in found
