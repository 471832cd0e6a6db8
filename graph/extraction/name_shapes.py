"""Names whose shape the words around them decide, after typing: a shared head noun, a
member's seat, a longer name than the built-in one, a name with a lowercase head.

The typing component (``entity_types``) labels the spans spaCy and the rulers propose;
these passes then reshape them from the words next to them, as a reader would:
"Belmarsh and Woodhill prisons" is two prisons, "St Dunstan's and Stepney Green ward"
one ward, "the Glasgow Kelvin MP" names a seat, "BBC Radio 4" is longer than "BBC",
"Tower Hamlets borough" is a place (and so is "Aksu prefecture", found by no one but
the gazetteers), "European Parliament elections" an event, "the Bangladeshi
population" a group, "an EU arms code", "the telecommunications law" and "Canada's ban
on timber imports" bills; "her memoir, Walking Home," names no actor.
The word lists are in ``graph/data/types.toml`` ([heads], [shapes]).
"""

from __future__ import annotations

import numpy
from spacy.tokens import Doc, Span, Token

from actorgraph.graph.extraction.lexicon import POSSESSIVES, Lexicon, fold

PLACES = frozenset({"Region", "State"})
MAX_NAME_RUN = 6  # capitalised words one conjunct of a shared-head list may hold
LISTED = frozenset({"Region", "State", "Person", "Organisation"})  # what a list may hold
LIST_LINKS = frozenset({",", "and"})
MAX_BILL_WORDS = 3  # lowercase nouns between a bill's owner and its head ("arms exports")


def reshape(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """``named`` after every pass of this module, in text order, without overlaps."""
    for shape in (
        verbs_read_as_names,
        work_titles,
        described_names,
        shared_heads,
        appositive_names,
        member_seats,
        longer_names,
        lowercase_heads,
        headed_places,
        listed_places,
        demonym_groups,
        descriptive_bills,
        owned_bans,
    ):
        named = shape(doc, named, lexicon)
    return named


def token_indices(spans: list[Span]) -> set[int]:
    """The token indices the spans cover."""
    return {i for span in spans for i in range(span.start, span.end)}


def tokens_of(doc: Doc, words: frozenset[str]) -> list[Token]:
    """The tokens whose lowercase form is one of ``words``, found in the Doc's array rather
    than token by token (for rules that start from a rare word)."""
    hashes = numpy.array([doc.vocab.strings.add(word) for word in words], dtype="uint64")
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(doc.to_array("LOWER"), hashes))]


def _replace(named: list[Span], new: list[Span]) -> list[Span]:
    """``named`` with ``new`` in place of every span it overlaps."""
    if not new:
        return named
    taken = token_indices(new)
    kept = [s for s in named if not taken & set(range(s.start, s.end))]
    return sorted(kept + new, key=lambda span: span.start)


def _seat_place(span: Span, lexicon: Lexicon) -> bool:
    """ "the Leeds Riverside MP": a seat opens with a known place, or a city or division
    of the libraries' gazetteer unless the run is a person's name ("the Jackson Smith MP")."""
    first = span[0].text
    if lexicon.known_place(first):
        return True
    return span.label_ != "Person" and lexicon.library_regions.place(first) is not None


def _name_word(token: Token) -> bool:
    """A capitalised noun or adjective on the line ("The" opening a sentence is none; the
    small model tags some names NN: "Belmarsh and Woodhill/NN prisons")."""
    tagged = token.tag_[:2] in ("NN", "JJ") if token.tag_ else True
    return tagged and token.text[:1].isupper() and token.is_alpha and "\n" not in token.whitespace_


def _run_before(doc: Doc, end: int) -> int:
    """Start of the capitalised run ending at ``end`` ("St Dunstan's", "Stepney Green")."""
    start = end
    while start > 0 and end - start < MAX_NAME_RUN:
        token = doc[start - 1]
        possessive = token.text in POSSESSIVES and start > 1 and _name_word(doc[start - 2])
        if not (_name_word(token) or possessive):
            break
        start -= 1
    if start < end and doc[start].text in POSSESSIVES:
        start += 1
    return start


