"""The graph schema, loaded once from ``data/schema.toml`` and validated at start."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


class SchemaError(ValueError):
    """The schema file, or a record checked against it, is invalid."""


@dataclass(frozen=True, slots=True)
class EntityType:
    label: str
    description: str
    colour: str
    shape: str


@dataclass(frozen=True, slots=True)
class LinkType:
    name: str
    description: str
    typed: bool  # stated by the text (True) or structural (False)
    symmetric: bool = False


@dataclass(frozen=True, slots=True)
class Schema:
    entities: dict[str, EntityType]
    document: EntityType
    links: dict[str, LinkType]
    sentence_label: str = "Sentence"
    lexical_links: tuple[str, ...] = ()  # the text's own links: sentence to document, next, mention

    @property
    def entity_labels(self) -> tuple[str, ...]:
        return tuple(self.entities)

    @property
    def node_labels(self) -> tuple[str, ...]:
        return (*self.entities, self.document.label)

    @property
    def relation_types(self) -> tuple[str, ...]:
        """Typed relations only: what the text states."""
        return tuple(name for name, link in self.links.items() if link.typed)

    @property
    def evidence_link_types(self) -> tuple[str, ...]:
        """Links between entities that carry evidence sentences."""
        return ("CO_MENTIONED", *self.relation_types)

    def check_label(self, label: str) -> str:
        if label not in self.entities:
            raise SchemaError(f"unknown entity label {label!r}; known: {', '.join(self.entities)}")
        return label

    def check_link(self, name: str) -> str:
        if name not in self.links:
            raise SchemaError(f"unknown link type {name!r}")
        return name


def parse_schema(data: dict) -> Schema:
    """Build a Schema from the TOML mapping, failing loudly on anything missing."""
    try:
        entities = {
            label: EntityType(label, spec["description"], spec["colour"], spec["shape"])
            for label, spec in data["entities"].items()
        }
        doc = data["document"]
        document = EntityType(doc["label"], "a document", doc["colour"], doc["shape"])
        links = {
            name: LinkType(name, spec["description"], False, spec.get("symmetric", False))
            for name, spec in data["links"].items()
        }
        for name, spec in data["relations"].items():
            if name in links:
                raise SchemaError(f"relation {name} is declared twice")
            links[name] = LinkType(name, spec["description"], True)
        sentence_label = data["sentence"]["label"]
        lexical = tuple(data["lexical"])
    except KeyError as exc:
        raise SchemaError(f"schema.toml: missing required key {exc}") from None
    for name in (*entities, *links, sentence_label, *lexical):
        if not name.replace("_", "").isalnum():
            raise SchemaError(f"schema.toml: {name!r} is not a valid label or type name")
    if set(lexical) != set(LEXICAL_LINKS):
        raise SchemaError(f"schema.toml: [lexical] must declare {', '.join(LEXICAL_LINKS)}")
    return Schema(entities, document, links, sentence_label, lexical)


@cache
def load_schema() -> Schema:
    text = resources.files("actorgraph.graph").joinpath("data/schema.toml").read_text("utf-8")
    return parse_schema(tomllib.loads(text))


# Stored properties and their types, per kind of record. Both stores declare or
# write exactly these; LadybugDB needs them as table columns.
ENTITY_PROPERTIES: dict[str, str] = {
    "id": "STRING",
    "name": "STRING",
    "aliases": "STRING[]",
    "documents": "STRING[]",
    "mentions": "INT64",
    "date": "STRING",
    "note": "STRING",
    "degree": "INT64",
    "pagerank": "DOUBLE",
    "betweenness": "DOUBLE",
    "community": "INT64",
    "curated": "STRING[]",  # the analyst's judgements that shaped it (graph.curation)
}
DOCUMENT_PROPERTIES: dict[str, str] = {
    "id": "STRING",
    "key": "STRING",
    "title": "STRING",
    "authors": "STRING[]",
    "date": "STRING",
    "date_iso": "STRING",
    "source": "STRING",
    "bio": "STRING",
}
MENTIONS_PROPERTIES: dict[str, str] = {"count": "INT64"}
EVIDENCE_PROPERTIES: dict[str, str] = {
    "weight": "INT64",
    "sentences": "STRING[]",  # ids of Sentence nodes: the text is stored once, there
    "curated": "STRING[]",
}
TYPED_PROPERTIES: dict[str, str] = {**EVIDENCE_PROPERTIES, "patterns": "STRING[]"}
SENTENCE_PROPERTIES: dict[str, str] = {
    "id": "STRING",  # <document id>:<index>
    "document": "STRING",
    "position": "INT64",  # index and end are keywords in LadybugDB's Cypher
    "start_char": "INT64",
    "end_char": "INT64",
    "text": "STRING",
    "gap": "STRING",  # what lies between the previous stored sentence and this one
}
MENTION_PROPERTIES: dict[str, str] = {
    "start_char": "INT64",
    "end_char": "INT64",
    "surface": "STRING",
}
LEXICAL_LINKS = ("FROM_DOCUMENT", "NEXT_SENTENCE", "HAS_MENTION")


def link_properties(link_type: str) -> dict[str, str]:
    """The stored properties of one link type."""
    if link_type == "MENTIONS":
        return MENTIONS_PROPERTIES
    if link_type == "WROTE":
        return {}
    if link_type == "CO_MENTIONED":
        return EVIDENCE_PROPERTIES
    return TYPED_PROPERTIES


def node_properties(label: str) -> dict[str, str]:
    """The stored properties of one node label."""
    schema = load_schema()
    if label == schema.sentence_label:
        return SENTENCE_PROPERTIES
    return DOCUMENT_PROPERTIES if label == schema.document.label else ENTITY_PROPERTIES


def lexical_properties(link_type: str) -> dict[str, str]:
    """The stored properties of one lexical link type."""
    return MENTION_PROPERTIES if link_type == "HAS_MENTION" else {}


def lexical_endpoints(link_type: str) -> list[tuple[str, str]]:
    """The (from, to) label pairs a lexical link joins."""
    schema = load_schema()
    sentence = schema.sentence_label
    if link_type == "FROM_DOCUMENT":
        return [(sentence, schema.document.label)]
    if link_type == "NEXT_SENTENCE":
        return [(sentence, sentence)]
    return [(sentence, label) for label in schema.entity_labels]


def link_endpoints(link_type: str) -> list[tuple[str, str]]:
    """The (from, to) label pairs a link type joins."""
    schema = load_schema()
    document = schema.document.label
    if link_type == "WROTE":
        return [("Person", document)]
    if link_type == "MENTIONS":
        return [(document, label) for label in schema.entity_labels]
    return [(a, b) for a in schema.entity_labels for b in schema.entity_labels]
