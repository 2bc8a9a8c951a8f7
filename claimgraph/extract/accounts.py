"""Authors that name an account or the publisher, not a person, and the person a byline names.

Blog systems publish an account's display name ("Ada") or login ("adalovelace") as the author,
and many sites put their own name in the author field; the visible byline names the person.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from claimgraph.extract.byline import (
    byline_layer,
    byline_words,
    capitalised_name,
    headline_scope,
    outside_article,
    page_language,
)
from claimgraph.extract.people import split_people, tidy_people
from claimgraph.extract.tree import PageIndex


def people_for_accounts(page: PageIndex, authors: list[str], site: str | None) -> list[str]:
    """``authors`` with account names and the publisher's name replaced by the people the page's
    own byline names; unchanged when the byline names nobody who fits.

    - A one-word author gives way to a full name that starts with it ("Ada" -> "Ada Lovelace")
      or is it with the spaces taken out ("adalovelace"), from the byline markup or after a
      byline word in the article's text ("Eine Kolumne von Ada Lovelace").
    - An author that is the site's own name gives way to the persons the byline markup names.
    """
    one_word = [name for name in authors if " " not in name]
    publisher = [name for name in authors if _is_site(name, site)]
    if not one_word and not publisher:
        return authors
    bylines = [name for name in byline_layer(page).get("authors", []) if capitalised_name(name)
               and not _is_site(name, site)]
    if publisher and bylines and len(publisher) == len(authors):
        return bylines
    if not one_word:
        return authors
    texts = _article_texts(page)
    words = byline_words(page_language(page))
    completed = [(_account_holder(name, bylines) or _named_after_byline_word(name, texts, words))
                 if " " not in name else None for name in authors]
    return tidy_people([full or name for full, name in zip(completed, authors, strict=True)])


def _is_site(name: str, site: str | None) -> bool:
    return bool(site) and _letters(name) == _letters(site or "")


def _letters(name: str) -> str:
    return re.sub(r"\W|_", "", name.casefold())


def _account_holder(account: str, people: list[str]) -> str | None:
    """The person an account name stands for: their first name, or their name run together."""
    for person in people:
        if person.split()[0].casefold() == account.casefold() or _letters(person) == _letters(account):
            return person
    return None


def _article_texts(page: PageIndex) -> list[str]:
    """Short texts of the article: never in comments, teasers, aside or nav."""
    scope = headline_scope(page)
    body = page.tree.find("body")
    return [text for element in
            (body if body is not None else page.tree).iter("p", "span", "strong", "em", "b", "div")
            if (text := _short_text(element, 120)) and not outside_article(element, scope)]


def _short_text(element: HtmlElement, limit: int) -> str | None:
    """The element's text when it is at most ``limit`` characters; stops reading past it."""
    parts: list[str] = []
    size = 0
    for part in element.itertext():
        size += len(part.strip())
        if size > limit:
            return None
        parts.append(part)
    return " ".join(" ".join(parts).split())


def _named_after_byline_word(first: str, texts: list[str], words: list[str]) -> str | None:
    pattern = re.compile(rf"\b(?:{'|'.join(words)})\s+({re.escape(first)}(?:\s+[^\W\d_][\w'’-]*){{1,2}})",
                         re.IGNORECASE)
    for text in texts:
        for match in pattern.finditer(text):
            names = [n for n in split_people(match.group(1)) if capitalised_name(n)]
            if names and names[0].split()[0].lower() == first.lower():
                return names[0]
    return None
