"""The library of named Cypher queries shipped in ``queries/``, and safe binding of parameters.

Each ``queries/<name>.cypher`` holds one statement in Neo4j's dialect under a header::

    // name: neighbours
    // description: Everything linked to an entity, by link type, strongest first.
    // param: name string -- entity name or alias, any case
    // param: limit int = 25

The embedded store runs that text through ``graph.stores.dialect.translate`` (``type(r)``,
``labels(n)``, ``:Group``, ...); where LadybugDB's dialect differs beyond those rewrites,
``queries/<name>.ladybug.cypher`` holds the same query in that dialect (no header; it
takes the declared parameters). The library is checked when
it loads: a query whose ``$parameters`` differ from its header fails at once, never at a
user's prompt. Values are always bound, never pasted into the text.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from actorgraph.graph import cypher
from actorgraph.graph.cypher import mask_literals
from actorgraph.graph.schema import load_schema
from actorgraph.graph.stores.dialect import translate

BASE_DIALECT = "neo4j"
DIALECTS = ("neo4j", "ladybug")
PARAM_TYPES = ("string", "int", "float", "bool", "list", "label", "relation", "link")
HEADER_KEYS = ("name", "description", "param")
# Parameter types whose values must be names from the schema (empty meaning "any"):
# an entity label, a typed relation, or any link that carries evidence.
SCHEMA_NAMES = ("label", "relation", "link")

_HEADER_RE = re.compile(r"^//\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM_DECL_RE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s+(?P<help>.*))?$"
)
ROW_CLAUSES = ("LIMIT", "SKIP", "OFFSET")
MAX_ROWS = 1_000_000  # the most rows a LIMIT or SKIP parameter may ask for
INT64_RANGE = (-(2**63), 2**63 - 1)
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


class QueryError(ValueError):
    """A query cannot be run as asked (unknown name, bad parameter, a write); says why."""


class WriteRefused(QueryError):
    """A statement that would write was sent through a read-only entry point."""


class QueryLibraryError(RuntimeError):
    """A file in ``queries/`` is malformed: a bug in the library, found at load."""


_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    default: Any = _MISSING
    help: str = ""

    @property
    def required(self) -> bool:
        return self.default is _MISSING

    @property
    def names_entity(self) -> bool:
        """Whether the value is an entity's name or alias (so that a miss can be told)."""
        return self.type in ("string", "list") and ("alias" in self.help or self.name == "names")

    def describe(self) -> str:
        text = f"{self.name} ({self.type})"
        if not self.required:
            text += f" = {json.dumps(self.default)}"
        return text


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str  # the Neo4j form, which the Cypher lint checks
    variants: dict[str, str] = field(default_factory=dict)  # dialect -> text

    def text_for(self, dialect: str) -> str:
        """The statement in ``dialect``: its variant, else the Neo4j form with the exact
        rewrites for that dialect."""
        if dialect not in DIALECTS:
            raise QueryError(f"unknown Cypher dialect {dialect!r}; known: {', '.join(DIALECTS)}")
        return self.variants.get(dialect) or translate(self.text, dialect)

    def bind(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Declared parameters with values coerced to their types and defaults filled in.

        ``raw`` maps names to strings (from ``--param``) or to values already typed.
        """
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(declared))
        if unknown:
            takes = ", ".join(declared) or "no parameters"
            raise QueryError(
                f"query {self.name}: unknown parameter {unknown[0]!r}; it takes: {takes}"
            )
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in raw:
                bound[param.name] = coerce(param, raw[param.name], query=self.name)
            elif param.required:
                raise QueryError(
                    f"query {self.name}: missing parameter {param.name!r} ({param.type}); "
                    f"give it with --param {param.name}=VALUE"
                )
            else:
                bound[param.name] = param.default
        rows = set().union(*map(row_parameters, (self.text, *self.variants.values())))
        for name, value in bound.items():
            check_range(name, value, rows=name in rows, where=f"query {self.name}: ")
        return bound


def row_parameters(statement: str) -> set[str]:
    """The parameters a statement gives to LIMIT or SKIP: counts of rows."""
    tokens = cypher.tokenize(statement)
    return {
        count.text
        for clause, count in itertools.pairwise(tokens)
        if clause.upper in ROW_CLAUSES and count.kind == "param"
    }


def check_range(name: str, value: Any, *, rows: bool, where: str = "") -> None:
    """An integer the database can take: a count of rows for LIMIT / SKIP, else a 64-bit
    integer (larger ones fail inside the driver with no word of which parameter)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return
    low, high = (0, MAX_ROWS) if rows else INT64_RANGE
    if not low <= value <= high:
        kind = " (a number of rows)" if rows else ""
        raise QueryError(
            f"{where}parameter {name!r} must be between {low:,} and {high:,}{kind}, got {value:,}"
        )


def coerce(param: Param, value: Any, *, query: str = "") -> Any:
    """``value`` as ``param.type``; a string from the shell is parsed, a typed value checked."""
    where = f"query {query}: " if query else ""

    def fail(expected: str) -> QueryError:
        return QueryError(f"{where}parameter {param.name!r} must be {expected}, got {value!r}")

    kind = param.type
    if kind in ("string", *SCHEMA_NAMES):
        if not isinstance(value, str):
            raise fail("a string")
        return _check_schema_name(param, value if kind == "string" else value.strip(), where)
    if kind == "int":
        if isinstance(value, bool):
            raise fail("an integer")
        if isinstance(value, int):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        raise fail("an integer")
    if kind == "float":
        if isinstance(value, bool):
            raise fail("a number")
        if isinstance(value, (int, float)):
            return float(value)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise fail("a number") from None
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise fail("true or false")
    if kind == "list":
        return _coerce_list(value, fail)
    raise QueryLibraryError(f"parameter {param.name!r} has unknown type {kind!r}")


def _coerce_list(value: Any, fail: Any) -> list[str]:
    """A list of strings: a JSON array, or comma-separated text."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                raise fail('a JSON list of strings, e.g. ["China", "Hong Kong"]') from None
        else:
            items = [item.strip() for item in text.split(",")]
            return [item for item in items if item]
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return list(value)
    raise fail('a list of strings ("a,b" or a JSON list)')


def _check_schema_name(param: Param, value: str, where: str) -> str:
    """Labels and link types are checked against the schema, so a typo is an error."""
    if param.type == "string" or value == "":
        return value
    schema = load_schema()
    known, kind = {
        "label": (schema.entity_labels, "an entity label"),
        "relation": (schema.relation_types, "a relation type"),
        "link": (schema.evidence_link_types, "a link type"),
    }[param.type]
    for name in known:
        if name.lower() == value.lower():
            return name
    raise QueryError(
        f"{where}parameter {param.name!r} must be {kind} ({', '.join(known)}), got {value!r}"
    )


# --- reading the library ---------------------------------------------------------------


def parse_query(stem: str, text: str, variants: Mapping[str, str] | None = None) -> NamedQuery:
    """One query from its file text; raises QueryLibraryError on anything malformed."""
    header: dict[str, str] = {}
    params: list[Param] = []
    body_lines: list[str] = []
    in_header = True
    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADER_RE.match(line.strip()) if in_header else None
        if in_header and match and match.group(1) in HEADER_KEYS:
            key, value = match.groups()
            if key == "param":
                params.append(parse_param(value, f"{stem}.cypher:{number}"))
            elif key in header:
                raise QueryLibraryError(f"{stem}.cypher:{number}: {key} given twice")
            else:
                header[key] = value
            continue
        if in_header and (not line.strip() or line.strip().startswith("//")):
            continue  # comment lines around the header are free text
        in_header = False
        body_lines.append(line)
    for key in ("name", "description"):
        if not header.get(key):
            raise QueryLibraryError(f"{stem}.cypher: header has no '// {key}:' line")
    if header["name"] != stem:
        raise QueryLibraryError(
            f"{stem}.cypher: header names it {header['name']!r}; the file must be named after it"
        )
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryLibraryError(f"{stem}.cypher: a parameter is declared twice: {names}")
    body = "\n".join(body_lines).strip()
    query = NamedQuery(
        header["name"],
        header["description"],
        tuple(params),
        body,
        {d: strip_comments_header(t) for d, t in (variants or {}).items()},
    )
    for dialect, statement in (("neo4j", query.text), *query.variants.items()):
        _check_statement(query, dialect, statement)
    return query


def parse_param(spec: str, where: str) -> Param:
    """``name type [= default] [-- help]``."""
    match = _PARAM_DECL_RE.match(spec.strip())
    if not match:
        raise QueryLibraryError(f"{where}: cannot read parameter {spec!r}")
    name, kind = match.group("name"), match.group("type")
    if kind not in PARAM_TYPES:
        raise QueryLibraryError(
            f"{where}: parameter {name!r} has unknown type {kind!r}; "
            f"known: {', '.join(PARAM_TYPES)}"
        )
    param = Param(name, kind, help=(match.group("help") or "").strip())
    raw_default = match.group("default")
    if raw_default is None:
        return param
    raw_default = raw_default.strip()
    if len(raw_default) >= 2 and raw_default[0] == raw_default[-1] == '"':
        raw_default = json.loads(raw_default)
    try:
        default = coerce(param, raw_default)
    except QueryError as exc:
        raise QueryLibraryError(f"{where}: bad default: {exc}") from None
    return Param(name, kind, default, param.help)


def strip_comments_header(text: str) -> str:
    """A variant's text without its leading comment lines (they say why it differs)."""
    lines = text.strip().splitlines()
    while lines and (lines[0].strip().startswith("//") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines).strip()


def _check_statement(query: NamedQuery, dialect: str, statement: str) -> None:
    where = f"{query.name} ({dialect})"
    if not statement:
        raise QueryLibraryError(f"{where}: the query has no statement")
    used = statement_parameters(statement)
    declared = {p.name for p in query.params}
    if used != declared:
        missing = sorted(used - declared)
        unused = sorted(declared - used)
        raise QueryLibraryError(
            f"{where}: parameters in the text differ from the header; "
            f"used but not declared: {missing or 'none'}, declared but not used: {unused or 'none'}"
        )
    try:
        check_read_only(statement)
    except WriteRefused as exc:
        raise QueryLibraryError(f"{where}: {exc}") from None


@cache
def load_library() -> dict[str, NamedQuery]:
    """Every query in the package data ``actorgraph.queries``, by name."""
    root = resources.files("actorgraph.queries")
    bases: dict[str, str] = {}
    variants: dict[str, dict[str, str]] = {}
    for entry in root.iterdir():
        if not entry.name.endswith(".cypher"):
            continue
        parts = entry.name[: -len(".cypher")].split(".")
        text = entry.read_text("utf-8")
        if len(parts) == 1:
            bases[parts[0]] = text
        elif len(parts) == 2 and parts[1] in DIALECTS and parts[1] != BASE_DIALECT:
            variants.setdefault(parts[0], {})[parts[1]] = text
        else:
            raise QueryLibraryError(
                f"queries/{entry.name}: expected NAME.cypher or NAME.<dialect>.cypher "
                f"with dialect one of {', '.join(d for d in DIALECTS if d != BASE_DIALECT)}"
            )
    orphans = sorted(set(variants) - set(bases))
    if orphans:
        raise QueryLibraryError(f"queries/: dialect variants without a query: {orphans}")
    return {
        stem: parse_query(stem, text, variants.get(stem)) for stem, text in sorted(bases.items())
    }


def get_query(name: str) -> NamedQuery:
    library = load_library()
    try:
        return library[name]
    except KeyError:
        raise QueryError(
            f"no query named {name!r}; `actorgraph queries` lists them: {', '.join(library)}"
        ) from None


# --- statements typed by the user ------------------------------------------------------


def check_read_only(statement: str) -> None:
    """Refuse (WriteRefused) a statement that is not one read of the graph.

    The guard is an allow-list decided on the statement's tokens (graph.cypher).
    """
    try:
        cypher.check_read_only(statement)
    except cypher.GuardError as exc:
        raise WriteRefused(str(exc)) from None


def statement_parameters(statement: str) -> set[str]:
    """Names of the ``$parameters`` a statement uses (outside literals and comments)."""
    try:
        return cypher.statement_parameters(statement)
    except cypher.GuardError as exc:
        raise WriteRefused(str(exc)) from None


def guess_value(raw: str) -> Any:
    """A ``--param`` value for an ad-hoc statement: JSON when it parses, else the string."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def prepare_statement(statement: str, raw: Mapping[str, str]) -> tuple[str, dict[str, Any]]:
    """Check an ad-hoc statement is a read and every parameter it uses is given."""
    check_read_only(statement)
    used = statement_parameters(statement)
    missing = sorted(used - set(raw))
    if missing:
        raise QueryError(
            f"missing parameter {missing[0]!r}: the statement uses ${missing[0]}; "
            f"give it with --param {missing[0]}=VALUE"
        )
    unused = sorted(set(raw) - used)
    if unused:
        raise QueryError(f"parameter {unused[0]!r} is not used by the statement")
    values = {k: guess_value(v) for k, v in raw.items()}
    rows = row_parameters(statement)
    for name, value in values.items():
        check_range(name, value, rows=name in rows)
    return statement.strip().rstrip(";"), values


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``k=v`` strings (from repeated ``--param``) as a mapping; the last one given wins."""
    result: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise QueryError(f"--param expects NAME=VALUE, got {item!r}")
        result[key] = value
    return result


__all__ = [
    "DIALECTS",
    "PARAM_TYPES",
    "NamedQuery",
    "Param",
    "QueryError",
    "QueryLibraryError",
    "WriteRefused",
    "check_read_only",
    "coerce",
    "get_query",
    "guess_value",
    "load_library",
    "mask_literals",
    "parse_assignments",
    "parse_param",
    "parse_query",
    "prepare_statement",
    "statement_parameters",
]
