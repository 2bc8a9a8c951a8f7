"""Time the offline audit of generated articles: 500 to 10,000 endnotes, and 25,000 inline citations.

Prints the time per stage, the peak memory and the growth ratio against n log n, measured against
the smallest size in the same run. Target: 2,000 endnotes under 5 s, growth no worse than n log n.
The citation rows cite a short numbered list many times (``[n]`` markers), the shape of a long
article whose every sentence carries a marker.

    python benchmarks/audit_scale.py [--sizes 500 1000 2000 10000] [--citations 25000] [--evidence]
"""

from __future__ import annotations

import argparse
import math
import resource
import time

from claimgraph.api import AuditOptions, audit
from claimgraph.synthetic import endnote_article


def citation_article(citations: int, endnotes: int = 50) -> str:
    """``citations`` one-sentence claims, each citing one of ``endnotes`` numbered endnotes."""
    body = "".join(f"Claim number {i} holds. [{i % endnotes + 1}]\n" for i in range(citations))
    notes = "\n".join(f"{i}. Source {i}. https://example{i % 10}.org/p/{i}" for i in range(1, endnotes + 1))
    return f"{body}\nEndnotes\n{notes}\n"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 10000])
    parser.add_argument("--citations", type=int, nargs="*", default=[25000])
    parser.add_argument("--evidence", action="store_true", help="include claim × source judging")
    args = parser.parse_args()
    options = AuditOptions(evidence=args.evidence, snapshots_dir=None)
    audit(text=endnote_article(50), location="warmup.txt", options=options)  # imports, caches
    base = None
    print(f"{'article':<16} {'claims':>7} {'citations':>9} {'resolved':>8} {'seconds':>8} "
          f"{'vs n log n':>10} {'peak MB':>8}  stages")
    cases = [(f"{n} endnotes", n, endnote_article(n)) for n in args.sizes]
    cases += [(f"{n} citations", n, citation_article(n)) for n in args.citations]
    for label, size, text in cases:
        started = time.perf_counter()
        result = audit(text=text, location=f"synthetic-{size}.txt", options=options)
        seconds = time.perf_counter() - started
        nlogn = size * math.log(size)
        if label.endswith("endnotes"):
            base = base or (seconds / nlogn)
            ratio = f"{(seconds / nlogn) / base:.2f}"
        else:
            ratio = "-"
        article = result.article
        resolved = sum(1 for c in article.citations if c.endnote is not None)
        stages = " ".join(f"{k}={v:.2f}" for k, v in result.timings.items() if k != "total")
        print(f"{label:<16} {len(article.claims):>7} {len(article.citations):>9} {resolved:>8} "
              f"{seconds:>8.2f} {ratio:>10} {_peak_mb():>8.0f}  {stages}", flush=True)
    print("ratio = (time / n log n) relative to the smallest endnote size; <= ~1.3 means n log n or better")
    print("peak MB is the process's peak so far (it only grows down the table)")


if __name__ == "__main__":
    main()
