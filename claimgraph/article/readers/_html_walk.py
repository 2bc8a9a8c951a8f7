"""Walk an HTML tree into text: headings, paragraphs and bullets, chrome, reference lists.

What counts as a citation marker differs between Wikipedia and other pages; the walker asks a
small ``Profile`` and knows nothing else about either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from bs4 import NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from claimgraph.article.readers._htmlentry import entry_endnote
from claimgraph.article.readers._numbered import ENTRY_LABEL, NUMERIC_MARKER, marker_targets
from claimgraph.article.readers._refparse import absolute_url
from claimgraph.article.readers._textbuild import NAVIGATION_TITLES, InlineBuffer, TextBuilder
from claimgraph.model import Endnote

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Chrome dropped from every page: tags, and classes (MediaWiki's and common site furniture).
# fmt: off
_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "link", "meta", "head", "button", "input",
    "select", "textarea", "form", "iframe", "object", "svg", "canvas", "nav", "title", "map",
})
_SKIP_CLASSES = frozenset({
    "mw-editsection", "noprint", "navbox", "vertical-navbox", "toc", "hatnote", "ambox",
    "mbox-small", "metadata", "sistersitebox", "portal", "mw-cite-backlink", "cs1-maint",
    "cs1-hidden-error", "Z3988", "mw-jump-link", "catlinks", "printfooter", "authority-control",
    "magnify", "mw-empty-elt", "shortdescription", "navigation-not-searchable", "sr-only",
    "visually-hidden", "screen-reader-text", "share", "social", "newsletter", "advertisement",
})
_NOT_TEXT = (Comment, Doctype, Declaration, ProcessingInstruction)
_BLOCKISH = frozenset({
    "p", "div", "li", "tr", "td", "th", "dd", "dt", "section", "blockquote", "figcaption",
    "caption", "ul", "ol", "dl", "table", "tbody", "thead", "article", "header", "footer",
})
_CONTAINERS = frozenset({
    "div", "section", "article", "main", "blockquote", "body", "center", "span", "font", "html",
    "tbody", "details", "summary", "hgroup", "aside", "header", "footer",
})
# fmt: on
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MATHS = re.compile(r"\$[^$]+\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)  # TeX left for MathJax/KaTeX
_NO_MARKERS = frozenset({"code", "pre", "kbd", "samp", "math", "script", "style", "a"})

__all__ = ["Profile", "HtmlWalker", "HEADINGS", "is_skipped"]


class Profile(Protocol):
    """What a page family calls a citation marker and an endnote list."""

    def marker(self, tag: Tag, buffer: InlineBuffer, in_entry: bool) -> bool:
        """Render ``tag`` as a citation marker into ``buffer``; False if it is not one."""

    def endnote_list(self, tag: Tag) -> bool:
        """Whether ``tag`` is a reference/footnote list wherever it appears."""

    def skip(self, tag: Tag) -> bool:
        """Whether ``tag`` is chrome to drop entirely."""

    def rescued(self, tag: Tag) -> list[Tag]:
        """Parts of dropped chrome to render anyway, because they hold citation markers."""

    def entry_label(self, item: Tag, list_tag: Tag, position: int) -> str:
        """The label the page shows for an entry of a reference list."""


def is_skipped(tag: Tag) -> bool:
    """Chrome every page family drops: scripts, styles, edit links, navigation boxes, hidden."""
    if tag.name in _SKIP_TAGS:
        return True
    classes = tag.get("class") or []
    if any(name in _SKIP_CLASSES for name in classes):
        return True
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN.search(tag.get("style") or ""))


@dataclass
class HtmlWalker:
    """Lays an HTML subtree out in a ``TextBuilder`` and collects its endnote entries."""

    builder: TextBuilder
    profile: Profile
    endnotes: list[Endnote] = field(default_factory=list)
    _run: InlineBuffer = field(default_factory=InlineBuffer)
    _lists_seen: int = 0
    _paragraph_entries: int = 0
    unplaced: list[str] = field(default_factory=list)  # [n] text markers on a page with no numbered list

    def walk(self, root: Tag) -> None:
        """Render ``root``'s content."""
        self._children(root)
        self._flush()

    # --- blocks ---------------------------------------------------------------------------

    def _children(self, tag: Tag) -> None:
        for child in list(tag.children):
            self._node(child)

    def _node(self, node: object) -> None:
        if isinstance(node, _NOT_TEXT):
            return
        if isinstance(node, NavigableString):
            self._text(node, self._run, in_entry=False)
            return
        if not isinstance(node, Tag):
            return
        if self.profile.endnote_list(node):
            self._flush()
            found = node if node.name in ("ol", "ul") else node.find(["ol", "ul"])
            self._entries(found or node, found.find_all("li", recursive=False) if found else [node])
            return
        if self.profile.skip(node) or is_skipped(node):
            self._rescue(node)
            return
        name = node.name
        if name in HEADINGS:
            self._flush()
            self._heading(node)
            self._paragraph_entries = 0
        elif self.builder.section_title.lower() in NAVIGATION_TITLES and self.builder.sections:
            return
        elif name == "p" and self.builder.kind != "body" and self._is_entry(node):
            self._flush()
            self._paragraph_entries += 1
            self._entries(node, [node], first=self._paragraph_entries)
        elif name == "figure" and (
            node.find(list(HEADINGS)) is not None or node.find("p", recursive=False) is not None
        ):
            self._flush()  # broken nesting put the article inside a figure: walk it as a container
            self._children(node)
            self._flush()
        elif name in ("table", "figure", "pre") or {"thumb", "gallery"} & set(node.get("class") or []):
            self._flush()
            self._chrome(node)
        elif name == "p":
            self._flush()
            self._paragraph(node, "paragraph")
        elif name in ("ul", "ol"):
            self._flush()
            self._list(node)
        elif name == "dl":
            self._flush()
            for item in node.find_all(["dt", "dd"], recursive=False):
                self._paragraph(item, "paragraph")
        elif name in _CONTAINERS or name in _BLOCKISH:
            self._flush()
            self._children(node)
            self._flush()
        else:
            self._inline_tag(node, self._run, in_entry=False)

    def _rescue(self, tag: Tag) -> None:
        parts = self.profile.rescued(tag) if tag.name not in _SKIP_TAGS else []
        if parts:
            self._flush()
        for part in parts:
            buffer = InlineBuffer()
            self._inline(part, buffer, in_entry=False)
            self.builder.chrome(buffer)

    def _flush(self) -> None:
        if len(self._run):
            self._emit(self._run, "paragraph")
        self._run = InlineBuffer()

    def _emit(self, buffer: InlineBuffer, kind: str) -> None:
        if self.builder.kind == "body":
            self.builder.block(buffer, kind)
        else:
            self.builder.chrome(buffer)

    def _heading(self, tag: Tag) -> None:
        headline = tag.find(class_="mw-headline") or tag
        buffer = InlineBuffer()
        self._inline(headline, buffer, in_entry=True)
        self.builder.heading(buffer.finish(), HEADINGS[tag.name])

    def _paragraph(self, tag: Tag, kind: str) -> None:
        buffer = InlineBuffer()
        self._inline(tag, buffer, in_entry=False)
        self._emit(buffer, kind)

    def _list(self, tag: Tag) -> None:
        items = tag.find_all("li", recursive=False)
        if self.builder.kind != "body":
            self._entries(tag, items)
            return
        for item in items:
            buffer = InlineBuffer()
            self._inline(item, buffer, in_entry=False, skip_lists=True)
            self._emit(buffer, "bullet")
            for nested in item.find_all(["ul", "ol"], recursive=False):
                self._list(nested)

    def _chrome(self, tag: Tag) -> None:
        if "gallery" in (tag.get("class") or []):
            for item in tag.find_all("li", recursive=False):
                buffer = InlineBuffer()
                self._inline(item, buffer, in_entry=False)
                self.builder.chrome(buffer)
            return
        if tag.name == "pre":  # code and preformatted text: kept, but not claims
            buffer = InlineBuffer()
            self._inline(tag, buffer, in_entry=True)
            self.builder.chrome(buffer)
            return
        if tag.name != "table":
            caption = tag.find(["figcaption"]) or tag.find(class_="thumbcaption")
            if caption is not None:
                buffer = InlineBuffer()
                self._inline(caption, buffer, in_entry=False)
                self.builder.chrome(buffer)
            return
        for row in tag.find_all(["caption", "tr"]):
            if row.find_parent("table") is not tag:
                continue
            buffer = InlineBuffer()
            self._inline(row, buffer, in_entry=False)
            self.builder.chrome(buffer)

    def _is_entry(self, tag: Tag) -> bool:
        """A paragraph of a reference section is an entry when numbered ``[n]`` or holding a link."""
        if ENTRY_LABEL.match(tag.get_text(" ")):
            return True
        numbered = getattr(self.profile, "numbered", False)
        return not numbered and any(absolute_url(str(a["href"])) for a in tag.find_all("a", href=True))

    def _text(self, node: NavigableString, buffer: InlineBuffer, in_entry: bool) -> None:
        """Text, with ``[n]`` markers of a numbered reference list (outside maths and code)."""
        text = str(node)
        if in_entry or "[" not in text or node.find_parent(list(_NO_MARKERS)) is not None:
            buffer.add_text(text)
            return
        masked = _MATHS.sub(lambda m: " " * len(m.group(0)), text)
        if not getattr(self.profile, "numbered", False):
            if self.builder.kind == "body" and hasattr(self.profile, "numbered"):
                found = NUMERIC_MARKER.finditer(masked)
                self.unplaced += [m.group(0) for m in found if marker_targets(m.group("inner"))]
            buffer.add_text(text)
            return
        position = 0
        for match in NUMERIC_MARKER.finditer(masked):
            targets = marker_targets(match.group("inner"))
            if not targets:
                continue
            buffer.add_text(text[position : match.start()])
            buffer.add_markers(match.group(0), targets)
            position = match.end()
        buffer.add_text(text[position:])

    def _entries(self, list_tag: Tag, items: list[Tag], first: int = 1) -> None:
        """Each item of a reference list (or the list itself) becomes an endnote."""
        kind = self.builder.kind
        if kind == "body" and self.builder.claim_for_endnotes():
            kind = "endnotes"
        if kind == "body":
            self._lists_seen += 1
            self.builder.heading("Footnotes" if self._lists_seen == 1 else "Notes", 2, "endnotes")
            kind = "endnotes"
        section = self.builder.section_title
        for position, item in enumerate(items, start=first):
            buffer = InlineBuffer()
            self._inline(item, buffer, in_entry=True)
            span = self.builder.entry(buffer)
            if span is None:
                continue
            note = entry_endnote(item, buffer.text)
            note.label = self.profile.entry_label(item, list_tag, position)
            if note.key is None and ENTRY_LABEL.match(buffer.text):
                note.key = note.label  # a numbered entry is named by its number
            note.section = section
            note.kind = "further_reading" if kind == "further_reading" else "endnote"
            note.start, note.end = span
            self.endnotes.append(note)

    # --- inline ---------------------------------------------------------------------------

    def _inline(self, tag: Tag, buffer: InlineBuffer, in_entry: bool, skip_lists: bool = False) -> None:
        for child in tag.children:
            if isinstance(child, _NOT_TEXT):
                continue
            if isinstance(child, NavigableString):
                self._text(child, buffer, in_entry)
            elif isinstance(child, Tag):
                if skip_lists and child.name in ("ul", "ol"):
                    continue
                self._inline_tag(child, buffer, in_entry)

    def _inline_tag(self, tag: Tag, buffer: InlineBuffer, in_entry: bool) -> None:
        if self.profile.skip(tag) or is_skipped(tag):
            return
        if tag.name == "br":
            buffer.add_text(" ")
            return
        if tag.name == "img":
            buffer.add_text(tag.get("alt") or "")
            return
        if self.profile.marker(tag, buffer, in_entry):
            return
        spaced = tag.name in _BLOCKISH
        if spaced:
            buffer.add_text(" ")
        self._inline(tag, buffer, in_entry)
        if spaced:
            buffer.add_text(" ")
