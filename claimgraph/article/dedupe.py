"""Duplicate groups: endnotes that cite one work, each group once, with its evidence.

Evidence, strongest first (the rule is written out in docs/findings.md):

certain   the same canonical URL (and no different section anchor), or the same work identifier
          (DOI, arXiv id, video id; an ISBN only when the titles agree, since chapters share it)
likely    the same title and date on one site, on different pages
possible  the same title on another site (a crosspost or syndicated copy)

Only entries of the article's note and reference lists are compared: links in the text (and
Markdown link definitions) are how an entry is cited, and further-reading lists are not notes.
A group is the set of endnotes joined by certain or likely evidence; its strength is the
weakest evidence needed to join it. A ``possible`` group only joins groups (or single endnotes)
that nothing stronger joined. Pages differing by a query parameter that is not tracking
(``gid=``, ``id=``, ``page=`` …) or by a section anchor are different pages, and titles that
differ by a distinguishing word (a year, a number, a name) are different titles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from urllib.parse import urlsplit

from claimgraph.article.resolve import normalise_text
from claimgraph.article.titles import best_title, titles_match
from claimgraph.article.urls import registered_domain, work_kind
from claimgraph.model import DuplicateGroup, Endnote

STRENGTHS = ("certain", "likely", "possible")
_FUNCTION_WORDS_TEXT = "a an the of and or in on at to for with by from as is are vs via de la le el"
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

_LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")

__all__ = ["duplicate_groups", "STRENGTHS", "section_anchor", "same_title", "is_link_target", "same_work"]

Edge = tuple[int, int, str]


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


def is_link_target(endnote: Endnote) -> bool:
    """An entry the reader made from a link in the text, or a Markdown link definition: no list entry."""
    text = (endnote.text or "").strip()
    bare = text in (endnote.url, endnote.raw_url) and endnote.key in (endnote.url, endnote.raw_url)
    return bare or bool(_LINK_DEFINITION.match(text))


def same_work(a: Endnote, b: Endnote) -> bool:
    """The same canonical link (same section anchor) or a shared identifier of the same value."""
    if a.canonical_url and a.canonical_url == b.canonical_url:
        return section_anchor(a.url) == section_anchor(b.url)
    return any(a.identifiers.get(k) == v for k, v in b.identifiers.items() if k != "isbn")


def section_anchor(url: str | None) -> str:
    """The ``#fragment`` of a link when it names a part of the page (not a text fragment or route)."""
    if not url or "#" not in url:
        return ""
    try:
        fragment = urlsplit(url).fragment
    except ValueError:
        return ""
    if not fragment or fragment.startswith((":~:", "/", "!")) or fragment.lower() in ("top", "content"):
        return ""
    return fragment


def _site_words(endnote: Endnote) -> set[str]:
    site = registered_domain(endnote.url or endnote.source) or ""
    return set(normalise_text(site.replace(".", " ")).split())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def same_title(a: str | None, b: str | None, ignore: set[str] | frozenset[str] = frozenset()) -> bool:
    """Two titles name one work: close spelling and no distinguishing word (year, number, name) apart."""
    if not titles_match(a, b, threshold=92):
        return False
    words_a = {_stem(w) for w in normalise_text(a).split()}
    words_b = {_stem(w) for w in normalise_text(b).split()}
    different = (words_a ^ words_b) - _FUNCTION_WORDS - {_stem(w) for w in ignore}
    return not different


def _distinctive(title: str | None) -> bool:
    """Long enough to identify a work: "New Zealand" or "Home" titles many pages."""
    return bool(title) and len(title.split()) >= 4 and len(title) >= 20


def _conflicting_ids(a: Endnote, b: Endnote) -> bool:
    return any(a.identifiers.get(k) != b.identifiers.get(k) for k in set(a.identifiers) & set(b.identifiers))


def _compatible(a: Endnote, b: Endnote) -> bool:
    kinds = {work_kind(a.url, a.identifiers), work_kind(b.url, b.identifiers)}
    return not _conflicting_ids(a, b) and (len(kinds) == 1 or kinds <= {"page", "paper"})


def _path_of(url: str | None) -> str | None:
    return url.split("?")[0] if url else None


