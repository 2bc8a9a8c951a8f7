"""Past one machine: fetch once centrally, then fan articles out to Dask workers sharing one store.

The seam is small on purpose. ``prefetch_corpus`` checks every distinct link of the corpus on
one machine, with one politeness budget per host, into a capture store every worker can read
(a shared folder). ``audit_on_cluster`` then sends each article to a worker of a
``distributed.Client``; the worker audits it offline from those captures and writes its named
graph to one SPARQL 1.1 store (an Oxigraph or QLever server). See docs/scaling.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from claimgraph.audit.corpus import CorpusResult, collect_corpus_sources, load_corpus
from claimgraph.audit.corpus_inputs import expand_inputs
from claimgraph.audit.corpus_summary import corpus_summary
from claimgraph.audit.pipeline import AuditOptions
from claimgraph.errors import ClaimgraphError
from claimgraph.model import AuditResult

__all__ = ["audit_on_cluster", "audit_one", "prefetch_corpus"]


def prefetch_corpus(items: Iterable[str | Path], options: AuditOptions) -> tuple[int, int]:
    """Check and capture every distinct link of the corpus here; the URLs and requests it took."""
    articles, _ = load_corpus(items, options)
    _, counts, distinct = collect_corpus_sources(articles, options)
    return distinct, counts["requests"]


def audit_one(item: str, store_spec: str, options: AuditOptions) -> AuditResult | tuple[str, str]:
    """On a worker: audit one article from the shared captures into the store; never raises."""
    from claimgraph.audit.pipeline import audit
    from claimgraph.graph.store import open_store

    try:
        store = open_store(store_spec)
        try:
            result = audit(item, store=store, options=options)
        finally:
            store.close()
    except (ClaimgraphError, OSError) as error:
        return item, str(error)
    result.graph = None  # it is in the store; send back only what the summary needs
    return result


def audit_on_cluster(
    client: Any, items: Iterable[str | Path], *, store_spec: str, options: AuditOptions,
) -> CorpusResult:
    """Audit every article on the client's workers, offline from captures, into one SPARQL store."""
    offline = dataclasses.replace(options, online=False, on_progress=None)
    work = list(expand_inputs(items))
    futures = client.map(audit_one, work, store_spec=store_spec, options=offline, pure=False)
    corpus = CorpusResult()
    for outcome in client.gather(futures):
        if isinstance(outcome, tuple):
            corpus.errors.append(outcome)
        else:
            corpus.results.append(outcome)
    corpus.summary = corpus_summary(corpus.results)
    return corpus
