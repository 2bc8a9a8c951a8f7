"""Safe ingest into the embedded store: atomic replace under kill -9, and concurrent writers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef

from claimgraph.errors import StoreError
from claimgraph.graph.store import open_store
from claimgraph.graph.store_oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
EX = rdflib.Namespace("https://example.org/")
GRAPH = URIRef("https://w3id.org/claimgraph/id/graph/victim")

WRITER = textwrap.dedent(
    """
    import sys
    import rdflib
    from rdflib import Literal, URIRef
    from claimgraph.graph.store import open_store

    store_dir, graph_name, version, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ex = rdflib.Namespace("https://example.org/")
    graph = rdflib.Graph()
    for i in range(size):
        graph.add((ex[f"claim{i}"], ex.text, Literal(f"{version} claim {i}")))
    store = open_store(store_dir)
    import pyoxigraph  # announce the moment the store's update transaction starts

    original_update = pyoxigraph.Store.update

    def announced_update(self, *args, **kwargs):
        print("updating", flush=True)
        return original_update(self, *args, **kwargs)

    pyoxigraph.Store.update = announced_update
    print("writing", flush=True)
    store.replace_graph(URIRef(graph_name), graph)
    print("done", flush=True)
    """
)

INGESTER = textwrap.dedent(
    """
    import sys
    import rdflib
    from rdflib import Literal, URIRef
    from claimgraph.graph.store import open_store

    store_dir, article, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ex = rdflib.Namespace("https://example.org/")
    store = open_store(store_dir)
    for round_number in range(rounds):
        graph = rdflib.Graph()
        for i in range(300):
            text = Literal(f"{article} round {round_number}")
            graph.add((ex[f"{article}/claim{i}"], ex.text, text))
        store.replace_graph(URIRef(f"https://w3id.org/claimgraph/id/graph/{article}"), graph)
        store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    print("ok", flush=True)
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _texts(store_dir: Path) -> set[str]:
    store = open_store(str(store_dir))
    try:
        return {str(o) for o in store.graph(GRAPH).objects(None, EX.text)}
    finally:
        store.close()


def _versions(texts: set[str]) -> set[str]:
    return {text.split(" ", 1)[0] for text in texts}


def _writer(store_dir: Path, version: str, size: int) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_dir), str(GRAPH), version, str(size)],
        stdout=subprocess.PIPE,
        env=_env(),
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"writing"
    return child


@pytest.mark.slow
def test_kill_9_midway_leaves_the_previous_version_intact(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    size = 30000
    child = _writer(store_dir, "old", size)
    child.communicate()
    assert _versions(_texts(store_dir)) == {"old"}
    killed_midway = 0
    for delay in (0.0, 0.1, 0.2):
        child = _writer(store_dir, "new", size)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"updating"  # inside the transaction now
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        texts = _texts(store_dir)
        # Never a mixture, never a partial graph: the old version whole, or the new one whole
        # (had the transaction committed before the kill).
        assert len(texts) == size
        if _versions(texts) == {"new"}:
            break
        assert _versions(texts) == {"old"}
        assert b"done" not in rest
        killed_midway += 1
    assert killed_midway >= 2


@pytest.mark.slow
def test_two_processes_ingest_different_articles_at_once(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    open_store(str(store_dir)).close()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", INGESTER, str(store_dir), article, "15"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        for article in ("alpha", "beta")
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err.decode()
        assert out.strip() == b"ok"
    store = open_store(str(store_dir))
    names = store.graph_names()
    assert [name.rsplit("/", 1)[1] for name in names] == ["alpha", "beta"]
    for name in names:
        texts = {str(o) for o in store.graph(name).objects(None, EX.text)}
        assert texts == {f"{name.rsplit('/', 1)[1]} round 14"}


def test_a_held_store_makes_others_wait_then_says_what_to_do(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    holder = OxigraphStore(store_dir, keep_open=True)
    try:
        started = time.monotonic()
        waiter = OxigraphStore(store_dir, lock_timeout=0.3)  # opening does not wait; using does
        with pytest.raises(StoreError, match="busy"):
            waiter.graph_names()
        assert time.monotonic() - started >= 0.3
    finally:
        holder.close()
    free = OxigraphStore(store_dir, lock_timeout=0.3)
    assert free.graph_names() == []


def test_a_store_opened_by_another_program_gives_a_clear_error(tmp_path: Path) -> None:
    import pyoxigraph

    store_dir = tmp_path / "store"
    open_store(str(store_dir)).close()
    outsider = pyoxigraph.Store(str(store_dir))  # like a hand-started `oxigraph serve`
    try:
        with pytest.raises(StoreError, match="stop it or talk to that server") as raised:
            OxigraphStore(store_dir, lock_timeout=0.5).replace_graph(GRAPH, rdflib.Graph())
        assert raised.value.hint == "store_url"  # the CLI says "point --store at that server's URL"
    finally:
        del outsider
