"""The neo4j-admin import CSVs: headers, ids, arrays and text survive a parse back."""

from __future__ import annotations

import csv
import shlex
import sys
from dataclasses import replace
from itertools import pairwise
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
    stored_texts,
    write_neo4j_csv,
)
from actorgraph.graph.exports.order import sorted_graph
from actorgraph.graph.exports.output import ExportPathError
from actorgraph.graph.exports.text import utf8_text
from actorgraph.graph.records import DocumentText, Evidence, MentionRow, SentenceRow
from actorgraph.graph.stores.neo4j import schema_statements
from actorgraph.graph.stores.rows import edge_attrs, edge_props, node_attrs, node_props

sys.path.insert(0, str(Path(__file__).parents[1] / "stores"))
from sample_graph import DETAINED_SENTENCE, DOC1, DOC2, TRIBUNAL_SENTENCE, small_graph

CASTS = {"string": str, "long": int, "double": float}
Layout = tuple[dict[str, Any], dict[tuple[str, str, str], Any]]


def parse_value(kind: str, raw: str) -> Any:
    """A field as neo4j-admin reads it: empty is no value, arrays split on the delimiter."""
    if raw == "":
        return None
    if kind.endswith("[]"):
        return [CASTS[kind[:-2]](part) for part in raw.split(ARRAY_DELIMITER)]
    return CASTS[kind](raw)


def rows_of(path: Path) -> list[tuple[dict[str, str], dict[str, Any]]]:
    """Each row's id and type columns, and its properties parsed."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        found = []
        for row in reader:
            fields = dict(zip(header, row, strict=True))
            props = {
                column.split(":")[0]: parse_value(column.split(":")[1], raw)
                for column, raw in fields.items()
                if not column.startswith(":") and ":ID" not in column
            }
            found.append((fields, props))
        return found


def read_back(paths: list[Path]) -> tuple[nx.MultiDiGraph, list[DocumentText]]:
    """The graph (evidence text joined from the sentences) and the texts, as imported."""
    graph = nx.MultiDiGraph()
    texts: dict[str, DocumentText] = {}
    by_name = {p.name: p for p in paths}
    for path in sorted(p for p in paths if p.name.startswith("nodes-")):
        for fields, props in rows_of(path):
            labels = fields[":LABEL"].split(ARRAY_DELIMITER)
            if labels == ["Sentence"]:
                row = SentenceRow(fields["id:ID"], **{**props, "gap": props["gap"] or ""})
                texts.setdefault(row.document, DocumentText(row.document, [], []))
                texts[row.document].sentences.append(row)
                continue
            label = labels[0]
            assert labels == ([label] if label == "Document" else [label, "Entity"])
            graph.add_node(fields["id:ID"], **node_attrs(label, props))
    cited = {s.id: (s.start_char, s.end_char, s.text) for t in texts.values() for s in t.sentences}
    for path in sorted(p for p in paths if p.name.startswith("relationships-")):
        for fields, props in rows_of(path):
            source, target, key = fields[":START_ID"], fields[":END_ID"], fields[":TYPE"]
            if key == "HAS_MENTION":
                label = graph.nodes[target]["label"]
                mention = MentionRow(source, target, label, **props)
                texts[source.rpartition(":")[0]].mentions.append(mention)
            elif key == "FROM_DOCUMENT":
                assert source.startswith(target + ":") and target in graph
            elif key == "NEXT_SENTENCE":
                assert source.rpartition(":")[0] == target.rpartition(":")[0]
            else:
                graph.add_edge(source, target, key=key, **edge_attrs(key, props, cited))
    following = by_name.get("relationships-NEXT_SENTENCE.csv")
    pairs = {(f[":START_ID"], f[":END_ID"]) for f, _ in rows_of(following)} if following else set()
    for text in texts.values():
        ids = [s.id for s in text.sentences]
        assert pairs >= set(pairwise(ids))
    assert len(pairs) == sum(len(t.sentences) - 1 for t in texts.values())
    return graph, [texts[d] for d in sorted(texts)]


def evidence_text(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[tuple]]:
    """Each link's evidence with the fields Evidence leaves out of its equality."""
    return {
        (s, t, k): [(e.document, e.index, e.start, e.end, e.text) for e in evidence]
        for s, t, k, evidence in graph.edges(keys=True, data="evidence")
        if evidence is not None
    }


