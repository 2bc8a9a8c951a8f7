"""Graphviz DOT text for the provenance chain of a claim and for the article network.

Labels are plain double-quoted DOT strings (never HTML-like labels), escaped by ``dot_escape``,
so scraped text stays text in the SVG that ``st.graphviz_chart`` draws offline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from claimgraph.explorer.text import dot_escape
from claimgraph.explorer.views import STATUS_STYLE, evidence_for_claim, source_title
from claimgraph.model import AuditResult

__all__ = ["provenance_dot", "network_dot", "STANCE_COLOURS"]

STANCE_COLOURS = {"supports": "#2e7d32", "disputes": "#c62828", "mentions": "#ef6c00", "unrelated": "#9e9e9e"}
_FILL = {
    "green": "#c8e6c9",
    "red": "#ffcdd2",
    "orange": "#ffe0b2",
    "gray": "#eeeeee",
    "blue": "#bbdefb",
    "violet": "#e1bee7",
}


def _id(name: str) -> str:
    """A node id from any text (URLs, claim ids): short, unique, nothing to escape."""
    return "n" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def _node(name: str, label: str, shape: str = "box", fill: str = "#ffffff") -> str:
    return f'  {_id(name)} [label="{label}", shape={shape}, style="filled,rounded", fillcolor="{fill}"];'


def _edge(a: str, b: str, label: str = "", colour: str = "#555555", style: str = "solid") -> str:
    return (
        f'  {_id(a)} -> {_id(b)} [label="{dot_escape(label, 30)}", '
        f'color="{colour}", fontcolor="{colour}", style={style}];'
    )


def _wrap(lines: Iterable[str], rankdir: str = "LR") -> str:
    head = [
        "digraph G {",
        f"  rankdir={rankdir};",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    return "\n".join([*head, *lines, "}"])


def provenance_dot(result: AuditResult, claim_id: str, status: str) -> str:
    """claim → citation → endnote → source → capture → quote, for one claim."""
    article = result.article
    claim = article.claim(claim_id)
    style = STATUS_STYLE[status]
    lines = [
        _node(
            f"claim:{claim.id}",
            f"CLAIM [{style.label}]\\n{dot_escape(claim.text, 70)}",
            fill=_FILL.get(style.colour, "#ffffff"),
        )
    ]
    by_id = {c.id: c for c in article.citations}
    evidence = {e.endnote: e for e in evidence_for_claim(result, claim_id) if e.endnote}
    own: set[int] = set()
    for citation_id in claim.citation_ids:
        citation = by_id.get(citation_id)
        if citation is None:
            continue
        cit = f"citation:{citation.id}"
        lines.append(
            _node(
                cit,
                f"CITATION [{dot_escape(citation.label, 30)}]\\n"
                f"score {citation.score:.2f} ({dot_escape(citation.method, 20)})",
                shape="ellipse",
                fill="#e3f2fd",
            )
        )
        lines.append(_edge(f"claim:{claim.id}", cit, "cites"))
        if citation.endnote is None:
            lines.append(_node(f"unresolved:{cit}", "NO ENDNOTE (unresolved)", fill="#ffcdd2"))
            lines.append(_edge(cit, f"unresolved:{cit}", "resolves to"))
            continue
        own.add(citation.endnote)
        lines += _endnote_chain(result, cit, citation.endnote, evidence.get(citation.endnote))
    for number, item in evidence.items():
        if number in own or not (item.cited or item.stance in ("supports", "disputes")):
            continue
        via = "cited by its paragraph" if item.cited else f"{item.stance} (not cited)"
        lines += _endnote_chain(result, f"claim:{claim.id}", number, item, via)
    return _wrap(lines, "TB")


def _endnote_chain(
    result: AuditResult, parent: str, number: int, evidence, via: str = "resolves to"
) -> list[str]:
    endnote = result.article.endnote(number)
    note = f"endnote:{number}"
    lines = [
        _node(note, f"ENDNOTE {number}\\n{dot_escape(endnote.title or endnote.url, 50)}", fill="#fff9c4"),
        _edge(parent, note, via),
    ]
    source = result.sources.get(number)
    if source is None:
        return lines
    src = f"source:{source.url}"
    title = source_title(source) or source.url
    lines += [
        _node(src, f"SOURCE ({dot_escape(source.health, 15)})\\n{dot_escape(title, 50)}", fill="#f3e5f5"),
        _edge(note, src, "links to"),
    ]
    if source.capture is not None:
        cap = f"capture:{source.url}"
        capture = source.capture
        lines += [
            _node(
                cap,
                f"CAPTURE {dot_escape(capture.kind, 15)}\\n{dot_escape(capture.fetched_at, 25)}",
                shape="note",
                fill="#eceff1",
            ),
            _edge(src, cap, "captured as"),
        ]
        if evidence is not None and evidence.quotes:
            quote = f"quote:{source.url}:{evidence.claim}"
            colour = STANCE_COLOURS.get(evidence.stance, "#555555")
            lines += [
                _node(
                    quote,
                    f"QUOTE ({dot_escape(evidence.stance, 12)}, "
                    f"{evidence.support:.2f})\\n“{dot_escape(evidence.quotes[0].text, 70)}”",
                    shape="note",
                    fill="#ffffff",
                ),
                _edge(cap, quote, evidence.stance, colour),
            ]
    return lines


def network_dot(
    result: AuditResult,
    claim_ids: list[str],
    statuses: dict[str, str],
    *,
    show_works: bool,
    stances: set[str],
    rankdir: str = "LR",
) -> str:
    """Claims → endnotes → works, plus evidence edges of the chosen stances, for some claims."""
    article = result.article
    by_id = {c.id: c for c in article.citations}
    wanted = set(claim_ids)
    lines: list[str] = []
    endnotes: set[int] = set()
    for claim in article.claims:
        if claim.id not in wanted:
            continue
        style = STATUS_STYLE[statuses[claim.id]]
        lines.append(
            _node(
                f"claim:{claim.id}",
                f"{style.symbol} {dot_escape(claim.text, 40)}",
                fill=_FILL.get(style.colour, "#ffffff"),
            )
        )
        for citation_id in claim.citation_ids:
            citation = by_id.get(citation_id)
            if citation and citation.endnote is not None:
                endnotes.add(citation.endnote)
                lines.append(_edge(f"claim:{claim.id}", f"endnote:{citation.endnote}", "cites"))
    own = {(c.claim, c.endnote) for c in article.citations if c.endnote is not None}
    for item in result.evidence:
        pair = (item.claim, item.endnote)
        if item.claim in wanted and item.cited and item.endnote is not None and pair not in own:
            endnotes.add(item.endnote)
            lines.append(
                _edge(
                    f"claim:{item.claim}", f"endnote:{item.endnote}", "paragraph cites", "#9e9e9e", "dotted"
                )
            )
        if item.claim in wanted and item.stance in stances and item.endnote is not None:
            endnotes.add(item.endnote)
            lines.append(
                _edge(
                    f"endnote:{item.endnote}",
                    f"claim:{item.claim}",
                    item.stance,
                    STANCE_COLOURS.get(item.stance, "#555555"),
                    "dashed",
                )
            )
    works: dict[str, str] = {}
    for number in sorted(endnotes):
        endnote = article.endnote(number)
        lines.append(
            _node(
                f"endnote:{number}",
                f"[{number}] {dot_escape(endnote.title or endnote.url, 35)}",
                shape="ellipse",
                fill="#fff9c4",
            )
        )
        key = endnote.canonical_url or endnote.url
        if show_works and key:
            works.setdefault(key, f"work:{key}")
            lines.append(_edge(f"endnote:{number}", works[key], "cites work", "#6a1b9a"))
    for key, name in works.items():
        lines.append(_node(name, f"WORK\\n{dot_escape(key, 45)}", shape="component", fill="#f3e5f5"))
    return _wrap(lines, rankdir)
