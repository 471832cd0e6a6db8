"""``actorgraph curate``: the analyst's judgements, kept in ``curation.toml``.

Each sub-command edits the file (``--curation FILE``), which every ``actorgraph build``
applies. ``merge``, ``type``, ``drop`` and ``reject`` also update the store at once when
there is one (``--store``), writing only what the judgement changes; a separation, and
undoing a judgement that changed the store, need the uncurated graph: a build.
``list`` shows whether each judgement still matches the store, ``suggest`` proposes
likely duplicates with sentences naming each.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from actorgraph.graph.cli.common import (
    add_store_option,
    open_store_from_args,
    read_graph_from_args,
    store_location,
)
from actorgraph.graph.cli.output import terminal_safe
from actorgraph.graph.curation.apply import status
from actorgraph.graph.curation.judgements import (
    DEFAULT_FILE,
    Curation,
    CurationError,
    Judgement,
    save,
)
from actorgraph.graph.curation.judgements import load as load_file
from actorgraph.graph.curation.suggest import sentences, suggest
from actorgraph.graph.curation.update import StoreChange, apply_to_store, undo_in_store
from actorgraph.graph.stores import is_neo4j_uri
from actorgraph.graph.stores.base import Store, StoreError

REBUILD = "recorded; run `actorgraph build PATHS` to apply it"
IN_STORE = ("merge", "type", "drop", "reject")  # applied to the stored graph as it is
SHOWN = 160  # characters of an example sentence


def add_curation_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--curation",
        type=Path,
        default=Path(DEFAULT_FILE),
        metavar="FILE",
        help=f"the analyst's judgements (default: ./{DEFAULT_FILE}; a missing file holds none)",
    )


def load_curation(args: argparse.Namespace) -> Curation:
    from actorgraph.graph.cli import CliError

    try:
        return load_file(args.curation)
    except CurationError as exc:
        raise CliError(str(exc)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "curate", help="merge, separate, retype, drop or reject: judgements kept as data"
    )
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, help_text: str, *names: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text)
        for argument in names:
            command.add_argument(argument)
        add_curation_option(command)
        add_store_option(command)
        if names:
            command.add_argument("--note", default="", help="why (kept in the file)")
        return command

    merge = action("merge", "one actor: the fuller name stays canonical", "first", "second")
    merge.add_argument("--name", default="", help="the canonical name instead")
    merge.add_argument("--type", default="", help="the label of the merged entity")
    action("separate", "never merge these two", "first", "second")
    action("type", "give an entity another label", "entity", "label")
    action("drop", "not an actor: remove it and its links", "entity")
    action("reject", "a wrong stated relation", "source", "relation", "target")
    undo = action("undo", "remove judgement N (see list)")
    undo.add_argument("number", type=int)
    action("list", "the judgements, numbered; does each match the store")
    suggesting = action("suggest", "likely duplicates, ranked, with why and sentences")
    suggesting.add_argument("--label", default=None, help="only entities of this label")
    suggesting.add_argument("--limit", type=int, default=20, help="how many pairs (default 20)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from actorgraph.graph.cli import CliError

    curation = load_curation(args)
    if args.action in ("list", "suggest"):
        return _report(args, curation)
    if args.action == "undo":
        if not 1 <= args.number <= len(curation.judgements):
            raise CliError(f"{curation.path}: no judgement #{args.number} (see `curate list`)")
        removed = curation.judgements.pop(args.number - 1)
        _save(curation)
        done = _in_store(args, lambda store: undo_in_store(store, args.number, removed))
        print(terminal_safe(f"removed #{args.number}: {removed}; {done or REBUILD}"))
        return 0
    judgement = _judgement(args)
    curation.judgements.append(judgement)
    _save(curation)
    number = len(curation.judgements)
    done = ""
    if judgement.kind in IN_STORE:
        done = _in_store(args, lambda store: apply_to_store(store, number, judgement))
    print(terminal_safe(f"#{number} {judgement}; {done or REBUILD}"))
    return 0


def _in_store(args: argparse.Namespace, change: Callable[[Store], StoreChange | None]) -> str:
    """What ``change`` did to the store, if there is one ("" when it is left to a build)."""
    from actorgraph.graph.cli import CliError

    location = store_location(args)
    if not (is_neo4j_uri(location) or Path(location).exists()):
        return f"no store at {location} yet: `actorgraph build PATHS` applies it"
    store = open_store_from_args(args)
    try:
        done = change(store)
    except StoreError as exc:
        raise CliError(
            f"{args.curation}: recorded, but {location} was not updated ({exc}); "
            "`actorgraph build PATHS` applies it"
        ) from None
    finally:
        store.close()
    return f"store {location}: {done}" if done is not None else ""


def _judgement(args: argparse.Namespace) -> Judgement:
    when = datetime.now(UTC).isoformat(timespec="seconds")
    kind, note = args.action, args.note
    if kind in ("merge", "separate"):
        name, label = getattr(args, "name", ""), getattr(args, "type", "")
        return Judgement(kind, (args.first, args.second), when, name, label, note)
    if kind == "type":
        return Judgement(kind, (args.entity,), when, type=args.label, note=note)
    if kind == "drop":
        return Judgement(kind, (args.entity,), when, note=note)
    return Judgement(kind, (args.source, args.target), when, type=args.relation, note=note)


def _save(curation: Curation) -> None:
    from actorgraph.graph.cli import CliError

    try:
        save(curation)
    except (CurationError, OSError) as exc:
        raise CliError(str(exc)) from None


def _report(args: argparse.Namespace, curation: Curation) -> int:
    if args.action == "list":
        graph = read_graph_from_args(args)
        if not curation.judgements:
            print(f"{curation.path}: no judgements")
        for number, judgement in enumerate(curation.judgements, 1):
            line = f"{number:>3}  {judgement}  [{status(graph, judgement)}]"
            print(terminal_safe(line + (f"  -- {judgement.note}" if judgement.note else "")))
        return 0
    from actorgraph.graph.cli import CliError

    store = open_store_from_args(args, read_only=True)
    try:
        graph = store.read_graph(evidence_text=False)
        for pair in suggest(graph, curation, label=args.label, limit=args.limit):
            first, second = graph.nodes[pair.first], graph.nodes[pair.second]
            lines = [
                f"{first['name']!r} / {second['name']!r}  ({first['label']}): {pair.reason}, "
                f"similarity {pair.score}"
            ]
            for node in (pair.first, pair.second):
                name = graph.nodes[node]["name"]
                lines += [f"    {name}: {_cut(text, at)}" for text, at in sentences(store, node)]
            for line in lines:
                print(terminal_safe(line))
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()
    return 0


def _cut(text: str, at: int) -> str:
    """A sentence on one line, cut to ``SHOWN`` characters around the name at ``at``."""
    start = max(0, min(at - SHOWN // 3, len(text) - SHOWN))
    line = text[start : start + SHOWN]
    line = ("\u2026" if start else "") + line + ("\u2026" if start + SHOWN < len(text) else "")
    return " ".join(line.split())
