"""Author-date mentions of an entry: "(Kim, Khanna, & Koyejo, 2016)" names endnote 1 without a marker."""

from __future__ import annotations

import pytest

from claimgraph.article.load import article_from_text
from claimgraph.audit.checks import cited_author_date

ENTRY = "1. Kim, B., Khanna, R., & Koyejo, O. Examples are not enough, learn to criticize! 2016. https://example.org/p"


def _article(sentence: str):
    return article_from_text(f"# Example\n\n{sentence}\n\n## References\n\n{ENTRY}\n", "example.md")


@pytest.mark.parametrize(("sentence", "named"), [
    ("Saliency maps mislead, as Kim, Khanna and Koyejo showed in 2016 with examples.", True),
    ("Saliency maps mislead (Khanna & Koyejo, 2016).", True),
    ("Saliency maps mislead, as Kim, Khanna and Koyejo showed in 2017 with examples.", False),  # another year
    ("Saliency maps mislead, as Kim, Khanna and Koyejo showed with examples.", False),  # no year at all
    ("Saliency maps mislead, as Koyejo showed in 2016 with examples.", False),  # one co-author only
])
def test_two_co_authors_then_the_year_name_the_entry(sentence: str, named: bool) -> None:
    article = _article(sentence)
    assert cited_author_date(article, article.endnotes[0]) is named
