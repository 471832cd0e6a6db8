"""Stores: the embedded LadybugDB database (default) and Neo4j, chosen by location."""

from __future__ import annotations

from actorgraph.graph.stores.base import Store, StoreError

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def is_neo4j_uri(location: str) -> bool:
    return location.startswith(NEO4J_SCHEMES)


def open_store(location: str, *, read_only: bool = False) -> Store:
    """Open the store at ``location``: a Neo4j URI, or a directory for LadybugDB."""
    if is_neo4j_uri(location):
        from actorgraph.graph.stores.neo4j import Neo4jStore

        return Neo4jStore.from_environment(location, read_only=read_only)
    from actorgraph.graph.stores.ladybug import LadybugStore

    return LadybugStore(location, read_only=read_only)


__all__ = ["Store", "StoreError", "is_neo4j_uri", "open_store"]
