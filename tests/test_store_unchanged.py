"""Re-ingesting an unchanged graph is seen read-only; a changed one, or a store held elsewhere, is not."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from claimgraph.errors import StoreError
from claimgraph.graph.ntriples import new_graph
from claimgraph.graph.store_lock import rocksdb_lock_free
from claimgraph.graph.store_oxigraph import OxigraphStore

NAME = URIRef("https://w3id.org/claimgraph/id/graph/article")
S, P = URIRef("https://example.org/s"), URIRef("https://example.org/p")


def _graph(value: str):
    graph = new_graph(NAME)
    graph.add((S, P, Literal(value)))
    return graph


def _opens(store: OxigraphStore, monkeypatch) -> list[bool]:
    """Record whether each RocksDB open of ``store`` is read-only."""
    seen: list[bool] = []
    original = OxigraphStore._open_rocksdb

    def recording(self, read_only: bool):
        seen.append(read_only)
        return original(self, read_only)

    monkeypatch.setattr(OxigraphStore, "_open_rocksdb", recording)
    return seen


def test_an_unchanged_graph_never_opens_the_store_for_writing(tmp_path: Path, monkeypatch) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.replace_graph(NAME, _graph("one"))
    opens = _opens(store, monkeypatch)
    store.replace_graph(NAME, _graph("one"))
    assert opens == [True]
    store.replace_graph(NAME, _graph("two"))  # changed: read-only look, then the write
    assert opens == [True, True, False]
    assert [str(row[0]) for row in store.query(f"SELECT ?o WHERE {{ GRAPH <{NAME}> {{ ?s ?p ?o }} }}").rows] == ["two"]


def test_rocksdbs_own_lock_is_seen_from_this_process_too(tmp_path: Path) -> None:
    OxigraphStore(tmp_path / "store")  # created, then closed
    assert rocksdb_lock_free(tmp_path / "store")
    holder = ox.Store(str(tmp_path / "store"))
    try:
        assert not rocksdb_lock_free(tmp_path / "store")
        reader = ox.Store.read_only(str(tmp_path / "store"))  # a read-only open takes no lock
        assert not rocksdb_lock_free(tmp_path / "store")
        del reader
    finally:
        del holder
        gc.collect()
    assert rocksdb_lock_free(tmp_path / "store")
    assert not rocksdb_lock_free(tmp_path / "absent")


def test_an_unchanged_graph_in_a_store_held_elsewhere_is_still_reported(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    OxigraphStore(store_dir).replace_graph(NAME, _graph("one"))
    outsider = ox.Store(str(store_dir))
    try:
        with pytest.raises(StoreError, match="stop it or talk to that server"):
            OxigraphStore(store_dir, lock_timeout=0.5).replace_graph(NAME, _graph("one"))
    finally:
        del outsider
