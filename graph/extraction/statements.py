"""How a sentence states a relation: asserted or not (negated, hedged, demanded, asked),
and what an allegation says was done ("accused X of genocide" -> "genocide")."""

from __future__ import annotations

from spacy.tokens import Token

from actorgraph.graph.extraction.lexicon import fold
from actorgraph.graph.extraction.predicate_table import Table


def modality(table: Table, predicate: Token, top: Token) -> str:
    """How the text states it: the verbs from the predicate up to the joining word."""
    chain = [predicate]
    while chain[-1].head.i != chain[-1].i and (
        chain[-1].i != top.i or chain[-1].dep_ in ("xcomp", "ccomp")
    ):
        chain.append(chain[-1].head)  # up to the joining word, and the verbs it completes
    for number, token in enumerate(chain):
        for child in token.children:
            if child.dep_ == "neg":
                return "negated"
            if child.dep_ in ("aux", "mark") and child.lower_ in table.hedges:
                return "hypothetical"
        # a verb above governs the predicate; one it is only coordinated with does not
        # ("X rejected the plan and called on Y": the call is not denied)
        governs = number > 0 and chain[number - 1].dep_ != "conj"
        if governs and fold(token.lemma_) in table.demands:
            return "demanded"
        if governs and fold(token.lemma_) in table.denials:
            return "negated"
    if predicate.sent.text.rstrip().endswith("?"):
        return "questioned"
    return "asserted"


def act_of(verb: Token) -> str:
    """What an accusation says was done: "accused X of genocide" -> "genocide"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "over", "for"):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return _phrase(objects[0])
    return ""


def claimed_act(inner: Token) -> str:
    """The act a claimed clause states: its verb and object ("committed genocide")."""
    objects = [c for c in inner.children if c.dep_ in ("dobj", "attr")]
    return " ".join([inner.lemma_, *(_phrase(o) for o in objects[:1])])


def _phrase(token: Token) -> str:
    """A noun phrase's words, at most six, without a leading article."""
    words = [t.text for t in token.subtree if not (t.dep_ == "det" and t.i < token.i)]
    return " ".join(words[:6])
