"""Metadata accuracy on real saved pages: claimgraph's extractor against trafilatura, per half.

Usage: python benchmarks/metadata_accuracy.py [--set pages|metadata-eval] [--half dev|held-out]

Two page sets from ../shared/data: ``pages/`` (Mozilla Readability's test pages, expected
``byline``/``publishedTime``/``title``) and ``metadata-eval/`` (trafilatura's evaluation pages,
expected ``author``/``date``/``title``). Each set is split once, by a hash of the page's file or
folder name, into a dev half (rules were written looking at its failures only) and a held-out half
(never looked at); both are printed, both systems in the same run, per field:

- author F1 over normalised person names (micro-averaged over pages whose expected value names
  at least one person),
- published-date accuracy (same calendar day, over pages with an expected date),
- title accuracy (normalised titles equal, or one the other with a site name cut off, or a fuzzy
  ratio of at least 90),
- CPU time per page for the metadata alone (median and 90th percentile, process time), after
  one warm-up call of each system so lazy imports (extruct, pyRdfa) are not charged to a page.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import trafilatura
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimgraph.extract.html import extract_metadata  # noqa: E402
from claimgraph.extract.people import name_key, split_people  # noqa: E402
from claimgraph.extract.text import decode_body  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
_DATE_WORDS = re.compile(
    r"(last updated|updated|published|posted)\s*:?.*$|\d{1,2}\s+\w{3,9}\s+\d{4}.*$|"
    r"\b\w{3,9}\.? \d{1,2},? \d{4}.*$",
    re.IGNORECASE,
)

Page = tuple[str, str, str, dict]  # name, url, html, expected {"title", "authors", "date"}
System = Callable[[str, str], dict]


def half_of(name: str) -> str:
    """The fixed half a page belongs to, from a hash of its file or folder name."""
    return "dev" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def readability_people(byline: str | None) -> set[str]:
    """Person-name keys in a Readability byline, with its glued dates and labels removed."""
    if not byline:
        return set()
    text = byline.split("\n")[0]
    text = _DATE_WORDS.sub("", text)
    text = re.sub(r"\d+$", "", text.strip())
    return {name_key(n) for n in split_people(text) if name_key(n)}


def listed_people(author: str | list | None) -> set[str]:
    """Person-name keys of a trafilatura-style author value ("A; B", or a list of them)."""
    values = author if isinstance(author, list) else [author or ""]
    return {name_key(a) for value in values for a in value.split(";") if name_key(a)}


def found_people(names: list[str]) -> set[str]:
    """Keys of the person names a system returned, as it returned them."""
    return {name_key(n) for n in names if name_key(n)}


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
    """Title, authors and date as claimgraph's metadata extractor gives them."""
    meta = extract_metadata(html, url)
    return {"title": meta.title, "authors": meta.authors, "published": meta.published}


def score(pages: list[Page], system: System) -> dict[str, float]:
    """Author F1, date and title accuracy and CPU per page of one system over the pages."""
    tp = fp = fn = 0
    dates = dates_ok = titles_ok = 0
    cpu: list[float] = []
    for _name, url, html, expected in pages:
        started = time.process_time()
        got = system(html, url)
        cpu.append(time.process_time() - started)
        want = expected["authors"]
        if want:
            have = found_people(got["authors"])
            tp += len(have & want)
            fp += len(have - want)
            fn += len(want - have)
        if expected["date"]:
            dates += 1
            dates_ok += same_day(got["published"], expected["date"])
        titles_ok += title_ok(got["title"], expected["title"])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cpu.sort()
    return {"author_f1": f1, "author_p": precision, "author_r": recall,
            "date_acc": dates_ok / dates if dates else 0.0,
            "title_acc": titles_ok / len(pages) if pages else 0.0,
            "cpu_median_ms": 1000 * statistics.median(cpu) if cpu else 0.0,
            "cpu_p90_ms": 1000 * cpu[int(0.9 * (len(cpu) - 1))] if cpu else 0.0}


def load_readability(folder: Path) -> list[Page]:
    """Every page of Readability's test pages: (folder name, URL, html, expected)."""
    pages = []
    for page in sorted(folder.iterdir()):
        html_path, expected_path = page / "source.html", page / "expected-metadata.json"
        if html_path.exists() and expected_path.exists():
            html = decode_body(html_path.read_bytes())
            raw = json.loads(expected_path.read_text("utf-8"))
            expected = {"title": raw.get("title"), "date": raw.get("publishedTime"),
                        "authors": readability_people(raw.get("byline"))}
            pages.append((page.name, f"https://example.org/{page.name}", html, expected))
    return pages


def load_metadata_eval(folder: Path) -> list[Page]:
    """Every page of trafilatura's evaluation set: (file name, URL, html, expected)."""
    pages = []
    for line in (folder / "pages.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        html = decode_body(gzip.decompress((folder / row["file"]).read_bytes()))
        expected = {"title": row.get("title"), "date": row.get("date"),
                    "authors": listed_people(row.get("author"))}
        pages.append((Path(row["file"]).name, row["url"], html, expected))
    return pages


SETS = {"pages": lambda: load_readability(DATA / "pages"),
        "metadata-eval": lambda: load_metadata_eval(DATA / "metadata-eval")}
SYSTEMS = {"claimgraph": claimgraph_metadata, "trafilatura": trafilatura_alone}


def warm_up(pages: list[Page]) -> None:
    """One call of each system on pages that use every layer, so imports happen before timing."""
    for system in SYSTEMS.values():
        for _name, url, html, _expected in pages[:5]:
            system(html, url)
    claimgraph_metadata("<html><body><div itemscope itemtype='https://schema.org/Article'>"
                        "<span itemprop='headline'>x</span></div><div vocab='https://schema.org/'"
                        " typeof='Article'><span property='headline'>x</span></div></body></html>",
                        "https://example.org/")


def main(argv: list[str]) -> int:
    """Run both systems on both halves of each page set and print one table per set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--half", choices=("dev", "held-out"), action="append")
    args = parser.parse_args(argv[1:])
    for set_name in args.set or ["pages", "metadata-eval"]:
        pages = SETS[set_name]()
        warm_up(pages)
        print(f"\n{set_name}/ ({len(pages)} pages; half = sha256(file name)[0] % 2)")
        print(f"{'half':<9} {'system':<12} {'pages':>5} {'author F1':>9} {'(P / R)':>13} "
              f"{'date acc':>9} {'title acc':>10} {'CPU ms median / p90':>20}")
        results: dict[tuple[str, str], dict[str, float]] = {}
        for half in args.half or ["dev", "held-out"]:
            chosen = [p for p in pages if half_of(p[0]) == half]
            for label, system in SYSTEMS.items():
                f = results[half, label] = score(chosen, system)
                print(f"{half:<9} {label:<12} {len(chosen):>5} {f['author_f1']:>9.3f} "
                      f"{f['author_p']:>6.3f}/{f['author_r']:<6.3f} {f['date_acc']:>9.3f} "
                      f"{f['title_acc']:>10.3f} {f['cpu_median_ms']:>11.1f} / "
                      f"{f['cpu_p90_ms']:<6.1f}")
        for label in SYSTEMS:
            dev, held = results.get(("dev", label)), results.get(("held-out", label))
            if dev and held:
                print(f"{'gap':<9} {label:<12} {'':>5} {dev['author_f1'] - held['author_f1']:>+9.3f} "
                      f"{'':>13} {dev['date_acc'] - held['date_acc']:>+9.3f} "
                      f"{dev['title_acc'] - held['title_acc']:>+10.3f}   (dev minus held-out)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
