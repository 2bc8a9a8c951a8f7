"""Inline citation → endnote matching, from every clue a citation carries.

A citation that names its target (a footnote id, an anchor, a URL) resolves by that key. A
``[Label]domain`` marker with a card resolves by the card: its domain against the endnote's
site, its text against the endnote's title and snippet (cards and snippets are both truncated,
so texts are compared over their common length), its dates against the endnote's date. The
best candidate wins only when it is good enough and clearly ahead of the runner-up (or the two
are the same link); otherwise the citation stays unresolved, with its candidates.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process

from claimgraph.article.dates import find_dates
from claimgraph.article.urls import host_of, registered_domain
from claimgraph.model import Article, Candidate, Citation, Endnote

ACCEPT = 0.62  # lowest score that resolves a citation
MARGIN = 0.06  # how far ahead of the runner-up the winner must be
MIN_COMPARE = 12  # characters of text needed before a text comparison means anything
PREFILTER = 40  # above this many same-site endnotes, score only a fuzzy-searched shortlist

__all__ = ["resolve_citations", "score_pair", "normalise_text", "ACCEPT", "MARGIN"]


def normalise_text(text: str | None) -> str:
    """Lower-case letters and digits separated by single spaces: typography-proof text."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("…", " ").replace("...", " ")
    return re.sub(r"[^\w]+", " ", text).strip()


@lru_cache(maxsize=65536)
def _squash(text: str | None) -> str:
    """Only letters and digits: text glued together by extraction compares equal to spaced text."""
    return normalise_text(text).replace(" ", "")


def _expected_texts(endnote: Endnote) -> list[str]:
    title, snippet = _squash(endnote.title), _squash(endnote.snippet)
    texts = [t for t in (title + snippet, snippet, title) if t]
    return list(dict.fromkeys(texts))


def _prefix_similarity(card: str, expected: str) -> float:
    """Similarity of two possibly truncated texts over their common length, in [0, 1]."""
    length = min(len(card), len(expected))
    if length < MIN_COMPARE:
        return 0.0
    explained = 0.5 + 0.5 * length / len(card)  # a match of the whole card beats a match of its start
    weight = min(1.0, length / 40) * explained
    return weight * fuzz.ratio(card[:length], expected[:length]) / 100


def _text_score(card: str, endnote: Endnote) -> float:
    if not card:
        return 0.0
    best = max((_prefix_similarity(card, text) for text in _expected_texts(endnote)), default=0.0)
    title = _squash(endnote.title)
    if len(title) >= MIN_COMPARE and title in card:
        best = max(best, 0.6 + 0.2 * min(1.0, len(title) / 40))  # named, but not card-for-card
    return best


@lru_cache(maxsize=65536)
def _sites(url: str | None, source: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """An endnote's hosts and their registered domains (asked once per candidate pair)."""
    hosts = {host_of(url)}
    if source:
        hosts.add(source.lower().removeprefix("www."))
    hosts.discard("")
    return frozenset(hosts), frozenset(registered_domain(h) for h in hosts)


@lru_cache(maxsize=65536)
def _card_dates(card: str | None) -> frozenset[str]:
    return frozenset(d.iso for d in find_dates(card))


def _domain_score(domain: str | None, endnote: Endnote) -> float:
    if not domain:
        return 0.0
    domain = domain.lower().removeprefix("www.")
    hosts, sites = _sites(endnote.url or endnote.raw_url, endnote.source)
    if domain in hosts:
        return 1.0
    if registered_domain(domain) in sites:
        return 0.5
    return 0.0


def _date_score(card: str, endnote: Endnote) -> float | None:
    dates = _card_dates(card)
    if not dates or not endnote.published:
        return None
    return 1.0 if endnote.published in dates or any(d[:7] == endnote.published[:7] for d in dates) else 0.0


def score_pair(citation: Citation, endnote: Endnote) -> float:
    """How well ``endnote`` matches ``citation``'s clues, in [0, 1]."""
    card = _squash(citation.card)
    domain = _domain_score(citation.domain, endnote)
    text = _text_score(card, endnote)
    date = _date_score(citation.card, endnote)
    if date is None:
        return round(0.3 * domain + 0.7 * text, 4)
    return round(0.3 * domain + 0.6 * text + 0.1 * date, 4)


def _same_link(a: Endnote, b: Endnote) -> bool:
    return bool(a.canonical_url) and a.canonical_url == b.canonical_url


def resolve_citations(article: Article, top: int = 5) -> None:
    """Set ``endnote``, ``score``, ``candidates`` and ``method`` on every citation of ``article``."""
    by_key = {e.key: e for e in article.endnotes if e.key}
    by_domain: dict[str, list[Endnote]] = defaultdict(list)
    for endnote in article.endnotes:
        for host in {host_of(endnote.url or endnote.raw_url), (endnote.source or "").lower()}:
            if host:
                by_domain[registered_domain(host)].append(endnote)
    for citation in article.citations:
        if citation.key is not None:
            _resolve_by_key(citation, by_key, article.endnotes)
            continue
        pool = by_domain.get(registered_domain(citation.domain or ""), [])
        unique = list({e.number: e for e in pool}.values()) or article.endnotes
        _resolve_by_clues(citation, unique, top)


def _resolve_by_key(citation: Citation, by_key: dict[str, Endnote], endnotes: list[Endnote]) -> None:
    target = by_key.get(citation.key or "")
    if target is None and (citation.key or "").isdigit() and not by_key:
        number = int(citation.key or "0")
        target = endnotes[number - 1] if 1 <= number <= len(endnotes) else None
    citation.method = "key"
    if target is None:
        citation.endnote, citation.score, citation.candidates = None, 0.0, []
        citation.method = "key-missing"
        return
    citation.endnote, citation.score = target.number, 1.0
    citation.candidates = [Candidate(target.number, 1.0)]


def _shortlist(citation: Citation, pool: list[Endnote], size: int = PREFILTER) -> list[Endnote]:
    """The endnotes whose title and snippet best match the card's start (C++ fuzzy search)."""
    card = _squash(citation.card)
    if len(pool) <= size or len(card) < MIN_COMPARE:
        return pool
    keep: dict[int, Endnote] = {}
    for texts in (
        [(_squash(e.title) + _squash(e.snippet))[: len(card)] for e in pool],
        [_squash(e.snippet)[: len(card)] for e in pool],
    ):
        for _, _, index in process.extract(card, texts, scorer=fuzz.ratio, limit=size // 2):
            keep[pool[index].number] = pool[index]
    return list(keep.values())


def _resolve_by_clues(citation: Citation, pool: list[Endnote], top: int) -> None:
    scored = sorted(
        ((score_pair(citation, e), e) for e in _shortlist(citation, pool)),
        key=lambda p: (-p[0], p[1].number),
    )
    citation.candidates = [Candidate(e.number, s) for s, e in scored[:top] if s > 0]
    citation.method = "clues"
    if not scored:
        citation.endnote, citation.score = None, 0.0
        return
    best_score, best = scored[0]
    rivals = [(s, e) for s, e in scored[1:] if best_score - s < MARGIN and not _same_link(best, e)]
    citation.score = best_score
    if best_score >= ACCEPT and not rivals:
        citation.endnote = best.number
    else:
        citation.endnote = None
        citation.method = "ambiguous" if best_score >= ACCEPT else "weak"
