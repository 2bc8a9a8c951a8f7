"""Independence: which sources derive from which, and how many independent origins support a claim.

Edges of the derivation graph (A → B means A derives from B; networkx for callers that want
the graph object, plain lists for the audit, which needs only the origins):
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
from typing import TYPE_CHECKING

from claimgraph.article.urls import canonical_url
from claimgraph.evidence.text import tokens
from claimgraph.model import Evidence, Source

if TYPE_CHECKING:  # networkx loads on first use: it costs a third of a second
    import networkx as nx

__all__ = ["derivation_edges", "derivation_graph", "origin_of", "independent_origins", "source_origins",
           "SHINGLE", "COPY_SHARE"]

SHINGLE = 8  # words in a shingle: a shared run this long is a quote, not a coincidence
QUOTE_SHINGLES = 3  # shared shingles that make a quote
COPY_SHARE = 0.8  # share of the shorter text's shingles that makes a copy
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def _shingles(text: str) -> set[int]:
    words = tokens(text)
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _key(source: Source) -> str:
    return source.final_url or source.url


Edges = list[tuple[str, str, str]]  # (from, to, kind), in the order they were found


def derivation_edges(sources: list[Source],
                     links: dict[str, list[str]] | None = None) -> tuple[dict[str, str], Edges]:
    """Each source's key (its URL) with its publication date, and the derivation edges."""
    published: dict[str, str] = {}
    edges: Edges = []
    by_canonical: dict[str, str] = {}
    for source in sources:
        published[_key(source)] = source.metadata.published or ""
        for url in (source.url, source.final_url):
            if url:
                by_canonical[canonical_url(url) or url] = _key(source)
    for source in sources:
        found = set(_URL.findall(source.text)) | set((links or {}).get(_key(source), []))
        for url in found:
            target = by_canonical.get(canonical_url(url.rstrip(".,;")) or url)
            if target and target != _key(source):
                edges.append((_key(source), target, "links"))
    _add_copies(published, edges, sources)
    _add_crossposts(edges, sources)
    return published, edges


def derivation_graph(sources: list[Source],
                     links: dict[str, list[str]] | None = None) -> nx.DiGraph:
    """The derivation graph over ``sources`` (nodes are their URLs, edges carry ``kind``)."""
    import networkx as nx  # here: an audit needs only the origins, not the graph object

    published, edges = derivation_edges(sources, links)
    graph = nx.DiGraph()
    for key, date in published.items():
        graph.add_node(key, published=date)
    for a, b, kind in edges:
        graph.add_edge(a, b, kind=kind)
    return graph


def _add_copies(published: dict[str, str], edges: Edges, sources: list[Source]) -> None:
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
            edges.append((a, b, "syndicated"))
            edges.append((b, a, "syndicated"))
        elif count >= QUOTE_SHINGLES:
            newer, older = (a, b) if published[a] >= published[b] else (b, a)
            edges.append((newer, older, "quotes"))


def _add_crossposts(edges: Edges, sources: list[Source]) -> None:
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
                    edges.append((a, b, "crosspost"))


def origin_of(graph: nx.DiGraph) -> dict[str, str]:
    """Each source's origin: one representative URL per weakly connected component."""
    published = {key: data.get("published") or "" for key, data in graph.nodes(data=True)}
    return _origins(published, [(a, b, "") for a, b in graph.edges()])


def _origins(published: dict[str, str], edges: Edges) -> dict[str, str]:
    """Weakly connected components by union-find; each represented by its oldest member."""
    parent = {key: key for key in published}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b, _ in edges:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        parent[root(a)] = root(b)
    members: dict[str, list[str]] = defaultdict(list)
    for key in parent:
        members[root(key)].append(key)
    origin = {}
    for component in members.values():
        representative = min(component, key=lambda k: (published.get(k) or "~", k))
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
    return _origins(*derivation_edges([*sources.values(), *(extra or [])]))
