"""A user's search text, parsed once and rendered for each engine (tantivy, Lucene).

Raw user text is never handed to an engine's own query parser: tantivy's reads
``harvest*`` as the exact term, and Lucene's and FTS5's fail on an unbalanced quote or a
bare ``AND``. The grammar here is small and total: words, ``"quoted phrases"`` and
``prefix*`` words, all required (implicit AND), case-insensitive. Everything else is
literal text, so no input is a syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import tantivy

TEXT_FIELD = "text"


@dataclass(frozen=True, slots=True)
class Clause:
    """One required part of a query: a word, a phrase, or either ending in a prefix."""

    tokens: tuple[str, ...]  # as the index's tokenizer makes them (lower-cased)
    prefix: bool = False  # the last token is a prefix
    source: str = ""  # the user's text for it, quotes and '*' removed


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str  # as the user typed it
    clauses: tuple[Clause, ...]

    @property
    def is_empty(self) -> bool:
        """True when the text holds no word to search for (only spaces or punctuation)."""
        return not self.clauses


@cache
def analyzer() -> tantivy.TextAnalyzer:
    """tantivy's ``default`` tokenizer, the one the index uses for sentence text.

    Query words go through the same analyzer as the indexed text, so they split and
    lower-case alike (Python's ``str.lower`` does not: it folds a final 'Σ' to 'ς').
    """
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .build()
    )


_PARTS = re.compile(r'"([^"]*)(?:"|$)|([^\s"]+)')  # a phrase (closed or to the end) | a word


def parse(text: str) -> SearchQuery:
    """Parse search text; an unclosed quote runs to the end, punctuation is a separator."""
    clauses: list[Clause] = []
    for match in _PARTS.finditer(text):
        phrase, word = match.groups()
        source, prefix = (phrase, False) if word is None else (word.rstrip("*"), word.endswith("*"))
        tokens = tuple(analyzer().analyze(source))
        clause = Clause(tokens, prefix, source)
        if tokens and clause not in clauses:
            clauses.append(clause)
    return SearchQuery(text, tuple(clauses))


# --- tantivy --------------------------------------------------------------------------


MAX_EXPANSIONS = 1000  # a prefix with more words than this in the index is not ranked


def to_tantivy(
    query: SearchQuery, schema: tantivy.Schema, searcher: tantivy.Searcher
) -> tantivy.Query:
    """Query objects (never the query parser): every clause a MUST.

    The searcher gives a one-word prefix its words in the index, so that its hits are
    ranked by them (bm25) rather than all scored alike.
    """
    parts = [_tantivy_clause(clause, schema, searcher) for clause in query.clauses]
    if not parts:
        return tantivy.Query.empty_query()
    if len(parts) == 1:
        return parts[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, part) for part in parts])


def _tantivy_clause(
    clause: Clause, schema: tantivy.Schema, searcher: tantivy.Searcher
) -> tantivy.Query:
    tokens: list[str | tuple[int, str]] = list(clause.tokens)
    if not clause.prefix:
        if len(tokens) == 1:  # a one-word phrase query panics in tantivy
            return tantivy.Query.term_query(schema, TEXT_FIELD, tokens[0])
        return tantivy.Query.phrase_query(schema, TEXT_FIELD, tokens)
    # Never phrase_prefix_query: it expands a prefix to its first 50 words only.
    *head, last = [_regex_literal(token) for token in clause.tokens]
    if head:
        return tantivy.Query.regex_phrase_query(schema, TEXT_FIELD, [*head, last + ".*"])
    words = searcher.terms_with_prefix(TEXT_FIELD, clause.tokens[0], limit=MAX_EXPANSIONS + 1)
    if len(words) > MAX_EXPANSIONS:
        return tantivy.Query.regex_query(schema, TEXT_FIELD, last + ".*")  # all score alike
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, tantivy.Query.term_query(schema, TEXT_FIELD, w)) for w, _ in words]
    )


def _regex_literal(token: str) -> str:
    """A token as a regex matching only itself (every character but [a-z0-9] as \\x{..})."""
    return "".join(c if c.isascii() and c.isalnum() else f"\\x{{{ord(c):x}}}" for c in token)


# --- Lucene (Neo4j full-text indexes) ------------------------------------------------

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_escape(text: str) -> str:
    """Backslash before each of Lucene's special characters ``+-&|!(){}[]^"~*?:\\/``."""
    return _LUCENE_SPECIAL.sub(r"\\\1", text)


def to_lucene(query: SearchQuery) -> str:
    """Lucene classic syntax: each word or phrase quoted, prefixes as ``term*``, all AND-ed.

    A quoted word is analysed by the index's analyzer as it is and cannot be an operator
    (``"AND"``); only a prefix is not analysed, so it is rendered from its tokens.
    """
    return " AND ".join(_lucene_clause(clause) for clause in query.clauses)


def _lucene_clause(clause: Clause) -> str:
    if not clause.prefix:
        return f'"{lucene_escape(clause.source)}"'
    *head, last = clause.tokens
    term = lucene_escape(last) + "*"
    return f'"{lucene_escape(" ".join(head))}" AND {term}' if head else term
