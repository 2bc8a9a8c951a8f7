"""Seeded, bounded fuzzing: no reader, no article pipeline step and no URL cleaner raises but InputError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from claimgraph.article.load import article_from_text
from claimgraph.article.readers import READERS, decode_article, detect_format, get_reader
from claimgraph.article.urls import canonical_url, clean_url, work_identifiers
from claimgraph.errors import InputError

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of real article structure, so the fuzzer reaches past the first line of each reader.
MARKUP = st.sampled_from([
    "<div>", "</div>", "<p>", "</p>", "<a href=\"https://example.org/a\">", "</a>", "<sup>", "</sup>",
    "<ol>", "<li>", "</li>", "</ol>", "<h2>Notes</h2>", "<script>", "</script>", "<!--", "-->", "&amp;",
    "&#x0;", "&#1114112;", "<table><tr><td>", "<![CDATA[", "<svg><math>", "<body>", "</html>",
])
MARKDOWN = st.sampled_from([
    "# Title\n", "## Notes\n", "[^1]", "[^1]: ", "[1]", "1. ", "- ", "> ", "```\n", "[a](", ")", "](<",
    "https://example.org/x", "**", "\n\n", "|a|b|\n|-|-|\n", "<div>", "\\", "![x](y)", "[link][ref]\n[ref]: ",
])
TEXT = st.sampled_from([
    "A claim.", " [1]", "[2]", "\n\nEndnotes\n", "1. ", "https://example.org/a", "\n", "(2020)", "“", "”",
    "Retrieved 1 January 2020.", "\u202e", "\ufeff", "\x00", "\ud800", "e\u0301", "\t", "[", "]", "[1–3]",
])


def _soup(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(pieces, st.text(max_size=12)), max_size=80).map("".join)


def _survives(call, *args) -> None:
    try:
        call(*args)
    except InputError as error:
        assert "\n" not in str(error).strip()


@pytest.mark.parametrize("name", sorted(READERS))
@seed(12)
@FUZZ
@given(data=st.data())
def test_every_reader_survives_fuzzed_articles(name: str, data) -> None:
    pieces = {"html": MARKUP, "markdown": MARKDOWN, "text": TEXT}[name]
    text = data.draw(_soup(pieces))
    _survives(get_reader(name).read, text, "fuzz")
    _survives(article_from_text, text, "fuzz." + {"html": "html", "markdown": "md", "text": "txt"}[name], name)


@seed(12)
@FUZZ
@given(text=st.one_of(_soup(MARKUP), _soup(MARKDOWN), _soup(TEXT)))
def test_detection_and_the_whole_article_path_survive(text: str) -> None:
    _survives(detect_format, text, "")
    _survives(article_from_text, text, "")


@seed(12)
@FUZZ
@given(data=st.binary(max_size=400))
def test_decoding_bytes_survives(data: bytes) -> None:
    _survives(decode_article, data, "fuzz")


URL_PARTS = st.sampled_from([
    "http://", "https://", "htp://", "//", "example.org", "xn--", "[::1]", ":99999", ":0", "@", "#", "?",
    "utm_source=x&", "%", "%zz", "/", "..", "doi.org/10.1000/", "arxiv.org/abs/", "\u3002", "\u200b",
    " ", "“", "”", "(", ")", "<", ">", "\\", "\x00", "\ud800", "a" * 70, ".com", "[", "]",
])


@seed(12)
@FUZZ
@given(url=st.lists(st.one_of(URL_PARTS, st.text(max_size=8)), max_size=20).map("".join))
def test_the_url_cleaner_survives(url: str) -> None:
    _survives(clean_url, url)
    _survives(canonical_url, url)
    _survives(work_identifiers, url, url)


def test_ten_thousand_nested_elements_are_not_a_crash() -> None:
    """Deep nesting (a RecursionError before) ends as an article or an InputError."""
    deep = "<html><body>" + "<div>" * 10_000 + "<p>A claim.</p>" + "</div>" * 10_000 + "</body></html>"
    _survives(article_from_text, deep, "deep.html", "html")
    _survives(article_from_text, "> " * 5_000 + "A quote.\n", "deep.md", "markdown")
