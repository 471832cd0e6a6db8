"""The embedded sentence index on a real tantivy index: writes, replays, recreation, queries."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import tantivy

from actorgraph.graph.records import SentenceRow, sentence_id
from actorgraph.graph.search import query
from actorgraph.graph.search.index import SentenceIndex
from actorgraph.graph.search.query import parse


def rows(document: str, *texts: str) -> list[SentenceRow]:
    return [
        SentenceRow(sentence_id(document, i), document, i, 0, len(t), t, " ")
        for i, t in enumerate(texts)
    ]


ARTICLE = rows(
    "doc:a",
    "The China Tribunal found that forced organ harvesting had been committed.",
    "Organs were harvested from prisoners of conscience.",
    "The organ trade and the harvesting season are unrelated.",
)
OTHER = rows("doc:b", "The Uyghur Tribunal sat in London.", "Harvesting cotton is forced labour.")


@pytest.fixture
def index(tmp_path: Path) -> SentenceIndex:
    index = SentenceIndex(tmp_path / "search")
    index.update(remove_documents=[], add=[*ARTICLE, *OTHER])
    return index


def ids(index: SentenceIndex, text: str, limit: int = 20) -> list[str]:
    return [sentence for sentence, _ in index.search(parse(text), limit)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"forced organ harvesting"', {"doc:a:0"}),
        ("organ harvesting", {"doc:a:0", "doc:a:2"}),  # words: anywhere in the sentence
        ('"organ harvesting" forced', {"doc:a:0"}),
        ("harvest*", {"doc:a:0", "doc:a:1", "doc:a:2", "doc:b:1"}),
        ("organ*", {"doc:a:0", "doc:a:1", "doc:a:2"}),
        ("FORCED ORGAN", {"doc:a:0"}),
        ("tribunal", {"doc:a:0", "doc:b:0"}),
        ('"tribunal sat"', {"doc:b:0"}),
        ("organ genocide", set()),
        ("", set()),
    ],
)
def test_search_finds_words_phrases_prefixes_any_case(
    index: SentenceIndex, text: str, expected: set[str]
) -> None:
    assert set(ids(index, text)) == expected


def test_search_ranks_best_first_and_stops_at_limit(index: SentenceIndex) -> None:
    hits = index.search(parse("tribunal"), 20)
    scores = [score for _, score in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert hits[0][0] == "doc:b:0"  # the shorter sentence: bm25's length normalisation
    assert len(index.search(parse("tribunal"), 1)) == 1


@pytest.mark.parametrize("expansions", [query.MAX_EXPANSIONS, 10])
def test_search_prefix_reaches_every_expansion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expansions: int
) -> None:
    """tantivy's phrase_prefix_query stops at 50 words; the index must not, ranked (up to
    MAX_EXPANSIONS words) or not."""
    monkeypatch.setattr(query, "MAX_EXPANSIONS", expansions)
    index = SentenceIndex(tmp_path / "search")
    texts = [f"word w{i:03d}x here" for i in range(80)]
    index.update(remove_documents=[], add=rows("doc:p", *texts))
    assert len(ids(index, "w*", 100)) == 80
    assert len(ids(index, "word w0*", 100)) == 80  # a prefix after a word: a phrase ending in it


def test_search_prefix_ranks_by_the_words_it_expands_to(index: SentenceIndex) -> None:
    hits = index.search(parse("harvest*"), 20)
    assert len({score for _, score in hits}) > 1
    assert hits[0][0] == "doc:a:1"  # "harvested": the rarest of the words


def test_update_replayed_is_idempotent(index: SentenceIndex) -> None:
    before = {text: ids(index, text) for text in ("harvest*", "tribunal", '"organ trade"')}
    for _ in range(3):
        index.update(remove_documents=["doc:a"], add=ARTICLE)
    assert index.count() == len(ARTICLE) + len(OTHER)
    assert {text: ids(index, text) for text in before} == before


def test_update_replaces_and_removes_documents(index: SentenceIndex) -> None:
    index.update(remove_documents=["doc:a", "doc:absent"], add=rows("doc:a", "A new text."))
    assert index.count() == 1 + len(OTHER)
    assert ids(index, "organ") == [] and ids(index, "new") == ["doc:a:0"]
    index.update(remove_documents=["doc:b"], add=[])
    assert index.count() == 1 and ids(index, "tribunal") == []


def test_update_interrupted_writes_nothing(index: SentenceIndex) -> None:
    def failing() -> Iterator[SentenceRow]:
        yield from rows("doc:c", "Half a document.")
        raise OSError("disk full")

    with pytest.raises(OSError):
        index.update(remove_documents=["doc:a"], add=failing())
    assert index.count() == len(ARTICLE) + len(OTHER) and ids(index, "half") == []
    index.update(remove_documents=[], add=rows("doc:c", "Half a document."))  # lock released
    assert ids(index, "half") == ["doc:c:0"]


def test_rebuild_replaces_everything(index: SentenceIndex) -> None:
    assert index.rebuild(OTHER) == len(OTHER)
    assert ids(index, "organ*") == [] and set(ids(index, "harvesting")) == {"doc:b:1"}


def test_index_reopened_keeps_its_sentences(index: SentenceIndex) -> None:
    again = SentenceIndex(index.path)
    assert not again.fresh and again.count() == len(ARTICLE) + len(OTHER)


@pytest.mark.parametrize("damage", ["other schema", "garbled meta"])
def test_index_unreadable_is_recreated_empty(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "search"
    path.mkdir()
    if damage == "other schema":
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("body", stored=True)
        tantivy.Index(builder.build(), path=str(path))
    else:
        (path / "meta.json").write_text(json.dumps({"index_settings": 1}) + "{", "utf-8")
    index = SentenceIndex(path)
    assert index.fresh and index.count() == 0
    index.update(remove_documents=[], add=OTHER)
    assert index.count() == len(OTHER)


HOSTILE = [
    "Ünïcödé names like Çağlar Söyüncü and İstanbul",
    "ΣΑΣ in Greek capitals",
    'A quote " and a backslash \\ and (parentheses) [brackets] {braces}',
    "Operators AND OR NOT && || ! ^ ~ * ? : / + -",
    "中文 文本 没有 空格",
    "emoji 🙂 between words",
    "don't stop-and-go 3.5% rate",
    "x" * 39 + " then " + "y" * 41,  # the 41-character token is too long to be indexed
]


@pytest.mark.parametrize("text", HOSTILE)
def test_search_finds_hostile_text_by_its_own_words(tmp_path: Path, text: str) -> None:
    """A sentence is found by its own text as a phrase, as words and by each word's prefix,
    whatever its characters: the query tokenizes and escapes exactly as the index does."""
    index = SentenceIndex(tmp_path / "search")
    index.update(remove_documents=[], add=[*rows("doc:h", text), *OTHER])
    phrase = '"' + text.replace('"', " ") + '"'
    assert ids(index, phrase) == ["doc:h:0"]
    assert ids(index, text.upper()) == ["doc:h:0"]
    for word in parse(text.replace('"', " ")).clauses:
        assert "doc:h:0" in ids(index, word.tokens[-1][:2] + "*"), word
