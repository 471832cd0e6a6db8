"""``actorgraph curate`` and ``build --curation`` on the seeds, with the real embedded store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from actorgraph.graph.cli import main
from actorgraph.graph.stores import open_store

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def _graph(store: Path) -> nx.MultiDiGraph:
    opened = open_store(str(store), read_only=True)
    try:
        return opened.read_graph()
    finally:
        opened.close()


def _node(graph: nx.MultiDiGraph, name: str) -> str:
    (node,) = [n for n, a in graph.nodes(data=True) if a.get("name") == name]
    return node


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[tuple[str, str]]:
    ins = {(u, k) for u, _, k in graph.in_edges(node, keys=True)}
    return ins | {(v, k) for _, v, k in graph.out_edges(node, keys=True)}


def _curate(curation: Path, *args: str) -> None:
    assert main(["curate", *args, "--curation", str(curation)]) == 0


def _build(store: Path, curation: Path) -> int:
    return main(
        ["build", str(SEEDS), "--store", str(store), "--curation", str(curation), "--quiet"]
    )


def _export(store: Path, out: Path) -> dict:
    assert main(["export", str(out), "--store", str(store)]) == 0
    return json.loads(out.read_text("utf-8"))


@pytest.fixture
def store(seeds_store_path: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds store (the session one is shared)."""
    copy = tmp_path / "store"
    shutil.copytree(seeds_store_path, copy)
    return copy


def test_curate_merge_unites_names_and_links_and_survives_a_fresh_build(
    seeds_store_path: Path, tmp_path: Path
) -> None:
    plain = _graph(seeds_store_path)
    short, full = _node(plain, "Marie van de Zyl"), _node(plain, "Marie van der Zyl")
    expected = (_neighbours(plain, short) | _neighbours(plain, full)) - {(short, "CO_MENTIONED")}
    curation = tmp_path / "curation.toml"
    _curate(curation, "merge", "Marie van de Zyl", "Marie van der Zyl")
    for attempt in ("first", "second"):  # each into an empty store: the file is what holds it
        fresh = tmp_path / f"fresh-{attempt}"
        assert _build(fresh, curation) == 0
        graph = _graph(fresh)
        node = _node(graph, "Marie van der Zyl")
        assert short not in graph
        assert {"Marie van de Zyl", "Marie van der Zyl"} <= set(graph.nodes[node]["aliases"])
        assert _neighbours(graph, node) == {(n, k) for n, k in expected if n != full}
        assert "merged by the analyst" in graph.nodes[node]["note"]


def test_curate_separate_stops_an_automatic_merge(store: Path, tmp_path: Path) -> None:
    before = _graph(store)
    assert "Nice" in before.nodes[_node(before, "Geoffrey Nice")]["aliases"]  # merged by itself
    curation = tmp_path / "curation.toml"
    _curate(curation, "separate", "Nice", "Geoffrey Nice")
    assert _build(store, curation) == 0
    after = _graph(store)
    assert "Nice" not in after.nodes[_node(after, "Geoffrey Nice")]["aliases"]
    assert _node(after, "Nice") not in before


@pytest.mark.parametrize(
    ("args", "gone", "added"),
    [
        (("type", "Wealden", "Region"), {"Person:wealden"}, {"Region:wealden"}),
        (("drop", "Mulan"), {"Person:mulan"}, set()),
        (("reject", "Nus Ghani", "MEMBER_OF", "Wealden"), set(), set()),
    ],
)
def test_curate_type_drop_reject_change_exactly_what_they_name(
    store: Path, tmp_path: Path, args: tuple[str, ...], gone: set[str], added: set[str]
) -> None:
    before = _graph(store)
    curation = tmp_path / "curation.toml"
    _curate(curation, *args)
    assert _build(store, curation) == 0
    after = _graph(store)
    assert (set(before) - set(after), set(after) - set(before)) == (gone, added)
    renamed = {g: a for g in gone for a in added}
    links_before = {
        (renamed.get(u, u), renamed.get(v, v), k) for u, v, k in before.edges(keys=True)
    }
    lost = links_before - set(after.edges(keys=True))
    if args[0] == "reject":
        assert lost == {("Person:nus-ghani", "Person:wealden", "MEMBER_OF")}
    elif args[0] == "drop":
        assert lost and all("Person:mulan" in (u, v) for u, v, _ in lost)
    else:
        assert lost == set()


def test_curate_undo_restores_the_graph_without_the_judgement(store: Path, tmp_path: Path) -> None:
    plain = _export(store, tmp_path / "plain.json")
    curation = tmp_path / "curation.toml"
    _curate(curation, "drop", "Mulan")
    _curate(curation, "merge", "Marie van de Zyl", "Marie van der Zyl")
    assert _build(store, curation) == 0
    assert _export(store, tmp_path / "curated.json") != plain
    _curate(curation, "undo", "2")
    _curate(curation, "undo", "1")
    assert _build(store, curation) == 0
    assert _export(store, tmp_path / "undone.json") == plain


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
    assert main(["curate", "merge", "Nice", "Geoffrey Nice", "--curation", str(curation)]) == 2
    err = capsys.readouterr().err
    assert "#2 (merge Nice / Geoffrey Nice) contradicts judgement #1" in err
    assert "separate Nice / Geoffrey Nice" in err
    text = curation.read_text("utf-8")  # the refused judgement is not written
    text += '\n[[judgement]]\nkind = "merge"\nnames = ["Nice", "Geoffrey Nice"]\n'
    curation.write_text(text, "utf-8")
    assert _build(store, curation) == 2
    assert f"{curation}: judgement #2" in capsys.readouterr().err


def test_curate_suggest_lists_likely_duplicates_but_never_a_separated_pair(
    seeds_store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    curation = tmp_path / "curation.toml"
    command = ["curate", "suggest", "--store", str(seeds_store_path), "--curation", str(curation)]
    assert main([*command, "--limit", "50"]) == 0
    out = capsys.readouterr().out
    assert "'Marie van de Zyl' / 'Marie van der Zyl'  (Person): similar" in out
    assert "'Johnson' / 'Jo Johnson'" in out or "'Jo Johnson' / 'Johnson'" in out
    _curate(curation, "separate", "Johnson", "Jo Johnson")
    capsys.readouterr()
    assert main([*command, "--limit", "50", "--label", "Person"]) == 0
    out = capsys.readouterr().out
    assert "'Marie van de Zyl' / 'Marie van der Zyl'" in out and "Jo Johnson" not in out
    assert "(Organisation)" not in out


def test_curated_build_is_deterministic_and_writes_nothing_when_nothing_changed(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    curation = tmp_path / "curation.toml"
    _curate(curation, "merge", "Marie van de Zyl", "Marie van der Zyl")
    _curate(curation, "drop", "Mulan")
    assert _build(store, curation) == 0
    first = _export(store, tmp_path / "first.json")
    capsys.readouterr()
    command = ["build", str(SEEDS), "--store", str(store), "--curation", str(curation)]
    assert main(command) == 0
    assert f"store: {store} (0 rows written)" in capsys.readouterr().out
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
