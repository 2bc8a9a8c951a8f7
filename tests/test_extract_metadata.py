"""The generic extractor: precedence, Highwire 'Last, First', charsets, real saved pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from zoo.fixtures import zoo, zoo_config  # noqa: F401

from claimgraph.extract.dates import to_iso
from claimgraph.extract.html import extract_html
from claimgraph.extract.people import flip_last_first, name_key, split_people
from claimgraph.extract.text import decode_body, split_passages
from claimgraph.fetch import collect_sources

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pages"


def test_highwire_last_first_authors():
    html = """<html><head><meta name="citation_title" content="A paper">
    <meta name="citation_author" content="Greenblatt, Ryan">
    <meta name="citation_author" content="Denison, Carson">
    <meta name="citation_author" content="Jong, Michiel de">
    <meta name="citation_date" content="2024/12/18"></head><body></body></html>"""
    meta, _ = extract_html(html, "https://example.org/paper")
    assert meta.authors == ["Ryan Greenblatt", "Carson Denison", "Michiel de Jong"]
    assert meta.published == "2024-12-18" and meta.provenance["authors"] == "highwire"


def test_broken_json_ld_block_does_not_hide_the_good_one():
    html = """<html><head><script type="application/ld+json">{ broken: </script>
    <script type="application/ld+json"><![CDATA[{"@type": "NewsArticle", "headline": "Real",
      "author": [{"@type": "Person", "name": "Ada Lovelace"}],
      "datePublished": "2020-01-02T03:04:05Z",}]]></script></head><body></body></html>"""
    meta, _ = extract_html(html, "https://example.org/a")
    assert (meta.title, meta.authors, meta.published) == ("Real", ["Ada Lovelace"], "2020-01-02T03:04:05Z")


@pytest.mark.parametrize(
    "text,names",
    [
        ("By Ada Lovelace and Grace Hopper", ["Ada Lovelace", "Grace Hopper"]),
        ("by Nathan Willis March 26, 2015", ["Nathan Willis"]),
        ("Staff Reporter", []),
        ("https://example.org/ada", []),
    ],
)
def test_split_people(text, names):
    assert split_people(text) == names


def test_flip_and_key():
    assert flip_last_first("Greenblatt, Ryan") == "Ryan Greenblatt"
    assert name_key("José Núñez") == name_key("nunez jose")


@pytest.mark.parametrize(
    "value,iso",
    [
        ("2015-07-10 09:53:00 -0400", "2015-07-10T09:53:00-04:00"),
        ("20170113", "2017-01-13"),
        ("Jan. 13, 2017", "2017-01-13"),
        ("13 January 2017", "2017-01-13"),
        ("nonsense", None),
    ],
)
def test_dates(value, iso):
    assert to_iso(value) == iso


def test_wrong_charset_and_gzip_decode_right(zoo):  # noqa: F811
    urls = [zoo.base + p for p in ("/wrong-charset", "/latin1", "/gzip")]
    found = collect_sources(urls, offline=False, config=zoo_config(zoo, allow_private=True))
    assert found[urls[0]].metadata.title == "Café Zürich — naïve"
    assert found[urls[1]].metadata.title == "Café crème"
    assert found[urls[2]].metadata.title == "Compressed page"


def test_decode_prefers_clean_utf8_over_a_wrong_header():
    assert decode_body("naïve".encode(), "text/html; charset=iso-8859-1") == "naïve"


def test_passages_have_offsets():
    text = "First paragraph.\n\nSecond paragraph that is here.\nThird."
    for passage in split_passages(text, target=20):
        assert text[passage.start : passage.end] == passage.text


@pytest.mark.parametrize(
    "page,author,day",
    [
        ("schema-org-context-object", "Stella Kim", "2024-12-06"),
        ("guardian-1", "Eleanor Ainge Roy", "2019-01-03"),
        ("spiceworks", None, "2020-07-10"),
        ("article-author-tag", "Laura June Topolsky", "2015-07-10"),
    ],
)
def test_real_pages(page, author, day):
    folder = PAGES / page
    if not folder.exists():
        pytest.skip("shared real pages are not here")
    html = decode_body((folder / "source.html").read_bytes())
    meta, text = extract_html(html, "https://example.org/page")
    expected = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
    if author:
        assert author in meta.authors
    assert meta.published[:10] == day
    assert meta.title and expected["title"][:20].casefold() in meta.title.casefold()
    assert len(text) > 200
