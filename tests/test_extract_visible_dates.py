"""Dates and bylines a page states in visible markup, each test a hand-written page of one structure."""

from __future__ import annotations

from claimgraph.extract.html import extract_metadata

COMMENTS = """<div id="comments"><ol class="comment-list"><li class="comment"><footer class="comment-meta">
<time datetime="2019-08-24T03:36:11+02:00">24. August 2019</time></footer><p>Nice.</p></li></ol></div>"""


def _page(body: str, head: str = "", lang: str = "de", body_class: str = "") -> str:
    return (f"<html lang='{lang}'><head><title>A title</title>{head}</head>"
            f"<body class='{body_class}'>{body}</body></html>")


def test_article_time_element_not_a_comment_or_a_layout_class_on_body():
    body = ("<main><article><h1>Headline</h1><ul class='info'><li><time class='created'>31.03.2020"
            "</time></li></ul><p>Text.</p></article>" + COMMENTS + "</main>")
    meta = extract_metadata(_page(body, body_class="one-sidebar sidebar-first"), "https://e.org/a")
    assert meta.published == "2020-03-31" and meta.provenance["published"] == "time-element"


def test_marked_modification_time_is_not_the_published_date():
    body = ("<article><h1>Headline</h1><time class='updated' datetime='2021-05-05'>5 May</time>"
            "<time datetime='2021-01-02'>2 Jan</time></article>")
    meta = extract_metadata(_page(body, lang="en"), "https://e.org/a")
    assert meta.published == "2021-01-02"


def test_published_label_beats_times_in_comments():
    body = ("<main><article><h1>Episode</h1><p>Veröffentlicht am 16.08.2019<br>Mehr Text.</p>"
            "</article>" + COMMENTS + "</main>")
    meta = extract_metadata(_page(body), "https://e.org/folge")
    assert meta.published == "2019-08-16" and meta.provenance["published"] == "time-element"


def test_embedded_video_json_ld_does_not_date_an_article():
    head = ("<meta property='og:type' content='article'>"
            "<meta property='article:published_time' content='2017-12-01T12:01:11+01:00'>"
            "<script type='application/ld+json'>{\"@context\": \"https://schema.org\", \"@type\": "
            "\"VideoObject\", \"name\": \"Clip\", \"uploadDate\": \"2015-01-16T14:53:35+01:00\"}"
            "</script>")
    meta = extract_metadata(_page("<h1>How to</h1><p>Text.</p>", head), "https://e.org/tips/x")
    assert meta.published.startswith("2017-12-01") and meta.provenance["published"] == "opengraph"


def test_video_json_ld_still_dates_a_video_page():
    head = ("<script type='application/ld+json'>{\"@context\": \"https://schema.org\", \"@type\": "
            "\"VideoObject\", \"name\": \"Clip\", \"uploadDate\": \"2015-01-16\"}</script>")
    meta = extract_metadata(_page("<h1>Clip</h1>", head), "https://e.org/watch")
    assert meta.published == "2015-01-16" and meta.provenance["published"] == "json-ld"


def test_utc_stamp_after_midnight_takes_the_url_day():
    head = "<meta property='article:published_time' content='2023-11-09T05:30:59+00:00'>"
    meta = extract_metadata(_page("<h1>Vote</h1>", head, "en"), "https://e.org/2023/11/08/vote/")
    assert meta.published == "2023-11-08"


def test_utc_stamp_same_day_as_url_keeps_its_time():
    head = "<meta property='article:published_time' content='2023-11-08T15:30:59+00:00'>"
    meta = extract_metadata(_page("<h1>Vote</h1>", head, "en"), "https://e.org/2023/11/08/vote/")
    assert meta.published == "2023-11-08T15:30:59+00:00"


def test_byline_inside_a_region_that_holds_the_headline_is_kept():
    body = ("<div id='sidebar' class='content-area'><header><h1>Experts</h1><span class='author"
            " vcard'><a class='url fn' rel='author' href='/author/hs'>Heike Sommer</a></span>"
            "</header><p>Text.</p></div><div class='sidebar'><a rel='author' href='/author/x'>"
            "Other Person</a></div>")
    meta = extract_metadata(_page(body), "https://e.org/a")
    assert meta.authors == ["Heike Sommer"]


def test_hatom_published_title_and_publish_date_class():
    hatom = ("<div class='hentry'><h1 class='entry-title'>Post</h1><abbr class='published' "
             "title='2005-10-10T14:07:00-07:00'>October 10</abbr></div>")
    meta = extract_metadata(_page(hatom, lang="en"), "https://e.org/post")
    assert meta.published == "2005-10-10T14:07:00-07:00"
    news = ("<div class='news'><h1>Team named</h1><div class='att-publish-date'><span>4. 2. 2022."
            "</span></div><p>Text.</p></div><div class='comments'><span class='post-date'>9. 9. 2022"
            "</span></div>")
    meta = extract_metadata(_page(news), "https://e.org/news/team")
    assert meta.published == "2022-02-04" and meta.provenance["published"] == "time-element"


def test_title_without_a_kicker_and_a_site_name_around_the_headline():
    head = "<meta property='og:title' content='Rutger Bregman: Our true selves - the magazine'>"
    meta = extract_metadata(_page("<article><h1>Our true selves</h1></article>", head, "en"),
                            "https://e.org/a")
    assert meta.title == "Our true selves"
    head = "<meta property='og:title' content='Our true selves and more of them'>"
    meta = extract_metadata(_page("<article><h1>Our true selves</h1></article>", head, "en"),
                            "https://e.org/a")
    assert meta.title == "Our true selves and more of them"  # words, not decoration, beside it


def test_rfc_2822_dates_keep_their_time_and_zone():
    from claimgraph.extract.dates import to_iso

    assert to_iso("Wed, 04 May 2022 02:41:00 GMT") == "2022-05-04T02:41:00Z"
    assert to_iso("4 May 2022 02:41:00 +0200") == "2022-05-04T02:41:00+02:00"
    assert to_iso("Wed, 31 Feb 2022 02:41:00 GMT") is None


def test_byline_word_alone_with_the_name_in_child_markup():
    body = ("<article><h1>Auction</h1><p>Text of the report.</p><p><em>Von <span itemscope "
            "itemtype='http://schema.org/Person'><meta itemprop='name' content='Carla Kühn'>Carla Kühn"
            "</span></em></p></article>")
    meta = extract_metadata(_page(body), "https://e.org/a")
    assert meta.authors == ["Carla Kühn"] and meta.provenance["authors"] == "byline-text"


def test_byline_word_in_its_own_element_with_the_name_in_the_next_sibling():
    body = ("<article><h1>Storm closes roads</h1><div class='b1'><img alt='portrait' src='p.png'>"
            "<div class='b2'><span class='w'>By</span><span><a href='/team/ada-lovelace'>Ada "
            "Lovelace</a></span><span> </span></div></div><p>Text of the report.</p></article>")
    meta = extract_metadata(_page(body, lang="en"), "https://e.org/a")
    assert meta.authors == ["Ada Lovelace"] and meta.provenance["authors"] == "byline-text"


def test_byline_word_alone_beside_words_that_are_not_a_name_gives_no_author():
    body = ("<article><h1>Storm closes roads</h1><div><span>By</span><span>the numbers</span>"
            "</div><p>Text of the report.</p></article>")
    meta = extract_metadata(_page(body, lang="en"), "https://e.org/a")
    assert meta.authors == []
