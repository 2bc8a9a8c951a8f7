"""What a reader gives back, and the interface every article reader implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from claimgraph.model import Citation, Endnote, Section


@dataclass
class Block:
    """A span of article text that can hold claims: a paragraph or a bullet."""

    start: int
    end: int
    section: str
    kind: str = "paragraph"  # paragraph | bullet


@dataclass
class ReadResult:
    """A reader's output. Offsets in blocks, citations and endnotes index into ``text``.

    Citations come with ``claim=""``: claim segmentation attaches them. Endnotes come with
    ``raw_url`` (and ``url`` if the format gives a clean one); URL cleaning happens later.
    A citation that names its target explicitly (footnote id, anchor, URL) sets ``key``; the
    endnote it names sets the same ``key``. ``problems`` are what an editor must know (content
    that could not be read or placed); ``notes`` are parser remarks that changed nothing read
    (a mismatched closing tag recovered leniently): logged, never reported as findings.
    """

    text: str
    title: str
    format: str
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    endnotes: list[Endnote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class ArticleReader(Protocol):
    """One article format."""

    name: str

    def sniff(self, text: str, location: str) -> float:
        """How likely (0..1) it is that ``text`` is in this format."""

    def read(self, text: str, location: str) -> ReadResult:
        """Parse ``text``; never raise for content problems: record them in ``problems``."""
