"""LadybugDB specifics the store contract does not cover."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from sample_graph import small_graph
from test_store_contract import counts, expected_counts, layout_of, stored_layout

from actorgraph.graph.stores import ladybug
from actorgraph.graph.stores.rows import diff_graphs


def test_write_split_into_many_transactions_stores_the_same_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tiny byte budget commits after every link row: the result must not change."""
    commits: list[str] = []
    run = ladybug.LadybugStore._run

    def counting(self: ladybug.LadybugStore, cypher: str, params: object = None) -> object:
        if cypher == "COMMIT":
            commits.append(cypher)
        return run(self, cypher, params)  # type: ignore[arg-type]

    monkeypatch.setattr(ladybug, "TRANSACTION_BYTES", 1)
    monkeypatch.setattr(ladybug.LadybugStore, "_run", counting)
    graph = small_graph()
    diff = diff_graphs(nx.MultiDiGraph(), graph)
    with ladybug.LadybugStore(tmp_path / "store") as store:
        store.apply(diff)
        assert len(commits) > len(diff.upsert_edges) // 2
        assert layout_of(store.read_graph()) == stored_layout(graph)
        assert counts(store) == expected_counts(graph)


def test_a_torn_wal_is_set_aside_and_the_pending_write_replayed(tmp_path: Path) -> None:
    """What a kill inside a commit or a full disk can leave (measured: 'the WAL file is
    corrupted'); with the write journaled, the store opens and the replay completes it."""
    from actorgraph.graph.stores.base import StoreDamaged
    from actorgraph.graph.stores.delta import recover
    from actorgraph.graph.stores.journal import Journal

    graph = small_graph()
    path = tmp_path / "store"
    with ladybug.LadybugStore(path) as store:
        pass
    wal = path / (ladybug.DATABASE_FILE + ladybug.WAL_SUFFIX)
    wal.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(StoreDamaged, match="WAL"):
        ladybug.LadybugStore(path)  # nothing pending: nothing to replay it from
    Journal(path / "journal").publish(diff_graphs(nx.MultiDiGraph(), graph))
    with ladybug.LadybugStore(path) as store:
        assert store.wal_set_aside is not None and store.wal_set_aside.exists()
        assert len(recover(store)) == 2
        assert layout_of(store.read_graph()) == stored_layout(graph)
    assert not wal.exists() or wal.stat().st_size < 256 * 20
