"""Typed relation patterns: one shape per test, on sentences written for the tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.graph.extraction.lexicon import load_lexicon
from actorgraph.graph.records import Extraction
from actorgraph.graph.schema import load_schema

Extract = Callable[..., Extraction]


def relations(extraction: Extraction) -> set[tuple[str, str, str, str]]:
    """(source name, type, target name, shape) of every relation found."""
    m = extraction.mentions
    return {
        (m[r.source].name, r.type, m[r.target].name, r.pattern.split(":")[0])
        for r in extraction.relations
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The European Union sanctioned Ramzan Kadyrov.",
            ("European Union", "SANCTIONED", "Ramzan Kadyrov", "svo"),
        ),
        (
            "Ratko Mladic was prosecuted by Serge Brammertz.",
            ("Serge Brammertz", "PROSECUTED", "Ratko Mladic", "pass"),
        ),
        (
            "Tom Reed, who heads the International Criminal Court, visited Leeds.",
            ("Tom Reed", "LEADS", "International Criminal Court", "rel"),
        ),
        (
            "Canada imposed sanctions on the Wagner Group.",
            ("Canada", "SANCTIONED", "Wagner Group", "light"),
        ),
        (
            "Maria Ressa, co-founder of Rappler, spoke in Oslo.",
            ("Maria Ressa", "CO_FOUNDED", "Rappler", "appos"),
        ),
        (
            "Tirana Hassan is executive director of Human Rights Watch.",
            ("Tirana Hassan", "LEADS", "Human Rights Watch", "cop"),
        ),
        (
            "UN Secretary-General Antonio Guterres met the delegates.",
            ("Antonio Guterres", "LEADS", "United Nations", "title"),
        ),
        (
            "The Parliament of Canada passed the Uyghur Forced Labour Act.",
            ("Parliament of Canada", "PASSED", "Uyghur Forced Labour Act", "svo"),
        ),
        (
            "Beijing will stage the Asian Games.",
            ("Beijing", "HOSTS", "Asian Games", "svo"),
        ),
        (
            "Kim Song, Pyongyang's UN ambassador, said the vote was unfair.",
            ("Kim Song", "WORKS_FOR", "Pyongyang", "appos"),  # the possessor, not the UN
        ),
        (
            "Amnesty International's Asia-Pacific director Yamini Mishra called it unjust.",
            ("Yamini Mishra", "WORKS_FOR", "Amnesty International", "title"),  # qualified
        ),
        (
            "The army, known as the Sudanese Armed Forces, later detained Abdalla Hamdok.",
            ("Sudanese Armed Forces", "DETAINED", "Abdalla Hamdok", "svo"),
        ),
        (  # a portfolio between the party and the role
            "Labour health spokesman Andy Burnham spoke on Monday.",
            ("Andy Burnham", "WORKS_FOR", "Labour Party", "title"),
        ),
        (  # a person's possessive is not the body: the party is
            "Jane Smith's Labour MP Tom Brown welcomed the news.",
            ("Tom Brown", "MEMBER_OF", "Labour Party", "title"),
        ),
        (  # a stance prefix on the body before a role: a stance, not a post
            "Anti-Kremlin activist Alexei Navalny was jailed.",
            ("Alexei Navalny", "OPPOSES", "Kremlin", "title"),
        ),
        (  # who acts with the subject shares its relation
            "The UK, along with Canada, imposed sanctions on Russia.",
            ("Canada", "SANCTIONED", "Russia", "light"),
        ),
        (
            "Germany together with France sanctioned Iran.",
            ("France", "SANCTIONED", "Iran", "svo"),
        ),
        (
            "Roger Hallam launched Extinction Rebellion in 2018 together with Gail Bradbrook.",
            ("Gail Bradbrook", "CO_FOUNDED", "Extinction Rebellion", "svo"),
        ),
        (  # a copula other than "be"
            "Aung San Suu Kyi became the leader of the National League for Democracy.",
            ("Aung San Suu Kyi", "LEADS", "National League for Democracy", "cop"),
        ),
        (  # a role after another in one apposition
            "Jane Smith, a lecturer and prominent member of the Labour Party, spoke.",
            ("Jane Smith", "MEMBER_OF", "Labour Party", "appos"),
        ),
        (  # a role "in" a city says where, not for whom
            "Zaw Min Htut, a lawyer in Mandalay, was arrested.",
            ("Zaw Min Htut", "LOCATED_IN", "Mandalay", "appos"),
        ),
        (  # a role's possessor is its body, before an "of" that follows the holder
            "Ms Jacinda Ardern defeated her opponent, Judith Collins of the National Party.",
            ("Judith Collins", "OPPOSES", "Jacinda Ardern", "appos"),
        ),
        (  # an apposed role shares the possessor of the noun it is apposed to
            "Ms Jacinda Ardern won easily against her populist, often brash opponent, "
            "Judith Collins.",
            ("Judith Collins", "OPPOSES", "Jacinda Ardern", "appos"),
        ),
        (  # a relative clause without a pronoun: its object is the copula's subject
            "Nadia Petrova was one of the people the Kremlin detained.",
            ("Kremlin", "DETAINED", "Nadia Petrova", "rel"),
        ),
        (  # ... or the noun it hangs on
            "Li Wei is the journalist the Chinese Communist Party arrested.",
            ("Chinese Communist Party", "DETAINED", "Li Wei", "rel"),
        ),
        (  # the parser took the clause's subject (and its co-agent) for the verb's object
            "Boris Johnson announced the United Kingdom, along with Canada, is imposing "
            "sanctions on Nicolas Maduro.",
            ("Canada", "SANCTIONED", "Nicolas Maduro", "light"),
        ),
        (  # the members an inclusion names, deep in the target's phrase
            "Britain is imposing sanctions on senior figures in Mr Maduro's regime, "
            "including Diosdado Cabello.",
            ("United Kingdom", "SANCTIONED", "Diosdado Cabello", "light"),
        ),
        (  # ... or hung on the action noun itself
            "Canada imposed sanctions on senior officials in the Kremlin, including Igor "
            "Sechin and Alexei Miller.",
            ("Canada", "SANCTIONED", "Alexei Miller", "light"),
        ),
        (  # ... or on a verb's object
            "The European Union sanctioned Russian banks such as Sberbank.",
            ("European Union", "SANCTIONED", "Sberbank", "svo"),
        ),
        (  # two names joined by "and" that the parser fused into one phrase
            "Amnesty International and Human Rights Watch condemned Iran.",
            ("Amnesty International", "CONDEMNED", "Iran", "svo"),
        ),
        (  # the possessor of a word for its apparatus acts through it
            "Myanmar's military junta arrested Aung San Suu Kyi.",
            ("Myanmar", "DETAINED", "Aung San Suu Kyi", "svo"),
        ),
        (  # ... and so does the name before it
            "Hong Kong police arrested Jimmy Lai.",
            ("Hong Kong", "DETAINED", "Jimmy Lai", "svo"),
        ),
        (  # ... or the state's adjective
            "Russia invaded. Russian troops attacked Kyiv.",
            ("Russia", "PERSECUTED", "Kyiv", "svo"),
        ),
        (  # ... and as a passive's agent
            "Jimmy Lai was arrested by Hong Kong police.",
            ("Hong Kong", "DETAINED", "Jimmy Lai", "pass"),
        ),
        (  # a candidate is the party's
            "Green Party candidate Jane Smith spoke.",
            ("Jane Smith", "MEMBER_OF", "Green Party", "title"),
        ),
        (  # a role given by a verb
            "Keir Starmer was elected leader of the Labour Party in 2020.",
            ("Keir Starmer", "LEADS", "Labour Party", "cop"),
        ),
        (  # a role left "as"
            "Boris Johnson resigned as leader of the Conservative Party.",
            ("Boris Johnson", "LEADS", "Conservative Party", "cop"),
        ),
        (  # an action noun after a light verb: a warrant
            "The International Criminal Court issued an arrest warrant for Ann Cole.",
            ("International Criminal Court", "PROSECUTED", "Ann Cole", "light"),
        ),
    ],
)
def test_relation_shape(extract: Extract, text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in relations(extract(text))


def test_relation_role_list_shares_holder_and_bodies(extract: Extract) -> None:
    text = (
        "Yasmin Ahmed is co-founder and director of the Rohingya Action Network, "
        "a trustee of the Burma Campaign and a board member of Fortify Rights."
    )
    found = {(s, t, o) for s, t, o, _ in relations(extract(text))}
    assert found >= {
        ("Yasmin Ahmed", "CO_FOUNDED", "Rohingya Action Network"),
        ("Yasmin Ahmed", "LEADS", "Rohingya Action Network"),
        ("Yasmin Ahmed", "MEMBER_OF", "Burma Campaign"),
        ("Yasmin Ahmed", "MEMBER_OF", "Fortify Rights"),
    }


def test_relation_in_author_bio_is_named_bio(extract: Extract) -> None:
    bio = "Yasmin Ahmed is a trustee of the Burma Campaign."
    text = bio + "\n\nThe campaign met in London."
    patterns = {r.pattern for r in extract(text, bio=bio).relations}
    assert patterns == {"bio:trustee"}


@pytest.mark.parametrize(
    ("text", "modality", "stated"),
    [
        ("Germany did not sanction Gazprom.", "negated", "SANCTIONED"),
        ("Britain should sanction Hikvision.", "hypothetical", "SANCTIONED"),  # advocated
        ("If China invades Taiwan, the West must respond.", "hypothetical", "PERSECUTED"),
    ],
)
def test_relation_not_asserted_is_marked_not_typed(
    extract: Extract, text: str, modality: str, stated: str
) -> None:
    found = extract(text).relations
    assert [r.type for r in found] == ["RELATED_TO"]  # never the asserted type
    assert (found[0].modality, found[0].stated_type) == (modality, stated)
    assert f"modality={modality}" in found[0].signature


def test_relation_denied_clause_is_not_asserted(extract: Extract) -> None:
    found = extract("The Chinese Communist Party denied that it detained Li Wei.").relations
    assert found, "the statement is kept, marked"
    assert {(r.type, r.modality, r.stated_type) for r in found} == {
        ("RELATED_TO", "negated", "DETAINED")
    }


def test_relation_every_type_and_pattern_is_declared(extract: Extract) -> None:
    text = (
        "Canada imposed sanctions on the Wagner Group. Maria Ressa, co-founder of Rappler, spoke."
    )
    schema = load_schema()
    for relation in extract(text).relations:
        assert relation.type in schema.relation_types
        assert ":" in relation.pattern


def test_relation_table_types_exist_in_schema() -> None:
    schema = load_schema()
    table = load_lexicon().relations
    types = [v if isinstance(v, str) else v["type"] for v in table["verbs"].values()]
    types += [v if isinstance(v, str) else v["type"] for v in table["nouns"].values()]
    types += [v["body"] for v in table["nouns"].values() if isinstance(v, dict) and "body" in v]
    types += [v["type"] for v in table["light"].values()]
    types += list(table["verb_preps"].values())
    assert set(types) <= set(schema.relation_types)


@pytest.mark.parametrize(
    ("text", "holder", "relative", "word"),
    [
        (
            "John Smith, father of Peter Smith, thanked the court.",
            "John Smith",
            "Peter Smith",
            "father",
        ),
        (
            "Mr Ivan Petrov spoke. Mr Petrov left, and his son, Oleg Petrov, stayed.",
            "Oleg Petrov",
            "Petrov",
            "son",
        ),
    ],
)
def test_relation_kinship_is_generic_with_its_noun(
    extract: Extract, text: str, holder: str, relative: str, word: str
) -> None:
    extraction = extract(text)
    m = extraction.mentions
    found = {
        (m[r.source].name, r.type, m[r.target].name, r.predicate) for r in extraction.relations
    }
    assert (holder, "RELATED_TO", relative, word) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a judging verb's object is an act: its agent is judged
            "Iran is large. Maria Lopez hit out at the abuses committed by the Iranian "
            "authorities.",
            ("Maria Lopez", "CONDEMNED", "Iran", "prep"),
        ),
        (
            "Maria Lopez condemned the violence used by the Iranian authorities in Iran.",
            ("Maria Lopez", "CONDEMNED", "Iran", "svo"),
        ),
        (
            "Human Rights Watch investigated the killings carried out by the Wagner Group.",
            ("Human Rights Watch", "INVESTIGATED", "Wagner Group", "svo"),
        ),
        (  # a name the parse hangs on the verb after "along with" acted with the subject
            "The activist Alice Smith launched the Green Alliance in May along with 200 "
            "farmers, and the National Farmers Union.",
            ("National Farmers Union", "CO_FOUNDED", "Green Alliance", "svo"),
        ),
        (  # a light noun after a phrasal verb's "to"
            "The Labour Party hung on to control of the Scottish Parliament.",
            ("Labour Party", "LEADS", "Scottish Parliament", "light"),
        ),
        (
            "The Labour Party kept control of the Scottish Parliament.",
            ("Labour Party", "LEADS", "Scottish Parliament", "light"),
        ),
        (  # a word for serving another person
            "Tom Reed and his aide in Greyford, Ann Cole, met.",
            ("Ann Cole", "WORKS_FOR", "Tom Reed", "appos"),
        ),
        (  # a member's role for a place is no membership of it
            "Jane Doe, MP for Leeds Central, spoke.",
            ("Jane Doe", "RELATED_TO", "Leeds Central", "appos"),
        ),
        (  # a verb after "to" tagged a noun
            "The European Parliament voted to sanction Belarus.",
            ("European Parliament", "SANCTIONED", "Belarus", "svo"),
        ),
        (  # acting together: both act on the object
            "The United Kingdom joined the United States in sanctioning Russia.",
            ("United States", "SANCTIONED", "Russia", "svo"),
        ),
        (  # a title opening a sentence: a post in the body the sentence before is about
            "The rights group Fair Trials said it was pleased. Director Jago Russell called "
            "on the government to act.",
            ("Jago Russell", "LEADS", "Fair Trials", "title"),
        ),
        (  # a verb with its particle
            "Spain set up the Madrid Forum in 2010.",
            ("Spain", "CO_FOUNDED", "Madrid Forum", "svo"),
        ),
        (  # a state's rulers act for it
            "Myanmar's military rulers detained Aung San Suu Kyi.",
            ("Myanmar", "DETAINED", "Aung San Suu Kyi", "svo"),
        ),
        (  # an act noun's possessor after a light noun
            "The International Criminal Court issued a warrant for Ann Cole's arrest.",
            ("International Criminal Court", "PROSECUTED", "Ann Cole", "light"),
        ),
        (  # a role in a body is a post in it, whatever the role does to persons
            "Tom Reed, the ICC's chief prosecutor, sought a warrant for Ann Cole.",
            ("Tom Reed", "WORKS_FOR", "International Criminal Court", "appos"),
        ),
        (
            "The United Kingdom joined the United States in sanctioning Russia.",
            ("United Kingdom", "SANCTIONED", "Russia", "svo"),
        ),
    ],
)
def test_relation_shape_reaching_the_actor(
    extract: Extract, text: str, expected: tuple[str, str, str, str]
) -> None:
    assert expected in relations(extract(text))


@pytest.mark.parametrize(
    ("text", "absent", "kept"),
    [
        (  # undoing a light noun states no sanction: the generic link says what was done
            "France pledged to lift the sanctions on Iran.",
            ("France", "SANCTIONED", "Iran"),
            ("France", "RELATED_TO", "Iran"),
        ),
        (
            "The Green Party opposes lifting the sanctions on Iran.",
            ("Green Party", "SANCTIONED", "Iran"),
            ("Green Party", "RELATED_TO", "Iran"),
        ),
        (  # the co-agent is no object of the verb
            "The activist Alice Smith launched the Green Alliance in May along with 200 "
            "farmers, and the National Farmers Union.",
            ("Alice Smith", "CO_FOUNDED", "National Farmers Union"),
            ("Alice Smith", "CO_FOUNDED", "Green Alliance"),
        ),
        (  # only a judging verb reaches the act's agent
            "Human Rights Watch supported the bill drafted by the Wagner Group.",
            ("Human Rights Watch", "SUPPORTS", "Wagner Group"),
            None,
        ),
        (
            "Jane Doe, MP for Leeds Central, spoke.",
            ("Jane Doe", "MEMBER_OF", "Leeds Central"),
            ("Jane Doe", "RELATED_TO", "Leeds Central"),
        ),
        (  # joining another in an act is no membership of it
            "Amnesty International joined Human Rights Watch in condemning Iran.",
            ("Amnesty International", "MEMBER_OF", "Human Rights Watch"),
            ("Amnesty International", "RELATED_TO", "Human Rights Watch"),
        ),
        (  # "chief" of "chief prosecutor" is no role of its own
            "Tom Reed, the ICC's chief prosecutor, sought a warrant for Ann Cole.",
            ("Tom Reed", "LEADS", "International Criminal Court"),
            ("Tom Reed", "WORKS_FOR", "International Criminal Court"),
        ),
        (  # imposing a law on a place is no sanction
            "Beijing imposed the National Security Law on Hong Kong.",
            ("Beijing", "SANCTIONED", "Hong Kong"),
            ("Beijing", "RELATED_TO", "National Security Law"),
        ),
        (  # an act urged on another is not the speaker's (nor asserted)
            "Amnesty International urged Britain to arrest Tom Smith.",
            ("Amnesty International", "DETAINED", "Tom Smith"),
            ("United Kingdom", "RELATED_TO", "Tom Smith"),
        ),
    ],
)
def test_relation_not_stated_is_not_typed(
    extract: Extract,
    text: str,
    absent: tuple[str, str, str],
    kept: tuple[str, str, str] | None,
) -> None:
    found = {(s, t, o) for s, t, o, _ in relations(extract(text))}
    assert absent not in found
    assert kept is None or kept in found


def test_relation_title_without_body_takes_no_person_before(extract: Extract) -> None:
    text = "Tom Smith spoke to the press. Director Jago Russell called on the government to act."
    assert not any(r.type == "LEADS" for r in extract(text).relations)
