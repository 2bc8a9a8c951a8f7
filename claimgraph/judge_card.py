"""What a person is told about the judges (CLI help, explorer help, README), with held-out figures,
and which judge ``default`` means.

Kept in a module of its own so the CLI can show it without loading any judge. One card per judge:
the trained judge's figures are read from its ``judge.json`` (``"held_out"``, written when it is
exported); the lexical judge's and the hybrid judge's (per trained model, by its name) are below.

The rule for ``default`` (set before measuring): a judge other than the lexical one is the default
only if, on held-out data, it beats the lexical judge on Check-COVID dev macro-F1 **and** is at
least as good on WiCE support ROC AUC (the held-out half of WiCE dev, ``fit.wice_fit_half``),
**and** at least half its "disputes" on Check-COVID dev are right (``DISPUTE_PRECISION_FLOOR``).
When both the model and the hybrid pass, the one with the better Check-COVID macro-F1 is it.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

__all__ = ["MODEL_DIR", "LEXICAL_FIGURES", "DISPUTE_PRECISION_FLOOR",
           "HYBRID_DISPUTES_AT", "HYBRID_RULE",
           "model_card", "hybrid_card", "model_is_default", "default_judge", "DEFAULT_JUDGE",
           "JUDGE_SUMMARY", "summary", "README_MARKS", "readme_with_summary"]

MODEL_DIR = Path(__file__).resolve().parent / "data" / "judge"
# A judge that says "disputes" must be right at least this often on Check-COVID dev to be the
# default: the floor its thresholds are chosen for on fit data (a dispute an editor must dismiss
# costs trust). Added to the rule 2026-12-02; it changed no decision (lexical 0.50, hybrid 0.51,
# the model 0.45, which fails on WiCE anyway).
DISPUTE_PRECISION_FLOOR = 0.5
# The README's copy of JUDGE_SUMMARY sits between these (``python -m claimgraph.judge_card``
# rewrites it; a test checks it).
README_MARKS = ("<!-- judge summary: written by python -m claimgraph.judge_card -->",
                "<!-- end of judge summary -->")

# The lexical judge on held-out data (benchmarks/results/checkcovid_accuracy.txt, wice_accuracy.txt):
# WiCE: its recipe (6 coverage features + dispute cue) fitted on the fit half, scored on the other
# (the shipped weights saw all of WiCE dev, so their own figure there is not held out).
LEXICAL_FIGURES = {"checkcovid_dev_macro_f1": 0.279, "checkcovid_dev_refute_f1": 0.079,
                   "checkcovid_dev_dispute_precision": 0.5,
                   "wice_heldout_support_auc": 0.817, "wice_heldout_hit3": 0.949}
# Models exported before judge.json carried "held_out" (the WiCE figure: all of WiCE dev, none of
# which that model or its combiner saw).
_EARLIER = {"minilm-judge": {"checkcovid_dev_macro_f1": 0.407, "checkcovid_dev_refute_f1": 0.424,
                             "wice_heldout_support_auc": 0.449}}

# The hybrid judge (claimgraph/evidence/hybrid.py). Its threshold was chosen on fit data only
# (benchmarks/hybrid_fit.py: the best Check-COVID dispute F1 with dispute precision >= 0.5 on
# Check-COVID train's held-out part and the WiCE fit half). Its held-out figures
# (benchmarks/results/judge_hybrid.txt) hold for the trained model they were measured with, so
# they are kept in that model's judge.json (``"hybrid_held_out"``): an export starts without
# them (training/export_judge.py drops every recorded figure), so a retrained model is never the
# hybrid's default until the hybrid is measured with it.
HYBRID_DISPUTES_AT = 0.5
HYBRID_RULE = ("the lexical judge's stance and support score, overridden to \"disputes\" when the "
               f"trained model's own dispute probability is at least {HYBRID_DISPUTES_AT:g} on a "
               "cited source the lexical judge found on topic (the support score used for ranking "
               "stays the lexical one; the deciding quote is the model's)")
def model_card(folder: Path = MODEL_DIR) -> dict:
    """The trained judge's name, input shape and held-out figures ({} without a judge.json)."""
    try:
        settings = json.loads((folder / "judge.json").read_text())
    except (OSError, ValueError):
        return {}
    name = str(settings.get("name", "model"))
    figures = settings.get("held_out") or _EARLIER.get(name, {})
    return {"name": name, "inputs": settings.get("inputs", "passages"), "held_out": figures,
            "hybrid_held_out": settings.get("hybrid_held_out") or {}}


