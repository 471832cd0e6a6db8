"""``actorgraph export`` at its edges: the format from the file name, paths it must refuse."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from actorgraph.graph.cli import main


def export(store: Path, *args: str) -> int:
    return main(["export", *args, "--store", str(store)])


def kind_of(path: Path) -> str:
    """What the file holds, by its content: json, graphml or gexf."""
    text = path.read_text("utf-8")
    if text.startswith("{"):
        json.loads(text)
        return "json"
    return ET.fromstring(text.encode("utf-8")).tag.split("}")[1]


@pytest.mark.parametrize(
    ("name", "kind"),
    [("g.json", "json"), ("g.graphml", "graphml"), ("g.gexf", "gexf"), ("G.GEXF", "gexf")],
)
def test_export_takes_the_format_from_the_name(
    seeds_store_path: Path, tmp_path: Path, name: str, kind: str
) -> None:
    assert export(seeds_store_path, str(tmp_path / name)) == 0
    assert kind_of(tmp_path / name) == kind


@pytest.mark.parametrize(
    ("fmt", "name"), [("json", "g.gexf"), ("gexf", "g.graphml"), ("neo4j-csv", "g.json")]
)
def test_export_refuses_a_format_the_name_contradicts(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str
) -> None:
    assert export(seeds_store_path, "--format", fmt, str(tmp_path / name)) == 2
    error = capsys.readouterr().err
    assert f"--format {fmt}" in error and name in error
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "hint"), [("graph", "--format"), (".", "neo4j-csv")])
def test_export_asks_for_a_format_it_cannot_tell(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, hint: str
) -> None:
    assert export(seeds_store_path, str(tmp_path / name)) == 2
    error = capsys.readouterr().err
    assert hint in error and str(tmp_path / name) in error
    assert list(tmp_path.iterdir()) == []


def test_export_replaces_an_existing_file(seeds_store_path: Path, tmp_path: Path) -> None:
    """As ``make demo`` does on every run; the old file stays whole until the new one is."""
    target = tmp_path / "g.json"
    target.write_text("old")
    assert export(seeds_store_path, str(target)) == 0
    assert kind_of(target) == "json"
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]  # no temporary left


@pytest.mark.parametrize(
    ("args", "setup"),
    [
        (["g.json"], "directory"),
        (["--format", "neo4j-csv", "out"], "non-empty"),  # CSVs beside an earlier export's
        (["--format", "neo4j-csv", "out"], "file"),
        (["under/g.gexf"], "parent-file"),
    ],
    ids=["file-onto-a-directory", "csv-into-a-full-directory", "csv-onto-a-file", "under-a-file"],
)
def test_export_names_the_path_it_cannot_write(
    seeds_store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    setup: str,
) -> None:
    target = tmp_path / args[-1]
    if setup == "directory":
        target.mkdir()
    elif setup == "non-empty":
        target.mkdir()
        (target / "nodes-Person.csv").write_text("old")
    elif setup == "file":
        target.write_text("old")
    else:
        (tmp_path / "under").write_text("old")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert export(seeds_store_path, *args[:-1], str(target)) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "Traceback" not in error
    assert str(target if setup != "parent-file" else tmp_path / "under") in error
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_export_neo4j_csv_into_a_new_directory(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(seeds_store_path, "--format", "neo4j-csv", str(tmp_path / "out")) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "nodes-Person.csv" in names and "relationships-CO_MENTIONED.csv" in names
    assert "neo4j-admin database import full" in capsys.readouterr().out


def test_export_directed_applies_to_graphml_and_gexf_only(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(seeds_store_path, "--directed", str(tmp_path / "g.json")) == 2
    assert "--directed" in capsys.readouterr().err
    assert export(seeds_store_path, "--directed", str(tmp_path / "g.gexf")) == 0
    assert 'type="undirected"' not in (tmp_path / "g.gexf").read_text("utf-8")
