"""The query library: headers, parameter checks and coercion, dialect variants, read-only guard."""

from __future__ import annotations

import re

import pytest

from actorgraph.graph.querylib import (
    NamedQuery,
    Param,
    QueryError,
    QueryLibraryError,
    WriteRefused,
    check_read_only,
    coerce,
    get_query,
    load_library,
    mask_literals,
    parse_assignments,
    parse_param,
    parse_query,
    prepare_statement,
    statement_parameters,
)
from actorgraph.graph.stores.dialect import translate

REQUIRED = {
    "entity": ["name"],
    "neighbours": ["name", "limit"],
    "co-mentioned": ["name", "label", "limit"],
    "path": ["source", "target", "max_hops"],
    "evidence": ["a", "b"],
    "documents-mentioning": ["names"],
    "authors": [],
    "top-actors": ["label", "limit"],
    "relations": ["type", "limit"],
    "timeline": ["name"],
    "bridges": ["limit"],
    "state-actions": ["state"],
}

SAMPLE = """\
// name: sample
// description: A sample query.
// param: name string -- a name or alias
// param: limit int = 25
// param: kinds list = "Person,State"
MATCH (n) WHERE n.name = $name
RETURN n.name AS name, $kinds AS kinds
LIMIT $limit
"""


def test_querylib_header_parsed() -> None:
    query = parse_query("sample", SAMPLE)
    assert query.name == "sample"
    assert query.description == "A sample query."
    assert [(p.name, p.type) for p in query.params] == [
        ("name", "string"),
        ("limit", "int"),
        ("kinds", "list"),
    ]
    assert query.params[0].required and query.params[0].help == "a name or alias"
    assert query.params[1].default == 25
    assert query.params[2].default == ["Person", "State"]
    assert query.text.startswith("MATCH (n)") and "// name" not in query.text


def test_querylib_variant_chosen_by_dialect() -> None:
    variant = (
        "// why it differs\n"
        "MATCH (n) WHERE n.name = $name RETURN label(n) AS t, $kinds AS k LIMIT $limit"
    )
    query = parse_query("sample", SAMPLE, {"ladybug": variant})
    assert query.text_for("ladybug").startswith("MATCH (n) WHERE") and "label(n)" in query.text_for(
        "ladybug"
    )
    assert query.text_for("neo4j") == query.text
    with pytest.raises(QueryError, match="unknown Cypher dialect"):
        query.text_for("sqlite")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SAMPLE.replace("// name: sample", "// name: other"), "must be named after it"),
        (SAMPLE.replace("// description: A sample query.\n", ""), "no '// description:'"),
        (SAMPLE.replace("LIMIT $limit", "LIMIT $top"), r"used but not declared: \['top'\]"),
        (SAMPLE.replace("$kinds AS kinds", "1 AS kinds"), r"declared but not used: \['kinds'\]"),
        (SAMPLE.replace("// param: limit int = 25", "// param: limit integer"), "unknown type"),
        (SAMPLE.replace("// param: limit int = 25", "// param: limit int = many"), "bad default"),
        (SAMPLE.replace("RETURN", "SET n.seen = true RETURN"), "uses SET"),
        (
            SAMPLE.replace("// param: limit int = 25", "// param: limit int\n// param: limit int"),
            "declared twice",
        ),
        ("// name: sample\n// description: d\n", "has no statement"),
    ],
)
def test_querylib_malformed_query_fails_at_load(text: str, message: str) -> None:
    with pytest.raises(QueryLibraryError, match=message):
        parse_query("sample", text)


def test_querylib_variant_parameters_checked() -> None:
    with pytest.raises(QueryLibraryError, match=r"sample \(ladybug\).*\['limit'\]"):
        parse_query("sample", SAMPLE, {"ladybug": "MATCH (n) WHERE n.name = $name RETURN $kinds"})


def test_querylib_parameters_in_literals_and_comments_ignored() -> None:
    statement = (
        "MATCH (n) // $commented\nWHERE n.name = '$quoted' AND n.id = $id /* $block */ RETURN n"
    )
    assert statement_parameters(statement) == {"id"}


