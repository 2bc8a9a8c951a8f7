"""Text normalisation for evidence search: tokens, light stemming, numbers, entities, passages."""

from __future__ import annotations

import re
from functools import lru_cache

from claimgraph.article.claims import split_sentences
from claimgraph.model import Passage

__all__ = [
    "STOPWORDS", "NEGATIONS", "tokens", "content_terms", "numbers", "entities", "stem",
    "split_passages", "bigrams",
]



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself nor of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves one its it's s t also well may might
    must shall via per upon within without among amongst however although though yet thus hence
    etc i.e e.g said says according"""
)
# Negation cues are kept out of the stopwords on purpose: they flip a sentence's meaning.
NEGATIONS = _words(
    """not no never none nobody nothing neither nor cannot can't won't don't doesn't didn't isn't
    aren't wasn't weren't hasn't haven't hadn't shouldn't wouldn't couldn't without false fails
    failed deny denies denied refute refutes refuted unfounded untrue incorrect myth"""
)
_WORD = re.compile(r"[^\W_][\w'’]*(?:[-‐‑–][^\W_][\w'’]*)*")
_HYPHENS = re.compile(r"[-‐‑–]")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_SUFFIXES = ("ational", "ization", "iveness", "fulness", "ousness", "ments", "ingly", "ation",
             "ness", "ment", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s")
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude suffix-stripping stem: enough to match 'trained'/'training'/'trains'."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; hyphenated words give their parts, possessive 's is dropped."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group(0).lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        out.extend(part.strip("'") for part in _HYPHENS.split(word) if part.strip("'"))
    return out


def content_terms(text: str) -> list[str]:
    """Stemmed tokens without stopwords: the words that carry a claim's content."""
    out = []
    for token in tokens(text):
        if token and token not in STOPWORDS:
            out.append(stem(token))
    return out


def numbers(text: str) -> set[str]:
    """Numbers in ``text`` with thousands separators removed ('1,000' -> '1000')."""
    return {m.group(0).replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}


def entities(text: str) -> set[str]:
    """Capitalised words not at a sentence start: a cheap stand-in for named entities."""
    found = set()
    words = list(_WORD.finditer(text))
    for index, match in enumerate(words):
        word = match.group(0)
        if not word[0].isupper() or word.lower() in STOPWORDS:
            continue
        before = text[: match.start()].rstrip()
        if index == 0 or before.endswith((".", "!", "?", ":", '"', "“")):
            continue
        for part in tokens(word):
            if len(part) > 1 and part not in _MONTHS and part not in STOPWORDS:
                found.add(stem(part))
    return found


def bigrams(terms: list[str]) -> set[tuple[str, str]]:
    """Adjacent pairs of content terms."""
    return set(zip(terms, terms[1:], strict=False))


def split_passages(text: str, max_chars: int = 600) -> list[Passage]:
    """Sentence passages with offsets into ``text``; long sentences are cut at word gaps."""
    passages: list[Passage] = []
    for line_start, line_end in _lines(text):
        for start, end in split_sentences(text[line_start:line_end]):
            start, end = start + line_start, end + line_start
            while end - start > max_chars:
                cut = text.rfind(" ", start, start + max_chars)
                cut = cut if cut > start else start + max_chars
                passages.append(Passage(text[start:cut], start, cut))
                start = cut + 1
            if text[start:end].strip():
                passages.append(Passage(text[start:end], start, end))
    return passages


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines: page text often puts one heading or item per line."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group(0).strip():
            spans.append((match.start(), match.end()))
    return spans
