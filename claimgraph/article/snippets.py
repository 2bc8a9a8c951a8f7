"""Reading a search-result style snippet: the headline and date glued at its start."""

from __future__ import annotations

import re

from claimgraph.article.dates import find_dates

_SCHOLAR = re.compile(
    r"^\s*(?:\[[^\]]+\]\s*)?(?P<title>.+?)\s*by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s*·"
)
_GLUED_PREFIX = re.compile(r"^[A-Z][\w&.' ]{2,28}?[a-z](?=[A-Z“\"‘][a-z])")
_SITE_SUFFIX = re.compile(r"\s*[|\\]\s*[^|\\]{2,40}$")

__all__ = ["snippet_headline"]


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _strip_site_prefix(text: str, site_names: list[str]) -> str:
    """Drop a site name glued before the headline ("AnthropicAlignment faking …")."""
    for name in sorted({n for n in site_names if n}, key=len, reverse=True):
        squashed = _squash(name)
        if not squashed:
            continue
        consumed, kept = "", 0
        for index, ch in enumerate(text):
            if ch.isalnum():
                consumed += ch.casefold()
            if consumed == squashed:
                kept = index + 1
                break
            if not squashed.startswith(consumed):
                break
        if kept:
            rest = text[kept:].lstrip(" -–—:|")
            if len(rest) >= 8:
                return rest
    return text


def snippet_headline(snippet: str | None, site: str | None = None) -> str | None:
    """The headline a snippet starts with (before its date or byline), or None if it has none."""
    if not snippet:
        return None
    text = snippet.strip().lstrip("—–- ")
    scholar = _SCHOLAR.match(text)
    if scholar:
        return scholar.group("title").strip() or None
    dates = [d for d in find_dates(text) if d.start <= 200]
    if not dates:
        return None
    head = text[: dates[0].start]
    names = []
    if site:
        base = site.lower().removeprefix("www.").split(".")
        names = [base[-2] if len(base) >= 2 else base[0], site]
    head = _strip_site_prefix(head, names + ["arXiv"])
    glued = _GLUED_PREFIX.match(head)
    if glued and len(head) - glued.end() >= 8:
        head = head[glued.end() :]  # "Hacker NewsAlignment …": a site name glued to the headline
    head = re.sub(r"^[—–\-\s]+|[—–\-\s]+$", "", head)
    head = re.sub(r"^\[[^\]]*\]\s*", "", head)
    head = _SITE_SUFFIX.sub("", head).strip()
    dashed = re.match(r"^(?P<head>.{8,}?)\s+[-–—]\s+(?P<site>[^-–—]{2,40})$", head)
    if dashed and names and _squash(names[0]) in _squash(dashed.group("site")):
        head = dashed.group("head")
    words = head.split()
    if not 2 <= len(words) <= 25:
        return None
    if names and _squash(names[0]) and _squash(names[0]) in _squash(head) and len(words) <= 4:
        return None  # only the site's name, not a headline
    return head
