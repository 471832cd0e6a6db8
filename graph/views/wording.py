"""Plain words for link types and extraction rules, read from ``data/view_wording.toml``.

A page shows "Geoffrey Nice chairs Uyghur Tribunal" and "Stated as: … chair … by …",
never the schema's ``CHAIRS`` or the rule name ``acl:chair``: the words are data, so a
new relation or rule shape gets its wording without touching code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

PROPERTY = re.compile(r" (?=[a-z_]+=)")  # "bio:deputy chair modality=negated" -> rule, key=value


@dataclass(frozen=True, slots=True)
class Wording:
    links: dict[str, str]
    shapes: dict[str, str]
    reasons: dict[str, str]
    properties: dict[str, str]
    modalities: dict[str, str]
    predicate_types: frozenset[str]

    def link(self, kind: str, patterns: Iterable[str] = ()) -> str:
        """``CHAIRS`` -> "chairs"; a type without wording reads as its own words; a
        generic type with one predicate in its ``patterns`` reads as that predicate."""
        if kind in self.predicate_types:
            words = {self._parts(p)[1] for p in patterns} - {""}
            if len(words) == 1:
                return words.pop()
        return self.links.get(kind) or kind.replace("_", " ").lower()

    @staticmethod
    def _parts(pattern: str) -> tuple[str, str, str, list[str]]:
        """``"acl:sit_on~x k=v"`` -> shape "acl", word "sit on", reason "x", ["k=v"]."""
        rule, *rest = PROPERTY.split(pattern)
        rule, _, reason = rule.partition("~")
        shape, _, word = rule.partition(":")
        return shape, " ".join(word.replace("_", " ").split()), reason, rest

    def stated_as(self, pattern: str) -> str:
        """``acl:chair`` -> "… chair by …"; ``bio:director~qualified`` keeps its reason.

        What follows the rule name (``modality=negated claimant=UN``) reads as plain
        words after it; "|" separates several values (``via=he|the party``).
        """
        shape, word, reason, rest = self._parts(pattern)
        word = word or shape
        parts = [self.shapes.get(shape, "… {word} …").replace("{word}", word)]
        if reason:
            parts.append(self.reasons.get(reason, ""))
        for item in rest:
            key, _, value = item.partition("=")
            value = value.replace("|", "”, “")
            if key == "modality":
                parts.append(self.modalities.get(value, ""))
            elif key == "as":
                parts.append(self.properties["as"].replace("{value}", self.link(value)))
            elif key in self.properties:
                parts.append(self.properties[key].replace("{value}", value.replace("_", " ")))
        return ", ".join(part for part in parts if part)


@cache
def load_wording() -> Wording:
    path = resources.files("actorgraph.graph").joinpath("data/view_wording.toml")
    data = tomllib.loads(path.read_text("utf-8"))

    def table(name: str) -> dict[str, str]:
        return {str(k): str(v) for k, v in data.get(name, {}).items()}

    return Wording(
        links=table("links"),
        shapes=table("shapes"),
        reasons=table("reasons"),
        properties=table("properties"),
        modalities=table("modalities"),
        predicate_types=frozenset(k for k, v in data.get("predicate_types", {}).items() if v),
    )
