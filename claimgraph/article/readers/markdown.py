"""Markdown articles: headings, paragraphs, lists, inline and reference links, footnotes."""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.article.readers._markdown_blocks import MdBlock, MdDocument, scan_blocks
from claimgraph.article.readers._markdown_inline import InlineContext, first_url, render_inline
from claimgraph.article.readers._numbered import ENTRY_LABEL, entry_label
from claimgraph.article.readers._refparse import (
    URL_PATTERN,
    find_date,
    identifiers_from_text,
    identifiers_from_url,
    leading_authors,
    parse_date,
    quoted_title,
)
from claimgraph.article.readers._textbuild import (
    InlineBuffer,
    TextBuilder,
    empty_reference_sections,
    fold_space,
    section_kind,
)
from claimgraph.article.readers.base import ReadResult
from claimgraph.article.urls import work_key
from claimgraph.model import Endnote

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


def _all_urls(source: str) -> list[str]:
    """Every http(s) link of a Markdown source, in order (inline, autolinks, bare)."""
    found = re.findall(r"\]\(\s*<?(https?://[^\s)>]+(?:\([^\s)]*\)[^\s)>]*)*)", source)
    found += [m.group(0) for m in URL_PATTERN.finditer(source)]
    return list(dict.fromkeys(u.rstrip(".,;") for u in found))


def _listed_label(block: MdBlock) -> tuple[str | None, str]:
    """The visible label of a reference-list block (``[3]`` or ``3.``) and its source without it."""
    label, rest = entry_label(block.source)
    if label is None and block.kind == "bullet" and block.number:
        return block.number, block.source
    return label, rest


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
        links=_all_urls(source),
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
    return _numbered_runs(doc, kinds)


def _bracketed(source: str) -> bool:
    match = ENTRY_LABEL.match(source)
    return bool(match and match.group("bracketed"))


def _numbered_runs(doc: MdDocument, kinds: list[str]) -> list[str]:
    """Numbered reference lists: where entries are ``[n] …``, other paragraphs are not entries.

    A run of two or more paragraphs ``[1] …``, ``[2] …`` is a reference list under any heading;
    in a section that holds such entries, an unnumbered paragraph (a closing remark) is neither
    an entry nor a claim (kind ``chrome``).
    """
    starts = [i for i, b in enumerate(doc.blocks) if b.kind == "heading"] + [len(doc.blocks)]
    for begin, end in zip([0, *starts], starts, strict=False):
        paragraphs = [i for i in range(begin, end) if doc.blocks[i].kind == "paragraph"]
        labelled = {i for i in paragraphs if _bracketed(doc.blocks[i].source)}
        first = next((i for i in paragraphs if doc.blocks[i].source.lstrip().startswith("[1]")), None)
        if first is not None and kinds[first] == "body":
            run = []
            for i in paragraphs[paragraphs.index(first) :]:
                if i not in labelled:
                    break
                run.append(i)
            if len(run) >= 2:
                for i in run:
                    kinds[i] = "endnotes"
        numbered = [i for i in labelled if kinds[i] != "body"]
        if numbered:
            for i in paragraphs:
                if i not in labelled and kinds[i] != "body" and i > min(numbered):
                    kinds[i] = "chrome"
    return kinds


