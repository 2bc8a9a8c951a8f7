"""Generic page metadata, merged from every layer a page offers in one written-down precedence.

PRECEDENCE, field by field the first layer with a value wins (``LAYERS`` below is this list):

1. ``json-ld``      schema.org JSON-LD: ``@graph``, arrays, nested Person/Organization authors
2. ``microdata``    schema.org microdata (itemscope/itemprop), via extruct
3. ``rdfa``         schema.org RDFa (vocab/typeof/property), via extruct
4. ``highwire``     citation_* meta tags ("Last, First" authors turned around)
5. ``dublin-core``  DC.* / dcterms.* meta tags
6. ``opengraph``    og:* and article:published_time / modified_time / author, twitter:*
7. ``article-meta`` plain meta names (author, byl, parsely-*, publishdate, date …)
8. ``byline-text``  bylines in visible markup (rel=author, itemprop=author, author/byline class
                    or id names, <address>), then "By / Von / Par / Por / Di / Door …", then an
                    "Author: / Autor: / Auteur : …" credit label
9. ``time-element`` the article's HTML <time> (a marked publication date first; never one in
                    comments, teasers, aside or nav, never a marked modification date)
10. ``htmldate``    htmldate's heuristics on the same tree (published date only)
11. ``html``        <title>, <h1>, <html lang>
12. ``url``         a date in the URL path, the host as the site name

A site adapter's API answer (arXiv, DOI, …) sits above all of these; see extract/__init__.py.
Published and modified dates are separate fields: a layer's modified date never fills
``published``. An author from any layer that names an account or the publisher (a one-word
display name "Ada", a login "adalovelace", the site's own name) gives way to the person the
page's byline names (extract/accounts.py); provenance then names ``byline-text``.
"""

from __future__ import annotations

import html as html_entities
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from lxml.html import HtmlElement

from claimgraph.extract.accounts import people_for_accounts
from claimgraph.extract.byline import (
    byline_layer,
    headline,
    html_layer,
    htmldate_layer,
    url_layer,
)
from claimgraph.extract.dates import to_iso
from claimgraph.extract.people import split_people, tidy_people
from claimgraph.extract.structured import (
    json_ld_items,
    microdata_items,
    rdfa_items,
    schema_layer,
)
from claimgraph.extract.timetags import time_layer
from claimgraph.extract.tree import PageIndex, index_page
from claimgraph.model import SourceMetadata

FIELDS = ("title", "authors", "published", "modified", "site", "type", "language", "description")
Layer = dict[str, Any]
Metas = dict[str, list[str]]

_PUBLISHED_META = (
    "article:published_time", "article:published", "published_time", "publishdate",
    "publish-date", "publish_date", "pubdate", "date", "parsely-pub-date", "sailthru.date",
    "published_at", "article:publicationdate", "datepublished", "pdate", "created",
    "displaydate", "date.release", "release_date", "publication_date", "original-publish-date",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "article:modified", "last-modified",
                  "datemodified", "lastmod", "revised")


def _first(metas: Metas, *keys: str) -> str | None:
    for key in keys:
        if metas.get(key):
            return metas[key][0]
    return None


def _names(values: list[str], *, last_first: bool = False) -> list[str]:
    people: list[str] = []
    for value in values:
        if not re.match(r"https?://", value):
            people += split_people(value, last_first=last_first, single=True)
    return tidy_people(people)


def highwire_layer(metas: Metas) -> Layer:
    """Fields from citation_* tags (Google Scholar's Highwire Press convention)."""
    # One tag per author: a comma inside a value means "Last, First", never two people.
    layer: Layer = {
        "title": _first(metas, "citation_title"),
        "authors": _names(metas.get("citation_author", []), last_first=True),
        "published": to_iso(_first(metas, "citation_publication_date", "citation_date",
                                   "citation_online_date", "citation_cover_date")),
        "site": _first(metas, "citation_journal_title", "citation_conference_title",
                       "citation_publisher", "citation_technical_report_institution"),
        "language": _first(metas, "citation_language"),
    }
    if layer["title"]:
        layer["type"] = "ScholarlyArticle"
    return layer


