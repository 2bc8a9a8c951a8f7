"""HTML articles: Wikipedia pages (reference markers and lists) and generic pages (inline links)."""

from __future__ import annotations

import logging
import re
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.article.readers._html_depth import MAX_NESTING, cap_nesting
from claimgraph.article.readers._numbered import cite_listed_works
from claimgraph.article.readers._refparse import identifiers_from_url, parse_date
from claimgraph.article.readers._textbuild import (
    InlineBuffer,
    TextBuilder,
    empty_reference_sections,
    fold_space,
    url_domain,
)
from claimgraph.article.readers.base import ReadResult
from claimgraph.model import Endnote

if TYPE_CHECKING:  # bs4 and the walker load when a page is read, not when a format is sniffed
    from bs4 import BeautifulSoup, Tag

    from claimgraph.article.readers._html_walk import Profile

# lxml is faster and reports broken nesting; html.parser is the fallback. Only looked up here: lxml
# loads when a page is read, not when every format sniffs a plain-text article.
PARSER = "lxml" if find_spec("lxml") is not None else "html.parser"

# Where a page's publication date comes from, first match wins.
DATE_SOURCES = (
    ("meta", "property", "article:published_time"),
    ("meta", "name", "citation_publication_date"),
    ("meta", "name", "dc.date.issued"),
    ("meta", "name", "dc.date"),
    ("meta", "name", "date"),
    ("meta", "itemprop", "datePublished"),
    ("json-ld", "datePublished", ""),
    ("time", "itemprop", "datePublished"),
    ("time", "pubdate", ""),
    ("time", "datetime", ""),
)
_MAIN_SELECTORS = ("article", "main", "[role=main]", "#content", ".post-content", ".entry-content")

__all__ = ["HtmlReader", "DATE_SOURCES"]

_LOG = logging.getLogger(__name__)


def _nesting_problems(text: str) -> list[str]:
    """A parser note when closing tags do not match what is open (the parse is lenient anyway)."""
    if PARSER != "lxml":
        return []
    from lxml import etree

    parser = etree.HTMLParser(recover=True)
    try:
        etree.fromstring(text.encode("utf-8", "replace"), parser)
    except (etree.LxmlError, ValueError):
        return ["the HTML could not be checked for broken nesting"]
    errors = [e for e in parser.error_log if e.type_name == "ERR_TAG_NAME_MISMATCH"]
    if not errors:
        return []
    first = errors[0]
    return [
        f"broken HTML nesting: {len(errors)} closing tag(s) do not match the open element "
        f"(first at line {first.line}: {first.message.strip()}); the page was parsed leniently"
    ]


def _attr(tag: Tag | None, name: str) -> str | None:
    value = tag.get(name) if tag is not None else None
    return str(value).strip() if value else None


def _published(soup: BeautifulSoup) -> str | None:
    """The page's publication date, trying ``DATE_SOURCES`` in order."""
    for kind, attribute, value in DATE_SOURCES:
        stated: str | None = None
        if kind == "meta":
            tag = soup.find("meta", attrs={attribute: re.compile(f"^{re.escape(value)}$", re.I)})
            stated = _attr(tag, "content")
        elif kind == "time":
            tag = soup.find("time", attrs={attribute: value or True})
            stated = _attr(tag, "datetime") or (tag.get_text(strip=True) if tag else None)
        else:
            stated = _json_ld_date(soup, attribute)
        date = parse_date(stated)
        if date:
            return date
    return None


def _json_ld_date(soup: BeautifulSoup, field: str) -> str | None:
    for script in soup.find_all("script", type="application/ld+json"):
        match = re.search(rf'"{field}"\s*:\s*"([^"]+)"', script.string or "")
        if match:
            return match.group(1)
    return None


def _main_container(soup: BeautifulSoup) -> Tag:
    candidates = [tag for selector in _MAIN_SELECTORS for tag in soup.select(selector)]
    if candidates:
        return max(candidates, key=lambda tag: len(tag.get_text(" ", strip=True)))
    return soup.body or soup


def _title(soup: BeautifulSoup, container: Tag, wiki: bool) -> str:
    heading = soup.find(id="firstHeading") if wiki else None
    heading = heading or container.find("h1") or soup.find("h1")
    for candidate in (
        heading.get_text(" ") if heading else None,
        _attr(soup.find("meta", property="og:title"), "content"),
        soup.title.get_text(" ") if soup.title else None,
    ):
        if candidate and fold_space(candidate):
            return fold_space(candidate)
    return ""


