"""How much one sentence may hold before its pairs are not worth reading.

A sentence's links come from its pairs of mentions: co-mentions (``graph.model``) and the
general relations (``predicates``). In the seeds and the dev articles a sentence names at
most 20 entities and runs to at most 639 characters; past these caps a "sentence" is a
list, a table or text without punctuation, whose pairs say nothing and grow as n² (a run
of 1,000 names: half a million pairs). Such a sentence keeps its mentions and the fixed
relation shapes, and adds no co-mentions and no general relations. One test for both, so
the build report's count of crowded sentences covers both.
"""

from __future__ import annotations

CO_MENTION_MAX_ENTITIES = 50  # mentions in one sentence
CO_MENTION_MAX_CHARS = 5_000  # characters of one sentence


def crowded(mentions: int, chars: int) -> bool:
    """Whether a sentence with ``mentions`` mentions and ``chars`` characters is past the caps."""
    return mentions > 1 and (mentions > CO_MENTION_MAX_ENTITIES or chars > CO_MENTION_MAX_CHARS)
