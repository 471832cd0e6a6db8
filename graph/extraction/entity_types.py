"""Typing spaCy's entities with the schema's eight labels: the rules that overrule the model.

A spaCy component (``actorgraph_types``, last in the pipeline) that relabels every
entity: gazetteers decide State versus Region, a name's head word decides Tribunal,
Bill, Event or Organisation ("Uyghur Tribunal"), capitalised runs the model missed are
added when their head word types them ("Hong Kong Watch"), and noise is dropped
(generic words, demonyms, numbers, dates). Word lists live in ``graph/data/``.
"""

from __future__ import annotations

import calendar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from actorgraph.graph.extraction.lexicon import POSSESSIVES, Lexicon, fold, load_lexicon
from actorgraph.graph.extraction.name_shapes import reshape, token_indices

TYPES = "actorgraph_types"
DROPPED_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
        "LANGUAGE",
        "WORK_OF_ART",
    }
)
TEMPORAL_OR_NUMERIC = DROPPED_LABELS - {"LANGUAGE", "WORK_OF_ART"}
SPACY_TO_SCHEMA = {
    "PERSON": "Person",
    "GPE": "Region",  # a State when the gazetteer says so
    "ORG": "Organisation",
    "NORP": "Group",  # only plural nouns naming people survive
    "LOC": "Region",
    "FAC": "Region",
    "LAW": "Bill",
    "EVENT": "Event",
    "PRODUCT": "Organisation",  # only when a head word makes it one
}
# Lower-case words inside a name ("Court of Appeal", "Save the Children"). Not "and":
# "Amnesty International and Human Rights Watch" is two names far more often than one.
CONNECTORS = frozenset({"of", "for", "on", "to", "against", "in", "the", "de"})
HEAD_STOPS = frozenset({"of", "for", "on", "to", "against", "in", "at"})
LEADING_ARTICLE = frozenset({"the", "The", "THE"})
GOVERNMENT_WORDS = frozenset({"government", "govt"})
CALENDAR_WORDS = frozenset(
    fold(word)
    for word in (*calendar.month_name[1:], *calendar.day_name, *calendar.month_abbr[1:])
    if word
)


@Language.component(TYPES)
def type_entities(doc: Doc) -> Doc:
    """Relabel spaCy's entities with the schema's eight types; drop what is not an entity."""
    lexicon = load_lexicon()
    kept: list[Span] = []
    placed = placed_names(doc, lexicon)
    credits = _credit_lines(doc, lexicon)
    for ent in _firms(_with_name_chunks(doc, lexicon)):
        if any(start <= ent.start_char < end for start, end in credits):
            continue
        for part in (p for line in _lines(ent) for p in _list_items(line, ent, lexicon)):
            span = _trim(part, lexicon, person=ent.label_ == "PERSON")
            if span is None:
                continue
            party = _party_epithet(span, lexicon)
            label = "Organisation" if party else schema_label(span, ent.label_, lexicon, placed)
            if label is not None:
                span_id = ent.id_ if part.start == ent.start and part.end == ent.end else ""
                span_id = party or span_id
                state = _state_government(span, lexicon)
                if state is not None:  # "the British Government" is the State acting
                    label, span_id = "State", state
                span = _to_acronym(span)
                kept.append(Span(doc, span.start, span.end, label=label, span_id=span_id))
    for token in doc:  # a longer name may now cover a token the ruler gave an id
        token.ent_id = 0
    kept = spacy.util.filter_spans(kept)
    # Stretched persons may meet in text that runs names together ("Geoffrey Nice Uyghur
    # Tribunal China Xi Jinping ..."): the longest span wins, as above, so spaCy's E1010
    # (a token in two entities) never stops a document.
    named = spacy.util.filter_spans([_whole_person(span, kept, lexicon) for span in kept])
    named = reshape(doc, _place_of_place(named), lexicon)
    named = spacy.util.filter_spans(named + _speakers(doc, named))
    doc.ents = spacy.util.filter_spans(named + _repeated_names(doc, named))
    return doc


PLACES = frozenset({"Region", "State"})


