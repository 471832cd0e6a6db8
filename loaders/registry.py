"""The loader protocol, the entry-point registry, and walking paths into Documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from actorgraph.loaders.document import Document, LoadError
from actorgraph.loaders.reading import read_text

ENTRY_POINT_GROUP = "actorgraph.loaders"


@runtime_checkable
class Loader(Protocol):
    """A source format. ``detect`` sees the decoded text; lower ``priority`` is tried first."""

    name: str
    priority: int

    def detect(self, path: Path, text: str) -> bool: ...

    def load(self, path: Path, text: str) -> Iterator[Document]: ...


@cache
def available_loaders() -> dict[str, Loader]:
    """Every registered loader, by name, in the order detection tries them."""
    found: list[Loader] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        loader = obj() if isinstance(obj, type) else obj
        if not isinstance(loader, Loader):
            raise TypeError(f"entry point {ep.name!r} ({ep.value}) is not an actorgraph loader")
        found.append(loader)
    found.sort(key=lambda loader: (loader.priority, loader.name))
    return {loader.name: loader for loader in found}


def get_loader(name: str) -> Loader:
    loaders = available_loaders()
    if name not in loaders:
        raise KeyError(f"no loader named {name!r}; available: {', '.join(loaders)}")
    return loaders[name]


def detect_loader(path: Path, text: str) -> Loader:
    for loader in available_loaders().values():
        if loader.detect(path, text):
            return loader
    raise LoadError(str(path), "no loader recognises this file")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under ``paths``, directories walked recursively in name order, hidden ones skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in relative):
                    yield child
        else:
            yield path


def load_paths(
    paths: Iterable[str | Path], *, loader: str | None = None
) -> Iterator[Document | LoadError]:
    """Documents from every file, and a LoadError (not an exception) for each bad file.

    A bad file never stops the walk: the caller reports it and goes on.
    """
    forced = get_loader(loader) if loader else None
    for path in iter_files(paths):
        try:
            text = read_text(path)
            chosen = forced or detect_loader(path, text)
            yield from chosen.load(path, text)
        except LoadError as exc:
            yield exc
