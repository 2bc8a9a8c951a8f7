"""The default judge on hand-made supporting, disputing and unrelated texts."""

from __future__ import annotations

import pytest

from claimgraph.errors import InputError
from claimgraph.evidence import get_judge, judge_text
from claimgraph.evidence.judges import JUDGES, STANCES

SOURCE = (
    "Company history.\n"
    "The company was founded in 1998 by Larry Page and Sergey Brin in Menlo Park. "
    "It moved its headquarters to Mountain View, California, in 2003. "
    "Its first office was in a rented garage."
)


def test_supporting_text_supports_with_the_right_quote() -> None:
    verdict = judge_text("The company was founded by Larry Page and Sergey Brin in 1998.", SOURCE)
    assert verdict.stance == "supports"
    assert verdict.support >= 0.5
    assert "founded in 1998" in verdict.quotes[0].text


def test_negated_claim_is_disputed_with_low_support() -> None:
    verdict = judge_text("The company was not founded by Larry Page and Sergey Brin.", SOURCE)
    assert verdict.stance == "disputes"
    assert verdict.support < 0.5


def test_wrong_year_is_disputed() -> None:
    verdict = judge_text("The company was founded in 2004 by Larry Page and Sergey Brin.", SOURCE)
    assert verdict.stance == "disputes"


def test_unrelated_text() -> None:
    verdict = judge_text("The Eiffel Tower is 330 metres tall.", SOURCE)
    assert verdict.stance == "unrelated"
    assert verdict.support < 0.2
    assert verdict.quotes == []


def test_on_topic_without_verdict_mentions() -> None:
    verdict = judge_text(
        "The company headquarters in Mountain View employs 5,000 engineers "
        "working on search advertising products.",
        SOURCE,
    )
    assert verdict.stance == "mentions"
    assert verdict.support < 0.5


def test_quotes_point_into_the_text_best_first_at_most_three() -> None:
    verdict = judge_text(
        "Founded in 1998 in Menlo Park, the company moved to Mountain View in 2003 and started in a garage.",
        SOURCE,
    )
    assert 1 <= len(verdict.quotes) <= 3
    for quote in verdict.quotes:
        assert SOURCE[quote.start : quote.end] == quote.text
    assert "1998" in verdict.quotes[0].text or "2003" in verdict.quotes[0].text


def test_scores_are_in_unit_range_and_json_ready() -> None:
    verdict = judge_text("Larry Page founded it.", SOURCE)
    data = verdict.as_dict()
    assert set(data) == {"stance", "confidence", "support", "quotes"}
    assert data["stance"] in STANCES
    assert 0.0 <= data["support"] <= 1.0 and 0.0 <= data["confidence"] <= 1.0


def test_registry_lists_judges_and_rejects_unknown_names() -> None:
    assert {"default", "endpoint", "model"} <= set(JUDGES)
    assert get_judge("default") is get_judge("default")
    with pytest.raises(InputError, match="unknown judge"):
        get_judge("oracle")


def test_model_judge_needs_a_folder() -> None:
    with pytest.raises(InputError, match="model folder"):
        get_judge("model:/nonexistent/model")


def test_model_judge_says_what_to_install(tmp_path) -> None:
    import importlib.util

    if importlib.util.find_spec("transformers") and importlib.util.find_spec("torch"):
        pytest.skip("transformers is installed here")
    with pytest.raises(InputError, match="pip install transformers torch"):
        get_judge(f"model:{tmp_path}")
