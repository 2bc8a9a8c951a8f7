"""Layers read from a page's visible markup: bylines, htmldate's date, <title>, and the URL."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from htmldate import find_date
from lxml.html import HtmlElement

from claimgraph.extract.dates import to_iso
from claimgraph.extract.people import PARTICLES as _PARTICLES
from claimgraph.extract.people import split_people, tidy_people
from claimgraph.extract.tree import PageIndex, element_text, mark_names

logging.getLogger("htmldate").setLevel(logging.ERROR)

Layer = dict[str, Any]
# The word that introduces a byline, by the page's language (BCP 47 primary subtag).
BYLINE_WORDS = {"en": "by", "de": "von", "fr": "par", "es": "por", "it": "di", "nl": "door",
                "pt": "por", "sv": "av", "da": "af", "no": "av", "nb": "av"}
# Semantic markup for authors, strongest first: schema.org itemprop=author, HTML rel=author,
# hCard's fn inside a vcard, the byline/author class-name convention (and NITF's <byline>
# element, which news systems leave in the HTML they render), HTML's <address>.
_ITEMPROP, _REL, _VCARD, _BYLINE, _AUTHOR_CLASS, _ADDRESS = range(6)
_NAME_PART = ".//*[@itemprop and contains(concat(' ', normalize-space(@itemprop), ' '), ' name ')]"
_SKIP_TAGS = {"script", "style", "img", "meta", "link", "body", "html", "head", "article",
              "section", "main", "form", "ul", "ol", "nav", "footer"}
# Comment threads name their commenters, and teasers of other articles their authors, with the
# same markup as the article's own author; HTML's aside and nav are not the article.
_ELSEWHERE = re.compile(r"comment|\brepl(y|ies)\b|discussion|kommentar|related|teaser|"
                        r"sidebar|widget|recommend", re.IGNORECASE)
_ELSEWHERE_TAGS = {"aside", "nav"}


def _kind(element: HtmlElement) -> int | None:
    if " author " in f" {element.get('itemprop') or ''} ".lower():
        return _ITEMPROP
    if element.tag == "a" and " author " in f" {element.get('rel') or ''} ".lower():
        return _REL
    classes = (element.get("class") or "").lower()
    if " fn " in f" {classes} " and element.xpath("ancestor::*[contains(@class, 'vcard')]"):
        return _VCARD
    names = mark_names(element)
    if "byline" in names or element.tag == "byline":
        return _BYLINE
    if "author" in names:
        return _AUTHOR_CLASS
    if element.tag == "address" and element.xpath("ancestor::article"):
        return _ADDRESS
    return None


def elsewhere(element: HtmlElement, scope: frozenset[HtmlElement] = frozenset()) -> bool:
    """True inside comments, teasers of other articles, or an aside or nav.

    ``scope`` holds the elements enclosing the article's headline: a region that contains the
    headline is the article's own, whatever its class says. Classes on <body> and <html>
    describe the whole page's layout ("one-sidebar"), not a region.
    """
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html") or ancestor in scope:
            break
        if ancestor.tag in _ELSEWHERE_TAGS or _ELSEWHERE.search(
                f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"):
            return True
    return False


def outside_article(element: HtmlElement, scope: frozenset[HtmlElement] = frozenset()) -> bool:
    """``elsewhere``, with the element's own class and id counted too."""
    return bool(_ELSEWHERE.search(mark_names(element))) or elsewhere(element, scope)


def headline_scope(page: PageIndex) -> frozenset[HtmlElement]:
    """The elements that enclose the article's headline (see ``headline``)."""
    heading = headline_element(page)
    return frozenset(heading.iterancestors()) if heading is not None else frozenset()


def page_language(page: PageIndex) -> str | None:
    """The page's declared language (<html lang>, or a content-language meta)."""
    tree = page.tree
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = lang or page.content_language
    return lang.strip() if lang and lang.strip() else None


