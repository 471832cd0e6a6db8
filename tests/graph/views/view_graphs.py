"""Hand-made graphs in the in-memory contract (graph.model) for the view tests.

The views must not depend on extraction, so these graphs are built directly: a small
realistic one, a hostile one whose every text field carries markup, and a large random
one to exercise the node cap. ``texts_of`` gives their documents' text as a store holds
it, for the reader pages.

Imported by name (``from view_graphs import HOSTILE``): a bare ``conftest`` import would
find whichever conftest module another test folder loaded first.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable

import networkx as nx

from actorgraph.graph.metrics import add_derived_figures
from actorgraph.graph.records import DocumentText, Evidence, MentionRow, SentenceRow

DATA_BLOCK = re.compile(
    r'<script type="application/json" id="actorgraph-data">(.*?)</script>', re.DOTALL
)
HOSTILE = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">x</a>',
)


class GraphMaker:
    """Adds nodes and links with the attributes the contract names."""

    def __init__(self) -> None:
        self.graph = nx.MultiDiGraph()
        self.offsets: dict[tuple[str, str], int] = {}  # a sentence keeps its place in its text

    def document(
        self, doc: str, title: str, date: str, authors: Iterable[str] = (), date_iso: str = ""
    ) -> None:
        self.graph.add_node(
            doc,
            label="Document",
            key=f"seeds/test.txt#{doc}",
            title=title,
            authors=list(authors),
            date=date,
            date_iso=date_iso or None,
            source="seeds/test.txt",
            bio=None,
        )
        for author in authors:
            author_id = "Person:" + author.lower().replace(" ", "-")
            self.entity(author_id, author, [author], [doc])
            self.graph.add_edge(author_id, doc, key="WROTE", type="WROTE")

    def entity(
        self, node: str, name: str, aliases: Iterable[str], docs: Iterable[str], note: str = ""
    ) -> None:
        label = node.split(":", 1)[0]
        if node in self.graph:
            attrs = self.graph.nodes[node]
            attrs["aliases"] = sorted({*attrs["aliases"], *aliases})
            attrs["documents"] = sorted({*attrs["documents"], *docs})
            return
        self.graph.add_node(
            node,
            label=label,
            name=name,
            aliases=sorted({name, *aliases}),
            documents=sorted(docs),
            mentions=0,
            date=None,
            note=note or None,
        )
        for doc in docs:
            self.mention(doc, node)

    def mention(self, doc: str, node: str, count: int = 1) -> None:
        if self.graph.has_edge(doc, node, "MENTIONS"):
            self.graph.edges[doc, node, "MENTIONS"]["count"] += count
        else:
            self.graph.add_edge(doc, node, key="MENTIONS", type="MENTIONS", count=count)
        self.graph.nodes[node]["mentions"] += count

    def link(
        self, source: str, target: str, kind: str, *sentences: tuple[str, str], rule: str = ""
    ) -> None:
        """``sentences`` are (document id, text), placed in their document's text in the
        order first seen; ``rule`` names the extraction rule, as relations.py does."""
        if kind == "CO_MENTIONED" and target < source:
            source, target = target, source
        evidence = sorted(
            Evidence(doc, at, at, at + len(text), text)
            for doc, text in sentences
            for at in [self.offset(doc, text)]
        )
        attrs: dict = {"type": kind, "weight": len(evidence), "evidence": evidence}
        if kind != "CO_MENTIONED":
            attrs["patterns"] = [rule or f"svo:{kind.lower()}"]
        self.graph.add_edge(source, target, key=kind, **attrs)

    def offset(self, doc: str, text: str) -> int:
        if (doc, text) not in self.offsets:
            ends = [o + len(t) + 1 for (d, t), o in self.offsets.items() if d == doc]
            self.offsets[doc, text] = max(ends, default=0)
        return self.offsets[doc, text]

    def finish(self) -> nx.MultiDiGraph:
        add_derived_figures(self.graph)
        return self.graph


def build_sample() -> nx.MultiDiGraph:
    g = GraphMaker()
    a, b = "doc:00000000000000aa", "doc:00000000000000bb"
    g.document(a, "Why the Uyghur Tribunal matters", "1 Feb", ["Benedict Rogers"], "2021-02-01")
    g.document(b, "Hong Kong and the Trade Bill", "3 Mar", [], "2021-03-03")
    g.entity("Person:geoffrey-nice", "Geoffrey Nice", ["Sir Geoffrey Nice QC", "Sir Geoffrey"], [a])
    g.entity("Tribunal:uyghur-tribunal", "Uyghur Tribunal", ["the Uyghur Tribunal"], [a])
    g.entity("Tribunal:china-tribunal", "China Tribunal", [], [a])
    g.entity("State:china", "China", ["PRC"], [a, b])
    g.entity("Region:xinjiang", "Xinjiang", [], [a])
    g.entity("Group:uyghurs", "Uyghurs", ["Uyghur"], [a])
    g.entity("Organisation:hong-kong-watch", "Hong Kong Watch", [], [b])
    g.entity("Region:hong-kong", "Hong Kong", [], [b])
    g.entity("Bill:trade-bill", "Trade Bill", ["the Trade Bill"], [b])
    g.entity("Event:coup-in-myanmar", "coup in Myanmar", [], [b])
    g.entity("Person:lonely-figure", "Lonely Figure", [], [b])
    s1 = (a, "Sir Geoffrey Nice QC chairs the Uyghur Tribunal.")
    s2 = (a, "The Uyghur Tribunal heard evidence about Xinjiang and China.")
    s3 = (a, "Geoffrey Nice also chaired the China Tribunal.")
    s4 = (a, "Uyghurs in Xinjiang face persecution by China.")
    s5 = (b, "Hong Kong Watch lobbied on the Trade Bill.")
    s6 = (b, "China tightened its grip on Hong Kong.")
    s7 = (b, "Benedict Rogers founded Hong Kong Watch.")
    s8 = (b, "China was silent about the coup in Myanmar.")
    g.link("Person:geoffrey-nice", "Tribunal:uyghur-tribunal", "CO_MENTIONED", s1)
    g.link("Person:geoffrey-nice", "Tribunal:uyghur-tribunal", "CHAIRS", s1, rule="svo:chair")
    g.link("Tribunal:uyghur-tribunal", "Region:xinjiang", "CO_MENTIONED", s2)
    g.link("Tribunal:uyghur-tribunal", "State:china", "CO_MENTIONED", s2)
    g.link("Region:xinjiang", "State:china", "CO_MENTIONED", s2, s4)
    g.link("Person:geoffrey-nice", "Tribunal:china-tribunal", "CO_MENTIONED", s3)
    g.link("Group:uyghurs", "Region:xinjiang", "CO_MENTIONED", s4)
    g.link("Group:uyghurs", "State:china", "CO_MENTIONED", s4)
    g.link("State:china", "Group:uyghurs", "PERSECUTED", s4, rule="svo:persecute modality=negated")
    g.link("Organisation:hong-kong-watch", "Bill:trade-bill", "CO_MENTIONED", s5)
    g.link("State:china", "Region:hong-kong", "CO_MENTIONED", s6)
    g.link("Person:benedict-rogers", "Organisation:hong-kong-watch", "CO_MENTIONED", s7)
    g.link(
        "Person:benedict-rogers", "Organisation:hong-kong-watch", "CO_FOUNDED", s7, rule="svo:found"
    )
    g.link("State:china", "Event:coup-in-myanmar", "CO_MENTIONED", s8)
    return g.finish()


def build_hostile() -> nx.MultiDiGraph:
    """Markup and a javascript: link in every field a document can fill."""
    script, img, link = HOSTILE
    g = GraphMaker()
    doc = "doc:0000000000000bad"
    g.document(doc, f"Title {script} {img} {link}", f"date {img}", [f"Author {img}"])
    g.entity(
        "Person:mallory", f"Mallory {script}", [img, link, "javascript:window.__pwned=1"], [doc]
    )
    g.entity("Organisation:evil", f"Evil {img}", [link], [doc], note=f"note {script}")
    g.entity("State:china", "China", [], [doc])
    sentence = (doc, f"Mallory {script} met Evil {img} and {link} in China.")
    g.link("Person:mallory", "Organisation:evil", "CO_MENTIONED", sentence)
    g.link("Person:mallory", "Organisation:evil", "SUPPORTS", sentence)
    g.link("Person:mallory", "State:china", "CO_MENTIONED", sentence)
    return g.finish()


def build_big(entities: int, links: int, seed: int = 3) -> nx.MultiDiGraph:
    """A random entity graph with skewed degrees, like a co-mention graph."""
    rng = random.Random(seed)
    labels = ("Person", "State", "Region", "Organisation", "Group", "Tribunal", "Bill", "Event")
    g = GraphMaker()
    doc = "doc:00000000000000cc"
    g.document(doc, "A long report", "1 Jan", [], "2020-01-01")
    nodes = [f"{labels[i % len(labels)]}:entity-{i}" for i in range(entities)]
    for i, node in enumerate(nodes):
        g.entity(node, f"Entity {i}", [f"E{i}"], [doc])
    made: set[tuple[str, str]] = set()
    while len(made) < links:
        # preferential: low indices are hubs
        a = nodes[int(rng.paretovariate(1.2)) % entities]
        b = rng.choice(nodes)
        pair = (min(a, b), max(a, b))
        if a == b or pair in made:
            continue
        made.add(pair)
        count = 1 + int(rng.expovariate(0.7))
        sentences = [(doc, f"Entity sentence {len(made)}.{k}") for k in range(count)]
        g.link(*pair, "CO_MENTIONED", *sentences)
    return g.finish()


def texts_of(graph: nx.MultiDiGraph) -> dict[str, DocumentText]:
    """Each document's text as a store holds it: the sentences its links cite, in text
    order, and in each the names and aliases of those links' entities (longest first,
    whole words, no two overlapping), as extraction would have found them."""
    named: dict[Evidence, set[str]] = {}
    for source, target, attrs in graph.edges(data=True):
        for evidence in attrs.get("evidence") or ():
            named.setdefault(evidence, set()).update((source, target))
    texts = {
        node: DocumentText(node, [], [])
        for node, attrs in graph.nodes(data=True)
        if attrs["label"] == "Document"
    }
    for evidence in sorted(named):
        text = texts[evidence.document]
        end = text.sentences[-1].end_char if text.sentences else 0
        gap = " " * (evidence.start - end)
        text.sentences.append(
            SentenceRow(evidence.sentence, evidence.document, evidence.index, evidence.start,
                        evidence.end, evidence.text, gap)
        )  # fmt: skip
        text.mentions.extend(_mentions(graph, evidence, named[evidence]))
    return texts


def _mentions(graph: nx.MultiDiGraph, evidence: Evidence, entities: set[str]) -> list[MentionRow]:
    forms = sorted(
        {(str(form), entity) for entity in entities
         for form in (graph.nodes[entity]["name"], *graph.nodes[entity]["aliases"])},
        key=lambda pair: (-len(pair[0]), pair),
    )  # fmt: skip
    taken: list[tuple[int, int, str, str]] = []
    for form, entity in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", evidence.text):
            if all(match.end() <= start or match.start() >= end for start, end, *_ in taken):
                taken.append((match.start(), match.end(), entity, form))
    return [
        MentionRow(evidence.sentence, entity, graph.nodes[entity]["label"],
                   evidence.start + start, evidence.start + end, form)
        for start, end, entity, form in sorted(taken)
    ]  # fmt: skip


def page_data(html: str) -> dict:
    """The payload a view page carries in its JSON data block."""
    match = DATA_BLOCK.search(html)
    assert match, "the page has no data block"
    return json.loads(match.group(1))
