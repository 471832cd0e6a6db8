"""Resolution: canonical names, ids, and which mentions become one node."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.graph.extraction.resolution import (
    Resolver,
    _acronym_for,
    _known_alias,
    _NameIndex,
    _surname_for,
    acronym_of,
    canonical_name,
    entity_id,
    normal_key,
)
from actorgraph.graph.records import Extraction, Mention, Sentence
from actorgraph.loaders.document import Document


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Uyghur Tribunal\u2019s", "uyghur tribunal"),
        ("“Hong Kong Watch”", "hong kong watch"),
        ("the  UNITED   Nations.", "united nations"),
        ("\uff38\uff49 Jinping's", "xi jinping"),  # full-width letters: NFKC,
    ],
)
def test_normal_key_follows_gold_readme(text: str, key: str) -> None:
    assert normal_key(text) == key


def test_entity_id_is_stable_and_ignores_form() -> None:
    assert entity_id("Person", "Geoffrey Nice") == "Person:geoffrey-nice"
    assert entity_id("Person", "the Geoffrey Nice\u2019s") == entity_id("Person", "Geoffrey Nice")
    assert entity_id("Person", "Slobodan Milošević") == "Person:slobodan-milosevic"


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("Sir Keir Starmer QC", "Person", "Keir Starmer"),
        ("President Emmanuel Macron", "Person", "Emmanuel Macron"),
        ("Dr. Tedros", "Person", "Tedros"),
        ("Lord David Alton", "Person", "David Alton"),
        ("Lord Alton", "Person", "Lord Alton"),  # the peerage is the name
        ("Lord Patten of Barnes", "Person", "Lord Patten of Barnes"),
        ("Tatmadaw\u2019s", "Organisation", "Tatmadaw"),
        ("the International Criminal Court", "Tribunal", "International Criminal Court"),
        ("Britain", "State", "United Kingdom"),
        ("the U.S.", "State", "United States"),
        ("Burma", "State", "Myanmar"),
        ("Kiev", "Region", "Kyiv"),
        # ISO 3166 names: the press's canonical name, whatever form the text used
        ("the Syrian Arab Republic", "State", "Syria"),
        ("Russian Federation", "State", "Russia"),
        ("Macao", "Region", "Macau"),  # a territory regions.toml names keeps that name
        # a city's exonym names its city; a name only written without diacritics stays
        ("Bombay", "Region", "Mumbai"),
        ("Maharashtra", "Region", "Maharashtra"),
    ],
)
def test_canonical_name(text: str, label: str, name: str) -> None:
    assert canonical_name(text, label) == name


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("National League for Democracy", "NLD"),
        ("UN High Commissioner for Refugees", "UNHCR"),
        ("Inter-Parliamentary Alliance on China", "IPAC"),
        ("Chinese Communist Party", "CCP"),
    ],
)
def test_acronym_of(name: str, acronym: str) -> None:
    assert acronym in acronym_of(name)


def _extraction(doc: Document, mentions: list[tuple[str, str, str]]) -> Extraction:
    records = tuple(
        Mention(text=text, label=label, name=name, start=0, end=len(text), sentence=0)
        for text, label, name in mentions
    )
    return Extraction(doc, (Sentence(doc.text, 0, len(doc.text)),), records, ())


def test_resolve_surname_joins_full_name_in_document(document: Callable[..., Document]) -> None:
    extraction = _extraction(
        document("x"),
        [("Dr Adaeze Okafor", "Person", "Adaeze Okafor"), ("Okafor", "Person", "Okafor")],
    )
    refs = Resolver().resolve(extraction)
    assert refs[0] is not None and refs[1] is not None
    assert refs[0].id == refs[1].id == "Person:adaeze-okafor"


def test_resolve_surname_mislabelled_as_place_still_joins(
    document: Callable[..., Document],
) -> None:
    extraction = _extraction(
        document("x"), [("Geoffrey Nice", "Person", "Geoffrey Nice"), ("Nice", "Region", "Nice")]
    )
    refs = Resolver().resolve(extraction)
    assert refs[1] is not None and refs[1].id == "Person:geoffrey-nice"


def test_resolve_acronym_joins_expansion(document: Callable[..., Document]) -> None:
    extraction = _extraction(
        document("x"),
        [
            ("National Unity Government", "Organisation", "National Unity Government"),
            ("NUG", "Organisation", "NUG"),
        ],
    )
    refs = Resolver().resolve(extraction)
    assert refs[1] is not None and refs[1].name == "National Unity Government"


def test_resolve_ambiguous_surname_stays_apart(document: Callable[..., Document]) -> None:
    extraction = _extraction(
        document("x"),
        [
            ("Ed Miliband", "Person", "Ed Miliband"),
            ("David Miliband", "Person", "David Miliband"),
            ("Miliband", "Person", "Miliband"),
        ],
    )
    refs = Resolver().resolve(extraction)
    assert refs[2] is not None and refs[2].id == "Person:miliband"


def _placed(doc: Document, mentions: list[tuple[str, str, str, int]]) -> Extraction:
    """Mentions in text order, each in the sentence given (one offset per mention)."""
    records = tuple(
        Mention(text=text, label=label, name=name, start=at, end=at + 1, sentence=sentence)
        for at, (text, label, name, sentence) in enumerate(mentions)
    )
    sentences = tuple(Sentence(doc.text, 0, len(doc.text)) for _ in range(len(mentions)))
    return Extraction(doc, sentences, records, ())


@pytest.mark.parametrize(
    ("mentions", "short", "name"),
    [
        (  # father and son share the surname: it means the one named last before it
            [
                ("Arif Khan", "Person", "Arif Khan", 0),
                ("Samir Khan", "Person", "Samir Khan", 1),
                ("Mr Khan", "Person", "Khan", 2),
            ],
            2,
            "Samir Khan",
        ),
        (  # ... unless the sentence naming that one names the other too
            [
                ("Arif Khan", "Person", "Arif Khan", 0),
                ("Samir Khan", "Person", "Samir Khan", 0),
                ("Mr Khan", "Person", "Khan", 1),
            ],
            2,
            "Khan",
        ),
        (  # ... and never one named only after it
            [
                ("Mr Khan", "Person", "Khan", 0),
                ("Arif Khan", "Person", "Arif Khan", 1),
                ("Samir Khan", "Person", "Samir Khan", 2),
            ],
            0,
            "Khan",
        ),
        (  # the first part of a name "A and B" is that name
            [
                ("Ashby Green", "Person", "Ashby Green", 0),
                ("Ashby Green and Vale", "Region", "Ashby Green and Vale", 1),
            ],
            0,
            "Ashby Green and Vale",
        ),
        (  # a descriptive bill written without one of its modifiers
            [
                ("EU fishing exports code", "Bill", "European Union fishing exports code", 0),
                ("EU fishing code", "Bill", "European Union fishing code", 1),
            ],
            1,
            "European Union fishing exports code",
        ),
    ],
)
def test_resolve_short_form_in_document(
    document: Callable[..., Document],
    mentions: list[tuple[str, str, str, int]],
    short: int,
    name: str,
) -> None:
    ref = Resolver().resolve(_placed(document("x"), mentions))[short]
    assert ref is not None and ref.name == name


def test_resolve_surname_is_no_short_form_of_a_company(document: Callable[..., Document]) -> None:
    mentions = [
        ("Smith and Nephew", "Organisation", "Smith and Nephew", 0),
        ("Smith", "Person", "Smith", 1),
    ]
    refs = Resolver().resolve(_placed(document("x"), mentions))
    assert refs[1] is not None and refs[1].name == "Smith"


def _graph(nodes: dict[str, tuple[str, str, list[str]]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node, (label, name, aliases) in nodes.items():
        graph.add_node(node, label=label, name=name, aliases=aliases, documents=["doc:1"])
    return graph


def test_final_merges_surname_and_acronym_across_corpus() -> None:
    graph = _graph(
        {
            "Person:xi": ("Person", "Xi", ["Xi"]),
            "Person:xi-jinping": ("Person", "Xi Jinping", ["Xi Jinping"]),
            "Organisation:nld": ("Organisation", "NLD", ["NLD"]),
            "Organisation:national-league-for-democracy": (
                "Organisation",
                "National League for Democracy",
                ["National League for Democracy"],
            ),
        }
    )
    merges = Resolver().final_merges(graph)
    assert merges == {
        "Person:xi": "Person:xi-jinping",
        "Organisation:nld": "Organisation:national-league-for-democracy",
    }


def test_final_merges_never_folds_ambiguous_short_form_and_notes_it() -> None:
    graph = _graph(
        {
            "Person:smith": ("Person", "Smith", ["Smith"]),
            "Person:iain-duncan-smith": ("Person", "Iain Duncan Smith", ["Iain Duncan Smith"]),
            "Person:zadie-smith": ("Person", "Zadie Smith", ["Zadie Smith"]),
        }
    )
    resolver = Resolver()
    assert "Person:smith" not in resolver.final_merges(graph)
    note = resolver.notes(graph)["Person:smith"]
    assert "Iain Duncan Smith" in note and "Zadie Smith" in note


def test_final_merges_keeps_a_state_apart_from_a_namesake_person() -> None:
    graph = _graph(
        {
            "State:georgia": ("State", "Georgia", ["Georgia"]),
            "Person:georgia-gilholy": ("Person", "Georgia Gilholy", ["Georgia Gilholy"]),
        }
    )
    assert Resolver().final_merges(graph) == {}


def test_seed_learns_stored_entities() -> None:
    graph = _graph({"Person:xi-jinping": ("Person", "Xi Jinping", ["Xi Jinping", "Xi"])})
    resolver = Resolver()
    resolver.seed(graph)
    assert resolver.by_key["xi"] == {"Person:xi-jinping"}


def test_resolve_one_label_per_name_in_a_document(document: Callable[..., Document]) -> None:
    extraction = _extraction(
        document("x"),
        [
            ("Rappler", "Organisation", "Rappler"),
            ("Rappler", "Person", "Rappler"),
            ("Rappler", "Organisation", "Rappler"),
        ],
    )
    refs = Resolver().resolve(extraction)
    assert {ref.id for ref in refs if ref} == {"Organisation:rappler"}


def test_final_merges_label_conflict_goes_to_the_majority() -> None:
    graph = _graph(
        {
            "Person:hong-kong-watch": ("Person", "Hong Kong Watch", ["Hong Kong Watch"]),
            "Organisation:hong-kong-watch": (
                "Organisation",
                "Hong Kong Watch",
                ["Hong Kong Watch"],
            ),
        }
    )
    graph.nodes["Organisation:hong-kong-watch"]["documents"] = ["doc:1", "doc:2"]
    assert Resolver().final_merges(graph) == {
        "Person:hong-kong-watch": "Organisation:hong-kong-watch"
    }


def test_final_merges_surname_needs_an_attested_full_name() -> None:
    graph = _graph(
        {
            "Person:johnson": ("Person", "Johnson", ["Johnson"]),
            "Person:jo-johnson": ("Person", "Jo Johnson", ["Jo Johnson"]),
        }
    )
    graph.nodes["Person:johnson"]["documents"] = ["doc:7"]  # never beside "Jo Johnson"
    resolver = Resolver()
    assert resolver.final_merges(graph) == {}
    assert resolver.notes(graph) == {"Person:johnson": "short form kept apart: may be Jo Johnson"}


def test_final_merges_never_reads_initials_as_an_acronym_of_a_person() -> None:
    graph = _graph(
        {
            "Organisation:mg": ("Organisation", "MG", ["MG"]),
            "Person:merdan-ghappar": ("Person", "Merdan Ghappar", ["Merdan Ghappar"]),
        }
    )
    assert Resolver().final_merges(graph) == {}


NAMES = [
    ("Person", "Geoffrey Nice"),
    ("Person", "Nice"),
    ("Organisation", "Nice"),
    ("Person", "Xi Jinping"),
    ("Person", "Xi"),
    ("Person", "Lord Alton of Liverpool"),
    ("Person", "Lord Alton"),
    ("Organisation", "National League for Democracy"),
    ("Organisation", "NLD"),
    ("Person", "Mary Grant"),
    ("Organisation", "MG"),
    ("Organisation", "Hong Kong Watch"),
    ("Person", "Hong Kong Watch"),
    ("State", "United Kingdom"),
    ("State", "UK"),
    ("State", "Britain"),
]


@given(st.sets(st.sampled_from(range(len(NAMES))), min_size=2))
def test_name_index_finds_exactly_what_comparing_every_pair_finds(chosen: set[int]) -> None:
    """The index only narrows the search: its answer is the pairwise predicates'."""
    graph = nx.MultiDiGraph()
    for number in sorted(chosen):
        label, name = NAMES[number]
        aliases = {"Britain"} if name == "United Kingdom" else set()
        graph.add_node(f"{label}:{number}", label=label, name=name, aliases=aliases)
    index = _NameIndex(graph)
    for node, attrs in index.entities.items():
        pairwise = [
            other
            for other, full in index.entities.items()
            if other != node
            and (
                _known_alias(attrs, full)
                or _acronym_for(attrs["name"], full)
                or _surname_for(attrs, full)
            )
        ]
        assert index.fuller_forms(node, attrs) == pairwise


