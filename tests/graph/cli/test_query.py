"""`query`, `cypher`, `queries` and `stats` on the real embedded store built from the seeds:
what reaches the terminal, bad numbers, closed pipes, damaged stores, names that match
nothing, and the Neo4j spellings the embedded store takes."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.graph.cli import BROKEN_PIPE, main
from actorgraph.graph.cli.output import format_result, terminal_safe
from actorgraph.graph.stores.base import QueryResult
from actorgraph.graph.stores.ladybug import DATABASE_FILE

HOSTILE = "a\u202eb\u2066c\x1b[31md\x07e\x9bf"


def run(store: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main([*argv, "--store", str(store)])
    out, err = capsys.readouterr()
    return status, out, err


COMMAND = str(Path(sys.executable).with_name("actorgraph"))  # the installed console script


def actorgraph(*argv: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, as a shell runs it."""
    return subprocess.run(
        [COMMAND, *argv],
        capture_output=True,
        text=True,
        timeout=300,
    )


# --- what reaches the terminal -------------------------------------------------------------


def test_query_table_escapes_controls_and_bidi(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = "RETURN 'a\\u202eb\\u2066c\\u001b[31md\\u0007e' AS `x\\u202e`"
    status, out, _ = run(seeds_store_path, "cypher", statement, capsys=capsys)
    assert status == 0
    assert "a\\u202eb\\u2066c\\u001b[31md\\u0007e" in out
    assert not any(char in out for char in "\u202e\u2066\x1b\x07")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (HOSTILE, "a\\u202eb\\u2066c\\u001b[31md\\u0007e\\u009bf"),
        ("\u200fRLM \u061cALM \u2069PDI \x7fDEL", "\\u200fRLM \\u061cALM \\u2069PDI \\u007fDEL"),
        ("Uyghur Tribunal — 习近平 Владимир", "Uyghur Tribunal — 习近平 Владимир"),
    ],
)
def test_query_terminal_safe(text: str, shown: str) -> None:
    assert terminal_safe(text) == shown


def test_query_csv_and_json_keep_values(capsys: pytest.CaptureFixture[str]) -> None:
    result = QueryResult(["text"], [[HOSTILE]])
    assert json.loads(format_result(result, "json")) == [{"text": HOSTILE}]
    assert list(csv.reader(io.StringIO(format_result(result, "csv")))) == [["text"], [HOSTILE]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(), min_size=2, max_size=2), max_size=5))
def test_query_csv_reads_back_for_any_text(rows: list[list[str]]) -> None:
    """A lone "\\r" used to go out unquoted, and the file no longer read back."""
    rows = [[value.replace("\x00", "") for value in row] for row in rows]  # csv cannot hold NUL
    out = format_result(QueryResult(["a", "b"], rows), "csv")
    assert list(csv.reader(io.StringIO(out, newline=""))) == [["a", "b"], *rows]


# --- numbers the database cannot take ----------------------------------------------------------


@pytest.mark.parametrize("limit", ["-1", "99999999999999999999", "1000001"])
def test_query_limit_out_of_range_named(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    status, out, err = run(
        seeds_store_path, "query", "neighbours", "--param", "name=China",
        "--param", f"limit={limit}", capsys=capsys,
    )  # fmt: skip
    assert status == 2 and out == ""
    assert "parameter 'limit' must be between 0 and 1,000,000 (a number of rows)" in err


def test_query_cypher_limit_and_huge_integers_named(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        seeds_store_path, "cypher", "MATCH (n) RETURN n.name AS n LIMIT $k", "--param", "k=-1",
        capsys=capsys,
    )  # fmt: skip
    assert status == 2 and "parameter 'k' must be between 0 and 1,000,000" in err
    status, _, err = run(
        seeds_store_path, "cypher", "RETURN $big AS b", "--param", f"big={2**70}", capsys=capsys
    )
    assert status == 2 and "parameter 'big' must be between" in err


@pytest.mark.parametrize("width", ["-5", "wide"])
def test_query_max_width_checked(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], width: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["query", "authors", "--max-width", width, "--store", str(seeds_store_path)])
    assert exit_info.value.code == 2
    assert "argument --max-width" in capsys.readouterr().err


