"""The written order of metadata precedence, one step at a time, and where each field came from."""

from __future__ import annotations

import pytest

from claimgraph.audit.json_report import source_to_json
from claimgraph.extract.html import extract_html, extract_metadata
from claimgraph.extract.metadata import layer_names
from claimgraph.model import Capture, Source

JSON_LD = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "@id": "#site", "name": "The Site"},
  {"@type": "Person", "@id": "#ada", "name": "Ada Lovelace"},
  {"@type": "NewsArticle", "headline": "From JSON-LD", "author": [{"@id": "#ada"},
   {"@type": "Organization", "name": "The Newsroom"}, {"@type": "Person", "name": "Grace Hopper"}],
   "datePublished": "2021-03-04", "dateModified": "2022-01-01", "publisher": {"@id": "#site"}}]}
</script>"""
HIGHWIRE = """<meta name="citation_title" content="From Highwire">
<meta name="citation_author" content="Hopper, Grace"><meta name="citation_date" content="2019/05/06">"""
DUBLIN = """<meta name="DC.title" content="From DC"><meta name="DC.creator" content="Mary Shelley">
<meta name="DCTERMS.issued" content="2018-01-02">"""
OPENGRAPH = """<meta property="og:title" content="From OpenGraph">
<meta property="article:modified_time" content="2024-02-02T10:00:00Z">
<meta property="article:published_time" content="2017-07-08T09:00:00Z">"""
MICRODATA = """<div itemscope itemtype="https://schema.org/BlogPosting">
<h2 itemprop="headline">From microdata</h2><span itemprop="author" itemscope
itemtype="https://schema.org/Person"><span itemprop="name">Alan Turing</span></span>
<meta itemprop="datePublished" content="2016-06-07"></div>"""
RDFA = """<div vocab="https://schema.org/" typeof="Article"><h2 property="headline">From RDFa</h2>
<span property="author" typeof="Person"><span property="name">Emmy Noether</span></span>
<span property="datePublished" content="2015-05-06">May</span></div>"""


def _page(head: str = "", body: str = "", lang: str = "en") -> str:
    return (f"<html lang='{lang}'><head><title>Plain title | Site</title>{head}</head>"
            f"<body>{body}<p>Some text of the article.</p></body></html>")


def test_the_order_is_written_once():
    assert layer_names() == ["json-ld", "microdata", "rdfa", "highwire", "dublin-core",
                             "opengraph", "article-meta", "byline-text", "time-element", "htmldate",
                             "html", "url"]


def test_json_ld_graph_people_not_organisations_and_dates_apart():
    meta = extract_metadata(_page(JSON_LD + HIGHWIRE), "https://example.org/a")
    assert meta.title == "From JSON-LD" and meta.authors == ["Ada Lovelace", "Grace Hopper"]
    assert (meta.published, meta.modified, meta.site) == ("2021-03-04", "2022-01-01", "The Site")
    assert {meta.provenance[k] for k in ("title", "authors", "published")} == {"json-ld"}


@pytest.mark.parametrize("head,body,layer,title,author,day", [
    ("", MICRODATA, "microdata", "From microdata", "Alan Turing", "2016-06-07"),
    ("", RDFA, "rdfa", "From RDFa", "Emmy Noether", "2015-05-06"),
    (HIGHWIRE + DUBLIN, "", "highwire", "From Highwire", "Grace Hopper", "2019-05-06"),
    (DUBLIN + OPENGRAPH, "", "dublin-core", "From DC", "Mary Shelley", "2018-01-02"),
])
def test_each_layer_wins_over_the_ones_below_it(head, body, layer, title, author, day):
    meta = extract_metadata(_page(head + OPENGRAPH, body), "https://example.org/a")
    assert (meta.title, meta.authors, meta.published[:10]) == (title, [author], day)
    assert meta.provenance["title"] == layer


def test_opengraph_published_never_the_modified_date():
    meta = extract_metadata(_page(OPENGRAPH), "https://example.org/a")
    assert meta.published == "2017-07-08T09:00:00Z" and meta.modified == "2024-02-02T10:00:00Z"
    assert meta.provenance["published"] == "opengraph"


@pytest.mark.parametrize("lang,line,names", [
    ("de", "Von Anna Schmidt und Peter Müller, Redakteur", ["Anna Schmidt", "Peter Müller"]),
    ("fr", "Par Jeanne Dupont et Luc Martin", ["Jeanne Dupont", "Luc Martin"]),
    ("es", "Por María García y José Pérez", ["María García", "José Pérez"]),
    ("en", "By Ada Lovelace and Grace Hopper", ["Ada Lovelace", "Grace Hopper"]),
])
def test_byline_text_in_the_page_language(lang, line, names):
    meta = extract_metadata(_page(body=f"<p class='x'>{line}</p>", lang=lang), "https://e.org/a")
    assert meta.authors == names and meta.provenance["authors"] == "byline-text"


def test_byline_markup_skips_comment_threads():
    body = ("<article><p>By <a rel='author' href='/u/ada'>Ada Lovelace</a></p></article>"
            "<section class='comments'><span class='comment-author'>Troll Person</span></section>")
    meta = extract_metadata(_page(body=body), "https://example.org/a")
    assert meta.authors == ["Ada Lovelace"]


def test_url_date_and_h1_title_as_last_resorts():
    html = "<html><head><title>Big News Today - The Site</title></head><body><h1>Big News Today" \
           "</h1><p>x</p></body></html>"
    meta = extract_metadata(html, "https://example.org/2020/02/03/big-news")
    assert meta.title == "Big News Today" and meta.provenance["title"] == "html"
    assert meta.published == "2020-02-03" and meta.provenance["published"] in ("url", "htmldate")


def test_text_comes_from_the_same_tree():
    paragraph = "<p>" + "A long sentence of the article body that says something. " * 10 + "</p>"
    meta, text = extract_html(_page(JSON_LD, f"<article>{paragraph}</article>"), "https://e.org/a")
    assert meta.title == "From JSON-LD" and "long sentence" in text


def test_json_report_names_each_fields_source():
    meta = extract_metadata(_page(JSON_LD), "https://example.org/a")
    source = Source(url="https://example.org/a", health="ok", metadata=meta,
                    capture=Capture("https://example.org/a", "https://example.org/a", 200, {},
                                    "2020-01-01T00:00:00Z", "0" * 64, kind="imported"))
    record = source_to_json(source)
    assert record["metadata"]["provenance"]["authors"] == "json-ld"
    assert set(record["metadata"]["provenance"]) <= {k for k, v in record["metadata"].items() if v}