def _element_names(element: HtmlElement) -> list[str]:
    if element.tag in _SKIP_TAGS:
        return []
    names = element.xpath(_NAME_PART) if element.get("itemprop") else []
    texts = [n.get("content") or element_text(n) for n in names] or [
        element.get("content") or element_text(element)]
    if _LABEL_ONLY.match(texts[0]) and (element.tail or "").strip():
        texts = [element.tail.strip()]  # <span>Autor:</span> Ada Lovelace
    found: list[str] = []
    for text in texts:
        if text and len(text) <= 100:
            found += [n for n in split_people(_after_last_glue(text), single=True)
                      if len(n.split()) == 1 or capitalised_name(n)]
    return found


_LABEL_ONLY = re.compile(r"^[^\W\d_]{2,20}\s*:$")


def _after_last_glue(text: str) -> str:
    """'View all posts by Ada Lovelace' -> 'Ada Lovelace': a link label before the name."""
    words = "|".join(sorted(set(BYLINE_WORDS.values()) | {"of"}))
    parts = re.split(rf"\b(?:{words})\s+", text, flags=re.IGNORECASE)
    return parts[-1] if len(parts) > 1 and len(parts[0].split()) >= 2 else text


def _markup_authors(page: PageIndex) -> list[str]:
    found: dict[int, list[HtmlElement]] = {}
    scope = headline_scope(page)
    for element in page.byline_marks:
        kind = _kind(element)
        if kind is None or elsewhere(element, scope):
            continue
        if len(found.setdefault(kind, [])) < 4:
            found[kind].append(element)
    for kind in sorted(found):
        authors = [name for element in found[kind] for name in _element_names(element)]
        if any(" " in name for name in authors):
            # Beside a full name, lone words in the same markup are tags or labels, not people.
            authors = [name for name in authors if " " in name]
        if authors:
            return tidy_people(authors)
    return []


def byline_words(language: str | None) -> list[str]:
    """The byline word of the page's language, or every one when the language is unknown."""
    primary = (language or "").split("-")[0].lower()
    return [BYLINE_WORDS[primary]] if primary in BYLINE_WORDS else sorted(set(BYLINE_WORDS.values()))


def _text_authors(tree: HtmlElement, language: str | None) -> list[str]:
    """Short elements whose text opens with the page language's byline word ("By …")."""
    words = byline_words(language)
    opener = re.compile(rf"^\s*({'|'.join(words)})\s*:?\s+\S", re.IGNORECASE)
    body = tree.find("body")
    for element in (body if body is not None else tree).iter("p", "span", "div", "strong", "em",
                                                            "b", "small", "li", "header"):
        text = element.text or ""
        alone = text.strip().lower() in words
        if alone and len(element) == 0 and element.getparent() is not None:
            # "<span>By</span><span><a>Ada Lovelace</a></span>": the word in an element of its
            # own, the name in its next sibling; the byline is the parent holding both.
            element = element.getparent()
        elif not opener.match(text) and not alone:
            # neither "By Ada …" nor "<em>Von <span>Ada Lovelace</span></em>"
            continue
        full = element_text(element)
        if len(full) <= 80 and opener.match(full):
            names = [n for n in split_people(full) if capitalised_name(n)]
            if names:
                return tidy_people(names)
    return []


def capitalised_name(name: str) -> bool:
    """Every word of a name written in free text starts upper-case (particles aside)."""
    words = name.split()
    return len(words) >= 2 and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)


# The word "author" as a label before a colon, in the languages of BYLINE_WORDS: the credit line
# convention of print ("Autor: Ada Lovelace", "<strong>Auteure :</strong> <a>Ada Lovelace</a>").
_AUTHOR_LABEL_WORDS = (
    "authors?", "autor", "autorin", "autoren", "autorinnen", "auteure?s?", "autore", "autori",
    "autora", "autoras", "autores", "auteur·e", "forfatter", "författare", "skrevet af",
    "geschreven door")
_AUTHOR_LABEL = re.compile(rf"^\s*({'|'.join(_AUTHOR_LABEL_WORDS)})\s*:\s*(.*)$",
                           re.IGNORECASE | re.DOTALL)
