"""`actorgraph search` on real embedded stores: the seeds, and a document of hostile text."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from actorgraph.graph.cli import main
from actorgraph.graph.search.sentences import SEARCH_DIR


def search(store: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["search", *argv, "--store", str(store)])
    out, err = capsys.readouterr()
    return status, out, err


def hits(store: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    status, out, err = search(store, *argv, "--format", "json", "--limit", "100", capsys=capsys)
    assert status == 0, err
    return json.loads(out)


def words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_search_finds_forced_organ_harvesting_with_the_china_tribunal(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = hits(seeds_store_path, "forced organ harvesting", capsys=capsys)
    assert {"name": "China Tribunal", "label": "Tribunal"} in [
        entity for hit in found for entity in hit["entities"]
    ]
    hit = found[0]
    assert set(hit) == {"score", "date", "title", "text", "entities", "sentence"}
    assert hit["title"] and hit["sentence"].startswith("doc:")


def test_search_phrase_is_narrower_than_words(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    phrase = hits(seeds_store_path, '"uyghur genocide"', capsys=capsys)
    words = hits(seeds_store_path, "genocide uyghur", capsys=capsys)
    assert phrase and all("uyghur genocide" in " ".join(words_of(h["text"])) for h in phrase)
    assert all({"uyghur", "genocide"} <= set(words_of(h["text"])) for h in words)
    assert {h["sentence"] for h in phrase} < {h["sentence"] for h in words}


def test_search_prefix_matches_every_ending(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = hits(seeds_store_path, "genocid*", capsys=capsys)
    endings = {w for h in found for w in words_of(h["text"]) if w.startswith("genocid")}
    assert all(any(w.startswith("genocid") for w in words_of(h["text"])) for h in found)
    assert len(endings) >= 2  # genocide, genocidal, ...
    assert hits(seeds_store_path, "genocide", capsys=capsys) != found


@pytest.mark.parametrize("text", ["FORCED ORGAN HARVESTING", "Forced Organ harvesting"])
def test_search_ignores_case(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    assert hits(seeds_store_path, text, capsys=capsys) == hits(
        seeds_store_path, "forced organ harvesting", capsys=capsys
    )


@pytest.mark.parametrize("label", ["Tribunal", "tribunal", "PERSON"])
def test_search_label_keeps_sentences_naming_that_type(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], label: str
) -> None:
    everything = hits(seeds_store_path, "tribunal", capsys=capsys)
    kept = hits(seeds_store_path, "tribunal", "--label", label, capsys=capsys)
    wanted = label.capitalize()
    assert kept and all(any(e["label"] == wanted for e in h["entities"]) for h in kept)
    expected = [h for h in everything if any(e["label"] == wanted for e in h["entities"])]
    assert kept == expected


def test_search_limit_and_ranking(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = search(seeds_store_path, "china", "-n", "3", "-f", "json", capsys=capsys)
    scores = [hit["score"] for hit in json.loads(out)]
    assert status == 0 and len(scores) == 3 and scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["zzyzx organ"], 1, "no sentence matches 'zzyzx organ'"),
        (["zzyzx", "--label", "Tribunal"], 1, "no sentence naming a Tribunal matches 'zzyzx'"),
        (["( ) *"], 2, "nothing to search for"),
        (["organ", "--label", "Wizard"], 2, "--label 'Wizard' is no entity type"),
        (["organ", "--limit", "0"], 2, "--limit must be 1 or more"),
    ],
)
def test_search_without_hits_says_so(
    seeds_store_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    status: int,
    message: str,
) -> None:
    got, out, err = search(seeds_store_path, *argv, capsys=capsys)
    assert (got, out) == (status, "") and message in err


@pytest.mark.parametrize(
    "text", ['"forced organ', "organ AND OR NOT", 'C++ (x) [y] {z} ^~?:\\/ "', "harvest**"]
)
def test_search_hostile_query_is_literal_words(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    status, _, err = search(seeds_store_path, text, capsys=capsys)
    assert status in (0, 1) and "error" not in err


def test_search_formats_share_the_rows(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = hits(seeds_store_path, "tribunal", capsys=capsys)
    status, out, _ = search(seeds_store_path, "tribunal", "-f", "csv", "-n", "100", capsys=capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and len(found) > 1
    assert [r["sentence"] for r in rows] == [h["sentence"] for h in found]
    assert [r["text"] for r in rows] == [h["text"] for h in found]
    assert [r["entities"] for r in rows] == [
        "; ".join(e["name"] for e in h["entities"]) for h in found
    ]
    status, out, _ = search(seeds_store_path, "tribunal", "-n", "100", capsys=capsys)
    assert status == 0 and out.rstrip().endswith(f"({len(found)} rows)")


def test_search_rebuilds_a_deleted_index(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = hits(seeds_store_path, "organ*", capsys=capsys)
    store = tmp_path / "store"
    shutil.copytree(seeds_store_path, store)
    shutil.rmtree(store / SEARCH_DIR)
    status, out, err = search(store, "organ*", "-f", "json", "-n", "100", capsys=capsys)
    assert status == 0 and "rebuilding it from the store" in err
    assert json.loads(out) == before
    assert "rebuilding" not in search(store, "organ*", capsys=capsys)[2]  # once


def test_search_index_unusable_is_one_line_error(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    shutil.copytree(seeds_store_path, store)
    shutil.rmtree(store / SEARCH_DIR)
    (store / SEARCH_DIR).write_text("not an index", "utf-8")
    status, out, err = search(store, "organ", capsys=capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"actorgraph search: error: {store / SEARCH_DIR}: cannot open the search")
    assert len(err.splitlines()) == 1


# --- a document whose text would act on a terminal ----------------------------------------

HOSTILE = "The Tribunal heard Dr Alice Smith.\u202e Evil\x1b[31m red \x07text about harvesting."


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "article.txt").write_text(f"A hostile article\n\n{HOSTILE}\n", encoding="utf-8")
    assert (
        main(["build", str(root / "article.txt"), "--store", str(root / "store"), "--quiet"]) == 0
    )
    return root / "store"


def test_search_table_escapes_text_json_keeps_it(
    hostile_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = search(hostile_store, "harvesting", "--max-width", "0", capsys=capsys)
    assert status == 0 and "\\u202e Evil\\u001b[31m red \\u0007text" in out
    assert not any(char in out for char in "\u202e\x1b\x07")
    assert any(
        "\u202e Evil\x1b[31m" in h["text"] for h in hits(hostile_store, "evil", capsys=capsys)
    )
