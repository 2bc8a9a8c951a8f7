"""Plain-text assembly with offsets, shared by the Markdown and HTML readers.

An ``InlineBuffer`` collects one paragraph, bullet or entry (whitespace folded) with its
citation markers; a ``TextBuilder`` lays buffers out as the article text and records blocks,
sections and citations with offsets into that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from claimgraph.article.readers.base import Block
from claimgraph.model import Citation, Endnote, Section

_SPACE = re.compile(r"\s+")

# Heading titles (lower case) that open a reference list, or a list of uncited further reading.
# fmt: off
_ENDNOTE_TITLES = frozenset({
    "references", "reference", "notes", "note", "footnotes", "citations", "sources", "endnotes",
    "notes and references", "references and notes", "bibliography", "works cited",
    "sources cited", "literature cited", "cited works", "explanatory notes", "source notes",
    "notes and citations", "citations and notes", "references cited",
    "footnotes and references", "sources and notes", "notes and sources", "reference notes",
})
_FURTHER_TITLES = frozenset({
    "further reading", "external links", "additional references", "additional reading",
    "other references", "related reading", "external resources", "further resources",
})
# fmt: on
NAVIGATION_TITLES = {"see also", "contents", "related articles", "navigation menu"}

__all__ = ["InlineBuffer", "Marker", "TextBuilder", "section_kind", "url_domain", "fold_space"]


def fold_space(text: str) -> str:
    """``text`` with whitespace runs folded to single spaces and trimmed."""
    return _SPACE.sub(" ", text).strip()


def section_kind(title: str) -> str:
    """``endnotes``, ``further_reading`` or ``body`` for a heading title."""
    name = fold_space(title).lower().strip(" :.")
    if name in _ENDNOTE_TITLES:
        return "endnotes"
    if name in _FURTHER_TITLES:
        return "further_reading"
    return "body"


def url_domain(url: str | None) -> str | None:
    """The lower-case host of an http(s) URL, without ``www.``; None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


@dataclass
class Marker:
    """A citation marker inside one buffer; offsets are local to the buffer."""

    start: int
    end: int
    label: str
    key: str | None
    domain: str | None = None
    marker: str = ""  # as written, when it differs from the visible label (a link's text)
    target: str | None = None  # the endnote label a marker names
    line: int | None = None
    locator: str | None = None


class InlineBuffer:
    """One run of inline text with its markers; whitespace is folded as text arrives."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._space = False
        self._waiting: list[Marker] = []
        self.markers: list[Marker] = []

    def __len__(self) -> int:
        return self._length

    @property
    def text(self) -> str:
        """The text collected so far (no trailing space)."""
        return "".join(self._parts)

    def add_text(self, text: str) -> None:
        """Append text, folding whitespace."""
        if not text:
            return
        folded = _SPACE.sub(" ", text)
        if folded.startswith(" "):
            self._space = self._space or self._length > 0
            folded = folded[1:]
        trailing = folded.endswith(" ")
        folded = folded.rstrip(" ")
        if folded:
            self._append(folded)
        if trailing and self._length > 0:
            self._space = True

    def add_marker(
        self,
        label: str,
        key: str | None,
        domain: str | None = None,
        target: str | None = None,
        line: int | None = None,
    ) -> Marker | None:
        """Append a visible marker (``[1]``) and record its span."""
        visible = fold_space(label)
        if not visible:
            return None
        start = self._length + (1 if self._space and self._length else 0)
        self._append(visible)
        marker = Marker(start, self._length, visible, key, domain, visible, target, line)
        self.markers.append(marker)
        return marker

    def add_markers(self, visible: str, targets: list[str], line: int | None = None) -> None:
        """Append one visible grouped marker (``[1, 2]``, ``[2–4]``) citing each of ``targets``."""
        first = self.add_marker(visible, targets[0] if targets else None, target=targets[0], line=line)
        if first is None:
            return
        for target in targets[1:]:
            self.markers.append(
                Marker(first.start, first.end, first.label, target, None, first.marker, target, line)
            )

    def locate(self, locator: str) -> bool:
        """Attach a page locator (``p. 7``) to the marker just added; False when there is none."""
        if not self.markers or self.markers[-1].end != self._length:
            return False
        for marker in self.markers:
            if marker.end == self._length and marker.start == self.markers[-1].start:
                marker.locator = locator
        return True

    def mark_here(
        self, label: str, key: str | None, domain: str | None = None, line: int | None = None
    ) -> None:
        """Record a zero-width marker where the next visible character will go."""
        marker = Marker(-1, -1, fold_space(label), key, domain, fold_space(label), None, line)
        self._waiting.append(marker)
        self.markers.append(marker)

    def _append(self, piece: str) -> None:
        if self._space and self._length:
            self._parts.append(" ")
            self._length += 1
        self._space = False
        for marker in self._waiting:
            marker.start = marker.end = self._length
        self._waiting.clear()
        self._parts.append(piece)
        self._length += len(piece)

    def finish(self) -> str:
        """The buffer's text; markers still waiting are placed at its end."""
        for marker in self._waiting:
            marker.start = marker.end = max(0, self._length - 1)
        self._waiting.clear()
        return self.text


