"""The public functions scripts, the CLI and the explorer call."""

from __future__ import annotations

from collections.abc import Callable

import rdflib

from claimgraph.audit.pipeline import AuditOptions, audit, audit_article
from claimgraph.errors import ClaimgraphError, StoreError
from claimgraph.load import default_article_path, load_article
from claimgraph.rdf.ntriples import native_serialize, plain_graph
from claimgraph.rdf.store import GraphStore, open_store
from claimgraph.rdf.vocab import bind_prefixes

EXPORT_FORMATS = {
    "turtle": "turtle",
    "ttl": "turtle",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "trig": "trig",
    "nquads": "nquads",
}

__all__ = [
    "AuditOptions",
    "audit",
    "audit_article",
    "load_article",
    "default_article_path",
    "open_store",
    "open_store_or_none",
    "export_graph",
    "ensure_sample",
    "fetch_article",
]


def open_store_or_none(spec: str | None, warn: Callable[[str], None]) -> GraphStore | None:
    """Open a store for writing the audit; ``none`` gives None, a failure warns and gives None."""
    if spec == "none":
        return None
    try:
        return open_store(spec)
    except StoreError as error:
        warn(f"graph not stored: {error}")
        return None


def export_graph(graph: rdflib.Graph | rdflib.Dataset, fmt: str) -> str:
    """Serialise a graph (Turtle, JSON-LD, N-Triples) or a dataset (TriG, N-Quads)."""
    name = EXPORT_FORMATS.get(fmt.lower())
    if name is None:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(sorted(EXPORT_FORMATS))}")
    bind_prefixes(graph)
    native = native_serialize(graph, name)
    if native is not None:
        return native
    graph = (
        plain_graph(graph)
        if isinstance(graph, rdflib.Graph) and not isinstance(graph, rdflib.Dataset)
        else graph
    )
    if name == "json-ld":
        return graph.serialize(format="json-ld", indent=2, auto_compact=True)
    return graph.serialize(format=name)


def ensure_sample(store: GraphStore, on_ingest: Callable[[str], None] | None = None) -> None:
    """Audit the embedded sample into an empty store so every command works out of the box."""
    if store.graph_names():
        return
    if on_ingest:
        on_ingest(f"the store is empty; auditing the embedded sample {default_article_path().name} first")
    audit(store=store, options=AuditOptions())


def fetch_article(url: str, *, allow_private: bool = False) -> str:
    """Download an article page as the CLI would (robots, address guard, article size limit), decoded."""
    from claimgraph.fetch.client import Fetcher
    from claimgraph.fetch.config import FetchConfig
    from claimgraph.readers import MAX_ARTICLE_BYTES, decode_article

    config = FetchConfig(allow_private=allow_private, max_body_bytes=MAX_ARTICLE_BYTES)
    response = Fetcher(config).get(url)
    if response.error or not (200 <= response.status < 300):
        reason = response.error or f"HTTP status {response.status}"
        raise ClaimgraphError(f"could not fetch {url}: {reason}")
    text, _problems = decode_article(response.body, response.final_url or url)
    return text
