"""What a corpus run audits: article files, folders of them, lists of paths or URLs, and sitemaps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from claimgraph.errors import InputError
from claimgraph.fetch.config import FetchConfig
from claimgraph.hints import hint_for_error_kind
from claimgraph.model import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
LIST_SUFFIXES = (".list", ".urls")  # a file of paths or URLs, one a line; sitemaps are .xml
_LOC = re.compile(r"<(?:\w+:)?loc>\s*([^<\s]+)\s*</(?:\w+:)?loc>", re.IGNORECASE)

__all__ = ["expand_inputs", "is_url", "load_remote_article", "read_input_list"]


def is_url(item: str) -> bool:
    """True for an http(s) URL (an article to fetch rather than a file)."""
    return urlsplit(item).scheme.lower() in ("http", "https")


def read_input_list(path: Path) -> list[str]:
    """The items a list file names: a sitemap's <loc> URLs, or one path or URL a line (# comments)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() == ".xml" or text.lstrip().startswith("<?xml") or "<urlset" in text[:2000]:
        return [match.group(1).replace("&amp;", "&") for match in _LOC.finditer(text)]
    base = path.parent
    items = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        items.append(line if is_url(line) else str((base / line) if not Path(line).is_absolute()
                                                   else Path(line)))
    return items


def _folder_articles(folder: Path) -> list[str]:
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
             and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    return [str(p) for p in sorted(files)]


def expand_inputs(items: Iterable[str | Path]) -> Iterator[str]:
    """Each article to audit, once, in order: folders walked, list files and sitemaps read."""
    seen: set[str] = set()
    for raw in items:
        item = str(raw)
        if is_url(item):
            expanded = [item]
        else:
            path = Path(item)
            if path.is_dir():
                expanded = _folder_articles(path)
            elif path.suffix.lower() in LIST_SUFFIXES or path.name.lower().endswith("sitemap.xml"):
                expanded = list(expand_inputs(read_input_list(path)))
            else:
                expanded = [item]
        for one in expanded:
            if one not in seen:
                seen.add(one)
                yield one


def load_remote_article(
    url: str, *, config: FetchConfig, cache_dir: Path | None, offline: bool,
    article_format: str | None = None,
) -> Article:
    """Fetch an article by URL through the polite, guarded fetcher (or its capture) and read it."""
    from claimgraph.article.load import article_from_text
    from claimgraph.article.readers import decode_article
    from claimgraph.fetch.aio_collect import fetch_one
    from claimgraph.fetch.captures import CaptureStore

    store = CaptureStore(cache_dir) if cache_dir else None
    response = fetch_one(url, config, store=store, offline=offline)
    if response.status != 200 or not response.body:
        why = response.error or f"the server answered {response.status}"
        raise InputError(f"could not fetch the article {url}: {why}",
                         hint=hint_for_error_kind(response.error_kind))
    text, problems = decode_article(response.body, url)
    fmt = article_format or ("html" if "html" in response.content_type else None)
    article = article_from_text(text, url, fmt)
    article.problems[:0] = problems
    return article
