"""One parsed lxml tree per page, and one pass over it that indexes what every layer reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

# "Published on …" in the languages the byline words cover: a visible statement of the date.
_DATE_LABEL = re.compile(
    r"\s*(published|posted|first published|ver[öo]ffentlicht|erschienen|publi[ée]e?|"
    r"publicad[oa]|pubblicato|gepubliceerd|geplaatst|publicerad|publiceret|publisert)"
    r"(\s+(on|am|le|el|il|op|den|d[ae]n)\b)?\s*:?\s*\S",
    re.IGNORECASE,
)


# Class names that mark an element as the publication date: hAtom's "published", and the
# "publish-date" / "pubdate" / "entry-date" / "post-date" conventions of publishing systems.
DATE_MARK = re.compile(r"\bpublished\b|publish[-_]?date|date[-_]?publish|pubdate|entry[-_]date|"
                       r"post[-_]date|publication[-_]date|create[-_]?date|date[-_]created",
                       re.IGNORECASE)


def parse_html(html: str | bytes) -> HtmlElement | None:
    """The page as one lxml tree (shared by every metadata layer and the text extractor)."""
    try:
        return load_html(html)
    except (TypeError, ValueError):
        return None


def element_text(element: HtmlElement) -> str:
    """The visible text of an element, whitespace collapsed."""
    return " ".join(" ".join(element.itertext()).split())


@dataclass
class PageIndex:
    """What the metadata layers look up, collected in one walk over the tree."""

    tree: HtmlElement
    metas: dict[str, list[str]] = field(default_factory=dict)
    json_ld: list[str] = field(default_factory=list)
    byline_marks: list[HtmlElement] = field(default_factory=list)
    times: list[HtmlElement] = field(default_factory=list)
    date_labels: list[HtmlElement] = field(default_factory=list)
    date_marks: list[HtmlElement] = field(default_factory=list)
    title: HtmlElement | None = None
    headings: list[HtmlElement] = field(default_factory=list)
    content_language: str | None = None
    has_microdata: bool = False
    has_typeof: bool = False
    schema_vocabulary: bool = False

    @property
    def has_rdfa(self) -> bool:
        """True when the page has RDFa typed nodes and names the schema.org vocabulary."""
        return self.has_typeof and self.schema_vocabulary


def mark_names(element: HtmlElement) -> str:
    """An element's class and id names, lower-cased: where pages name an author or a byline
    ("byline", "post-author", "author_header")."""
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


# Elements that are a byline by their name alone: HTML's <address>, NITF's <byline>.
BYLINE_TAGS = frozenset({"address", "byline"})


def _is_byline_mark(element: HtmlElement, classes: str) -> bool:
    names = mark_names(element)
    return ("author" in names or "byline" in names or " fn " in f" {classes} "
            or "author" in (element.get("itemprop") or "").lower()
            or (element.tag == "a" and "author" in (element.get("rel") or "").lower())
            or element.tag in BYLINE_TAGS)


# First letters of the _DATE_LABEL words: a cheap test before the regex, on every text.
_LABEL_INITIALS = frozenset("pPfFvVeEgG")


def index_page(tree: HtmlElement) -> PageIndex:
    """Meta tags, JSON-LD blocks, byline markup, <title>, <h1>s and syntax flags, in one pass."""
    page = PageIndex(tree)
    for element in tree.iter(etree.Element):  # elements only: no comments or instructions
        tag = element.tag
        if tag == "meta":
            _index_meta(page, element)
            continue
        if tag == "script":
            if "ld+json" in (element.get("type") or "").lower():
                page.json_ld.append(element.text or "")
            continue
        if tag == "style":
            continue
        if tag == "title" and page.title is None:
            page.title = element
        elif tag == "h1":
            page.headings.append(element)
        elif tag == "time":
            page.times.append(element)
        text = element.text
        if (text and len(page.date_labels) < 10 and text.lstrip()[:1] in _LABEL_INITIALS
                and _DATE_LABEL.match(text)):
            page.date_labels.append(element)
        attributes = element.attrib
        if attributes:
            _index_attributes(page, element, tag, attributes)
        elif tag in BYLINE_TAGS:
            page.byline_marks.append(element)
    return page


def _index_attributes(page: PageIndex, element: HtmlElement, tag: str, attributes) -> None:
    # Cheap checks so extruct (slow) runs only on pages with schema.org statements.
    if "itemscope" in attributes and "schema.org" in (attributes.get("itemtype") or ""):
        page.has_microdata = True
    if "typeof" in attributes:
        page.has_typeof = True
        if "schema" in attributes["typeof"]:
            page.schema_vocabulary = True
    named = ("vocab" in attributes or "prefix" in attributes) and "schema.org" in (
        (attributes.get("vocab") or "") + (attributes.get("prefix") or ""))
    if named:
        page.schema_vocabulary = True
    classes = (attributes.get("class") or "").lower()
    if (classes and tag != "time" and len(page.date_marks) < 20
            and ("pub" in classes or "date" in classes) and DATE_MARK.search(classes)):
        page.date_marks.append(element)
    if len(page.byline_marks) < 40 and _is_byline_mark(element, classes):
        page.byline_marks.append(element)


def _index_meta(page: PageIndex, tag: HtmlElement) -> None:
    value = (tag.get("content") or "").strip()
    if not value:
        return
    if (tag.get("http-equiv") or "").lower() == "content-language":
        page.content_language = value
    for attribute in ("property", "name", "itemprop"):
        # RDFa allows several space-separated properties in one attribute.
        for key in (tag.get(attribute) or "").lower().split():
            page.metas.setdefault(key, []).append(value)
