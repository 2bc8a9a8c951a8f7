"""Error analysis of the metadata extractor on the dev half only: every wrong date or author.

Usage: python benchmarks/metadata_errors.py [--set pages|metadata-eval] [--field date|author]

For each dev page whose date or authors are wrong, prints the expected value, the answer and the
layer it came from, and what every other layer would have said, so a failure can be classified
(which layer answered, what the page states). The held-out half is never printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from metadata_accuracy import SETS, found_people, half_of, same_day  # noqa: E402

from claimgraph.extract.html import extract_metadata  # noqa: E402
from claimgraph.extract.metadata import LAYERS  # noqa: E402
from claimgraph.extract.tree import index_page, parse_html  # noqa: E402


def main(argv: list[str]) -> int:
    """Print every wrong dev date or author with what each layer offered."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="metadata-eval")
    parser.add_argument("--field", choices=("date", "author"), action="append")
    args = parser.parse_args(argv[1:])
    fields = args.field or ["date", "author"]
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


if __name__ == "__main__":
    sys.exit(main(sys.argv))
