"""Entity resolution: canonical names, stable ids, and which mentions are one actor.

Within a document, a surname-only mention joins the full name it shortens and an
acronym joins the expansion it abbreviates; across the corpus, ``final_merges`` folds
short forms into the one node they can only mean, and ``notes`` marks the short forms
that could mean several, which stay apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

import networkx as nx

from actorgraph.graph.extraction.lexicon import QUOTES, Lexicon, fold, load_lexicon
from actorgraph.graph.extraction.places import ascii_form
from actorgraph.graph.records import Extraction, Mention

OUTER_PUNCT = "\"'()[]{}<>.,;:!?-\u2013\u2014\u2026*"
POSSESSIVE = re.compile("['\u2019]s?$")
SLUG_CHARS = re.compile("[^a-z0-9\u0080-\U0010ffff]+")  # ASCII other than a-z, 0-9
ACRONYM_SKIP = frozenset({"of", "for", "on", "the", "and", "to", "in", "at", "against", "de"})
DOCUMENT = "Document"


@dataclass(frozen=True)
class EntityRef:
    """The node a mention resolves to."""

    id: str
    label: str
    name: str
    note: str | None = None


@lru_cache(maxsize=1 << 16)
def normal_key(text: str) -> str:
    """The gold README's normalisation: NFKC, straight quotes, casefold, no "the"/"'s"."""
    text = fold(text).strip(OUTER_PUNCT + " ")
    if text.startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    return text.strip(OUTER_PUNCT + " ")


def slug(name: str) -> str:
    """The id form of a name: lower case, words joined by "-", Latin accents dropped.

    A character with an ASCII fold takes it ("Milošević" -> "milosevic"), as ids always
    have; a letter or digit without one is kept as written, with its combining marks, so
    names in other scripts stay apart ("владимир-путин", "习近平") instead of all folding
    to nothing. A name with no letter or digit at all gets a short hash, distinct too.
    """
    key = unicodedata.normalize("NFC", normal_key(name))
    out: list[str] = []
    for char in key:
        folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        category = unicodedata.category(char)[0]
        if folded:
            out.append(folded)
        elif category in "LN" or (category == "M" and out and not out[-1].isascii()):
            out.append(char)  # a mark stays with its letter (Burmese, Arabic, Devanagari)
    text = SLUG_CHARS.sub("-", "".join(out)).strip("-")
    return text or "x-" + hashlib.sha256((key or name).encode("utf-8")).hexdigest()[:8]


def entity_id(label: str, name: str) -> str:
    """The stable node id of an entity: ``Label:slug``."""
    return f"{label}:{slug(name)}"


def common_event(label: str, name: str) -> bool:
    """An event named in common words and numbers only ("presidential election", "2020
    general election", "trade war"): each document's is its own node, since two articles
    about "the presidential election" may mean two countries' (events.py names them)."""
    return label == "Event" and name == name.lower()


def canonical_name(text: str, label: str, lexicon: Lexicon | None = None) -> str:
    """The fullest proper name: no "the", possessive, honorific, office or post-nominal."""
    lexicon = lexicon or load_lexicon()
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    words = text.split()
    while words and words[0].lower() == "the":
        words = words[1:]
    if words:
        words[-1] = POSSESSIVE.sub("", words[-1]) if len(words[-1]) > 2 else words[-1]
    words = [w.strip(",") for w in words if w.strip(",")]
    if label == "Person":
        words = _strip_person(words, lexicon)
    name = " ".join(words).strip(OUTER_PUNCT.replace(".", "").replace(")", "") + " ")
    key = fold(name)
    if label == "State" and key in lexicon.states:
        return lexicon.states[key]
    if label == "Region" and key in lexicon.regions:
        return lexicon.regions[key]
    place = lexicon.library_regions.place(name) if label == "Region" else None
    if place is not None and fold(ascii_form(place.name)) != fold(ascii_form(name)):
        return place.name  # "Bombay" -> "Mumbai"; "Maharashtra" stays as written
    return name or text.strip()


