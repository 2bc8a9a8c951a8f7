"""Readers and citation resolution on real articles, against gold read from their own markup.

Usage: python benchmarks/real_articles.py [--data DIR] [--wikipedia DIR] [--split dev|held-out|all]

Reads every article of ``../shared/data/articles-real/`` and the two saved Wikipedia pages,
audits each offline (no store, no evidence), and prints per format and per split: references
read as endnotes (found/expected), citations resolved to the right entry, spurious unresolved
citations, duplicate-pair precision/recall, orphan precision/recall with false orphans as a
share of endnotes, and findings per article by kind. Gold comes from ``real_gold.py``.
Duplicate pairs are scored among the reference entries the gold knows; pairs that involve an
entry made for a body link (or a Markdown link definition) are counted apart.

The dev/held-out split is fixed by a hash of each folder (or file) name, chosen before any
article was looked at: within each kind, names sorted by SHA-256 and the first half (rounded
up) is dev. Rules are written looking at dev articles only; held-out figures are the ones
that count.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from real_gold import Gold, GoldCitation, gold_for  # noqa: E402

from claimgraph import audit  # noqa: E402
from claimgraph.audit.pipeline import AuditOptions  # noqa: E402
from claimgraph.model import AuditResult  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "articles-real"
DEFAULT_WIKI = ROOT.parent / "shared" / "data" / "wikipedia"
FORMATS = {
    "html-refs": "blog HTML",
    "md-footnotes": "Markdown footnotes",
    "md-refs": "Markdown numbered refs",
    "wikipedia": "Wikipedia",
}


def kind_of(name: str) -> str:
    """The article kind a folder or file name starts with."""
    return next((kind for kind in FORMATS if name.startswith(kind)), "wikipedia")


def split_of(names: list[str]) -> dict[str, str]:
    """``dev`` or ``held-out`` for each name: per kind, the first half by SHA-256 is dev."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_kind[kind_of(name)].append(name)
    split: dict[str, str] = {}
    for group in by_kind.values():
        group.sort(key=lambda n: hashlib.sha256(n.encode()).hexdigest())
        half = (len(group) + 1) // 2
        for index, name in enumerate(group):
            split[name] = "dev" if index < half else "held-out"
    return split


@dataclass
class Tally:
    """Counts summed over the articles of one format and split."""

    articles: int = 0
    expected_refs: int = 0
    found_refs: int = 0
    gold_citations: int = 0
    right_citations: int = 0
    unresolved: int = 0
    dup_gold: int = 0
    dup_pred: int = 0
    dup_hit: int = 0
    dup_links: int = 0
    orphan_gold: int = 0
    orphan_pred: int = 0
    orphan_hit: int = 0
    further_orphans: int = 0
    outside_orphans: int = 0
    input_problems: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        for name, value in vars(other).items():
            if isinstance(value, Counter):
                self.findings.update(value)
            else:
                setattr(self, name, getattr(self, name) + value)


def _label(endnote) -> str:
    return str(getattr(endnote, "label", "") or f"#{endnote.number}")


def _aligned(gold: list[GoldCitation], predicted: list[str | None]) -> int:
    """Citations resolved right: the longest in-order matching of gold targets and resolved labels."""
    previous = [0] * (len(predicted) + 1)
    for citation in gold:
        current = [0] * (len(predicted) + 1)
        for j, label in enumerate(predicted, start=1):
            if label is not None and label in citation.targets:
                current[j] = previous[j - 1] + 1
            else:
                current[j] = max(previous[j], current[j - 1])
        previous = current
    return previous[-1]


def measure(result: AuditResult, gold: Gold) -> Tally:
    """Compare one audit with its gold."""
    article = result.article
    by_number = {e.number: e for e in article.endnotes}
    labels = {_label(e) for e in article.endnotes}
    tally = Tally(articles=1)
    tally.expected_refs = len(gold.entries)
    tally.found_refs = sum(1 for label in gold.labels if label in labels)
    predicted = [_label(by_number[c.endnote]) if c.endnote in by_number else None for c in article.citations]
    tally.gold_citations = len(gold.citations)
    tally.right_citations = _aligned(gold.citations, predicted)
    tally.unresolved = sum(1 for label in predicted if label is None)
    pred_pairs: set[frozenset[str]] = set()
    for group in result.duplicate_groups:
        names = [_label(by_number[n]) for n in group.endnotes if n in by_number]
        pred_pairs |= {frozenset((a, b)) for i, a in enumerate(names) for b in names[i + 1 :] if a != b}
    gold_pairs = gold.duplicate_pairs
    listed = set(gold.labels)
    tally.dup_links = sum(1 for pair in pred_pairs if not pair <= listed)
    pred_pairs = {pair for pair in pred_pairs if pair <= listed}  # pairs of reference entries
    tally.dup_gold, tally.dup_pred, tally.dup_hit = (
        len(gold_pairs),
        len(pred_pairs),
        len(pred_pairs & gold_pairs),
    )
    orphans: set[str] = set()
    for finding in result.findings:
        tally.findings[finding.kind] += 1
        if finding.kind == "input_problem":
            tally.input_problems += 1
        if finding.kind != "orphan_endnote":
            continue
        for number in finding.endnotes:
            note = by_number.get(number)
            if note is None:
                continue
            if note.kind == "further_reading":
                tally.further_orphans += 1
            elif _label(note) not in listed:
                tally.outside_orphans += 1  # a bibliography or link entry the gold does not list
            else:
                orphans.add(_label(note))
    gold_orphans = gold.orphans
    tally.orphan_gold, tally.orphan_pred = len(gold_orphans), len(orphans)
    tally.orphan_hit = len(orphans & gold_orphans)
    return tally


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else f"{part}/0 (—)"