def _place_of_place(spans: list[Span]) -> list[Span]:
    """ "the East End of London", "the City of London": a part of a place named by the
    place it is part of is one name (a Region), not two places."""
    out: list[Span] = []
    skip = None
    for number, span in enumerate(spans):
        if span is skip:
            continue
        doc = span.doc
        following = spans[number + 1] if number + 1 < len(spans) else None
        if (
            following is not None
            and span.label_ == "Region"
            and following.label_ in PLACES
            and span.start > 0
            and doc[span.start - 1].lower_ == "the"
            and following.start == span.end + 1
            and doc[span.end].lower_ == "of"
        ):
            out.append(Span(doc, span.start, following.end, label="Region"))
            skip = following
            continue
        out.append(span)
    return out


MAX_ACRONYM_STRETCH = 4  # "in Europe" before "(OSCE)"


def _initials(tokens: Span) -> str:
    """The capitals an acronym takes from a name: "Co-operation in Europe" -> "CE"."""
    return "".join(
        t.text[0] for t in tokens if t.text[:1].isupper() and t.text[0].isalpha()
    ).upper()


def _to_acronym(span: Span) -> Span:
    """A name cut short before the acronym that spells it: "Organisation for Security and
    Co-operation in Europe (OSCE)" found without "in Europe" is stretched to the bracket."""
    doc = span.doc
    for stretch in range(1, MAX_ACRONYM_STRETCH + 1):
        end = span.end + stretch
        if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
            continue
        acronym = doc[end + 1].text
        between = doc[span.end : end]
        if (
            acronym.isupper()
            and len(acronym) > 1
            and _initials(span) != acronym
            and _initials(doc[span.start : end]) == acronym
            and not any(t.is_punct or "\n" in t.whitespace_ for t in between)
        ):
            return doc[span.start : end]
    return span


SPEECH_VERBS = frozenset({"say", "add", "tell", "write", "argue", "warn", "insist"})
QUOTE_ENDS = frozenset({",", "\u201d", '"', "'", "\u2019"})


def _speakers(doc: Doc, named: list[Span]) -> list[Span]:
    """ ",” says Ye Wai Phyo Aung of Athan": the proper nouns right after an inverted
    verb of saying name the speaker, a person, when the model left them untagged."""
    covered = token_indices(named)
    out: list[Span] = []
    for verb in doc:
        if verb.lemma_ not in SPEECH_VERBS or verb.i == 0 or doc[verb.i - 1].text not in QUOTE_ENDS:
            continue
        end = verb.i + 1
        while end < len(doc) and doc[end].tag_ == "NNP" and doc[end].text[:1].isupper():
            end += 1
        span = doc[verb.i + 1 : end]
        if len(span) >= 2 and not covered & set(range(span.start, span.end)):
            out.append(Span(doc, span.start, span.end, label="Person"))
    return out


REPEATED_LABELS = frozenset({"Person", "Organisation", "Tribunal"})
MAX_NAME_TOKENS = 8


def _repeated_names(doc: Doc, named: list[Span]) -> list[Span]:
    """A name of two words or more found once is the same name wherever the document
    repeats it: the model tags "Dominic Raab" in a headline and misses it in the next line
    (one sense per document, the usual consistency pass of named-entity recognition)."""
    names: dict[tuple[str, ...], Span] = {}
    for span in named:
        if span.label_ in REPEATED_LABELS and 1 < len(span) <= MAX_NAME_TOKENS:
            names.setdefault(tuple(t.text for t in span), span)
    if not names:
        return []
    covered = token_indices(named)
    lengths = sorted({len(key) for key in names}, reverse=True)
    firsts = {key[0] for key in names}
    out: list[Span] = []
    index = 0
    while index < len(doc):
        if index in covered or doc[index].text not in firsts:
            index += 1
            continue
        for length in lengths:
            end = index + length
            source = names.get(tuple(t.text for t in doc[index:end]))
            if (
                source is not None
                and not covered & set(range(index, end))
                and not (end < len(doc) and _is_name_word(doc[end]) and not doc[end].is_punct)
                and not (index > 0 and doc[index - 1].tag_ in ("NNP", "NNPS"))
            ):
                out.append(Span(doc, index, end, label=source.label_, span_id=source.id_))
                index = end - 1
                break
        index += 1
    return out