def _strip_person(words: list[str], lexicon: Lexicon) -> list[str]:
    while len(words) > 1 and fold(words[-1]) in lexicon.post_nominals:
        words = words[:-1]
    while len(words) > 1 and _drops_first(words, lexicon):
        words = words[1:]
    return words


def _drops_first(words: list[str], lexicon: Lexicon) -> bool:
    """Whether the first word is a courtesy or an office rather than part of the name."""
    first = fold(words[0])
    if first in lexicon.honorifics:
        return True
    if first in lexicon.peerage:  # "Lord David Alton" -> "David Alton"; "Lord Alton" stays
        return len(words) > 2 and "of" not in words
    return first in lexicon.offices


def acronym_of(name: str) -> set[str]:
    """Acronyms a name can be written as: "National League for Democracy" -> NLD."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if len(words) < 2:
        return set()
    strict = "".join(w if w.isupper() else w[0] for w in words if w.lower() not in ACRONYM_SKIP)
    loose = "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP)
    every = "".join(w[0] for w in words)
    return {a.upper() for a in (strict, loose, every) if len(a) >= 2}


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


@dataclass
class _Known:
    """What the resolver has learnt about one node."""

    id: str
    label: str
    name: str
    keys: set[str]


class Resolver:
    """Maps mentions to entity nodes, within a document and across the corpus."""

    def __init__(
        self, lexicon: Lexicon | None = None, separations: Iterable[tuple[str, str]] = ()
    ) -> None:
        self.lexicon = lexicon or load_lexicon()
        # pairs of names the analyst keeps apart (graph.curation): never joined, however alike
        self.apart = {frozenset(map(normal_key, pair)) for pair in separations}
        self.by_key: dict[str, set[str]] = defaultdict(set)  # normal key -> node ids
        self.known: dict[str, _Known] = {}

    # ------------------------------------------------------------ learning
    def seed(self, graph: nx.MultiDiGraph) -> None:
        """Learn the entities of a stored graph, so an incremental build resolves to them."""
        for node, attrs in graph.nodes(data=True):
            if attrs.get("label") == DOCUMENT:
                continue
            names = [attrs["name"], *[a for a in attrs.get("aliases", ()) if a[:1].isupper()]]
            self._learn(node, attrs["label"], attrs["name"], names)

    def _learn(self, node: str, label: str, name: str, forms: Iterable[str]) -> None:
        known = self.known.setdefault(node, _Known(node, label, name, set()))
        for form in forms:
            key = normal_key(form)
            if key:
                known.keys.add(key)
                self.by_key[key].add(node)

    # ------------------------------------------------------------ per document
    def resolve(self, extraction: Extraction) -> list[EntityRef | None]:
        """One EntityRef per mention (None drops it), in the order of the mentions."""
        mentions = _bracketed_acronyms(extraction)
        mentions = _authors_as_persons(_one_label_per_name(mentions), extraction.document.authors)
        # the names a shorter one may leave words out of (few: compared with every mention)
        longer = {
            (m.label, m.name)
            for m in mentions
            if m.label != "Person" and (" and " in m.name or m.label == "Bill")
        }
        names = [self._document_name(m, mentions, longer) for m in mentions]
        document = extraction.document.id
        refs: list[EntityRef | None] = []
        for mention, (label, name) in zip(mentions, names, strict=True):
            if not name:
                refs.append(None)
                continue
            node = entity_id(label, f"{name} {document}" if common_event(label, name) else name)
            ref = EntityRef(node, label, name)
            self._learn(ref.id, label, name, (name,) if mention.via else (name, mention.text))
            refs.append(ref)
        return refs

    def _document_name(
        self, mention: Mention, mentions: tuple[Mention, ...], longer: set[tuple[str, str]]
    ) -> tuple[str, str]:
        """The label and name a mention takes in its document: short forms join full ones."""
        label, name = mention.label, mention.name
        if is_acronym(name):
            expansions = {
                (m.label, m.name)
                for m in mentions
                if name in acronym_of(m.name) and m is not mention
            }
            expansions = {e for e in expansions if not self.separated(name, e[1])}
            if len(expansions) == 1:
                return next(iter(expansions))
        if label in ("Person", "Organisation", "Region") and (" " not in name or label == "Person"):
            bearers = [
                m
                for m in mentions
                if m.label == "Person"
                and _shortens(name, m.name)
                and not self.separated(name, m.name)
            ]
            if len({m.name for m in bearers}) == 1:
                return bearers[0].label, bearers[0].name
            # "Azmat Begg, father of Moazzam ... Moazzam Begg's MP ... Mr Begg": two persons
            # bear the surname; it means the one named last before it, unless that
            # sentence names both ("Ed and David Miliband")
            before = [m for m in bearers if m.start < mention.start]
            if before and not any(
                m.sentence == before[-1].sentence and m.name != before[-1].name for m in bearers
            ):
                return before[-1].label, before[-1].name
        if label == "Person" and " " not in name:
            return label, name  # "Smith" is no short form of "Smith and Nephew"
        fuller = {
            (other_label, other)
            for other_label, other in longer
            if other != name
            and (other.startswith(name + " and ") or _leaves_out(name, other, label, other_label))
            and not self.separated(name, other)
        }
        if len(fuller) == 1:  # "Bethnal Green" of "Bethnal Green and Bow"
            return next(iter(fuller))
        return label, name

    # ------------------------------------------------------------ corpus-wide
    def final_merges(self, graph: nx.MultiDiGraph) -> dict[str, str]:
        """node -> node it folds into: unambiguous short forms into their full name."""
        names = _NameIndex(graph, self.lexicon)
        merges: dict[str, str] = {}
        for node, attrs in names.entities.items():
            target = self._fold_target(node, attrs, names)
            if target not in (None, node) and not self.kept_apart(attrs, names.entities[target]):
                merges[node] = target
        # follow chains (a -> b -> c) so every merge points at a final node
        for node in list(merges):
            seen = {node}
            while merges[node] in merges and merges[node] not in seen:
                seen.add(merges[node])
                merges[node] = merges[merges[node]]
        # WROTE joins a Person to a Document only: an author keeps its node and its label
        return {
            node: target
            for node, target in merges.items()
            if node not in names.authors or names.entities[target]["label"] == "Person"
        }

    def separated(self, a: str, b: str) -> bool:
        return frozenset((normal_key(a), normal_key(b))) in self.apart

    def kept_apart(self, one: dict, other: dict) -> bool:
        """Whether the analyst separated a name of ``one`` from a name of ``other``."""
        if not self.apart:
            return False
        mine = {one["name"], *(one.get("aliases") or ())}
        theirs = {other["name"], *(other.get("aliases") or ())}
        return any(self.separated(a, b) for a in mine for b in theirs)

    def _fold_target(self, node: str, attrs: dict, names: _NameIndex) -> str | None:
        candidates = names.fuller_forms(node, attrs)
        if len(candidates) == 1:
            other = candidates[0]
            return other if self._attested(attrs, names.entities[other]) else None
        return names.same_name_other_label(node, attrs) if not candidates else None

    @staticmethod
    def _attested(short: dict, full: dict) -> bool:
        """A surname from one article joins a full name from another only when that name is
        well attested (two documents) or the two share a document: "Johnson" in an article
        about the Prime Minister must not become the "Jo Johnson" of another article. An
        event named in common words ("the presidential election") joins a fuller name only
        in its own document: it is that document's election, not every one."""
        mine, theirs = set(short.get("documents") or ()), set(full.get("documents") or ())
        if common_event(short["label"], short["name"]):
            return bool(mine & theirs)
        if short["label"] != "Person" or " " in short["name"]:
            return True
        return bool(mine & theirs) or len(theirs) >= 2

    def notes(self, graph: nx.MultiDiGraph) -> dict[str, str]:
        """Short forms that could mean several entities, or one not attested enough: kept
        apart, and said so on the node."""
        index = _NameIndex(graph, self.lexicon)
        out = {}
        for node, attrs in index.entities.items():
            candidates = index.fuller_forms(node, attrs)
            names = ", ".join(sorted(index.entities[c]["name"] for c in candidates))
            if len(candidates) > 1:
                out[node] = f"ambiguous short form: could be {names}"
            elif candidates and not self._attested(attrs, index.entities[candidates[0]]):
                out[node] = f"short form kept apart: may be {names}"
        return out


