"""The neo4j-admin import CSVs: headers, ids, arrays and text survive a parse back."""

from __future__ import annotations

import csv
import shlex
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from actorgraph.graph.exports.neo4j_csv import (
    ARRAY_DELIMITER,
    CsvExportError,
    import_command,
    write_neo4j_csv,
)
from actorgraph.graph.records import Evidence
from actorgraph.graph.stores.rows import edge_attrs, edge_props, node_attrs, node_props

sys.path.insert(0, str(Path(__file__).parents[1] / "stores"))
from sample_graph import small_graph

CASTS = {"string": str, "long": int, "double": float}


def parse_value(kind: str, raw: str) -> Any:
    """A field as neo4j-admin reads it: empty is no value, arrays split on the delimiter."""
    if raw == "":
        return None
    if kind.endswith("[]"):
        return [CASTS[kind[:-2]](part) for part in raw.split(ARRAY_DELIMITER)]
    return CASTS[kind](raw)


def read_back(paths: list[Path]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for path in sorted(paths, key=lambda p: not p.name.startswith("nodes-")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            for row in reader:
                fields = dict(zip(header, row, strict=True))
                props = {
                    column.split(":")[0]: parse_value(column.split(":")[1], raw)
                    for column, raw in fields.items()
                    if not column.startswith(":") and ":ID" not in column
                }
                if path.name.startswith("nodes-"):
                    graph.add_node(fields["id:ID"], **node_attrs(fields[":LABEL"], props))
                else:
                    key = fields[":TYPE"]
                    graph.add_edge(
                        fields[":START_ID"], fields[":END_ID"], key=key, **edge_attrs(key, props)
                    )
    return graph


def test_csv_files_per_label_and_type_with_import_headers(tmp_path: Path) -> None:
    paths = write_neo4j_csv(small_graph(), tmp_path / "out")
    names = sorted(p.name for p in paths)
    assert names == sorted(
        [
            "nodes-Document.csv",
            "nodes-Group.csv",
            "nodes-Person.csv",
            "nodes-State.csv",
            "nodes-Tribunal.csv",
            "relationships-CHAIRS.csv",
            "relationships-CO_MENTIONED.csv",
            "relationships-DETAINED.csv",
            "relationships-MENTIONS.csv",
            "relationships-WROTE.csv",
        ]
    )
    person = (tmp_path / "out" / "nodes-Person.csv").read_text("utf-8").splitlines()[0]
    assert person.split(",")[:4] == ["id:ID", ":LABEL", "name:string", "aliases:string[]"]
    assert "pagerank:double" in person and "degree:long" in person
    chairs = (tmp_path / "out" / "relationships-CHAIRS.csv").read_text("utf-8").splitlines()[0]
    assert chairs.split(",") == [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "weight:long",
        "evidence_docs:string[]",
        "evidence_texts:string[]",
        "evidence_starts:long[]",
        "evidence_ends:long[]",
        "patterns:string[]",
    ]


def test_csv_round_trips_the_graph(tmp_path: Path) -> None:
    graph = small_graph()
    back = read_back(write_neo4j_csv(graph, tmp_path))
    assert dict(back.nodes(data=True)) == {
        n: node_attrs(a["label"], {"id": n, **node_props(a)}) for n, a in graph.nodes(data=True)
    }
    assert {(s, t, k): a for s, t, k, a in back.edges(keys=True, data=True)} == {
        (s, t, k): edge_attrs(k, edge_props(k, a))
        for s, t, k, a in graph.edges(keys=True, data=True)
    }


def test_csv_keeps_empty_strings_apart_from_missing_values(tmp_path: Path) -> None:
    graph = small_graph()
    graph.nodes["State:china"]["note"] = ""
    write_neo4j_csv(graph, tmp_path)
    text = (tmp_path / "nodes-State.csv").read_text("utf-8")
    row = next(line for line in text.splitlines() if line.startswith('"State:china"'))
    assert ',"",' in row  # the empty note, quoted
    assert ",," in row  # the missing date, bare


def test_csv_refuses_a_value_holding_the_array_delimiter(tmp_path: Path) -> None:
    graph = small_graph()
    graph.nodes["State:china"]["aliases"] = ["China", f"P{ARRAY_DELIMITER}RC"]
    with pytest.raises(CsvExportError, match="State:china"):
        write_neo4j_csv(graph, tmp_path)


def test_csv_refuses_undeclared_labels(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("Ship:x", label="Ship", name="x")
    with pytest.raises(CsvExportError, match="Ship"):
        write_neo4j_csv(graph, tmp_path)


def test_import_command_names_every_file(tmp_path: Path) -> None:
    graph = small_graph()
    graph.add_edge(
        "State:china",
        "Group:uyghurs",
        key="SANCTIONED",
        type="SANCTIONED",
        weight=1,
        evidence=[Evidence("doc:00000000000000b2", 0, 3, "x")],
        patterns=[],
    )
    paths = write_neo4j_csv(graph, tmp_path / "with space")
    args = shlex.split(import_command(paths, database="actors"))
    assert args[:5] == ["neo4j-admin", "database", "import", "full", "actors"]
    assert "--array-delimiter=U+241F" in args and "--multiline-fields=true" in args
    nodes = [a.removeprefix("--nodes=") for a in args if a.startswith("--nodes=")]
    links = [a.removeprefix("--relationships=") for a in args if a.startswith("--relationships=")]
    assert sorted(nodes + links) == sorted(str(p) for p in paths)
    assert all(Path(n).name.startswith("nodes-") for n in nodes)
    assert f"--relationships={tmp_path / 'with space' / 'relationships-SANCTIONED.csv'}" in args
