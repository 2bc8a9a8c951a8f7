"""One HTML reference-list entry → an Endnote: title, authors, date, links, identifiers.

Precedence for each field, first that gives a value wins:
1. COinS metadata (``span.Z3988``), which citation templates embed for machines;
2. the ``<cite>`` markup (quoted title, ``<i>`` work title, links by role);
3. heuristics on the entry's plain text (quoted title, leading authors, first date).
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, unquote

from bs4 import Tag

from claimgraph.article.readers._refparse import (
    absolute_url,
    find_date,
    identifiers_from_text,
    identifiers_from_url,
    is_archive_url,
    leading_authors,
    original_from_archive,
    parse_date,
    quoted_title,
)
from claimgraph.article.readers._textbuild import fold_space
from claimgraph.model import Endnote

_IDENTIFIER_HOSTS = re.compile(
    r"(?:^|//)(?:dx\.)?doi\.org/|ncbi\.nlm\.nih\.gov/(?:pubmed|pmc)|pubmed\.ncbi|adsabs\.harvard"
    r"|jstor\.org/stable|worldcat\.org|hdl\.handle\.net|api\.semanticscholar|zbmath|ams\.org/mathscinet"
    r"|BookSources/|/wiki/",
    re.I,
)
_NOT_DATE = re.compile(
    r"(?:Archived|Retrieved|Accessed|Last accessed)\b[^.]*?(?:\d{4})\b|\bRetrieved\b.*$", re.I
)

__all__ = ["entry_endnote", "coins_fields"]


def coins_fields(item: Tag) -> dict[str, list[str]]:
    """The key/value pairs of the first COinS span inside ``item``."""
    span = item.find("span", class_="Z3988")
    if span is None or not span.get("title"):
        return {}
    return parse_qs(str(span["title"]))


def _cite_text(cite: Tag) -> str:
    """The citation's text without access dates (so the first date is the work's)."""
    parts = [
        str(s)
        for s in cite.find_all(string=True)
        if not any("reference-accessdate" in (p.get("class") or []) for p in s.parents if p is not cite)
    ]
    return fold_space("".join(parts))


def _coins_authors(coins: dict[str, list[str]]) -> list[str]:
    authors = [fold_space(a) for a in coins.get("rft.au", [])]
    last, first = coins.get("rft.aulast"), coins.get("rft.aufirst")
    if last:
        name = fold_space(f"{first[0] if first else ''} {last[0]}")
        if name not in authors:
            authors.insert(0, name)
    return authors


def _links(item: Tag) -> list[tuple[str, str, str]]:
    """(absolute URL or "", raw href, link text) for each link of the entry, in order.

    Relative links are the site's own navigation (wiki pages, tags), never the cited work.
    """
    found = []
    for anchor in item.find_all("a", href=True):
        if any("mw-cite-backlink" in (p.get("class") or []) for p in anchor.parents):
            continue
        href = str(anchor["href"])
        found.append((absolute_url(href) or "", href, fold_space(anchor.get_text(" "))))
    return found


def entry_endnote(item: Tag, text: str) -> Endnote:
    """An Endnote (number 0, no section yet) from a reference list item and its rendered text."""
    cite = item.find("cite") or item
    coins = coins_fields(item)
    links = _links(item)
    identifiers: dict[str, str] = {}
    for url, href, _ in links:
        for name, value in identifiers_from_url(url or href).items():
            identifiers.setdefault(name, value)
    for name, value in identifiers_from_text(text).items():
        identifiers.setdefault(name, value)
    for rft_id in coins.get("rft_id", []):
        if rft_id.startswith("info:doi/"):
            identifiers.setdefault("doi", unquote(rft_id[9:]))
    raw_url, archive_url = _main_links(links, coins)
    cite_text = _cite_text(cite) if cite is not item else text
    anchor = item.find(attrs={"id": True}) or item.find("a", attrs={"name": True})
    key = item.get("id") or (anchor.get("id") or anchor.get("name") if anchor else None)
    return Endnote(
        number=0,
        section="",
        key=str(key) if key else None,
        title=_title(cite, coins, cite_text, links),
        raw_url=raw_url,
        archive_url=archive_url,
        identifiers=identifiers,
        published=_published(coins, cite_text),
        published_from="citation" if _published(coins, cite_text) else None,
        authors=_coins_authors(coins) or leading_authors(cite_text),
        text=text,
        links=list(dict.fromkeys(url for url, _, _ in links if url)),
    )


def _main_links(
    links: list[tuple[str, str, str]], coins: dict[str, list[str]]
) -> tuple[str | None, str | None]:
    """The entry's main link and its archived copy (the original, never the archive, is main)."""
    external = [(url, label) for url, _, label in links if url]
    archive = next((url for url, _ in external if is_archive_url(url)), None)
    plain = [(url, label) for url, label in external if not is_archive_url(url)]
    if archive:
        original = next((url for url, label in plain if "original" in label.lower()), None)
        if original is None:
            original = next(
                (u for u in coins.get("rft_id", []) if u.startswith("http") and not is_archive_url(u)),
                None,
            )
        return original or original_from_archive(archive), archive
    main = next((url for url, _ in plain if not _IDENTIFIER_HOSTS.search(url)), None)
    if main is None and plain:
        main = next((url for url, _ in plain if "doi.org/" in url), plain[0][0])
    if main is None:
        main = next((u for u in coins.get("rft_id", []) if u.startswith("http")), None)
    return main, None


def _title(
    cite: Tag, coins: dict[str, list[str]], cite_text: str, links: list[tuple[str, str, str]]
) -> str | None:
    for field in ("rft.atitle", "rft.btitle", "rft.title"):
        if coins.get(field) and "\ufffd" not in coins[field][0]:  # not mis-encoded
            return fold_space(html.unescape(coins[field][0])).rstrip(".,")
    quoted = quoted_title(cite_text)
    if quoted and (cite.name == "cite" or _cited_as_title(quoted, cite_text)):
        return quoted
    italic = cite.find(["i", "em"])
    if italic is not None and len(italic.get_text(strip=True)) > 2:
        work = fold_space(italic.get_text(" "))
        if cite.name == "cite" or _cited_as_title(work, cite_text, quoted=False):
            return work
    for url, _, label in links:
        if _could_be_title(url, label):
            return label
    return None


def _published(coins: dict[str, list[str]], cite_text: str) -> str | None:
    if coins.get("rft.date"):
        stated = parse_date(coins["rft.date"][0])
        if stated:
            return stated
    return find_date(_NOT_DATE.sub(" ", cite_text))


def _could_be_title(url: str, label: str) -> bool:
    """Whether a link's text can stand as the cited work's title."""
    if not url or len(label) <= 3 or re.match(r"^(https?://|www\.|\d)|^[\w.-]+\.[a-z]{2,}/?$", label):
        return False
    return not _IDENTIFIER_HOSTS.search(url) and label.lower() not in ("the original", "archived")


def _cited_as_title(title: str, text: str, quoted: bool = True) -> bool:
    """Whether a quoted or italic phrase reads as a cited title, not as a word in a prose note.

    A title comes early in an entry, after the authors or date, and is closed by punctuation:
    "Title". / "Title", / "Title" (…) / *Title*. — a phrase inside a sentence is not one.
    """
    at = text.find(title)
    if at < 0 or at > 120:
        return False
    before = text[: at - 1 if quoted else at].rstrip()
    if before and before[-1] not in ".:;,)":
        return False
    close = r"[\"”]" if quoted else ""
    after = text[at + len(title) :]
    return bool(re.match(rf"^[.,?!]?{close}(?:[.,:;(]|\s+\(|$)", after))
