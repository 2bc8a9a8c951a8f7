"""Citation conventions of page families: Wikipedia's reference markers, generic links and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Tag

from claimgraph.article.readers._numbered import marker_targets
from claimgraph.article.readers._refparse import absolute_url
from claimgraph.article.readers._textbuild import InlineBuffer, fold_space, url_domain

# Footnote links as Markdown converters and CMSs write them: #fn1, #fn:1, #fn-1 (Hugo, Jekyll,
# Ghost, markdown-it), #footnote-1 (Substack), #note-3, #cite_note-5; never a plain section
# anchor like #references-to-come or #react.
_NOTE_HREF = re.compile(r"^#(?:fn|footnote|note|endnote|cite[_-]?note|ref|r)(?:[-_:]+[\w-]+|\d[\w-]*)$", re.I)
_NOTE_CLASSES = {
    "footnote-ref",
    "footnote-reference",
    "footnote",
    "reference",
    "noteref",
    "footnote-anchor",
    "fn",
}
_NOTE_LIST_CLASSES = {
    "footnotes",
    "references",
    "endnotes",
    "footnote-list",
    "reflist-list",
    "wp-block-footnotes",
    "footnotes-list",
}
_LOCATOR = re.compile(r"^\s*:\s*(?P<where>.+?)\s*$")
_SUPERSCRIPT_MARKER = re.compile(r"^\s*(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\s*$")
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


def _locator(tag: Tag, buffer: InlineBuffer) -> bool:
    """A page locator after a marker (``<sup>: 207</sup>``, ``{{rp}}``): kept on that citation."""
    text = tag.get_text()
    found = _LOCATOR.match(fold_space(text.replace("\xa0", " ")))
    if found is None or tag.find("a", href=re.compile(r"^#cite_note")) is not None:
        return False
    if not buffer.locate(found.group("where")):
        return False
    buffer.add_text(text)
    return True


@dataclass
class WikipediaProfile:
    """MediaWiki output: ``<sup class="reference">`` markers and ``<ol class="references">``.

    Each list's items are labelled as the reader sees them: by the text of the markers that
    point to them (``57``, ``n 3``, ``a``), else by their position with the list's group prefix.
    """

    labels: dict[str, str] = field(default_factory=dict)
    prefixes: dict[int, str] = field(default_factory=dict)
    lists: dict[int, int] = field(default_factory=dict)  # id() of each references list -> index

    def prepare(self, root: Tag) -> None:
        """Read every marker's visible label, by the list item it points to."""
        owners: dict[str, int] = {}
        for index, ol in enumerate(root.select("ol.references")):
            self.lists[id(ol)] = index
            for li in ol.find_all("li", recursive=False):
                if li.get("id"):
                    owners[str(li["id"])] = index
        for sup in root.select("sup.reference"):
            anchor = sup.find("a", href=True)
            target = str(anchor["href"]).split("#", 1)[-1] if anchor else ""
            shown = fold_space(sup.get_text("")).strip("[] ")
            if target in owners and shown:
                self.labels.setdefault(target, shown)
                self.prefixes.setdefault(owners[target], re.sub(r"\d+$", "", shown))

    def entry_label(self, item: Tag, list_tag: Tag, position: int) -> str:
        """The label the page shows for a reference list item."""
        key = str(item.get("id") or "")
        if key in self.labels:
            return self.labels[key]
        if id(list_tag) in self.lists:
            return f"{self.prefixes.get(self.lists[id(list_tag)], '')}{position}"
        anchor = item.find(id=re.compile(r"^CITEREF"))  # a bibliography entry short citations name
        if anchor is not None:
            name = str(anchor["id"])[len("CITEREF") :].replace("_", " ")
            return fold_space(re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=\D)(?=\d{4})", " ", name))
        return ""

    def marker(self, tag: Tag, buffer: InlineBuffer, in_entry: bool) -> bool:
        """Reference markers, page locators, and short-citation links to a bibliography entry."""
        if tag.name == "sup" and _locator(tag, buffer):
            return True
        if tag.name == "sup" and "reference" in _classes(tag):
            anchor = tag.find("a", href=True)
            href = str(anchor["href"]) if anchor else ""
            key = href.split("#", 1)[1] if "#" in href else None
            visible = tag.get_text()
            buffer.add_marker(visible, key, target=fold_space(visible).strip("[] ") or None)
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
    """Any page: inline links in the text are citations; note links point to a footnote list.

    Footnotes as CMSs write them: WordPress (``sup.fn`` → ``ol.wp-block-footnotes``), Hugo and
    Jekyll/kramdown (``a.footnote-ref``/``a.footnote`` → ``div.footnotes``), Ghost and
    markdown-it (``sup.footnote-ref`` → ``section.footnotes``), Substack (``a.footnote-anchor``
    → ``div.footnote``). On a page with a numbered reference list, ``[n]`` text markers and
    bare superscript numbers (Medium and hand-written HTML) cite its entries by label.
    """

    numbered: bool = False

    def prepare(self, root: Tag) -> None:
        """Note whether the page has a numbered reference list (``[n] …`` entries)."""
        starts = root.find_all(string=re.compile(r"^\s*\[\d{1,4}\]\s+\S"), limit=2)
        self.numbered = len(starts) >= 2

    def entry_label(self, item: Tag, list_tag: Tag, position: int) -> str:
        """The label an entry shows: ``[n]`` it starts with, its note number, or its list number."""
        number = item.find(class_="footnote-number")
        if number is not None and fold_space(number.get_text()):
            return fold_space(number.get_text())
        found = re.match(r"^\s*\[(\d{1,4})\]", item.get_text(" "))
        if found:
            return found.group(1)
        if list_tag.name == "ol" and item.name == "li":
            start = str(list_tag.get("start") or "1")
            return str((int(start) if start.isdigit() else 1) + position - 1)
        return str(position) if list_tag.name != "ul" else ""  # bullets show no label

    def marker(self, tag: Tag, buffer: InlineBuffer, in_entry: bool) -> bool:
        """Footnote references (``<sup><a href="#fn1">``), superscript numbers, external links."""
        anchor = tag if tag.name == "a" else None
        if tag.name == "sup":
            anchor = tag.find("a", href=True)
            if anchor is None and self.numbered and not in_entry:
                found = _SUPERSCRIPT_MARKER.match(tag.get_text())
                targets = marker_targets(found.group(1)) if found else None
                if targets:
                    buffer.add_markers(fold_space(tag.get_text()), targets)
                    return True
            if anchor is None or not str(anchor.get("href", "")).startswith("#"):
                return False
            visible = tag.get_text()
            buffer.add_marker(
                visible, str(anchor["href"])[1:], target=fold_space(visible).strip("[] ") or None
            )
            return True
        if anchor is None or not anchor.get("href"):
            return False
        href = str(anchor["href"])
        if href.startswith("#") and (
            _NOTE_HREF.match(href) or _NOTE_CLASSES & _classes(anchor) or anchor.get("role") == "doc-noteref"
        ):
            if not in_entry:
                visible = anchor.get_text()
                buffer.add_marker(visible, href[1:], target=fold_space(visible).strip("[] ") or None)
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
            or {"footnote-back", "footnote-backref", "reversefootnote", "footnote-number"} & _classes(tag)
            or re.match(r"^#(?:fnref|footnote-anchor-|[\w-]+-link$)", str(tag.get("href", "")))
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