class _NameIndex:
    """The entities of a graph indexed by the short forms they could be written as.

    Lookups narrow the candidates; the predicates (``_known_alias``, ``_acronym_for``,
    ``_surname_for``) still decide, so the index changes the cost, never the answer:
    linear in the entities instead of comparing every pair.
    """

    def __init__(self, graph: nx.MultiDiGraph, lexicon: Lexicon | None = None) -> None:
        lexicon = lexicon or load_lexicon()
        self.lexicon = lexicon
        self.entities: dict[str, dict] = {
            n: a for n, a in graph.nodes(data=True) if a.get("label") not in (None, DOCUMENT)
        }
        self.order = {node: number for number, node in enumerate(self.entities)}
        self.authors = {u for u, _, key in graph.edges(keys=True) if key == "WROTE"}
        self.keys: dict[str, str] = {}  # node -> normal key of its name
        self.by_form: dict[str, set[str]] = defaultdict(set)
        for node, attrs in self.entities.items():
            name = attrs["name"]
            self.keys[node] = normal_key(name)
            self.by_form[self.keys[node]].add(node)  # same name, other label
            for alias in attrs.get("aliases", ()):
                self.by_form[normal_key(alias)].add(node)  # known alias
            if attrs["label"] == "Person":
                words = name.split()
                if len(words) >= 2:
                    self.by_form[words[0]].add(node)  # "Xi" of "Xi Jinping"
                    self.by_form[words[-1]].add(node)  # "Nice" of "Geoffrey Nice"
                    self.by_form[" ".join(words[:2])].add(node)  # "Lord Alton" of ... "of"
            else:
                for acronym in acronym_of(name):
                    self.by_form[acronym].add(node)
                for short in short_forms(name, lexicon):
                    self.by_form[short].add(node)  # "labour" of "Labour Party"

    def _near(self, attrs: dict) -> set[str]:
        return self.by_form.get(normal_key(attrs["name"]), set()) | self.by_form.get(
            attrs["name"], set()
        )

    def fuller_forms(self, node: str, attrs: dict) -> list[str]:
        """Nodes whose name this node's name could be a short form of."""
        return sorted(
            (
                other
                for other in self._near(attrs)
                if other != node
                and (
                    _known_alias(attrs, full := self.entities[other])
                    or _acronym_for(attrs["name"], full)
                    or _surname_for(attrs, full)
                    or _short_form_for(attrs, full, self.lexicon)
                )
            ),
            key=self.order.__getitem__,
        )

    def same_name_other_label(self, node: str, attrs: dict) -> str | None:
        """ "Hong Kong Watch" typed Person in one article, Organisation in most: one node.

        Only multi-word names: a single word ("Georgia") may really be two entities.
        """
        name = self.keys[node]
        if " " not in name:
            return None
        rivals = [
            other
            for other in self.by_form.get(name, ())
            if other != node
            and self.entities[other]["label"] != attrs["label"]
            and self.keys[other] == name
        ]
        if not rivals:
            return None
        weight = {n: len(self.entities[n].get("documents") or ()) for n in (node, *rivals)}
        best = max((node, *rivals), key=lambda n: (n in self.authors, weight[n], n))
        return best if best != node else None


