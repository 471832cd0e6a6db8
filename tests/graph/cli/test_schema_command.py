"""`actorgraph schema` on the real embedded store built from the seeds: every count is
checked against a query of its own, and the dialect is named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from actorgraph.graph.cli import main
from actorgraph.graph.schema import load_schema, node_properties
from actorgraph.graph.stores import open_store


def schema_json(store: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["schema", "--store", str(store), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_schema_counts_match_the_store(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = schema_json(seeds_store_path, capsys)
    assert found["dialect"] == "ladybug" and "LadybugDB" in found["dialect_title"]
    store = open_store(str(seeds_store_path), read_only=True)
    try:
        labels = {entry["name"]: entry for entry in found["labels"]}
        assert list(labels) == list(load_schema().node_labels)
        for label, entry in labels.items():
            [[count]] = store.query(f"MATCH (n:`{label}`) RETURN count(n) AS c").rows
            assert entry["count"] == count
            assert [p["name"] for p in entry["properties"]] == list(node_properties(label))
        assert labels["Person"]["count"] > 0 and labels["Group"]["count"] > 0
        for entry in found["relationships"]:
            [[count]] = store.query(f"MATCH ()-[r:`{entry['name']}`]->() RETURN count(r) AS c").rows
            assert entry["count"] == count == sum(e["count"] for e in entry["endpoints"])
        [wrote] = [e for e in found["relationships"] if e["name"] == "WROTE"]
        assert [(e["source"], e["target"]) for e in wrote["endpoints"]] == [("Person", "Document")]
        [[dated]] = store.query("MATCH (d:Document) RETURN count(d.date) AS c").rows
        [document] = [e for e in found["labels"] if e["name"] == "Document"]
        assert {p["name"]: p["count"] for p in document["properties"]}["date"] == dated
    finally:
        store.close()


def test_schema_table_names_dialect_and_spellings(
    seeds_store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--store", str(seeds_store_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"store {seeds_store_path}: LadybugDB Cypher")
    assert "node labels (" in out and "relationship types (" in out
    assert "aliases STRING[]" in out and "(Person)->(Document)" in out
    assert "label(n)" in out and "`Group`" in out


def test_schema_missing_store_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--store", str(tmp_path / "none")]) == 2
    assert "no store here" in capsys.readouterr().err
