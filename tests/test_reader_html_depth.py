"""Deeply nested HTML: read to a capped depth, reported as an input problem, never a RecursionError."""

from __future__ import annotations

import pytest

from claimgraph import audit
from claimgraph.article.readers._html_depth import MAX_NESTING, cap_nesting
from claimgraph.article.readers.html import HtmlReader
from claimgraph.audit.pipeline import AuditOptions


def _nested(depth: int) -> str:
    half = depth // 2
    return (
        "<html><body><article><p>A shallow claim cites a study [1].</p>"
        + "<div><span>" * half
        + "<p>The deepest sentence is kept.</p>"
        + "</span></div>" * half
        + "<h2>References</h2><p>[1] A. Author. <a href='https://example.org/study'>Study</a>. 2020.</p>"
        "<p>[2] B. Author. <a href='https://example.org/other'>Other</a>. 2021.</p></article></body></html>"
    )


def test_five_hundred_levels_give_an_input_problem_finding_and_keep_the_text() -> None:
    result = audit(text=_nested(500), location="deep.html", options=AuditOptions(evidence=False))
    problems = [f for f in result.findings if f.kind == "input_problem"]
    assert any("nests" in f.message and str(MAX_NESTING) in f.message for f in problems)
    assert "The deepest sentence is kept." in result.article.text
    assert [c.endnote for c in result.article.citations] == [1]


def test_a_hundred_thousand_levels_are_read_without_recursion_error() -> None:
    result = HtmlReader().read(_nested(100_000), "deeper.html")
    assert any("100004 elements deep" in p for p in result.problems)
    assert "The deepest sentence is kept." in result.text


@pytest.mark.parametrize("markup", ["<p>one<p>two<p>three", "<ul><li>a<li>b<li>c</ul>", "<div><p>x</div>"])
def test_optional_end_tags_do_not_count_as_nesting(markup: str) -> None:
    capped, depth = cap_nesting(markup * 1000)
    assert depth <= 3 and capped == markup * 1000
