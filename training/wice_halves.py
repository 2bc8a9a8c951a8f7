"""WiCE support AUC of a judge folder on the fit half and the held-out half, side by side.

Runs in claimgraph's own environment:

    python training/wice_halves.py [--folder claimgraph/data/judge]

The score is the shipped judge's ``support`` for each claim against its cited page, as the
shipped-judge row of ``benchmarks/wice_accuracy.py`` scores it (``OnnxJudge.judge_batch``, a
document whose passages are the page's sentences); positives are the "supported" claims, the
rest (partially and not supported) negatives. The halves are ``wice_fit_half`` of the claim id:
the trainer and the combiner fit read the fit half only, so the held-out half is the figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))

from joined_inputs import sentence_document, wice_fit_half  # noqa: E402

from claimgraph.evidence.fit import roc_auc  # noqa: E402
from claimgraph.evidence.onnx_judge import MODEL_DIR, OnnxJudge  # noqa: E402

WICE = ROOT.parent / "shared" / "data" / "wice" / "claim_dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    """Judge every WiCE dev claim once; print the AUC per half."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=MODEL_DIR)
    parser.add_argument("--data", type=Path, default=WICE)
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    judge = OnnxJudge(str(args.folder))
    started = time.perf_counter()
    verdicts = judge.judge_batch([(r["claim"], [sentence_document(r["evidence"])], [True])
                                  for r in records])
    seconds = time.perf_counter() - started
    print(f"WiCE dev support AUC, judge folder {args.folder} "
          f"(inputs: {judge.settings.get('inputs', 'passages')}, combiner: "
          f"{'yes' if judge.combiner is not None else 'no'}); {len(records)} claims in {seconds:.1f} s")
    for name, keep in (("fit half (trained on)", True), ("held-out half", False)):
        picked = [i for i, r in enumerate(records) if wice_fit_half(r["meta"]["id"]) == keep]
        scores = [verdicts[i][0].support for i in picked]
        labels = [int(records[i]["label"] == "supported") for i in picked]
        print(f"  {name:<22} {len(picked):>3} claims ({sum(labels)} supported): "
              f"AUC {roc_auc(scores, labels):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
