"""GraphBuilder: adding and removing documents, and the spent builder after finish."""

from __future__ import annotations

import pytest

from actorgraph.graph.model import (
    CO_MENTION_MAX_CHARS,
    CO_MENTION_MAX_ENTITIES,
    GraphBuilder,
    build_graph,
)
from actorgraph.graph.records import Extraction, Mention, Relation, Sentence
from actorgraph.loaders.document import Document


def extraction(doc_id: str, key: str, names: list[tuple[str, str]]) -> Extraction:
    """One sentence naming ``names`` ((label, name) pairs)."""
    text = " and ".join(name for _, name in names) + " met."
    mentions, start = [], 0
    for label, name in names:
        mentions.append(Mention(name, label, name, start, start + len(name), 0))
        start += len(name) + len(" and ")
    document = Document(doc_id, key, "test", "t", text)
    return Extraction(document, (Sentence(text, 0, len(text)),), tuple(mentions), ())


PAIR = [("Person", "Ada Lovelace"), ("Organisation", "Royal Society")]


def test_removing_a_document_takes_back_only_its_evidence() -> None:
    builder = GraphBuilder()
    builder.add(extraction("doc:1", "a", PAIR))
    builder.add(extraction("doc:2", "b", [*PAIR, ("State", "France")]))
    assert "State:france" in builder.graph
    builder.remove_document("doc:2")
    graph = builder.finish()
    links = [(s, t, k, a) for s, t, k, a in graph.edges(keys=True, data=True) if "evidence" in a]
    assert len(links) == 1
    assert [e.document for e in links[0][3]["evidence"]] == ["doc:1"]
    assert "State:france" not in graph


def test_a_finished_builder_refuses_more_documents() -> None:
    builder = GraphBuilder()
    builder.add(extraction("doc:1", "a", PAIR))
    builder.finish()
    with pytest.raises(RuntimeError, match="finish"):
        builder.add(extraction("doc:2", "b", PAIR))


NON_LATIN = [
    ("Person", "Владимир Путин"),
    ("Person", "习近平"),
    ("Person", "李克强"),
    ("Person", "Κυριάκος Μητσοτάκης"),
    ("Person", "محمد بن سلمان"),
    ("Person", "မင်းအောင်လှိုင်"),
    ("Person", "ئىلھام توختى"),
]


def test_names_in_any_script_become_one_node_each() -> None:
    graph = build_graph([extraction("doc:1", "a", NON_LATIN)])
    people = {n: a["name"] for n, a in graph.nodes(data=True) if a["label"] == "Person"}
    assert sorted(people.values()) == sorted(name for _, name in NON_LATIN)
    pairs = [(u, v) for u, v, k in graph.edges(keys=True) if k == "CO_MENTIONED"]
    assert len(pairs) == len(NON_LATIN) * (len(NON_LATIN) - 1) // 2


def test_the_same_non_latin_name_in_two_documents_is_one_node() -> None:
    builder = GraphBuilder()
    builder.add(extraction("doc:1", "a", NON_LATIN[:2]))
    builder.add(extraction("doc:2", "b", NON_LATIN[1:3]))
    graph = builder.finish()
    node = next(n for n, a in graph.nodes(data=True) if a.get("name") == "习近平")
    assert graph.nodes[node]["documents"] == ["doc:1", "doc:2"]


