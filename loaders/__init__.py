"""Loaders turn source files into Documents.

A loader is any object with a ``name``, a ``priority`` and two methods (``detect``,
``load``); third-party packages add one through the ``actorgraph.loaders`` entry-point
group, exactly as the built-in loaders are registered, without touching the core (or, in
one process, with ``register_loader``). The package ships ``py.typed``, so a plugin
type-checks against ``Loader``.
"""

from __future__ import annotations

from actorgraph.loaders.document import Document, LoadError, content_id, printable_path
from actorgraph.loaders.registry import (
    Loader,
    available_loaders,
    get_loader,
    load_paths,
    register_loader,
    unregister_loader,
)

__all__ = [
    "Document",
    "LoadError",
    "Loader",
    "available_loaders",
    "content_id",
    "get_loader",
    "load_paths",
    "printable_path",
    "register_loader",
    "unregister_loader",
]