def _known_alias(short: dict, full: dict) -> bool:
    """Another node of the same label already carries this name as an alias."""
    keys = {normal_key(a) for a in (full["name"], *full.get("aliases", ()))}
    return (
        full["label"] == short["label"]
        and normal_key(short["name"]) in keys
        and len(full["name"]) > len(short["name"])
    )


def short_forms(name: str, lexicon: Lexicon) -> set[str]:
    """Normal keys of the shorter names ``name`` may be written as: its words without
    leading or trailing short-form words or demonyms ("house of lords" -> "lords")."""
    words = normal_key(name).split()
    droppable = lexicon.short_form_words | lexicon.state_demonyms.keys()
    out = set()
    for cut in range(1, len(words)):
        if all(w in droppable for w in words[cut:]):
            out.add(" ".join(words[:cut]))
        if all(w in droppable for w in words[:cut]):
            out.add(" ".join(words[cut:]))
    return {form for form in out if form and form not in droppable}


def _short_form_for(short: dict, full: dict, lexicon: Lexicon) -> bool:
    """ "Labour" for "Labour Party": the same label, the longer name less droppable words."""
    return short["label"] == full["label"] != "Person" and normal_key(short["name"]) in short_forms(
        full["name"], lexicon
    )


def _acronym_for(name: str, full: dict) -> bool:
    """ "NLD" for "National League for Democracy"; never a person's initials ("MG")."""
    return full["label"] != "Person" and is_acronym(name) and name in acronym_of(full["name"])


