"""The article network as plain nodes and edges: claims → endnotes → works, plus judged evidence.

This form feeds the interactive view in :mod:`claimgraph.explorer.graph_view`, and
:func:`claimgraph.explorer.dot.network_dot` draws the same nodes and edges as Graphviz DOT.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.api import best_title
from claimgraph.explorer.labels import endnote_label
from claimgraph.explorer.todo import worst_by_endnote
from claimgraph.explorer.views import STANCE_COLOURS, STATUS_FILL, STATUS_STYLE
from claimgraph.model import AuditResult

__all__ = ["Node", "Edge", "network", "COLUMNS"]

COLUMNS = ("claim", "endnote", "work")
_SEVERITY_STROKE = {"high": "#c62828", "medium": "#ef6c00", "low": "#9e9d24"}


@dataclass(frozen=True)
class Node:
    """A node: its kind (a column), a short label drawn, the full text shown on hover, colours."""

    id: str
    kind: str
    label: str
    full: str
    fill: str
    stroke: str = "#607d8b"


@dataclass(frozen=True)
class Edge:
    """A directed edge with a label and a colour; ``dashed`` for judged evidence."""

    source: str
    target: str
    label: str
    colour: str = "#78909c"
    dashed: bool = False


def _claim_nodes(result: AuditResult, wanted: set[str], statuses: dict[str, str]) -> list[Node]:
    nodes = []
    for claim in result.article.claims:
        if claim.id in wanted:
            style = STATUS_STYLE[statuses[claim.id]]
            nodes.append(
                Node(
                    f"claim:{claim.id}",
                    "claim",
                    f"{style.symbol} {claim.text}",
                    f"{style.label}: {claim.text}",
                    STATUS_FILL.get(style.colour, "#ffffff"),
                )
            )
    return nodes


def network(
    result: AuditResult,
    claim_ids: list[str],
    statuses: dict[str, str],
    *,
    show_works: bool,
    stances: set[str],
) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges for the chosen claims, their endnotes (and works), and evidence edges."""
    article = result.article
    wanted = set(claim_ids)
    nodes = _claim_nodes(result, wanted, statuses)
    edges: list[Edge] = []
    endnotes: set[int] = set()
    for citation in article.citations:
        if citation.claim in wanted and citation.endnote is not None:
            endnotes.add(citation.endnote)
            edges.append(Edge(f"claim:{citation.claim}", f"endnote:{citation.endnote}", "cites"))
    own = {(c.claim, c.endnote) for c in article.citations if c.endnote is not None}
    for item in result.evidence:
        if item.claim not in wanted or item.endnote is None:
            continue
        if item.cited and (item.claim, item.endnote) not in own:
            endnotes.add(item.endnote)
            edges.append(Edge(f"claim:{item.claim}", f"endnote:{item.endnote}", "paragraph cites", "#bdbdbd"))
        if item.stance in stances:
            endnotes.add(item.endnote)
            colour = STANCE_COLOURS.get(item.stance, "#555555")
            edges.append(Edge(f"endnote:{item.endnote}", f"claim:{item.claim}", item.stance, colour, True))
    worst = worst_by_endnote(result)
    works: dict[str, str] = {}
    for number in sorted(endnotes):
        endnote = article.endnote(number)
        title = best_title(endnote) or endnote.url or endnote.raw_url or ""
        label = endnote_label(endnote)
        severity = worst.get(number, "")
        problem = f" · worst problem: {severity}" if severity else ""
        nodes.append(
            Node(
                f"endnote:{number}",
                "endnote",
                f"[{label}] {title}",
                f"Endnote {label}: {title}{problem}\n{endnote.url or endnote.raw_url or 'no link'}",
                "#fff9c4",
                _SEVERITY_STROKE.get(severity, "#607d8b"),
            )
        )
        key = endnote.canonical_url or endnote.url
        if show_works and key:
            works.setdefault(key, f"work:{key}")
            edges.append(Edge(f"endnote:{number}", works[key], "cites work", "#8e24aa"))
    nodes += [Node(name, "work", key, f"Work: {key}", "#f3e5f5") for key, name in works.items()]
    return nodes, edges
