"""The explorer's pure parts on hand-built articles: HTML escaping, markers, to-do rows, graph."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest

from claimgraph.api import fetch_article
from claimgraph.errors import ClaimgraphError
from claimgraph.explorer.article_view import SEVERITY_COLOURS, UNRESOLVED_COLOUR, article_html, block_keys
from claimgraph.explorer.audit_table import todo_html
from claimgraph.explorer.dot import network_dot
from claimgraph.explorer.graph_view import layout, network_svg
from claimgraph.explorer.hints import explain, fix_words
from claimgraph.explorer.labels import citation_marker, endnote_label
from claimgraph.explorer.network import network
from claimgraph.explorer.picker import article_names
from claimgraph.explorer.query import user_description
from claimgraph.explorer.todo import filter_todo, link_reason, todo_rows, worst_by_endnote
from claimgraph.hints import Hint
from claimgraph.model import Article, AuditResult, Citation, Claim, Endnote, Finding, Source, UrlProblem

HOSTILE = 'Bad <img src=x onerror="window.__pwned=1"> & <script>alert(1)</script>'


def _result() -> AuditResult:
    """Three sentences: one citing a troubled endnote, one with an unresolved marker, one uncited."""
    claims = [
        Claim("c-1", f"First {HOSTILE} claim.", "Intro", 0, 10, ["c-1.1"], block=0),
        Claim("c-2", "Second claim cites nothing known.", "Intro", 11, 20, ["c-2.1"], block=0),
        Claim("c-3", "Third claim stands alone.", "Body <b>x</b>", 21, 30, [], block=1),
    ]
    citations = [
        Citation("c-1.1", "c-1", "Pub", 10, 11, endnote=1),
        Citation("c-2.1", "c-2", "Nowhere", 20, 21, endnote=None),
    ]
    endnotes = [
        Endnote(1, "Endnotes", title=f"Title {HOSTILE}", url="https://example.org/a"),
        Endnote(
            2,
            "Endnotes",
            raw_url="[https://example.org/b",
            url="https://example.org/b",
            url_problems=[UrlProblem("high", "stray_bracket", "the link starts with a stray bracket")],
        ),
    ]
    article = Article(
        "art", "Article", "x" * 40, "text", claims=claims, citations=citations, endnotes=endnotes
    )
    findings = [
        Finding("orphan_endnote", "low", "Endnote 2 is not cited.", "cite it or remove it", endnotes=[2]),
        Finding("dead_link", "high", f"Endnote 1 is dead {HOSTILE}.", "use the archive", endnotes=[1]),
        Finding("title_mismatch", "medium", "Endnote 1 title differs.", "use the page title", endnotes=[1]),
        Finding("unresolved_citation", "medium", "No endnote matches.", "add it", citations=["c-2.1"]),
    ]
    sources = {1: Source("https://example.org/a", health="dead", status=404)}
    return AuditResult(article=article, findings=findings, sources=sources)


STATUSES = {"c-1": "not judged", "c-2": "not judged", "c-3": "uncited"}


def test_article_html_escapes_every_string_and_draws_markers_by_worst_problem() -> None:
    result = _result()
    markup = article_html(result, STATUSES, block_keys(result), selected="c-1")
    assert "<img" not in markup and "<script" not in markup and "<b>" not in markup
    assert html.escape(HOSTILE) in markup
    marker = re.search(
        r'<button class="cg-mark[^"]*" style="--cg-sev:([^"]+)" data-pick="endnote:1:c-1"', markup
    )
    assert marker and marker.group(1) == SEVERITY_COLOURS["high"], "endnote 1's worst finding is high"
    unresolved = re.search(r'style="--cg-sev:([^"]+)" data-pick="claim::c-2"', markup)
    assert unresolved and unresolved.group(1) == UNRESOLVED_COLOUR
    assert (
        markup.count("cg-selected") == 1
        and 'cg-claim cg-selected" tabindex="0" role="button" data-pick="claim::c-1"' in markup
    )
    assert markup.index("[Pub]") > markup.index("First"), "the marker follows its sentence"
    assert markup.count("<p>") == 2 and markup.count("<h4>") == 2


def test_article_html_draws_only_the_chosen_paragraphs() -> None:
    result = _result()
    markup = article_html(result, STATUSES, [("Body <b>x</b>", 1)])
    assert "Third claim" in markup and "First" not in markup


def test_labels_fall_back_to_numbers_and_brackets_until_readers_record_them() -> None:
    endnote = Endnote(7, "Endnotes")
    assert endnote_label(endnote) == "7" and endnote_label(None, 3) == "3"
    assert endnote_label(SimpleNamespace(label="vii", number=7)) == "vii"
    citation = Citation("x.1", "x", "Smith 2020", 0, 1)
    assert citation_marker(citation) == "[Smith 2020]"
    assert citation_marker(SimpleNamespace(marker="⁴", label="4")) == "⁴"
    assert citation_marker(Citation("x.2", "x", "[3]", 0, 1)) == "[3]"


def test_to_do_rows_are_worst_first_with_the_sentence_they_affect() -> None:
    result = _result()
    rows = todo_rows(result)
    assert [r["severity"] for r in rows] == ["high", "medium", "medium", "low"]
    assert rows[0]["kind"] == "dead_link" and rows[0]["sentence"].startswith("First")
    unresolved = next(r for r in rows if r["kind"] == "unresolved_citation")
    assert unresolved["sentence"] == "Second claim cites nothing known." and unresolved["endnote"] == ""
    orphan = next(r for r in rows if r["kind"] == "orphan_endnote")
    assert orphan["sentence"] == "" and orphan["endnote"] == "2"
    assert worst_by_endnote(result) == {1: "high", 2: "low"}
    assert [r["kind"] for r in filter_todo(rows, kinds=[], severities=["medium"])] == [
        "title_mismatch",
        "unresolved_citation",
    ]
    assert [r["kind"] for r in filter_todo(rows, kinds=["orphan_endnote"], severities=[])] == [
        "orphan_endnote"
    ]
    assert len(filter_todo(rows, kinds=[], severities=[], text="ARCHIVE")) == 1


def test_to_do_html_escapes_and_keeps_problem_and_fix_whole() -> None:
    rows = todo_rows(_result())
    markup = todo_html(rows, selected=1)
    assert "<img" not in markup and "<script" not in markup
    assert html.escape(f"Endnote 1 is dead {HOSTILE}.") in markup
    assert "use the archive" in markup and 'data-pick="2"' in markup
    assert markup.count("cg-selected") == 2, "both rows about endnote 1 are highlighted"


def test_a_broken_link_always_says_why() -> None:
    result = _result()
    dead = link_reason(result.article.endnote(1), result.sources[1])
    assert "404" in dead
    malformed = link_reason(result.article.endnote(2), None)
    assert "stray bracket" in malformed and "not checked" in malformed
    assert link_reason(Endnote(3, "Endnotes"), None) == "The endnote has no link."


def test_network_svg_escapes_labels_keeps_full_text_on_hover_and_orders_columns() -> None:
    result = _result()
    nodes, edges = network(result, ["c-1", "c-2", "c-3"], STATUSES, show_works=True, stances={"supports"})
    kinds = {n.kind for n in nodes}
    assert kinds == {"claim", "endnote", "work"}
    markup, bounds = network_svg(nodes, edges)
    assert "<img" not in markup and "<script" not in markup
    long_title = next(n for n in nodes if n.kind == "claim" and "First" in n.label)
    assert f"<title>{html.escape(long_title.full)}</title>" in markup, "the whole text shows on hover"
    places = layout(nodes, edges)
    xs = {n.kind: places[n.id][0] for n in nodes}
    assert xs["claim"] < xs["endnote"] < xs["work"]
    assert bounds[2] > xs["work"] and bounds[3] > 0


def test_network_dot_draws_the_same_nodes_and_edges_as_the_interactive_view() -> None:
    result = _result()
    every_stance = {"supports", "disputes", "mentions", "unrelated"}
    nodes, edges = network(result, ["c-1", "c-2", "c-3"], STATUSES, show_works=True, stances=every_stance)
    dot = network_dot(nodes, edges, rankdir="TB")
    assert dot.startswith("digraph G {") and "rankdir=TB;" in dot and dot.rstrip().endswith("}")
    defined = set(re.findall(r"^  (n[0-9a-f]{16}) \[label=", dot, re.M))
    drawn = re.findall(r"^  (n[0-9a-f]{16}) -> (n[0-9a-f]{16}) ", dot, re.M)
    assert len(defined) == len(nodes) and len(drawn) == len(edges)
    assert all(a in defined and b in defined for a, b in drawn), "every edge joins two drawn nodes"
    assert "label=<" not in dot, "plain quoted DOT strings, never HTML-like labels"
    assert 'onerror=\\"window' in dot, "a quote in scraped text is escaped, so it cannot end the label"
    assert dot.count("shape=component") == sum(n.kind == "work" for n in nodes) > 0
    assert dot.count("style=dashed") == sum(e.dashed for e in edges), "judged evidence is dashed"


def test_hints_read_in_the_web_app_words_not_as_flags() -> None:
    refused = ClaimgraphError("could not fetch http://127.0.0.1/: refused a private or local address",
                              hint=Hint.ALLOW_PRIVATE)
    shown = explain(refused)
    assert shown.startswith(str(refused)) and "public addresses only" in shown and "--" not in shown
    assert explain(ClaimgraphError("no hint here")) == "no hint here"
    finding = Finding("network_unavailable", "high", "down", "Run the audit again online",
                      details={"hint": Hint.ONLINE.value})
    assert "Fetch sources online" in fix_words(finding) and "--" not in fix_words(finding)


def test_query_descriptions_drop_notes_on_how_they_are_written() -> None:
    text = "The articles in the store, with counts. Shape: the counts come from scans joined by hash."
    assert user_description(text) == "The articles in the store, with counts."
    assert user_description("No notes here.") == "No notes here."


def test_equal_titles_in_the_picker_show_id_and_where_they_came_from() -> None:
    rows = [
        {"article": "a-1", "title": "Same", "location": "/data/one.md"},
        {"article": "a-2", "title": "Same", "location": "/data/two.md"},
        {"article": "b", "title": "Other", "location": "/data/b.md"},
    ]
    names = article_names(rows)
    assert names["a-1"] != names["a-2"] and "a-1" in names["a-1"] and "one.md" in names["a-1"]
    assert names["b"] == "Other"


def test_the_article_fetcher_refuses_loopback_like_the_cli() -> None:
    with pytest.raises(ClaimgraphError) as error:
        fetch_article("http://127.0.0.1:9/article.md")
    assert "loopback" in str(error.value) and error.value.hint == Hint.ALLOW_PRIVATE
    assert "public addresses only" in explain(error.value), "the explorer says why in its own words"
