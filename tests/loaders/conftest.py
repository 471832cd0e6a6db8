"""The test loader, registered through the registry's API (no entry point) and taken back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from records_loader import RecordsLoader

from actorgraph.loaders.registry import register_loader, unregister_loader


@pytest.fixture
def records_loader() -> Iterator[RecordsLoader]:
    loader = RecordsLoader()
    register_loader(loader)
    yield loader
    unregister_loader(loader.name)
