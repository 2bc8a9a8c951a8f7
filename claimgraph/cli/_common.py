"""Options and output helpers shared by subcommands."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Any

from claimgraph.rdf.store import DEFAULT_STORE_DIR, STORE_ENV


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """``--store``: a directory, ``memory``, ``rdflib`` or a SPARQL server's base URL."""
    parser.add_argument(
        "--store",
        default=None,
        metavar="SPEC",
        help=f"graph store: a directory, 'memory', 'rdflib', a SPARQL server URL, or 'none' "
        f"(default: ${STORE_ENV} or {DEFAULT_STORE_DIR})",
    )


def warn(message: str) -> None:
    """A one-line warning on stderr."""
    print(f"claimgraph: {message}", file=sys.stderr)


def print_rows(columns: list[str], rows: list[dict[str, Any]], fmt: str) -> None:
    """Print query-like rows as an aligned table, CSV or JSON."""
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
        sys.stdout.write(buffer.getvalue())
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)))
    print(f"({len(rows)} rows)")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\n", " ")
