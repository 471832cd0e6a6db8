"""The loader protocol, the registry (entry points and in-process registration), and
turning paths into Documents with every bad file or record reported, never fatal."""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from actorgraph.loaders.dates import DateDefaults, iso_date, split_front_matter
from actorgraph.loaders.document import Document, LoadError, content_id, valid_text
from actorgraph.loaders.reading import iter_files, read_text, walk

ENTRY_POINT_GROUP = "actorgraph.loaders"
__all__ = [
    "Loader",
    "available_loaders",
    "detect_loader",
    "get_loader",
    "iter_files",  # walking lives in reading.py; the pipeline finds it here
    "load_paths",
    "register_loader",
    "unregister_loader",
]
TEXT_FIELDS = ("key", "source", "title", "text", "date", "bio")


@runtime_checkable
class Loader(Protocol):
    """A source format; the README's "Adding a loader" says it in full.

    Loaders are tried in ascending ``priority`` (lower first, ties by ``name``); the first
    whose ``detect`` accepts the decoded text loads the file. ``load`` yields a Document
    per record, and may yield a LoadError for a record it cannot read and go on with the
    next; raising LoadError gives up on the rest of the file. Any other exception is
    reported as the loader's failure on that file, and the build goes on.
    """

    name: str
    priority: int

    def detect(self, path: Path, text: str) -> bool: ...

    def load(self, path: Path, text: str) -> Iterator[Document | LoadError]: ...


_registered: dict[str, Loader] = {}


@cache
def _entry_point_loaders() -> tuple[Loader, ...]:
    """The loaders of the entry-point group; one that cannot be loaded is skipped with a
    warning naming it, so a broken plugin never stops the others or the command."""
    found = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            loader = obj() if isinstance(obj, type) else obj
        except Exception as exc:
            warnings.warn(
                f"loader entry point {ep.name!r} ({ep.value}) cannot be loaded, skipped: "
                f"{_failure(exc)}",
                stacklevel=2,
            )
            continue
        if not isinstance(loader, Loader):
            warnings.warn(
                f"entry point {ep.name!r} ({ep.value}) is not an actorgraph loader "
                "(name, priority, detect, load), skipped",
                stacklevel=2,
            )
            continue
        found.append(loader)
    return tuple(found)


def available_loaders() -> dict[str, Loader]:
    """Every loader, by name, in the order detection tries them: those of the entry-point
    group ``actorgraph.loaders`` (the built-in ones too) and those registered here."""
    found = [*_entry_point_loaders(), *_registered.values()]
    found.sort(key=lambda loader: (loader.priority, loader.name))
    return {loader.name: loader for loader in found}


def register_loader(loader: Loader) -> None:
    """Add a loader for this process without an entry point (an application, a test)."""
    if not isinstance(loader, Loader):
        raise TypeError(f"{loader!r} is not an actorgraph loader (name, priority, detect, load)")
    if loader.name in available_loaders():
        raise ValueError(f"a loader named {loader.name!r} is already registered")
    _registered[loader.name] = loader


def unregister_loader(name: str) -> None:
    """Take back a loader ``register_loader`` added."""
    del _registered[name]


def get_loader(name: str) -> Loader:
    loaders = available_loaders()
    if name not in loaders:
        raise KeyError(f"no loader named {name!r}; available: {', '.join(loaders)}")
    return loaders[name]


def detect_loader(path: Path, text: str, loaders: Iterable[Loader] | None = None) -> Loader:
    for loader in available_loaders().values() if loaders is None else loaders:
        try:
            accepted = loader.detect(path, text)
        except Exception as exc:  # a third-party loader's bug costs this file, not the build
            raise LoadError(
                path, f"loader {loader.name!r} failed to detect: {_failure(exc)}"
            ) from None
        if accepted:
            return loader
    raise LoadError(path, "no loader recognises this file")


def load_paths(
    paths: Iterable[str | Path], *, loader: str | None = None, year: int | None = None
) -> Iterator[Document | LoadError]:
    """Documents from every file, and a LoadError (not an exception) for each bad file or
    record: a bad one never stops the walk, the caller reports it and goes on.

    ``year`` completes dates written without one, unless the file's own ``year:`` line
    does; a document's id then covers its ISO date, so adding a year updates a store.
    """
    loaders = [get_loader(loader)] if loader else list(available_loaders().values())
    for path in walk(paths):
        if isinstance(path, LoadError):
            yield path
            continue
        try:
            text = read_text(path)
            try:
                defaults, text = split_front_matter(text)
            except ValueError as exc:
                raise LoadError(path, str(exc)) from None
            if not text.strip():
                raise LoadError(path, "empty (nothing after its year:/date: lines)")
            chosen = loaders[0] if loader else detect_loader(path, text, loaders)
        except LoadError as exc:
            yield exc
            continue
        defaults = DateDefaults(defaults.year or year, defaults.date)
        yield from _records(chosen, path, text, defaults)


def _records(
    loader: Loader, path: Path, text: str, defaults: DateDefaults
) -> Iterator[Document | LoadError]:
    try:
        for record in loader.load(path, text):
            if isinstance(record, Document):
                yield _completed(record, defaults)
            elif isinstance(record, LoadError):
                yield record
            else:
                yield LoadError(
                    path,
                    f"loader {loader.name!r} yielded a {type(record).__name__}, not a Document",
                )
    except LoadError as exc:
        yield exc
    except Exception as exc:  # a third-party loader's bug costs this file, not the build
        yield LoadError(path, f"loader {loader.name!r} failed: {_failure(exc)}")


def _completed(document: Document, defaults: DateDefaults) -> Document:
    """The document with its text fields valid UTF-8 (a path's undecodable bytes shown
    escaped, so a store can hold them) and the file's or run's date defaults applied."""
    changes: dict[str, Any] = {
        name: valid
        for name in TEXT_FIELDS
        if isinstance(value := getattr(document, name), str)
        and (valid := valid_text(value)) is not value
    }
    if any(valid_text(author) is not author for author in document.authors):
        changes["authors"] = tuple(valid_text(author) for author in document.authors)
    if changes:
        document = dataclasses.replace(document, **changes)
    date = document.date or defaults.date
    date_iso = document.date_iso or (iso_date(date, year=defaults.year) if date else None)
    if (date, date_iso) == (document.date, document.date_iso):
        return document
    return dataclasses.replace(
        document, id=content_id(document.id, date, date_iso), date=date, date_iso=date_iso
    )


def _failure(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
