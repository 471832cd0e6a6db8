"""Cypher text as tokens, and the read-only guard decided on them.

One tokenizer for both dialects: string literals (backslash escapes), back-quoted names
(a doubled back-quote inside), ``//`` and ``/* */`` comments, ``$parameters``, numbers,
words and punctuation. White space is what LadybugDB's lexer skips and more: every
Unicode control (Cc), format (Cf) and space (Zs, Zl, Zp) character, so U+FEFF or U+180E
before ``COPY`` separates words here exactly as it does in the database. Delimiters are
ASCII in both databases, so a literal or comment ends here where it ends there.

The guard (:func:`check_read_only`) is an allow-list over those tokens, from
``data/cypher.toml``: a statement, every subquery and every part after UNION begins
with a reading clause; no word of the forbidden list stands as code anywhere; every
function called and every procedure CALLed is listed. It runs on the text as typed and
again after NFKC normalisation, so a keyword in compatibility letters (fullwidth
``COPY``, U+FF23 U+FF2F U+FF30 U+FF39) is caught too.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

SPACE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
WORD_CATEGORIES = frozenset(
    {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Mn", "Mc", "Pc", "Sc"}
)
SUBQUERY_OPENERS = frozenset({"CALL", "EXISTS", "COUNT", "COLLECT"})
READS = "MATCH, OPTIONAL MATCH, WITH, UNWIND, WHERE, RETURN, UNION, CALL { subquery }"


class GuardError(ValueError):
    """A statement the read-only guard refuses; the message names what and where."""


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # word, name (back-quoted), string, number, param, punct
    text: str  # as written; a string, name or parameter without its quotes and "$"
    start: int
    end: int
    line: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    start: frozenset[str]
    forbidden: frozenset[str]
    keywords: frozenset[str]
    procedures: frozenset[str]
    functions: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    text = resources.files("actorgraph.graph").joinpath("data/cypher.toml").read_text("utf-8")
    guard = tomllib.loads(text)["guard"]

    def upper(key: str) -> frozenset[str]:
        return frozenset(word.upper() for word in guard[key])

    return Vocabulary(
        upper("start"),
        upper("forbidden"),
        upper("keywords"),
        upper("procedures"),
        upper("ladybug_functions") | upper("neo4j_functions"),
    )


def is_space(char: str) -> bool:
    return unicodedata.category(char) in SPACE_CATEGORIES


def is_word_char(char: str) -> bool:
    return unicodedata.category(char) in WORD_CATEGORIES


def tokenize(statement: str) -> list[Token]:
    """The statement's tokens, without white space and comments.

    Raises GuardError on a string, name or comment that never ends (the databases
    refuse those too, and what follows could not be told apart from code).
    """
    return list(_tokens(statement))


def _tokens(text: str) -> Iterator[Token]:
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        line = text.count("\n", 0, i) + 1
        if is_space(char):
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] not in "\r\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise GuardError(f"refused: a /* comment (line {line}) never ends")
            i = end + 2
        elif char in "'\"":
            j = i + 1
            while j < n and text[j] != char:
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise GuardError(f"refused: a string literal (line {line}) never ends")
            yield Token("string", text[i + 1 : j], i, j + 1, line)
            i = j + 1
        elif char == "`":
            j, name = _backquoted(text, i, line)
            yield Token("name", name, i, j, line)
            i = j
        elif char == "$":
            j = i + 1
            if j < n and text[j] == "`":
                j, name = _backquoted(text, j, line)
            else:
                while j < n and is_word_char(text[j]):
                    j += 1
                name = text[i + 1 : j]
            yield Token("param", name, i, j, line)
            i = j
        elif char.isdigit() and char.isascii():
            j = _number_end(text, i)
            yield Token("number", text[i:j], i, j, line)
            i = j
        elif is_word_char(char):
            j = i + 1
            while j < n and is_word_char(text[j]):
                j += 1
            yield Token("word", text[i:j], i, j, line)
            i = j
        else:
            yield Token("punct", char, i, i + 1, line)
            i += 1


def _backquoted(text: str, i: int, line: int) -> tuple[int, str]:
    """End and content of the back-quoted name at ``i`` (````` inside is one back-quote)."""
    parts: list[str] = []
    while i < len(text) and text[i] == "`":
        end = text.find("`", i + 1)
        if end < 0:
            raise GuardError(f"refused: a `quoted name` (line {line}) never ends")
        parts.append(text[i + 1 : end])
        i = end + 1
    return i, "`".join(parts)


def _number_end(text: str, i: int) -> int:
    """End of the number at ``i``: 0x1F, 0o17, 12, 1.5, 2e-3 (``1..8`` is 1 then ``..``)."""
    n = len(text)
    if text.startswith(("0x", "0X"), i) or text.startswith(("0o", "0O"), i):
        j = i + 2
        while j < n and text[j].isascii() and text[j].isalnum():
            j += 1
        return j
    j = i
    while j < n and text[j].isascii() and text[j].isdigit():
        j += 1
    if j + 1 < n and text[j] == "." and text[j + 1].isascii() and text[j + 1].isdigit():
        j += 1
        while j < n and text[j].isascii() and text[j].isdigit():
            j += 1
    if j < n and text[j] in "eE":
        k = j + 1 + (j + 1 < n and text[j + 1] in "+-")
        if k < n and text[k].isascii() and text[k].isdigit():
            j = k
            while j < n and text[j].isascii() and text[j].isdigit():
                j += 1
    return j


# --- the guard -----------------------------------------------------------------------------


def check_read_only(statement: str) -> None:
    """Refuse (GuardError) a statement that is not one read of the graph, on its tokens."""
    _check(tokenize(statement))
    normal = unicodedata.normalize("NFKC", statement)
    if normal != statement:
        _check(tokenize(normal))


def _refuse(token: Token, what: str) -> GuardError:
    return GuardError(
        f"refused: the statement uses {what} (line {token.line}), which writes, runs a "
        f"procedure or reaches outside the graph; `query` and `cypher` only read ({READS}, "
        "with the functions listed in graph/data/cypher.toml); back-quote a name that is "
        "also a keyword"
    )


def _check(tokens: Sequence[Token]) -> None:
    words = vocabulary()
    code = list(tokens)
    while code and code[-1].kind == "punct" and code[-1].text == ";":
        code.pop()
    if any(t.kind == "punct" and t.text == ";" for t in code):
        raise GuardError("refused: one statement at a time (found ';' between statements)")
    starts = {0: "statement"}  # token index -> what must begin there
    open_brackets: list[str] = []  # "(", "[" or "{", innermost last
    names: set[int] = set()  # indices of words standing as names
    skip_to = 0  # past a procedure's name, checked with its CALL
    for i, token in enumerate(code):
        after = code[i + 1] if i + 1 < len(code) else None
        if i in starts:
            _check_start(token, after, starts[i], words)
        if token.kind == "punct":
            if token.text in "([{":
                if token.text == "{" and _opens_body(code, i, names, words):
                    starts[i + 1] = "body"
                open_brackets.append(token.text)
            elif token.text in ")]}" and open_brackets:
                open_brackets.pop()
            continue
        if i < skip_to or token.kind not in ("word", "name"):
            continue
        if token.kind == "word" and _is_name(code, i, names, open_brackets):
            names.add(i)
            continue
        calls = after is not None and after.kind == "punct" and after.text == "("
        word = token.upper
        if token.kind == "name" or word not in words.keywords | words.forbidden:
            if calls and _dotted_name(code, i).upper() not in words.functions:
                raise _refuse(token, f"the function {_dotted_name(code, i)}")
            continue
        if word in words.forbidden:
            raise _refuse(token, _clause(token, after))
        if word == "CALL":
            skip_to = _check_call(code, i, words)
        elif word in ("EXPLAIN", "PROFILE") and i in starts:
            starts[i + 1] = starts[i]
        elif word == "UNION":
            starts[i + 2 if after is not None and after.upper == "ALL" else i + 1] = "statement"


def _clause(token: Token, after: Token | None) -> str:
    """A refused word as the user knows it: ``LOAD CSV`` is Neo4j's, ``LOAD`` LadybugDB's."""
    if token.kind != "word":
        return repr(token.text)
    return "LOAD CSV" if token.upper == "LOAD" and after and after.upper == "CSV" else token.upper


def _check_start(token: Token, after: Token | None, where: str, words: Vocabulary) -> None:
    """A statement or a part after UNION begins with a reading clause; a subquery's body
    with one, or with the pattern of EXISTS { (a)-->(b) }."""
    if token.kind == "word" and token.upper in words.start | {"EXPLAIN", "PROFILE"}:
        return
    if where == "body" and token.kind == "punct" and token.text in "(}":
        return
    raise _refuse(token, _clause(token, after))


def _is_name(code: Sequence[Token], i: int, names: set[int], open_brackets: list[str]) -> bool:
    """Whether the word at ``i`` stands as a name: a property or namespace part, a label
    or type, an alias after AS, or a key of a map literal; never a clause."""
    if i == 0:
        return False
    before = code[i - 1]
    after = code[i + 1] if i + 1 < len(code) else None
    if before.kind == "punct" and before.text == ".":
        return after is None or after.text != "("  # else a namespaced function's name
    if before.kind == "punct" and before.text == ":":
        return True
    if before.upper == "AS" and i - 1 not in names:
        return True
    return (
        before.kind == "punct"
        and before.text in "{,"
        and after is not None
        and after.text == ":"
        and open_brackets[-1:] == ["{"]
    )


def _dotted_name(code: Sequence[Token], i: int) -> str:
    """``apoc.load.json`` for the name ``json`` at ``i`` (a namespaced function's name)."""
    parts = [code[i].text]
    while i >= 2 and code[i - 1].text == "." and code[i - 2].kind in ("word", "name"):
        i -= 2
        parts.insert(0, code[i].text)
    return ".".join(parts)


def _opens_body(code: Sequence[Token], i: int, names: set[int], words: Vocabulary) -> bool:
    """Whether the "{" at ``i`` opens a subquery's body, which must begin with a clause.

    It does after CALL, EXISTS, COUNT, COLLECT and ``CALL (x)``; and, to be safe, after
    anything but a variable (a map projection) when a bare word follows that is not a
    map key.
    """
    before = code[i - 1] if i else None
    if before is None:
        return True
    if before.upper in SUBQUERY_OPENERS and i - 1 not in names:
        return True
    if before.text == ")" and _closes_call(code, i - 1):
        return True
    after, key = code[i + 1 : i + 2], code[i + 2 : i + 3]
    if not after or after[0].kind != "word" or (key and key[0].text == ":"):
        return False
    variable = before.kind == "name" or (
        before.kind == "word" and before.upper not in words.keywords | words.forbidden
    )
    return not variable


def _closes_call(code: Sequence[Token], close: int) -> bool:
    """Whether the ")" at ``close`` ends ``CALL (...)``, the scope of a Neo4j subquery."""
    depth = 0
    for j in range(close, -1, -1):
        depth += (code[j].text == ")") - (code[j].text == "(")
        if depth == 0:
            return j > 0 and code[j - 1].upper == "CALL"
    return False


def _check_call(code: Sequence[Token], i: int, words: Vocabulary) -> int:
    """CALL opens a subquery, or runs a listed procedure; returns where its name ends."""
    after = code[i + 1] if i + 1 < len(code) else None
    if after is not None and after.kind == "punct" and after.text in "{(":
        return i + 1  # CALL { ... } or CALL (x) { ... }: the body is checked in turn
    j = i + 1
    while j + 2 < len(code) and code[j + 1].text == "." and code[j + 2].kind in ("word", "name"):
        j += 2
    named = j < len(code) and code[j].kind in ("word", "name")
    name = _dotted_name(code, j) if named else ""
    follows = code[j + 1] if j + 1 < len(code) else None
    if name.upper() in words.procedures and follows is not None and follows.text == "(":
        return j + 1
    raise _refuse(code[i], f"CALL of {name or 'a procedure'}")


def mask_literals(statement: str) -> str:
    """The statement with string literals, quoted names and comments blanked out.

    Keeps every character position and line break, so messages can point into the text.
    """
    out = [char if char in "\r\n" else " " for char in statement]
    for token in tokenize(statement):
        if token.kind in ("string", "name"):
            out[token.start], out[token.end - 1] = statement[token.start], statement[token.end - 1]
        else:
            out[token.start : token.end] = statement[token.start : token.end]
    return "".join(out)


def statement_parameters(statement: str) -> set[str]:
    """Names of the ``$parameters`` a statement uses (outside literals and comments)."""
    return {token.text for token in tokenize(statement) if token.kind == "param"}


__all__ = [
    "GuardError",
    "Token",
    "check_read_only",
    "mask_literals",
    "statement_parameters",
    "tokenize",
]