def _unplaced(ctx: InlineContext, builder: TextBuilder, endnotes: list[Endnote]) -> list[str]:
    """Say so when numbered markers or a reference heading have no list the reader could place."""
    builder.text()  # closes the open sections, so their spans are final
    problems: list[str] = []
    if ctx.unplaced:
        examples = ", ".join(dict.fromkeys(ctx.unplaced[:3]))
        problems.append(
            f"{len(ctx.unplaced)} numbered citation marker(s) (e.g. {examples}) but no numbered reference "
            "list could be placed ([n] entries or a numbered list under a References heading); "
            "they were left as text"
        )
    problems += empty_reference_sections(builder, endnotes)
    return problems


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
        listed: list[MdBlock] = [
            b
            for b, k in zip(doc.blocks, kinds, strict=True)
            if k not in ("body", "chrome") and b.kind in ("paragraph", "bullet")
        ]
        for block in listed:  # links to a listed work resolve to its entry, by work identity
            label, _ = _listed_label(block)
            urls = _all_urls(block.source)
            key = label or (urls[0] if urls else None)
            ctx.numbered = ctx.numbered or label is not None
            for url in urls:
                work = work_key(url)
                if work and key:
                    ctx.listed.setdefault(work, key)
        endnotes: list[Endnote] = []
        for block, kind in zip(doc.blocks, kinds, strict=True):
            buffer = InlineBuffer()
            ctx.line, ctx.source = block.line, block.source
            if block.kind == "heading":
                render_inline(block.source, buffer, ctx, cite=False)
                builder.heading(buffer.finish(), block.level)
            elif block.kind == "chrome" or kind == "chrome":  # maths, images, tables, closing remarks
                render_inline(block.source, buffer, ctx)
                builder.chrome(buffer)
            elif kind != "body":
                label, source = _listed_label(block)
                note = _entry(source, f"[{label}] " if label else "", ctx, builder)
                if note is not None:
                    note.key = label or note.raw_url
                    note.label = label or ""
                    endnotes.append(note)
            else:
                render_inline(block.source, buffer, ctx)
                builder.block(buffer, block.kind)
        if not builder.blocks:
            ctx.problems.append("no paragraphs or list items found in the Markdown body")
        endnotes += self._endnotes(ctx, builder)
        ctx.problems += _unplaced(ctx, builder, endnotes)
        for number, note in enumerate(endnotes, start=1):
            note.number = number
        keys = {note.key for note in endnotes}
        for citation in builder.citations:
            if citation.key not in keys and not (citation.target or "").isdigit():
                ctx.problems.append(
                    f"footnote [^{citation.key[3:]}] is cited but has no definition"
                    if (citation.key or "").startswith("fn:")
                    else f"citation {citation.label!r} points to nothing ({citation.key})"
                )
        if not endnotes:
            ctx.problems.append("no footnotes, reference links or links found: nothing is cited")
        meta = doc.front_matter
        published = parse_date(meta.get("date") or meta.get("published") or meta.get("pubdate"))
        return ReadResult(
            text=builder.text(),
            title=title,
            format=self.name,
            published=published,
            authors=[a.strip() for a in re.split(r",|;| and ", meta.get("author", "")) if a.strip()],
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
                    note.label = f"^{ident}"
                    endnotes.append(note)
        if doc.references:
            builder.heading("References", 2, "endnotes")
            for label, ref in doc.references.items():
                shown = f"[{ref.label}]: {ref.url}" + (f' "{ref.title}"' if ref.title else "")
                note = _link_entry(builder, shown, ref.url, section="References", key=f"ref:{label}",
                                   label=ref.label, title=ref.title)
                if note is not None:
                    endnotes.append(note)
        if ctx.link_urls:
            builder.heading("Links", 2, "endnotes")
            for url, (label, title) in ctx.link_urls.items():
                note = _link_entry(builder, url, url, section="Links", key=url, title=title or None,
                                   snippet=label or None)
                if note is not None:
                    endnotes.append(note)
        return endnotes


def _link_entry(
    builder: TextBuilder, shown: str, url: str, *, section: str, key: str, label: str = "",
    title: str | None = None, snippet: str | None = None,
) -> Endnote | None:
    """One line of the References or Links list, ``shown`` as written, as the endnote for ``url``.

    None when the line shows nothing. Its text is the line with its whitespace folded.
    """
    buffer = InlineBuffer()
    buffer.add_text(shown)
    span = builder.entry(buffer)
    if span is None:
        return None
    return Endnote(
        number=0, section=section, key=key, label=label, title=title, raw_url=url, snippet=snippet,
        identifiers=identifiers_from_url(url), text=buffer.text,
        start=span[0], end=span[1],
    )
