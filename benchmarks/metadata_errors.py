"""Error analysis of the metadata extractor on the dev half only: every wrong date or author.

Usage: python benchmarks/metadata_errors.py [--set pages|metadata-eval] [--field date|author]
                                           [--layers]

For each dev page whose date or authors are wrong, prints the expected value, the answer and the
layer it came from, and what every other layer would have said, so a failure can be classified
(which layer answered, what the page states). ``--layers`` prints instead, per layer, how often
its own answer and the final answer it gave were right or wrong on the dev pages: whether a change
of precedence could help at all. The held-out half is never printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from collections import Counter  # noqa: E402

from metadata_accuracy import SETS, found_people, half_of, same_day  # noqa: E402

from claimgraph.extract.html import extract_metadata  # noqa: E402
from claimgraph.extract.metadata import LAYERS  # noqa: E402
from claimgraph.extract.tree import index_page, parse_html  # noqa: E402


def main(argv: list[str]) -> int:
    """Print every wrong dev date or author with what each layer offered."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="metadata-eval")
    parser.add_argument("--field", choices=("date", "author"), action="append")
    parser.add_argument("--layers", action="store_true", help="per-layer counts on dev instead")
    args = parser.parse_args(argv[1:])
    fields = args.field or ["date", "author"]
    if args.layers:
        return layer_counts(args.set, fields)
    for name, url, html, expected in SETS[args.set]():
        if half_of(name) != "dev":
            continue
        meta = extract_metadata(html, url)
        wrong_date = expected["date"] and not same_day(meta.published, expected["date"])
        wrong_author = expected["authors"] != found_people(meta.authors) and (
            expected["authors"] or meta.authors)
        if not ((wrong_date and "date" in fields) or (wrong_author and "author" in fields)):
            continue
        print(f"== {name} {url}")
        if wrong_date and "date" in fields:
            print(f"  date want {expected['date']} got {meta.published} "
                  f"from {meta.provenance.get('published')}")
        if wrong_author and "author" in fields:
            print(f"  author want {sorted(expected['authors'])} got {meta.authors} "
                  f"from {meta.provenance.get('authors')}")
        tree = parse_html(html)
        page = index_page(tree)
        for layer_name, layer in LAYERS:
            try:
                got = layer(page, url)
            except Exception as error:  # noqa: BLE001 - analysis keeps going
                got = {"error": repr(error)}
            shown = {k: got.get(k) for k in ("published", "modified", "authors")
                     if got.get(k)}
            if shown:
                print(f"    {layer_name:<13} {shown}")
    return 0


def _right(field: str, value: object, expected: dict) -> bool:
    if field == "date":
        return same_day(value, expected["date"])  # type: ignore[arg-type]
    return found_people(value or []) == expected["authors"]  # type: ignore[arg-type]


def layer_counts(set_name: str, fields: list[str]) -> int:
    """Per field and layer on the dev pages with an expected value: right / wrong answers of the
    layer alone, and of the final answers that came from it."""
    keys = {"date": "published", "author": "authors"}
    alone: Counter = Counter()
    final: Counter = Counter()
    for name, url, html, expected in SETS[set_name]():
        if half_of(name) != "dev":
            continue
        meta = extract_metadata(html, url)
        page = index_page(parse_html(html))
        answers = {layer_name: layer(page, url) for layer_name, layer in LAYERS}
        for field in fields:
            if not expected["date" if field == "date" else "authors"]:
                continue
            key = keys[field]
            final[field, meta.provenance.get(key), _right(field, getattr(meta, key), expected)] += 1
            for layer_name, got in answers.items():
                if got.get(key):
                    alone[field, layer_name, _right(field, got[key], expected)] += 1
    for field in fields:
        print(f"{field} (dev pages with an expected value)")
        print(f"  {'layer':<13} {'alone right/wrong':>18} {'final right/wrong':>18}")
        for layer_name in [name for name, _ in LAYERS] + [None]:
            counts = [alone[field, layer_name, True], alone[field, layer_name, False],
                      final[field, layer_name, True], final[field, layer_name, False]]
            if any(counts):
                print(f"  {str(layer_name):<13} {counts[0]:>9} / {counts[1]:<6} "
                      f"{counts[2]:>9} / {counts[3]:<6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
