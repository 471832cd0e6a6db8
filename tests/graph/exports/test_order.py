"""The same graph gives the same bytes in every format, whatever order it was built in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from actorgraph.graph.cli import main
from actorgraph.graph.exports import WRITERS

sys.path.insert(0, str(Path(__file__).parents[1] / "stores"))
from sample_graph import small_graph

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
FILE_NAMES = {"json": "g.json", "graphml": "g.graphml", "gexf": "g.gexf", "neo4j-csv": "csv"}


def reordered(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph inserted backwards, its set-like lists reversed."""

    def backwards(attrs: dict) -> dict:
        lists = {k for k, v in attrs.items() if isinstance(v, list) and k != "authors"}
        return {k: v[::-1] if k in lists else v for k, v in attrs.items()}

    out = nx.MultiDiGraph()
    for node in reversed(list(graph.nodes)):
        out.add_node(node, **backwards(dict(reversed(graph.nodes[node].items()))))
    for source, target, key, attrs in reversed(list(graph.edges(keys=True, data=True))):
        out.add_edge(source, target, key=key, **backwards(attrs))
    return out


def contents(path: Path) -> dict[str, bytes]:
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    return {p.name: p.read_bytes() for p in files}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_exports_ignore_insertion_order(tmp_path: Path, fmt: str) -> None:
    graph = small_graph()
    graph.nodes["State:china"]["aliases"] = ["China", "PRC", "People's Republic"]
    first = WRITERS[fmt](graph, tmp_path / "a" / FILE_NAMES[fmt])
    second = WRITERS[fmt](reordered(graph), tmp_path / "b" / FILE_NAMES[fmt])
    assert [p.name for p in first] == [p.name for p in second]
    assert contents(tmp_path / "a" / FILE_NAMES[fmt]) == contents(tmp_path / "b" / FILE_NAMES[fmt])


def export_in_subprocess(store: Path, out: Path, hash_seed: str) -> dict[str, bytes]:
    """Every format of ``store`` into ``out``, exported by one process with ``hash_seed``."""
    calls = [["export", "--format", fmt, str(out / name)] for fmt, name in FILE_NAMES.items()]
    script = (
        "import sys; from actorgraph.graph.cli import main\n"
        f"for args in {calls!r}: assert main([*args, '--store', sys.argv[1]]) == 0"
    )
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-c", script, str(store)]
    subprocess.run(command, env=environment, check=True, capture_output=True)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.*"))}


@pytest.mark.slow
def test_exports_of_one_graph_are_byte_identical_across_runs(
    seeds_store_path: Path, tmp_path: Path
) -> None:
    """The seeds built at once, and built file by file backwards (another store order),
    exported in processes with different hash seeds: the same bytes in every format."""
    other = tmp_path / "store"
    for seed in sorted(SEEDS.iterdir(), reverse=True):
        assert main(["build", str(seed), "--store", str(other), "--quiet"]) == 0
    one = export_in_subprocess(seeds_store_path, tmp_path / "1", "1")
    two = export_in_subprocess(other, tmp_path / "2", "2")
    assert len(one) >= 4 and one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
