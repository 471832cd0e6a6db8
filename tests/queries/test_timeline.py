"""The timeline query on a real build: real dates sort, year-less and undated ones are listed
after them and flagged, a year given with `build --year` makes them sort. Same rows on Neo4j."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import spacy
from neo4j_server import Neo4jTarget

from actorgraph.graph.cli import main
from actorgraph.graph.extraction.mentions import DEFAULT_MODEL
from actorgraph.graph.querylib import get_query
from actorgraph.graph.stores import open_store
from actorgraph.graph.stores.base import Store
from actorgraph.graph.stores.rows import diff_graphs

pytestmark = pytest.mark.skipif(
    not spacy.util.is_package(DEFAULT_MODEL), reason=f"spaCy model {DEFAULT_MODEL} not installed"
)

# The seed collection's dates, which sorted as text: "1 Feb" < "13 Jan" < "15 Feb" < ...
SEED_DATES = ["1 Feb", "13 Jan", "15 Feb", "28 Oct", "4 Jun", "7 Jan"]
WRITERS = ["Ann Smith", "Bo Jones", "Cara Lee", "Dan Moss", "Eve Hart", "Finn Ross"]


def collection(dates: list[str]) -> str:
    return "".join(
        f"{writer}: Report {number}\n{date}\n\n{writer} is a journalist.\n\n"
        f"China detained activists in Xinjiang, report {number} says.\n\n"
        for number, (writer, date) in enumerate(zip(WRITERS, dates, strict=True), start=1)
    )


def timeline(store_path: Path, name: str) -> list[dict[str, Any]]:
    store = open_store(str(store_path), read_only=True)
    try:
        return answer(store, name)
    finally:
        store.close()


def answer(store: Store, name: str) -> list[dict[str, Any]]:
    query = get_query("timeline")
    return store.query(query.text_for(store.dialect), query.bind({"name": name})).records()


def build(*argv: str) -> None:
    assert main(["build", *argv, "--quiet"]) == 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("timeline")
    (folder / "collection.txt").write_text(collection(SEED_DATES), "utf-8")
    (folder / "dated.txt").write_text(
        "date: 9 December 2021\n\nChina faces the Uyghur Tribunal's judgment.", "utf-8"
    )
    (folder / "undated.txt").write_text("China in brief\n\nChina sanctioned MPs.", "utf-8")
    return folder


@pytest.fixture(scope="module")
def year_less_store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("year-less") / "store"
    build(str(corpus), "--store", str(store))
    return store


def test_timeline_lists_year_less_dates_apart_and_never_sorts_them_as_text(year_less_store):
    rows = [(r["date"], r["note"], r["what"]) for r in timeline(year_less_store, "China")]
    assert rows[0] == ("2021-12-09", None, "China faces the Uyghur Tribunal's judgment.")
    year_less = rows[1:7]
    assert {date for date, _, _ in year_less} == set(SEED_DATES)
    assert {note for _, note, _ in year_less} == {"no year"}
    assert [what for _, _, what in year_less] == sorted(what for _, _, what in year_less)
    assert rows[7:] == [(None, "undated", "China in brief")]


def test_build_year_gives_the_year_and_the_timeline_sorts_by_the_real_date(
    year_less_store, corpus, tmp_path, capsys
):
    store = tmp_path / "store"
    build(str(corpus), "--store", str(store), "--year", "2021")
    rows = [(r["date"], r["note"]) for r in timeline(store, "China") if r["kind"] == "document"]
    assert rows == [
        ("2021-01-07", None),
        ("2021-01-13", None),
        ("2021-02-01", None),
        ("2021-02-15", None),
        ("2021-06-04", None),
        ("2021-10-28", None),
        ("2021-12-09", None),
        (None, "undated"),
    ]


def test_adding_the_year_later_replaces_the_year_less_documents(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    build(str(corpus), "--store", str(store))
    capsys.readouterr()
    assert main(["build", str(corpus), "--store", str(store), "--year", "2021"]) == 0
    assert "0 added, 6 replaced, 2 unchanged" in capsys.readouterr().out
    notes = {r["note"] for r in timeline(store, "China")}
    assert notes == {None, "undated"}


def test_build_refuses_a_year_that_is_not_one(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--year", "21"])
    assert "must be a four-digit year" in capsys.readouterr().err


@pytest.mark.neo4j
def test_timeline_same_on_neo4j(year_less_store: Path, empty_neo4j: Neo4jTarget) -> None:
    embedded = open_store(str(year_less_store), read_only=True)
    try:
        with empty_neo4j.store() as writer:
            writer.apply(diff_graphs(nx.MultiDiGraph(), embedded.read_graph()))
        expected = answer(embedded, "China")
    finally:
        embedded.close()
    with empty_neo4j.store(read_only=True) as neo:
        assert answer(neo, "China") == expected