def sample_texts() -> list[DocumentText]:
    """Both documents' text as a build stores it: sentences with gaps, mentions."""
    tribunal = SentenceRow(f"{DOC1}:0", DOC1, 0, 0, len(TRIBUNAL_SENTENCE), TRIBUNAL_SENTENCE, "")
    after = SentenceRow(f"{DOC1}:2", DOC1, 2, 80, 92, "It ruled; ok.", "\n\n ")
    detained = SentenceRow(
        f"{DOC2}:1", DOC2, 1, 10, 10 + len(DETAINED_SENTENCE), DETAINED_SENTENCE, "  \n"
    )
    mentions = [
        MentionRow(tribunal.id, "Tribunal:uyghur-tribunal", "Tribunal", 4, 19, "Uyghur Tribunal"),
        MentionRow(tribunal.id, "Person:geoffrey-nice", "Person", 32, 49, "Sir Geoffrey Nice"),
        MentionRow(tribunal.id, "State:china", "State", 57, 62, "China"),
        MentionRow(after.id, "State:china", "State", 80, 82, "It"),
    ]
    return [
        DocumentText(DOC1, [tribunal, after], mentions),
        DocumentText(
            DOC2, [detained], [MentionRow(detained.id, "State:china", "State", 10, 15, "China")]
        ),
    ]


def test_csv_files_per_label_and_type_with_import_headers(tmp_path: Path) -> None:
    paths = write_neo4j_csv(small_graph(), tmp_path / "out", sample_texts())
    names = sorted(p.name for p in paths)
    assert names == sorted(
        [
            "nodes-Document.csv",
            "nodes-Group.csv",
            "nodes-Person.csv",
            "nodes-Sentence.csv",
            "nodes-State.csv",
            "nodes-Tribunal.csv",
            "relationships-CHAIRS.csv",
            "relationships-CO_MENTIONED.csv",
            "relationships-DETAINED.csv",
            "relationships-FROM_DOCUMENT.csv",
            "relationships-HAS_MENTION.csv",
            "relationships-MENTIONS.csv",
            "relationships-NEXT_SENTENCE.csv",
            "relationships-WROTE.csv",
            "schema.cypher",
        ]
    )
    statements = (tmp_path / "out" / "schema.cypher").read_text("utf-8").split(";\n")
    assert statements[:-1] == schema_statements() and statements[-1] == ""
    person = (tmp_path / "out" / "nodes-Person.csv").read_text("utf-8").splitlines()
    assert person[0].split(",")[:4] == ["id:ID", ":LABEL", "name:string", "aliases:string[]"]
    assert "pagerank:double" in person[0] and "degree:long" in person[0]
    assert person[1].split(",")[1] == f'"Person{ARRAY_DELIMITER}Entity"'
    chairs = (tmp_path / "out" / "relationships-CHAIRS.csv").read_text("utf-8").splitlines()
    assert chairs[0].split(",") == [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "weight:long",
        "sentences:string[]",
        "curated:string[]",
        "patterns:string[]",
    ]
    assert f'"{DOC1}:0"' in chairs[1] and TRIBUNAL_SENTENCE not in chairs[1]
    sentence = (tmp_path / "out" / "nodes-Sentence.csv").read_text("utf-8").splitlines()[0]
    assert sentence.split(",") == [
        "id:ID",
        ":LABEL",
        "document:string",
        "position:long",
        "start_char:long",
        "end_char:long",
        "text:string",
        "gap:string",
    ]
    mention = (tmp_path / "out" / "relationships-HAS_MENTION.csv").read_text("utf-8")
    assert mention.splitlines()[0].endswith("start_char:long,end_char:long,surface:string")


