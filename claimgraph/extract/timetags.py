"""The published date a page's visible markup states: HTML ``<time>`` in the article, not elsewhere.

HTML's ``<time datetime>`` is the machine-readable form of a date the reader sees. Which of a
page's ``<time>`` elements dates the article itself, strongest first:

1. one marked as the publication date (``itemprop=datePublished``, the ``pubdate`` attribute,
   or a class naming publication or creation),
2. an element whose class marks it as the publication date (hAtom's ``published``, with the date
   in its ``title``; ``publish-date``, ``entry-date``, ``post-date`` … with the date as text),
3. a short text that labels its date as the publication date ("Published on …",
   "Veröffentlicht am …", "Publié le …", "Publicado el …"),
4. the first other ``<time>`` in document order,

never one inside comments, teasers of other articles, an aside or nav (``byline.elsewhere``),
and never one marked as a modification date.
"""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from claimgraph.extract.byline import elsewhere, headline_scope
from claimgraph.extract.dates import to_iso
from claimgraph.extract.tree import PageIndex, element_text

Layer = dict[str, Any]
_PUBLISHED = re.compile(r"publi|creat|posted|\bpubdate", re.IGNORECASE)
_MODIFIED = re.compile(r"modif|updat|edited|revis|aktualisiert", re.IGNORECASE)


def _marks(element: HtmlElement) -> str:
    return f"{element.get('itemprop') or ''} {element.get('class') or ''} {element.get('id') or ''}"


def _value(element: HtmlElement) -> str | None:
    return to_iso(element.get("datetime")) or to_iso(element_text(element)[:80])


def time_layer(page: PageIndex) -> Layer:
    """The published date of the first article ``<time>`` (a marked publication date first)."""
    scope = headline_scope(page)
    marked: str | None = None
    plain: str | None = None
    for element in page.times:
        marks = _marks(element)
        if _MODIFIED.search(marks) or elsewhere(element, scope):
            continue
        value = _value(element)
        if not value:
            continue
        if "pubdate" in element.attrib or _PUBLISHED.search(marks):
            marked = value
            break
        plain = plain or value
    published = marked or _marked(page, scope) or _labelled(page, scope) or plain
    return {"published": published} if published else {}


def _labelled(page: PageIndex, scope: frozenset[HtmlElement]) -> str | None:
    for element in page.date_labels:
        if not elsewhere(element, scope):
            found = to_iso(" ".join((element.text or "").split())[:80])
            if found:
                return found
    return None


def _marked(page: PageIndex, scope: frozenset[HtmlElement]) -> str | None:
    for element in page.date_marks:
        if _MODIFIED.search(_marks(element)) or elsewhere(element, scope):
            continue
        text = element_text(element)
        found = (to_iso(element.get("datetime")) or to_iso(element.get("title"))
                 or to_iso(element.get("content")) or (to_iso(text) if len(text) <= 80 else None))
        if found:
            return found
    return None
