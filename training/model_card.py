"""Write training/MODEL_CARD.md from what the training run and the benchmarks printed.

    python training/model_card.py

Reads ``training/train.log`` (data hashes, sizes, progress), ``training/out/pair_figures.json``
(``score_pairs.py``), ``claimgraph/data/judge/judge.json`` and the benchmark outputs in
``benchmarks/results/``; nothing is typed in by hand except the licence notes below, which
were read from each data set's SOURCE.md / LICENSE.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICENCES = [
    ("checkcovid/", "Check-COVID (Wang et al., 2023), MIT", "train (88 % by abstract), dev only measured"),
    ("nli/scifact/", "SciFact claims CC BY 4.0, abstracts ODC-By 1.0", "train (88 % by claim)"),
    ("nli/fever_symmetric/", "FEVER-Symmetric, CC BY-SA 3.0", "passage runs only: dev (88 %)"),
    ("nli/snli_esnli/", "SNLI CC BY-SA 4.0 / e-SNLI MIT", "subsample (replayed in the claim stage)"),
    ("nli/conjnli/", "ConjNLI, MIT (premises from Wikipedia, CC BY-SA)", "subsample"),
    ("nli/negation_nli/", "Negation NLI, MIT (from SNLI / MNLI; the RTE part, licence unclear, "
     "is not used)", "subsample"),
    ("nli/breaking_nli/", "Breaking NLI, CC BY-SA 4.0", "80 per label"),
    ("nli/hans_generated/", "HANS templates, MIT", "small dose"),
    ("wice/", "WiCE (Kamoi et al., 2023), ODC-BY annotations; page text CC BY-SA / Common Crawl "
     "terms (attribution: the WiCE authors and the cited pages' authors)",
     "joined runs: the dev fit half (sha256 of meta.id even) trained on; the other half only measured"),
]


def _section(path: Path, title: str) -> str:
    if not path.is_file():
        return f"### {title}\n\n(not run)\n"
    return f"### {title}\n\n```\n{path.read_text().strip()}\n```\n"


def _joined_text(settings: dict) -> list[str]:
    return [
        "The model reads ONE input per (claim, source) (`\"inputs\": \"joined\"` in judge.json): "
        "the claim against the top-3 passages of the lexical ranking joined in document order, cut "
        f"to {settings.get('window_tokens')} tokens (the claim is kept, the text's tail goes). It "
        "was trained on inputs made by that same code (`training/joined_inputs.py` calls "
        "claimgraph's Document building and `rank_passages`). The verdict per source comes from "
        "the combiner (`combiner.json`, when present: a multinomial logistic regression over the "
        "joined input's probabilities, lexical coverage and contradiction cues, fitted by "
        "`fit_combiner.py` on the Check-COVID train claims the model trained on and the WiCE dev "
        "fit half; never on Check-COVID dev, Check-COVID train's held-out part or the WiCE "
        "held-out half), else the written rule; a passage that restates the claim but flips it "
        "(antonym, negation, number) still makes it a dispute.", ""]


def main() -> int:
    """Assemble the card."""
    log = (ROOT / "training" / "train.log").read_text(errors="replace").splitlines()
    hashes = [line for line in log if line.startswith("sha256 ")]
    sizes = next((line for line in log if line.startswith("stage 1")), "")
    held = next((line for line in log if line.startswith("held out:")), "")
    joined = next((line for line in log if line.startswith("joined pairs")), "")
    progress = [line for line in log if re.search(r"step \d+/\d+ loss", line)]
    settings = json.loads((ROOT / "claimgraph" / "data" / "judge" / "judge.json").read_text())
    model = ROOT / "claimgraph" / "data" / "judge" / "model.onnx"
    pairs_path = ROOT / "training" / "pair_figures.json"
    pairs = json.loads(pairs_path.read_text()) if pairs_path.is_file() else {}
    lines = [
        "# Model card: minilm-judge", "",
        "A 3-way cross-encoder (supports / disputes / neither) for claimgraph's evidence judge.",
        f"Base: {settings.get('base')}. Checkpoint shipped: `{settings.get('checkpoint')}`. "
        f"Exported to ONNX, int8 dynamic quantisation: {model.stat().st_size / 1e6:.1f} MB. "
        f"Max length {settings.get('max_length')} tokens. Thresholds: supports_at "
        f"{settings.get('supports_at')}, disputes_at {settings.get('disputes_at')} (chosen on "
        f"{settings.get('thresholds_chosen_on')}).", "",
        "Rebuild: `training/train_judge.py` (seeded) → `export_judge.py CHECKPOINT` → "
        "`calibrate_judge.py` → `fit_combiner.py` → `score_pairs.py` → the benchmarks → "
        "`model_card.py`.", "",
        *(_joined_text(settings) if settings.get("inputs") == "joined" else [
            f"Inputs are cut to {settings.get('passage_tokens')} tokens for one passage and "
            f"{settings.get('window_tokens')} for the passages read together (the claim is kept, "
            "the passage's tail goes). The verdict per source comes from the combiner "
            "(`claimgraph/evidence/combiner.py`, `combiner.json`): a multinomial logistic "
            "regression over the passages' probabilities, lexical coverage and contradiction "
            "cues, fitted by `fit_combiner.py` on Check-COVID train only (never on Check-COVID "
            "dev or WiCE); a passage that restates the claim but flips it (antonym, negation, "
            "number) still makes it a dispute.", ""]),
        "## Data and licences", "",
        "| data | licence | use |", "| --- | --- | --- |",
        *[f"| `{d}` | {lic} | {use} |" for d, lic, use in LICENCES], "",
        "All licences allow redistribution of a model trained on them (attribution and, for the "
        "CC BY-SA sets, share-alike: this model card is the attribution).", "",
        f"Sizes: {sizes}.", *([f"Joined {joined}."] if joined else []),
        f"Held-out pairs per set: {held.removeprefix('held out: ')}.", "",
        "Hard negatives: supported claims edited by antonym swap, negation, number or year change "
        "(`training/perturb.py`), labelled disputes (in joined runs re-ranked for the edited "
        "claim); other claims' sources (joined) or evidence and undecided sentences of the same "
        "abstract (passage runs), labelled neither.", "",
        "Input hashes (sha256):", "", "```", *hashes, "```", "",
        "## Figures: held out beside trained on", "",
        "Pairs as the trainer saw them (claim, gold evidence passage), scored with the shipped "
        "int8 model (`score_pairs.py`):", "",
        "| set | n | accuracy | macro-F1 | disputes F1 |", "| --- | --- | --- | --- | --- |",
        *[f"| {name} | {f['n']} | {f['accuracy']} | {f['macro_f1']} | {f['disputes_f1']} |"
          for name, f in pairs.items()], "",
        "Through claimgraph's own path (retrieval from the whole source, aggregation, "
        "thresholds):", "",
        _section(ROOT / "benchmarks" / "results" / "checkcovid_accuracy.txt", "Check-COVID"),
        _section(ROOT / "benchmarks" / "results" / "judge_wice_halves.txt",
                 "WiCE dev: fit half (trained on) beside the held-out half"),
        _section(ROOT / "benchmarks" / "results" / "wice_accuracy.txt", "WiCE dev"),
        _section(ROOT / "benchmarks" / "results" / "judge_combiner_fit.txt",
                 "The combiner's fit (trained-on figures)"),
        _section(ROOT / "benchmarks" / "results" / "evidence_speed_model.txt", "Speed"),
        _section(ROOT / "training" / "train-joined.log",
                 "The joined-input retraining run (a candidate; see checkcovid_accuracy.txt)"),
        "## Training progress (every 10th step logged)", "", "```",
        *progress[::5], *(progress[-1:] if progress else []), "```", "",
    ]
    (ROOT / "training" / "MODEL_CARD.md").write_text("\n".join(lines))
    print("wrote training/MODEL_CARD.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
