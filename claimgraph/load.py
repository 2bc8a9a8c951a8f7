"""Loading an article: bytes → text → reader → claims → prepared endnotes → resolved citations."""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.claims import segment_claims
from claimgraph.endnotes import prepare_endnotes
from claimgraph.errors import InputError
from claimgraph.model import Article
from claimgraph.readers import MAX_ARTICLE_BYTES, decode_article, read_text
from claimgraph.resolve import resolve_citations

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sources" / "articles"

__all__ = ["load_article", "article_from_text", "article_id_for", "default_article_path"]


def default_article_path() -> Path:
    """The embedded default article shipped in ``sources/articles``."""
    candidates = sorted(SAMPLE_DIR.glob("*.txt")) if SAMPLE_DIR.is_dir() else []
    if not candidates:
        raise InputError(f"no embedded article found in {SAMPLE_DIR}; pass a path to an article")
    return candidates[0]


def article_id_for(location: str, title: str = "") -> str:
    """A stable, readable id from where the article came from (file stem or URL path)."""
    stem = Path(location.split("?")[0].rstrip("/")).stem if location else ""
    base = stem or title or "article"
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")
    return slug[:80] or "article"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def article_from_text(
    text: str, location: str = "", format: str | None = None, article_id: str | None = None
) -> Article:
    """Build an Article from text: read, segment claims, prepare endnotes, resolve citations."""
    text = _LONE_SURROGATE.sub("\ufffd", text)  # not characters; ids and UTF-8 output would fail on them
    result = read_text(text, location, format)
    claims = segment_claims(result.text, result.blocks, result.citations)
    article = Article(
        id=article_id or article_id_for(location, result.title),
        title=result.title or (Path(location).stem if location else "Untitled article"),
        text=result.text,
        format=result.format,
        location=location,
        published=result.published,
        authors=list(result.authors),
        sections=result.sections,
        claims=claims,
        citations=sorted(result.citations, key=lambda c: c.start),
        endnotes=result.endnotes,
        problems=list(result.problems),
    )
    prepare_endnotes(article.endnotes)
    resolve_citations(article)
    return article


def load_article(path: str | Path, format: str | None = None, article_id: str | None = None) -> Article:
    """Read an article file (text, Markdown or HTML); raises InputError when nothing can be done."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the article file inside it")
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{path} is {size / 1e6:.0f} MB, over the {MAX_ARTICLE_BYTES // 2**20} MiB limit for "
            "one article; split it, or raise CLAIMGRAPH_MAX_ARTICLE_MB"
        )
    text, problems = decode_article(path.read_bytes(), str(path))
    article = article_from_text(text, str(path), format, article_id)
    article.problems[:0] = problems
    if not article.claims and not article.endnotes:
        raise InputError(f"{path} holds no sentences and no endnotes that claimgraph can read")
    return article
