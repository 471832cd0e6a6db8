"""The Cypher tokenizer and the read-only guard: unit cases, hypothesis fuzzing of every
forbidden command, and the real embedded store, where a refused COPY writes no file.

The fuzz runs a modest number of examples in the suite; for a larger run:
``ACTORGRAPH_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/graph/test_cypher.py -k fuzz``.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from pathlib import Path

import ladybug
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph.graph.cli import main
from actorgraph.graph.cypher import GuardError, check_read_only, mask_literals, tokenize
from actorgraph.graph.stores.base import ReadOnlyError
from actorgraph.graph.stores.ladybug import DATABASE_FILE, LadybugStore

FUZZ_EXAMPLES = int(os.environ.get("ACTORGRAPH_FUZZ_EXAMPLES", "1000"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Every character LadybugDB's lexer skips as white space, and every other control,
# format and space character (the guard treats them all as white space).
SPACES = [
    chr(cp)
    for cp in range(sys.maxunicode + 1)
    if unicodedata.category(chr(cp)) in {"Cc", "Cf", "Zs", "Zl", "Zp"}
]

# The forbidden commands, one token per space-separated part (string literals hold no
# space), so that the fuzz can put any separator between any two tokens.
FORBIDDEN = [
    "COPY ( MATCH ( n ) RETURN n.name ) TO '/tmp/out.csv'",
    "COPY Person FROM '/tmp/people.csv'",
    "LOAD FROM '/etc/shadow' RETURN *",
    "LOAD WITH HEADERS ( a STRING ) FROM '/etc/passwd' RETURN *",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "LOAD EXTENSION httpfs",
    "INSTALL httpfs",
    "UNINSTALL httpfs",
    "ATTACH '/tmp/other.lbdb' AS other ( dbtype lbug )",
    "DETACH other",
    "USE other",
    "EXPORT DATABASE '/tmp/dump'",
    "IMPORT DATABASE '/tmp/dump'",
    "CREATE ( n : Person { id : 'x' } )",
    "CREATE MACRO m ( x ) AS x",
    "MERGE ( n : Person { id : 'x' } )",
    "INSERT ( n : Person { id : 'x' } )",
    "MATCH ( n ) SET n.name = 'x'",
    "MATCH ( n ) DELETE n",
    "MATCH ( n ) DETACH DELETE n",
    "MATCH ( n ) REMOVE n.name",
    "MATCH ( n ) FOREACH ( x IN [ 1 ] | SET n.a = x )",
    "DROP TABLE Person",
    "ALTER TABLE Person ADD x STRING",
    "CALL read_csv ( '/etc/passwd' ) RETURN *",
    "CALL file_info ( '/etc/passwd' ) RETURN *",
    "CALL project_graph ( 'g' , [ 'Person' ] , [ 'WROTE' ] )",
    "CALL threads = 1",
    "CALL db.labels ( )",
    "CALL apoc.export.csv.all ( '/tmp/x.csv' , { } )",
    "RETURN apoc.load.json ( 'file:///etc/passwd' ) AS x",
    "RETURN `apoc`.`load`.`json` ( 'file:///etc/passwd' ) AS x",
    "MATCH ( n ) RETURN nextval ( 'seq' ) AS v",
    "BEGIN TRANSACTION",
    "CHECKPOINT",
    "COMMENT ON TABLE Person IS 'x'",
    "GRANT ALL ON DATABASE * TO alice",
]
# Where a forbidden command may be put: alone, behind a prefix, in a subquery, after UNION.
WRAPPERS = [
    "{}",
    "EXPLAIN {}",
    "PROFILE {}",
    "MATCH ( m ) RETURN m UNION {}",
    "MATCH ( m ) RETURN m UNION ALL {}",
    "MATCH ( m ) CALL {{ {} }} RETURN m",
    "CALL {{ CALL {{ {} }} }} RETURN 1",
    "MATCH ( m ) WHERE EXISTS {{ {} }} RETURN m",
    "MATCH ( m ) WITH m {}",
    "MATCH ( m ) WHERE m.name = 'COPY' WITH m {}",
]


def literal(quote: str, text: str) -> str:
    """A well-formed literal holding ``text`` (escaped as both databases read it)."""
    if quote == "`":
        return "`" + text.replace("`", "``") + "`"
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


text = st.lists(
    st.sampled_from([*"abc '\"`\\/*\n\r;{}()\ufeff", "COPY", "DELETE", "*/", "//"]),
    max_size=12,
).map("".join)
decoys = st.one_of(
    st.builds(literal, st.sampled_from("'\"`"), text),
    text.filter(lambda t: "*/" not in t).map(lambda t: f"/*{t}*/"),
    text.map(lambda t: "//" + t.replace("\n", "").replace("\r", "") + "\n"),
)


def fullwidth(word: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in word)


@st.composite
def disguised(draw: st.DrawFn, statement: str) -> str:
    """``statement`` with random case, compatibility letters and any white space, format
    characters, comments and literals between its tokens (a literal never just before
    "(", where it would stop a function call being one)."""
    rnd = draw(st.randoms(use_true_random=False))
    literals = draw(st.lists(decoys, max_size=4))
    out = ["".join(rnd.choices(SPACES, k=rnd.randint(0, 3)))]
    tokens = statement.split(" ")
    for token, after in zip(tokens, [*tokens[1:], ""], strict=True):
        if token[0] not in "'`":
            token = "".join(rnd.choice((c.upper(), c.lower())) for c in token)
        if token[0].isalpha() and rnd.random() < 0.1:
            token = fullwidth(token)
        out.append(token)
        out.append("".join(rnd.choices(SPACES, k=rnd.randint(1, 3))))
        if literals and rnd.random() < 0.3 and (after != "(" or literals[-1].startswith("/")):
            out.append(f" {literals.pop()} ")
    return "".join(out)


forbidden_statements = st.builds(
    str.format, st.sampled_from(WRAPPERS), st.sampled_from(FORBIDDEN)
).flatmap(disguised)


@FUZZ
@given(forbidden_statements)
def test_cypher_fuzz_no_forbidden_command_gets_through(statement: str) -> None:
    with pytest.raises(GuardError, match="refused"):
        check_read_only(statement)


@FUZZ
@given(
    st.sampled_from(
        [
            "MATCH ( n ) WHERE n.name = {} RETURN n.name AS name",
            "MATCH ( n : Person ) RETURN n.name AS name , {} AS note ORDER BY name LIMIT 3",
            "CALL {{ MATCH ( n ) RETURN n }} RETURN count ( n ) AS c , {} AS note",
        ]
    ).flatmap(lambda t: decoys.filter(lambda d: not d.startswith("`")).map(t.format)),
)
def test_cypher_fuzz_reads_with_keywords_in_literals_pass(statement: str) -> None:
    """Keywords and quotes inside literals and comments never trigger the guard."""
    check_read_only(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (n) WHERE n.name = 'COPY' RETURN n",
        "MATCH (n) RETURN n.id AS start ORDER BY start",
        "MATCH (n) RETURN n {.name, set: 1} AS m",
        "MATCH (`copy`) RETURN `copy` AS `delete`",
        "MATCH (n) WHERE EXISTS { (n)-->(m) } AND COUNT { MATCH (n)--() } > 1 RETURN n",
        "CALL (n) { MATCH (n) RETURN n } RETURN n",
        "MATCH (n) RETURN n AS x UNION ALL MATCH (m) RETURN m AS x",
        "CALL show_tables() RETURN *",
        "EXPLAIN MATCH (n) RETURN toUpper(n.name) AS u, count(*) AS c",
        "MATCH (n) // a comment with DELETE\r\nRETURN n",
        "MATCH p = (a)-[* SHORTEST 1..8]-(b) RETURN list_transform(rels(p), x -> label(x)) AS l",
        "RETURN '\\'' AS x /* COPY */",
    ],
)
def test_cypher_reads_pass(statement: str) -> None:
    check_read_only(statement)


@pytest.mark.parametrize(
    ("statement", "what"),
    [
        ("\ufeffCOPY (MATCH (n) RETURN n) TO '/tmp/x.csv'", "COPY"),
        ("\u180eCOPY (MATCH (n) RETURN n) TO '/tmp/x.csv'", "COPY"),
        ("LOAD FROM '/etc/shadow' RETURN *", "LOAD"),
        ("MATCH (n) RETURN n UNION COPY (RETURN 1) TO 'x'", "COPY"),
        ("MATCH (n) CALL { COPY (RETURN 1) TO 'x' } RETURN n", "COPY"),
        (fullwidth("COPY") + " (RETURN 1) TO 'x.csv'", fullwidth("COPY")),
        ("CALL read_csv('/etc/passwd') RETURN *", "CALL of read_csv"),
        ("CALL threads=4", "CALL of threads"),
        ("RETURN apoc.load.json('x') AS x", "the function apoc.load.json"),
        ("MATCH (n) RETURN n.as COPY", "COPY"),
        ("MATCH (n) RETURN nextval('s') AS v", "the function nextval"),
        ("(n) RETURN n", "'('"),
    ],
)
def test_cypher_forbidden_refused(statement: str, what: str) -> None:
    with pytest.raises(GuardError, match=f"uses {re.escape(what)} "):
        check_read_only(statement)


@pytest.mark.parametrize("statement", ["RETURN 'open", "RETURN 1 /* open", "RETURN `open"])
def test_cypher_unterminated_refused(statement: str) -> None:
    with pytest.raises(GuardError, match="never ends"):
        check_read_only(statement)


def test_cypher_tokens_keep_literals_and_names_whole() -> None:
    tokens = tokenize("MATCH (n:`Gr``oup`) WHERE n.x = 'a\\'b' AND n.y = $`p q` RETURN 1.5e3")
    kinds = [(t.kind, t.text) for t in tokens if t.kind != "punct"]
    assert kinds == [
        ("word", "MATCH"), ("word", "n"), ("name", "Gr`oup"), ("word", "WHERE"), ("word", "n"),
        ("word", "x"), ("string", "a\\'b"), ("word", "AND"), ("word", "n"), ("word", "y"),
        ("param", "p q"), ("word", "RETURN"), ("number", "1.5e3"),
    ]  # fmt: skip


def test_cypher_mask_keeps_positions() -> None:
    statement = "MATCH (n) // DELETE\nWHERE n.a = 'SET' RETURN n"
    masked = mask_literals(statement)
    assert len(masked) == len(statement) and masked.count("\n") == 1
    assert "DELETE" not in masked and "SET" not in masked and masked.index("WHERE") == 20


# --- the real embedded store ---------------------------------------------------------------

FILE_WRITES = [
    "{prefix}COPY (MATCH (n:Person) RETURN n.id) TO '{out}'",
    "{prefix}copy/* a comment */(RETURN 1 AS x)TO '{out}'",
    "{prefix}// a comment\nCOPY (RETURN 1 AS x) TO '{out}'",
]
PREFIXES = ["", "\ufeff", "\u180e", "\u2028", "\x1c", "\u200b\u3000"]


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    LadybugStore(path).close()  # the schema's tables, no rows
    return path


def test_cypher_copy_to_writes_a_file_without_the_guard(empty_store: Path, tmp_path: Path) -> None:
    """The danger is real: LadybugDB opened read-only runs COPY ... TO behind a BOM."""
    out = tmp_path / "leak.csv"
    database = ladybug.Database(str(empty_store / DATABASE_FILE), read_only=True)
    connection = ladybug.Connection(database)
    try:
        connection.execute(FILE_WRITES[0].format(prefix="\ufeff", out=out))
    finally:
        connection.close()
        database.close()
    assert out.exists()


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("template", FILE_WRITES)
def test_cypher_refused_copy_writes_no_file(
    empty_store: Path, tmp_path: Path, template: str, prefix: str
) -> None:
    out = tmp_path / "leak.csv"
    statement = template.format(prefix=prefix, out=out)
    with LadybugStore(empty_store, read_only=True) as store, pytest.raises(ReadOnlyError):
        store.query(statement, read_only=True)
    assert not out.exists()


@pytest.mark.parametrize("prefix", PREFIXES[:3])
def test_cypher_command_refuses_copy_and_load(
    seeds_store_path: Path, tmp_path: Path, prefix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "leak.csv"
    for statement in (
        FILE_WRITES[0].format(prefix=prefix, out=out),
        f"{prefix}LOAD FROM '/etc/passwd' (file_format='csv') RETURN *",
    ):
        status = main(["cypher", statement, "--store", str(seeds_store_path)])
        captured = capsys.readouterr()
        assert status == 2 and captured.out == ""
        assert "refused: the statement uses" in captured.err
    assert not out.exists()
