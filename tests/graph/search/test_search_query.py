"""The search grammar: words, phrases, prefixes, implicit AND; hostile text is literal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.graph.search.query import Clause, lucene_escape, parse, to_lucene

LUCENE_SPECIAL = '+-&|!(){}[]^"~*?:\\/'


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        (
            "organ harvesting",
            [Clause(("organ",), False, "organ"), Clause(("harvesting",), False, "harvesting")],
        ),
        (
            '"forced organ harvesting"',
            [Clause(("forced", "organ", "harvesting"), False, "forced organ harvesting")],
        ),
        ("Harvest*", [Clause(("harvest",), True, "Harvest")]),
        ("harvest**", [Clause(("harvest",), True, "harvest")]),
        (
            "FORCED Organ",
            [Clause(("forced",), False, "FORCED"), Clause(("organ",), False, "Organ")],
        ),
        ("forced-organ", [Clause(("forced", "organ"), False, "forced-organ")]),
        ('"forced organ', [Clause(("forced", "organ"), False, "forced organ")]),  # runs to the end
        ('a"b c"', [Clause(("a",), False, "a"), Clause(("b", "c"), False, "b c")]),
        (
            "uyghur AND NOT genocide",
            [
                Clause((w,), False, s)
                for w, s in [
                    ("uyghur", "uyghur"),
                    ("and", "AND"),
                    ("not", "NOT"),
                    ("genocide", "genocide"),
                ]
            ],
        ),
        ("tribunal tribunal", [Clause(("tribunal",), False, "tribunal")]),  # said once
        # tantivy lower-cases each capital sigma alike; Python's makes the last a final sigma
        ("\u03a3\u0391\u03a3", [Clause(("\u03c3\u03b1\u03c3",), False, "\u03a3\u0391\u03a3")]),
    ],
)
def test_parse_reads_words_phrases_and_prefixes(text: str, clauses: list[Clause]) -> None:
    assert list(parse(text).clauses) == clauses


@pytest.mark.parametrize("text", ["", "   ", '""', "*", "( ) \\ / : ~", '"   "', "\x00\u202e"])
def test_parse_without_words_is_empty(text: str) -> None:
    assert parse(text).is_empty


@pytest.mark.parametrize(
    ("text", "lucene"),
    [
        ("organ harvesting", '"organ" AND "harvesting"'),
        ('"forced organ harvesting"', '"forced organ harvesting"'),
        ("harvest*", "harvest*"),
        ("forced-org*", '"forced" AND org*'),
        ("AND OR NOT", '"AND" AND "OR" AND "NOT"'),  # quoted: words, not operators
        ("a(b)", '"a\\(b\\)"'),
        ('say\\"', '"say\\\\"'),
        ("C++ && x:y", '"C\\+\\+" AND "x\\:y"'),
    ],
)
def test_to_lucene_quotes_words_and_escapes(text: str, lucene: str) -> None:
    assert to_lucene(parse(text)) == lucene


@pytest.mark.parametrize("char", list(LUCENE_SPECIAL))
def test_lucene_escape_escapes_each_special_character(char: str) -> None:
    assert lucene_escape(f"a{char}b") == f"a\\{char}b"


# A rendered query: quoted strings (any escaped character inside) and prefix terms, AND-ed.
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_PREFIX = r"(?:[^\s\\" + re.escape(LUCENE_SPECIAL) + r"]|\\.)+\*"
_RENDERED = re.compile(rf"(?:{_QUOTED}|{_PREFIX})(?: AND (?:{_QUOTED}|{_PREFIX}))*")


@given(st.text(alphabet=st.characters(max_codepoint=0x2FFF) | st.sampled_from(LUCENE_SPECIAL)))
def test_to_lucene_never_leaves_a_special_character_bare(text: str) -> None:
    query = parse(text)
    rendered = to_lucene(query)
    assert query.is_empty == (rendered == "")
    if rendered:
        assert _RENDERED.fullmatch(rendered), rendered
