"""One broken document never stops or corrupts the rest; degenerate text has a bounded cost.

On the real pipeline and the embedded store: an author the model types as an
organisation, names run together without punctuation (spaCy's E1010), sentences of
hundreds of names (the relation finder's pairs), and ``Extractor.extract`` on a document
over ``nlp.max_length``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from math import comb
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from actorgraph.graph.cli import main
from actorgraph.graph.extraction import nominals, predicates
from actorgraph.graph.extraction.limits import CO_MENTION_MAX_ENTITIES
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL, Extractor, extraction_of
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.loaders.document import Document, content_id

NAMES = [
    "Geoffrey Nice",
    "Uyghur Tribunal",
    "China",
    "Xi Jinping",
    "Boris Johnson",
    "Hong Kong Watch",
    "Benedict Rogers",
    "Amnesty International",
    "Lord Alton",
    "Myanmar",
    "Human Rights Watch",
    "Xinjiang",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    if not spacy.util.is_package(DEFAULT_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_MODEL} is not installed")
    return Extractor()


def document(text: str, title: str = "t") -> Document:
    return Document(content_id(title, text), f"test#{title}", "test.txt", title, text)


def name_run(count: int, seed: int, joiner: str = " ") -> str:
    """``count`` names drawn at random, run together: a list, a table, text without stops."""
    rng = random.Random(seed)
    return joiner.join(rng.choice(NAMES) for _ in range(count))


@pytest.mark.parametrize(
    "author_line",
    ["Cy Young", "Cy Young and Ann Smith"],
)
def test_build_keeps_an_author_the_model_types_as_an_organisation_a_person(
    tmp_path: Path, author_line: str, extractor: Extractor
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "articles.txt").write_text(
        f"{author_line}: Baseball and the state\n7 December 2021\n"
        "Cy Young writes about sport.\n\n"
        "The Cy Young Award is given each year. Cy Young said that China sanctioned "
        "Hong Kong Watch in March.\n",
        "utf-8",
    )
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "--quiet"]) == 0
    with LadybugStore(store, read_only=True) as read:
        graph = read.read_graph()
    wrote = {u for u, _, key in graph.edges(keys=True) if key == "WROTE"}
    assert "Person:cy-young" in wrote
    assert {graph.nodes[u]["label"] for u in wrote} == {"Person"}
    assert "Organisation:cy-young" not in graph


@pytest.mark.parametrize(
    "text",
    [
        "Human Rights Watch Myanmar Myanmar Xi Jinping Lord Alton Amnesty International",
        "Myanmar Xi Jinping Lord Alton Amnesty International " * 5,
        name_run(300, seed=1),
        name_run(300, seed=2),
    ],
    ids=["short", "repeated", "random-1", "random-2"],
)
def test_names_run_together_are_extracted_not_refused(extractor: Extractor, text: str) -> None:
    """Persons stretched over the proper nouns beside them met in one token (spaCy E1010)."""
    doc = extractor.nlp(text)
    extraction = extraction_of(document(text), doc, extractor.lexicon)
    tokens = [i for ent in doc.ents for i in range(ent.start, ent.end)]
    assert len(tokens) == len(set(tokens))
    assert extraction.mentions


@pytest.fixture
def pair_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Every pair of mentions the relation finder walks, recorded."""
    calls: list[tuple[int, int]] = []
    walk = predicates.PredicateFinder._pair

    def counted(self: predicates.PredicateFinder, a: int, b: int) -> Iterator[predicates.Link]:
        calls.append((a, b))
        return walk(self, a, b)

    monkeypatch.setattr(predicates.PredicateFinder, "_pair", counted)
    return calls


@pytest.mark.parametrize(("count", "joiner"), [(400, " and "), (400, " met ")])
def test_the_relation_finder_pairs_a_degenerate_sentence_boundedly(
    extractor: Extractor, pair_calls: list[tuple[int, int]], count: int, joiner: str
) -> None:
    text = name_run(count, seed=3, joiner=joiner)
    doc = extractor.nlp(text)
    extraction = extraction_of(document(text), doc, extractor.lexicon)
    per_sentence = [0] * len(extraction.sentences)
    for mention in extraction.mentions:
        per_sentence[mention.sentence] += 1
    every_pair = sum(comb(n, 2) for n in per_sentence)
    assert max(per_sentence) > CO_MENTION_MAX_ENTITIES  # the text is degenerate
    assert len(pair_calls) <= sum(comb(n, 2) for n in per_sentence if n <= CO_MENTION_MAX_ENTITIES)
    assert len(pair_calls) < every_pair / 10
    crowded = {i for i, n in enumerate(per_sentence) if n > CO_MENTION_MAX_ENTITIES}
    assert not any(extraction.mentions[a].sentence in crowded for a, _ in pair_calls)


def test_near_pairs_find_what_every_pair_finds(extractor: Extractor) -> None:
    """Pairing only mentions near in the tree loses no relation of ordinary prose."""
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    text = next(iter(sorted(seeds.glob("*.txt")))).read_text("utf-8")[:20_000]
    doc = extractor.nlp(text)
    extraction = extraction_of(document(text), doc, extractor.lexicon)
    spans = [
        (
            doc.char_span(m.start, m.end, alignment_mode="expand").start,
            doc.char_span(m.start, m.end, alignment_mode="expand").end,
        )
        for m in extraction.mentions
    ]
    finder = predicates.PredicateFinder(
        doc,
        spans,
        [m.label for m in extraction.mentions],
        [m.name for m in extraction.mentions],
        extractor.lexicon,
    )
    sentence_of = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for token in sent:
            sentence_of[token.i] = number
    near = list(finder.find(sentence_of))
    every = list(nominals.compound_adjectives(finder))
    members: dict[int, list[int]] = {}
    for index, root in enumerate(finder.roots):
        members.setdefault(sentence_of[root.i], []).append(index)
    for group in members.values():
        for n, a in enumerate(group):
            for b in group[n + 1 :]:
                if finder.roots[a].i != finder.roots[b].i:
                    every += finder._pair(a, b)
    assert near == every
    assert len(near) > 5  # the article states relations


def test_extract_sections_a_document_over_the_parsers_limit(extractor: Extractor) -> None:
    nlp: Language = extractor.nlp
    paragraph = "Geoffrey Nice chaired the Uyghur Tribunal in London. China denied it.\n\n"
    text = paragraph * 60
    limit = nlp.max_length
    nlp.max_length = len(text) // 3
    try:
        with pytest.raises(ValueError, match="E088"):
            nlp(text)  # what extract did before: the whole text in one parse
        long, short = list(extractor.extract([document(text, "long"), document(paragraph, "s")]))
    finally:
        nlp.max_length = limit
    assert long.document.text == text and short.document.text == paragraph
    people = [m for m in long.mentions if m.name == "Geoffrey Nice"]
    assert len(people) == 60
    assert all(text[m.start : m.end] == m.text for m in long.mentions)  # whole-text offsets
    assert [s.text for s in long.sentences].count(paragraph.split(". ")[0] + ".") == 60
    assert {m.name for m in short.mentions} >= {"Geoffrey Nice", "China"}
