"""The Neo4j spellings the embedded store takes: rewritten on tokens, exactly, never
inside literals; and the hints for what has no exact rewrite."""

from __future__ import annotations

import pytest

from actorgraph.graph.cypher import check_read_only
from actorgraph.graph.stores.dialect import DIALECTS, hint, translate


@pytest.mark.parametrize(
    ("neo4j", "ladybug"),
    [
        ("MATCH ()-[r]->() RETURN type(r) AS t", "MATCH ()-[r]->() RETURN label(r) AS t"),
        ("MATCH (n) RETURN TYPE (n) AS t", "MATCH (n) RETURN label (n) AS t"),
        ("MATCH (n) RETURN labels(n) AS l", "MATCH (n) RETURN [label(n)] AS l"),
        ("MATCH (n) RETURN labels(n)[0] AS l", "MATCH (n) RETURN label(n) AS l"),
        (
            "MATCH (n) RETURN size(labels(coalesce(n, n))) AS s",
            "MATCH (n) RETURN size([label(coalesce(n, n))]) AS s",
        ),
        ("MATCH (g:Group)--(:Group) RETURN g", "MATCH (g:`Group`)--(:`Group`) RETURN g"),
        (
            "MATCH (n)--(m) WHERE NOT m:Document AND n:Person RETURN m",
            "MATCH (n)--(m) WHERE NOT (label(m) = 'Document') AND (label(n) = 'Person') RETURN m",
        ),
    ],
)
def test_dialect_translate_exact_rewrites(neo4j: str, ladybug: str) -> None:
    assert translate(neo4j, "ladybug") == ladybug
    assert translate(neo4j, "neo4j") == neo4j
    check_read_only(translate(neo4j, "ladybug"))


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (n) WHERE n.name = 'type(r) labels(n) :Group' RETURN n",  # in a literal
        "MATCH (n) // type(r)\nRETURN n.type AS t, n.labels AS l",  # a comment, properties
        "MATCH (n) RETURN {type: 1, labels: 2} AS m",  # map keys
        "MATCH (n:`Group`) RETURN n",  # already back-quoted
        "MATCH (n) WHERE n:Person:State RETURN n",  # two labels: no single test
        "MATCH (n) RETURN n {.name, kind: n.kind} AS m",
    ],
)
def test_dialect_translate_leaves_the_rest(statement: str) -> None:
    assert translate(statement, "ladybug") == statement


@pytest.mark.parametrize(
    ("statement", "message", "advice"),
    [
        ("RETURN elementId(n)", "Catalog exception: function ELEMENTID does not exist.", "id(n)"),
        ("RETURN x", "Catalog exception: function SHORTESTPATH does not exist.", "SHORTEST"),
        ("RETURN [x IN l | x] AS a", "Binder exception: Variable x is not in scope.", "list_"),
        ("MATCH (n) RETURN 1 AS group", "Parser exception: mismatched input 'group'", "`Group`"),
        ("MATCH (n) RETURN n LIMT 1", "Parser exception: extraneous input", "actorgraph schema"),
    ],
)
def test_dialect_hint_names_embedded_spelling(statement: str, message: str, advice: str) -> None:
    assert advice in hint("ladybug", statement, message)
    assert hint("neo4j", statement, message) == ""


def test_dialect_types_cover_every_schema_type() -> None:
    from actorgraph.graph.schema import ENTITY_PROPERTIES, TYPED_PROPERTIES

    kinds = {*ENTITY_PROPERTIES.values(), *TYPED_PROPERTIES.values()}
    for dialect in DIALECTS.values():
        assert kinds <= set(dialect.types)
