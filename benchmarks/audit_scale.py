"""Time the offline audit of generated articles with 500, 1,000 and 2,000 endnotes.

Prints the time per stage and the growth ratio against n log n, measured against the smallest
size in the same run. Target: 2,000 endnotes under 10 s, growth no worse than n log n.

    python benchmarks/audit_scale.py [--sizes 500 1000 2000] [--evidence]
"""

from __future__ import annotations

import argparse
import math
import time

from claimgraph.api import AuditOptions, audit
from claimgraph.synthetic import endnote_article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--evidence", action="store_true", help="include claim × source judging")
    args = parser.parse_args()
    options = AuditOptions(evidence=args.evidence, snapshots_dir=None)
    audit(text=endnote_article(50), location="warmup.txt", options=options)  # imports, caches
    base = None
    print(f"{'endnotes':>8} {'claims':>7} {'citations':>9} {'resolved':>8} {'seconds':>8} "
          f"{'vs n log n':>10}  stages")
    for size in args.sizes:
        text = endnote_article(size)
        started = time.perf_counter()
        result = audit(text=text, location=f"synthetic-{size}.txt", options=options)
        seconds = time.perf_counter() - started
        nlogn = size * math.log(size)
        base = base or (seconds / nlogn)
        ratio = (seconds / nlogn) / base
        article = result.article
        resolved = sum(1 for c in article.citations if c.endnote is not None)
        stages = " ".join(f"{k}={v:.2f}" for k, v in result.timings.items() if k != "total")
        print(f"{size:>8} {len(article.claims):>7} {len(article.citations):>9} {resolved:>8} "
              f"{seconds:>8.2f} {ratio:>10.2f}  {stages}")
    print("ratio = (time / n log n) relative to the smallest size; <= ~1.3 means n log n or better")


if __name__ == "__main__":
    main()
