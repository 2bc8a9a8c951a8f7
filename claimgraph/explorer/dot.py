"""Graphviz DOT text for the provenance chain of a claim and for the article network.

Labels are plain double-quoted DOT strings (never HTML-like labels), escaped by ``dot_escape``,
so scraped text stays text in the SVG that ``st.graphviz_chart`` draws offline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from claimgraph.explorer.text import dot_escape
from claimgraph.explorer.views import (
    STANCE_COLOURS,
    STATUS_FILL,
    STATUS_STYLE,
    evidence_for_claim,
    source_title,
)
from claimgraph.model import AuditResult

if TYPE_CHECKING:
    from claimgraph.explorer.network import Edge, Node

__all__ = ["provenance_dot", "network_dot"]

_SHAPE = {"claim": "box", "endnote": "ellipse", "work": "component"}
_LABEL_WIDTH = {"claim": 40, "endnote": 35, "work": 45}


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
            fill=STATUS_FILL.get(style.colour, "#ffffff"),
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


def network_dot(nodes: list[Node], edges: list[Edge], rankdir: str = "LR") -> str:
    """The article network of :func:`claimgraph.explorer.network.network` as DOT text.

    One set of rules draws both views: this only turns its nodes and edges into DOT, labels cut to
    a width per kind of node and escaped.
    """
    lines = [
        _node(node.id, dot_escape(node.label, _LABEL_WIDTH.get(node.kind, 40)),
              _SHAPE.get(node.kind, "box"), node.fill)
        for node in nodes
    ]
    lines += [
        _edge(edge.source, edge.target, edge.label, edge.colour, "dashed" if edge.dashed else "solid")
        for edge in edges
    ]
    return _wrap(lines, rankdir)