def test_resolve_bracketed_acronym_takes_the_name_before_it(
    document: Callable[..., Document],
) -> None:
    text = "the Likud (LKD) won; the LKD"
    doc = document(text)
    spans = [("Likud", 4), ("LKD", 11), ("LKD", text.rindex("LKD"))]
    mentions = tuple(
        Mention(text=t, label="Organisation", name=t, start=at, end=at + len(t), sentence=0)
        for t, at in spans
    )
    extraction = Extraction(doc, (Sentence(text, 0, len(text)),), mentions, ())
    refs = Resolver().resolve(extraction)
    assert {ref.name for ref in refs if ref is not None} == {"Likud"}


def test_resolve_bracket_after_a_longer_name_is_not_its_acronym(
    document: Callable[..., Document],
) -> None:
    text = "the Forum in Europe (OSCE)"
    mentions = (
        Mention(text="Europe", label="Region", name="Europe", start=13, end=19, sentence=0),
        Mention(text="OSCE", label="Organisation", name="OSCE", start=21, end=25, sentence=0),
    )
    doc = document(text)
    refs = Resolver().resolve(Extraction(doc, (Sentence(text, 0, len(text)),), mentions, ()))
    assert refs[1] is not None and refs[1].name == "OSCE"


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Labour", "Labour Party"),
        ("Lords", "House of Lords"),
        ("Communist Party", "Chinese Communist Party"),
        ("Mirror", "Daily Mirror"),
    ],
)
def test_final_merges_short_form_into_the_one_longer_name(short: str, full: str) -> None:
    graph = _graph(
        {
            f"Organisation:{short}": ("Organisation", short, [short]),
            f"Organisation:{full}": ("Organisation", full, [full]),
        }
    )
    assert Resolver().final_merges(graph) == {f"Organisation:{short}": f"Organisation:{full}"}


