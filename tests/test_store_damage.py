"""A damaged store and undecodable parameters end in one clear line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef

from claimgraph.errors import InputError, StoreError
from claimgraph.graph.queries import bind_params, list_queries
from claimgraph.graph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EX = rdflib.Namespace("https://example.org/")


def _store(path: Path) -> Path:
    graph = rdflib.Graph()
    for i in range(500):
        graph.add((EX[f"c{i}"], EX.text, Literal(f"claim {i} " * 5)))
    store = open_store(str(path))
    store.replace_graph(URIRef("https://w3id.org/claimgraph/id/graph/x"), graph)
    store.close()
    return path


def _flip_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for at in range(64, len(data), 5):
        data[at] ^= 0xFF
    path.write_bytes(bytes(data))


def _overwrite_current(store: Path) -> None:
    (store / "CURRENT").write_text("not a manifest name\n")


def _damage_tables(store: Path) -> None:
    tables = sorted(store.glob("*.sst")) + sorted(store.glob("*.log"))
    assert tables
    for table in tables:
        _flip_bytes(table)


@pytest.mark.parametrize("damage", [_overwrite_current, _damage_tables])
def test_a_damaged_store_is_a_store_error_naming_it(tmp_path: Path, damage) -> None:
    store_dir = _store(tmp_path / "store")
    damage(store_dir)
    with pytest.raises(StoreError) as caught:
        open_store(str(store_dir)).graph_names()
    message = str(caught.value)
    assert str(store_dir) in message and "damaged" in message and "\n" not in message


def test_the_cli_says_one_line_for_a_damaged_store(tmp_path: Path) -> None:
    store_dir = _store(tmp_path / "store")
    _overwrite_current(store_dir)
    done = subprocess.run(
        [sys.executable, "-m", "claimgraph", "query", "articles", "--store", str(store_dir)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "damaged" in done.stderr


@pytest.mark.parametrize("query", [q for q in list_queries() if q.params], ids=lambda q: q.name)
def test_undecodable_parameter_bytes_are_an_input_error(query) -> None:
    for param in query.params:
        values = {p.name: "x" for p in query.params if not p.optional}
        values[param.name] = "article\udcff"  # how Python hands over the byte 0xff from argv
        with pytest.raises(InputError) as caught:
            bind_params(query, values)
        assert "\n" not in str(caught.value) and param.name in str(caught.value)


def test_the_cli_says_one_line_for_undecodable_parameter_bytes(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "claimgraph", "query", "claims-with-citations", "--store", "memory",
         "--param", b"article=\xff"],
        capture_output=True, cwd=tmp_path, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2
    assert "Traceback" not in stderr and "UnicodeEncodeError" not in stderr
    assert "not valid UTF-8" in stderr.strip().splitlines()[-1]


def test_refused_queries_and_damaged_stores_get_their_documented_exit_codes() -> None:
    from claimgraph.cli import exit_code_for
    from claimgraph.errors import StoreError
    from claimgraph.graph.untrusted import QueryRefused

    assert exit_code_for(QueryRefused("SERVICE is not allowed here", "service")) == 2  # bad input
    assert exit_code_for(StoreError("the store is damaged")) == 3  # store trouble
