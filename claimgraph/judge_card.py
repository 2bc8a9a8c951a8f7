"""What a person is told about the judges (CLI help, explorer help, README), with held-out figures,
and which judge ``default`` means.

Kept in a module of its own so the CLI can show it without loading any judge. The trained judge's
figures are read from its ``judge.json`` (``"held_out"``, written when it is exported), so they
live in one place; the lexical judge's are below.

The rule for ``default`` (set before measuring): the trained judge is the default only if, on
held-out data, it beats the lexical judge on Check-COVID dev macro-F1 **and** is at least as good
on WiCE support ROC AUC (the held-out half of WiCE dev, ``fit.wice_fit_half``).
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

__all__ = ["MODEL_DIR", "LEXICAL_FIGURES", "model_card", "model_is_default", "DEFAULT_JUDGE",
           "JUDGE_SUMMARY", "summary", "README_MARKS", "readme_with_summary"]

MODEL_DIR = Path(__file__).resolve().parent / "data" / "judge"
# The README's copy of JUDGE_SUMMARY sits between these (``python -m claimgraph.judge_card``
# rewrites it; a test checks it).
README_MARKS = ("<!-- judge summary: written by python -m claimgraph.judge_card -->",
                "<!-- end of judge summary -->")

# The lexical judge on held-out data (benchmarks/results/checkcovid_accuracy.txt, wice_accuracy.txt):
# WiCE: its recipe (6 coverage features + dispute cue) fitted on the fit half, scored on the other
# (the shipped weights saw all of WiCE dev, so their own figure there is not held out).
LEXICAL_FIGURES = {"checkcovid_dev_macro_f1": 0.279, "checkcovid_dev_refute_f1": 0.079,
                   "wice_heldout_support_auc": 0.817, "wice_heldout_hit3": 0.949}
# Models exported before judge.json carried "held_out" (the WiCE figure: all of WiCE dev, none of
# which that model or its combiner saw).
_EARLIER = {"minilm-judge": {"checkcovid_dev_macro_f1": 0.407, "checkcovid_dev_refute_f1": 0.424,
                             "wice_heldout_support_auc": 0.449}}


def model_card(folder: Path = MODEL_DIR) -> dict:
    """The trained judge's name, input shape and held-out figures ({} without a judge.json)."""
    try:
        settings = json.loads((folder / "judge.json").read_text())
    except (OSError, ValueError):
        return {}
    name = str(settings.get("name", "model"))
    figures = settings.get("held_out") or _EARLIER.get(name, {})
    return {"name": name, "inputs": settings.get("inputs", "passages"), "held_out": figures}


def model_is_default(figures: dict, lexical: dict = LEXICAL_FIGURES) -> bool:
    """The rule above, on recorded held-out figures (a missing figure never makes a default)."""
    try:
        return (figures["checkcovid_dev_macro_f1"] > lexical["checkcovid_dev_macro_f1"]
                and figures["wice_heldout_support_auc"] >= lexical["wice_heldout_support_auc"])
    except (KeyError, TypeError):
        return False


def _figures(figures: dict) -> str:
    parts = []
    if "checkcovid_dev_macro_f1" in figures:
        parts.append(f"Check-COVID dev macro-F1 {figures['checkcovid_dev_macro_f1']:.2f}")
    if "checkcovid_dev_refute_f1" in figures:
        parts.append(f"REFUTE F1 {figures['checkcovid_dev_refute_f1']:.2f}")
    if "wice_heldout_support_auc" in figures:
        parts.append(f"WiCE support ROC AUC {figures['wice_heldout_support_auc']:.2f}")
    return ", ".join(parts) or "not recorded (see benchmarks/results/)"


def summary(card: dict, default: str) -> str:
    """The one paragraph the CLI help, the explorer and the README quote."""
    lexical = ("the lexical judge (word, number and name coverage plus structural contradiction "
               f"cues; held out: {_figures(LEXICAL_FIGURES)})")
    if not card:
        return f"Judges: the default is {lexical}; no trained judge is installed."
    model = (f"{card['name']}, a MiniLM-L6 cross-encoder (supports / disputes / neither), int8 "
             "ONNX on CPU, reading "
             + ("the top 3 passages of each source together"
                if card["inputs"] == "joined" else "the top 3 passages of each source")
             + f" (held out: {_figures(card['held_out'])})")
    if default == "model":
        return (f"Judges: the default is the trained judge {model}; it falls back to {lexical} "
                "when it cannot load. Treat stances as leads to check by hand.")
    return (f"Judges: the default is {lexical}. The model judge is {model}; it is not the "
            "default because on held-out data it does not both beat the lexical judge on "
            "Check-COVID and match it on WiCE. Both are weak judges: treat their stances as leads "
            "to check by hand.")


_CARD = model_card()
DEFAULT_JUDGE = "model" if _CARD and model_is_default(_CARD["held_out"]) else "lexical"
JUDGE_SUMMARY = summary(_CARD, DEFAULT_JUDGE)


def readme_with_summary(readme: str, text: str = JUDGE_SUMMARY) -> str:
    """``readme`` with the block between ``README_MARKS`` replaced by ``text``, wrapped."""
    start, end = (re.escape(mark) for mark in README_MARKS)
    block = f"{README_MARKS[0]}\n{textwrap.fill(text, 100, break_on_hyphens=False)}\n{README_MARKS[1]}"
    return re.sub(f"{start}.*?{end}", lambda _match: block, readme, count=1, flags=re.S)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(readme_with_summary(path.read_text(encoding="utf-8")), encoding="utf-8")
