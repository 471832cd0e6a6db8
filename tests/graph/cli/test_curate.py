"""``actorgraph curate`` and ``build --curation`` on the seeds, with the real embedded store.

A judgement that the stored graph can take (merge, type, drop, reject) is written to the
store by ``curate`` itself; the store then holds what a build from scratch with the file
holds, which is what these tests compare, export against export.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from actorgraph.graph.cli import main
from actorgraph.graph.stores import open_store

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
DERIVED = {"degree", "pagerank", "betweenness", "community"}
MENTIONING = "MATCH (s:Sentence)-[m:HAS_MENTION]->(e {id: $id}) RETURN count(m)"


def _graph(store: Path) -> nx.MultiDiGraph:
    opened = open_store(str(store), read_only=True)
    try:
        return opened.read_graph()
    finally:
        opened.close()


def _mentions(store: Path, node: str) -> int:
    opened = open_store(str(store), read_only=True)
    try:
        return int(opened.query(MENTIONING, {"id": node}).rows[0][0])
    finally:
        opened.close()


def _node(graph: nx.MultiDiGraph, name: str) -> str:
    (node,) = [n for n, a in graph.nodes(data=True) if a.get("name") == name]
    return node


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[tuple[str, str]]:
    ins = {(u, k) for u, _, k in graph.in_edges(node, keys=True)}
    return ins | {(v, k) for _, v, k in graph.out_edges(node, keys=True)}


def _links(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    edges = [
        *graph.in_edges(node, keys=True, data=True),
        *graph.out_edges(node, keys=True, data=True),
    ]
    return [(u, v, k, a) for u, v, k, a in edges if "evidence" in a]


def _curate(curation: Path, *args: str, store: Path | None = None) -> None:
    """``actorgraph curate``; without ``store``, one that does not exist: the file only."""
    where = store if store is not None else curation.with_suffix(".no-store")
    assert main(["curate", *args, "--curation", str(curation), "--store", str(where)]) == 0


def _build(store: Path, curation: Path) -> int:
    return main(
        ["build", str(SEEDS), "--store", str(store), "--curation", str(curation), "--quiet"]
    )


def _export(store: Path, out: Path) -> dict[str, Any]:
    assert main(["export", str(out), "--store", str(store)]) == 0
    return json.loads(out.read_text("utf-8"))


def _layout(export: dict[str, Any], *, derived: bool = True) -> tuple[dict, dict]:
    """Nodes by id and links by (source, target, type), comparable with ``==``."""
    nodes = {
        n["id"]: {k: v for k, v in n.items() if derived or k not in DERIVED}
        for n in export["nodes"]
    }
    links = {(e["source"], e["target"], e["type"]): e for e in export["edges"]}
    return nodes, links


@pytest.fixture
def store(seeds_store_path: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds store (the session one is shared)."""
    copy = tmp_path / "store"
    shutil.copytree(seeds_store_path, copy)
    return copy


