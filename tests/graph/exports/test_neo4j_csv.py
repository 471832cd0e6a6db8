"""The neo4j-admin import CSVs: headers, ids, arrays and text survive a parse back."""

from __future__ import annotations

import csv
import shlex
import sys
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import networkx as nx
import pytest
from generated import graphs, round_trips
from hypothesis import given
from neo4j_server import Neo4jTarget, launcher, unavailable

from actorgraph.graph.exports.neo4j_csv import (
    ARRAY_DELIMITER,
    CsvExportError,
    import_command,
    write_neo4j_csv,
)
from actorgraph.graph.exports.order import sorted_graph
from actorgraph.graph.exports.output import ExportPathError
from actorgraph.graph.exports.text import utf8_text
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


def test_csv_replaces_the_array_delimiter_inside_array_items(tmp_path: Path) -> None:
    """An item holding U+241F reads back as one item with U+FFFD in its place; a plain
    string keeps it, since only arrays are split."""
    graph = small_graph()
    graph.nodes["State:china"]["aliases"] = ["China", f"P{ARRAY_DELIMITER}RC"]
    graph.nodes["State:china"]["name"] = f"Chi{ARRAY_DELIMITER}na"
    sentence = f"China{ARRAY_DELIMITER} detained Uyghurs."
    graph.edges["State:china", "Group:uyghurs", "DETAINED"]["evidence"] = [
        Evidence("doc:00000000000000b2", 0, 0, len(sentence), sentence)
    ]
    back = read_back(write_neo4j_csv(graph, tmp_path / "out"))
    assert back.nodes["State:china"]["aliases"] == ["China", "P\ufffdRC"]
    assert back.nodes["State:china"]["name"] == f"Chi{ARRAY_DELIMITER}na"
    evidence = back.edges["State:china", "Group:uyghurs", "DETAINED"]["evidence"]
    assert [e.text for e in evidence] == ["China\ufffd detained Uyghurs."]


def test_csv_refuses_undeclared_labels_and_writes_nothing(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("Ship:x", label="Ship", name="x")
    with pytest.raises(CsvExportError, match="Ship"):
        write_neo4j_csv(graph, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("existing", ["non-empty directory", "file"])
def test_csv_refuses_a_path_holding_something(tmp_path: Path, existing: str) -> None:
    """Files of an earlier export would be loaded with the new ones: refused, untouched."""
    target = tmp_path / "out"
    if existing == "file":
        target.write_text("x")
    else:
        target.mkdir()
        (target / "nodes-Ship.csv").write_text("x")
    with pytest.raises(ExportPathError, match=str(target)):
        write_neo4j_csv(small_graph(), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_csv_fills_an_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    paths = write_neo4j_csv(small_graph(), tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)
    assert all(p.parent == tmp_path / "out" and p.is_file() for p in paths)


def expected_after_csv(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    """What neo4j-admin reads: set-like lists sorted, lone surrogates and in-array U+241F
    as U+FFFD."""
    graph = sorted_graph(graph)

    def clean(value: Any, in_array: bool = False) -> Any:
        if isinstance(value, list):
            return [clean(item, True) for item in value]
        if not isinstance(value, str):
            return value
        value = utf8_text(value)
        return value.replace(ARRAY_DELIMITER, "\ufffd") if in_array else value

    nodes = {
        n: node_attrs(a["label"], {"id": n, **{k: clean(v) for k, v in node_props(a).items()}})
        for n, a in graph.nodes(data=True)
    }
    edges = {
        (s, t, k): edge_attrs(k, {name: clean(v) for name, v in edge_props(k, a).items()})
        for s, t, k, a in graph.edges(keys=True, data=True)
    }
    return nodes, edges


@round_trips
@given(graph=graphs())
def test_csv_round_trips_any_text(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    """Read back as neo4j-admin is told to read: quote '"', delimiter ',', arrays split
    on U+241F, fields spanning lines."""
    with TemporaryDirectory(dir=tmp_path) as directory:
        back = read_back(write_neo4j_csv(graph, Path(directory) / "out"))
    nodes, edges = expected_after_csv(graph)
    assert dict(back.nodes(data=True)) == nodes
    assert {(s, t, k): a for s, t, k, a in back.edges(keys=True, data=True)} == edges


def test_import_command_names_every_file(tmp_path: Path) -> None:
    graph = small_graph()
    graph.add_edge(
        "State:china",
        "Group:uyghurs",
        key="SANCTIONED",
        type="SANCTIONED",
        weight=1,
        evidence=[Evidence("doc:00000000000000b2", 0, 0, 3, "x")],
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


AWKWARD = 'a"b,c\r\nd\ne\rf\u241fg\\h\x00i\x0bj \t ;|\udcff'  # quotes, breaks, delimiters


@pytest.mark.neo4j
def test_csv_awkward_text_survives_the_real_importer(tmp_path: Path) -> None:
    """neo4j-admin itself (Neo4j 5.26, tools/neo4j) imports the files; the server then
    holds what ``expected_after_csv`` says, for every awkward character at once."""
    graph = small_graph()
    graph.nodes["State:china"]["name"] = f"China{AWKWARD}"
    graph.nodes["State:china"]["aliases"] = ["China", f"P{AWKWARD}", ' "quoted" ']
    graph.nodes["doc:00000000000000a1"]["title"] = AWKWARD
    graph.nodes["doc:00000000000000a1"]["source"] = f"seeds/{AWKWARD}"
    sentence = f"China detained{AWKWARD}"
    graph.edges["State:china", "Group:uyghurs", "DETAINED"]["evidence"] = [
        Evidence("doc:00000000000000b2", 0, 0, len(sentence), sentence)
    ]
    command = shlex.split(import_command(write_neo4j_csv(graph, tmp_path / "csv")))
    home = tmp_path / "home"
    home.mkdir()
    try:
        result = launcher.run_admin(home, *command[1:])
    except launcher.ServerUnavailable as exc:
        unavailable(str(exc))
    assert result.returncode == 0 and "IMPORT DONE" in result.stdout, result.stderr[-3000:]
    server = launcher.start_server(home)
    try:
        target = Neo4jTarget(server.uri, server.user, server.password, launched=server)
        with target.store(read_only=True) as store:
            back = store.read_graph()
    finally:
        server.stop()
    nodes, edges = expected_after_csv(graph)
    assert dict(back.nodes(data=True)) == nodes
    assert {(s, t, k): a for s, t, k, a in back.edges(keys=True, data=True)} == edges
