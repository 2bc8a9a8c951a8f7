"""Cap how deep HTML nests before it is parsed, so no reader step can recurse without bound.

Real articles nest a few dozen elements deep; hostile or broken pages can nest thousands. The
markup is scanned once, iteratively: tags deeper than ``MAX_NESTING`` are dropped (their text
stays, flattened into the deepest kept element) and the reader reports it as an input problem.
"""

from __future__ import annotations

import re

MAX_NESTING = 160

_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|textarea|title)\b[^>]*>.*?(?:</\1\s*>|$)"
    r"|<(/?)([A-Za-z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S | re.I,
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
     "track", "wbr", "keygen", "command", "basefont", "frame", "isindex"}
)  # fmt: skip

# Elements whose start tag implicitly ends an open one of the same name (HTML's optional end
# tags), unless a container opened in between.
_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
_SCOPES = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "div", "section", "article", "blockquote"})

__all__ = ["MAX_NESTING", "cap_nesting"]


def cap_nesting(html: str, limit: int = MAX_NESTING) -> tuple[str, int]:
    """``html`` with tags nested deeper than ``limit`` removed, and the deepest nesting seen."""
    stack: list[tuple[str, bool]] = []  # (tag name, kept)
    open_names: dict[str, int] = {}
    deepest = 0
    pieces: list[str] = []
    position = 0
    changed = False
    for match in _TOKEN.finditer(html):
        closing, name, rest = match.group(2), match.group(3), match.group(4) or ""
        if not name:
            continue  # a comment or raw-text element: copied as it is
        name = name.lower()
        drop = False
        if closing:
            if open_names.get(name):  # a stray closing tag closes nothing
                while stack:
                    top, kept = stack.pop()
                    open_names[top] -= 1
                    if top == name:
                        drop = not kept
                        break
        elif name not in _VOID and not rest.rstrip().endswith("/"):
            if name in _SELF_CLOSING_SIBLINGS and open_names.get(name):
                _close_sibling(stack, open_names, name)
            kept = len(stack) < limit
            stack.append((name, kept))
            open_names[name] = open_names.get(name, 0) + 1
            deepest = max(deepest, len(stack))
            drop = not kept
        if drop:
            pieces.append(html[position : match.start()])
            position = match.end()
            changed = True
    if not changed:
        return html, deepest
    pieces.append(html[position:])
    return "".join(pieces), deepest


def _close_sibling(stack: list[tuple[str, bool]], open_names: dict[str, int], name: str) -> None:
    """Pop an open ``name`` near the top of the stack, as HTML's optional end tags do."""
    for depth in range(len(stack) - 1, max(-1, len(stack) - 9), -1):
        top = stack[depth][0]
        if top == name:
            for entry, _ in stack[depth:]:
                open_names[entry] -= 1
            del stack[depth:]
            return
        if top in _SCOPES:
            return
