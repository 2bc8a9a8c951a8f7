"""schema.org statements a page makes about itself: JSON-LD, microdata and RDFa, as one shape.

Each syntax is turned into plain JSON-LD-like dicts (``@type`` plus property names without a
namespace), so one function (``schema_layer``) reads the work they describe from any of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from claimgraph.extract.dates import to_iso
from claimgraph.extract.people import split_people, tidy_people

Layer = dict[str, Any]
WORK_TYPES = {
    "Article", "NewsArticle", "BlogPosting", "ScholarlyArticle", "VideoObject", "TechArticle",
    "DiscussionForumPosting", "SocialMediaPosting", "ReportageNewsArticle", "Report", "Blog",
    "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting", "QAPage", "Question",
    "CreativeWork", "WebPage", "MediaObject", "Book", "Chapter", "Thesis", "Dataset", "Review",
    "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
    "MedicalScholarlyArticle", "APIReference", "Recipe", "HowTo", "PodcastEpisode", "Event",
    "AboutPage", "ItemPage", "CollectionPage", "ProfilePage", "FAQPage", "Answer", "Comment",
}
_ORGANISATIONS = {"Organization", "NewsMediaOrganization", "Corporation", "WebSite",
                  "EducationalOrganization", "GovernmentOrganization", "LocalBusiness"}
_SCHEMA_NS = re.compile(r"^https?://schema\.org/")


_OPENERS = ("<!--", "//", "<![CDATA[")
_CLOSERS = ("-->", "]]>", "//")


def _unwrapped(raw: str) -> str:
    """A JSON-LD block without the HTML-comment or CDATA wrapper old templates put around it."""
    changed = True
    while changed:
        changed = False
        for opener in _OPENERS:
            if raw.startswith(opener):
                raw, changed = raw[len(opener):].lstrip(), True
        for closer in _CLOSERS:
            if raw.endswith(closer):
                raw, changed = raw[: -len(closer)].rstrip(), True
    return raw


def json_ld_items(blocks: list[str]) -> list:
    """JSON-LD items, block by block: one broken block does not hide the others."""
    items: list = []
    for block in blocks:
        raw = block.strip()
        # Plain JSON first (string operations only: regexes over a long block cost milliseconds).
        for text in _attempts(raw):
            try:
                data = json.loads(text, strict=False)
            except ValueError:
                continue
            items += data if isinstance(data, list) else [data]
            break
    return items


def _attempts(raw: str) -> Iterator[str]:
    yield raw
    unwrapped = _unwrapped(raw)
    if unwrapped != raw:
        yield unwrapped
    yield re.sub(r",\s*([}\]])", r"\1", unwrapped)  # trailing commas


def _from_microdata(item: dict) -> dict:
    kinds = item.get("type") or []
    node: dict = {"@type": [_SCHEMA_NS.sub("", k) for k in (kinds if isinstance(kinds, list)
                                                             else [kinds])]}
    for key, value in (item.get("properties") or {}).items():
        values = value if isinstance(value, list) else [value]
        node[key] = [_from_microdata(v) if isinstance(v, dict) else v for v in values]
    return node


def microdata_items(tree: HtmlElement, url: str) -> list:
    """schema.org microdata items (extruct)."""
    from extruct.w3cmicrodata import MicrodataExtractor

    try:
        items = MicrodataExtractor().extract_items(tree, base_url=url)
    except Exception:  # noqa: BLE001 - extruct raises many kinds on broken markup
        return []
    return [_from_microdata(item) for item in items if isinstance(item, dict)]


def _compact_rdfa(nodes: list[dict], page: str = "") -> list[dict]:
    by_id = {n.get("@id"): n for n in nodes if isinstance(n, dict)}

    def order(value: Any) -> tuple[int, str]:
        # pyRdfa hands the triples over through an rdflib graph, whose order (and blank-node ids)
        # change with Python's hash seed. Items and values go back into page order, by where their
        # earliest literal stands in the page (authors keep their order), then by content.
        found = [page.find(text) for text in _literals(value) if text]
        return (min([i for i in found if i >= 0], default=len(page)), _canonical(value))

    def compact(node: dict, depth: int = 0) -> dict:
        out: dict = {"@type": [_SCHEMA_NS.sub("", t) for t in node.get("@type", [])]}
        for key, values in node.items():
            if key.startswith("@") or not _SCHEMA_NS.match(key):
                continue
            kept = []
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, dict) and "@value" in value:
                    kept.append(value["@value"])
                elif isinstance(value, dict) and value.get("@id") in by_id and depth < 3:
                    kept.append(compact(by_id[value["@id"]], depth + 1))
            out[_SCHEMA_NS.sub("", key)] = sorted(kept, key=order)
        return out

    return sorted((compact(n) for n in nodes if isinstance(n, dict) and any(
        _SCHEMA_NS.match(t) for t in n.get("@type", []))), key=order)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _literals(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for key, inner in value.items() if key != "@type" for text in _literals(inner)]
    if isinstance(value, list):
        return [text for inner in value for text in _literals(inner)]
    return [str(value)]


def rdfa_items(tree: HtmlElement, url: str) -> list:
    """schema.org RDFa items (extruct).

    pyRdfa walks an xml.dom-style tree, not lxml's: the one place a page is parsed twice, and
    only on pages that declare a ``typeof``.
    """
    from extruct.rdfa import RDFaExtractor
    from extruct.utils import parse_xmldom_html
    from lxml.html import tostring

    page = tostring(tree, encoding="unicode")
    try:
        dom = parse_xmldom_html(page, encoding="UTF-8")
        nodes = RDFaExtractor().extract_items(dom, base_url=url)
    except Exception:  # noqa: BLE001 - pyRdfa fails in many ways on broken markup
        return []
    return _compact_rdfa(nodes, page)


def types_of(item: dict) -> list[str]:
    """The item's schema.org type names, without a namespace."""
    kinds = item.get("@type") or []
    return [str(k).rsplit("/", 1)[-1] for k in (kinds if isinstance(kinds, list) else [kinds])]