class HtmlReader:
    """Wikipedia articles and generic web pages."""

    name = "html"

    def sniff(self, text: str, location: str) -> float:
        """How likely (0..1) it is that ``text`` is HTML."""
        if Path(location).suffix.lower() in (".html", ".htm", ".xhtml"):
            return 0.95
        head = text[:5000].lstrip().lower()
        if head.startswith(("<!doctype html", "<html")):
            return 0.95
        tags = len(re.findall(r"</?(?:p|div|a|span|h[1-6]|li|body|article)\b", text[:20000], re.I))
        return min(0.9, tags / 20)

    def read(self, text: str, location: str) -> ReadResult:
        """Parse an HTML page into text, blocks, citations and endnotes."""
        from bs4 import BeautifulSoup

        from claimgraph.article.readers._html_profiles import GenericProfile, WikipediaProfile
        from claimgraph.article.readers._html_walk import HtmlWalker

        text, depth = cap_nesting(text)
        problems = []
        if depth > MAX_NESTING:
            problems.append(
                f"the HTML nests {depth} elements deep, over the {MAX_NESTING} the reader walks; "
                "elements below that depth were read as plain text"
            )
        notes = _nesting_problems(text)  # recovered by the lenient parse: nothing is lost
        for note in notes:
            _LOG.debug("%s: %s", location, note)
        soup = BeautifulSoup(text, PARSER)
        wiki = soup.select_one(".mw-parser-output") or soup.select_one("#mw-content-text")
        container = wiki or _main_container(soup)
        profile: Profile = WikipediaProfile() if wiki else GenericProfile()
        profile.prepare(container)
        title = _title(soup, container, wiki is not None)
        builder = TextBuilder()
        if title and container.find("h1") is None:
            builder.heading(title, 1, "body")
        walker = HtmlWalker(builder, profile)
        walker.walk(container)
        endnotes = walker.endnotes
        if wiki is None:
            endnotes += _link_endnotes(builder, endnotes)
        for number, note in enumerate(endnotes, start=1):
            note.number = number
        problems += _check(builder, endnotes, wiki is not None)
        problems += _unplaced(walker.unplaced, builder, endnotes)
        return ReadResult(
            text=builder.text(),
            title=title,
            format=self.name,
            published=None if wiki else _published(soup),
            sections=builder.sections,
            blocks=builder.blocks,
            citations=builder.citations,
            endnotes=endnotes,
            problems=problems,
            notes=notes,
        )


def _link_endnotes(builder: TextBuilder, listed: list[Endnote]) -> list[Endnote]:
    """One endnote per distinct linked work not in a reference list (section "Links").

    A body link naming the work of a listed entry (same arXiv id, DOI or canonical URL) is a
    citation of that entry, never a new endnote.
    """
    keys = {note.key for note in listed if note.key}
    for note in listed:  # a keyless entry is named by its link, so inline links can reach it
        if note.key is None and note.raw_url and note.raw_url not in keys:
            note.key = note.raw_url
            keys.add(note.raw_url)
    cite_listed_works(builder.citations, listed)
    new: dict[str, Endnote] = {}
    for citation in builder.citations:
        url = citation.key or ""
        if not url.startswith(("http://", "https://")) or url in keys:
            continue
        new.setdefault(
            url,
            Endnote(
                number=0,
                section="Links",
                key=url,
                raw_url=url,
                snippet=citation.label or None,
                identifiers=identifiers_from_url(url),
                text=url,
            ),
        )
    if new:
        builder.heading("Links", 2, "endnotes")
        for note in new.values():
            buffer = InlineBuffer()
            buffer.add_text(note.text)
            span = builder.entry(buffer)
            if span is not None:
                note.start, note.end = span
    return list(new.values())


def _unplaced(markers: list[str], builder: TextBuilder, endnotes: list[Endnote]) -> list[str]:
    """Say so when numbered markers or a reference heading have no list the reader could place."""
    builder.text()  # closes the open sections, so their spans are final
    problems: list[str] = []
    if markers:
        examples = ", ".join(dict.fromkeys(markers[:3]))
        problems.append(
            f"{len(markers)} numbered citation marker(s) (e.g. {examples}) but no numbered reference list "
            "could be placed ([n] paragraphs, a footnote list, or an ordered list under a References "
            "heading); they were left as text"
        )
    problems += empty_reference_sections(builder, endnotes)
    return problems


def _check(builder: TextBuilder, endnotes: list[Endnote], wiki: bool) -> list[str]:
    """Fill citation domains from their endnotes; describe what does not add up."""
    problems: list[str] = []
    by_key = {note.key: note for note in endnotes if note.key}
    missing: list[str] = []
    for citation in builder.citations:
        note = by_key.get(citation.key or "")
        if note is None:
            missing.append(citation.key or citation.label)
        elif citation.domain is None:
            citation.domain = url_domain(note.raw_url)
    if not builder.blocks:
        problems.append("no paragraphs or list items found in the page body")
    if not endnotes:
        problems.append(
            "no reference list or links found: nothing on the page is cited"
            if not builder.citations
            else "citation markers found but no reference list: markers cannot be matched"
        )
    elif missing:
        examples = ", ".join(sorted(set(missing))[:3])
        problems.append(
            f"{len(missing)} citation marker(s) point to no entry of the reference lists (e.g. {examples})"
        )
    if wiki and not any(s.kind == "endnotes" for s in builder.sections):
        problems.append("no References section found on this Wikipedia page")
    return problems
