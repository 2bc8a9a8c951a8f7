"""Check-COVID: does the judge tell SUPPORT from REFUTE from NOT ENOUGH INFO, through the CLI?

Each claim is judged against its source's title and whole abstract (not the gold rationale
sentences) by ``claimgraph judge --jsonl``, exactly as a user would run it. Stances map to
labels: supports → SUPPORT, disputes → REFUTE, mentions / unrelated → NOT ENOUGH INFO.

    python benchmarks/checkcovid_accuracy.py [--judge default] [--split dev|train|train-heldout]

``dev`` was never trained on; ``train-heldout`` is the part of train the trainer held out (by a
hash of the abstract's id, ``training/train_judge.py``) and chose the thresholds on; ``train``
is the part it trained on (the figure beside the held-out ones).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "checkcovid"
LABELS = ("SUPPORT", "REFUTE", "NOTENOUGHINFO")
STANCE_LABEL = {"supports": "SUPPORT", "disputes": "REFUTE"}
HELD_OUT_SHARE = 12  # the trainer's held-out share (percent, by abstract-id hash)


def held_out(key: str) -> bool:
    """The trainer's fixed split: whether an abstract id is in the held-out part of train."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 100 < HELD_OUT_SHARE


def rows_of(split: str, data: Path) -> list[dict]:
    """The claims of a split."""
    name = "claim_dev.jsonl" if split == "dev" else "claim_train.jsonl"
    rows = [json.loads(line) for line in (data / name).read_text().splitlines() if line.strip()]
    if split == "train":
        rows = [r for r in rows if not held_out(r["id"].split("_")[0])]
    elif split == "train-heldout":
        rows = [r for r in rows if held_out(r["id"].split("_")[0])]
    return rows


def source_text(row: dict) -> str:
    """The source as a reader would have it: title, then the abstract's sentences."""
    return row["source_title"].strip() + ".\n" + " ".join(row["evidence"])


def judge_via_cli(rows: list[dict], judge: str) -> list[dict]:
    """Verdicts from ``claimgraph judge --jsonl`` (one subprocess, one model load)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as stream:
        for row in rows:
            stream.write(json.dumps({"id": row["id"], "claim": row["claim"],
                                     "text": source_text(row)}) + "\n")
    done = subprocess.run([sys.executable, "-m", "claimgraph", "judge", "--jsonl", stream.name,
                           "--judge", judge], capture_output=True, text=True, check=False)
    Path(stream.name).unlink()
    if done.returncode != 0:
        raise SystemExit(f"claimgraph judge failed ({done.returncode}): {done.stderr.strip()}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def f1_scores(predicted: list[str], gold: list[str]) -> dict[str, float]:
    """Per-label F1, precision and recall, macro-F1 and accuracy."""
    out: dict[str, float] = {}
    for label in LABELS:
        tp = sum(p == g == label for p, g in zip(predicted, gold, strict=True))
        precision = tp / max(predicted.count(label), 1)
        recall = tp / max(gold.count(label), 1)
        out[f"{label} F1"] = 2 * precision * recall / (precision + recall) if tp else 0.0
        out[f"{label} P"] = precision
        out[f"{label} R"] = recall
    out["macro-F1"] = sum(out[f"{label} F1"] for label in LABELS) / len(LABELS)
    out["accuracy"] = sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold)
    return out


def main(argv: list[str] | None = None) -> int:
    """Judge a split through the CLI and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--judge", default="default")
    parser.add_argument("--split", choices=["dev", "train", "train-heldout"], default="dev")
    args = parser.parse_args(argv)
    rows = rows_of(args.split, args.data)
    started = time.perf_counter()
    verdicts = judge_via_cli(rows, args.judge)
    seconds = time.perf_counter() - started
    gold = [r["label"] for r in rows]
    predicted = [STANCE_LABEL.get(v["stance"], "NOTENOUGHINFO") for v in verdicts]
    scores = f1_scores(predicted, gold)
    print(f"Check-COVID {args.split}: {len(rows)} claims ({dict(Counter(gold))}), judge "
          f"{args.judge!r} via claimgraph judge --jsonl, claim vs title + abstract")
    print(f"macro-F1 {scores['macro-F1']:.3f}  accuracy {scores['accuracy']:.3f}")
    for label in LABELS:
        print(f"  {label:<14} F1 {scores[label + ' F1']:.3f}  precision "
              f"{scores[label + ' P']:.3f}  recall {scores[label + ' R']:.3f}")
    confusion = Counter(zip(gold, predicted, strict=True))
    print("confusion (gold → predicted): " + ", ".join(
        f"{g[:3]}→{p[:3]} {confusion[(g, p)]}" for g in LABELS for p in LABELS))
    for claim_type in ("extracted", "composed"):
        picked = [i for i, r in enumerate(rows) if r.get("claim_type") == claim_type]
        if picked:
            part = f1_scores([predicted[i] for i in picked], [gold[i] for i in picked])
            print(f"  {claim_type:<10} {len(picked):>4} claims: macro-F1 {part['macro-F1']:.3f}")
    print(f"{len(rows)} claims judged in {seconds:.1f} s (one process, model loaded once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