def hybrid_card(model: dict, figures: dict | None = None) -> dict:
    """The hybrid judge's card for a trained judge's card ({} without a trained judge); its
    held-out figures are those recorded with that model (its judge.json, or ``figures`` by model
    name), {} when none were."""
    if not model:
        return {}
    recorded = (model.get("hybrid_held_out") or {} if figures is None
                else figures.get(model["name"], {}))
    return {"name": "hybrid", "model": model["name"], "held_out": recorded}


def default_judge(model: dict, hybrid: dict) -> str:
    """``lexical``, ``model`` or ``hybrid``: the rule above applied to each card."""
    passing = [(card["held_out"].get("checkcovid_dev_macro_f1", 0.0), name)
               for name, card in (("model", model), ("hybrid", hybrid))
               if card and model_is_default(card["held_out"])]
    return max(passing)[1] if passing else "lexical"


def model_is_default(figures: dict, lexical: dict = LEXICAL_FIGURES) -> bool:
    """The rule above, on recorded held-out figures (a missing figure never makes a default)."""
    try:
        return (figures["checkcovid_dev_macro_f1"] > lexical["checkcovid_dev_macro_f1"]
                and figures["wice_heldout_support_auc"] >= lexical["wice_heldout_support_auc"]
                and figures["checkcovid_dev_dispute_precision"] >= DISPUTE_PRECISION_FLOOR)
    except (KeyError, TypeError):
        return False


def _figures(figures: dict) -> str:
    parts = []
    if "checkcovid_dev_macro_f1" in figures:
        parts.append(f"Check-COVID dev macro-F1 {figures['checkcovid_dev_macro_f1']:.2f}")
    if "checkcovid_dev_refute_f1" in figures:
        parts.append(f"REFUTE F1 {figures['checkcovid_dev_refute_f1']:.2f}")
    if "checkcovid_dev_dispute_precision" in figures:
        parts.append(f"disputes right {figures['checkcovid_dev_dispute_precision']:.0%}")
    if "wice_heldout_support_auc" in figures:
        parts.append(f"WiCE support ROC AUC {figures['wice_heldout_support_auc']:.2f}")
    return ", ".join(parts) or "not recorded (see benchmarks/results/)"


def summary(card: dict, default: str, hybrid: dict | None = None) -> str:
    """The one paragraph the CLI help, the explorer and the README quote (``card`` the trained
    judge's, ``hybrid`` the hybrid judge's): the default judge first, then the others."""
    lexical = ("the lexical judge (word, number and name coverage plus structural contradiction "
               f"cues; held out: {_figures(LEXICAL_FIGURES)})")
    if not card:
        return f"Judges: the default is {lexical}; no trained judge is installed."
    reads = ("the top 3 passages of each source together" if card["inputs"] == "joined"
             else "the top 3 passages of each source")
    described = {
        "lexical": lexical,
        "model": (f"the trained judge {card['name']}, a MiniLM-L6 cross-encoder (supports / "
                  f"disputes / neither), int8 ONNX on CPU, reading {reads} (held out: "
                  f"{_figures(card['held_out'])})"),
    }
    if hybrid:
        described["hybrid"] = (f"the hybrid judge: {HYBRID_RULE} (held out: "
                               f"{_figures(hybrid['held_out'])})")
    default = default if default in described else "lexical"
    opening = f"Judges: the default is {described[default]}"
    if default != "lexical":
        opening += "; it falls back to the lexical judge when the model cannot load"
    others = "; ".join(text for name, text in described.items() if name != default)
    why = ("" if default != "lexical" else
           " None of the others is the default: on held-out data none both beats the lexical "
           "judge on Check-COVID and matches it on WiCE with at least half its disputes right.")
    return (f"{opening}. Also available: {others}.{why} All are weak judges: treat their stances "
            "as leads to check by hand.")


_CARD = model_card()
_HYBRID = hybrid_card(_CARD)
DEFAULT_JUDGE = default_judge(_CARD, _HYBRID)
JUDGE_SUMMARY = summary(_CARD, DEFAULT_JUDGE, _HYBRID)


def readme_with_summary(readme: str, text: str = JUDGE_SUMMARY) -> str:
    """``readme`` with the block between ``README_MARKS`` replaced by ``text``, wrapped."""
    start, end = (re.escape(mark) for mark in README_MARKS)
    block = f"{README_MARKS[0]}\n{textwrap.fill(text, 100, break_on_hyphens=False)}\n{README_MARKS[1]}"
    return re.sub(f"{start}.*?{end}", lambda _match: block, readme, count=1, flags=re.S)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(readme_with_summary(path.read_text(encoding="utf-8")), encoding="utf-8")
