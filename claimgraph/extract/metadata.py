"""Generic page metadata, merged from every layer a page offers in one written-down precedence.

PRECEDENCE, first layer with a value wins, field by field:

1. ``highwire``    citation_* meta tags (scholarly pages; "Last, First" authors turned around)
2. ``json-ld``     schema.org JSON-LD (Article, NewsArticle, ScholarlyArticle, VideoObject, …)
3. ``dublin-core`` DC.* / dcterms.* meta tags
4. ``opengraph``   og:* and article:* properties, then twitter:* names
5. ``microdata``   schema.org microdata (below OpenGraph: page templates often fill it wrongly)
6. ``meta``        plain meta names (author, byl, parsely-*, publishdate, pdate …)
7. ``page``        visible markup: <time datetime>, bylines (rel=author, .byline, .author), <title>
8. ``htmldate`` / ``trafilatura``  their heuristics, only for fields still empty

A site adapter's API answer (arXiv, DOI, …) sits above all of these; see extract/__init__.py.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import extruct
from bs4 import BeautifulSoup

from claimgraph.extract.dates import to_iso
from claimgraph.extract.people import split_people, tidy_people
from claimgraph.model import SourceMetadata

FIELDS = ("title", "authors", "published", "modified", "site", "type", "language", "description")
WORK_TYPES = {
    "Article", "NewsArticle", "BlogPosting", "ScholarlyArticle", "VideoObject", "TechArticle",
    "DiscussionForumPosting", "SocialMediaPosting", "ReportageNewsArticle", "Report", "Blog",
    "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting", "QAPage", "Question",
    "CreativeWork", "WebPage", "MediaObject", "Book", "Chapter", "Thesis", "Dataset", "Review",
}
_PUBLISHED_META = (
    "article:published_time", "article:published", "published_time", "publishdate",
    "publish-date", "publish_date", "pubdate", "date", "parsely-pub-date", "sailthru.date",
    "published_at", "article:publicationdate", "datepublished", "pdate", "dc.date.issued",
    "created", "displaydate",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "article:modified", "last-modified")


Layer = dict[str, Any]


def _metas(soup: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        value = tag.get("content")
        if key and value and value.strip():
            found.setdefault(key, []).append(value.strip())
    return found


def _first(metas: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if metas.get(key):
            return metas[key][0]
    return None


def _names(values: list[str], *, last_first: bool = False) -> list[str]:
    people: list[str] = []
    for value in values:
        if not re.match(r"https?://", value):
            people += split_people(value, last_first=last_first)
    return tidy_people(people)


def highwire_layer(metas: dict[str, list[str]]) -> Layer:
    """Fields from citation_* tags (Google Scholar's Highwire Press convention)."""
    authors = metas.get("citation_author", [])
    # One tag per author: a comma inside a value means "Last, First", never two people.
    layer: Layer = {
        "title": _first(metas, "citation_title"),
        "authors": _names(authors, last_first=True),
        "published": to_iso(_first(metas, "citation_publication_date", "citation_date",
                                   "citation_online_date", "citation_cover_date")),
        "site": _first(metas, "citation_journal_title", "citation_conference_title",
                       "citation_publisher", "citation_technical_report_institution"),
        "language": _first(metas, "citation_language"),
    }
    if layer["title"]:
        layer["type"] = "ScholarlyArticle"
    return layer


def _types(item: dict) -> list[str]:
    kinds = item.get("@type") or []
    return [k.rsplit("/", 1)[-1] for k in (kinds if isinstance(kinds, list) else [kinds])]


def _flatten(items: list) -> list[dict]:
    out: list[dict] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            out += _flatten(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            main = item.get("mainEntity")
            if isinstance(main, dict):
                out.append(main)
    return out


def _person_names(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for entry in values:
        if isinstance(entry, str):
            names += split_people(entry)
        elif isinstance(entry, dict) and "Organization" not in _types(entry):
            name = entry.get("name")
            if isinstance(name, str):
                names += split_people(name)
            elif isinstance(name, list):
                names += [n for n in name if isinstance(n, str)]
    return tidy_people(names)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _rank(item: dict) -> int:
    """Lower is better: a headline-bearing article beats a video or page embedded beside it."""
    kinds = set(_types(item))
    if item.get("headline") and kinds - {"WebPage", "CreativeWork"}:
        return 0
    if kinds & {"WebPage", "CreativeWork"}:
        return 3
    if kinds & {"VideoObject", "MediaObject"}:
        return 2
    return 1


def schema_layer(items: list) -> Layer:
    """Fields from the best schema.org item (JSON-LD or microdata)."""
    candidates = [i for i in _flatten(items) if set(_types(i)) & WORK_TYPES]
    candidates.sort(key=_rank)
    if not candidates:
        return {}
    item = candidates[0]
    publisher = item.get("publisher")
    return {
        "title": _text(item.get("headline")) or _text(item.get("name")),
        "authors": _person_names(item.get("author") or item.get("creator") or []),
        "published": to_iso(_text(item.get("datePublished")) or _text(item.get("uploadDate"))
                            or _text(item.get("dateCreated"))),
        "modified": to_iso(_text(item.get("dateModified"))),
        "site": _text(publisher) if isinstance(publisher, dict | str | list) else None,
        "type": _types(item)[0],
        "language": _text(item.get("inLanguage")),
        "description": _text(item.get("description")),
    }


def dublin_core_layer(metas: dict[str, list[str]]) -> Layer:
    """Fields from Dublin Core meta tags."""
    # The RDFa property forms (dc:title) come before the meta-name forms (DC.title), as in
    # Readability; several spellings of one field are alternatives, not extra values.
    creators = next((metas[k] for k in ("dc:creator", "dcterm:creator", "dc.creator",
                                        "dcterms.creator") if metas.get(k)), [])
    return {
        "title": _first(metas, "dc:title", "dcterm:title", "dc.title", "dcterms.title"),
        "authors": _names(creators),
        "published": to_iso(_first(metas, "dcterms.issued", "dc.date.issued", "dcterms.date",
                                   "dc.date", "dcterms.created", "dc:date")),
        "modified": to_iso(_first(metas, "dcterms.modified")),
        "site": _first(metas, "dc.publisher", "dcterms.publisher"),
        "language": _first(metas, "dc.language", "dcterms.language"),
    }


def opengraph_layer(metas: dict[str, list[str]]) -> Layer:
    """Fields from OpenGraph, article:* and Twitter card tags."""
    og_type = _first(metas, "og:type")
    return {
        "title": _first(metas, "og:title", "twitter:title"),
        "authors": _names(metas.get("article:author", [])),
        "published": to_iso(_first(metas, "article:published_time", "og:published_time")),
        "modified": to_iso(_first(metas, "article:modified_time", "og:updated_time")),
        "site": _first(metas, "og:site_name"),
        "type": {"article": "Article", "video": "VideoObject", "video.other": "VideoObject",
                 "website": "WebPage"}.get((og_type or "").lower()),
        "description": _first(metas, "og:description", "twitter:description"),
    }


def meta_layer(metas: dict[str, list[str]]) -> Layer:
    """Fields from plain meta names that sites commonly use."""
    authors = []
    for key in ("author", "byl", "parsely-author", "sailthru.author", "article:author",
                "dc.contributor"):
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
        "description": _first(metas, "description"),
    }


_BYLINE_SELECTORS = (
    "[rel=author]", "[itemprop=author] [itemprop=name]", "[itemprop=author]", ".byline__name",
    ".author-name", ".byline", ".author", "[class*=byline]", "[class*=author-name]",
)


def page_layer(soup: BeautifulSoup) -> Layer:
    """Fields from visible markup: <time>, bylines, <title>, <html lang>."""
    authors: list[str] = []
    for selector in _BYLINE_SELECTORS:
        for tag in soup.select(selector)[:3]:
            text = tag.get("content") or tag.get_text(" ", strip=True)
            if text and len(text) < 80:
                authors += split_people(text)
        if authors:
            break
    published = None
    times = soup.select("time[pubdate], article time[datetime], time[itemprop=datePublished]")
    for tag in times or soup.find_all("time", attrs={"datetime": True})[:1]:
        published = to_iso(tag.get("datetime") or tag.get_text(" ", strip=True))
        if published:
            break
    title_tag = soup.find("title")
    html_tag = soup.find("html")
    return {
        "title": title_tag.get_text(" ", strip=True) if title_tag else None,
        "authors": tidy_people(authors),
        "published": published,
        "language": html_tag.get("lang") if html_tag else None,
    }


def json_ld_items(soup: BeautifulSoup) -> list:
    """JSON-LD items, block by block: one broken block does not hide the others.

    extruct drops every block of a page when one of them fails to parse, which real pages
    with a stray comment or trailing comma trigger; so this reads each block alone.
    """
    items: list = []
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        raw = (script.string or script.get_text() or "").strip()
        raw = re.sub(r"^\s*(<!--)?\s*(//)?\s*(<!\[CDATA\[)?", "", raw)
        raw = re.sub(r"(//)?\s*(\]\]>)?\s*(-->)?\s*$", "", raw)
        for text in (raw, re.sub(r",\s*([}\]])", r"\1", raw)):
            try:
                data = json.loads(text, strict=False)
            except ValueError:
                continue
            items += data if isinstance(data, list) else [data]
            break
    return items


def _microdata_items(html: str, url: str) -> list:
    try:
        data = extruct.extract(html, base_url=url, syntaxes=["microdata"], uniform=True,
                               errors="ignore")
    except Exception:  # noqa: BLE001 - extruct raises many kinds on broken markup
        return []
    return data.get("microdata", [])


def merge_layers(layers: list[tuple[str, Layer]]) -> SourceMetadata:
    """Field by field, the first layer with a value wins; provenance names that layer."""
    meta = SourceMetadata()
    for name, layer in layers:
        for key in FIELDS:
            value = layer.get(key)
            if key == "title" and isinstance(value, str) and re.match(r"https?://", value):
                continue  # a URL where a title belongs is a template mistake
            if value and not getattr(meta, key):
                setattr(meta, key, value)
                meta.provenance[key] = name
    return meta


def html_layers(html: str, url: str) -> list[tuple[str, Layer]]:
    """Every structured layer of a page, in precedence order (heuristics not included)."""
    soup = BeautifulSoup(html, "lxml")
    metas = _metas(soup)
    json_ld, microdata = json_ld_items(soup), _microdata_items(html, url)
    return [
        ("highwire", highwire_layer(metas)),
        ("json-ld", schema_layer(json_ld)),
        ("dublin-core", dublin_core_layer(metas)),
        ("opengraph", opengraph_layer(metas)),
        ("microdata", schema_layer(microdata)),
        ("meta", meta_layer(metas)),
        ("page", page_layer(soup)),
        ("url", {"site": urlsplit(url).hostname}),
    ]
