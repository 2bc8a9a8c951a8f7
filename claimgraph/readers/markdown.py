"""Markdown articles: headings, paragraphs, lists, inline and reference links, footnotes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.model import Endnote
from claimgraph.readers._markdown_blocks import MdDocument, normalise_label, scan_blocks
from claimgraph.readers._refparse import (
    URL_PATTERN,
    find_date,
    identifiers_from_text,
    identifiers_from_url,
    leading_authors,
    parse_date,
    quoted_title,
    trim_url,
)
from claimgraph.readers._textbuild import InlineBuffer, TextBuilder, fold_space, url_domain
from claimgraph.readers.base import ReadResult

_DEST = (
    r"\(\s*<?(?P<url>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?"
    r"(?:\s+(?P<title>\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_INLINE = re.compile(
    r"(?P<code>`+)(?P<codetext>.+?)(?P=code)"
    r"|!\[(?P<alt>[^\]]*)\](?:\([^)]*\)|\[[^\]]*\])?"
    r"|\[\^(?P<fn>[^\]\s]+)\]"
    r"|\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\](?:" + _DEST + r"|\[(?P<ref>[^\]]*)\])?"
    r"|<(?P<auto>https?://[^>\s]+)>"
    r"|(?P<bare>(?<![\w/])https?://[^\s<>]+)"
    r"|\\(?P<esc>[!-/:-@\[-`{-~])"
    r"|<(?P<tag>/?[A-Za-z][^>]*)>"
    r"|(?P<emph>\*{1,3}|~~|(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w))"
)
_SNIFF_FEATURES = [
    (re.compile(r"^#{1,6} \S", re.M), 0.3),
    (re.compile(r"^\[\^[^\]]+\]:", re.M), 0.4),
    (re.compile(r"\[[^\]]+\]\(https?://"), 0.3),
    (re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+", re.M), 0.2),
    (re.compile(r"^[-*+] \S", re.M), 0.1),
    (re.compile(r"\*\*[^*]+\*\*|^={3,}\s*$", re.M), 0.1),
]

__all__ = ["MarkdownReader"]


@dataclass
class _Context:
    """What inline rendering learns about the document's citations."""

    doc: MdDocument
    cited_footnotes: list[str] = field(default_factory=list)
    link_urls: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # url -> text, title
    links_in_entry: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def reference_key(self, url: str) -> str | None:
        """The key of a reference definition (or else a footnote) with this URL, if any."""
        for label, ref in self.doc.references.items():
            if ref.url == url:
                return f"ref:{label}"
        for ident, footnote in self.doc.footnotes.items():
            if _first_url(footnote.source) == url:
                return f"fn:{ident}"
        return None


def _render(source: str, buffer: InlineBuffer, ctx: _Context, cite: bool = True) -> None:
    """Render inline Markdown into ``buffer``; record markers when ``cite``."""
    position = 0
    for match in _INLINE.finditer(source):
        buffer.add_text(source[position : match.start()])
        position = match.end()
        _render_token(match, buffer, ctx, cite)
    buffer.add_text(source[position:])


def _render_token(match: re.Match[str], buffer: InlineBuffer, ctx: _Context, cite: bool) -> None:
    group = match.groupdict()
    if group["code"]:
        buffer.add_text(group["codetext"])
    elif group["alt"] is not None:
        buffer.add_text(group["alt"])
    elif group["fn"]:
        _footnote_ref(group["fn"], buffer, ctx, cite)
    elif group["text"] is not None:
        _link(match, buffer, ctx, cite)
    elif group["auto"] or group["bare"]:
        url = group["auto"] or trim_url(group["bare"])
        if cite:
            _cite_url(url, url, None, buffer, ctx)
        else:
            ctx.links_in_entry.append((url, url))
        buffer.add_text(url)
        if group["bare"]:
            buffer.add_text(group["bare"][len(url) :])
    elif group["esc"]:
        buffer.add_text(group["esc"])


def _footnote_ref(ident: str, buffer: InlineBuffer, ctx: _Context, cite: bool) -> None:
    if not cite:
        buffer.add_text(f"[{ident}]")
        return
    if ident not in ctx.cited_footnotes:
        ctx.cited_footnotes.append(ident)
    definition = ctx.doc.footnotes.get(ident)
    url = _first_url(definition.source) if definition else None
    buffer.add_marker(f"[{ident}]", f"fn:{ident}", url_domain(url))