def _whole_person(span: Span, kept: list[Span], lexicon: Lexicon) -> Span:
    """A person's name the model cut short ("Mamdouh Habib" found as "Habib", "Ye Wai Phyo
    Aung" as "Ye Wai"): stretched over the proper nouns the parse joins to it."""
    if span.label_ != "Person" or not span.doc.has_annotation("DEP"):
        return span
    doc = span.doc
    taken = {i for other in kept if other is not span for i in range(other.start, other.end)}
    skip = lexicon.honorifics | lexicon.peerage | lexicon.offices | lexicon.demonyms
    start, end = span.start, span.end

    def name_word(token: Token) -> bool:
        return (
            token.tag_ == "NNP"
            and token.i not in taken
            and token.text[:1].isupper()
            and fold(token.text) not in skip
            and fold(token.text) not in lexicon.state_demonyms
            and "\n" not in token.whitespace_
        )

    while start > 0 and name_word(doc[start - 1]) and doc[start - 1].dep_ == "compound":
        if not start <= doc[start - 1].head.i < end:
            break
        start -= 1
    while end < len(doc) and name_word(doc[end]) and doc[end - 1].dep_ == "compound":
        if doc[end - 1].head.i < end:
            break
        end += 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_, span_id=span.id_)


def schema_label(
    span: Span, proposed: str, lexicon: Lexicon, placed: frozenset[str] = frozenset()
) -> str | None:
    """The schema label of a name, or None when it is noise (generic word, demonym, number);
    ``placed``: the names the document shows as places elsewhere (``placed_names``)."""
    text = span.text
    key = fold(text)
    if proposed in DROPPED_LABELS or not any(ch.isalpha() for ch in text):
        return None
    if key in lexicon.not_entities or key in lexicon.generic:
        return None
    if text[:1].islower() and key not in lexicon.lowercase_ok and proposed not in SCHEMA_LABELS:
        return None  # "post-Brexit", "communist": common words the model mis-tagged
    if proposed in SCHEMA_LABELS:  # the project's own patterns are trusted
        return proposed
    if key in lexicon.states:
        return "State"
    if key in lexicon.regions:
        return "Region"
    if key in lexicon.demonyms:
        return None
    if _verb_before_name(span[0], span.end) or (len(span) == 1 and span[0].tag_[:2] == "JJ"):
        return None  # "Tweeted", "Inadvertently Arming China": not a name
    if len(span) == 1 and _portfolio(span, lexicon):
        return None  # "the Health Secretary": the post's portfolio, not a body
    if proposed in ("ORG", "PERSON") and len(span) == 1 and span[0].tag_ == "NNS":
        return None  # "Shoppers queued": a plural common noun, capitalised to open a sentence
    by_head = head_label(span, lexicon)
    if by_head is not None and (proposed != "PERSON" or span[-1].tag_ == "NNPS"):
        return by_head  # a plural head ("Law Lords", "Armed Forces") names no one person
    if proposed in MISLABELLED_PLACES and region_evidence(span, proposed, lexicon, placed):
        return "Region"
    if (
        proposed in ("PERSON", "ORG")
        and len(span) == 1
        and _after_the(span)
        and _title(span, lexicon)
    ):
        return None  # "the Imam said", "the Chancellor": a post, not a name
    if proposed == "PERSON" and len(span) == 1 and _after_the(span):
        return "Organisation"  # "the Telegraph was sued": an article names no one "the X"
    if proposed == "NORP":
        plural = _is_plural_noun(span[-1]) and fold(span[-1].text) not in lexicon.generic
        return "Group" if plural else None
    if proposed == "PRODUCT":
        return None
    return SPACY_TO_SCHEMA.get(proposed)


SCHEMA_LABELS = frozenset(
    {"Person", "State", "Region", "Organisation", "Group", "Tribunal", "Bill", "Event"}
)
MISLABELLED_PLACES = frozenset({"ORG", "NORP", "PERSON"})


