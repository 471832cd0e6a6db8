"""Every named query on the real embedded store built from the seeds (and a crafted graph),
with answers that could be wrong; and the `query`/`cypher` commands end to end."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from actorgraph.graph.cli import main
from actorgraph.graph.querylib import load_library
from actorgraph.graph.stores.base import ReadOnlyError, Store

Runner = Callable[..., list[dict[str, Any]]]


def names_of(run: Runner, name: str) -> list[str]:
    """Every surface form of an entity, lower-cased, from the store."""
    [row] = run("entity", name=name)
    return [form.lower() for form in {row["name"], *row["aliases"]}]


def non_increasing(values: list[Any]) -> bool:
    return all(a >= b for a, b in itertools.pairwise(values))


# --- the queries the issue names -----------------------------------------------------------


def test_entity_matches_alias_any_case(run: Runner) -> None:
    rows = run("entity", name="BURMA")
    assert [(r["id"], r["type"], r["name"]) for r in rows] == [
        ("State:myanmar", "State", "Myanmar")
    ]
    assert "Burma" in rows[0]["aliases"]
    assert rows[0]["mentions"] > 0 and rows[0]["documents"]


def test_entity_unknown_name_is_empty(run: Runner) -> None:
    assert run("entity", name="Atlantis") == []


def test_neighbours_of_geoffrey_nice_include_uyghur_tribunal(run: Runner) -> None:
    rows = run("neighbours", name="Geoffrey Nice", limit=50)
    assert "Uyghur Tribunal" in {r["neighbour"] for r in rows}
    chairs = [r for r in rows if r["link"] == "CHAIRS"]
    assert chairs and chairs[0]["neighbour"] == "Uyghur Tribunal" and chairs[0]["direction"] == "->"
    assert {r["direction"] for r in rows if r["link"] == "CO_MENTIONED"} == {"--"}
    assert non_increasing([r["weight"] for r in rows])
    assert all(r["type"] != "Document" and r["example"] for r in rows)


def test_neighbours_limit(run: Runner) -> None:
    assert len(run("neighbours", name="China", limit=3)) == 3


def test_co_mentioned_filters_by_label(run: Runner) -> None:
    rows = run("co-mentioned", name="China", label="Person", limit=5)
    assert rows and {r["type"] for r in rows} == {"Person"}
    assert "Xi Jinping" in {r["name"] for r in rows}
    assert non_increasing([r["sentences"] for r in rows])
    china = names_of(run, "China")
    assert all(any(form in r["example"].lower() for form in china) for r in rows)


def test_path_from_benedict_rogers_to_xi_jinping(run: Runner) -> None:
    rows = run("path", source="Benedict Rogers", target="Xi Jinping", max_hops=4)
    assert rows
    for row in rows:
        assert row["chain"][0] == "Benedict Rogers" and row["chain"][-1] == "Xi Jinping"
        assert len(row["links"]) == row["hops"] == len(row["chain"]) - 1 <= 4
    assert len({r["hops"] for r in rows}) == 1  # shortest only


def test_path_respects_max_hops(run: Runner) -> None:
    hops = run("path", source="Benedict Rogers", target="Xi Jinping")[0]["hops"]
    assert run("path", source="Benedict Rogers", target="Xi Jinping", max_hops=hops - 1) == []


def test_evidence_sentences_name_both(run: Runner) -> None:
    rows = run("evidence", a="China", b="Uyghur Tribunal")
    assert rows
    china, tribunal = names_of(run, "China"), names_of(run, "Uyghur Tribunal")
    for row in rows:
        text = row["sentence"].lower()
        assert any(f in text for f in china) and any(f in text for f in tribunal), row["sentence"]
        assert row["document"] and row["authors"] and "CO_MENTIONED" in row["links"]


def test_evidence_covers_typed_relation(run: Runner) -> None:
    rows = run("evidence", a="Uyghur Tribunal", b="Geoffrey Nice")
    assert any("CHAIRS" in r["links"] for r in rows)
    assert len({r["sentence"] for r in rows}) == len(rows)  # one row per sentence


def test_evidence_says_where_each_sentence_stands(run: Runner, seeds_store: Store) -> None:
    rows = run("evidence", a="China", b="Uyghur Tribunal")
    titles = dict(seeds_store.query("MATCH (d:Document) RETURN d.id, d.title").rows)
    for row in rows:
        assert titles[row["document_id"]] == row["document"]
        assert row["end_char"] - row["start_char"] == len(row["sentence"])
    starts = [(r["document_id"], r["start_char"]) for r in rows]
    assert len(set(starts)) == len(rows)


def test_mentions_of_lists_each_sentence_naming_the_entity(run: Runner, seeds_store: Store) -> None:
    rows = run("mentions-of", name="sir geoffrey nice qc", limit=1000)
    forms = names_of(run, "Geoffrey Nice")
    assert len({r["document_id"] for r in rows}) > 1
    assert {r["entity"] for r in rows} == {"Geoffrey Nice"}
    for row in rows:
        assert row["named_as"] and all(f.lower() in forms for f in row["named_as"])
        assert all(f in row["sentence"] for f in row["named_as"])
    [[named]] = seeds_store.query(
        "MATCH (s:Sentence)-[:HAS_MENTION]->(n:Person {id: 'Person:geoffrey-nice'}) "
        "RETURN count(DISTINCT s) AS n"
    ).rows
    assert len(rows) == named
    assert run("mentions-of", name="Geoffrey Nice", limit=2) == rows[:2]


def test_mentions_of_in_date_and_text_order(run_crafted: Runner) -> None:
    rows = run_crafted("mentions-of", name="uyghur muslims")
    assert [(r["date"], r["named_as"], r["sentence"]) for r in rows] == [
        ("1 Mar 2019", ["Uyghurs"], "China detained a million Uyghurs in camps."),
        ("1 Mar 2019", ["Uyghur Muslims"], "The CCP persecutes Uyghur Muslims."),
    ]
    assert [r["start_char"] for r in run_crafted("mentions-of", name="China")] == [0, 78, 32, 0]


def test_documents_mentioning_all_names(run: Runner, seeds_store: Store) -> None:
    both = run("documents-mentioning", names="china, UYGHUR TRIBUNAL")
    china = run("documents-mentioning", names=["China"])
    assert both and {r["id"] for r in both} < {r["id"] for r in china}
    for row in both:
        named = seeds_store.query(
            "MATCH (d:Document)-[:MENTIONS]->(n) WHERE d.id = $id RETURN n.name AS name",
            {"id": row["id"]},
        ).records()
        assert {"China", "Uyghur Tribunal"} <= {r["name"] for r in named}


def test_authors_with_documents_and_topics(run: Runner) -> None:
    rows = run("authors")
    first = rows[0]
    assert first["author"] == "Benedict Rogers" and first["documents"] == len(first["titles"]) >= 4
    assert 0 < len(first["writes_most_about"]) <= 5
    assert first["writes_most_about"][0].startswith("China (")
    assert non_increasing([r["documents"] for r in rows])


def test_top_actors_by_pagerank(run: Runner) -> None:
    rows = run("top-actors", label="state", limit=5)
    assert len(rows) == 5 and {r["type"] for r in rows} == {"State"}
    assert rows[0]["name"] == "China"
    assert non_increasing([r["pagerank"] for r in rows])
    everyone = run("top-actors", limit=50)
    assert len({r["type"] for r in everyone}) > 2


def test_relations_of_one_type(run: Runner) -> None:
    rows = run("relations", type="SANCTIONED")
    assert rows and {r["relation"] for r in rows} == {"SANCTIONED"}
    assert ("United Kingdom", "Tatmadaw") in {(r["source"], r["target"]) for r in rows}
    assert all("sanction" in r["evidence"].lower() and r["document"] for r in rows)


def test_relations_all_types(run: Runner) -> None:
    rows = run("relations", limit=500)
    assert {"SANCTIONED", "CHAIRS", "SUPPORTS"} <= {r["relation"] for r in rows}
    assert "CO_MENTIONED" not in {r["relation"] for r in rows}


def test_timeline_of_event_on_seeds(run: Runner) -> None:
    rows = run("timeline", name="Tiananmen Square massacre")
    assert rows[0] == {
        "date": "1989",
        "note": None,
        "kind": "event",
        "what": "Tiananmen Square massacre",
        "mentions": rows[0]["mentions"],
    }


def test_timeline_documents_on_seeds(run: Runner) -> None:
    rows = run("timeline", name="Myanmar")
    documents = run("documents-mentioning", names=["Myanmar"])
    assert {r["what"] for r in rows if r["kind"] == "document"} == {d["title"] for d in documents}


def test_timeline_in_date_order(run_crafted: Runner) -> None:
    rows = run_crafted("timeline", name="PRC")
    assert [(r["date"], r["kind"]) for r in rows] == [
        ("1989", "event"),
        ("2019-03-01", "document"),
        ("2020-01-10", "document"),
        ("2021-06-15", "document"),
    ]
    assert rows[0]["what"] == "Tiananmen Square massacre"


def test_bridges_rank_by_betweenness(run: Runner) -> None:
    rows = run("bridges", limit=10)
    assert len(rows) == 10
    assert non_increasing([r["betweenness"] for r in rows])
    assert all(r["communities_reached"] >= 1 and r["outside_links"] >= 1 for r in rows)
    assert {"China", "United Kingdom"} & {r["name"] for r in rows[:3]}


def test_state_actions(run: Runner) -> None:
    uk = run("state-actions", state="UK")
    assert ("SANCTIONED", "Tatmadaw") in {(r["action"], r["target"]) for r in uk}
    assert {r["state"] for r in uk} == {"United Kingdom"}
    china = run("state-actions", state="china")
    assert ("SUPPORTS", "Tatmadaw") in {(r["action"], r["target"]) for r in china}
    assert run("state-actions", state="Geoffrey Nice") == []  # not a state


# --- the analyst's extras ------------------------------------------------------------------


def test_accused_on_seeds(run: Runner) -> None:
    rows = run("accused")
    assert ("Slobodan Milosevic", "PROSECUTED", "Geoffrey Nice") in {
        (r["accused"], r["charge"], r["by"]) for r in rows
    }
    assert {r["charge"] for r in rows} <= {"ACCUSED_OF", "CONDEMNED", "PROSECUTED"}


def test_accused_filtered_by_name(run_crafted: Runner) -> None:
    rows = run_crafted("accused", name="prc")
    assert [(r["accused"], r["charge"], r["by"]) for r in rows] == [
        ("China", "ACCUSED_OF", "Uyghur Tribunal")
    ]
    assert rows[0]["evidence"] == "The Uyghur Tribunal accused China of genocide."
    assert rows[0]["document"] == "Tribunal finds genocide"


def test_sanctions_on_tatmadaw(run: Runner) -> None:
    rows = run("sanctions", name="tatmadaw")
    assert {"United Kingdom", "United States"} <= {r["sanctioned_by"] for r in rows}
    assert {r["target"] for r in rows} == {"Tatmadaw"}


def test_groups_persecuted(run: Runner, run_crafted: Runner) -> None:
    rows = run("groups-persecuted")
    assert "Chinese Communist Party" in next(r["by"] for r in rows if r["target"] == "Uyghurs")
    [crafted] = run_crafted("groups-persecuted")
    assert crafted["target"] == "Uyghurs" and crafted["sentences"] == 2
    assert sorted(crafted["acts"]) == ["DETAINED", "PERSECUTED"]
    assert sorted(crafted["by"]) == ["China", "Chinese Communist Party"]


def test_organisation_members(run: Runner) -> None:
    rows = run("organisation-members", name="Hong Kong Watch")
    rogers = next(r for r in rows if r["member"] == "Benedict Rogers")
    assert "CO_FOUNDED" in rogers["roles"] and rogers["type"] == "Person"


def test_strongest_links(run: Runner, seeds_store: Store) -> None:
    rows = run("strongest-links", limit=5)
    assert non_increasing([r["weight"] for r in rows])
    [top] = seeds_store.query("MATCH ()-[r:CO_MENTIONED]->() RETURN max(r.weight) AS w").rows
    assert rows[0]["weight"] == top[0]
    typed = run("strongest-links", type="leads", limit=3)
    assert typed and {r["link"] for r in typed} == {"LEADS"}


def test_document_entities(run: Runner) -> None:
    rows = run("document", title="SLAVE LABOUR", limit=10)
    assert rows and {r["authors"][0] for r in rows} == {"Nus Ghani"}
    assert "Uyghurs" in {r["entity"] for r in rows}
    assert non_increasing([r["mentions"] for r in rows])


def test_communities(run: Runner, seeds_store: Store) -> None:
    rows = run("communities", limit=100, members=3)
    assert non_increasing([r["size"] for r in rows])
    [[entities]] = seeds_store.query(
        "MATCH (n) WHERE n.community IS NOT NULL RETURN count(n) AS c"
    ).rows
    assert sum(r["size"] for r in rows) == entities
    assert all(len(r["leading_members"]) == min(3, r["size"]) for r in rows)
    assert rows[0]["leading_members"][0] == "China"  # the strongest entity leads its community


def test_tribunals(run: Runner) -> None:
    rows = {r["tribunal"]: r for r in run("tribunals")}
    assert rows["Uyghur Tribunal"]["chaired_by"] == ["Geoffrey Nice"]
    assert "International Criminal Court" in rows


def test_positions(run: Runner) -> None:
    rows = run("positions", name="Tatmadaw")
    assert ("China", "SUPPORTS", "Tatmadaw") in {
        (r["actor"], r["stance"], r["towards"]) for r in rows
    }
    towards = run("positions", name="China")
    assert ("China", "SUPPORTS", "Tatmadaw") in {
        (r["actor"], r["stance"], r["towards"]) for r in towards
    }


def test_legislation(run: Runner, run_crafted: Runner) -> None:
    rows = {r["bill"]: r for r in run("legislation")}
    assert "Trade Bill" in rows and len(rows["Trade Bill"]["named_with"]) <= 5
    [crafted] = run_crafted("legislation")
    assert sorted(crafted["actions"]) == ["OPPOSES: China", "PROPOSED: United Kingdom"]


def test_sentences_about_any_case_with_entities(run: Runner) -> None:
    rows = run("sentences-about", text="ORGAN HARVESTING", limit=50)
    assert rows and all("organ harvesting" in r["sentence"].lower() for r in rows)
    assert any("China Tribunal" in r["entities"] for r in rows)
    assert all(r["entities"] == sorted(r["entities"]) and r["document"] for r in rows)
    assert len(run("sentences-about", text="organ harvesting", limit=2)) == 2


def test_every_query_is_tested() -> None:
    tested = {
        name.removeprefix("test_").split("_")[0] for name in globals() if name.startswith("test_")
    }
    for query in load_library():
        assert query.split("-")[0] in tested, f"no test for query {query}"


# --- the commands ----------------------------------------------------------------------


def cli(store: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main([*argv, "--store", str(store)])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_queries_lists_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    for name in load_library():
        assert f"\n{name}\n" in f"\n{out}"
    assert "--param max_hops=<int> (default: 4)" in out


def test_cli_queries_show_dialect(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queries", "--show", "path", "--dialect", "ladybug"]) == 0
    assert "SHORTEST" in capsys.readouterr().out


def test_cli_query_table(seeds_store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(
        seeds_store_path, "query", "neighbours", "--param", "name=Geoffrey Nice", capsys=capsys
    )
    assert status == 0
    header, rule, *rows = out.splitlines()
    assert header.split() == [
        "entity",
        "link",
        "direction",
        "neighbour",
        "type",
        "weight",
        "example",
    ]
    assert set(rule) == {"-", " "} and rows[-1].endswith("rows)")
    assert any("Uyghur Tribunal" in row for row in rows)


def test_cli_query_json(seeds_store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(
        seeds_store_path,
        "query", "path", "--param", "source=Benedict Rogers", "--param", "target=Xi Jinping",
        "--format", "json", capsys=capsys,
    )  # fmt: skip
    assert status == 0
    records = json.loads(out)
    assert records and records[0]["chain"][-1] == "Xi Jinping"


def test_cli_query_csv(seeds_store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(
        seeds_store_path,
        "query", "evidence", "--param", "a=China", "--param", "b=Uyghur Tribunal",
        "--format", "csv", capsys=capsys,
    )  # fmt: skip
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("tribunal" in r["sentence"].lower() for r in rows)
    assert list(rows[0]) == [
        "date", "document", "authors", "links", "sentence", "document_id", "start_char", "end_char"
    ]  # fmt: skip


def test_cli_query_missing_parameter(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = cli(
        seeds_store_path, "query", "path", "--param", "source=China", capsys=capsys
    )
    assert status == 2
    assert "missing parameter 'target'" in err


def test_cli_query_mistyped_parameter(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = cli(
        seeds_store_path, "query", "top-actors", "--param", "limit=lots", capsys=capsys
    )
    assert status == 2
    assert "parameter 'limit' must be an integer" in err


def test_cli_cypher_with_parameter(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = cli(
        seeds_store_path,
        "cypher",
        "MATCH (p:Person)-[:WROTE]->(d:Document) WHERE p.name = $who RETURN count(d) AS n",
        "--param", "who=Benedict Rogers", "--format", "json", capsys=capsys,
    )  # fmt: skip
    assert status == 0
    assert json.loads(out)[0]["n"] >= 4


@pytest.mark.parametrize(
    ("statement", "word"),
    [
        ("CREATE (n:Person {id: 'Person:x', name: 'X'})", "CREATE"),
        ("MATCH (n:State) SET n.name = 'Nowhere'", "SET"),
        ("MATCH (n) DETACH DELETE n", "DETACH"),
        ("MERGE (n:Person {id: 'Person:x'})", "MERGE"),
        ("MATCH (n) REMOVE n.note", "REMOVE"),
        ("DROP TABLE Person", "DROP"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
        ("CALL db.labels()", "CALL"),
    ],
)
def test_cli_cypher_refuses_writes(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], statement: str, word: str
) -> None:
    status, out, err = cli(seeds_store_path, "cypher", statement, capsys=capsys)
    assert status == 2 and out == ""
    assert f"refused: the statement uses {word}" in err


def test_store_refuses_writes_itself(seeds_store: Store) -> None:
    """Behind the pre-check, the store opened read-only refuses a write on its own."""
    with pytest.raises(ReadOnlyError):
        seeds_store.query("CREATE (n:Person {id: 'Person:x', name: 'X'})", read_only=True)
    [[count]] = seeds_store.query("MATCH (n:Person {id: 'Person:x'}) RETURN count(n) AS c").rows
    assert count == 0


def test_cli_query_html(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "nice.html"
    status, _, err = cli(
        seeds_store_path,
        "query", "neighbours", "--param", "name=Geoffrey Nice", "--html", str(out_file),
        capsys=capsys,
    )  # fmt: skip
    assert status == 0 and "wrote" in err
    page = out_file.read_text("utf-8")
    assert "Uyghur Tribunal" in page and "Geoffrey Nice" in page
    assert "Tatmadaw" not in page  # only what the result names


def test_cli_cypher_html_of_documents(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "docs.html"
    status, _, _ = cli(
        seeds_store_path,
        "query", "documents-mentioning", "--param", "names=Uyghur Tribunal",
        "--html", str(out_file), capsys=capsys,
    )  # fmt: skip
    assert status == 0
    assert "Uyghur Tribunal" in out_file.read_text("utf-8")