def test_querylib_library_has_required_queries() -> None:
    library = load_library()
    assert len(library) >= 15
    for name, params in REQUIRED.items():
        declared = [p.name for p in library[name].params]
        assert declared[: len(params)] == params, name
        assert all(not p.required for p in library[name].params[len(params) :]), name


NEO4J_ONLY = re.compile(
    r"\blabels\(|\btype\(|startNode\(|endNode\(|shortestPath|allShortestPaths"
    r"|\[0\]|\[\w+ IN \S+ \||toString\(|\[0\.\."
)
LADYBUG_ONLY = re.compile(
    r"\blabel\(|\bSHORTEST\b|list_transform|list_slice|struct_extract|\brels\("
)


@pytest.mark.parametrize("name", sorted(load_library()))
def test_querylib_dialect_forms_keep_to_their_dialect(name: str) -> None:
    """The Neo4j form uses no LadybugDB-only syntax; what the embedded store runs (a
    variant, or the Neo4j form rewritten by graph.stores.dialect) uses no Neo4j-only
    syntax; a variant says more than the rewrite does."""
    query = load_library()[name]
    assert not LADYBUG_ONLY.search(query.text)
    assert not NEO4J_ONLY.search(query.text_for("ladybug"))
    if "ladybug" in query.variants:
        assert query.variants["ladybug"] != translate(query.text, "ladybug")


@pytest.mark.parametrize("name", sorted(load_library()))
def test_querylib_every_column_named(name: str) -> None:
    """Both dialects name columns differently unless aliased, so every RETURN item is."""
    for text in (load_library()[name].text, *load_library()[name].variants.values()):
        returned = mask_literals(text).split("RETURN", 1)[1].split("ORDER BY")[0]
        for item in _top_level_items(returned):
            assert re.search(r"\bAS \w+$", item) or re.fullmatch(r"\w+", item), (name, item)


def _top_level_items(text: str) -> list[str]:
    items, depth, current = [], 0, ""
    for char in text:
        depth += (char in "([{") - (char in ")]}")
        if char == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    return [*items, current.strip()]


def test_querylib_bind_fills_defaults_and_coerces() -> None:
    query = get_query("neighbours")
    assert query.bind({"name": "Geoffrey Nice"}) == {"name": "Geoffrey Nice", "limit": 25}
    assert query.bind({"name": "China", "limit": "5"}) == {"name": "China", "limit": 5}


def test_querylib_missing_parameter_named() -> None:
    with pytest.raises(QueryError, match=r"query neighbours: missing parameter 'name' \(string\)"):
        get_query("neighbours").bind({"limit": "3"})


def test_querylib_mistyped_parameter_named() -> None:
    with pytest.raises(QueryError, match=r"parameter 'limit' must be an integer, got 'ten'"):
        get_query("neighbours").bind({"name": "China", "limit": "ten"})


def test_querylib_unknown_parameter_named() -> None:
    with pytest.raises(QueryError, match=r"unknown parameter 'limt'; it takes: name, limit"):
        get_query("neighbours").bind({"name": "China", "limt": "3"})


def test_querylib_unknown_query_lists_known() -> None:
    with pytest.raises(QueryError, match=r"no query named 'neighbors'.*neighbours"):
        get_query("neighbors")


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("int", "42", 42),
        ("int", " -3 ", -3),
        ("int", 7, 7),
        ("float", "0.5", 0.5),
        ("float", "2", 2.0),
        ("bool", "true", True),
        ("bool", "No", False),
        ("bool", "1", True),
        ("string", " keeps spaces ", " keeps spaces "),
        ("list", "China, Uyghur Tribunal", ["China", "Uyghur Tribunal"]),
        ("list", '["China", "Hong Kong, SAR"]', ["China", "Hong Kong, SAR"]),
        ("list", "", []),
        ("list", ["a", "b"], ["a", "b"]),
        ("label", "person", "Person"),
        ("label", "", ""),
        ("relation", "sanctioned", "SANCTIONED"),
        ("link", "co_mentioned", "CO_MENTIONED"),
    ],
)
def test_querylib_coerce(kind: str, raw: object, expected: object) -> None:
    assert coerce(Param("p", kind), raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("int", "2.5", "an integer"),
        ("int", True, "an integer"),
        ("float", "half", "a number"),
        ("bool", "maybe", "true or false"),
        ("list", "[1, 2]", "a list of strings"),
        ("list", "[oops", "a JSON list"),
        ("string", 3, "a string"),
        ("label", "Persons", "an entity label"),
        ("relation", "CO_MENTIONED", "a relation type"),
        ("link", "LIKES", "a link type"),
    ],
)
def test_querylib_coerce_rejects(kind: str, raw: object, message: str) -> None:
    with pytest.raises(QueryError, match=f"parameter 'p' must be {message}"):
        coerce(Param("p", kind), raw)


