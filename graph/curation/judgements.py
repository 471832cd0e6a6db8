"""``curation.toml``: one ``[[judgement]]`` table per correction, in the order made.

A plain TOML file meant to be committed and reviewed like code: each entry says what
(``kind``), which names, optionally a canonical ``name``, a ``type`` and a ``note``,
and ``when``. It is validated hard when read: an unknown kind or label, or a merge and
a separation of the same two names, is an error naming the file and the entries.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.graph.schema import load_schema

DEFAULT_FILE = "curation.toml"
KINDS = {"merge": 2, "separate": 2, "type": 1, "drop": 1, "reject": 2}  # kind -> names
PAST = {
    "merge": "merged",
    "separate": "kept apart",
    "type": "typed",
    "drop": "dropped",
    "reject": "rejected",
}
# A provenance entry, as nodes and links shaped by a judgement carry it in ``curated``.
ENTRY = re.compile(r"(?P<kind>[a-z]+) #(?P<number>\d+): (?P<what>.*)", re.S)


class CurationError(ValueError):
    """A curation file that cannot be applied; the message names the file and entry."""


@dataclass(frozen=True, slots=True)
class Judgement:
    kind: str
    names: tuple[str, ...]
    when: str
    name: str = ""  # merge: the canonical name (default: the fuller of the two)
    type: str = ""  # merge, type: the label; reject: the relation type
    note: str = ""

    def __str__(self) -> str:
        if self.kind == "reject":
            return f"reject {self.names[0]} {self.type} {self.names[1]}"
        extra = f" as {self.type}" if self.type else ""
        named = f" named {self.name!r}" if self.name else ""
        return f"{self.kind} {' / '.join(self.names)}{extra}{named}"

    def entry(self, number: int) -> str:
        """The provenance a node or link shaped by judgement #number carries:
        ``merge #3: Lords, House of Lords``."""
        what = ", ".join(self.names)
        if self.type and self.kind in ("merge", "type"):
            what += f" as {self.type}"
        return f"{self.kind} #{number}: {what}" + (f" named {self.name}" if self.name else "")


def describe(entry: str) -> str:
    """An entry as a reader sees it: ``merged by the analyst: Lords, House of Lords``."""
    found = ENTRY.fullmatch(entry)
    if found is None or found["kind"] not in PAST:
        return entry
    return f"{PAST[found['kind']]} by the analyst: {found['what']}"


def renumber(entry: str, removed: int) -> str:
    """An entry once judgement #removed is undone: the later ones move up by one."""
    found = ENTRY.fullmatch(entry)
    if found is None or int(found["number"]) <= removed:
        return entry
    return f"{found['kind']} #{int(found['number']) - 1}: {found['what']}"


@dataclass(slots=True)
class Curation:
    path: Path
    judgements: list[Judgement] = field(default_factory=list)
    # the file exists: a build rebuilds from the documents even with no judgement left,
    # so that undoing the last one takes its effect out of the store
    present: bool = False

    def separations(self) -> list[tuple[str, str]]:
        return [(j.names[0], j.names[1]) for j in self.judgements if j.kind == "separate"]


def load(path: Path) -> Curation:
    """The judgements of ``path``; a missing file holds none."""
    if not path.exists():
        return Curation(path)
    try:
        return parse(path, path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"{path}: cannot read: {exc}") from None


def parse(path: Path, text: str) -> Curation:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CurationError(f"{path}: not valid TOML: {exc}") from None
    entries = data.get("judgement", [])
    if not isinstance(entries, list):
        raise CurationError(f"{path}: 'judgement' must be an array of tables ([[judgement]])")
    judgements = [_judgement(path, n, e) for n, e in enumerate(entries, 1)]
    curation = Curation(path, judgements, present=True)
    check(curation)
    return curation


def _judgement(path: Path, number: int, entry: object) -> Judgement:
    where = f"{path}: judgement #{number}"
    if not isinstance(entry, dict):
        raise CurationError(f"{where}: not a table")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise CurationError(f"{where}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    names = entry.get("names")
    if not (
        isinstance(names, list)
        and len(names) == KINDS[kind]
        and all(isinstance(n, str) and n.strip() for n in names)
    ):
        raise CurationError(f"{where}: {kind} needs {KINDS[kind]} non-empty names")
    fields = {k: entry.get(k, "") for k in ("when", "name", "type", "note")}
    if not all(isinstance(v, str) for v in fields.values()):
        raise CurationError(f"{where}: when, name, type and note must be strings")
    schema = load_schema()
    label = fields["type"]
    if kind == "type" and not label:
        raise CurationError(f"{where}: type needs a 'type' (an entity label)")
    if kind == "reject" and label not in schema.links:
        raise CurationError(f"{where}: unknown relation type {label!r}")
    if kind in ("merge", "type") and label and label not in schema.entities:
        raise CurationError(
            f"{where}: unknown label {label!r} (one of {', '.join(schema.entities)})"
        )
    return Judgement(kind, tuple(n.strip() for n in names), **fields)


def check(curation: Curation) -> None:
    """A merge and a separation of the same two names contradict each other."""
    merged: dict[frozenset[str], int] = {}
    for number, judgement in enumerate(curation.judgements, 1):
        if judgement.kind == "merge":
            merged.setdefault(_pair(judgement), number)
    for number, judgement in enumerate(curation.judgements, 1):
        other = merged.get(_pair(judgement)) if judgement.kind == "separate" else None
        if other is not None:
            raise CurationError(
                f"{curation.path}: judgement #{other} ({curation.judgements[other - 1]}) "
                f"contradicts judgement #{number} ({judgement})"
            )


def _pair(judgement: Judgement) -> frozenset[str]:
    return frozenset(n.casefold() for n in judgement.names)


def dump(curation: Curation) -> str:
    """The file's text: one table per judgement, keys in a fixed order, diff-friendly."""
    blocks = []
    for j in curation.judgements:
        lines = ["[[judgement]]", f"kind = {_s(j.kind)}"]
        lines.append("names = [" + ", ".join(_s(n) for n in j.names) + "]")
        lines += [f"{k} = {_s(v)}" for k, v in (("name", j.name), ("type", j.type)) if v]
        lines += [f"note = {_s(j.note)}"] if j.note else []
        lines.append(f"when = {_s(j.when)}")
        blocks.append("\n".join(lines))
    header = "# actorgraph curation: the analyst's judgements, applied at every build.\n\n"
    return header + "\n\n".join(blocks) + ("\n" if blocks else "")


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's for these characters)."""
    return json.dumps(text, ensure_ascii=False)


def save(curation: Curation) -> None:
    """Write the file, after reading back what is written: it must load as it was meant."""
    text = dump(curation)
    parse(curation.path, text)
    curation.path.write_text(text, "utf-8")
