"""Authors named by an "Author:" credit label, by author/byline id names, and by NITF's <byline> (issue 15)."""

from __future__ import annotations

import pytest

from claimgraph.extract.html import extract_metadata


def _page(body: str, lang: str = "de") -> str:
    return (f"<html lang='{lang}'><head><title>Ein Titel | Seite</title></head>"
            f"<body><article><h1>Ein Titel</h1><p>Der Text des Artikels.</p>{body}</article>"
            "</body></html>")


@pytest.mark.parametrize(("body", "names"), [
    # the label alone in its own element, the name in the text after it
    ("<p><strong>Autor:</strong> <a href='/profil/7'>Ada Lovelace</a><br><strong>Tags:</strong>"
     " <a href='/tag/x'>Technik</a></p>", ["Ada Lovelace"]),
    # the label and the name in one element, a job title after a comma
    ("<p><strong>Autorin: Grace Hopper, Projektleiterin der Stiftung in Tunis.</strong></p>",
     ["Grace Hopper"]),
    ("<p><span>Auteure :</span> Marie Curie</p>", ["Marie Curie"]),
    ("<div>Authors: Ada Lovelace and Charles Babbage</div>", ["Ada Lovelace", "Charles Babbage"]),
])
def test_author_label_names_the_author(body: str, names: list[str]) -> None:
    meta = extract_metadata(_page(body), "https://example.org/a")
    assert meta.authors == names and meta.provenance["authors"] == "byline-text"


@pytest.mark.parametrize("body", [
    # a comment's author label is the commenter, not the article's author
    "<section class='comments'><p><strong>Autor:</strong> Troll Person</p></section>",
    # a teaser of another article, in an aside
    "<aside><p><strong>Autor:</strong> <a href='/b'>Other Writer</a></p></aside>",
    # "Autorität:" is a word that begins like the label, not the label
    "<p><strong>Autorität:</strong> Hohe Stelle</p>",
    # the label with no name after it
    "<p><strong>Autor:</strong> <br> unbekannt</p>",
])
def test_author_label_outside_the_article_or_without_a_name(body: str) -> None:
    assert extract_metadata(_page(body), "https://example.org/a").authors == []


def test_author_id_name_marks_a_byline() -> None:
    body = "<div id='author_header'>Ada Lovelace</div>"
    meta = extract_metadata(_page(body), "https://example.org/a")
    assert meta.authors == ["Ada Lovelace"] and meta.provenance["authors"] == "byline-text"


def test_author_id_inside_related_teasers_is_not_the_author() -> None:
    body = ("<div class='related-posts'><div id='author-box-2'>Other Writer</div></div>")
    assert extract_metadata(_page(body), "https://example.org/a").authors == []


def test_nitf_byline_element_names_the_author_without_the_agency() -> None:
    # News systems built on NITF leave its <byline> element, without attributes, in the page.
    body = "<p>Quelle: dpa-AFX</p><byline>Von Ada Lovelace, dpa</byline>"
    meta = extract_metadata(_page(body), "https://example.org/a")
    assert meta.authors == ["Ada Lovelace"] and meta.provenance["authors"] == "byline-text"


def test_nitf_byline_in_a_comment_thread_is_not_the_author() -> None:
    body = "<div class='comments'><byline>Von Troll Person</byline></div>"
    assert extract_metadata(_page(body), "https://example.org/a").authors == []


def _blog_page(author: str, body: str) -> str:
    ld = ('<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Ein Titel",'
          f' "author": {{"@type": "Person", "name": "{author}"}}}}</script>')
    return _page(body).replace("<head>", f"<head>{ld}")


def test_one_word_display_name_is_completed_by_the_articles_own_byline() -> None:
    page = _blog_page("Ada", "<p><strong>Eine Kolumne von Ada Lovelace</strong></p>")
    meta = extract_metadata(page, "https://example.org/a")
    assert meta.authors == ["Ada Lovelace"] and meta.provenance["authors"] == "byline-text"


@pytest.mark.parametrize("body", [
    "<p>Ein Blog über Technik.</p>",  # no byline names a full name: the handle stays
    "<p>Eine Kolumne von Grace Hopper</p>",  # a full name that does not start with the handle
    "<div class='comments'><p>Antwort von Ada Müller</p></div>",  # a commenter of that name
])
def test_one_word_display_name_stays_without_a_matching_byline(body: str) -> None:
    meta = extract_metadata(_blog_page("Ada", body), "https://example.org/a")
    assert meta.authors == ["Ada"] and meta.provenance["authors"] == "json-ld"


def test_login_handle_gives_way_to_the_person_the_byline_names() -> None:
    page = _blog_page("adalovelace", "<p class='byline'>Ada Lovelace</p>")
    meta = extract_metadata(page, "https://example.org/a")
    assert meta.authors == ["Ada Lovelace"] and meta.provenance["authors"] == "byline-text"


def _publisher_page(byline: str) -> str:
    return ("<html lang='de'><head><title>Ein Titel</title>"
            "<meta property='og:site_name' content='Rheinische Rundschau'>"
            "<meta name='author' content='Rheinische Rundschau'></head><body><article>"
            f"<h1>Ein Titel</h1>{byline}<p>Der Text des Artikels.</p></article></body></html>")


def test_the_sites_own_name_as_author_gives_way_to_the_bylined_person() -> None:
    meta = extract_metadata(_publisher_page("<span class='author'>Grace Hopper</span>"),
                            "https://example.org/a")
    assert meta.authors == ["Grace Hopper"] and meta.provenance["authors"] == "byline-text"


@pytest.mark.parametrize("byline", [
    "",  # no byline: the site's name is all the page says
    "<span class='author'>Rheinische Rundschau</span>",  # the byline names the site again
])
def test_the_sites_own_name_stays_when_no_byline_names_a_person(byline: str) -> None:
    meta = extract_metadata(_publisher_page(byline), "https://example.org/a")
    assert meta.authors == ["Rheinische Rundschau"]
