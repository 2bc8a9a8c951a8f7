"""The article drawn as its author wrote it: sentences coloured by support, markers by problem.

The HTML is built here from escaped text only (every article and scraped string goes through
``html.escape``) and mounted by a small inline component whose script sets the HTML and reports
which sentence or marker was clicked; nothing else runs in the page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from claimgraph.explorer.clickable import show_clickable
from claimgraph.explorer.labels import citation_marker, endnote_label
from claimgraph.explorer.todo import worst_by_endnote
from claimgraph.explorer.views import STATUS_STYLE
from claimgraph.model import AuditResult, Claim

__all__ = ["Pick", "SEVERITY_COLOURS", "STATUS_COLOURS", "article_html", "show_article", "block_keys"]

STATUS_COLOURS = {
    "supported": "#1b5e20",
    "disputed": "#b71c1c",
    "weak": "#e65100",
    "unsupported": "#c62828",
    "not judged": "#1565c0",
    "uncited": "#616161",
}
SEVERITY_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#9e9d24", "": "#2e7d32"}
UNRESOLVED_COLOUR = "#6a1b9a"

_CSS = """
.cg-article { font-size: 1rem; line-height: 1.75; max-width: 60rem; }
.cg-article h4 { margin: 1.2rem 0 0.3rem; font-size: 1.05rem; }
.cg-article p { margin: 0 0 0.8rem; }
.cg-claim { cursor: pointer; border-bottom: 2px solid var(--cg-status); padding: 0 1px; }
.cg-claim.cg-uncited { border-bottom: 1px dotted var(--cg-status); }
.cg-claim:hover { background: rgba(128,128,128,0.15); }
.cg-claim.cg-selected { background: rgba(255, 214, 0, 0.35); outline: 2px solid #f9a825; }
.cg-sym { color: var(--cg-status); font-weight: 700; font-size: 0.8em; margin-right: 2px; }
.cg-mark { cursor: pointer; font: inherit; font-size: 0.78em; vertical-align: super; line-height: 1;
  border: 1px solid var(--cg-sev); color: var(--cg-sev); background: transparent; border-radius: 4px;
  padding: 0 3px; margin: 0 1px; }
.cg-mark.cg-bad { background: var(--cg-sev); color: #fff; }
.cg-mark:focus, .cg-claim:focus { outline: 2px solid #1565c0; }
"""


@dataclass(frozen=True)
class Pick:
    """What the reader clicked: a sentence (claim id) and, for a marker, its endnote number."""

    claim: str
    endnote: int | None = None


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def block_keys(result: AuditResult) -> list[tuple[str, int]]:
    """The article's paragraphs in order, as (section, block) keys."""
    return list(dict.fromkeys((c.section, c.block) for c in result.article.claims))


def _marker(result: AuditResult, citation, worst: dict[int, str]) -> str:
    number = citation.endnote
    text = html.escape(citation_marker(citation))
    if number is None:
        label = "unresolved citation: it matches no endnote clearly"
        return (
            f'<button class="cg-mark cg-bad" style="--cg-sev:{UNRESOLVED_COLOUR}" '
            f'data-pick="claim::{_attr(citation.claim)}" title="{_attr(label)}">{text}</button>'
        )
    severity = worst.get(number, "")
    endnote = result.article.endnote(number)
    problem = f"{severity} problems" if severity else "no problems found"
    title = f"endnote {endnote_label(endnote, number)}: {problem}"
    bad = " cg-bad" if severity == "high" else ""
    return (
        f'<button class="cg-mark{bad}" style="--cg-sev:{SEVERITY_COLOURS.get(severity, "#555")}" '
        f'data-pick="endnote:{number}:{_attr(citation.claim)}" title="{_attr(title)}">{text}</button>'
    )


def _sentence(claim: Claim, status: str, selected: str | None) -> str:
    style = STATUS_STYLE[status]
    chosen = " cg-selected" if claim.id == selected else ""
    chosen += " cg-uncited" if status == "uncited" else ""
    return (
        f'<span class="cg-claim{chosen}" tabindex="0" role="button" data-pick="claim::{_attr(claim.id)}" '
        f'style="--cg-status:{STATUS_COLOURS[status]}" title="{_attr(style.label)}">'
        f'<span class="cg-sym" aria-hidden="true">{html.escape(style.symbol)}</span>'
        f"{html.escape(claim.text)}</span>"
    )


def article_html(
    result: AuditResult,
    statuses: dict[str, str],
    blocks: list[tuple[str, int]],
    selected: str | None = None,
) -> str:
    """The chosen paragraphs as escaped HTML, each sentence followed by its citation markers."""
    wanted = set(blocks)
    worst = worst_by_endnote(result)
    by_claim: dict[str, list] = {}
    for citation in result.article.citations:
        by_claim.setdefault(citation.claim, []).append(citation)
    parts = ['<div class="cg-article">']
    section, block = None, None
    for claim in result.article.claims:
        key = (claim.section, claim.block)
        if key not in wanted:
            continue
        if key != block:
            if block is not None:
                parts.append("</p>")
            if claim.section != section:
                section = claim.section
                parts.append(f"<h4>{html.escape(section)}</h4>")
            parts.append("<p>")
            block = key
        parts.append(_sentence(claim, statuses[claim.id], selected))
        parts.extend(_marker(result, c, worst) for c in by_claim.get(claim.id, []))
        parts.append(" ")
    if block is not None:
        parts.append("</p>")
    parts.append("</div>")
    return "".join(parts)


def show_article(markup: str, key: str) -> Pick | None:
    """Mount the article HTML; the sentence or marker clicked in this run, if any."""
    value = show_clickable(markup, name="article_text", css=_CSS, key=key)
    if not value:
        return None
    kind, number, claim = value.split(":", 2)
    return Pick(claim=claim, endnote=int(number) if kind == "endnote" and number.isdigit() else None)
