"""Citation conventions of page families: Wikipedia's reference markers, generic links and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import Tag

from claimgraph.readers._refparse import absolute_url
from claimgraph.readers._textbuild import InlineBuffer, fold_space, url_domain

_NOTE_HREF = re.compile(r"^#(?:fn|footnote|note|endnote|cite[_-]?note|ref|r)[-_:]?\w", re.I)
_NOTE_CLASSES = {"footnote-ref", "footnote-reference", "footnote", "reference", "noteref"}
_NOTE_LIST_CLASSES = {"footnotes", "references", "endnotes", "footnote-list", "reflist-list"}
_FURNITURE_CLASSES = {
    "byline",
    "dateline",
    "post-meta",
    "entry-meta",
    "article-meta",
    "author-bio",
    "related",
    "comments",
    "breadcrumb",
    "breadcrumbs",
    "tags",
}

__all__ = ["WikipediaProfile", "GenericProfile"]


def _classes(tag: Tag) -> set[str]:
    return set(tag.get("class") or [])


@dataclass
class WikipediaProfile:
    """MediaWiki output: ``<sup class="reference">`` markers and ``<ol class="references">``."""

    def marker(self, tag: Tag, buffer: InlineBuffer, in_entry: bool) -> bool:
        """Reference markers, and short-citation links to a bibliography entry."""
        if tag.name == "sup" and "reference" in _classes(tag):
            anchor = tag.find("a", href=True)
            href = str(anchor["href"]) if anchor else ""
            key = href.split("#", 1)[1] if "#" in href else None
            buffer.add_marker(tag.get_text(), key)
            return True
        if tag.name == "a" and str(tag.get("href", "")).startswith("#CITEREF"):
            buffer.mark_here(fold_space(tag.get_text(" ")), str(tag["href"])[1:])
            buffer.add_text(tag.get_text())
            return True
        return False

    def endnote_list(self, tag: Tag) -> bool:
        """``<ol class="references">`` wherever it sits."""
        return tag.name == "ol" and "references" in _classes(tag)

    def skip(self, tag: Tag) -> bool:
        """Side boxes that are navigation, and the page's map coordinates."""
        return "sidebar" in _classes(tag) or tag.get("role") == "navigation" or tag.get("id") == "coordinates"

    def rescued(self, tag: Tag) -> list[Tag]:
        """The cells or items of a navigation box that hold reference markers."""
        parts: list[Tag] = []
        for marker in tag.select("sup.reference"):
            part = marker.find_parent(["th", "td", "li", "p", "dd", "caption"])
            if part is None or not any(p is tag for p in part.parents):
                part = marker.parent  # the nearest container inside the box, or the box
            if part is not None and all(part is not seen for seen in parts):
                parts.append(part)
        return parts


@dataclass
class GenericProfile:
    """Any page: inline links in the text are citations; note links point to a footnote list."""

    def marker(self, tag: Tag, buffer: InlineBuffer, in_entry: bool) -> bool:
        """Footnote references (``<sup><a href="#fn1">``) and external links."""
        anchor = tag if tag.name == "a" else None
        if tag.name == "sup":
            anchor = tag.find("a", href=True)
            if anchor is None or not str(anchor.get("href", "")).startswith("#"):
                return False
            buffer.add_marker(tag.get_text(), str(anchor["href"])[1:])
            return True
        if anchor is None or not anchor.get("href"):
            return False
        href = str(anchor["href"])
        if href.startswith("#") and (
            _NOTE_HREF.match(href) or _NOTE_CLASSES & _classes(anchor) or anchor.get("role") == "doc-noteref"
        ):
            if not in_entry:
                buffer.add_marker(anchor.get_text(), href[1:])
            return in_entry is False
        url = absolute_url(href)
        if url is None or in_entry:
            return False
        buffer.mark_here(fold_space(anchor.get_text(" ")) or url, url, url_domain(url))
        buffer.add_text(anchor.get_text())
        return True

    def endnote_list(self, tag: Tag) -> bool:
        """Footnote sections as Markdown converters and publishers write them."""
        if tag.get("role") == "doc-endnotes" or (tag.get("id") or "") in (
            "footnotes",
            "references",
        ):
            return tag.name in ("ol", "ul", "section", "div", "aside")
        if tag.name == "ol" and _NOTE_LIST_CLASSES & _classes(tag):
            return True
        if tag.name in ("section", "div", "aside") and _NOTE_LIST_CLASSES & _classes(tag):
            return tag.find(["ol", "ul"]) is not None
        return tag.name == "div" and "footnote" in _classes(tag)  # one note per div

    def skip(self, tag: Tag) -> bool:
        """Page furniture around the article, and footnotes' links back to their markers."""
        if tag.name == "a" and (
            tag.get("role") == "doc-backlink"
            or {"footnote-back", "footnote-backref", "reversefootnote"} & _classes(tag)
            or str(tag.get("href", "")).startswith("#fnref")
        ):
            return True
        if _FURNITURE_CLASSES & _classes(tag):
            return True
        return tag.name in ("header", "footer", "aside") or tag.get("role") in (
            "navigation",
            "banner",
            "contentinfo",
            "complementary",
        )

    def rescued(self, tag: Tag) -> list[Tag]:
        """Nothing: links in page furniture are not the article's citations."""
        return []
