"""Markdown block structure: headings, paragraphs, list items, and the definitions set aside."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^(\s{0,12})([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$")
_REF_DEF = re.compile(
    r"^ {0,3}\[([^\]^][^\]]*)\]:[ \t]*<?([^\s>]+)>?"
    r"(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$"
)
_QUOTE = re.compile(r"^ {0,3}> ?")
_TABLE = re.compile(r"^\s*\|")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_KRAMDOWN_ATTRIBUTES = re.compile(r"^\s*\{:[^}]*\}\s*$")  # {: .class #id}, {:toc}: layout, not text
_DISPLAY_MATH = re.compile(r"^\s*(\$\$|\\\[)")
_TOML_PAIR = re.compile(r"^([A-Za-z_][\w-]*)\s*=\s*(.*)$")
_YAML_PAIR = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")

__all__ = ["MdBlock", "FootnoteDef", "RefDef", "MdDocument", "scan_blocks", "normalise_label"]


def normalise_label(label: str) -> str:
    """A reference label as Markdown matches it: case-folded, whitespace folded."""
    return re.sub(r"\s+", " ", label).strip().casefold()


@dataclass
class MdBlock:
    """A heading, paragraph or list item, with its raw inline source."""

    kind: str  # heading | paragraph | bullet | chrome (display maths, images, table rows)
    source: str
    level: int = 0
    line: int = 0  # 1-based line of the file where the block starts
    number: str | None = None  # an ordered list item's number as written


@dataclass
class FootnoteDef:
    """A footnote definition ``[^id]: text`` with its continuation lines."""

    id: str
    source: str
    order: int


@dataclass
class RefDef:
    """A link reference definition ``[label]: url "title"``."""

    label: str
    url: str
    title: str | None
    order: int


@dataclass
class MdDocument:
    """A Markdown document split into blocks and definitions."""

    blocks: list[MdBlock] = field(default_factory=list)
    footnotes: dict[str, FootnoteDef] = field(default_factory=dict)
    references: dict[str, RefDef] = field(default_factory=dict)
    front_matter: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _front_value(raw: str) -> str:
    """A scalar or a list of scalars (``["A", "B"]``) as one string, quotes removed."""
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        items = [item.strip().strip("\"'") for item in raw[1:-1].split(",")]
        return ", ".join(item for item in items if item)
    return raw.strip("\"'")


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """YAML (``---``) or TOML (``+++``) front matter: top-level keys (title, date, author…)."""
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return {}, 0
    pair = _YAML_PAIR if fence == "---" else _TOML_PAIR
    closes = ("---", "...") if fence == "---" else ("+++",)
    for end in range(1, min(len(lines), 400)):
        if lines[end].strip() in closes:
            meta: dict[str, str] = {}
            nested = False
            for line in lines[1:end]:
                if fence == "+++" and re.match(r"^\s*\[", line):
                    nested = True  # a [table]: its keys are not the page's own
                match = pair.match(line)
                if match and not nested:
                    meta.setdefault(match.group(1).lower(), _front_value(match.group(2)))
            if "author" not in meta and meta.get("authors"):
                meta["author"] = meta["authors"]
            return meta, end + 1
    return {}, 0


def _starts_block(line: str) -> bool:
    return bool(
        _ATX.match(line)
        or _FENCE.match(line)
        or _FOOTNOTE_DEF.match(line)
        or _RULE.match(line)
        or _BULLET.match(line)
        or _TABLE.match(line)
    )


def scan_blocks(text: str) -> MdDocument:
    """Split Markdown into blocks and definitions (code, tables and rules are dropped)."""
    doc = MdDocument()
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), plain).split("\n")
    doc.front_matter, i = _front_matter(lines)
    paragraph: list[str] = []
    item: list[str] | None = None
    started = 0  # line index where the open paragraph or item began
    number: str | None = None

    def flush() -> None:
        nonlocal paragraph, item
        if paragraph:
            source = "\n".join(paragraph)
            kind = "chrome" if source.lstrip().startswith("![") else "paragraph"  # image + caption
            doc.blocks.append(MdBlock(kind, source, line=started + 1))
        if item is not None:
            doc.blocks.append(MdBlock("bullet", "\n".join(item), line=started + 1, number=number))
        paragraph, item = [], None

    while i < len(lines):
        line = _QUOTE.sub("", lines[i]) if _QUOTE.match(lines[i]) else lines[i]
        if not line.strip():
            flush()
            i += 1
            continue
        if _KRAMDOWN_ATTRIBUTES.match(line):
            flush()
            i += 1
            continue
        if _DISPLAY_MATH.match(line) and not paragraph and item is None:
            i = _display_math(doc, lines, i)
            continue
        fence = _FENCE.match(line)
        if fence:
            flush()
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence.group(1)):
                i += 1
            i += 1
            continue
        setext = _SETEXT.match(line)
        if setext and paragraph and item is None:
            doc.blocks.append(
                MdBlock("heading", " ".join(paragraph), 1 if "=" in line else 2, line=started + 1)
            )
            paragraph = []
            i += 1
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            doc.blocks.append(MdBlock("heading", atx.group(2) or "", len(atx.group(1)), line=i + 1))
            i += 1
            continue
        footnote = _FOOTNOTE_DEF.match(line)
        if footnote:
            flush()
            i = _footnote(doc, lines, i, footnote)
            continue
        reference = _REF_DEF.match(line)
        if reference and not paragraph:
            flush()
            label = normalise_label(reference.group(1))
            title = reference.group(3)[1:-1] if reference.group(3) else None
            if label not in doc.references:
                doc.references[label] = RefDef(
                    reference.group(1).strip(), reference.group(2), title, len(doc.references)
                )
            i += 1
            continue
        if _TABLE.match(line):
            flush()
            if not re.fullmatch(r"[\s|:\-]*", line):  # a row, not the |---| separator: keep its links
                doc.blocks.append(MdBlock("chrome", line.strip(), line=i + 1))
            i += 1
            continue
        if _RULE.match(line):
            flush()
            i += 1
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            item = [bullet.group(3) or ""]
            started = i
            number = bullet.group(2)[:-1] if bullet.group(2)[-1] in ".)" else None
        elif item is not None:
            item.append(line.strip())
        else:
            if not paragraph:
                started = i
            paragraph.append(line.strip())
        i += 1
    flush()
    return doc


def _display_math(doc: MdDocument, lines: list[str], i: int) -> int:
    """A ``$$ … $$`` or ``\\[ … \\]`` block: kept as text, never a claim; the index after it."""
    opening = _DISPLAY_MATH.match(lines[i])
    close = "$$" if opening and opening.group(1) == "$$" else "\\]"
    start = i
    rest = lines[i].strip()[2:]
    while close not in rest and i + 1 < len(lines) and lines[i + 1].strip():
        i += 1
        rest = lines[i]
    doc.blocks.append(MdBlock("chrome", "\n".join(lines[start : i + 1]).strip(), line=start + 1))
    return i + 1


def _footnote(doc: MdDocument, lines: list[str], i: int, match: re.Match[str]) -> int:
    """Read a footnote definition and its continuation lines; the index after it."""
    ident = match.group(1)
    parts = [match.group(2)]
    i += 1
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if following.startswith(("  ", "\t")) and following.strip():
                i += 1
                continue
            break
        if line.startswith(("  ", "\t")) or not _starts_block(line):
            if _REF_DEF.match(line) and not line.startswith(("  ", "\t")):
                break
            parts.append(line.strip())
            i += 1
            continue
        break
    if ident in doc.footnotes:
        doc.problems.append(f"footnote [^{ident}] is defined twice; the first definition is used")
    else:
        doc.footnotes[ident] = FootnoteDef(ident, "\n".join(parts).strip(), len(doc.footnotes))
    return i