@pytest.mark.parametrize(
    ("entities", "text_chars", "pairs", "crowded"),
    [
        (
            CO_MENTION_MAX_ENTITIES,
            0,
            CO_MENTION_MAX_ENTITIES * (CO_MENTION_MAX_ENTITIES - 1) // 2,
            0,
        ),
        (CO_MENTION_MAX_ENTITIES + 1, 0, 0, 1),
        (3, CO_MENTION_MAX_CHARS + 1, 0, 1),  # one long "sentence" of unpunctuated text
        (3, 0, 3, 0),
    ],
)
def test_a_sentence_past_the_caps_keeps_its_mentions_but_adds_no_co_mentions(
    entities, text_chars, pairs, crowded
) -> None:
    names = [("Person", f"Person Number{n:03d}") for n in range(entities)]
    item = extraction("doc:1", "a", names)
    if text_chars:
        text = item.document.text.ljust(text_chars, " ") + "."
        item = Extraction(
            Document("doc:1", "a", "test", "t", text),
            (Sentence(text, 0, len(text)),),
            item.mentions,
            (),
        )
    builder = GraphBuilder()
    builder.add(item)
    assert builder.crowded_sentences == crowded
    graph = builder.finish()
    links = [k for _, _, k in graph.edges(keys=True)]
    assert links.count("CO_MENTIONED") == pairs
    assert links.count("MENTIONS") == entities


def test_moving_a_document_re_addresses_it_and_keeps_its_links() -> None:
    builder = GraphBuilder()
    builder.add(extraction("doc:1", "old/a.txt", PAIR))
    builder.move_document("doc:1", "new/a.txt", "new/a.txt")
    assert builder.has_key("new/a.txt") and not builder.has_key("old/a.txt")
    assert builder.document_key("doc:1") == "new/a.txt"
    graph = builder.finish()
    assert graph.nodes["doc:1"]["source"] == "new/a.txt"
    assert graph.number_of_edges() == 3  # two MENTIONS, one CO_MENTIONED


def authored(doc_id: str, authors: tuple[str, ...], names: list[tuple[str, str]]) -> Extraction:
    item = extraction(doc_id, doc_id, names)
    document = Document(doc_id, doc_id, "test", "t", item.document.text, authors=authors)
    return Extraction(document, item.sentences, item.mentions, ())


@pytest.mark.parametrize(
    "extractions",
    [
        # the author named in the body, typed an organisation by the model
        [authored("doc:1", ("Cy Young",), [("Organisation", "Cy Young"), *PAIR])],
        # the same name typed an organisation in more documents than the author wrote
        [
            authored("doc:1", ("Cy Young",), PAIR),
            authored("doc:2", (), [("Organisation", "Cy Young"), *PAIR]),
            authored("doc:3", (), [("Organisation", "Cy Young"), *PAIR]),
        ],
    ],
    ids=["own-article", "other-articles"],
)
def test_an_author_stays_a_person_whatever_the_body_calls_the_name(extractions) -> None:
    builder = GraphBuilder()
    for item in extractions:
        builder.add(item)
    graph = builder.finish()
    assert "Organisation:cy-young" not in graph
    wrote = [(u, v) for u, v, k in graph.edges(keys=True) if k == "WROTE"]
    assert wrote == [("Person:cy-young", "doc:1")]
    assert all(graph.nodes[u]["label"] == "Person" for u, _ in wrote)  # what the schema allows
    mentioned = {v for u, v, k in graph.edges(keys=True) if k == "MENTIONS"}
    assert ("Person:cy-young" in mentioned) == any(
        m.name == "Cy Young" for item in extractions for m in item.mentions
    )


@pytest.mark.parametrize(
    ("target", "link"),
    [
        # "contest Greyford": the mention typed Organisation, the document's name a Region
        (
            [("Organisation", "Greyford"), ("Region", "Greyford"), ("Region", "Greyford")],
            "RELATED_TO",
        ),
        ([("Person", "Tom Reed")], "OPPOSES"),
    ],
)
def test_a_typed_link_checks_its_target_as_resolved(target, link) -> None:
    item = extraction("doc:1", "a", [("Person", "Ann Cole"), *target])
    relation = Relation(0, 1, "OPPOSES", "gsvo:contest", 0)
    builder = GraphBuilder()
    builder.add(Extraction(item.document, item.sentences, item.mentions, (relation,)))
    graph = builder.finish()
    typed = [(t, k) for s, t, k in graph.edges(keys=True) if k not in ("CO_MENTIONED", "MENTIONS")]
    assert [k for _, k in typed] == [link]
