"""`actorgraph document` on the seeds store: every article rebuilt exactly from its sentences,
ids by prefix, unknown ids with the ids that start alike, text escaped for the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.graph.cli import main
from actorgraph.graph.cli.document import Lookup, find_document
from actorgraph.loaders.document import Document
from actorgraph.loaders.registry import load_paths

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
SEED_DOCUMENTS = [d for d in load_paths([SEEDS]) if isinstance(d, Document)]


def document(store: Path, given: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["document", given, "--store", str(store)])
    out, err = capsys.readouterr()
    return status, out, err


def test_document_seeds_are_all_there() -> None:
    assert len(SEED_DOCUMENTS) >= 10


@pytest.mark.parametrize("seed", SEED_DOCUMENTS, ids=lambda d: d.id)
def test_document_rebuilds_the_article_exactly(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], seed: Document
) -> None:
    status, out, _ = document(seeds_store_path, seed.id, capsys)
    header, _, text = out.partition("\n\n")
    assert status == 0
    assert text.rstrip() == seed.text.rstrip()
    assert f"id: {seed.id}" in header.splitlines()
    assert f"title: {seed.title}" in header.splitlines()


def test_document_takes_a_prefix_or_a_sentence_id(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = SEED_DOCUMENTS[0]
    whole = document(seeds_store_path, seed.id, capsys)
    bare = seed.id.removeprefix("doc:")
    for given in (seed.id[:12], bare[:10], bare, f"{seed.id}:3"):
        assert document(seeds_store_path, given, capsys) == whole, given


@pytest.mark.parametrize(
    ("given", "lookup"),
    [
        ("doc:abc1", Lookup("doc:abc1")),
        ("abc1", Lookup("doc:abc1")),
        ("doc:abc1:7", Lookup("doc:abc1")),
        ("doc:ab", Lookup(starting=("doc:abc1", "doc:abd2"))),
        ("ab", Lookup(starting=("doc:abc1", "doc:abd2"))),
        ("doc:abd", Lookup("doc:abd2")),
        ("doc:abcX", Lookup(alike=("doc:abc1",))),  # mistyped: the ids starting alike
        ("doc:aXXX", Lookup(alike=("doc:abc1", "doc:abd2"))),
        ("zzz", Lookup()),
    ],
)
def test_document_find_document(given: str, lookup: Lookup) -> None:
    assert find_document(given, ["doc:abc1", "doc:abd2", "doc:b"]) == lookup


def test_document_unknown_id_suggests_ids_alike(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = SEED_DOCUMENTS[0]
    mistyped = seed.id[:-1] + ("0" if seed.id[-1] != "0" else "1")
    status, out, err = document(seeds_store_path, mistyped, capsys)
    assert (status, out) == (1, "")
    assert f"no document {mistyped!r} in the store; ids starting alike:" in err
    assert seed.id in err
    status, out, err = document(seeds_store_path, "doc:", capsys)
    assert (status, out) == (1, "") and f"starts {len(SEED_DOCUMENTS)} document ids" in err
    status, _, err = document(seeds_store_path, "nothing-like-it", capsys)
    assert status == 1 and err == "no document 'nothing-like-it' in the store\n"


HOSTILE = "Evil\u202e text\x1b[31m red\x07.\n\nSecond\tparagraph."


def test_document_escapes_controls_keeps_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "article.txt"
    source.write_text(f"A hostile article\n\n{HOSTILE}\n", encoding="utf-8")
    assert main(["build", str(source), "--store", str(tmp_path / "store"), "--quiet"]) == 0
    capsys.readouterr()
    status, out, _ = document(tmp_path / "store", "doc:", capsys)
    assert status == 0
    assert "Evil\\u202e text\\u001b[31m red\\u0007.\n\nSecond\tparagraph." in out
    assert not any(char in out for char in "\u202e\x1b\x07")
