"""Duplicate groups: endnotes that cite one work, with the reason and how sure we are.

certain   same canonical URL, or the same work identifier (DOI, arXiv id, video id …)
likely    the same page with different query strings and one more clue (title or date), or the
          same title and date on one site
possible  the same title on another site (a crosspost or syndicated copy)

Works of incompatible kinds (a video and a paper, a discussion thread and the article it
discusses) and endnotes with different identifiers of one kind are never merged.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from claimgraph.model import DuplicateGroup, Endnote
from claimgraph.titles import best_title, titles_match
from claimgraph.urls import registered_domain, work_kind

STRENGTHS = ("certain", "likely", "possible")

__all__ = ["duplicate_groups", "STRENGTHS"]


class _UnionFind:
    def __init__(self, items: list[int]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for item in self.parent:
            found[self.find(item)].append(item)
        return [sorted(g) for g in found.values() if len(g) > 1]


def _distinctive(title: str | None) -> bool:
    """Long enough to identify a work: "New Zealand" or "Home" titles many pages."""
    return bool(title) and len(title.split()) >= 4 and len(title) >= 20


def _path_key(url: str | None) -> str | None:
    return url.split("?")[0] if url else None


def _conflicting_ids(a: Endnote, b: Endnote) -> bool:
    return any(a.identifiers.get(k) != b.identifiers.get(k) for k in set(a.identifiers) & set(b.identifiers))


def _compatible(a: Endnote, b: Endnote) -> bool:
    kinds = {work_kind(a.url, a.identifiers), work_kind(b.url, b.identifiers)}
    return not _conflicting_ids(a, b) and (len(kinds) == 1 or kinds <= {"page", "paper"})


def _certain_edges(endnotes: list[Endnote]) -> list[tuple[int, int, str]]:
    edges = []
    by_key: dict[str, list[Endnote]] = defaultdict(list)
    for e in endnotes:
        if e.canonical_url:
            by_key[f"url {e.canonical_url}"].append(e)
        for kind, value in e.identifiers.items():
            by_key[f"{kind} {value}"].append(e)
    for key, members in by_key.items():
        kind, value = key.split(" ", 1)
        reason = "same canonical URL" if kind == "url" else f"same {kind} identifier {value}"
        edges += [(a.number, b.number, reason) for a, b in zip(members, members[1:], strict=False)]
    return edges


def _pair_edges(
    endnotes: list[Endnote],
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    likely, possible = [], []
    titles = {e.number: best_title(e) for e in endnotes}
    by_title: dict[str, list[Endnote]] = defaultdict(list)
    by_path: dict[str, list[Endnote]] = defaultdict(list)
    for e in endnotes:
        path = _path_key(e.canonical_url)
        if path:
            by_path[path].append(e)
        if titles[e.number]:
            words = sorted(titles[e.number].lower().split())
            by_title[" ".join(words[:3])].append(e)  # blocking key; titles_match decides
    for path, members in by_path.items():
        for a, b in combinations(members, 2):
            if a.canonical_url == b.canonical_url or not _compatible(a, b):
                continue
            same_date = a.published and a.published == b.published
            if same_date or titles_match(titles[a.number], titles[b.number]):
                likely.append((a.number, b.number, f"same page {path} with different query parameters"))
    blocks = list(by_title.values())
    if len(endnotes) <= 400:  # small lists: compare every titled pair, not only blocked ones
        blocks = [[e for e in endnotes if titles[e.number]]]
    seen: set[tuple[int, int]] = set()
    for members in blocks:
        for a, b in combinations(members, 2):
            pair = (min(a.number, b.number), max(a.number, b.number))
            if pair in seen or not _compatible(a, b):
                continue
            seen.add(pair)
            if not _distinctive(titles[a.number]) or not titles_match(
                titles[a.number], titles[b.number], threshold=92
            ):
                continue
            site_a, site_b = (
                registered_domain(a.url or a.source),
                registered_domain(b.url or b.source),
            )
            if site_a and site_a == site_b:
                if a.published and a.published == b.published:
                    likely.append((*pair, f"same title and date on {site_a}"))
            elif site_a and site_b:
                sites = " and ".join(sorted((site_a, site_b)))
                possible.append((*pair, f"same title on {sites} (crosspost or copy)"))
    return likely, possible


def duplicate_groups(endnotes: list[Endnote]) -> list[DuplicateGroup]:
    """Groups of endnotes citing one work; a stronger group comes before the weaker one it grows into."""
    numbers = [e.number for e in endnotes]
    certain = _certain_edges(endnotes)
    likely, possible = _pair_edges(endnotes)
    result: list[DuplicateGroup] = []
    union = _UnionFind(numbers)
    reported: set[tuple[int, ...]] = set()
    for strength, edges in zip(STRENGTHS, (certain, likely, possible), strict=True):
        for a, b, _ in edges:
            union.union(a, b)
        for group in union.groups():
            key = tuple(group)
            if key in reported:
                continue
            reasons = sorted({r for a, b, r in edges if a in group and b in group})
            reported.add(key)
            result.append(DuplicateGroup(list(group), strength, "; ".join(reasons)))
    return sorted(result, key=lambda g: (STRENGTHS.index(g.strength), g.endnotes[0]))
