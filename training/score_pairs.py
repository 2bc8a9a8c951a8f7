"""Score the exported judge on the trainer's held-out pairs and on a sample of its training pairs.

    python training/score_pairs.py [training/out] [MODEL_FOLDER]

Pairs are (claim, evidence passage) as the trainer saw them (gold rationale for claim-level
sets; for joined runs, the joined top passages of the source), cut to the folder's
``window_tokens``. Prints per set: accuracy, macro-F1 over the labels present, and the dispute F1; held-out
sets and the training samples side by side. Writes ``pair_figures.json`` beside the pairs.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimgraph.evidence.onnx_judge import OnnxJudge  # noqa: E402

LABELS = ("supports", "disputes", "neither")


def figures(predicted: list[str], gold: list[str]) -> dict[str, float]:
    """Accuracy, macro-F1 over the gold labels present, dispute F1."""
    f1 = {}
    for label in sorted(set(gold)):
        tp = sum(p == g == label for p, g in zip(predicted, gold, strict=True))
        precision, recall = tp / max(predicted.count(label), 1), tp / gold.count(label)
        f1[label] = 2 * precision * recall / (precision + recall) if tp else 0.0
    accuracy = sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold)
    return {"n": len(gold), "accuracy": round(accuracy, 3),
            "macro_f1": round(sum(f1.values()) / len(f1), 3),
            "disputes_f1": round(f1.get("disputes", float("nan")), 3)}


def main(argv: list[str]) -> int:
    """Score every set in the two pair files."""
    folder = Path(argv[0]) if argv else ROOT / "training" / "out"
    judge = OnnxJudge(argv[1] if len(argv) > 1 else "")
    caps = int(judge.settings.get("window_tokens", judge.settings["max_length"]))
    sets: dict[str, list[dict]] = defaultdict(list)
    for name in ("heldout_pairs.jsonl", "train_pairs_sample.jsonl"):
        for line in (folder / name).read_text().splitlines():
            row = json.loads(line)
            sets[row["set"]].append(row)
    out = {}
    for name, rows in sets.items():
        probabilities = judge.probabilities([(r["claim"], r["text"]) for r in rows],
                                            [caps] * len(rows))
        predicted = [judge.labels[max(range(3), key=p.__getitem__)] for p in probabilities]
        out[name] = figures(predicted, [r["label"] for r in rows])
        print(f"{name:<26} " + "  ".join(f"{k} {v}" for k, v in out[name].items()))
    (folder / "pair_figures.json").write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