def _link(match: re.Match[str], buffer: InlineBuffer, ctx: _Context, cite: bool) -> None:
    group = match.groupdict()
    text, url, ref = group["text"], group["url"], group["ref"]
    label = fold_space(re.sub(r"[*_`]", "", text))
    target: str | None = None
    key: str | None = None
    if url is not None:
        target = url
    else:
        name = normalise_label(ref or text)
        definition = ctx.doc.references.get(name)
        if definition is not None:
            target, key = definition.url, f"ref:{name}"
        elif ref is not None and cite:
            ctx.problems.append(f"reference link [{text}][{ref}] has no definition [{ref or text}]")
    if target is None:
        if ref is None and cite:  # plain brackets, not a link
            buffer.add_text("[")
            _render(text, buffer, ctx, cite)
            buffer.add_text("]")
        else:
            _render(text, buffer, ctx, cite)
        return
    if not cite:
        ctx.links_in_entry.append((target, label))
    elif key is not None:
        buffer.mark_here(label, key, url_domain(target))
    elif re.match(r"^https?://", target, re.I):
        title = group["title"][1:-1].strip() if group["title"] else None
        _cite_url(target, label, title, buffer, ctx)
    _render(text, buffer, ctx, cite=False)


def _cite_url(url: str, label: str, title: str | None, buffer: InlineBuffer, ctx: _Context) -> None:
    key = ctx.reference_key(url)
    if key is None:
        ctx.link_urls.setdefault(url, (label, title))
        key = url
    buffer.mark_here(label, key, url_domain(url))


def _first_url(source: str) -> str | None:
    link = re.search(r"\]\(\s*<?(https?://[^\s)>]+(?:\([^\s)]*\)[^\s)>]*)*)", source)
    bare = URL_PATTERN.search(source)
    candidates = [m for m in (link, bare) if m]
    if not candidates:
        return None
    first = min(candidates, key=lambda m: m.start())
    return trim_url(first.group(1) if first is link else first.group(0))


def _title_of(source: str, plain: str) -> str | None:
    quoted = quoted_title(plain)
    if quoted:
        return quoted
    link = re.search(r"\[([^\]]+)\]\(", source)
    if link and not re.match(r"^(https?://|www\.)", link.group(1)):
        return fold_space(re.sub(r"[*_`]", "", link.group(1)))
    italic = re.search(r"(?<![*\w])[*_]([^*_\n]{3,})[*_](?![*\w])", source)
    return fold_space(italic.group(1)) if italic else None


def _footnote_endnote(ident: str, ctx: _Context, builder: TextBuilder) -> Endnote | None:
    definition = ctx.doc.footnotes[ident]
    buffer = InlineBuffer()
    buffer.add_text(f"[{ident}] ")
    ctx.links_in_entry = []
    _render(definition.source, buffer, ctx, cite=False)
    span = builder.entry(buffer)
    if span is None:
        return None
    plain = buffer.text[len(ident) + 3 :]
    undated = re.split(r"\b(?:retrieved|accessed)\b", URL_PATTERN.sub(" ", plain), flags=re.I)[0]
    published = find_date(undated)
    identifiers = identifiers_from_text(plain)
    for link, _ in ctx.links_in_entry:
        identifiers = {**identifiers_from_url(link), **identifiers}
    return Endnote(
        number=0,
        section="Footnotes",
        key=f"fn:{ident}",
        title=_title_of(definition.source, plain),
        raw_url=_first_url(definition.source),
        identifiers=identifiers,
        published=published,
        published_from="stated" if published else None,
        authors=leading_authors(plain),
        text=plain,
        start=span[0],
        end=span[1],
    )


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
        ctx = _Context(doc=doc, problems=list(doc.problems))
        builder = TextBuilder()
        title = doc.front_matter.get("title") or self._first_title(doc, location)
        has_h1 = any(b.kind == "heading" and b.level == 1 for b in doc.blocks)
        if doc.front_matter.get("title") and not has_h1:
            builder.heading(title, 1, "body")
        for block in doc.blocks:
            buffer = InlineBuffer()
            if block.kind == "heading":
                _render(block.source, buffer, ctx, cite=False)
                builder.heading(buffer.finish(), block.level)
            else:
                _render(block.source, buffer, ctx)
                builder.block(buffer, block.kind)
        if not builder.blocks:
            ctx.problems.append("no paragraphs or list items found in the Markdown body")
        endnotes = self._endnotes(ctx, builder)
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
            _render(first.source, buffer, _Context(doc=doc), cite=False)
            return buffer.finish()
        return Path(location).stem if location else "Untitled"

    def _endnotes(self, ctx: _Context, builder: TextBuilder) -> list[Endnote]:
        endnotes: list[Endnote] = []
        doc = ctx.doc
        footnotes = [i for i in ctx.cited_footnotes if i in doc.footnotes]
        orphans = [i for i in doc.footnotes if i not in ctx.cited_footnotes]
        for ident in orphans:
            ctx.problems.append(f"footnote [^{ident}] is defined but never cited")
        if footnotes or orphans:
            builder.heading("Footnotes", 2, "endnotes")
            for ident in footnotes + orphans:
                note = _footnote_endnote(ident, ctx, builder)
                if note is not None:
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
        for number, note in enumerate(endnotes, start=1):
            note.number = number
        return endnotes
