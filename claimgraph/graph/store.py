"""One interface to every triple store claimgraph can use, and ``open_store`` to pick one.

Each article lives in its own named graph; ``replace_graph`` swaps one atomically. Queries are
SPARQL SELECT or ASK with explicit ``GRAPH ?g { … }`` patterns; parameters are *bound*, never
pasted as text. A query about one article may name that article's graph (``graphs=``): the
embedded store then reads only that graph, which keeps it fast however large the store grows.

Store specs understood by :func:`open_store`:

- ``None``: the ``CLAIMGRAPH_STORE`` environment variable, else the directory ``.claimgraph/store``.
- ``"memory"``: an in-memory Oxigraph store (fast, gone when the process ends).
- ``"rdflib"`` or ``"memory:rdflib"``: an in-memory rdflib ``Dataset`` (pure Python; small jobs).
- ``"http://…"`` / ``"https://…"``: a SPARQL 1.1 server; endpoints ``<base>/query``,
  ``<base>/update`` and ``<base>/store`` unless set by keyword (``query_endpoint=`` …) or by
  ``CLAIMGRAPH_SPARQL_QUERY`` / ``CLAIMGRAPH_SPARQL_UPDATE`` / ``CLAIMGRAPH_SPARQL_STORE``.
- anything else: a directory holding the embedded Oxigraph (RocksDB) store.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from claimgraph import settings
from claimgraph.errors import StoreError
from claimgraph.graph.store_interface import GraphStore, QueryResult, json_value, term_to_python
from claimgraph.graph.store_spec import store_spec_problem

__all__ = [  # GraphStore and QueryResult live in store_interface (the backends import them there)
    "DEFAULT_STORE_DIR",
    "GraphStore",
    "QueryResult",
    "open_store",
    "term_to_python",
    "json_value",
]

DEFAULT_STORE_DIR = Path(".claimgraph") / "store"
STORE_ENV = "CLAIMGRAPH_STORE"


def open_store(
    spec: str | os.PathLike[str] | None = None, *, create: bool = True, **options: Any
) -> GraphStore:
    """Open the store named by ``spec`` (see the module docstring); options go to the backend.

    ``create=False`` refuses a store directory that does not exist yet (for commands that only read).
    """
    if spec is None:
        spec = settings.get(STORE_ENV)
    text = str(spec).strip()
    problem = store_spec_problem(text, must_exist=not create)
    if problem:
        raise StoreError(problem)
    if text == "memory" or text == "memory:oxigraph":
        from claimgraph.graph.store_oxigraph import OxigraphStore

        return OxigraphStore(None, **options)
    if text in ("rdflib", "memory:rdflib"):
        from claimgraph.graph.store_memory import RdflibStore

        return RdflibStore(**options)
    if text.startswith(("http://", "https://")):
        from claimgraph.graph.store_sparql import SparqlStore

        return SparqlStore(text, **options)
    from claimgraph.graph.store_oxigraph import open_directory_store

    return open_directory_store(Path(text), **options)
