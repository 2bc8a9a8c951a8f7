"""Options, checks and output helpers shared by subcommands (light: no pipeline imports)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimgraph import settings
from claimgraph.errors import InputError

STORE_ENV = "CLAIMGRAPH_STORE"
SEVERITIES = ("high", "medium", "low")


def store_spec(value: str) -> str:
    """argparse type for ``--store``: refuse a host:port without a scheme, a file, an empty spec."""
    from claimgraph.api import store_spec_problem  # here, so that --help imports no pipeline

    problem = store_spec_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value.strip()


def port_number(value: str) -> int:
    """argparse type for ``--port``: 0 (any free port) to 65535."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range (0-65535; 0 picks a free one)")
    return port


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """``--store``: a directory, ``memory``, ``rdflib`` or a SPARQL server's base URL."""
    parser.add_argument(
        "--store",
        default=None,
        type=store_spec,
        metavar="SPEC",
        help=f"graph store: a directory, 'memory', 'rdflib', a SPARQL server URL, or 'none' "
        f"(default: ${STORE_ENV} or {settings.SETTINGS_BY_NAME[STORE_ENV].default})",
    )


def add_quiet_option(parser: argparse.ArgumentParser) -> None:
    """``--quiet``: no progress and no notes on stderr (errors still show)."""
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress or notes on stderr")


def resolve_store(spec: str | None, *, writes: bool, quiet: bool = False) -> str:
    """The store spec to open; a directory that is not there is created only by a writing command.

    An explicit ``--store`` or ``$CLAIMGRAPH_STORE`` naming a missing directory is an error for a
    command that only reads; the default location is created (and said so) either way.
    """
    from claimgraph.api import is_directory_spec, store_spec_problem

    explicit = spec or settings.get(STORE_ENV, "")
    chosen = explicit or settings.get(STORE_ENV)
    problem = store_spec_problem(chosen)
    if problem:
        raise InputError(problem)
    if is_directory_spec(chosen) and not Path(chosen).expanduser().is_dir():
        if explicit and not writes:
            raise InputError(f"no store at {chosen!r}; a store directory is created only by commands "
                             f"that write (e.g. claimgraph audit --store {chosen})")
        if not quiet:
            warn(f"creating a new store at {chosen}")
    return chosen


def output_file(path: Path) -> Path:
    """An output file whose folder exists and which is not a folder itself."""
    if path.is_dir():
        raise InputError(f"--out {path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise InputError(f"--out {path}: the folder {path.parent} does not exist")
    return path


def output_folder(path: Path) -> Path:
    """An output folder that exists or can be made inside an existing one."""
    if path.exists() and not path.is_dir():
        raise InputError(f"--out {path} is an existing file; give a folder for the report files")
    if not path.exists() and not path.parent.is_dir():
        raise InputError(f"--out {path}: the folder {path.parent} does not exist")
    return path


def warn(message: str) -> None:
    """A one-line note on stderr."""
    print(f"claimgraph: {message}", file=sys.stderr)


def fail_on_findings(findings: list[Any], threshold: str | None) -> int:
    """1 (with a stderr line saying which) when findings at ``threshold`` or worse exist, else 0."""
    if not threshold:
        return 0
    limit = SEVERITIES.index(threshold)
    failing = [f for f in findings if f.severity in SEVERITIES and SEVERITIES.index(f.severity) <= limit]
    if not failing:
        return 0
    kinds: dict[str, int] = {}
    for finding in failing:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    listed = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1]))
    worse = "" if threshold == "high" else " or worse"
    warn(f"failing (--fail-on {threshold}): {len(failing)} findings at {threshold}{worse}: {listed}")
    return 1


def progress_bar(quiet: bool, stream: Any = None) -> Callable[[int, int, dict[str, int]], None] | None:
    """A progress callback drawing a bar on stderr; None when quiet or stderr is not a terminal."""
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
        return None
    started = time.monotonic()

    def draw(done: int, total: int, counts: dict[str, int]) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        tally = " ".join(f"{k}:{v}" for k, v in sorted(counts.items()))
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {tally} "
                     f"{time.monotonic() - started:.0f}s ")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return draw


def fetch_settings(args: argparse.Namespace) -> Any:
    """The fetch settings the fetching options ask for (--allow-private, --contact, --refresh, --max-age)."""
    from claimgraph.api import fetch_settings as settings_for

    return settings_for(allow_private=args.allow_private, contact=args.contact, refresh=args.refresh,
                        max_age_days=args.max_age)


def fetch_summary_line(summary: Any) -> str:
    """One line saying what a fetch run did: links by health, requests, answers from captures."""
    by_count = sorted(summary.health.items(), key=lambda kv: -kv[1])
    health = ", ".join(f"{count} {kind}" for kind, count in by_count)
    retries = f", {summary.retries} retries" if summary.retries else ""
    return (f"checked {summary.links} links in {summary.seconds:.1f} s: {health or 'none'}; "
            f"{summary.requests} network requests, {summary.cache_hits} from captures{retries}")


def fetch_summary_printer(quiet: bool) -> Callable[[Any], None] | None:
    """A callback printing the end-of-fetch summary on stderr; None with ``--quiet``."""
    if quiet:
        return None
    return lambda summary: warn(fetch_summary_line(summary))


def print_rows(columns: list[str], rows: list[dict[str, Any]], fmt: str) -> None:
    """Print query-like rows as an aligned table, CSV or JSON."""
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
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