def test_querylib_param_declaration_forms() -> None:
    assert parse_param('label label = "" -- a type', "x") == Param("label", "label", "", "a type")
    assert parse_param("names list", "x").required
    with pytest.raises(QueryLibraryError, match="cannot read parameter"):
        parse_param("no-type", "x")


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (n) RETURN n.id AS start ORDER BY start",
        "MATCH (n) WHERE n.set = 1 RETURN {create: 2} AS m",
        "MATCH (n) RETURN 'CREATE (x)' AS s // DELETE n",
        "MATCH (a) /* MERGE */ RETURN a",
        "CALL { MATCH (n) RETURN n } RETURN n",
        "MATCH (n) RETURN n;",
    ],
)
def test_querylib_reads_allowed(statement: str) -> None:
    check_read_only(statement)


@pytest.mark.parametrize(
    ("statement", "word"),
    [
        ("MATCH (n) SET n.x = 1", "SET"),
        ("match (n) detach delete n", "DETACH"),
        ("MATCH (n) DELETE n", "DELETE"),
        ("CREATE (n:Person {id: 'x'})", "CREATE"),
        ("MERGE (n:Person {id: 'x'})", "MERGE"),
        ("MATCH (n) REMOVE n.x", "REMOVE"),
        ("DROP TABLE Person", "DROP"),
        ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV"),
        ("CALL db.labels()", "CALL"),
        ("COPY Person FROM 'people.csv'", "COPY"),
        ("MATCH (n) FOREACH (x IN [1] | SET n.a = x)", "FOREACH"),
        ("EXPLAIN CREATE (n)", "CREATE"),
        ("MATCH (n)\nWITH n\nMERGE (m {id: n.id})", "MERGE"),
        ("\ufeffCOPY (MATCH (n) RETURN n.name) TO '/tmp/out.csv'", "COPY"),
        ("\u180eLOAD FROM '/etc/shadow' RETURN *", "LOAD"),
        ("MATCH (n) RETURN n.name AS x UNION ALL CALL read_csv('/etc/passwd')", "CALL"),
    ],
)
def test_querylib_writes_refused_naming_the_clause(statement: str, word: str) -> None:
    with pytest.raises(WriteRefused, match=f"uses {word} "):
        check_read_only(statement)


def test_querylib_several_statements_refused() -> None:
    with pytest.raises(WriteRefused, match="one statement at a time"):
        check_read_only("MATCH (n) RETURN n; MATCH (m) RETURN m")


def test_querylib_prepare_statement_checks_parameters() -> None:
    statement, params = prepare_statement(
        "MATCH (n) WHERE n.name = $name RETURN n LIMIT $k;", {"name": "China", "k": "3"}
    )
    assert statement.endswith("LIMIT $k") and params == {"name": "China", "k": 3}
    with pytest.raises(QueryError, match=r"missing parameter 'k'"):
        prepare_statement("MATCH (n) RETURN n LIMIT $k", {})
    with pytest.raises(QueryError, match=r"parameter 'x' is not used"):
        prepare_statement("MATCH (n) RETURN n", {"x": "1"})


def test_querylib_parse_assignments() -> None:
    assert parse_assignments(["name=Geoffrey Nice", "expr=a=b"]) == {
        "name": "Geoffrey Nice",
        "expr": "a=b",
    }
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_assignments(["limit"])


def test_querylib_named_query_is_a_value() -> None:
    query = NamedQuery("q", "d", (Param("a", "int", 1),), "RETURN $a AS a")
    assert query.bind({}) == {"a": 1}
