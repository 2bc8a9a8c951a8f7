"""Numbered citation conventions shared by readers: ``[n]`` labels and markers, work matching.

A numbered reference entry starts with its label (``[12] Author. "Title."`` or ``12. …``); an
inline marker names one or more labels: ``[3]``, ``[1, 2]``, ``[1,2]``, ``[2–4]``, ``[2-4]``
(``[1][2]`` is two markers). A body link cites an entry when both name the same work
(``claimgraph.article.urls.work_key``: arXiv id in any form, DOI, or canonical URL).
"""

from __future__ import annotations

import re

from claimgraph.article.urls import work_key
from claimgraph.model import Citation, Endnote

ENTRY_LABEL = re.compile(r"^\s*(?:\[(?P<bracketed>\d{1,4})\]|(?P<dotted>\d{1,4})[.)])\s+(?=\S)")
NUMERIC_MARKER = re.compile(r"\[(?P<inner>\d{1,4}(?:\s*(?:,|[-–—])\s*\d{1,4})*)\]")
_WIDEST_RANGE = 50  # a "range" wider than this is a number interval, not a group of endnotes

__all__ = ["ENTRY_LABEL", "NUMERIC_MARKER", "entry_label", "marker_targets", "cite_listed_works"]


def entry_label(text: str) -> tuple[str | None, str]:
    """The visible label a reference entry starts with (``[12]`` or ``12.``) and the rest."""
    match = ENTRY_LABEL.match(text)
    if match is None:
        return None, text
    return match.group("bracketed") or match.group("dotted"), text[match.end() :]


def marker_targets(inner: str) -> list[str] | None:
    """The labels a numeric marker's inside names (``1, 2`` or ``2–4``); None if it is no marker."""
    labels: list[str] = []
    for part in re.split(r"\s*,\s*", inner.strip()):
        span = re.fullmatch(r"(\d{1,4})\s*[-–—]\s*(\d{1,4})", part)
        if span:
            low, high = int(span.group(1)), int(span.group(2))
            if low < 1 or high <= low or high - low > _WIDEST_RANGE:
                return None
            labels.extend(str(n) for n in range(low, high + 1))
        elif part.isdigit() and int(part) >= 1:
            labels.append(str(int(part)))
        else:
            return None
    return labels or None


def cite_listed_works(citations: list[Citation], endnotes: list[Endnote]) -> None:
    """Point every body link that names a listed entry's work at that entry (by its key).

    An entry names each work its links point to; a link naming works of several entries (a
    duplicated reference) points to the first. Links naming no entry keep their key.
    """
    by_work: dict[str, str] = {}
    for note in endnotes:
        if note.key is None or note.section == "Links":
            continue
        for link in note.links or ([note.raw_url] if note.raw_url else []):
            work = work_key(link)
            if work:
                by_work.setdefault(work, note.key)
        for name in ("arxiv", "doi"):
            value = note.identifiers.get(name)
            if value:
                by_work.setdefault(f"{name}:{value.lower()}", note.key)
    for citation in citations:
        work = work_key(citation.key)
        if work and work in by_work:
            citation.key = by_work[work]
