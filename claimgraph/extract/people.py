"""Person names: split author strings, turn "Last, First" around, drop bylines' glue words."""

from __future__ import annotations

import html
import re
import unicodedata

_GLUE = re.compile(
    r"^\s*(by|written by|posted by|authors?|von|vom|par|por|di|door|av|story by|words by)"
    r"\s*[:\-–]?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:;|\||\band\b|&|\bund\b|\bet\b|\by\b|\n|·|•)\s*", re.IGNORECASE)
_NOT_A_NAME = re.compile(
    r"(https?://|www\.|@\w|\d{3,}|\b(staff|editor|editors|team|admin|updated|published|"
    r"posted|min read|follow|subscribe|share|comments?|contributor|reporter|correspondent|"
    r"news|press|agency|desk|writer|columnist|photographer|journalist|redakteur|redakteurin|"
    r"experte|expertin|expert|sagt|says|kommentar|"
    # byline labels standing alone (author, date, source, text, photo in the six languages)
    r"autor|autorin|auteur|autore|auteurs|autores|auteurs?|text|texte|datum|quelle|fuente|"
    r"source|fonte|bron|foto|fotos|photo|photos|bild|collectif|redacción|redazione|"
    # legal forms name organisations, not people
    r"gmbh|e\.\s?v|inc|ltd|llc|plc|corp|s\.\s?a|kg|ag)\b|"
    r"^\S+\.[a-z]{2,6}$|"  # a domain name is a site, not a person
    r"\d{1,2}[/:.]\d{2}|^(in|on|im|am|dans|en)\s)",
    re.IGNORECASE,
)
PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "del", "la", "le", "du", "bin", "al",
             "y", "e", "dos", "das", "do", "ten", "ter", "zu", "v."}


_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TRAILING_DATE = re.compile(
    rf"(\s+|\b)(on\s+)?({_MONTH}\s+\d{{1,2}}\b|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}).*$",
    re.IGNORECASE,
)


# A one-word label before a colon ("Author:", "Autorin:", "Text:", "Interview:").
_LABEL = re.compile(r"^[^\W\d_]{2,20}\s*:\s+(?=\S)")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", html.unescape(text)).replace("\xa0", " ")
    text = _TRAILING_DATE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" \t,.;:-–—|")
    text = _LABEL.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _GLUE.sub("", text).strip()
    return text


def _looks_like_name(text: str, single: bool = False) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 6 or _NOT_A_NAME.search(text):
        return False
    if len(words) == 1 and text.isascii() and not single:
        return False  # a lone word is a handle or a site name more often than a person
    return any(ch.isalpha() for ch in text)


def flip_last_first(text: str) -> str:
    """'Greenblatt, Ryan' -> 'Ryan Greenblatt'; anything else is returned unchanged."""
    if text.count(",") != 1:
        return text
    last, first = (part.strip() for part in text.split(","))
    if not last or not first or len(last.split()) > 3 or len(first.split()) > 3:
        return text
    if re.search(r"\b(jr|sr|ii|iii|iv|phd|md)\.?$", first, re.IGNORECASE):
        return f"{last} {first}"
    return f"{first} {last}"


def split_people(value: str, *, last_first: bool = False, single: bool = False) -> list[str]:
    """Person names in one author string; ``last_first`` when each value is 'Last, First'.

    ``single`` accepts a lone word (a handle such as "gnaddrig"): right where the page marks the
    string as its author, too loose in free text.
    """
    value = _clean(value)
    if not value:
        return []
    if last_first:
        return [name for name in [_clean(flip_last_first(value))]
                if _looks_like_name(name, single)]
    names: list[str] = []
    for part in _SPLIT.split(value):
        part = _clean(part)
        if not part:
            continue
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) == 2 and len(pieces[0].split()) == 1 and len(pieces[1].split()) <= 2:
            pieces = [flip_last_first(part)]  # "Jong, Michiel de": one person, last name first
        for piece in pieces:
            piece = re.sub(r"\s*\(.*?\)\s*", " ", piece).strip()
            if _looks_like_name(piece, single):
                names.append(piece)
    return names


def tidy_people(names: list[str]) -> list[str]:
    """Deduplicate names (case- and accent-insensitively), keeping the first spelling."""
    seen: set[str] = set()
    result = []
    for name in names:
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            result.append(_title_case(name))
    return result


def _title_case(name: str) -> str:
    if name.isupper() and len(name) > 3:
        return " ".join(
            w.lower() if w.lower() in PARTICLES else w.capitalize() for w in name.split()
        )
    return name


def name_key(name: str) -> str:
    """A comparison key for a person name: folded case and accents, sorted words."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"\w+", folded)
    return " ".join(sorted(words))
