"""The installed package ships py.typed, so a plugin type-checks against ``Loader``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE_DIRS = ("loaders", "graph", "queries")  # pyproject's package-dir
PLUGIN = """
from collections.abc import Iterator
from pathlib import Path

from actorgraph.loaders import Document, LoadError, Loader


class Right:
    name = "right"
    priority = 5

    def detect(self, path: Path, text: str) -> bool:
        return path.suffix == ".right"

    def load(self, path: Path, text: str) -> Iterator[Document | LoadError]:
        yield LoadError(path, "record 1 has no text")


class Wrong:
    name = "wrong"
    priority = "first"

    def detect(self, path: Path) -> bool:
        return True

    def load(self, path: Path, text: str) -> Iterator[Document | LoadError]:
        yield LoadError(path, "record 1 has no text")


right: Loader = Right()
wrong: Loader = Wrong()
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as a wheel installs it (not the editable checkout), in a folder of its own."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy: building in the checkout would leave build/ in it
    for name in PACKAGE_DIRS:
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(work), str(source)], check=True)
    (wheel,) = work.glob("actorgraph-*.whl")
    assert "actorgraph/loaders/py.typed" in zipfile.ZipFile(wheel).namelist()
    target = work / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    return target


def test_a_plugin_type_checks_against_the_loader_protocol(installed: Path, tmp_path: Path):
    plugin = tmp_path / "plugin.py"
    plugin.write_text(PLUGIN, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(plugin)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(installed)},
        cwd=tmp_path,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    # Only the wrong loader is refused: the package was found, typed, and checked against.
    assert len(errors) == 1, done.stdout
    assert 'Incompatible types in assignment (expression has type "Wrong"' in errors[0]
    assert 'priority: expected "int", got "str"' in done.stdout