def dublin_core_layer(metas: Metas) -> Layer:
    """Fields from Dublin Core meta tags (RDFa dc: forms, then DC. meta names)."""
    creators = next((metas[k] for k in ("dc:creator", "dcterms:creator", "dc.creator",
                                        "dcterms.creator") if metas.get(k)), [])
    return {
        "title": _first(metas, "dc:title", "dcterms:title", "dc.title", "dcterms.title"),
        "authors": _names(creators),
        "published": to_iso(_first(metas, "dcterms.issued", "dc.date.issued", "dcterms:issued",
                                   "dcterms.date", "dc.date", "dcterms.created", "dc:date",
                                   "dcterms:date", "dcterms:created")),
        "modified": to_iso(_first(metas, "dcterms.modified", "dcterms:modified")),
        "site": _first(metas, "dc.publisher", "dcterms.publisher", "dc:publisher"),
        "language": _first(metas, "dc.language", "dcterms.language", "dc:language"),
    }


def opengraph_layer(metas: Metas) -> Layer:
    """Fields from OpenGraph, article:* and Twitter card tags."""
    og_type = (_first(metas, "og:type") or "").lower()
    return {
        "title": _first(metas, "og:title", "twitter:title"),
        "authors": _names(metas.get("article:author", [])),
        "published": to_iso(_first(metas, "article:published_time", "og:published_time",
                                   "og:article:published_time")),
        "modified": to_iso(_first(metas, "article:modified_time", "og:updated_time",
                                  "og:article:modified_time")),
        "site": _first(metas, "og:site_name"),
        "type": {"article": "Article", "video": "VideoObject", "video.other": "VideoObject",
                 "website": "WebPage", "book": "Book"}.get(og_type),
        "description": _first(metas, "og:description", "twitter:description"),
    }


def article_meta_layer(metas: Metas) -> Layer:
    """Fields from plain meta names that publishing systems commonly write."""
    authors: list[str] = []
    for key in ("author", "byl", "parsely-author", "sailthru.author", "dc.contributor",
                "twitter:creator:name", "article:author_name"):
        authors = _names(metas.get(key, []))
        if authors:
            break
    return {
        "authors": authors,
        "published": next((to_iso(v) for k in _PUBLISHED_META for v in metas.get(k, [])
                           if to_iso(v)), None),
        "modified": next((to_iso(v) for k in _MODIFIED_META for v in metas.get(k, [])
                          if to_iso(v)), None),
        "site": _first(metas, "application-name", "apple-mobile-web-app-title"),
        "language": _first(metas, "language", "content-language"),
        "description": _first(metas, "description"),
    }


# The one written order of precedence: (provenance name, layer function of the indexed page).
LAYERS: list[tuple[str, Callable[[PageIndex, str], Layer]]] = [
    ("json-ld", lambda page, url: schema_layer(json_ld_items(page.json_ld))),
    ("microdata", lambda page, url: schema_layer(microdata_items(page.tree, url))
     if page.has_microdata else {}),
    ("rdfa", lambda page, url: schema_layer(rdfa_items(page.tree, url)) if page.has_rdfa else {}),
    ("highwire", lambda page, url: highwire_layer(page.metas)),
    ("dublin-core", lambda page, url: dublin_core_layer(page.metas)),
    ("opengraph", lambda page, url: opengraph_layer(page.metas)),
    ("article-meta", lambda page, url: article_meta_layer(page.metas)),
    ("byline-text", lambda page, url: byline_layer(page)),
    ("time-element", lambda page, url: time_layer(page)),
    ("htmldate", lambda page, url: htmldate_layer(page.tree, url)),
    ("html", lambda page, url: html_layer(page)),
    ("url", lambda page, url: url_layer(url)),
]
# Layers worth skipping once every field they can give is filled.
_GIVES = {"htmldate": ("published",), "time-element": ("published",), "byline-text": ("authors",),
          "microdata": ("title", "authors", "published"), "rdfa": ("title", "authors", "published")}


