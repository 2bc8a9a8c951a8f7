"""How findings name things: endnotes by their visible label, citations by marker and sentence.

Every finding message goes through these helpers, so that when the readers record the label an
author wrote (``Endnote.label``, ``Citation.marker``, ``Citation.line`` or, without lines,
``Citation.place``) every message uses it.
"""

from __future__ import annotations

from claimgraph.model import Article, Citation, Endnote

__all__ = ["endnote_label", "endnote_name", "endnotes_name", "citation_name", "short_text", "opening"]


def endnote_label(endnote: Endnote) -> str:
    """The label the author wrote for an endnote ("5", "^tait"), else its running number."""
    return str(getattr(endnote, "label", None) or endnote.number)


def endnote_name(endnote: Endnote) -> str:
    """ "endnote [5]" with the visible label; the running number too when they differ."""
    label = endnote_label(endnote)
    shown = f"[{label}]" if not label.startswith("[") else label
    if label != str(endnote.number):
        return f"endnote {shown} (no. {endnote.number})"
    return f"endnote {shown}"


def endnotes_name(article: Article, numbers: list[int]) -> str:
    """Several endnotes named by label: "endnotes [2], [12]"."""
    labels = []
    for number in numbers:
        label = endnote_label(article.endnote(number))
        labels.append(f"[{label}]" if not label.startswith("[") else label)
    return ("endnote " if len(labels) == 1 else "endnotes ") + ", ".join(labels)


def citation_name(article: Article, citation: Citation) -> str:
    """The marker as written, where it is (line when known) and the start of its sentence."""
    marker = getattr(citation, "marker", None) or f"[{citation.label}]"
    line = getattr(citation, "line", None)
    place = getattr(citation, "place", None)
    where = f" on line {line}" if line else (f" ({place})" if place else "")
    try:
        sentence = article.claim(citation.claim).text
    except KeyError:
        sentence = ""
    quoted = f" in “{short_text(sentence, 80)}”" if sentence else ""
    return f"citation {marker}{where}{quoted}"


def short_text(text: str, limit: int = 120) -> str:
    """``text`` cut to ``limit`` characters at most, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def opening(name: str) -> str:
    """A name at the start of a message: its first letter upper-case, the rest as written.

    ``str.capitalize`` would lower-case the rest: the marker "[Tait]" and the quoted sentence
    would no longer read as they do in the article.
    """
    return name[:1].upper() + name[1:]
