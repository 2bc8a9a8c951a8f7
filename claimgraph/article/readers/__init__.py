"""Article readers: one module per format, all registered here, format detected by sniffing."""

from __future__ import annotations

import importlib
from pathlib import Path

from claimgraph import settings
from claimgraph.article.readers.base import ArticleReader, Block, ReadResult
from claimgraph.errors import InputError

# The one place that lists every article format: name -> "module:Class".
READERS: dict[str, str] = {
    "text": "claimgraph.article.readers.text_endnotes:EndnoteTextReader",
    "markdown": "claimgraph.article.readers.markdown:MarkdownReader",
    "html": "claimgraph.article.readers.html:HtmlReader",
}

# Articles are kilobytes to a few megabytes; anything far larger is not an article.
MAX_ARTICLE_BYTES = int(settings.get_float("CLAIMGRAPH_MAX_ARTICLE_MB") * 1024 * 1024)

__all__ = [
    "READERS",
    "ArticleReader",
    "Block",
    "ReadResult",
    "get_reader",
    "detect_format",
    "decode_article",
    "read_text",
]


def get_reader(name: str) -> ArticleReader:
    """The reader registered under ``name``."""
    try:
        target = READERS[name]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise InputError(f"unknown article format {name!r}; choose one of: {known}") from None
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)()


def detect_format(text: str, location: str = "") -> str:
    """The registered format whose reader is most confident about ``text``."""
    suffix = Path(location).suffix.lower()
    by_suffix = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
    if suffix in by_suffix:
        return by_suffix[suffix]
    scores = {name: get_reader(name).sniff(text, location) for name in READERS}
    return max(scores, key=lambda name: scores[name])


def decode_article(data: bytes, location: str = "") -> tuple[str, list[str]]:
    """Decode article bytes to text, refusing binary; returns the text and decoding problems."""
    where = location or "input"
    if not data.strip():
        raise InputError(f"{where} is empty: give an article with text and endnotes")
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{where} is {len(data) / 1e6:.0f} MB, over the {MAX_ARTICLE_BYTES // 2**20} MiB limit for one "
            "article; split it, or raise CLAIMGRAPH_MAX_ARTICLE_MB"
        )
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith(b"\xff\xfe") or sample.startswith(b"\xfe\xff")):
        raise InputError(f"{where} looks binary (it contains NUL bytes), not an article")
    problems: list[str] = []
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding), problems
        except UnicodeDecodeError:
            continue
    from bs4.dammit import UnicodeDammit

    guess = UnicodeDammit(data, ["utf-8", "windows-1252", "latin-1"])
    text = guess.unicode_markup
    if text is None:
        text = data.decode("utf-8", errors="replace")
    problems.append(
        f"{where} is not valid UTF-8; decoded as {guess.original_encoding or 'UTF-8 with replacements'}"
    )
    control = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if control > 0.05 * min(len(text), 20000):
        raise InputError(f"{where} looks binary (many control characters), not an article")
    return text, problems


def read_text(text: str, location: str = "", format: str | None = None) -> ReadResult:
    """Read article text in the given (or detected) format."""
    name = format or detect_format(text, location)
    return get_reader(name).read(text, location)