def region_evidence(
    span: Span, proposed: str, lexicon: Lexicon, placed: frozenset[str] = frozenset()
) -> bool:
    """Whether a name the model called ORG, NORP or PERSON is a subdivision or city of the
    libraries' gazetteer with the evidence regions.toml [library] asks for.

    Precedence, in ``schema_label``: the project's patterns, the listed states and regions,
    then a head word ("Kashgar Prefecture", "Wuhan Institute") decide first; this comes
    next. The name must be the object of a place preposition, or a conjunct of one ("in
    Kashgar and Aksu"), or stand in a list or apposition with a place the model found
    ("Aksu, Xinjiang"), or be ``placed`` (one sense per document: "Aksu's camps" where
    the text also says "in Aksu"); a PERSON must be a division or a large city ("in
    Walker" is a person more often than a town of 30,000), and nothing may give it a
    person's shape.
    """
    if fold(span.text) not in placed and not _in_place_phrase(span, proposed, lexicon):
        return False  # checked first: the gazetteer is read only when a name may need it
    place = lexicon.library_regions.place(span.text)
    if place is None:
        return False
    if proposed != "PERSON":
        return True
    return lexicon.library_regions.notable(place) and not _person_shaped(span, lexicon)


PLACE_LABELS = frozenset({"GPE", "LOC", "State", "Region"})  # the model's and the rulers'
LIST_LINKS = frozenset({"conj", "appos"})


def placed_names(doc: Doc, lexicon: Lexicon) -> frozenset[str]:
    """The names a document shows as places: the model's GPE and LOC, and the names in a
    place phrase ("in Aksu") whatever the model called them."""
    return frozenset(
        fold(ent.text)
        for ent in doc.ents
        if ent.label_ in PLACE_LABELS or _in_place_phrase(ent, ent.label_, lexicon)
    )


def _in_place_phrase(span: Span, proposed: str, lexicon: Lexicon) -> bool:
    """After a place preposition, or (not for a PERSON: "Mr Smith, Jackson and Victoria"
    is a list of people the model may call one of them a place) beside a place."""
    doc = span.doc
    beside = proposed != "PERSON"
    if span.end < len(doc) and doc[span.end].text in POSSESSIVES:
        return False  # "in Jackson's speech": the name owns the noun that is the place
    if _listed_after_place(span, lexicon, beside=beside):
        return True
    if not doc.has_annotation("DEP"):
        return False
    root = span.root
    linked = [c for c in root.children if c.dep_ in LIST_LINKS]
    if root.dep_ in LIST_LINKS:
        linked.append(root.head)
    if beside and any(_is_place(t, lexicon) for t in linked):
        return True  # "Aksu, Xinjiang", "Kashgar, Urumqi and Aksu" as the parse joins them
    token = root
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in lexicon.place_prepositions


LIST_WORDS = frozenset({",", "and", "or", "&"})
MAX_LIST_ITEMS = 6


def _listed_after_place(span: Span, lexicon: Lexicon, *, beside: bool) -> bool:
    """ "in Aksu", "in Hotan, Aksu and Korla", "Tigray and Afar": right after a place
    preposition, or in a list whose earlier items follow one or (``beside``) are places,
    whatever the parse made of the list."""
    doc = span.doc
    at = span.start - 1
    for _ in range(MAX_LIST_ITEMS):
        if at >= 0 and doc[at].lower_ in lexicon.place_prepositions:
            return True
        if at < 0 or doc[at].text not in LIST_WORDS:
            return False
        while at > 0 and doc[at].text in LIST_WORDS:
            at -= 1
        if beside and _is_place(doc[at], lexicon):
            return True  # "Tigray and Afar"
        if not doc[at].text[:1].isupper():
            return False
        while at > 0 and doc[at - 1].text[:1].isupper():
            at -= 1  # over the earlier item ("Hotan")
        at -= 1
    return False


def _is_place(token: Token, lexicon: Lexicon) -> bool:
    """A token of a place the model found, or a listed state or region."""
    return token.ent_type_ in PLACE_LABELS or lexicon.known_place(token.text)


