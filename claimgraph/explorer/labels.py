"""How the explorer names endnotes and citations: the labels the author wrote, when known.

The readers may record an endnote's visible label (``Endnote.label``) and a citation's marker
and line as written (``Citation.marker``, ``Citation.line``); until they do, these fall back to
the endnote number and the citation's bracketed label. Every page reads labels through here.
"""

from __future__ import annotations

from claimgraph.model import Citation, Endnote

__all__ = ["endnote_label", "citation_marker", "citation_line"]


def endnote_label(endnote: Endnote | None, number: int | None = None) -> str:
    """The endnote's label as the author wrote it (``12``, ``a``, ``Smith 2020``), else its number."""
    if endnote is None:
        return "" if number is None else str(number)
    return str(getattr(endnote, "label", None) or endnote.number)


def citation_marker(citation: Citation) -> str:
    """The inline marker as written (``[3]``, ``[Anthropic]``), else the label in brackets."""
    marker = getattr(citation, "marker", None)
    if marker:
        return str(marker)
    label = citation.label or "?"
    return label if label.startswith(("[", "(", "^")) else f"[{label}]"


def citation_line(citation: Citation) -> int | None:
    """The line of the article the marker sits on, when the reader recorded it."""
    line = getattr(citation, "line", None)
    return int(line) if isinstance(line, int) else None