# --- a closed pipe, a damaged store -----------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["stats"], ["query", "top-actors"], ["cypher", "MATCH (n) RETURN n.name AS name"], ["schema"]],
)
def test_query_closed_pipe_exits_quietly(seeds_store_path: Path, argv: list[str]) -> None:
    """`actorgraph stats | head`: the reader is gone before the command writes."""
    process = subprocess.Popen(
        [COMMAND, *argv, "--store", str(seeds_store_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=300) == BROKEN_PIPE
    assert err == ""


@pytest.mark.parametrize("offset", [0, 4096, 65536])
def test_query_damaged_store_says_so(seeds_store_path: Path, tmp_path: Path, offset: int) -> None:
    store = tmp_path / "store"
    shutil.copytree(seeds_store_path, store)
    with open(store / DATABASE_FILE, "r+b") as database:
        database.seek(offset)
        database.write(b"\xff" * 65536)
    damaged = 0
    for argv in (["stats"], ["query", "top-actors"], ["schema"]):
        done = actorgraph(*argv, "--store", str(store))
        assert "Traceback" not in done.stderr, done.stderr
        if done.returncode:
            assert done.returncode == 2
            [line] = done.stderr.splitlines()
            assert "store damaged" in line and f"--store {store}" in line
            damaged += 1
    assert damaged, "the damage was never met: write it somewhere else"


# --- a name that matches no entity -------------------------------------------------------------


def test_query_unknown_name_suggests_nearest(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        seeds_store_path, "query", "neighbours", "--param", "name=Chna", capsys=capsys
    )
    assert status == 0 and out.rstrip().endswith("(0 rows)")
    assert err.strip() == "no entity named 'Chna'; did you mean: China?"


def test_query_unknown_name_in_a_list(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        seeds_store_path, "query", "documents-mentioning", "--param", "names=china,Uyghr Tribunal",
        capsys=capsys,
    )  # fmt: skip
    assert status == 0
    assert err.startswith("no entity named 'Uyghr Tribunal'; did you mean: Uyghur Tribunal")
    assert "'china'" not in err  # an alias in another case is a known name


def test_query_unknown_name_without_near_names(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        seeds_store_path, "query", "entity", "--param", "name=Zzyzx Qwv", capsys=capsys
    )
    assert status == 0 and err.strip() == "no entity named 'Zzyzx Qwv'"


def test_query_known_name_no_note(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        seeds_store_path, "query", "neighbours", "--param", "name=BURMA", "--param", "limit=2",
        capsys=capsys,
    )  # fmt: skip
    assert status == 0 and "(2 rows)" in out and err == ""


# --- the Neo4j spellings on the embedded store ------------------------------------------------


@pytest.mark.parametrize(
    ("neo4j", "ladybug"),
    [
        (
            "MATCH (a)-[r]->(b) RETURN type(r) AS t, count(*) AS c ORDER BY c DESC, t",
            "MATCH (a)-[r]->(b) RETURN label(r) AS t, count(*) AS c ORDER BY c DESC, t",
        ),
        (
            "MATCH (g:Group) RETURN g.name AS name, labels(g) AS l, labels(g)[0] AS k "
            "ORDER BY name",
            "MATCH (g:`Group`) RETURN g.name AS name, [label(g)] AS l, label(g) AS k ORDER BY name",
        ),
        (
            "MATCH (n {name: 'China'})--(m) WHERE NOT m:Document RETURN DISTINCT m.name AS m "
            "ORDER BY m",
            "MATCH (n {name: 'China'})--(m) WHERE label(m) <> 'Document' RETURN DISTINCT "
            "m.name AS m ORDER BY m",
        ),
    ],
)
def test_query_cypher_takes_neo4j_spellings(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], neo4j: str, ladybug: str
) -> None:
    answers = []
    for statement in (neo4j, ladybug):
        status, out, err = run(seeds_store_path, "cypher", statement, "-f", "json", capsys=capsys)
        assert status == 0, err
        answers.append(json.loads(out))
    assert answers[0] and answers[0] == answers[1]


@pytest.mark.parametrize(
    ("statement", "advice"),
    [
        ("MATCH (n:Person) RETURN head(n.aliases) AS a", "list_extract(list, 1)"),
        ("MATCH (n:Person) RETURN toString(n.mentions) AS m", "to_string(x)"),
        ("MATCH (n:Person) RETURN [x IN n.aliases | x] AS a", "list_transform"),
        ("MATCH (n:Person) RETURN 1 AS group", "back-quote"),
    ],
)
def test_query_cypher_error_hints_embedded_spelling(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], statement: str, advice: str
) -> None:
    status, _, err = run(seeds_store_path, "cypher", statement, capsys=capsys)
    assert status == 2
    assert "hint:" in err and advice in err


@pytest.mark.parametrize(
    ("store", "expected", "absent"),
    [("{seeds}", "label(r)", "type(r)"), ("bolt://localhost:7687", "type(r)", "label(r)")],
)
def test_query_queries_show_for_the_store_in_use(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str], store: str, expected: str,
    absent: str,
) -> None:  # fmt: skip
    location = store.format(seeds=seeds_store_path)
    assert main(["queries", "--show", "neighbours", "--store", location]) == 0
    out = capsys.readouterr().out
    assert expected in out and absent not in out


def test_query_queries_show_default_store_is_embedded(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ACTORGRAPH_STORE", raising=False)
    assert main(["queries", "--show", "neighbours"]) == 0
    assert "label(r)" in capsys.readouterr().out
    monkeypatch.setenv("ACTORGRAPH_STORE", "neo4j://db.example:7687")
    assert main(["queries", "--show", "neighbours"]) == 0
    assert "type(r)" in capsys.readouterr().out
