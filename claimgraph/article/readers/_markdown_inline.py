"""Markdown inline syntax → plain text with citation markers (links, footnote references)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimgraph.article.readers._lines import newlines_before
from claimgraph.article.readers._markdown_blocks import MdDocument, normalise_label
from claimgraph.article.readers._numbered import marker_targets
from claimgraph.article.readers._refparse import URL_PATTERN, trim_url
from claimgraph.article.readers._textbuild import InlineBuffer, fold_space, url_domain
from claimgraph.article.urls import work_key

_DEST = (
    r"\(\s*<?(?P<url>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?"
    r"(?:\s+(?P<title>\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_INLINE = re.compile(
    r"(?<!`)(?P<code>`++)(?P<codetext>.+?)(?P=code)"  # a run opens once, whole: linear on long runs
    r"|(?P<math>\$\$.+?\$\$|\\\(.+?\\\))"
    r"|\{:[^}\n]*\}"
    r"|!\[(?!\^)(?P<alt>[^\]]*)\](?:\([^)]*\)|\[[^\]]*\])"
    r"|\[\^(?P<fn>[^\]\s]+)\]"
    r"|\[(?P<text>(?>(?:[^\[\]]|\[[^\[\]]*\])*))\](?:" + _DEST + r"|\[(?P<ref>[^\]]*)\])?"
    r"|<(?P<auto>https?://[^>\s]+)>"
    r"|(?P<bare>(?<![\w/])https?://[^\s<>]+)"
    r"|\\(?P<esc>[!-/:-@\[-`{-~])"
    r"|<(?P<tag>/?[A-Za-z][^>]*)>"
    r"|(?P<emph>\*{1,3}|~~|(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w))"
)
__all__ = ["InlineContext", "render_inline", "first_url"]


@dataclass
class InlineContext:
    """What inline rendering learns about the document's citations."""

    doc: MdDocument
    cited_footnotes: list[str] = field(default_factory=list)
    link_urls: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # url -> text, title
    links_in_entry: list[tuple[str, str]] = field(default_factory=list)
    listed: dict[str, str] = field(default_factory=dict)  # work of a reference-list entry -> key
    numbered: bool = False  # the document has a numbered reference list: [n] markers cite it
    unplaced: list[str] = field(default_factory=list)  # [n] markers seen with no numbered list
    line: int = 0  # 1-based line where the block being rendered starts
    source: str = ""  # the block's source, for line numbers
    problems: list[str] = field(default_factory=list)

    def line_at(self, source: str, offset: int) -> int | None:
        """The file line of ``offset`` into ``source`` (a block's source or a piece of it)."""
        if not self.line:
            return None
        at = self.source.find(source) if source is not self.source else 0
        return self.line + newlines_before(self.source, max(at, 0) + offset)

    def reference_key(self, url: str) -> str | None:
        """The key of a listed entry, reference definition or footnote with this URL, if any."""
        work = work_key(url)
        if work and work in self.listed:
            return self.listed[work]
        for label, ref in self.doc.references.items():
            if ref.url == url:
                return f"ref:{label}"
        for ident, footnote in self.doc.footnotes.items():
            cited = first_url(footnote.source)
            if cited == url or (work and work_key(cited) == work):
                return f"fn:{ident}"
        return None


def render_inline(source: str, buffer: InlineBuffer, ctx: InlineContext, cite: bool = True) -> None:
    """Render inline Markdown into ``buffer``; record markers when ``cite``."""
    position = 0
    for match in _INLINE.finditer(source):
        buffer.add_text(source[position : match.start()])
        position = match.end()
        _render_token(match, buffer, ctx, cite, ctx.line_at(source, match.start()) if cite else None)
    buffer.add_text(source[position:])