def _flatten(items: list, depth: int = 0) -> list[dict]:
    out: list[dict] = []
    for item in items:
        if not isinstance(item, dict) or depth > 4:
            continue
        out.append(item)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"):
            inner = item.get(key)
            inner = inner if isinstance(inner, list) else [inner]
            out += _flatten([i for i in inner if isinstance(i, dict)], depth + 1)
    return out


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
        return _text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _people(value: Any, by_id: dict[str, dict]) -> list[str]:
    """Person names of an author value; Organization authors are not people."""
    names: list[str] = []
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, dict) and set(entry) <= {"@id", "@type"} and entry.get("@id") in by_id:
            entry = by_id[entry["@id"]]
        if isinstance(entry, str):
            names += split_people(entry, single=True)
        elif isinstance(entry, dict) and not set(types_of(entry)) & _ORGANISATIONS:
            name = entry.get("name")
            if not name and (entry.get("givenName") or entry.get("familyName")):
                name = f"{_text(entry.get('givenName')) or ''} {_text(entry.get('familyName')) or ''}"
            for one in name if isinstance(name, list) else [name]:
                if isinstance(one, str):
                    names += split_people(one, single=True)
    return tidy_people(names)


def _rank(item: dict) -> int:
    """Lower is better: a headline-bearing article beats a page or video embedded beside it."""
    kinds = set(types_of(item))
    if item.get("headline") and kinds - {"WebPage", "CreativeWork", "WebSite"}:
        return 0
    if kinds & {"WebPage", "CreativeWork", "AboutPage", "ItemPage", "CollectionPage",
                "ProfilePage", "FAQPage", "QAPage"}:
        return 3
    if kinds & {"VideoObject", "MediaObject", "PodcastEpisode", "Event", "Recipe"}:
        return 2
    return 1


def schema_layer(items: list) -> Layer:
    """Fields from the best schema.org work item, each field from the best item stating it."""
    flat = _flatten(items)
    by_id = {i["@id"]: i for i in flat if isinstance(i.get("@id"), str)}
    candidates = sorted((i for i in flat if set(types_of(i)) & WORK_TYPES), key=_rank)
    if not candidates:
        return {}
    best = candidates[0]

    def first(getter) -> Any:
        return next((value for value in map(getter, candidates) if value), None)

    publisher = best.get("publisher")
    if isinstance(publisher, dict) and set(publisher) <= {"@id", "@type"}:
        publisher = by_id.get(publisher.get("@id"), publisher)
    return {
        "title": _text(best.get("headline")) or _text(best.get("name")),
        "authors": first(lambda i: _people(i.get("author") or i.get("creator") or [], by_id)),
        "published": first(_published),
        "modified": to_iso(_text(best.get("dateModified"))),
        "site": _text(publisher),
        "type": types_of(best)[0] if types_of(best) else None,
        "language": _text(best.get("inLanguage")),
        "description": _text(best.get("description")),
    }


def _published(item: dict) -> str | None:
    return to_iso(_text(item.get("datePublished")) or _text(item.get("uploadDate"))
                  or _text(item.get("dateCreated")))