def merge_layers(layers: list[tuple[str, Layer]]) -> SourceMetadata:
    """Field by field, the first layer with a value wins; provenance names that layer."""
    meta = SourceMetadata()
    for name, layer in layers:
        _fill(meta, name, layer)
    return meta


def _fill(meta: SourceMetadata, name: str, layer: Layer) -> None:
    for key in FIELDS:
        value = layer.get(key)
        if key == "title" and isinstance(value, str) and re.match(r"https?://", value):
            continue  # a URL where a title belongs is a template mistake
        if value and not getattr(meta, key):
            setattr(meta, key, value)
            meta.provenance[key] = name


def metadata_from_tree(tree: HtmlElement, url: str) -> SourceMetadata:
    """Every layer of one parsed page, merged in precedence order."""
    page = index_page(tree)
    meta = SourceMetadata()
    held: list[tuple[str, Layer]] = []
    for name, layer in LAYERS:
        wanted = _GIVES.get(name)
        if wanted and all(getattr(meta, key) for key in wanted):
            continue
        got = layer(page, url)
        if name in _SCHEMA_LAYERS and got.get("type") in _MEDIA and _page_is_article(page.metas):
            held.append((name, got))  # the embedded video, not the article the page is
            continue
        _fill(meta, name, got)
        if name == _AFTER_EMBEDS:
            for held_name, held_layer in held:
                _fill(meta, held_name, held_layer)
    if meta.published and meta.provenance.get("published") != "url":
        day = url_layer(url).get("published")
        if day and _utc_day_before(meta.published, day):
            meta.published = day
            meta.provenance["published"] = "url"
    if meta.authors and meta.provenance.get("authors") != "byline-text":
        completed = people_for_accounts(page, meta.authors, meta.site)
        if completed != meta.authors:
            meta.authors = completed
            meta.provenance["authors"] = "byline-text"
    if meta.title:
        meta.title = _without_decoration(html_entities.unescape(meta.title), headline(page))
    return meta


# A schema.org media object on a page OpenGraph calls an article describes an embed (a video in
# the article), so its statements rank below the article's own meta tags.
_SCHEMA_LAYERS = {"json-ld", "microdata", "rdfa"}
_MEDIA = {"VideoObject", "MediaObject", "AudioObject", "ImageObject", "PodcastEpisode"}
_AFTER_EMBEDS = "article-meta"


def _page_is_article(metas: Metas) -> bool:
    return (_first(metas, "og:type") or "").lower() == "article"


def _utc_day_before(stamp: str, day: str) -> bool:
    """True when a UTC time stamp falls on the day after the date the page's URL states.

    A URL path date is written by the publisher's system in local time; a time stamp in UTC
    (``Z``, ``+00:00``) of an evening in the Americas is already the next day there.
    """
    if not re.search(r"T\d{2}:\d{2}(:\d{2})?(Z|\+00:?00)$", stamp):
        return False
    try:
        stated = date.fromisoformat(stamp[:10])
        local = date.fromisoformat(day[:10])
    except ValueError:
        return False
    return stated - local == timedelta(days=1)


_SEPARATORS = "|-–—:·»«/•"


def _without_decoration(title: str, heading: str | None) -> str:
    """The page's <h1> when the stated title is it plus decoration: a site name or section after
    a separator, a kicker before one ("Kicker: Headline - Site"), or both."""
    title = " ".join(title.split())
    if heading and heading != title and len(heading) >= 8 and heading in title:
        left, _, right = title.partition(heading)
        left, right = left.strip(), right.strip()
        if (not left or left[-1] in _SEPARATORS) and (not right or right[0] in _SEPARATORS):
            return heading
    return title


def layer_names() -> list[str]:
    """The provenance names of the generic layers, in precedence order."""
    return [name for name, _ in LAYERS]