def _render_token(
    match: re.Match[str], buffer: InlineBuffer, ctx: InlineContext, cite: bool, line: int | None
) -> None:
    group = match.groupdict()
    if group["code"]:
        buffer.add_text(group["codetext"])
    elif group["math"]:
        buffer.add_text(group["math"])  # maths is text; its brackets are never markers
    elif group["alt"] is not None:
        buffer.add_text(group["alt"])
    elif group["fn"]:
        _footnote_ref(group["fn"], buffer, ctx, cite, line)
    elif group["text"] is not None:
        _link(match, buffer, ctx, cite, line)
    elif group["auto"] or group["bare"]:
        url = group["auto"] or trim_url(group["bare"])
        if cite:
            _cite_url(url, url, None, buffer, ctx, line)
        else:
            ctx.links_in_entry.append((url, url))
        buffer.add_text(url)
        if group["bare"]:
            buffer.add_text(group["bare"][len(url) :])
    elif group["esc"]:
        buffer.add_text(group["esc"])


def _footnote_ref(ident: str, buffer: InlineBuffer, ctx: InlineContext, cite: bool, line: int | None) -> None:
    if not cite:
        buffer.add_text(f"[{ident}]")
        return
    if ident not in ctx.cited_footnotes:
        ctx.cited_footnotes.append(ident)
    definition = ctx.doc.footnotes.get(ident)
    url = first_url(definition.source) if definition else None
    marker = buffer.add_marker(f"[{ident}]", f"fn:{ident}", url_domain(url), target=f"^{ident}", line=line)
    if marker is not None:
        marker.marker = f"[^{ident}]"


def _numeric(text: str, ref: str | None, buffer: InlineBuffer, ctx: InlineContext, line: int | None) -> bool:
    """``[1]``, ``[1, 2]``, ``[2–4]`` (and ``[1][2]``) cite a numbered list; False if not markers."""
    first = marker_targets(text)
    if not ctx.numbered:
        if first is not None and ref is None:
            ctx.unplaced.append(f"[{text}]")
        return False
    second = marker_targets(ref) if ref else None
    if first is None or (ref is not None and second is None):
        return False
    buffer.add_markers(f"[{text}]", first, line)
    if second is not None:
        buffer.add_markers(f"[{ref}]", second, line)
    return True


def _link(
    match: re.Match[str], buffer: InlineBuffer, ctx: InlineContext, cite: bool, line: int | None
) -> None:
    group = match.groupdict()
    text, url, ref = group["text"], group["url"], group["ref"]
    if (
        url is None
        and cite
        and normalise_label(ref or text) not in ctx.doc.references
        and _numeric(text, ref, buffer, ctx, line)
    ):
        return
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
            render_inline(text, buffer, ctx, cite)
            buffer.add_text("]")
        else:
            render_inline(text, buffer, ctx, cite)
        return
    if not cite:
        ctx.links_in_entry.append((target, label))
    elif key is not None:
        listed = ctx.reference_key(target)
        buffer.mark_here(label, listed or key, url_domain(target), line)
    elif re.match(r"^https?://", target, re.I):
        title = group["title"][1:-1].strip() if group["title"] else None
        _cite_url(target, label, title, buffer, ctx, line)
    render_inline(text, buffer, ctx, cite=False)


def _cite_url(
    url: str, label: str, title: str | None, buffer: InlineBuffer, ctx: InlineContext, line: int | None
) -> None:
    key = ctx.reference_key(url)
    if key is None:
        ctx.link_urls.setdefault(url, (label, title))
        key = url
    buffer.mark_here(label, key, url_domain(url), line)


def first_url(source: str) -> str | None:
    link = re.search(r"\]\(\s*<?(https?://[^\s)>]+(?:\([^\s)]*\)[^\s)>]*)*)", source)
    bare = URL_PATTERN.search(source)
    candidates = [m for m in (link, bare) if m]
    if not candidates:
        return None
    first = min(candidates, key=lambda m: m.start())
    return trim_url(first.group(1) if first is link else first.group(0))
