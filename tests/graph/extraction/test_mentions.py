"""Extraction rules, one family per test, on sentences written for the tests (not the seeds)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from actorgraph.graph.extraction.lexicon import load_lexicon
from actorgraph.graph.extraction.mentions import Extractor, ModelNotInstalled, load_pipeline
from actorgraph.graph.model import build_graph
from actorgraph.graph.records import Extraction
from actorgraph.loaders.document import Document

Extract = Callable[..., Extraction]


def named(extraction: Extraction) -> set[tuple[str, str]]:
    return {(m.label, m.name) for m in extraction.mentions}


# ---------------------------------------------------------------- patterns (fast)


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("Thousands of Rohingya Muslims crossed the border.", "Group", "Rohingya"),
        ("Police raided homes of Falun Gong practitioners.", "Group", "Falun Gong"),
        ("Uighurs abroad fear for relatives.", "Group", "Uyghurs"),
        (
            "The case went to the International Court of Justice.",
            "Tribunal",
            "International Court of Justice",
        ),
        (
            "Critics say the national security law silenced dissent.",
            "Bill",
            "National Security Law",
        ),
        ("Flights were cut during the Covid-19 pandemic.", "Event", "Covid-19 pandemic"),
        ("Markets closed for the Chinese New Year.", "Event", "Lunar New Year"),
        ("Delegates met at COP27 in Egypt.", "Event", "COP27"),
        ("The report was published by Christian Solidarity Worldwide.", "Organisation", "CSW"),
    ],
)
def test_extract_pattern_family(blank_nlp: Language, text: str, label: str, name: str) -> None:
    doc = blank_nlp(text)
    assert any(ent.label_ == label and (ent.id_ or ent.text) == name for ent in doc.ents)


def test_extract_honorific_pattern_makes_one_person(blank_nlp: Language) -> None:
    doc = blank_nlp("Yesterday Baroness Helena Kennedy QC spoke.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Baroness Helena Kennedy QC", "Person")]


def test_extract_peerage_title_is_one_person(blank_nlp: Language) -> None:
    doc = blank_nlp("A letter from Lord Patten of Barnes arrived.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Lord Patten of Barnes", "Person")]


def test_load_pipeline_names_missing_model() -> None:
    with pytest.raises(ModelNotInstalled, match="no_such_pipeline_xyz"):
        load_pipeline("no_such_pipeline_xyz")


# ---------------------------------------------------------------- typing (real model)


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("Kazakhstan and Kyrgyzstan signed a border deal.", "State", "Kazakhstan"),
        ("The U.S. and Britain issued a joint statement.", "State", "United States"),
        ("The U.S. and Britain issued a joint statement.", "State", "United Kingdom"),
        ("Protests spread from Almaty to other cities.", "Region", "Almaty"),
        ("Troops were deployed to Xinjiang last spring.", "Region", "Xinjiang"),
        (
            "The Kenya Human Rights Commission issued a statement.",
            "Organisation",
            "Kenya Human Rights Commission",
        ),
        ("Lawyers appealed to the Nairobi Tribunal on Monday.", "Tribunal", "Nairobi Tribunal"),
        ("MPs debated the Refugee Protection Act on Monday.", "Bill", "Refugee Protection Act"),
        # "the <Name>" is a title or a body, never a person
        ("Mr John Smith later sued the Herald over the claims.", "Organisation", "Herald"),
        ("The Chronicle was sued by Ms Jane Doe.", "Organisation", "Chronicle"),
    ],
)
def test_extract_types_by_gazetteer_and_head_word(
    extract: Extract, text: str, label: str, name: str
) -> None:
    assert (label, name) in named(extract(text))


@pytest.mark.parametrize(
    ("text", "noise"),
    [
        ("French officials said the Government would respond.", "French"),
        ("French officials said the Government would respond.", "Government"),
        ("Some 2,000 protesters gathered on 4 June 2019.", "2,000"),
        ("Some 2,000 protesters gathered on 4 June 2019.", "4 June 2019"),
        ("The Generals refused to meet Asian diplomats.", "Generals"),
        ("Parliamentarians from the West met in Vilnius.", "West"),
    ],
)
def test_extract_drops_noise(extract: Extract, text: str, noise: str) -> None:
    assert noise not in {m.text for m in extract(text).mentions}


def test_extract_canonical_name_drops_honorifics_keeps_surface(extract: Extract) -> None:
    mentions = extract("Sir Keir Starmer QC met Dr Adaeze Okafor in Lagos.").mentions
    by_name = {m.name: m.text for m in mentions}
    assert by_name["Keir Starmer"] == "Sir Keir Starmer QC"
    assert by_name["Adaeze Okafor"] == "Dr Adaeze Okafor"


def test_extract_event_named_by_place_and_later_reference(extract: Extract) -> None:
    text = "The coup in Sudan drew condemnation. Since the coup, aid has stopped."
    events = [m for m in extract(text).mentions if m.label == "Event"]
    assert [(m.text, m.name) for m in events] == [("coup", "Sudan coup"), ("coup", "Sudan coup")]


def test_extract_event_date_comes_from_the_text(extract: Extract) -> None:
    events = [m for m in extract("Judges recalled the Srebrenica massacre of 1995.").mentions]
    assert ("Srebrenica massacre", "1995") in {(m.name, m.date) for m in events}


def test_extract_event_without_year_has_no_date(extract: Extract) -> None:
    mentions = extract("Athletes arrived for the Winter Olympics.").mentions
    assert [m.date for m in mentions if m.label == "Event"] == [None]


def test_extract_definite_description_refers_to_named_actor(extract: Extract) -> None:
    text = (
        "The army, known as the Sudanese Armed Forces, seized power. "
        "The army later detained Abdalla Hamdok."
    )
    armies = [m for m in extract(text).mentions if m.text == "army"]
    assert len(armies) == 2
    assert {m.name for m in armies} == {"Sudanese Armed Forces"}


def test_extract_unbound_description_is_not_a_mention(extract: Extract) -> None:
    text = "The army seized power. The army later detained Abdalla Hamdok."
    assert "army" not in {m.text for m in extract(text).mentions}


def test_extractor_keeps_order_and_offsets(
    nlp: Language, document: Callable[..., Document]
) -> None:
    extractor = Extractor.__new__(Extractor)  # share the session pipeline
    extractor.nlp = nlp
    extractor.lexicon = load_lexicon()
    docs = [
        document("Angela Merkel visited Kyiv.", title="a"),
        document("Amnesty International criticised Belarus.", title="b"),
    ]
    results = list(extractor.extract(docs, batch_size=1))
    assert [r.document.title for r in results] == ["a", "b"]
    for result in results:
        for mention in result.mentions:
            assert result.document.text[mention.start : mention.end] == mention.text
            sentence = result.sentences[mention.sentence]
            assert sentence.start <= mention.start < mention.end <= sentence.end
        assert result.tokens > 0


def test_extract_the_bill_refers_to_the_one_act_named(extract: Extract) -> None:
    text = "The Senate passed the Clean Water Act. The bill now goes to the President."
    bills = [(m.text, m.name) for m in extract(text).mentions if m.label == "Bill"]
    assert bills == [("Clean Water Act", "Clean Water Act"), ("bill", "Clean Water Act")]


# ---------------------------------------------------------------- names (issue 16)


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (  # a heading glued to the next line is cut at the line break, not dropped
            "Hong Kong Watch\nBenedict Rogers wrote to the Foreign Office.",
            {("Organisation", "Hong Kong Watch"), ("Person", "Benedict Rogers")},
            "Hong Kong Watch\nBenedict Rogers",
        ),
        (  # a month before a name is not part of it
            "In March the Tatmadaw banned Mizzima.",
            {("Organisation", "Tatmadaw")},
            "March the Tatmadaw",
        ),
        (  # "<demonym> Government" is the State acting
            "The British Government sanctioned Gazprom.",
            {("State", "United Kingdom")},
            "British Government",
        ),
        (  # a continent is a place
            "Parliamentarians from Europe met in Vilnius.",
            {("Region", "Europe")},
            "-",
        ),
        (  # the UK chambers by their short names
            "The Home Secretary told the Commons on Monday.",
            {("Organisation", "House of Commons")},
            "-",
        ),
        (  # an office or profession before a name is not part of the canonical name
            "Lawyer Clive Stafford Smith spoke outside the court.",
            {("Person", "Clive Stafford Smith")},
            "Lawyer Clive Stafford Smith",
        ),
    ],
)
def test_extract_names(
    extract: Extract, text: str, expected: set[tuple[str, str]], not_expected: str
) -> None:
    found = named(extract(text))
    assert expected <= found, sorted(found)
    assert not any(name == not_expected for _, name in found)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Mizzima and Democratic Voice of Burma", ["Mizzima", "Democratic Voice of Burma"]),
        ("Marks and Spencer", ["Marks and Spencer"]),  # one word after "and": one name
        ("Bethnal Green and Bow", ["Bethnal Green and Bow"]),
        (  # "and" inside a name's own phrase
            "Institute for Peace and Conflict Studies",
            ["Institute for Peace and Conflict Studies"],
        ),
    ],
)
def test_extract_list_of_organisations_is_cut_at_and(
    blank_nlp: Language, text: str, parts: list[str]
) -> None:
    from spacy.tokens import Span

    from actorgraph.graph.extraction.entity_types import _list_items

    doc = blank_nlp.make_doc(text)
    span = Span(doc, 0, len(doc), label="ORG")
    assert [part.text for part in _list_items(span, span, load_lexicon())] == parts


# ------------------------------------------- the "Names" bullets, on made-up text


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # split at a line break, never dropped
            "Tom Reed\nAnn Cole spoke to reporters in Leeds.",
            {("Person", "Tom Reed"), ("Person", "Ann Cole")},
            "Tom Reed\nAnn Cole",
        ),
        (  # "and" inside a firm's name
            "She works for the law firm Harlow and Pike in Leeds.",
            {("Organisation", "Harlow and Pike")},
            "Harlow",
        ),
        (  # the longest name in the text wins over the built-in "BBC"
            "She presented a show on BBC World Service for a decade.",
            {("Organisation", "BBC World Service")},
            "BBC",
        ),
        (  # office words trimmed, before a person and before "of <organisation>"
            "Foreign Secretary Tom Reed met Ann Cole, the Chair of Maple Rights Trust.",
            {("Person", "Tom Reed"), ("Organisation", "Maple Rights Trust")},
            "Chair of Maple Rights Trust",
        ),
        (  # one type for the items of a list
            "Floods hit the towns of Ashby, Melton and Oakham on Tuesday.",
            {("Region", "Ashby"), ("Region", "Melton"), ("Region", "Oakham")},
            "Melton and Oakham",
        ),
        (  # a final "Bill" decides, not the word before "of"
            "Peers debated the Protection of Whistleblowers Bill.",
            {("Bill", "Protection of Whistleblowers Bill")},
            "Protection",
        ),
        (  # a demonym before "government" is the state acting, when the text names it
            "Britain protested. The British government sanctioned Acme Holdings.",
            {("State", "United Kingdom"), ("Organisation", "Acme Holdings")},
            "British government",
        ),
    ],
)
def test_extract_names_bullets(
    extract: Extract, text: str, expected: set[tuple[str, str]], absent: str
) -> None:
    extraction = extract(text)
    assert expected <= named(extraction), sorted(named(extraction))
    assert absent not in {m.text for m in extraction.mentions}


def test_extract_party_adjective_links_its_party(extract: Extract) -> None:
    extraction = extract("Tory chairman Tom Reed met Ann Cole.")
    m = extraction.mentions
    pairs = {(m[r.source].name, m[r.target].name) for r in extraction.relations}
    assert ("Tom Reed", "Conservative Party") in pairs


@pytest.mark.parametrize(
    ("text", "aliases"),
    [
        # a short form merges with the longer name it shortens
        (
            "Peers in the House of Lords voted on Tuesday. The Lords rejected the plan.",
            {"House of Lords", "Lords"},
        ),
        # a bracketed acronym attaches to the expansion before it
        (
            "The Ruritanian Democratic Front (RDF) won. The RDF formed a government.",
            {"Ruritanian Democratic Front", "RDF"},
        ),
    ],
)
def test_extract_names_bullets_one_node(extract: Extract, text: str, aliases: set[str]) -> None:
    graph = build_graph([extract(text)])
    nodes = [d for _, d in graph.nodes(data=True) if d.get("label") == "Organisation"]
    assert len(nodes) == 1 and aliases <= set(nodes[0]["aliases"])
