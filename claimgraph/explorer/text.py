"""Escaping for text that came from an article or a scraped page, before Streamlit shows it."""

from __future__ import annotations

import re

__all__ = ["md_escape", "dot_escape", "short", "code_escape"]

# Every ASCII punctuation character that Markdown, Streamlit directives (``:red[…]``), emoji
# shortcodes or LaTeX (``$``) could read as syntax; a backslash makes each one literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^])")


def md_escape(text: str | None, *, newlines: bool = False) -> str:
    """Text made literal for ``st.markdown``: no markup, no HTML, no links, no LaTeX."""
    if not text:
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    if newlines:
        return escaped.replace("\r\n", "\n").replace("\n", "  \n")
    return re.sub(r"\s+", " ", escaped)


def dot_escape(text: str | None, limit: int = 60) -> str:
    """Text made safe inside a double-quoted Graphviz label."""
    value = short(text or "", limit)
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def short(text: str, limit: int = 90) -> str:
    """The text cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def code_escape(text: str | None) -> str:
    """Text made safe inside a Markdown inline code span (backticks cannot close it)."""
    return (text or "").replace("`", "ʼ").replace("\n", " ")
