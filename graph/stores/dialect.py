"""Where the two Cypher dialects differ, in one place: Neo4j's and the embedded LadybugDB's.

``translate`` takes a statement written with the common Neo4j spellings and gives the
embedded store the same statement in its own, only where the rewrite is exact, and on
tokens (never inside a string, a comment or a back-quoted name):

- ``type(r)``            -> ``label(r)``             (a relationship's type, a string)
- ``labels(n)``          -> ``[label(n)]``           (LadybugDB's labels() is one string)
- ``labels(n)[0]``       -> ``label(n)``             (one label per node in this store)
- ``:Group``             -> ``:`Group```             (GROUP is a keyword in LadybugDB)
- ``WHERE n:Document``   -> ``WHERE (label(n) = 'Document')`` (no label predicates; one
  label per node in this store, so the test is the same)

What has no exact rewrite (list comprehensions, ``shortestPath``, 0-based indexing, ...)
is left alone, and ``hint`` answers the database's error with the spelling to use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actorgraph.graph.cypher import Token, tokenize
from actorgraph.graph.schema import load_schema

NEO4J = "neo4j"
LADYBUG = "ladybug"


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    title: str
    types: dict[str, str]  # schema property type -> the type as this dialect names it
    notes: tuple[str, ...]  # what an analyst must know to write Cypher for this store

    def label_of(self, variable: str) -> str:
        """The expression for the label of a node: in Neo4j its label other than
        ``Entity``, which every entity carries besides its type."""
        if self.name == LADYBUG:
            return f"label({variable})"
        return f"[l IN labels({variable}) WHERE l <> 'Entity'][0]"


DIALECTS = {
    NEO4J: Dialect(
        NEO4J,
        "Neo4j 5 Cypher",
        {"STRING": "String", "STRING[]": "List<String>", "INT64": "Integer",
         "INT64[]": "List<Integer>", "DOUBLE": "Float"},
        ("labels(n) gives a node's labels, type(r) a link's type; lists index from 0",),
    ),
    LADYBUG: Dialect(
        LADYBUG,
        "LadybugDB Cypher, the embedded store",
        {"STRING": "STRING", "STRING[]": "STRING[]", "INT64": "INT64",
         "INT64[]": "INT64[]", "DOUBLE": "DOUBLE"},
        (
            "label(n) gives a node's label and label(r) a link's type; `actorgraph cypher` "
            "also takes type(r), labels(n), labels(n)[0], :Group and WHERE n:Label",
            "Group is a keyword: write it `Group` (back-quoted) outside a label",
            "lists index from 1: list[1] is the first item; list_transform(l, x -> ...) and "
            "list_filter(l, x -> ...) stand for list comprehensions",
            "shortest paths are a pattern: MATCH p = (a)-[* SHORTEST 1..4]-(b)",
        ),
    ),
}  # fmt: skip


def dialect_of(name: str) -> Dialect:
    return DIALECTS[name]


# --- Neo4j spellings the embedded store accepts ----------------------------------------------

LABEL_PREDICATE_AFTER = frozenset({"WHERE", "AND", "OR", "XOR", "NOT", "WHEN"})


def translate(statement: str, dialect: str) -> str:
    """``statement`` with the exact rewrites for ``dialect`` applied (Neo4j: unchanged)."""
    if dialect != LADYBUG:
        return statement
    tokens = tokenize(statement)
    schema = load_schema()
    labels = set(schema.node_labels)
    reserved = {name for name in (*schema.node_labels, *schema.links) if name.upper() == "GROUP"}
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the text
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.kind != "word" or (before is not None and before.text == "."):
            continue
        called = after is not None and after.text == "("
        if called and token.text.lower() == "type":
            edits.append((token.start, token.end, "label"))
        elif called and token.text.lower() == "labels":
            close = _matching(tokens, i + 1)
            first = [t.text for t in tokens[close + 1 : close + 4]] if close else []
            if close is not None and first == ["[", "0", "]"]:  # the first label: the label
                edits.append((token.start, token.end, "label"))
                edits.append((tokens[close].end, tokens[close + 3].end, ""))
            elif close is not None:
                edits.append((token.start, token.end, "[label"))
                edits.append((tokens[close].end, tokens[close].end, "]"))
        elif before is not None and before.text == ":" and token.text in reserved:
            edits.append((token.start, token.end, f"`{token.text}`"))
        elif _label_predicate(tokens, i, labels):
            label = tokens[i + 2]
            edits.append((token.start, label.end, f"(label({token.text}) = '{label.text}')"))
    for start, end, text in sorted(edits, reverse=True):
        statement = statement[:start] + text + statement[end:]
    return statement


def _matching(tokens: list[Token], open_at: int) -> int | None:
    depth = 0
    for j in range(open_at, len(tokens)):
        depth += (tokens[j].text == "(") - (tokens[j].text == ")")
        if depth == 0:
            return j
    return None


def _label_predicate(tokens: list[Token], i: int, labels: set[str]) -> bool:
    """``n:Label`` standing as a predicate (after WHERE, AND, NOT, ...), one label only."""
    if i == 0 or i + 2 >= len(tokens) or tokens[i - 1].upper not in LABEL_PREDICATE_AFTER:
        return False
    colon, label = tokens[i + 1], tokens[i + 2]
    follows = tokens[i + 3].text if i + 3 < len(tokens) else ""
    return (
        colon.text == ":"
        and label.kind in ("word", "name")
        and label.text in labels
        and follows not in (":", "|", "&")
    )


# --- what to write instead, when the embedded store refuses a Neo4j spelling -------------------

FUNCTION_HINTS = {
    "ELEMENTID": "id(n) (an internal id) or n.id (the actorgraph id)",
    "STARTNODE": "the link's source: struct_extract(r, '_src') = id(n), or match the direction",
    "ENDNODE": "the link's target: struct_extract(r, '_dst') = id(n), or match the direction",
    "TOSTRING": "to_string(x) or cast(x AS STRING)",
    "TOINTEGER": "to_int64(x) or cast(x AS INT64)",
    "TOFLOAT": "to_double(x) or cast(x AS DOUBLE)",
    "TOBOOLEAN": "to_bool(x)",
    "HEAD": "list_extract(list, 1) (lists index from 1)",
    "LAST": "list_extract(list, size(list))",
    "TAIL": "list_slice(list, 2, size(list))",
    "ISEMPTY": "size(x) = 0",
    "SHORTESTPATH": "a pattern: MATCH p = (a)-[* SHORTEST 1..8]-(b)",
    "ALLSHORTESTPATHS": "a pattern: MATCH p = (a)-[* ALL SHORTEST 1..8]-(b)",
    "EXISTS": "x IS NOT NULL, or EXISTS { MATCH ... }",
    "SPLIT": "string_split(s, sep)",
    "STDEV": "no equivalent: compute it from avg() of squares",
}
_MISSING_FUNCTION = re.compile(r"function (\w+) does not exist", re.IGNORECASE)


def hint(dialect: str, statement: str, message: str) -> str:
    """What to write instead, for a statement the embedded store refused; '' if unknown."""
    if dialect != LADYBUG:
        return ""
    missing = _MISSING_FUNCTION.search(message)
    if missing and missing.group(1).upper() in FUNCTION_HINTS:
        return f"in LadybugDB write {FUNCTION_HINTS[missing.group(1).upper()]}"
    tokens = tokenize(statement)
    comprehension = any(
        t.text == "[" and i + 2 < len(tokens) and tokens[i + 2].upper == "IN"
        for i, t in enumerate(tokens)
    ) and any(t.text == "|" for t in tokens)
    if comprehension and "not in scope" in message:
        return (
            "LadybugDB has no list comprehensions: write list_transform(list, x -> expr) "
            "and list_filter(list, x -> condition)"
        )
    if "parser exception" in message.lower():
        words = {t.upper for t in tokens if t.kind == "word"}
        if "GROUP" in words:
            return "GROUP is a keyword in LadybugDB: back-quote the name, `Group`"
        return (
            "this is LadybugDB's dialect: `actorgraph schema` lists what it holds and "
            "the spellings that differ from Neo4j's"
        )
    return ""


__all__ = ["DIALECTS", "LADYBUG", "NEO4J", "Dialect", "dialect_of", "hint", "translate"]
