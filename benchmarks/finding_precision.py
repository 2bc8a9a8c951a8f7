"""Precision of the audit's findings against hand labels, per kind, per format and per split.

    python benchmarks/finding_precision.py            # print the table
    python benchmarks/finding_precision.py --unlabelled > todo.jsonl   # findings still to label

Reruns the offline audit (no evidence stage: no real article has captured sources here) on
``../shared/data/articles-real/*`` and ``../shared/data/wikipedia/*.html`` and matches each
finding to ``benchmarks/finding_labels.jsonl`` by a stable key (kind, code, and the endnotes'
own keys or links, or a hash of the sentence). A finding counts as precise only when labelled
``true``; ``false`` and ``not_worth_it`` count against it. Articles are split into dev and
held-out by ``benchmarks/real_articles.py`` (per kind, by SHA-256 of the name), the split the
reader benchmark uses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LABELS = Path(__file__).resolve().parent / "finding_labels.jsonl"
sys.path.insert(0, str(ROOT))

from claimgraph import audit  # noqa: E402
from claimgraph.article.resolve import normalise_text  # noqa: E402
from claimgraph.audit.pipeline import AuditOptions  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_articles import split_of as _split_names  # noqa: E402


def articles(data: Path = DATA) -> list[tuple[str, str, Path]]:
    """(name, format, path) of every real article and Wikipedia page."""
    found = []
    for folder in sorted((data / "articles-real").iterdir()):
        path = next((p for p in sorted(folder.iterdir()) if p.name.startswith("article.")), None)
        if path:
            found.append((folder.name, "-".join(folder.name.split("-")[:2]), path))
    for path in sorted((data / "wikipedia").glob("*.html")):
        found.append((path.stem, "wikipedia", path))
    return found


def _fixed_split() -> dict[str, str]:
    """The split by the names real_articles.py uses (folder names, Wikipedia file names)."""
    if not (DATA / "articles-real").is_dir():
        return {}
    items = articles()
    names = {name: (path.name if fmt == "wikipedia" else name) for name, fmt, path in items}
    by_name = _split_names(list(names.values()))
    return {name: by_name[shown] for name, shown in names.items()}


_SPLIT = _fixed_split()


def split_of(name: str) -> str:
    """``dev`` or ``held-out``: the real-article benchmark's fixed split."""
    return _SPLIT[name]


def _digest(text: str) -> str:
    return hashlib.sha1(normalise_text(text).encode()).hexdigest()[:12]


def _endnote_id(endnote) -> str:
    return endnote.key or endnote.canonical_url or _digest(endnote.text)


def finding_key(article, finding) -> str:
    """A key that survives renumbering: kind, code, and what the finding is about."""
    parts = [finding.kind, str(finding.details.get("code") or finding.details.get("strength") or "")]
    parts += sorted(
        _endnote_id(article.endnote(n)) for n in finding.endnotes if 0 < n <= len(article.endnotes)
    )
    by_claim = {c.id: c for c in article.claims}
    parts += sorted(_digest(by_claim[c].text) for c in finding.claims if c in by_claim)
    if not finding.endnotes and not finding.claims:
        parts.append(_digest(finding.message))
    return "|".join(parts)


ENDNOTES: dict[str, int] = {}  # endnotes per audited article, findings or not


def current_findings() -> list[dict]:
    """Every finding of the offline audit on the real articles, with its key."""
    rows = []
    for name, fmt, path in articles():
        result = audit(path, options=AuditOptions(evidence=False))
        ENDNOTES[name] = len(result.article.endnotes)
        for finding in result.findings:
            rows.append(
                {
                    "article": name,
                    "format": fmt,
                    "split": split_of(name),
                    "kind": finding.kind,
                    "key": finding_key(result.article, finding),
                    "message": finding.message[:300],
                    "endnotes": len(result.article.endnotes),
                }
            )
    return rows


def load_labels(path: Path = LABELS) -> dict[tuple[str, str], dict]:
    """Hand labels by (article, key)."""
    labels = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels[(row["article"], row["key"])] = row
    return labels


def _precision(counter: Counter) -> str:
    judged = counter["true"] + counter["false"] + counter["not_worth_it"]
    if not judged:
        return "   n/a"
    return f"{counter['true'] / judged:6.2f}"


