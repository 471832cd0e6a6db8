"""Whether a word speaks well or ill of what it is said of, from a published lexicon.

"X called Y a scandal", "X said Y was effective": the speaker judges Y, and the judging
word's polarity says which way (a condemnation or an endorsement). The valences are
VADER's (Hutto and Gilbert 2014, ``vaderSentiment`` on PyPI: some 7,500 English words and
phrases rated by ten people each from -4 to +4), read from the file the package ships, so
no word list of our own is kept and nothing downloads at run time.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from spacy.tokens import Token

LEXICON = ("vaderSentiment", "vader_lexicon.txt")
JUDGING_DEPS = frozenset({"amod", "advmod", "compound", "conj"})  # "a major scandal"


@cache
def valences() -> dict[str, float]:
    """Word -> mean valence (-4 .. +4)."""
    package, name = LEXICON
    text = files(package).joinpath(name).read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


def judgement(word: Token, threshold: float) -> int:
    """+1 if a predicative word and its modifiers speak well of the subject, -1 if ill, 0
    if neither clearly (the strongest word decides) or negated ("was not effective" is
    not plainly either)."""
    if any(c.dep_ == "neg" for c in (*word.children, *word.head.children)):
        return 0
    rated = valences()
    scores = [
        rated.get(t.lower_, rated.get(t.lemma_.lower(), 0.0))
        for t in (word, *(c for c in word.children if c.dep_ in JUDGING_DEPS))
    ]
    strongest = max(scores, key=abs)
    if abs(strongest) < threshold:
        return 0
    return 1 if strongest > 0 else -1