def _person_shaped(span: Span, lexicon: Lexicon) -> bool:
    """The name after a title anywhere in the document ("Mr Jackson"), or inside a fuller
    person's name of the document ("Florence Nightingale" ... "in Florence")."""
    doc = span.doc
    titles = lexicon.honorifics | lexicon.peerage | lexicon.offices
    first = span[0].text
    if any(t.text == first and t.i > 0 and fold(doc[t.i - 1].text) in titles for t in doc):
        return True
    words = tuple(t.text for t in span)
    fuller = (tuple(t.text for t in e) for e in doc.ents if e.label_ in ("PERSON", "Person"))
    return any(
        len(names) > len(words)
        and any(names[i : i + len(words)] == words for i in range(len(names)))
        for names in fuller
    )


def head_label(span: Span | list[Token], lexicon: Lexicon) -> str | None:
    """The label the name's head word implies ("Uyghur Tribunal" -> Tribunal), if any."""
    words = [token.text for token in span]
    if len(words) < 2:
        return None
    joined = fold(" ".join(words))
    for prefix, label in lexicon.first_word_overrides.items():
        if joined.startswith(prefix):
            return label
    if fold(words[-1]) in lexicon.shapes["final_bill_heads"]:
        return "Bill"  # "Protection of Freedoms Bill": the final word decides
    head = len(words)
    for index, word in enumerate(words[1:], 1):
        if word.lower() in HEAD_STOPS:
            head = index
            break
    if head == 0:
        return None
    last = fold(words[head - 1])
    two = fold(" ".join(words[max(0, head - 2) : head]))
    label = lexicon.heads.get(two) or lexicon.heads.get(last)
    if label == "Region" and head == 1:
        return None  # "State in the Foreign Office": a place head needs a name before it
    return label


def _portfolio(span: Span, lexicon: Lexicon) -> bool:
    """One word before a minister's title ("Health Secretary", "Culture Minister") that
    no list knows as a place."""
    doc = span.doc
    return (
        span.end < len(doc)
        and doc[span.end].text in lexicon.shapes["portfolio_titles"]
        and not lexicon.known_place(span.text)
    )


def _title(span: Span, lexicon: Lexicon) -> bool:
    key = fold(span.text)
    return key in lexicon.honorifics or key in lexicon.offices