def _surname_for(short: dict, full: dict) -> bool:
    name = short["name"]
    return (
        full["label"] == "Person"
        and short["label"] in ("Person", "Organisation")
        and (" " not in name or short["label"] == "Person")
        and _shortens(name, full["name"])
    )


def _bracketed_acronyms(extraction: Extraction) -> tuple[Mention, ...]:
    """ "the Kuomintang (KMT)": an acronym in brackets right after a name is that name.

    Every mention of the acronym in the document then takes the name and its label, so
    "KMT" later in the text joins "Kuomintang" whatever letters it is made of.
    """
    mentions = extraction.mentions
    text = extraction.document.text
    expansions: dict[str, tuple[str, str]] = {}
    for before, mention in pairwise(mentions):
        if not is_acronym(mention.text) or before.via or before.label == "Person":
            continue
        if mention.text[0] != before.name[:1].upper():
            continue  # "(OSCE)" after "... in Europe": the bracket closes a longer name
        if (
            text[before.end : mention.start].strip() == "("
            and text[mention.end : mention.end + 1] == ")"
        ):
            expansions.setdefault(mention.text, (before.label, before.name))
    if not expansions:
        return mentions
    return tuple(
        replace(m, label=expansions[m.text][0], name=expansions[m.text][1])
        if m.text in expansions and not m.via
        else m
        for m in mentions
    )


def _one_label_per_name(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """One name, one type within a document: the label most of its mentions carry.

    The statistical model may call "Rappler" a person in one sentence and an
    organisation in the next; the document means one thing by it. Ties go to the
    label of the first mention.
    """
    keys = [normal_key(m.name) for m in mentions]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for key, mention in zip(keys, mentions, strict=True):
        votes[key][mention.label] += 1
    chosen: dict[str, str] = {}
    for key, mention in zip(keys, mentions, strict=True):
        if key not in chosen and votes[key][mention.label] == max(votes[key].values()):
            chosen[key] = mention.label
    return tuple(
        m if chosen[key] == m.label else replace(m, label=chosen[key])
        for key, m in zip(keys, mentions, strict=True)
    )


def _authors_as_persons(
    mentions: tuple[Mention, ...], authors: Iterable[str]
) -> tuple[Mention, ...]:
    """A document's author named in its body is that Person, whatever the model typed
    ("Cy Young" read as an organisation): the byline says who the name is."""
    by_key = {normal_key(author): author for author in authors}
    return tuple(
        replace(m, label="Person", name=by_key[key]) if (key := normal_key(m.name)) in by_key else m
        for m in mentions
    )


def _leaves_out(short: str, full: str, label: str, full_label: str) -> bool:
    """ "European Union arms code" of "European Union arms exports code": a descriptive
    bill's name with modifiers left out (same first and last word, words in order)."""
    if label != "Bill" or full_label != "Bill":
        return False
    words, full_words = short.split(), full.split()
    remaining = iter(full_words)
    return (
        len(words) >= 2
        and words[0] == full_words[0]
        and words[-1] == full_words[-1]
        and all(word in remaining for word in words)
    )


def _shortens(short: str, full: str) -> bool:
    """ "Nice" shortens "Geoffrey Nice"; "Xi" "Xi Jinping" (family name first); "Lord
    Alton" the peerage title "Lord Alton of Liverpool"."""
    words = full.split()
    if short == full or len(words) < 2:
        return False
    if full.startswith(short + " of ") and len(short.split()) == 2:
        return True
    return short in (words[-1], words[0])