def _pr(hit: int, pred: int, gold: int) -> str:
    precision = f"{hit / pred:.2f}" if pred else "—"
    recall = f"{hit / gold:.2f}" if gold else "—"
    return f"P {precision} R {recall} ({hit} right of {pred} found, {gold} expected)"


def report(name: str, tally: Tally) -> list[str]:
    """Lines describing one format/split tally."""
    false_orphans = tally.orphan_pred - tally.orphan_hit
    per_article = ", ".join(
        f"{kind} {count / tally.articles:.1f}" for kind, count in sorted(tally.findings.items())
    )
    return [
        f"{name}  ({tally.articles} articles, {tally.seconds:.1f} s)",
        f"  references read as endnotes   {_ratio(tally.found_refs, tally.expected_refs)}",
        f"  citations resolved right      {_ratio(tally.right_citations, tally.gold_citations)}",
        f"  spurious unresolved citations {tally.unresolved}",
        f"  duplicate pairs of entries    {_pr(tally.dup_hit, tally.dup_pred, tally.dup_gold)}"
        f"; pairs with a body-link entry {tally.dup_links}",
        f"  orphans                       {_pr(tally.orphan_hit, tally.orphan_pred, tally.orphan_gold)}",
        f"  false orphans / endnotes      {_ratio(false_orphans, tally.expected_refs)}"
        f"; further-reading orphans {tally.further_orphans}; on entries outside the gold {tally.outside_orphans}",
        f"  input problems                {tally.input_problems}",
        f"  findings per article          {per_article or '—'}",
    ]


def articles(data: Path, wiki: Path) -> list[tuple[str, Path]]:
    """(name, article file) for every real article and Wikipedia page found."""
    found = [
        (folder.name, next(folder.glob("article.*")))
        for folder in sorted(data.iterdir())
        if folder.is_dir() and any(folder.glob("article.*"))
    ]
    found += [(page.name, page) for page in sorted(wiki.glob("*.html"))]
    return found


def main(argv: list[str] | None = None) -> int:
    """Audit every article and print the figures per format and split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--wikipedia", type=Path, default=DEFAULT_WIKI)
    parser.add_argument("--split", choices=("dev", "held-out", "all"), default="all")
    parser.add_argument("--verbose", action="store_true", help="one line per article")
    args = parser.parse_args(argv)
    items = articles(args.data, args.wikipedia)
    split = split_of([name for name, _ in items])
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    options = AuditOptions(evidence=False, snapshots_dir=None)
    for name, path in items:
        if args.split != "all" and split[name] != args.split:
            continue
        started = time.perf_counter()
        result = audit(path, options=options)
        tally = measure(result, gold_for(path))
        tally.seconds = time.perf_counter() - started
        tallies[(kind_of(name), split[name])].add(tally)
        if args.verbose:
            print(
                f"  {split[name]:8} {name:45} refs {tally.found_refs}/{tally.expected_refs} "
                f"cit {tally.right_citations}/{tally.gold_citations} unres {tally.unresolved} "
                f"orph {tally.orphan_hit}/{tally.orphan_pred}/{tally.orphan_gold} "
                f"dup {tally.dup_hit}/{tally.dup_pred}/{tally.dup_gold}"
            )
    print("Real articles: readers and citation resolution against gold from each article's markup")
    print("split: per kind, names sorted by SHA-256, first half dev (fixed before looking)\n")
    for kind, title in FORMATS.items():
        for part in ("dev", "held-out"):
            if (kind, part) in tallies:
                print("\n".join(report(f"{title} — {part}", tallies[(kind, part)])))
                print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
