"""Long and degenerate documents on the real pipeline: sections, offsets, failures, caps."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from actorgraph.graph.cli import main
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL, Extractor
from actorgraph.graph.model import CO_MENTION_MAX_CHARS, CO_MENTION_MAX_ENTITIES
from actorgraph.graph.pipeline import build, extract_batch_stream
from actorgraph.graph.records import Extraction
from actorgraph.graph.stores.ladybug import LadybugStore
from actorgraph.loaders.document import Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PEOPLE = ["Geoffrey Nice", "Benedict Rogers", "Nus Ghani", "Xi Jinping", "Min Aung Hlaing"]
PLACES = ["China", "Myanmar", "Xinjiang", "Hong Kong", "the United Kingdom"]
ORGANISATIONS = ["Hong Kong Watch", "the Uyghur Tribunal", "Human Rights Watch"]
MARKER = "Section-that-breaks-the-parser"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    if not spacy.util.is_package(DEFAULT_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_MODEL} is not installed")
    return Extractor()


def report_text(chars: int, seed: int = 7) -> str:
    """Paragraphs of sentences naming actors, ``chars`` long."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    while sum(map(len, paragraphs)) < chars:
        sentences = [
            f"{rng.choice(PEOPLE)} criticised {rng.choice(ORGANISATIONS)} over "
            f"{rng.choice(PLACES)}."
            for _ in range(rng.randint(2, 6))
        ]
        paragraphs.append(" ".join(sentences))
    return "Annual report\n\n" + "\n\n".join(paragraphs)


def document(text: str, name: str = "report.txt") -> Document:
    return Document(f"doc:{abs(hash(text)):x}", name, name, "Annual report", text)


def assert_offsets_point_into(extraction: Extraction, text: str) -> None:
    assert extraction.document.text == text
    previous_end = 0
    for sentence in extraction.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end
    for mention in extraction.mentions:
        assert text[mention.start : mention.end] == mention.text
        sentence = extraction.sentences[mention.sentence]
        assert sentence.start <= mention.start < mention.end <= sentence.end
    for relation in extraction.relations:
        for end in (relation.source, relation.target):
            assert extraction.mentions[end].sentence == relation.sentence


def test_a_document_over_spacys_limit_builds_beside_a_good_one(tmp_path, extractor) -> None:
    """1.1 million characters: most of it blank runs, so that parsing it stays quick."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraphs = [
        f"Geoffrey Nice met Benedict Rogers in London on day {n}." + " " * 2_800 for n in range(400)
    ]
    long_text = "Annual report\n\n" + "\n\n".join(paragraphs)
    assert len(long_text) > extractor.nlp.max_length
    (corpus / "long.txt").write_text(long_text, "utf-8")
    shutil.copy(SEEDS / "002_17305e8ac4772ffc.txt", corpus / "good.txt")
    with LadybugStore(tmp_path / "store") as store:
        report = build([corpus], store, extractor=extractor)
        graph = store.read_graph()
    assert (report.added, report.skipped, report.failed_sections) == (2, [], [])
    long_id = next(n for n, a in graph.nodes(data=True) if a.get("source", "").endswith("long.txt"))
    evidence = [
        e
        for u, v, k, a in graph.edges(keys=True, data=True)
        if k == "CO_MENTIONED" and {u, v} == {"Person:geoffrey-nice", "Person:benedict-rogers"}
        for e in a["evidence"]
        if e.document == long_id
    ]
    assert len(evidence) >= 390  # the statistical model may miss one, wherever it is
    assert all(long_text[e.start : e.end] == e.text for e in evidence)
    assert max(e.start for e in evidence) > 1_000_000


def test_sections_of_real_text_keep_offsets_and_find_what_one_parse_finds(
    extractor, monkeypatch
) -> None:
    """spaCy set to accept only 12,000 characters: a 30,000-character report in sections."""
    text = report_text(30_000)
    (whole,) = extract_batch_stream(extractor, [document(text)], batch_size=4)
    monkeypatch.setattr(extractor.nlp, "max_length", 12_000)
    (sectioned,) = extract_batch_stream(extractor, [document(text)], batch_size=4)
    assert isinstance(sectioned, Extraction)
    assert_offsets_point_into(sectioned, text)
    assert max(m.start for m in sectioned.mentions) > 25_000
    found = {(m.start, m.end, m.label) for m in sectioned.mentions}
    expected = {(m.start, m.end, m.label) for m in whole.mentions}
    assert len(found & expected) >= 0.95 * len(expected)
    assert abs(len(sectioned.sentences) - len(whole.sentences)) <= 0.02 * len(whole.sentences)


@Language.component("actorgraph_test_breaks_on_marker")
def breaks_on_marker(doc: Doc) -> Doc:
    if MARKER in doc.text:
        raise ValueError("this section breaks the parser")
    return doc


def test_a_section_that_fails_is_reported_and_the_rest_is_built(extractor, monkeypatch) -> None:
    monkeypatch.setattr(extractor.nlp, "max_length", 12_000)
    head, tail = report_text(8_000, seed=1), report_text(8_000, seed=2)
    text = f"{head}\n\n{MARKER}\n\n{tail}"
    good = document(report_text(2_000, seed=3), "good.txt")
    extractor.nlp.add_pipe("actorgraph_test_breaks_on_marker", last=True)
    try:
        items = list(extract_batch_stream(extractor, [document(text), good], batch_size=8))
    finally:
        extractor.nlp.remove_pipe("actorgraph_test_breaks_on_marker")
    failure, extraction, good_extraction = items
    assert failure.span is not None and failure.document.startswith("report.txt")
    start, end = failure.span
    assert start <= text.index(MARKER) < end and "breaks the parser" in failure.reason
    assert f"(characters {start}-{end})" in str(failure)
    assert_offsets_point_into(extraction, text)
    built = {m.start for m in extraction.mentions}
    assert any(s < start for s in built) and any(s >= end for s in built)
    assert not any(start <= s < end for s in built)
    assert good_extraction.document is good and good_extraction.mentions


def test_degenerate_text_is_capped_and_the_build_says_so(tmp_path, capsys) -> None:
    """A long run of names without a full stop: no co-mention from an overfull sentence."""
    rng = random.Random(3)
    names = [*PEOPLE, *PLACES, *ORGANISATIONS]
    fill = ["and", "said", "of", "with", "met"]
    text = "Degenerate " + " ".join(f"{rng.choice(names)} {rng.choice(fill)}" for _ in range(600))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "line.txt").write_text(text, "utf-8")
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "co-mentions:" in line)
    assert f"over {CO_MENTION_MAX_ENTITIES} entities or {CO_MENTION_MAX_CHARS:,} characters" in line
    assert int(line.split()[1]) >= 1
    with LadybugStore(store, read_only=True) as read:
        graph = read.read_graph()
    for _, _, key, attrs in graph.edges(keys=True, data=True):
        if key == "CO_MENTIONED":
            assert all(len(e.text) <= CO_MENTION_MAX_CHARS for e in attrs["evidence"])
