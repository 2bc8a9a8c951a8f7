"""Independence: which sources derive from which, and how many independent origins support a claim.

Edges of the derivation graph (networkx, A → B means A derives from B):
  links       A's text links to B's URL (or the caller says so)
  quotes      A repeats a run of B's words (the newer one quotes the older)
  syndicated  A and B are near-identical copies
  crosspost   A and B carry the same title by the same authors on different sites
Sources in one weakly connected component share an origin; the support of a claim counts
distinct origins among its supporting sources, not citations.
"""

from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx

from claimgraph.article.urls import canonical_url
from claimgraph.evidence.text import tokens
from claimgraph.model import Evidence, Source

__all__ = ["derivation_graph", "origin_of", "independent_origins", "source_origins", "SHINGLE",
           "COPY_SHARE"]

SHINGLE = 8  # words in a shingle: a shared run this long is a quote, not a coincidence
QUOTE_SHINGLES = 3  # shared shingles that make a quote
COPY_SHARE = 0.8  # share of the shorter text's shingles that makes a copy
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def _shingles(text: str) -> set[int]:
    words = tokens(text)
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _key(source: Source) -> str:
    return source.final_url or source.url


def derivation_graph(sources: list[Source],
                     links: dict[str, list[str]] | None = None) -> nx.DiGraph:
    """The derivation graph over ``sources`` (nodes are their URLs, edges carry ``kind``)."""
    graph = nx.DiGraph()
    by_canonical: dict[str, str] = {}
    for source in sources:
        graph.add_node(_key(source), published=source.metadata.published or "")
        for url in (source.url, source.final_url):
            if url:
                by_canonical[canonical_url(url) or url] = _key(source)
    for source in sources:
        found = set(_URL.findall(source.text)) | set((links or {}).get(_key(source), []))
        for url in found:
            target = by_canonical.get(canonical_url(url.rstrip(".,;")) or url)
            if target and target != _key(source):
                graph.add_edge(_key(source), target, kind="links")
    _add_copies(graph, sources)
    _add_crossposts(graph, sources)
    return graph


def _add_copies(graph: nx.DiGraph, sources: list[Source]) -> None:
    shingles = {_key(s): _shingles(s.text) for s in sources if s.text}
    owners: dict[int, list[str]] = defaultdict(list)
    for key, values in shingles.items():
        for value in values:
            owners[value].append(key)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for keys in owners.values():
        if 1 < len(keys) <= 50:  # boilerplate shared by many pages says nothing
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    shared[(a, b)] += 1
    for (a, b), count in shared.items():
        smaller = min(len(shingles[a]), len(shingles[b])) or 1
        if count / smaller >= COPY_SHARE:
            graph.add_edge(a, b, kind="syndicated")
            graph.add_edge(b, a, kind="syndicated")
        elif count >= QUOTE_SHINGLES:
            newer, older = (a, b) if graph.nodes[a]["published"] >= graph.nodes[b]["published"] \
                else (b, a)
            graph.add_edge(newer, older, kind="quotes")


def _add_crossposts(graph: nx.DiGraph, sources: list[Source]) -> None:
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for source in sources:
        title = " ".join(tokens(source.metadata.title or ""))
        authors = tuple(sorted(a.casefold() for a in source.metadata.authors))
        if len(title) >= 20 and authors:
            groups[(title, authors)].append(_key(source))
    for keys in groups.values():
        for a in keys:
            for b in keys:
                if a != b:
                    graph.add_edge(a, b, kind="crosspost")


def origin_of(graph: nx.DiGraph) -> dict[str, str]:
    """Each source's origin: one representative URL per weakly connected component."""
    origin = {}
    for component in nx.weakly_connected_components(graph):
        representative = min(component, key=lambda k: (graph.nodes[k].get("published") or "~", k))
        for key in component:
            origin[key] = representative
    return origin


def independent_origins(evidence: list[Evidence], graph: nx.DiGraph) -> dict[str, int]:
    """Per claim id, the number of distinct origins among the sources that support it."""
    origin = origin_of(graph)
    found: dict[str, set[str]] = defaultdict(set)
    for item in evidence:
        if item.stance == "supports":
            found[item.claim].add(origin.get(item.source_url, item.source_url))
    return {claim: len(origins) for claim, origins in found.items()}


def source_origins(sources: dict[int, Source], extra: list[Source] | None = None) -> dict[str, str]:
    """Each source URL's origin URL, ready for ``add_evidence_triples(..., origins=...)``."""
    return origin_of(derivation_graph([*sources.values(), *(extra or [])]))
