"""The generic HTML extractor: structured layers first, trafilatura and htmldate for the rest."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date

from claimgraph.extract.dates import to_iso
from claimgraph.extract.metadata import html_layers, merge_layers
from claimgraph.extract.people import split_people, tidy_people
from claimgraph.model import SourceMetadata

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def _heuristic_layers(html: str, url: str) -> tuple[list[tuple[str, dict]], str]:
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          include_comments=False)
    except Exception:  # noqa: BLE001 - trafilatura fails in many ways on odd markup
        doc = None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    try:
        date = find_date(html, original_date=True, extensive_search=False, url=url)
    except Exception:  # noqa: BLE001
        date = None
    trafilatura_layer = {}
    if doc is not None:
        authors = [p for a in (doc.author or "").split(";") for p in split_people(a)]
        trafilatura_layer = {
            "title": doc.title, "authors": tidy_people(authors), "site": doc.sitename,
            "published": to_iso(doc.date), "language": getattr(doc, "language", None),
            "description": doc.description,
        }
    return [("htmldate", {"published": to_iso(date)}), ("trafilatura", trafilatura_layer)], text


def extract_html(html: str, url: str) -> tuple[SourceMetadata, str]:
    """Metadata and main text of an HTML page."""
    layers = html_layers(html, url)
    heuristics, text = _heuristic_layers(html, url)
    ordered = layers[:-1] + heuristics + layers[-1:]
    meta = merge_layers(ordered)
    if not meta.type:
        meta.type = "WebPage"
    if not meta.site:
        meta.site = urlsplit(url).hostname
    return meta, text


def extract_metadata(html: str, url: str) -> SourceMetadata:
    """Metadata of an HTML page (no main text)."""
    return extract_html(html, url)[0]
