"""Metadata accuracy on real saved pages: claimgraph's extractor against trafilatura alone.

Usage: python benchmarks/metadata_accuracy.py [PAGES_DIR]   (default ../shared/data/pages)

Prints, for both systems: author F1 over normalised person names (micro-averaged over pages
whose expected byline names at least one person), published-date accuracy (same calendar day,
over pages with an expected date) and title accuracy (normalised titles equal, or one the other
with a site name cut off, or a fuzzy ratio of at least 90).
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

import trafilatura
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimgraph.extract.html import extract_html  # noqa: E402
from claimgraph.extract.people import name_key, split_people  # noqa: E402
from claimgraph.extract.text import decode_body  # noqa: E402

DEFAULT_PAGES = ROOT.parent / "shared" / "data" / "pages"
_DATE_WORDS = re.compile(
    r"(last updated|updated|published|posted)\s*:?.*$|\d{1,2}\s+\w{3,9}\s+\d{4}.*$|"
    r"\b\w{3,9}\.? \d{1,2},? \d{4}.*$",
    re.IGNORECASE,
)


def expected_people(byline: str | None) -> set[str]:
    """Person-name keys in a Readability byline, with its glued dates and labels removed."""
    if not byline:
        return set()
    text = byline.split("\n")[0]
    text = _DATE_WORDS.sub("", text)
    text = re.sub(r"\d+$", "", text.strip())
    return {name_key(n) for n in split_people(text) if name_key(n)}


def found_people(names: list[str]) -> set[str]:
    """Keys of the person names a system returned."""
    return {name_key(n) for name in names for n in split_people(name) if name_key(n)}


def _norm_title(title: str | None) -> str:
    text = unicodedata.normalize("NFKC", title or "").casefold()
    text = re.sub(r"[‘’‚′`´]", "'", text)
    text = re.sub(r"[“”„″]", '"', text)
    return re.sub(r"\s+", " ", text).strip()


def title_ok(found: str | None, expected: str | None) -> bool:
    """True when a found title is the expected one, allowing a cut-off site name."""
    a, b = _norm_title(found), _norm_title(expected)
    if not a or not b:
        return a == b
    if a == b or fuzz.ratio(a, b) >= 90:
        return True
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(short) >= 0.5 * len(long) and re.match(
        r"^\s*[|\-–—:·»]", long[len(short):]) is not None


def same_day(found: str | None, expected: str | None) -> bool:
    """True when both dates are on the same calendar day."""
    return bool(found and expected and found[:10] == expected[:10])


def trafilatura_alone(html: str, url: str) -> dict:
    """Title, authors and date as trafilatura's own metadata extraction gives them."""
    meta = trafilatura.extract_metadata(html, default_url=url)
    if meta is None:
        return {"title": None, "authors": [], "published": None}
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    return {"title": meta.title, "authors": authors, "published": meta.date}


def claimgraph_metadata(html: str, url: str) -> dict:
    """Title, authors and date as claimgraph's extractor gives them."""
    meta, _ = extract_html(html, url)
    return {"title": meta.title, "authors": meta.authors, "published": meta.published}


def score(pages: list[tuple[str, str, dict]], system) -> dict[str, float]:
    """Author F1, date accuracy and title accuracy of one system over the pages."""
    tp = fp = fn = 0
    dates = dates_ok = titles_ok = 0
    for name, html, expected in pages:
        got = system(html, f"https://example.org/{name}")
        want = expected_people(expected.get("byline"))
        if want:
            have = found_people(got["authors"])
            tp += len(have & want)
            fp += len(have - want)
            fn += len(want - have)
        if expected.get("publishedTime"):
            dates += 1
            dates_ok += same_day(got["published"], expected["publishedTime"])
        titles_ok += title_ok(got["title"], expected.get("title"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"author_f1": f1, "author_p": precision, "author_r": recall,
            "date_acc": dates_ok / dates if dates else 0.0, "dates": dates,
            "title_acc": titles_ok / len(pages)}


def load_pages(folder: Path) -> list[tuple[str, str, dict]]:
    """Every (name, html, expected) under the folder."""
    pages = []
    for page in sorted(folder.iterdir()):
        html_path, expected_path = page / "source.html", page / "expected-metadata.json"
        if html_path.exists() and expected_path.exists():
            html = decode_body(html_path.read_bytes())
            pages.append((page.name, html, json.loads(expected_path.read_text("utf-8"))))
    return pages


def main(argv: list[str]) -> int:
    """Run both systems and print the table."""
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_PAGES
    pages = load_pages(folder)
    rows = []
    for label, system in (("claimgraph", claimgraph_metadata), ("trafilatura", trafilatura_alone)):
        started = time.perf_counter()
        figures = score(pages, system)
        rows.append((label, figures, time.perf_counter() - started))
    print(f"Metadata accuracy on {len(pages)} pages ({folder.name}/); "
          f"dates scored on the {rows[0][1]['dates']} pages that state one")
    print(f"{'system':<12} {'author F1':>9} {'(P / R)':>13} {'date acc':>9} {'title acc':>10} "
          f"{'time s':>7}")
    for label, f, seconds in rows:
        print(f"{label:<12} {f['author_f1']:>9.3f} {f['author_p']:>6.3f}/{f['author_r']:<6.3f} "
              f"{f['date_acc']:>9.3f} {f['title_acc']:>10.3f} {seconds:>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
