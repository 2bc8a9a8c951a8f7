"""What the faces say about the judges: figures read from judge.json, and the rule for default."""

from __future__ import annotations

import json

from claimgraph.judge_card import (
    DEFAULT_JUDGE,
    JUDGE_SUMMARY,
    LEXICAL_FIGURES,
    default_judge,
    hybrid_card,
    model_card,
    model_is_default,
    summary,
)

BETTER = {"checkcovid_dev_macro_f1": LEXICAL_FIGURES["checkcovid_dev_macro_f1"] + 0.2,
          "checkcovid_dev_refute_f1": 0.55, "checkcovid_dev_dispute_precision": 0.6,
          "wice_heldout_support_auc": LEXICAL_FIGURES["wice_heldout_support_auc"]}


def test_the_model_is_default_only_when_it_wins_checkcovid_and_holds_wice() -> None:
    assert model_is_default(BETTER)
    assert not model_is_default(BETTER | {"wice_heldout_support_auc": 0.5})
    assert not model_is_default(BETTER | {"checkcovid_dev_macro_f1": 0.2})
    assert not model_is_default(BETTER | {"checkcovid_dev_dispute_precision": 0.45})
    assert not model_is_default({"checkcovid_dev_macro_f1": 0.9})  # a missing figure
    assert not model_is_default({})


def test_the_summary_quotes_judge_json_figures(tmp_path) -> None:
    (tmp_path / "judge.json").write_text(json.dumps(
        {"name": "tiny-judge", "inputs": "joined", "held_out": BETTER}))
    card = model_card(tmp_path)
    assert card["name"] == "tiny-judge" and card["held_out"] == BETTER
    as_default = summary(card, "model")
    assert "default is the trained judge tiny-judge" in as_default
    assert f"macro-F1 {BETTER['checkcovid_dev_macro_f1']:.2f}" in as_default
    assert "REFUTE F1 0.55" in as_default and "read" in as_default
    not_default = summary(card, "lexical")
    assert not_default.startswith("Judges: the default is the lexical judge")
    assert "the trained judge tiny-judge" in not_default and "None of the others" in not_default


def test_a_model_without_recorded_figures_says_so(tmp_path) -> None:
    (tmp_path / "judge.json").write_text(json.dumps({"name": "unmeasured"}))
    card = model_card(tmp_path)
    assert card["held_out"] == {} and not model_is_default(card["held_out"])
    assert "not recorded" in summary(card, "lexical")
    assert model_card(tmp_path / "missing") == {}
    assert "no trained judge" in summary({}, "lexical")


def test_the_readme_quotes_the_summary_the_cli_shows() -> None:
    from pathlib import Path

    from claimgraph.judge_card import JUDGE_SUMMARY, README_MARKS, readme_with_summary

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split(README_MARKS[0])[1].split(README_MARKS[1])[0]
    assert " ".join(block.split()) == JUDGE_SUMMARY, "run: python -m claimgraph.judge_card"
    assert readme_with_summary(readme) == readme
    assert "new words" in readme_with_summary(readme, "new words")


def test_the_default_is_chosen_by_the_rule_from_each_judges_recorded_figures() -> None:
    weak = {"name": "tiny-judge", "inputs": "joined", "held_out": BETTER | {
        "wice_heldout_support_auc": 0.5}}
    assert default_judge(weak, hybrid_card(weak, {})) == "lexical"  # nothing recorded for it
    assert default_judge(weak, hybrid_card(weak, {"tiny-judge": BETTER})) == "hybrid"
    strong = weak | {"held_out": BETTER}
    better_hybrid = BETTER | {"checkcovid_dev_macro_f1": BETTER["checkcovid_dev_macro_f1"] + 0.1}
    assert default_judge(strong, hybrid_card(strong, {"tiny-judge": BETTER})) in ("model",
                                                                                   "hybrid")
    assert default_judge(strong, hybrid_card(strong, {"tiny-judge": better_hybrid})) == "hybrid"
    assert default_judge(strong, hybrid_card(strong, {})) == "model"
    assert default_judge({}, hybrid_card({})) == "lexical"  # no trained judge, no hybrid
    # the rule's thresholds are the lexical judge's own figures: matching WiCE is enough, not
    # beating Check-COVID is not
    assert default_judge(weak, hybrid_card(weak, {"tiny-judge": BETTER | {
        "checkcovid_dev_macro_f1": LEXICAL_FIGURES["checkcovid_dev_macro_f1"]}})) == "lexical"


def test_the_summary_says_which_judge_is_default_and_quotes_its_figures() -> None:
    card = {"name": "tiny-judge", "inputs": "joined", "held_out": BETTER}
    hybrid = hybrid_card(card, {"tiny-judge": BETTER})
    text = summary(card, "hybrid", hybrid)
    assert text.startswith("Judges: the default is the hybrid judge")
    assert "falls back to the lexical judge" in text and "tiny-judge" in text
    assert summary(card, "lexical", hybrid).startswith("Judges: the default is the lexical judge")
    assert "hybrid judge" in summary(card, "lexical", hybrid)


def test_the_shipped_figures_make_the_default_the_rule_says() -> None:
    card = model_card()
    assert default_judge(card, hybrid_card(card)) == DEFAULT_JUDGE
    if DEFAULT_JUDGE == "hybrid":
        figures = card["hybrid_held_out"]
        assert f"macro-F1 {figures['checkcovid_dev_macro_f1']:.2f}" in JUDGE_SUMMARY
        assert JUDGE_SUMMARY.startswith("Judges: the default is the hybrid judge")


def test_hybrid_figures_live_in_the_models_judge_json(tmp_path) -> None:
    """A re-exported model starts without the old one's figures, so the hybrid built on it is not
    the default until it is measured (the figures are read from the model's own judge.json)."""
    (tmp_path / "judge.json").write_text(json.dumps(
        {"name": "tiny-judge", "held_out": BETTER | {"wice_heldout_support_auc": 0.5},
         "hybrid_held_out": BETTER}))
    card = model_card(tmp_path)
    assert hybrid_card(card)["held_out"] == BETTER and default_judge(card, hybrid_card(card)) == "hybrid"
    (tmp_path / "judge.json").write_text(json.dumps({"name": "tiny-judge"}))
    card = model_card(tmp_path)
    assert hybrid_card(card)["held_out"] == {} and default_judge(card, hybrid_card(card)) == "lexical"