def test_final_merges_short_form_of_two_longer_names_stays_apart() -> None:
    graph = _graph(
        {
            "Organisation:cp": ("Organisation", "Communist Party", ["Communist Party"]),
            "Organisation:ccp": ("Organisation", "Chinese Communist Party", []),
            "Organisation:vcp": ("Organisation", "Vietnamese Communist Party", []),
        }
    )
    assert Resolver().final_merges(graph) == {}


def test_resolve_an_event_named_in_common_words_is_its_documents_own(
    document: Callable[..., Document],
) -> None:
    """Two articles' "presidential election" may be two countries': never one node."""
    resolver = Resolver()
    ids = set()
    for text in ("x", "y"):
        refs = resolver.resolve(
            _extraction(
                document(text),
                [
                    ("presidential election", "Event", "presidential election"),
                    ("Iraq War", "Event", "Iraq War"),
                ],
            )
        )
        assert refs[0] is not None and refs[0].name == "presidential election"
        ids.add(refs[0].id)
        assert refs[1] is not None and refs[1].id == "Event:iraq-war"  # a proper name is shared
    assert len(ids) == 2


@pytest.mark.parametrize(("shared", "merged"), [(True, True), (False, False)])
def test_final_merges_a_common_event_joins_a_fuller_name_in_its_own_document(
    shared: bool, merged: bool
) -> None:
    graph = _graph(
        {
            "Event:trade-war-doc-1": ("Event", "trade war", ["trade war"]),
            "Event:ruritania-trade-war": ("Event", "Ruritania trade war", ["trade war"]),
        }
    )
    if not shared:
        graph.nodes["Event:trade-war-doc-1"]["documents"] = ["doc:2"]
    merges = Resolver().final_merges(graph)
    assert (merges == {"Event:trade-war-doc-1": "Event:ruritania-trade-war"}) is merged
