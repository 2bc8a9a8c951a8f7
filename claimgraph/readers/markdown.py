"""Markdown articles: headings, paragraphs, lists, inline and reference links, footnotes."""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.model import Endnote
from claimgraph.readers._markdown_blocks import MdBlock, MdDocument, scan_blocks
from claimgraph.readers._markdown_inline import InlineContext, first_url, render_inline
from claimgraph.readers._refparse import (
    URL_PATTERN,
    find_date,
    identifiers_from_text,
    identifiers_from_url,
    leading_authors,
    parse_date,
    quoted_title,
)
from claimgraph.readers._textbuild import InlineBuffer, TextBuilder, fold_space, section_kind
from claimgraph.readers.base import ReadResult

_SNIFF_FEATURES = [
    (re.compile(r"^#{1,6} \S", re.M), 0.3),
    (re.compile(r"^\[\^[^\]]+\]:", re.M), 0.4),
    (re.compile(r"\[[^\]]+\]\(https?://"), 0.3),
    (re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+", re.M), 0.2),
    (re.compile(r"^[-*+] \S", re.M), 0.1),
    (re.compile(r"\*\*[^*]+\*\*|^={3,}\s*$", re.M), 0.1),
]

__all__ = ["MarkdownReader"]


def _title_of(source: str, plain: str) -> str | None:
    quoted = quoted_title(plain)
    if quoted:
        return quoted
    link = re.search(r"\[([^\]]+)\]\(", source)
    if link and not re.match(r"^(https?://|www\.)", link.group(1)):
        return fold_space(re.sub(r"[*_`]", "", link.group(1)))
    italic = re.search(r"(?<![*\w])[*_]([^*_\n]{3,})[*_](?![*\w])", source)
    return fold_space(italic.group(1)) if italic else None


def _entry(source: str, prefix: str, ctx: InlineContext, builder: TextBuilder) -> Endnote | None:
    """A list entry holding no claims (a footnote, a reference) as an endnote, laid out in text."""
    buffer = InlineBuffer()
    buffer.add_text(prefix)
    ctx.links_in_entry = []
    render_inline(source, buffer, ctx, cite=False)
    span = builder.entry(buffer)
    if span is None:
        return None
    plain = buffer.text[len(prefix.rstrip()) :].strip()
    undated = re.split(r"\b(?:retrieved|accessed)\b", URL_PATTERN.sub(" ", plain), flags=re.I)[0]
    published = find_date(undated)
    identifiers = identifiers_from_text(plain)
    for link, _ in ctx.links_in_entry:
        identifiers = {**identifiers_from_url(link), **identifiers}
    return Endnote(
        number=0,
        section=builder.section_title,
        kind="further_reading" if builder.kind == "further_reading" else "endnote",
        title=_title_of(source, plain),
        raw_url=first_url(source),
        identifiers=identifiers,
        published=published,
        published_from="stated" if published else None,
        authors=leading_authors(plain),
        text=plain,
        start=span[0],
        end=span[1],
    )


def _section_kinds(doc: MdDocument) -> list[str]:
    """The kind of section (body, endnotes, further_reading) each block sits in."""
    kinds: list[str] = []
    stack: list[tuple[int, str]] = []
    for block in doc.blocks:
        if block.kind == "heading":
            stack = [(level, kind) for level, kind in stack if level < block.level]
            kind = section_kind(block.source)
            if kind == "body" and stack and stack[-1][1] != "body":
                kind = stack[-1][1]
            stack.append((block.level, kind))
        kinds.append(stack[-1][1] if stack else "body")
    return kinds


class MarkdownReader:
    """Markdown with footnotes ``[^id]``, reference links and inline links."""

    name = "markdown"

    def sniff(self, text: str, location: str) -> float:
        """How likely (0..1) it is that ``text`` is Markdown."""
        if Path(location).suffix.lower() in (".md", ".markdown"):
            return 0.95
        head = text[:20000]
        if re.search(r"<(html|body|div|p)\b", head, re.I):
            return 0.05
        score = sum(weight for pattern, weight in _SNIFF_FEATURES if pattern.search(head))
        return min(0.9, score)

    def read(self, text: str, location: str) -> ReadResult:
        """Parse Markdown into text, blocks, citations and endnotes."""
        doc = scan_blocks(text)
        ctx = InlineContext(doc=doc, problems=list(doc.problems))
        builder = TextBuilder()
        title = doc.front_matter.get("title") or self._first_title(doc, location)
        has_h1 = any(b.kind == "heading" and b.level == 1 for b in doc.blocks)
        if doc.front_matter.get("title") and not has_h1:
            builder.heading(title, 1, "body")
        kinds = _section_kinds(doc)
        listed: list[MdBlock] = [b for b, k in zip(doc.blocks, kinds, strict=True) if k != "body"]
        for block in listed:  # links to a listed work resolve to its entry
            url = first_url(block.source) if block.kind != "heading" else None
            if url:
                ctx.listed.setdefault(url, url)
        endnotes: list[Endnote] = []
        for block, kind in zip(doc.blocks, kinds, strict=True):
            buffer = InlineBuffer()
            if block.kind == "heading":
                render_inline(block.source, buffer, ctx, cite=False)
                builder.heading(buffer.finish(), block.level)
            elif kind != "body":
                note = _entry(block.source, "", ctx, builder)
                if note is not None:
                    note.key = note.raw_url
                    endnotes.append(note)
            else:
                render_inline(block.source, buffer, ctx)
                builder.block(buffer, block.kind)
        if not builder.blocks:
            ctx.problems.append("no paragraphs or list items found in the Markdown body")
        endnotes += self._endnotes(ctx, builder)
        for number, note in enumerate(endnotes, start=1):
            note.number = number
        keys = {note.key for note in endnotes}
        for citation in builder.citations:
            if citation.key not in keys:
                ctx.problems.append(
                    f"footnote [^{citation.key[3:]}] is cited but has no definition"
                    if (citation.key or "").startswith("fn:")
                    else f"citation {citation.label!r} points to nothing ({citation.key})"
                )
        if not endnotes:
            ctx.problems.append("no footnotes, reference links or links found: nothing is cited")
        published = parse_date(doc.front_matter.get("date") or doc.front_matter.get("published"))
        return ReadResult(
            text=builder.text(),
            title=title,
            format=self.name,
            published=published,
            sections=builder.sections,
            blocks=builder.blocks,
            citations=builder.citations,
            endnotes=endnotes,
            problems=ctx.problems,
        )

    def _first_title(self, doc: MdDocument, location: str) -> str:
        headings = [b for b in doc.blocks if b.kind == "heading"]
        first = min(headings, key=lambda b: b.level, default=None)
        if first is not None:
            buffer = InlineBuffer()
            render_inline(first.source, buffer, InlineContext(doc=doc), cite=False)
            return buffer.finish()
        return Path(location).stem if location else "Untitled"

    def _endnotes(self, ctx: InlineContext, builder: TextBuilder) -> list[Endnote]:
        endnotes: list[Endnote] = []
        doc = ctx.doc
        footnotes = [i for i in ctx.cited_footnotes if i in doc.footnotes]
        orphans = [i for i in doc.footnotes if i not in ctx.cited_footnotes]
        for ident in orphans:
            ctx.problems.append(f"footnote [^{ident}] is defined but never cited")
        if footnotes or orphans:
            builder.heading("Footnotes", 2, "endnotes")
            for ident in footnotes + orphans:
                note = _entry(doc.footnotes[ident].source, f"[{ident}] ", ctx, builder)
                if note is not None:
                    note.key = f"fn:{ident}"
                    endnotes.append(note)
        if doc.references:
            builder.heading("References", 2, "endnotes")
            for label, ref in doc.references.items():
                entry = f"[{ref.label}]: {ref.url}" + (f' "{ref.title}"' if ref.title else "")
                buffer = InlineBuffer()
                buffer.add_text(entry)
                span = builder.entry(buffer)
                if span is not None:
                    endnotes.append(
                        Endnote(
                            number=0,
                            section="References",
                            key=f"ref:{label}",
                            title=ref.title,
                            raw_url=ref.url,
                            identifiers=identifiers_from_url(ref.url),
                            text=buffer.text,
                            start=span[0],
                            end=span[1],
                        )
                    )
        if ctx.link_urls:
            builder.heading("Links", 2, "endnotes")
            for url, (label, title) in ctx.link_urls.items():
                buffer = InlineBuffer()
                buffer.add_text(url)
                span = builder.entry(buffer)
                if span is not None:
                    endnotes.append(
                        Endnote(
                            number=0,
                            section="Links",
                            key=url,
                            raw_url=url,
                            title=title or None,
                            snippet=label or None,
                            identifiers=identifiers_from_url(url),
                            text=url,
                            start=span[0],
                            end=span[1],
                        )
                    )
        return endnotes