def _certain_edges(endnotes: list[Endnote], titles: dict[int, str | None]) -> list[Edge]:
    edges = []
    by_key: dict[str, list[Endnote]] = defaultdict(list)
    for e in endnotes:
        if e.canonical_url:
            by_key[f"url {e.canonical_url}"].append(e)
        for kind, value in e.identifiers.items():
            by_key[f"{kind} {value}"].append(e)
    for key, members in by_key.items():
        kind, value = key.split(" ", 1)
        reason = "the same link" if kind == "url" else f"the same {kind} identifier {value}"
        for a, b in combinations(members, 2):
            if kind == "url" and section_anchor(a.url) != section_anchor(b.url):
                continue  # different sections of one page are cited on purpose
            if kind == "isbn" and not same_title(titles[a.number], titles[b.number]):
                continue  # chapters of one book share its ISBN
            edges.append((a.number, b.number, reason))
    return edges


def _title_edges(endnotes: list[Endnote], titles: dict[int, str | None]) -> tuple[list[Edge], list[Edge]]:
    likely: list[Edge] = []
    possible: list[Edge] = []
    titled = [e for e in endnotes if _distinctive(titles[e.number])]
    blocks: list[list[Endnote]] = [titled]
    if len(titled) > 400:  # long lists: compare within blocks of the first title words only
        by_start: dict[str, list[Endnote]] = defaultdict(list)
        for e in titled:
            by_start[" ".join(sorted(normalise_text(titles[e.number]).split())[:3])].append(e)
        blocks = list(by_start.values())
    # per entry once, not per pair: the pairs of a few hundred entries are tens of thousands
    paths = {e.number: _path_of(e.canonical_url) for e in titled}
    sites = {e.number: registered_domain(e.url or e.source) for e in titled}
    site_words = {e.number: _site_words(e) for e in titled}
    for members in blocks:
        for a, b in combinations(members, 2):
            if not _compatible(a, b) or a.canonical_url == b.canonical_url:
                continue
            if paths[a.number] == paths[b.number]:
                continue  # one page, different content-selecting parameters: different pages
            site_a, site_b = sites[a.number], sites[b.number]
            ignore = site_words[a.number] | site_words[b.number]
            if not same_title(titles[a.number], titles[b.number], ignore):
                continue
            if site_a and site_a == site_b:
                if a.published and a.published == b.published:
                    likely.append((a.number, b.number, f"the same title and date on {site_a}"))
            elif site_a and site_b:
                if bool(_paper_ids(a)) != bool(_paper_ids(b)):
                    continue  # a paper (arXiv, DOI) and a page about it: its announcement, not a copy
                sites = " and ".join(sorted((site_a, site_b)))
                possible.append((a.number, b.number, f"the same title on {sites} (a crosspost or copy)"))
    return likely, possible


def _paper_ids(endnote: Endnote) -> set[str]:
    """The scholarly identifiers (arXiv, DOI) an entry carries."""
    return {f"{k}:{v}" for k, v in (endnote.identifiers or {}).items() if k in ("arxiv", "doi") and v}


def _reasons(edges: list[Edge], members: set[int]) -> str:
    return "; ".join(sorted({r for a, b, r in edges if a in members and b in members}))


def duplicate_groups(endnotes: list[Endnote]) -> list[DuplicateGroup]:
    """Groups of endnotes citing one work, each reported once with the evidence that joins it."""
    # reading lists are not notes, and a link in the text is how a note is cited, not a second note
    endnotes = [e for e in endnotes if e.kind != "further_reading" and not is_link_target(e)]
    numbers = [e.number for e in endnotes]
    titles = {e.number: best_title(e) for e in endnotes}
    certain = _certain_edges(endnotes, titles)
    likely, possible = _title_edges(endnotes, titles)
    strong = _UnionFind(numbers)
    for a, b, _ in certain:
        strong.union(a, b)
    certain_groups = {tuple(g) for g in strong.groups()}
    for a, b, _ in likely:
        strong.union(a, b)
    result: list[DuplicateGroup] = []
    for group in strong.groups():
        members = set(group)
        strength = "certain" if tuple(group) in certain_groups else "likely"
        result.append(DuplicateGroup(group, strength, _reasons(certain + likely, members)))
    weak = _UnionFind(numbers)
    for a, b, _ in certain + likely + possible:
        weak.union(a, b)
    for group in weak.groups():
        joined = {strong.find(n) for n in group}
        if len(joined) > 1:
            result.append(DuplicateGroup(group, "possible", _reasons(possible, set(group))))
    return sorted(result, key=lambda g: (STRENGTHS.index(g.strength), g.endnotes[0]))
