"""Events the press names with a common noun and a qualifier, not a proper name.

"the presidential election", "the May 9 election", "next year's general election",
"Ruritania's trade war with Freedonia", "the war on drugs": an event noun with a kind word,
a date or an "on <abstract noun>" complement names one event, and a later bare "the
election" in the same document refers to it when the document qualified exactly one.
A bare "the election" in a document that never qualifies it names nothing: it could be
any election. Nouns and kind words are data (``types.toml`` [event_nouns]).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from actorgraph.graph.extraction.entity_types import CALENDAR_WORDS
from actorgraph.graph.extraction.lexicon import POSSESSIVES, Lexicon, fold
from actorgraph.graph.extraction.name_shapes import tokens_of
from actorgraph.graph.extraction.references import YEAR, Found, Located

DEFINITE = frozenset({"the", "this", "that"})
SKIPPED = frozenset({"'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "-"})  # "'stolen'"
MAX_LOOKBACK = 6  # modifiers between a determiner and its noun


def qualified_events(doc: Doc, found: list[Found], lexicon: Lexicon) -> list[Found]:
    """Events named by a qualified event noun, and the bare definite nouns after them."""
    at = Located.of(found)
    nouns = lexicon.shapes["qualified_events"]
    kinds = lexicon.shapes["event_kinds"]
    campaigns = lexicon.shapes["campaign_nouns"]
    earlier = {  # names ``event_nouns`` gave already: "the Belarusian election" is Belarus's
        fold(doc[f.start : f.end].text): f.name for f in found if f.label == "Event"
    }
    qualified: list[tuple[str, int, int, str, bool]] = []  # noun, start, end, name, kind
    bare: list[Token] = []
    for token in tokens_of(doc, nouns):
        key = fold(token.text)
        if token.pos_ != "NOUN" or at.get(token.i) is not None:
            continue
        start, kind, dated = _modifiers(doc, token, kinds)
        plural = token.tag_ == "NNS"
        if key in campaigns and start == token.i and _abstract_object(token):
            end = token.right_edge.i + 1  # "the war on drugs", named whole
            qualified.append((key, token.i, end, doc[token.i : end].text.lower(), True))
        elif (kind or dated) and (dated == "year" or (not plural and _determined(doc, start))):
            phrase = f"{kind} {token.lower_}" if kind else doc[start : token.i + 1].text
            year = next((t.text for t in doc[start : token.i] if YEAR.match(t.text)), None)
            phrase = f"{year} {phrase}" if kind and year else phrase  # 2020's, not 2024's
            state = lexicon.state_demonyms.get(fold(doc[start - 1].text)) if start else None
            phrase = f"{state} {phrase}" if state and kind else phrase  # "the Syrian civil war"
            qualified.append((key, start, token.i + 1, earlier.get(key) or phrase, bool(kind)))
        elif not plural and start == token.i and _has_definite(token):
            bare.append(token)
    by_kind: dict[str, set[str]] = {}
    by_date: dict[str, set[str]] = {}
    for key, _, _, name, kinded in qualified:
        (by_kind if kinded else by_date).setdefault(key, set()).add(name)
    names = {**by_date, **by_kind}  # a kind names the event better than its date
    out = []
    for key, start, end, name, kinded in qualified:
        if not kinded and len(names.get(key, ())) == 1:
            name = next(iter(names[key]))  # "the May 9 election": the one kind named
        out.append(Found(start, end, "Event", name))
    for token in bare:
        options = names.get(fold(token.text), set())
        if len(options) == 1:  # refers, does not name: "election" is no alias of it
            via = " ".join(t.text for t in token.children if t.dep_ == "det") + f" {token.text}"
            out.append(Found(token.i, token.i + 1, "Event", next(iter(options)), via=via))
    return out


def widened_events(doc: Doc, found: list[Found], lexicon: Lexicon) -> list[Found]:
    """``found`` with each place-named event noun stretched over its kind words: "the
    presidential election in Ruritania" is written "presidential election", not "election"."""
    nouns = lexicon.shapes["qualified_events"]
    out = []
    for item in found:
        if item.label == "Event" and item.end == item.start + 1 and not item.via:
            noun = doc[item.start]
            if fold(noun.text) in nouns:
                start, kind, _ = _modifiers(doc, noun, lexicon.shapes["event_kinds"])
                item = replace(item, start=start) if kind else item
        out.append(item)
    return out


def _modifiers(doc: Doc, noun: Token, kinds: frozenset[str]) -> tuple[int, str | None, str]:
    """Where the qualifiers right before ``noun`` start, its kind words ("general"), and
    whether a date qualifies it ("year": "the 2031 election"; "date": "the May 9
    election", "March's election")."""
    start = noun.i
    words: list[str] = []
    dated = ""
    index = noun.i - 1
    while index >= 0:
        word = doc[index]
        folded = fold(word.text)
        if folded in kinds and word.text.islower():
            words.insert(0, word.lower_)
        elif YEAR.match(word.text):
            dated = "year"
        elif folded in CALENDAR_WORDS and word.text[:1].isupper():
            dated = dated or "date"
        elif not (word.like_num and index > 0 and fold(doc[index - 1].text) in CALENDAR_WORDS):
            break
        start = index
        index -= 1
    if not dated and start > 1 and doc[start - 1].text in POSSESSIVES:
        owner = doc[start - 2]  # "March's 'stolen' presidential election"
        if fold(owner.text) in CALENDAR_WORDS or YEAR.match(owner.text):
            dated = "date"
            start = start if words else start - 2  # "March's election" names it whole
    if start < noun.i and not words and not dated:
        return noun.i, None, ""
    kind = " ".join(words) if words else None
    return start, kind, dated


def _determined(doc: Doc, start: int) -> bool:
    """A determiner or possessor opens the phrase, maybe across adjectives and quotes:
    "the next general election", "March's 'stolen' presidential election"; never "an"."""
    for index in range(start - 1, max(-1, start - 1 - MAX_LOOKBACK), -1):
        word = doc[index]
        if word.lower_ in DEFINITE or word.text in POSSESSIVES or word.tag_ == "PRP$":
            return True
        adjective = word.tag_[:2] == "JJ" or (word.tag_[:2] in ("VB", "RB") and word.is_lower)
        if not (word.text in SKIPPED or adjective):  # "the Syrian civil war", "'stolen'"
            return False
    return False


def _has_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)


def _abstract_object(token: Token) -> bool:
    """ "the war on drugs", "the war on poverty": "on" and a bare lowercase noun, the name
    of a campaign against a thing; "the war on Ukraine" names a war by its target instead,
    and "a war on crime" is any such campaign."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "on":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            return (
                len(objects) == 1
                and objects[0].text.islower()
                and objects[0].tag_ in ("NN", "NNS")
                and not any(objects[0].children)
                and _has_definite(token)
            )
    return False