def work_titles(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "her memoir, Walking Home,", "the film Silent River": a name in apposition to a
    noun for a work is the work's title, not an actor (a built-in name stays: "his report
    for Amnesty International" is no apposition)."""
    works = lexicon.shapes["work_nouns"]
    return [
        span
        for span in named
        if span.id_
        or span.root.dep_ != "appos"
        or not span.root.head.text.islower()
        or fold(span.root.head.text) not in works
    ]


def verbs_read_as_names(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "Stick to the mission.": one word the model took for a name, the root of its
    sentence with no subject but a verb's complements, is an imperative verb."""
    return [
        span
        for span in named
        if span.id_
        or len(span) > 1
        or span.root.dep_ != "ROOT"
        or lexicon.known_place(span.text)
        or any(c.dep_.startswith("nsubj") for c in span.root.children)
        or not any(c.dep_ in ("prep", "dobj") for c in span.root.children)
    ]


def described_names(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "Athan, a free-speech watchdog based in Yangon", "Rahima Mahmut, the Uyghur
    campaigner": the head noun of a description right after a name types the name the
    model guessed ("watchdog": an Organisation; "campaigner": a Person). A built-in or
    gazetteer name keeps its type, and a person is only ever typed a person."""
    out = []
    for span in named:
        head = _description_head(doc, span.end)
        label = None
        if head is not None:
            key = fold(head.text)
            label = "Person" if key in lexicon.shapes["person_nouns"] else lexicon.heads.get(key)
        known = span.id_ or lexicon.known_place(span.text)
        if label is not None and label != span.label_ and span.label_ != "Person" and not known:
            span = Span(doc, span.start, span.end, label=label)
        out.append(span)
    return out


def _description_head(doc: Doc, at: int) -> Token | None:
    """The noun heading ", a/an/the <modifiers> <noun>" at token ``at``, if the text has
    one (", the Uyghur campaigner", ", a press watchdog")."""
    if at + 2 >= len(doc) or doc[at].text != "," or doc[at + 1].lower_ not in ("a", "an", "the"):
        return None
    index = at + 2
    while index < len(doc) - 1 and doc[index].dep_ in ("amod", "compound", "punct", "advmod"):
        index += 1
    head = doc[index]
    return head if head.tag_ == "NN" and head.text.islower() else None


def shared_heads(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "Belmarsh and Woodhill prisons": two names sharing a plural head, each "<X> Prison";
    "St Dunstan's and Stepney Green ward": a singular head makes the list one name."""
    known = token_indices([span for span in named if span.id_])
    new: list[Span] = []
    for head in doc[3:]:
        label = lexicon.heads.get(fold(head.text))
        if label is None or not head.text.islower() or head.tag_ not in ("NN", "NNS"):
            continue
        second = _run_before(doc, head.i)
        if second == head.i or doc[second - 1].lower_ not in ("and", "&"):
            continue
        first = _run_before(doc, second - 1)
        if first == second - 1 or doc[first].is_sent_start:
            continue  # "The X and Y" at a sentence's start: the capital proves nothing
        if fold(doc[first : second - 1].text) in lexicon.demonyms:
            continue  # "British and Irish prisons": adjectives, no names
        if head.tag_ == "NN" and lexicon.known_place(doc[first : second - 1].text):
            continue  # "the Israel and Gaza region": two known places, not one name
        if head.tag_ == "NNS":
            word = head.lemma_.title()
            for start, end in ((first, second - 1), (second, head.i)):
                if not any(i in known for i in range(start, end)):  # "Labour": built in
                    name = f"{doc[start:end].text} {word}"
                    new.append(Span(doc, start, end, label=label, span_id=name))
        else:
            new.append(Span(doc, first, head.i, label=label))
    return _replace(named, new)


def appositive_names(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "Respect, the Unity Coalition,": an organisation's name in apposition to another's
    is a second name of the same organisation, so it takes the first one's name."""
    by_start = {span.start: span for span in named}
    new: list[Span] = []
    for first in named:
        at = first.end + 1
        if first.label_ != "Organisation" or at >= len(doc) or doc[first.end].text != ",":
            continue
        if doc[at].lower_ == "the":
            at += 1
        second = by_start.get(at)
        if (
            second is not None
            and second.label_ == "Organisation"
            and second.root.dep_ == "appos"
            and first.start <= second.root.head.i < first.end
        ):
            name = first.id_ or first.text
            new.append(Span(doc, second.start, second.end, label="Organisation", span_id=name))
    return _replace(named, new)


def member_seats(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "the Glasgow Kelvin MP": a place and the capitalised words after it, before a
    member's title, name the seat (a Region), not the place alone, nor an organisation
    ("Glasgow Kelvin" found as one name by the model); so does a name after "MP for"."""
    titles = lexicon.shapes["member_titles"]
    parties = {
        fold(word)
        for words in lexicon.references.get("adjectives", {}).get("parties", {}).values()
        for word in words
    }
    new: list[Span] = []
    by_start = {span.start: span for span in named}
    covered = token_indices(named)
    for title in doc[1:]:
        if title.text not in titles:
            continue
        start = _run_before(doc, title.i)
        span = by_start.get(start)
        if span is None or any(fold(t.text) in parties for t in doc[start + 1 : title.i]):
            continue  # "the London Labour MP": a party's member, not a seat
        if span.label_ in PLACES and span.end < title.i:
            if any(i in covered for i in range(span.end, title.i)):
                continue  # "the Birmingham Amnesty MP": a name of its own between
        elif not (span.end == title.i and len(span) > 1 and _seat_place(span, lexicon)):
            continue
        new.append(Span(doc, start, title.i, label="Region"))
    for span in named:  # "MP for Wealden": the seat, whatever the model called it
        if (
            span.start >= 2
            and doc[span.start - 1].lower_ == "for"
            and doc[span.start - 2].text in titles
            and span.label_ not in PLACES
            and not span.id_
        ):
            new.append(Span(doc, span.start, span.end, label="Region"))
    return _replace(named, new)


def longer_names(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """The longest name in the text wins over a shorter built-in one: "BBC Radio 4" over
    the ruler's "BBC"; a programme after a broadcaster's possessive ("BBC Radio 4's
    World At One") is an Organisation too."""
    stop = lexicon.offices | lexicon.honorifics | lexicon.post_nominals | lexicon.demonyms
    covered = token_indices(named)
    new: list[Span] = []
    for span in named:
        if span.label_ != "Organisation":
            continue
        end = span.end
        while (
            end < len(doc)
            and end not in covered
            and (doc[end].tag_ == "NNP" or (doc[end].like_num and end > span.end))
            and fold(doc[end].text) not in stop
            and "\n" not in doc[end - 1].whitespace_
        ):
            end += 1
        words = {fold(t.text) for t in doc[span.start : end]}
        if end > span.end and span.id_ and words & lexicon.shapes["broadcast"]:
            new.append(Span(doc, span.start, end, label="Organisation"))
        if (
            end < len(doc) - 1
            and doc[end].text in POSSESSIVES
            and words & lexicon.shapes["broadcast"]
        ):
            title = end + 1
            while title < len(doc) and title not in covered and doc[title].text[:1].isupper():
                title += 1
            if title > end + 1:
                new.append(Span(doc, end + 1, title, label="Organisation"))
    return _replace(named, new)


def lowercase_heads(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """A name with a lowercase head after it, or a place word before "of" it: "Tower
    Hamlets borough" and "the constituency of Bethnal Green" are places; "European
    Parliament elections" an event (the head is part of its name)."""
    new: list[Span] = []
    for span in named:
        if span.id_:
            continue  # a built-in name keeps its type: "the Commons constituency of ..."
        after = doc[span.end] if span.end < len(doc) else None
        before = doc[span.start - 2 : span.start] if span.start >= 2 else None
        place_of = (
            before is not None
            and before[1].lower_ == "of"
            and before[0].text.islower()
            and lexicon.heads.get(before[0].lower_) == "Region"
        )
        place_head = (
            after is not None
            and after.text.islower()
            and lexicon.heads.get(after.lower_) == "Region"
        )
        if span.label_ not in PLACES and (place_of or place_head):
            new.append(Span(doc, span.start, span.end, label="Region"))
        elif (
            span.label_ == "Organisation"
            and after is not None
            and after.lower_ in lexicon.shapes["name_events"]
        ):
            new.append(Span(doc, span.start, span.end + 1, label="Event"))
    return _replace(named, new)


def listed_places(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "the towns of Ashby, Melton and Oakham": every name of a list after a plural place
    noun and "of" is a place (a Region), one type for the list whatever the model guessed
    for each item and whether or not a gazetteer knows the town."""
    kinds = lexicon.shapes["place_kinds"]
    by_start = {span.start: span for span in named}
    new: list[Span] = []
    for noun in tokens_of(doc, kinds):
        if noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ != "of":
            continue
        at = noun.i + 2
        while (span := by_start.get(at)) is not None and span.label_ in LISTED:
            new += [
                part
                if part.label_ in PLACES or span.id_
                else Span(doc, part.start, part.end, label="Region")
                for part in _split_list(span)
            ]
            at = span.end
            while at < len(doc) and doc[at].text in LIST_LINKS:
                at += 1
            if at == span.end:
                break
    return _replace(named, new)


def _split_list(span: Span) -> list[Span]:
    """ "Melton and Oakham" found as one name: its items."""
    doc = span.doc
    cuts = [t.i for t in span if t.text in LIST_LINKS] + [span.end]
    parts, start = [], span.start
    for cut in cuts:
        if cut > start:
            parts.append(Span(doc, start, cut, label=span.label_, span_id=span.id_))
        start = cut + 1
    return parts


def headed_places(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "troops entered Punjab province": a place no one found, before a lowercase place
    head, is a Region when a gazetteer knows it ("the Labour constituency" is no place)."""
    covered = token_indices(named)
    new: list[Span] = []
    for head in doc[1:]:
        if not head.text.islower() or lexicon.heads.get(head.lower_) != "Region":
            continue
        start = _run_before(doc, head.i)
        if start == head.i or any(i in covered for i in range(start, head.i)):
            continue
        text = doc[start : head.i].text
        if lexicon.known_place(text) or lexicon.library_regions.place(text) is not None:
            new.append(Span(doc, start, head.i, label="Region"))
    return _replace(named, new)


def demonym_groups(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "the Bangladeshi population", "the Uyghur community", "violence against the Kurdish
    people": a demonym before a noun for a population (or a people harmed) names that
    group (a Group), the built-in one when there is one ("Uyghurs"); the demonym alone
    never does, nor one inside a longer name ("Han Chinese")."""
    nouns = lexicon.shapes["group_nouns"]
    victims = lexicon.shapes["victim_nouns"]
    covered = token_indices(named)
    groups = {p["id"] for p in lexicon.patterns if p["label"] == "Group" and "id" in p}
    new = []
    for token in doc[1:]:
        word = doc[token.i - 1]
        against = token.dep_ == "pobj" and token.head.lower_ == "against"
        if (
            (token.lower_ in nouns or (token.lower_ in victims and against))
            and word.i not in covered
            and word.text[:1].isupper()
            and fold(word.text) in lexicon.demonyms
        ):
            known = f"{word.text}s" if f"{word.text}s" in groups else ""
            new.append(Span(doc, word.i, token.i + 1, label="Group", span_id=known))
    return _replace(named, new)


def descriptive_bills(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "an EU arms code", "the telecommunications law", "the Telecommunications Law":
    nouns before a legal head name a Bill when a name owns it or "the" makes it one law.
    ("Law" alone is no head: it is a surname too, so "Nathan Law" stays a person.)"""
    heads = lexicon.shapes["law_heads"]
    by_end = {span.end: span for span in named}
    covered = token_indices(named)
    new: list[Span] = []
    for head in doc[2:]:
        if head.lower_ not in heads or head.tag_ not in ("NN", "NNP"):
            continue
        proper = head.text[:1].isupper()
        if head.i in covered and not proper:
            continue
        start = head.i
        while start > 0 and head.i - start < MAX_BILL_WORDS and _modifies(doc[start - 1], proper):
            start -= 1
        if start == head.i:
            continue
        owner = by_end.get(start)
        if owner is not None and owner.label_ in ("Organisation", "State") and not proper:
            name = f"{owner.id_ or owner.text} {doc[start : head.i + 1].text}"
            new.append(Span(doc, owner.start, head.i + 1, label="Bill", span_id=name))
        elif doc[start - 1].lower_ == "the":
            name = doc[start : head.i + 1].text + _target(doc, head.i + 1, named)
            new.append(Span(doc, start, head.i + 1, label="Bill", span_id=name))
    return _replace(named, new)


def owned_bans(doc: Doc, named: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "Canada's ban on timber imports from Freedonia": a ban a state or a body owns,
    on a kind of thing, is one legal instrument (a Bill), named "<owner> ban on <things>";
    the span is the ban and its object, as the text writes it. A ban on a named actor
    ("Twitter's ban on Trump") or a ban no one owns ("a ban on protests") names nothing."""
    heads = lexicon.shapes["ban_heads"]
    by_end = {span.end: span for span in named}
    covered = token_indices(named)
    new: list[Span] = []
    for head in tokens_of(doc, heads):
        if head.i < 2 or head.i in covered or doc[head.i - 1].text not in POSSESSIVES:
            continue
        owner = by_end.get(head.i - 1)
        prep = doc[head.i + 1] if head.i + 1 < len(doc) else None  # the parse may attach
        if owner is None or owner.label_ not in ("Organisation", "State") or prep is None:
            continue  # "on" to the verb ("lift X's ban on imports"): the words decide
        if prep.lower_ != "on":
            continue
        things = [c for c in prep.children if c.dep_ == "pobj"]
        if len(things) != 1 or not things[0].text.islower() or things[0].i in covered:
            continue
        end = prep.right_edge.i + 1
        if any("\n" in t.whitespace_ for t in doc[head.i : end - 1]):
            continue
        name = f"{owner.id_ or owner.text} {doc[head.i : end].text}"
        new.append(Span(doc, head.i, end, label="Bill", span_id=name))
    return _replace(named, new)


def _target(doc: Doc, at: int, named: list[Span]) -> str:
    """ " on China" when "on/against <state>" follows a descriptive bill: the state it
    targets tells one "arms embargo" from another."""
    if at + 1 >= len(doc) or doc[at].lower_ not in ("on", "against"):
        return ""
    state = next((s for s in named if s.start == at + 1 and s.label_ == "State"), None)
    return f" {doc[at].lower_} {state.id_ or state.text}" if state is not None else ""


def _modifies(token: Token, proper: bool) -> bool:
    """A noun of a descriptive bill's name: lowercase compounds, or capitalised words
    before a capitalised head."""
    if proper:
        return _name_word(token)
    return token.tag_ in ("NN", "NNS") and token.text.islower() and token.dep_ == "compound"