def report(rows: list[dict], labels: dict) -> str:
    """The precision table: per split × (kind, format), then duplicate pairs and false orphans."""
    out = []
    tallies: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    unlabelled = Counter()
    endnotes = dict(ENDNOTES)
    for row in rows:
        endnotes[row["article"]] = row["endnotes"]
        label = labels.get((row["article"], row["key"]))
        if label is None:
            unlabelled[row["split"]] += 1
            continue
        for split in (row["split"], "all"):
            tallies[(split, "kind", row["kind"])][label["label"]] += 1
            tallies[(split, "format", row["format"])][label["label"]] += 1
            tallies[(split, "total", "all findings")][label["label"]] += 1
    for split in ("dev", "held-out", "all"):
        out.append(f"== {split} ==")
        out.append(f"{'':8}{'':34}{'true':>6}{'false':>6}{'n.w.i.':>7}  precision")
        for group in ("kind", "format", "total"):
            for (s, g, name), counter in sorted(tallies.items()):
                if s == split and g == group:
                    out.append(
                        f"{group:8}{name:34}{counter['true']:6}{counter['false']:6}"
                        f"{counter['not_worth_it']:7}  {_precision(counter)}"
                    )
        articles_in = [a for a in endnotes if split == "all" or split_of(a) == split]
        total_endnotes = sum(endnotes[a] for a in articles_in)
        false_orphans = sum(
            1
            for row in rows
            if row["kind"] == "orphan_endnote"
            and row["article"] in articles_in
            and labels.get((row["article"], row["key"]), {}).get("label") == "false"
        )
        out.append(
            f"false orphans: {false_orphans} of {total_endnotes} endnotes "
            f"({100 * false_orphans / max(1, total_endnotes):.1f} %)"
        )
        count = unlabelled[split] if split != "all" else sum(unlabelled.values())
        out.append(f"unlabelled current findings: {count}")
        out.append("")
    out.append(side_by_side(tallies))
    out.append(per_article(rows, endnotes))
    current = {(r["article"], r["key"]) for r in rows}
    gone = Counter(v["label"] for k, v in labels.items() if k not in current)
    out.append(
        f"labels: {len(labels)}; on findings the current rules no longer report: {sum(gone.values())} "
        f"({gone['true']} true, {gone['false']} false, {gone['not_worth_it']} not worth it)"
    )
    return "\n".join(out)


def side_by_side(tallies: dict[tuple[str, str, str], Counter]) -> str:
    """Precision (true / judged) per kind and per format, dev and held-out in adjacent columns."""
    out = [f"{'':8}{'':26}{'dev':>14}{'held-out':>14}", f"{'':8}{'':26}{'prec (n)':>14}{'prec (n)':>14}"]
    names = sorted(
        {(g, n) for (_, g, n) in tallies}, key=lambda gn: (["kind", "format", "total"].index(gn[0]), gn[1])
    )
    for group, name in names:
        cells = []
        for split in ("dev", "held-out"):
            counter = tallies.get((split, group, name), Counter())
            judged = sum(counter.values())
            cells.append(f"{_precision(counter).strip()} ({judged})" if judged else "-")
        out.append(f"{group:8}{name:26}{cells[0]:>14}{cells[1]:>14}")
    return "\n".join(out) + "\n"


def per_article(rows: list[dict], endnotes: dict[str, int]) -> str:
    """Findings per article by kind (every audited article, with none too)."""
    by_article: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        by_article[row["article"]][row["kind"]] += 1
    out = ["findings per article (split, endnotes, total: by kind)"]
    for name in sorted(endnotes, key=lambda a: (split_of(a), a)):
        kinds = by_article.get(name, Counter())
        listed = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "-"
        out.append(f"  {split_of(name):8} {name:42} {endnotes[name]:4} {sum(kinds.values()):3}: {listed}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unlabelled", action="store_true", help="print unlabelled findings as JSON lines")
    args = parser.parse_args(argv)
    if not (DATA / "articles-real").is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    rows = current_findings()
    labels = load_labels() if LABELS.exists() else {}
    if args.unlabelled:
        for row in rows:
            if (row["article"], row["key"]) not in labels:
                print(
                    json.dumps({k: row[k] for k in ("article", "format", "split", "kind", "key", "message")})
                )
        return 0
    print(report(rows, labels))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
