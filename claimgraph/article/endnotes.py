"""Per-endnote preparation: cleaned link, canonical form, work identifiers, snippet headline."""

from __future__ import annotations

from claimgraph.article.snippets import snippet_headline
from claimgraph.article.urls import canonical_url, clean_url, work_identifiers
from claimgraph.model import Endnote

__all__ = ["prepare_endnote", "prepare_endnotes"]


def prepare_endnote(endnote: Endnote) -> Endnote:
    """Fill ``url``, ``canonical_url``, ``identifiers``, ``url_problems`` and ``snippet_title``."""
    if endnote.raw_url:
        cleaned = clean_url(endnote.url or endnote.raw_url)
        endnote.url = cleaned.url
        endnote.url_problems = cleaned.problems
        endnote.canonical_url = (
            canonical_url(cleaned.url) if not cleaned.malformed or cleaned.url else None
        )
    found = work_identifiers(endnote.url, endnote.text)
    endnote.identifiers = {**found, **endnote.identifiers}
    if endnote.snippet and not endnote.snippet_title:
        endnote.snippet_title = snippet_headline(endnote.snippet, endnote.source)
    return endnote


def prepare_endnotes(endnotes: list[Endnote]) -> list[Endnote]:
    """Prepare every endnote in place; returns the same list."""
    for endnote in endnotes:
        prepare_endnote(endnote)
    return endnotes
