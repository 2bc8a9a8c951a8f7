"""URL cleaning, canonical form, identifiers."""

import pytest

from claimgraph.article.urls import canonical_url, clean_url, registered_domain, work_identifiers, work_kind


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("https://example.org/a/bSource snippet", "https://example.org/a/b"),
        ("https://example.org/a/ -", "https://example.org/a/"),
        ("[https://example.org/x", "https://example.org/x"),
        ("<https://example.org/x>,", "https://example.org/x"),
        ("www.example.org/page", "https://www.example.org/page"),
    ],
)
def test_clean_url_strips_glued_words_and_stray_punctuation(raw, url):
    assert clean_url(raw).url == url


def test_stray_bracket_is_malformed():
    cleaned = clean_url("[https://example.org/artificialSource snippet")
    assert cleaned.url == "https://example.org/artificial"
    assert cleaned.malformed and cleaned.problems[0].code == "stray_bracket"


def test_typographic_dash_is_malformed_with_ascii_suggestion():
    cleaned = clean_url("https://example.org/reports/Some-Title—AbCdEf")
    assert cleaned.malformed
    problem = cleaned.problems[0]
    assert problem.code == "typographic_character"
    assert "https://example.org/reports/Some-Title--AbCdEf" in problem.suggestion


@pytest.mark.parametrize(
    "raw", ["https://exa", "https://example.", "ftp://example.org/x", "https://exa mple.org/"]
)
def test_broken_links_are_malformed(raw):
    assert clean_url(raw).malformed


def test_joined_paths_are_suspicious_with_the_pieces():
    cleaned = clean_url("https://blog.example.com/2025/2025/one-post/2024/other-post/x/")
    assert not cleaned.malformed
    problem = [p for p in cleaned.problems if p.level == "suspicious"][0]
    assert "/2025/one-post/" in problem.suggestion and "/2024/other-post/x/" in problem.suggestion


def test_clean_url_leaves_good_links_alone():
    assert clean_url("https://example.org/a?b=1").problems == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("http://WWW.Example.org:80/a/", "https://example.org/a"),
        ("https://example.org/a?utm_source=x&utm_medium=y", "https://example.org/a"),
        ("https://example.org/a?fbclid=1&gclid=2&mc_cid=3&_hsmi=4", "https://example.org/a"),
        ("https://example.org/a?aff=XYZ", "https://example.org/a"),
        ("https://example.org/a#section-2", "https://example.org/a"),
        ("https://example.org/%7Euser/%40me", "https://example.org/~user/@me"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        ("https://example.org:8443/a", "https://example.org:8443/a"),
    ],
)
def test_canonical_url(a, b):
    assert canonical_url(a) == b


def test_canonical_keeps_identity_parameters():
    assert (
        canonical_url("https://www.youtube.com/watch?v=abcdefghijk&utm_source=x")
        == "https://youtube.com/watch?v=abcdefghijk"
    )
    assert canonical_url("https://news.ycombinator.com/item?id=1") != canonical_url(
        "https://news.ycombinator.com/item?id=2"
    )


@pytest.mark.parametrize(
    ("url", "ids"),
    [
        ("https://arxiv.org/abs/2412.14093", {"arxiv": "2412.14093"}),
        ("https://arxiv.org/pdf/2412.14093v2", {"arxiv": "2412.14093"}),
        ("https://arxiv.org/html/2412.14093v1", {"arxiv": "2412.14093"}),
        ("https://arxiv.org/abs/hep-th/9901001", {"arxiv": "hep-th/9901001"}),
        ("https://youtu.be/dQw4w9WgXcQ", {"youtube": "dQw4w9WgXcQ"}),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", {"youtube": "dQw4w9WgXcQ"}),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", {"youtube": "dQw4w9WgXcQ"}),
        ("https://doi.org/10.1000/XYZ.123", {"doi": "10.1000/xyz.123"}),
        ("https://pubmed.ncbi.nlm.nih.gov/12345678/", {"pmid": "12345678"}),
        ("https://example.org/page", {}),
    ],
)
def test_work_identifiers(url, ids):
    assert work_identifiers(url) == ids


def test_isbn_from_text_is_checksummed():
    assert work_identifiers(None, "Some Book. ISBN 978-0-306-40615-7.") == {"isbn": "9780306406157"}
    assert work_identifiers(None, "ISBN 978-0-306-40615-8") == {}


def test_registered_domain_and_kinds():
    assert registered_domain("https://alignment.example.co.uk/x") == "example.co.uk"
    assert work_kind("https://www.youtube.com/watch?v=x", {"youtube": "dQw4w9WgXcQ"}) == "video"
    assert work_kind("https://news.ycombinator.com/item?id=1") == "discussion"
    assert work_kind("https://example.org/paper.pdf") == "paper"
    assert work_kind("https://example.org/post") == "page"