# Their first letters: a cheap test before the regex, on every element's text.
_LABEL_INITIALS = frozenset(c for word in _AUTHOR_LABEL_WORDS for c in (word[0], word[0].upper()))
_LABEL_TAGS = ("p", "span", "div", "strong", "b", "em", "small", "li", "dt", "th", "td", "label")


def _label_authors(page: PageIndex) -> list[str]:
    """Names after an "Author:" label, in the same element or right after it.

    The label alone in its own element ("<strong>Autor:</strong> <a>Ada</a>") takes the text
    that follows it up to the next line break; never in comments, teasers, aside or nav.
    """
    body = page.tree.find("body")
    scope: frozenset[HtmlElement] | None = None
    for element in (body if body is not None else page.tree).iter(*_LABEL_TAGS):
        text = element.text or ""
        if text.lstrip()[:1] not in _LABEL_INITIALS:
            continue
        match = _AUTHOR_LABEL.match(text if len(element) == 0 else text + " ")
        if not match:
            continue
        if scope is None:
            scope = headline_scope(page)
        if elsewhere(element, scope):
            continue
        if match.group(2).strip():
            full = element_text(element)
            rest = _AUTHOR_LABEL.match(full)
            following = rest.group(2) if rest else ""
        else:
            following = _text_after(element)
        if following and len(following) <= 100:
            names = [n for n in split_people(following) if capitalised_name(n)]
            if names:
                return tidy_people(names)
    return []



def _text_after(element: HtmlElement) -> str:
    """The text after an element, in its parent, up to the next <br> or block."""
    parts = [element.tail or ""]
    for sibling in element.itersiblings():
        if sibling.tag in ("br", "p", "div", "li", "hr", "table", "ul", "ol"):
            break
        parts += [element_text(sibling), sibling.tail or ""]
        if sum(len(p) for p in parts) > 100:
            break
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def byline_layer(page: PageIndex) -> Layer:
    """Authors from semantic byline markup, else from a "By …" line in the page's language,
    else from an "Author:" label."""
    authors = (_markup_authors(page) or _text_authors(page.tree, page_language(page))
               or _label_authors(page))
    return {"authors": authors}


def htmldate_layer(tree: HtmlElement, url: str) -> Layer:
    """The published date htmldate finds in the same tree.

    Its extensive search (free text, after its quick search finds nothing) is on: on the dev half
    of metadata-eval it took date accuracy from 0.842 to 0.876 (benchmarks/metadata_accuracy.py).
    """
    try:
        found = find_date(tree, original_date=True, extensive_search=True, url=url)
    except Exception:  # noqa: BLE001 - htmldate fails in many ways on odd markup
        found = None
    return {"published": to_iso(found)} if found else {}


def headline_element(page: PageIndex) -> HtmlElement | None:
    """The page's first non-empty <h1> (inside <article> or <main> when there is one)."""
    for inside in ("article", "main", None):
        for heading in page.headings:
            inside_ok = inside is None or any(a.tag == inside for a in heading.iterancestors())
            if inside_ok and element_text(heading):
                return heading
    return None


def headline(page: PageIndex) -> str | None:
    """The text of the page's headline <h1> (see ``headline_element``)."""
    heading = headline_element(page)
    return element_text(heading) if heading is not None else None


def html_layer(page: PageIndex) -> Layer:
    """The <title> (or the first <h1>) and the <html lang>."""
    text = element_text(page.title) if page.title is not None else ""
    return {"title": text or headline(page), "language": page_language(page)}


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|[-_.]|$)")


def url_layer(url: str) -> Layer:
    """A full date written in the URL's path (/2019/01/03/), and the host as the site."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    published = None
    for pattern in (_URL_DATE, _URL_COMPACT):
        match = pattern.search(path)
        if match:
            published = to_iso("-".join(match.groups()))
            if published:
                break
    return {"published": published, "site": parts.hostname}