@pytest.mark.parametrize("with_texts", [True, False])
def test_csv_round_trips_the_graph_and_its_text(tmp_path: Path, with_texts: bool) -> None:
    """With the store's texts, every sentence and mention; without, the cited sentences."""
    graph = small_graph()
    texts = sample_texts() if with_texts else None
    back, back_texts = read_back(write_neo4j_csv(graph, tmp_path, texts))
    assert dict(back.nodes(data=True)) == {
        n: node_attrs(a["label"], {"id": n, **node_props(a)}) for n, a in graph.nodes(data=True)
    }
    assert {(s, t, k): a for s, t, k, a in back.edges(keys=True, data=True)} == {
        (s, t, k): edge_attrs(k, edge_props(k, a))
        for s, t, k, a in graph.edges(keys=True, data=True)
    }
    assert evidence_text(back) == evidence_text(graph)
    if with_texts:
        assert back_texts == sample_texts()
    else:
        assert [[s.text for s in t.sentences] for t in back_texts] == [
            [TRIBUNAL_SENTENCE],
            [DETAINED_SENTENCE],
        ]
        assert all(not t.mentions for t in back_texts)


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
    string (a name, a sentence's text) keeps it, since only arrays are split."""
    graph = small_graph()
    graph.nodes["State:china"]["aliases"] = ["China", f"P{ARRAY_DELIMITER}RC"]
    graph.nodes["State:china"]["name"] = f"Chi{ARRAY_DELIMITER}na"
    sentence = f"China{ARRAY_DELIMITER} detained Uyghurs."
    graph.edges["State:china", "Group:uyghurs", "DETAINED"]["evidence"] = [
        Evidence("doc:00000000000000b2", 0, 0, len(sentence), sentence)
    ]
    back, _ = read_back(write_neo4j_csv(graph, tmp_path / "out"))
    assert back.nodes["State:china"]["aliases"] == ["China", "P\ufffdRC"]
    assert back.nodes["State:china"]["name"] == f"Chi{ARRAY_DELIMITER}na"
    evidence = back.edges["State:china", "Group:uyghurs", "DETAINED"]["evidence"]
    assert [e.text for e in evidence] == [sentence]  # a sentence's text is a plain string


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


def expected_after_csv(graph: nx.MultiDiGraph) -> tuple[dict, dict, dict]:
    """What neo4j-admin reads: set-like lists sorted, lone surrogates and in-array U+241F
    as U+FFFD; the evidence text as a sentence's (a string: lone surrogates replaced)."""
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
    evidence = {
        key: [(*fields[:4], utf8_text(fields[4])) for fields in cited]
        for key, cited in evidence_text(graph).items()
    }
    return nodes, edges, evidence


@round_trips
@given(graph=graphs())
def test_csv_round_trips_any_text(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    """Read back as neo4j-admin is told to read: quote '"', delimiter ',', arrays split
    on U+241F, fields spanning lines."""
    with TemporaryDirectory(dir=tmp_path) as directory:
        back, _ = read_back(write_neo4j_csv(graph, Path(directory) / "out"))
    nodes, edges, evidence = expected_after_csv(graph)
    assert dict(back.nodes(data=True)) == nodes
    assert {(s, t, k): a for s, t, k, a in back.edges(keys=True, data=True)} == edges
    assert evidence_text(back) == evidence


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
    assert sorted(nodes + links) == sorted(str(p) for p in paths if p.suffix == ".csv")
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
        Evidence(DOC2, 0, 0, len(sentence), sentence)
    ]
    texts = sample_texts()  # its first sentence's gap is "": kept apart from no value
    awkward = SentenceRow(f"{DOC2}:0", DOC2, 0, 0, len(sentence), sentence, AWKWARD)
    texts[1].sentences.insert(0, awkward)
    texts[1].mentions.insert(0, MentionRow(awkward.id, "State:china", "State", 0, 5, AWKWARD))
    command = shlex.split(import_command(write_neo4j_csv(graph, tmp_path / "csv", texts)))
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
            back_texts = stored_texts(store, back)
    finally:
        server.stop()
    nodes, edges, evidence = expected_after_csv(graph)
    assert dict(back.nodes(data=True)) == nodes
    assert {(s, t, k): a for s, t, k, a in back.edges(keys=True, data=True)} == edges
    assert evidence_text(back) == evidence
    assert back_texts == [
        DocumentText(
            t.document,
            [replace(r, text=utf8_text(r.text), gap=utf8_text(r.gap)) for r in t.sentences],
            [replace(m, surface=utf8_text(m.surface)) for m in t.mentions],
        )
        for t in texts
    ]