class TextBuilder:
    """Lays out headings, blocks and entries as one text, tracking every offset."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._open: list[Section] = []
        self._last = ""
        self.sections: list[Section] = []
        self.blocks: list[Block] = []
        self.citations: list[Citation] = []

    @property
    def section(self) -> Section | None:
        """The innermost open section."""
        return self._open[-1] if self._open else None

    @property
    def section_title(self) -> str:
        """Title of the innermost open section ("" before the first heading)."""
        return self._open[-1].title if self._open else ""

    @property
    def kind(self) -> str:
        """Kind of the innermost open section (``body`` before the first heading)."""
        return self._open[-1].kind if self._open else "body"

    def heading(self, title: str, level: int, kind: str | None = None) -> Section | None:
        """Start a section: its title goes on its own line."""
        title = fold_space(title)
        if not title:
            return None
        for section in self._open:
            if section.level >= level:
                section.end = self._length
        self._open = [s for s in self._open if s.level < level]
        if kind is None:
            kind = section_kind(title)
            if kind == "body" and self._open and self._open[-1].kind != "body":
                kind = self._open[-1].kind
        start = self._place(title, "\n\n")
        section = Section(title=title, start=start, end=self._length, kind=kind, level=level)
        self.sections.append(section)
        self._open.append(section)
        self._last = "heading"
        return section

    def claim_for_endnotes(self) -> bool:
        """Make the current section an endnotes section if nothing but its heading is in it yet."""
        if self._last != "heading" or not self._open or self._open[-1].level <= 1:
            return False
        self._open[-1].kind = "endnotes"
        return True

    def block(self, buffer: InlineBuffer, kind: str = "paragraph") -> Block | None:
        """Add a paragraph or bullet of the body; None if it holds no text."""
        text = buffer.finish()
        if not text.strip():
            return None
        separator = "\n" if kind == "bullet" and self._last == "bullet" else "\n\n"
        start = self._place(text, separator)
        self._add_citations(buffer, start)
        block = Block(start=start, end=start + len(text), section=self.section_title, kind=kind)
        self.blocks.append(block)
        self._last = kind
        return block

    def entry(self, buffer: InlineBuffer) -> tuple[int, int] | None:
        """Add one line of a list that holds no claims (an endnote, a link); its span."""
        return self._unclaimed(buffer, "\n" if self._last == "entry" else "\n\n", "entry")

    def chrome(self, buffer: InlineBuffer) -> tuple[int, int] | None:
        """Add text that holds no claims (a caption, a table row) so its markers keep a span."""
        return self._unclaimed(buffer, "\n" if self._last == "chrome" else "\n\n", "chrome")

    def _unclaimed(self, buffer: InlineBuffer, separator: str, kind: str) -> tuple[int, int] | None:
        text = buffer.finish()
        if not text.strip():
            return None
        start = self._place(text, separator)
        self._add_citations(buffer, start)
        self._last = kind
        return start, start + len(text)

    def _place(self, text: str, separator: str) -> int:
        if self._length:
            self._parts.append(separator)
            self._length += len(separator)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        return start

    def _add_citations(self, buffer: InlineBuffer, offset: int) -> None:
        for marker in buffer.markers:
            self.citations.append(
                Citation(
                    id=f"m{len(self.citations) + 1}",
                    claim="",
                    label=marker.label,
                    start=offset + marker.start,
                    end=offset + marker.end,
                    key=marker.key,
                    domain=marker.domain,
                    marker=marker.marker or marker.label,
                    line=marker.line,
                    target=marker.target,
                    locator=marker.locator,
                )
            )

    def text(self) -> str:
        """The finished text; open sections are closed at its end."""
        for section in self._open:
            section.end = self._length
        self._open = []
        return "".join(self._parts)


def empty_reference_sections(builder: TextBuilder, endnotes: list[Endnote]) -> list[str]:
    """One problem per section that reads as a reference list but yielded no entry."""
    return [
        f"the section {section.title!r} reads as a reference list but no entries could be read "
        "from it; its references are not checked"
        for section in builder.sections
        if section.kind == "endnotes" and not any(section.start <= e.start <= section.end for e in endnotes)
    ]
