"""The generic HTML extractor: one lxml tree per page, metadata layers then the main text."""

from __future__ import annotations

import logging

import trafilatura
from lxml.html import HtmlElement

from claimgraph.extract.metadata import metadata_from_tree
from claimgraph.extract.tree import parse_html
from claimgraph.model import SourceMetadata

logging.getLogger("trafilatura").setLevel(logging.ERROR)
# Below this many characters the fast extraction has failed and its fallbacks are worth their cost.
_ENOUGH_TEXT = 200


def main_text(tree: HtmlElement, url: str) -> str:
    """The page's main text: trafilatura's fast extraction, its justext rescue only if that fails."""
    text = ""
    for fast in (True, False):
        try:
            doc = trafilatura.bare_extraction(tree, url=url, fast=fast, with_metadata=False,
                                              include_comments=False)
        except Exception:  # noqa: BLE001 - trafilatura fails in many ways on odd markup
            doc = None
        found = (getattr(doc, "text", None) or "") if doc is not None else ""
        if len(found) > len(text):
            text = found
        if len(text) >= _ENOUGH_TEXT:
            break
    return text


def _finish(meta: SourceMetadata) -> SourceMetadata:
    if not meta.type:
        meta.type = "WebPage"
    return meta


def extract_metadata(html: str | HtmlElement, url: str) -> SourceMetadata:
    """Metadata of an HTML page (no main text)."""
    tree = html if isinstance(html, HtmlElement) else parse_html(html)
    if tree is None:
        return _finish(SourceMetadata(site=None))
    return _finish(metadata_from_tree(tree, url))


def extract_html(html: str, url: str) -> tuple[SourceMetadata, str]:
    """Metadata and main text of an HTML page, both read from one parsed tree."""
    tree = parse_html(html)
    if tree is None:
        return _finish(SourceMetadata()), ""
    return _finish(metadata_from_tree(tree, url)), main_text(tree, url)