def test_curate_merge_writes_one_node_to_the_store_at_once(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _graph(store)
    short, full = _node(plain, "Marie van de Zyl"), _node(plain, "Marie van der Zyl")
    expected = (_neighbours(plain, short) | _neighbours(plain, full)) - {(short, "CO_MENTIONED")}
    mentions = _mentions(store, short) + _mentions(store, full)
    capsys.readouterr()
    _curate(tmp_path / "c.toml", "merge", "Marie van de Zyl", "Marie van der Zyl", store=store)
    said = capsys.readouterr().out
    assert said.startswith(f"#1 merge Marie van de Zyl / Marie van der Zyl; store {store}: ")
    assert "1 removed" in said and "rows written" in said
    graph = _graph(store)  # no build in between
    assert short not in graph
    node = graph.nodes[full]
    assert {"Marie van de Zyl", "Marie van der Zyl"} <= set(node["aliases"])
    assert _neighbours(graph, full) == {(n, k) for n, k in expected if n != full}
    entry = "merge #1: Marie van de Zyl, Marie van der Zyl"
    for u, v, key, attrs in _links(plain, short):  # each united with the evidence of both
        if full in (u, v):
            continue
        u, v = (full if u == short else u), (full if v == short else v)
        united = graph.edges[(*sorted((u, v)), key) if key == "CO_MENTIONED" else (u, v, key)]
        held = {e.sentence for e in united["evidence"]}
        assert {e.sentence for e in attrs["evidence"]} <= held
        assert united["weight"] == len(held) and entry in united["curated"]
    assert node["curated"] == [entry]
    assert "merged by the analyst: Marie van de Zyl, Marie van der Zyl" in node["note"]
    assert (_mentions(store, full), _mentions(store, short)) == (mentions, 0)


def test_curate_in_store_equals_a_fresh_curated_build(store: Path, tmp_path: Path) -> None:
    """Four judgements written to the store one by one hold what one build from scratch
    with the file writes; a second build from scratch writes the same again."""
    curation = tmp_path / "curation.toml"
    for args in [
        ("merge", "Lords", "House of Lords"),
        ("type", "Action Together", "Organisation"),
        ("drop", "Mulan"),
        ("reject", "Nus Ghani", "RELATED_TO", "Wealden"),
        ("merge", "Marie van de Zyl", "Marie van der Zyl"),
    ]:
        _curate(curation, *args, store=store)
    curated = _export(store, tmp_path / "curated.json")
    for attempt in ("first", "second"):  # each into an empty store: the file is what holds it
        fresh = tmp_path / f"fresh-{attempt}"
        assert _build(fresh, curation) == 0
        assert _export(fresh, tmp_path / f"{attempt}.json") == curated
    assert _build(store, curation) == 0  # and a build over the curated store changes nothing
    assert _export(store, tmp_path / "again.json") == curated


@pytest.mark.parametrize(
    ("args", "gone", "added"),
    [
        (
            ("type", "Action Together", "Organisation"),
            {"Person:action-together"},
            {"Organisation:action-together"},
        ),
        (("drop", "Mulan"), {"Person:mulan"}, set()),
        (("reject", "Nus Ghani", "RELATED_TO", "Wealden"), set(), set()),
    ],
)
def test_curate_type_drop_reject_change_exactly_what_they_name(
    store: Path, tmp_path: Path, args: tuple[str, ...], gone: set[str], added: set[str]
) -> None:
    nodes, links = _layout(_export(store, tmp_path / "before.json"), derived=False)
    _curate(tmp_path / "curation.toml", *args, store=store)
    after_nodes, after_links = _layout(_export(store, tmp_path / "after.json"), derived=False)
    assert (set(nodes) - set(after_nodes), set(after_nodes) - set(nodes)) == (gone, added)
    renamed = {g: a for g in gone for a in added}
    for node, attrs in after_nodes.items():  # no other node changed but in rank
        if node not in added:
            assert attrs == nodes[node], node
    moved = {(renamed.get(u, u), renamed.get(v, v), k): e for (u, v, k), e in links.items()}
    lost = set(moved) - set(after_links)
    if args[0] == "reject":
        assert lost == {("Person:nus-ghani", "Region:wealden", "RELATED_TO")}
    elif args[0] == "drop":
        assert lost and all("Person:mulan" in (u, v) for u, v, _ in lost)
    else:
        assert lost == set()
        entry = "type #1: Action Together as Organisation"
        assert after_nodes["Organisation:action-together"]["curated"] == [entry]
        assert after_nodes["Organisation:action-together"]["label"] == "Organisation"
    for link, attrs in after_links.items():  # the links left are those before, as they were
        before = {k: v for k, v in moved[link].items() if k not in ("source", "target", "curated")}
        assert {k: v for k, v in attrs.items() if k in before} == before
        assert set(attrs.get("curated") or ()) <= {"type #1: Action Together as Organisation"}


def test_curate_judgement_matching_nothing_writes_nothing(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _export(store, tmp_path / "before.json")
    capsys.readouterr()
    _curate(tmp_path / "c.toml", "drop", "Nobody Of Note", store=store)
    assert "matches nothing in the store; nothing written" in capsys.readouterr().out
    assert _export(store, tmp_path / "after.json") == before


def test_curate_without_a_store_records_the_judgement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    curation, absent = tmp_path / "c.toml", tmp_path / "no-store"
    _curate(curation, "drop", "Mulan", store=absent)
    out = capsys.readouterr().out
    assert f"no store at {absent} yet: `actorgraph build PATHS` applies it" in out
    assert not absent.exists()
    assert 'names = ["Mulan"]' in curation.read_text("utf-8")


def test_curate_separate_stops_an_automatic_merge(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _graph(store)
    assert "Nice" in before.nodes[_node(before, "Geoffrey Nice")]["aliases"]  # merged by itself
    curation = tmp_path / "curation.toml"
    capsys.readouterr()
    _curate(curation, "separate", "Nice", "Geoffrey Nice", store=store)
    out = capsys.readouterr().out
    assert (
        out
        == "#1 separate Nice / Geoffrey Nice; recorded; run `actorgraph build PATHS` to apply it\n"
    )
    assert nx.utils.graphs_equal(_graph(store), before)  # left to the build
    assert _build(store, curation) == 0
    after = _graph(store)
    assert "Nice" not in after.nodes[_node(after, "Geoffrey Nice")]["aliases"]
    assert _node(after, "Nice") not in before


def test_curate_undo_restores_the_graph_without_the_judgement(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _export(store, tmp_path / "plain.json")
    curation = tmp_path / "curation.toml"
    _curate(curation, "drop", "Mulan", store=store)
    _curate(curation, "merge", "Marie van de Zyl", "Marie van der Zyl", store=store)
    curated = _export(store, tmp_path / "curated.json")
    assert curated != plain
    capsys.readouterr()
    _curate(curation, "undo", "2", store=store)  # it changed the store: the build undoes it
    assert "removed #2: merge Marie van de Zyl / Marie van der Zyl; recorded; run `actorgraph " in (
        capsys.readouterr().out
    )
    assert _export(store, tmp_path / "still.json") == curated
    _curate(curation, "undo", "1", store=store)
    assert _build(store, curation) == 0
    assert _export(store, tmp_path / "undone.json") == plain


def test_curate_undo_of_a_judgement_that_left_no_trace_is_done_in_the_store(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Undoing a judgement that matched nothing only renumbers the later ones' provenance;
    the store then holds what a build without it holds."""
    curation = tmp_path / "curation.toml"
    _curate(curation, "type", "Nobody Of Note", "Region", store=store)
    _curate(curation, "merge", "Lords", "House of Lords", store=store)
    capsys.readouterr()
    _curate(curation, "undo", "1", store=store)
    assert f"removed #1: type Nobody Of Note as Region; store {store}: " in (
        capsys.readouterr().out
    )
    node = _graph(store).nodes[_node(_graph(store), "House of Lords")]
    assert node["curated"] == ["merge #1: Lords, House of Lords"]
    fresh = tmp_path / "fresh"
    assert _build(fresh, curation) == 0
    assert _export(store, tmp_path / "a.json") == _export(fresh, tmp_path / "b.json")


def test_curate_stale_judgement_reported_by_build_and_list(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    curation = tmp_path / "curation.toml"
    _curate(curation, "drop", "Nobody Of Note")
    _curate(curation, "type", "Wealden", "Region")
    capsys.readouterr()
    assert _build(store, curation) == 0
    err = capsys.readouterr().err
    assert "curation: 1 judgements match nothing: #1 drop Nobody Of Note" in err
    assert main(["curate", "list", "--curation", str(curation), "--store", str(store)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("  1  drop Nobody Of Note  [not in the store")
    assert out[1] == "  2  type Wealden as Region  [matches]"


def test_curate_contradiction_is_refused_naming_both(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    curation = tmp_path / "curation.toml"
    _curate(curation, "separate", "Nice", "Geoffrey Nice")
    before = _export(store, tmp_path / "before.json")
    command = ["curate", "merge", "Nice", "Geoffrey Nice", "--curation", str(curation)]
    assert main([*command, "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "#2 (merge Nice / Geoffrey Nice) contradicts judgement #1" in err
    assert "separate Nice / Geoffrey Nice" in err
    assert _export(store, tmp_path / "after.json") == before  # nor written to the store
    text = curation.read_text("utf-8")  # the refused judgement is not written
    text += '\n[[judgement]]\nkind = "merge"\nnames = ["Nice", "Geoffrey Nice"]\n'
    curation.write_text(text, "utf-8")
    assert _build(store, curation) == 2
    assert f"{curation}: judgement #2" in capsys.readouterr().err


def test_curate_suggest_lists_likely_duplicates_with_sentences_but_never_a_separated_pair(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    curation = tmp_path / "curation.toml"
    command = ["curate", "suggest", "--store", str(seeds_store_path), "--curation", str(curation)]
    assert main([*command, "--limit", "60"]) == 0
    out = capsys.readouterr().out.splitlines()
    pairs = [
        (
            "'Marie van de Zyl' / 'Marie van der Zyl'  (Person): similar",
            "Marie van de Zyl",
            "Marie van der Zyl",
        )
    ]
    lords = _graph(seeds_store_path).nodes["Organisation:house-of-lords"]
    if "Lords" in lords["aliases"]:  # today's resolver joins them itself: nothing to suggest
        assert not any(line.startswith("'Lords' / ") for line in out)
    else:
        pairs.append(("'Lords' / 'House of Lords'  (Organisation): ", "Lords", "House of Lords"))
    for pair, *names in pairs:
        at = next(i for i, line in enumerate(out) if line.startswith(pair))
        shown = out[at + 1 : at + 5]
        for name in names:  # a sentence naming each side, under the pair
            said = [line.split(": ", 1)[1] for line in shown if line.startswith(f"    {name}: ")]
            assert said and all(name in text for text in said), (name, shown)
    assert any(
        "'Johnson' / 'Jo Johnson'" in line or "'Jo Johnson' / 'Johnson'" in line for line in out
    )
    _curate(curation, "separate", "Johnson", "Jo Johnson")
    capsys.readouterr()
    assert main([*command, "--limit", "60", "--label", "Person"]) == 0
    out = capsys.readouterr().out.splitlines()
    pairs = [line for line in out if not line.startswith("    ")]
    assert any(line.startswith("'Marie van de Zyl' / 'Marie van der Zyl'") for line in pairs)
    assert not any("Jo Johnson" in line for line in pairs)
    assert all("(Person)" in line for line in pairs)


def test_curated_build_is_deterministic_and_changes_nothing_when_nothing_changed(
    store: Path, tmp_path: Path
) -> None:
    curation = tmp_path / "curation.toml"
    _curate(curation, "merge", "Marie van de Zyl", "Marie van der Zyl")
    _curate(curation, "drop", "Mulan")
    assert _build(store, curation) == 0
    first = _export(store, tmp_path / "first.json")
    command = ["build", str(SEEDS), "--store", str(store), "--curation", str(curation)]
    before = _graph(store)
    assert main(command) == 0
    assert nx.utils.graphs_equal(_graph(store), before)
    assert _export(store, tmp_path / "second.json") == first


def test_curated_build_of_part_of_the_store_refuses_to_drop_the_rest(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A curated build starts from an empty graph: adding one new article must not drop
    the stored seeds; it stops before writing, naming what it would drop."""
    curation = tmp_path / "curation.toml"
    _curate(curation, "drop", "Mulan")
    new = tmp_path / "new"
    new.mkdir()
    (new / "a.txt").write_text("A title\n\nCanada sanctioned Min Aung Hlaing.\n", "utf-8")
    before = _graph(store)
    status = main(
        ["build", str(new), "--store", str(store), "--curation", str(curation), "--quiet"]
    )
    err = capsys.readouterr().err
    assert status == 2
    assert "would drop 11 stored document(s) it did not read" in err
    after = _graph(store)
    assert (
        set(after.nodes) == set(before.nodes)
        and after.number_of_edges() == before.number_of_edges()
    )