def _after_the(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ == "the"


def _is_plural_noun(token: Token) -> bool:
    if token.tag_:
        return token.tag_ in ("NNS", "NNPS")
    return token.text.endswith("s") and token.text[:1].isupper()


def _lines(span: Span) -> list[Span]:
    """A span cut at its line breaks: a heading or byline glued to the next line is two
    names (or a name and noise), never one."""
    parts, start = [], span.start
    for token in span:
        if "\n" in token.text or "\n" in token.whitespace_:
            end = token.i if "\n" in token.text else token.i + 1
            if end > start:
                parts.append(span.doc[start:end])
            start = token.i + 1
    if start < span.end:
        parts.append(span.doc[start : span.end])
    return parts


def _list_items(span: Span, ent: Span, lexicon: Lexicon) -> list[Span]:
    """ "Irrawaddy and Radio Free Asia": two names the model ran into one, cut at "and".

    Kept whole when a part after "and" is a single word ("Marks and Spencer", "Bethnal
    Green and Bow"), when the whole is a known name, or when it is not an organisation.
    """
    if ent.label_ not in ("ORG", "Organisation") or ent.id_:
        return [span]
    cuts = [t.i for t in span if t.lower_ in ("and", "&") and span.start < t.i < span.end - 2]
    if not cuts or fold(span.text) in lexicon.states:
        return [span]
    parts, start = [], span.start
    for cut in cuts:
        parts.append(span.doc[start:cut])
        start = cut + 1
    parts.append(span.doc[start : span.end])
    if any(len(part) < 1 for part in parts) or len(parts[-1]) < 2:
        return [span]
    if any(t.lower_ in CONNECTORS for t in parts[0]):
        return [span]  # "Organisation for Security and Co-operation": one name's phrase
    return parts


def _state_government(span: Span, lexicon: Lexicon) -> str | None:
    """The state a "<State or demonym> Government" span names ("British Government")."""
    words = fold(span.text).split()
    if len(words) < 2 or words[-1] not in GOVERNMENT_WORDS:
        return None
    owner = " ".join(words[:-1])
    return lexicon.states.get(owner) or lexicon.state_demonyms.get(owner)


def _party_epithet(span: Span, lexicon: Lexicon) -> str | None:
    """The party a "<epithet> <party>" span names ("Old Labour", whatever the model called
    it): the party's era or brand is the party (references.toml [party_epithets])."""
    epithets = lexicon.references.get("party_epithets", {}).get("words", ())
    if len(span) != 2 or fold(span[0].text) not in epithets or not span[0].text[:1].isupper():
        return None
    return lexicon.party_adjectives.get(fold(span[1].text))


def _trim(span: Span, lexicon: Lexicon, *, person: bool = False) -> Span | None:
    """The name inside a proposed span (None when nothing is left), on one line.

    Drops a leading article, quotes, a date ("April the Tatmadaw"), a leading office
    ("Chair of Hong Kong Watch"), a generic possessor ("the Government's Trade Bill"),
    anything from a bracket on, and for a ``person`` a leading verb ("Tweeted Donald Trump").
    """
    start, end = span.start, span.end
    doc = span.doc
    if any("\n" in token.text for token in span):
        return None
    while start < end - 1 and fold(doc[start].text) in CALENDAR_WORDS:
        start += 1
        if doc[start].text in POSSESSIVES:  # "June's European Parliament"
            start += 1
    for index in range(start, end):
        if doc[index].text in ("(", "[") and index > start:
            end = index
            break
    while start < end and doc[start].text in LEADING_ARTICLE:
        start += 1
    if end - start > 1 and doc[start].lower_ in ("a", "an") and doc[start].tag_ == "DT":
        start += 1  # "A Home Office spokesperson": the sentence's article, not the name's
    while person and start < end - 1 and _verb_before_name(doc[start], end):
        start += 1  # "Tweeted Donald Trump": the verb is no part of the person's name
    for index in range(start, min(end - 1, start + 3)):
        if doc[index].lower_ in ("of", "at") and all(
            fold(t.text) in lexicon.offices for t in doc[start:index]
        ):
            start = index + 1
            break
    for index in range(start + 1, end - 1):
        if doc[index].text in POSSESSIVES:  # "Britain's Modern Slavery Act"
            possessor = fold(doc[start:index].text)
            owners = lexicon.generic | lexicon.demonyms | lexicon.states.keys()
            if possessor in owners or possessor in lexicon.regions or possessor in CALENDAR_WORDS:
                start = index + 1
            break
    while start < end and (
        doc[start].text in LEADING_ARTICLE or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while end > start and (
        doc[end - 1].text in POSSESSIVES or doc[end - 1].lower_ in CONNECTORS | {"and", "&"}
    ):
        end -= 1  # "Anti-Slavery International and": the model's span ran into a list
    if start >= end:
        return None
    return doc[start:end]


def _verb_before_name(token: Token, end: int) -> bool:
    """A verb or adverb opening a span, unless the parse makes it part of the name after
    it ("Said/VBD Ahmed": a compound of the name, so a given name)."""
    if token.tag_[:2] not in ("RB", "VB"):
        return False
    return not (token.dep_ == "compound" and token.i < token.head.i < end)


def _is_name_word(token: Token) -> bool:
    text = token.text
    return bool(text[:1].isupper() or (text[:1].isdigit() and any(c.isalpha() for c in text)))


def _starts_name(token: Token) -> bool:
    """A proper noun (when tagged) or a capitalised word that is not a sentence's first."""
    if not _is_name_word(token):
        return False
    if token.tag_:
        return token.tag_ in ("NNP", "NNPS") or token.text.isupper()
    return not token.is_sent_start or not token.is_stop


def _continues_name(doc: Doc, index: int) -> bool:
    """Whether token ``index`` can sit inside a name that has started before it."""
    token = doc[index]
    if token.ent_type_ in TEMPORAL_OR_NUMERIC:
        return False  # "the Nairobi Tribunal on Monday": a date ends the name
    if _is_name_word(token) or token.text == "-":
        return True
    following = doc[index + 1] if index + 1 < len(doc) else None
    if following is None:
        return False
    if token.text in POSSESSIVES:  # "Tigray People's Liberation Front"
        return _is_name_word(following)
    return token.lower_ in CONNECTORS and (_is_name_word(following) or following.lower_ == "the")


def _name_chunks(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """Capitalised runs ("Hong Kong Watch", "Court of Appeal") whose head word sets a type."""
    chunks: list[Span] = []
    index = 0
    n = len(doc)
    while index < n:
        if not _starts_name(doc[index]):
            index += 1
            continue
        end = index + 1
        while end < n and _continues_name(doc, end):
            end += 1
        while end > index and not _is_name_word(doc[end - 1]):
            end -= 1
        begin = index
        if index >= 2 and doc[index - 1].lower_ in ("and", "&") and _starts_name(doc[index - 2]):
            begin = index - 2  # "Belt and Road Initiative", "Marks & Spencer"
        span = _trim(doc[begin:end], lexicon)
        if span is not None:
            span = _place_before_connector(span, lexicon)
            label = head_label(span, lexicon)
            if label is not None:
                chunks.append(Span(doc, span.start, span.end, label=label))
        index = max(end, index + 1)
    return chunks


PLACE_BREAKS = CONNECTORS - {"of", "the", "de"}  # "of" joins a place of a place


def _place_before_connector(span: Span, lexicon: Lexicon) -> Span:
    """ "from Kachin State to Yunnan": a place's name ends at a connector ("Alliance to End
    ..." goes on: its head is no place word), and so does a generic word before "in"."""
    for token in span[1:-1]:
        before = span.doc[span.start : token.i]
        if token.lower_ in PLACE_BREAKS and head_label(before, lexicon) == "Region":
            return before
        if token.lower_ == "in" and fold(before.text) in lexicon.generic:
            return before  # "the Institute in Leeds": a body described by its place
    return span


def _credit_lines(doc: Doc, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where a page's credit lines are ("Photo: AFP via Getty Images", "Copyright 2024 The
    Herald"), as character ranges: agencies and owners credited for a picture or the page,
    not actors. Found in the text, so no Python loop over its tokens."""
    return [match.span() for match in lexicon.credit_line.finditer(doc.text)]


def _firms(ents: list[Span]) -> list[Span]:
    """ "the law firm Harlow and Pike": one word the model called a person, "and", one word
    it called an organisation, is one firm's name (a person is never named "Harlow" alone
    beside an organisation "Pike"); two organisations ("Oxfam and Amnesty") stay two."""
    out: list[Span] = []
    for ent in ents:
        before = out[-1] if out else None
        if (
            before is not None
            and ent.label_ == "ORG"
            and before.label_ == "PERSON"
            and len(ent) == len(before) == 1
            and ent.start == before.end + 1
            and ent.doc[before.end].lower_ in ("and", "&")
            and not ent.id_
        ):
            out[-1] = Span(ent.doc, before.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def _with_name_chunks(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """spaCy's entities, with longer head-typed name chunks replacing the ones they cover."""
    ents = list(doc.ents)
    chunks = _name_chunks(doc, lexicon)
    if not chunks:
        return ents
    protected = [ent for ent in ents if ent.label_ in SCHEMA_LABELS]
    out = list(ents)
    for chunk in chunks:
        covered = [e for e in out if e.start < chunk.end and chunk.start < e.end]
        if any(e in protected and (e.end - e.start) >= len(chunk) for e in covered):
            continue
        if any(e.label_ == "PERSON" and len(e) == 2 and len(e) >= len(chunk) for e in covered):
            continue  # "Nathan Law" is a person, whatever its last word says
        cores = [_trim(e, lexicon) or e for e in covered]  # "the X Front" covers "X Front"
        if any(e.start < chunk.start or e.end > chunk.end for e in cores):
            continue  # crosses an entity boundary: trust the model
        out = [e for e in out if e not in covered] + [chunk]
    return sorted(out, key=lambda span: span.start)
