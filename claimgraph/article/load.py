"""Loading an article: bytes → text → reader → claims → prepared endnotes → resolved citations."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from claimgraph.article.claims import segment_claims
from claimgraph.article.commented import commented_links
from claimgraph.article.endnotes import prepare_endnotes
from claimgraph.article.places import place_citations
from claimgraph.article.readers import MAX_ARTICLE_BYTES, decode_article, read_text
from claimgraph.article.resolve import resolve_citations
from claimgraph.errors import InputError
from claimgraph.model import Article
from claimgraph.shipped import sample_articles_dir

__all__ = ["load_article", "article_from_text", "article_id_for", "default_article_path"]


def default_article_path() -> Path:
    """The embedded default article shipped in ``sources/articles``."""
    folder = sample_articles_dir()
    candidates = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not candidates:
        raise InputError(f"no embedded article found in {folder}; pass a path to an article")
    return candidates[0]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def article_id_for(location: str, title: str = "") -> str:
    """A stable, readable id from where the article came from; two files never share one.

    A local file (given by its absolute path) has its stem plus a short hash of its folder, so
    ``a/article.md`` and ``b/article.md`` differ and one path always gives one id; the embedded
    sample, URLs and bare names (uploads) keep the plain slug of their stem.
    """
    stem = Path(location.split("?")[0].rstrip("/")).stem if location else ""
    slug = _slug(stem or title or "article") or "article"
    if not location or "://" in location:
        return slug
    path = Path(location)
    if not path.is_absolute() or not path.is_file():  # bare names (uploads) are not local files
        return slug
    folder = path.resolve().parent
    if folder == sample_articles_dir().resolve():
        return slug
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:8]
    return f"{slug[:71]}-{digest}"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def article_from_text(
    text: str, location: str = "", format: str | None = None, article_id: str | None = None
) -> Article:
    """Build an Article from text: read, segment claims, prepare endnotes, resolve citations."""
    text = _LONE_SURROGATE.sub("\ufffd", text)  # not characters; ids and UTF-8 output would fail on them
    result = read_text(text, location, format)
    claims = segment_claims(result.text, result.blocks, result.citations)
    place_citations(result.blocks, claims, result.citations)
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
        commented_links=commented_links(text),
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
    article = article_from_text(text, str(path), format, article_id or article_id_for(str(path.resolve())))
    article.problems[:0] = problems
    if not article.claims and not article.endnotes:
        raise InputError(f"{path} holds no sentences and no endnotes that claimgraph can read")
    return article
