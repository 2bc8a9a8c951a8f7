"""``claimgraph serve`` runs Oxigraph's server over the store directory and stops on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import rdflib
from oxigraph_server import oxigraph_binary_or_skip
from rdflib import Literal, URIRef

from claimgraph.errors import InputError, StoreError
from claimgraph.graph.server import RECORD_NAME, free_port, running_server
from claimgraph.graph.store import open_store
from claimgraph.graph.store_sparql import SparqlStore

ROOT = Path(__file__).resolve().parents[1]
EX = rdflib.Namespace("https://example.org/")
G = URIRef("https://w3id.org/claimgraph/id/graph/served")

# Only the serve subcommand: the rest of the CLI is not needed to test it.
RUN_SERVE = textwrap.dedent(
    """
    import argparse, sys
    from claimgraph.cli import serve
    parser = argparse.ArgumentParser()
    serve.add_parser(parser.add_subparsers())
    args = parser.parse_args(sys.argv[1:])
    sys.exit(args.func(args))
    """
)


def _start(store_dir: Path, *extra: str) -> tuple[subprocess.Popen, dict[str, str]]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    port = str(free_port())
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            RUN_SERVE,
            "serve",
            "--store",
            str(store_dir),
            "--port",
            port,
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    urls: dict[str, str] = {}
    for line in child.stdout:
        if line.startswith("Press Ctrl-C"):
            break
        if ":" in line and "http://" in line:
            label, url = line.split(":", 1)
            urls[label.strip()] = url.strip().removeprefix("--store ").strip()
    assert urls, child.stderr.read() if child.stderr else "no output"
    return child, urls


def _stop(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGINT)
    child.wait(timeout=20)


def _seed(store_dir: Path) -> None:
    graph = rdflib.Graph()
    graph.add((EX.c1, EX.text, Literal("served claim")))
    store = open_store(str(store_dir))
    store.replace_graph(G, graph)
    store.close()


@pytest.mark.server
def test_serve_prints_endpoints_answers_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    oxigraph_binary_or_skip()
    store_dir = tmp_path / "store"
    _seed(store_dir)
    child, urls = _start(store_dir, "--writable")
    try:
        assert urls["SPARQL query"].endswith("/query")
        assert urls["SPARQL update"].endswith("/update")
        assert urls["Graph Store"].endswith("/store")
        remote = SparqlStore(urls["claimgraph"])
        assert remote.graph_names() == [G]
        # While served, open_store(DIR) talks to the server rather than the locked files.
        redirected = open_store(str(store_dir))
        assert isinstance(redirected, SparqlStore)
        more = rdflib.Graph()
        more.add((EX.c2, EX.text, Literal("written through the server")))
        redirected.replace_graph(URIRef(f"{G}-2"), more)
        assert len(remote.graph_names()) == 2
    finally:
        _stop(child)
    assert child.returncode == 0
    assert "Stopped." in (child.stdout.read() if child.stdout else "")
    assert running_server(store_dir) is None
    assert not (store_dir / RECORD_NAME).exists()
    # The data written through the server is in the directory afterwards.
    assert len(open_store(str(store_dir)).graph_names()) == 2


@pytest.mark.server
@pytest.mark.parametrize("flags", [(), ("--read-only",)])
def test_read_only_serve_refuses_writes(tmp_path: Path, flags: tuple[str, ...]) -> None:
    oxigraph_binary_or_skip()
    store_dir = tmp_path / "store"
    _seed(store_dir)
    child, urls = _start(store_dir, *flags)
    try:
        assert "SPARQL update" not in urls
        remote = SparqlStore(urls["claimgraph"])
        assert remote.query("ASK { GRAPH ?g { ?s ?p ?o } }").boolean is True
        with pytest.raises(StoreError):
            remote.remove_graph(G)
        with pytest.raises(StoreError):
            remote.replace_graph(G, rdflib.Graph())
        assert remote.graph_names() == [G]
    finally:
        _stop(child)
    assert child.returncode == 0


def test_serve_refuses_a_non_directory_store() -> None:
    from argparse import Namespace

    from claimgraph.cli.serve import run

    with pytest.raises(InputError, match="directory"):  # bad usage: exit 2, not store trouble
        run(Namespace(store="memory", port=0, read_only=False, writable=False, federation=False))


def test_a_stale_server_record_is_ignored(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    # A live pid (ours) but nobody holds the store's lock: the server that wrote it is gone.
    (store_dir / RECORD_NAME).write_text(f'{{"pid": {os.getpid()}, "base_url": "http://127.0.0.1:9"}}')
    assert running_server(store_dir) is None
    assert not isinstance(open_store(str(store_dir)), SparqlStore)
