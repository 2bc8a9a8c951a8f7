"""What kind of source a citation points to, as a fact-checker weighs it.

Kinds, strongest evidence first: ``primary`` (a paper, preprint, dataset or official report),
``news``, ``reference`` (an encyclopedia), ``blog`` (a blog post or essay), ``aggregator``
(listing, tag, search and SEO pages), ``forum`` (forums, Q&A and social posts), ``video``, and
``unknown``.

PRECEDENCE, first rule with an answer wins:

1. the page's own type (``SourceMetadata.type``: schema.org ``@type``, ``og:type``,
   ``citation_*`` tags, or the site adapter's answer, merged in extract/metadata.py)
2. the site adapter that knows the URL (arXiv, DOI → primary; Reddit, Hacker News → forum; …)
3. the URL's structure: work identifiers (DOI, arXiv-style ids), documents on government,
   academic or intergovernmental hosts, hosts and paths that mean a blog, a listing, a social
   network or a video platform
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from claimgraph.model import Source

__all__ = ["SOURCE_TYPES", "WEAK_TYPES", "source_type", "type_from_url", "type_from_schema"]

SOURCE_TYPES = ("primary", "news", "reference", "blog", "aggregator", "forum", "video", "unknown")
WEAK_TYPES = frozenset({"forum", "video"})  # support from these alone needs a better source

_SCHEMA = {
    "ScholarlyArticle": "primary", "MedicalScholarlyArticle": "primary", "Dataset": "primary",
    "Thesis": "primary", "Report": "primary", "Chapter": "primary", "Book": "primary",
    "NewsArticle": "news", "ReportageNewsArticle": "news", "AnalysisNewsArticle": "news",
    "OpinionNewsArticle": "news", "BackgroundNewsArticle": "news", "LiveBlogPosting": "news",
    "BlogPosting": "blog", "Blog": "blog", "TechArticle": "blog",
    "DiscussionForumPosting": "forum", "SocialMediaPosting": "forum", "QAPage": "forum",
    "Question": "forum", "Comment": "forum",
    "VideoObject": "video", "Clip": "video", "Movie": "video", "Episode": "video",
    "CollectionPage": "aggregator", "SearchResultsPage": "aggregator", "ItemList": "aggregator",
}
_ADAPTERS = {"arxiv": "primary", "doi": "primary", "hackernews": "forum", "reddit": "forum",
             "youtube": "video", "wikipedia": "reference"}
# Platforms whose whole purpose fixes the kind (the general, well-known ones only).
_SOCIAL_HOSTS = ("facebook.com", "twitter.com", "x.com", "instagram.com", "tiktok.com",
                 "linkedin.com", "threads.net", "mastodon.social", "bsky.app", "quora.com",
                 "stackexchange.com", "stackoverflow.com", "discord.com", "t.me")
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "dailymotion.com", "twitch.tv")
_BLOG_HOSTS = ("medium.com", "substack.com", "wordpress.com", "blogspot.com", "tumblr.com",
               "ghost.io", "github.io", "hashnode.dev", "dev.to")
_PREPRINT_PATH = re.compile(r"/(abs|pdf)/\d{4}\.\d{4,5}(v\d+)?|/content/10\.\d{4,9}/", re.I)
_DOI = re.compile(r"(^|/)10\.\d{4,9}/\S+")
_OFFICIAL_SUFFIX = re.compile(r"\.(gov|mil|edu|int)(\.[a-z]{2})?$|\.(gov|ac|edu|gc|govt)\.[a-z]{2}$")
_LISTING_PATH = re.compile(r"/(tag|tags|category|categories|topics?|search|archives?|feed)(/|$)",
                           re.I)
_BLOG_PATH = re.compile(r"(^|/)(blog|blogs|posts?|essays?|newsletter)(/|$)", re.I)
_NEWS_PATH = re.compile(r"(^|/)(news|press|press-releases?)(/|$)", re.I)
_FORUM_PATH = re.compile(r"(^|/)(forum|forums|threads?|discussions?|community|comments)(/|$)",
                         re.I)
_DOCUMENT = re.compile(r"\.(pdf|csv|xlsx?|zip|json)$", re.I)


def type_from_schema(schema_type: str | None) -> str | None:
    """The kind a schema.org type (or the metadata layer's type name) means, if it says."""
    return _SCHEMA.get((schema_type or "").rsplit("/", 1)[-1])


def _on(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def type_from_url(url: str) -> str:
    """The kind a URL's structure suggests (``unknown`` when it says nothing)."""
    from claimgraph.extract.adapters import adapter_for

    try:
        adapter = adapter_for(url)
    except ValueError:  # a malformed link (e.g. a stray "[") says nothing about its kind
        return "unknown"
    if adapter is not None and getattr(adapter, "NAME", "") in _ADAPTERS:
        return _ADAPTERS[adapter.NAME]
    try:
        parts = urlsplit(url)
        host_name = parts.hostname
    except ValueError:  # a malformed link (e.g. a stray "[") says nothing about its kind
        return "unknown"
    host = (host_name or "").lower().removeprefix("www.")
    path = parts.path or "/"
    if (_DOI.search(path.lstrip("/")) and host.endswith("doi.org")) or _PREPRINT_PATH.search(path):
        return "primary"
    if _on(host, _VIDEO_HOSTS):
        return "video"
    if _on(host, _SOCIAL_HOSTS) or host.startswith(("forum.", "forums.", "community.")):
        return "forum"
    if _OFFICIAL_SUFFIX.search(host) and (_DOCUMENT.search(path) or "/reports" in path.lower()):
        return "primary"
    if _LISTING_PATH.search(path):
        return "aggregator"
    if _on(host, _BLOG_HOSTS) or host.startswith("blog.") or _BLOG_PATH.search(path):
        return "blog"
    if _FORUM_PATH.search(path):
        return "forum"
    if host.startswith("news.") or _NEWS_PATH.search(path):
        return "news"
    return "unknown"


def source_type(source: Source) -> str:
    """The kind of a cited source: as stored on it, else by this module's precedence."""
    if source.source_type in SOURCE_TYPES:
        return source.source_type
    by_page = type_from_schema(source.metadata.type)
    if by_page:
        return by_page
    return type_from_url(source.final_url or source.url)
