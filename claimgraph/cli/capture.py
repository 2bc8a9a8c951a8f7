"""``claimgraph capture import|list|export``: WARC captures in and out of the capture store."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``capture`` subcommand and its three actions."""
    parser = subparsers.add_parser(
        "capture", help="import, list or export WARC captures",
        description="Captures replayed by audit, source and the explorer instead of fetching.",
    )
    parser.add_argument("--cache", type=Path, default=None,
                        help="capture directory (default: $CLAIMGRAPH_CACHE or .claimgraph/captures)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = actions.add_parser("import", help="add the responses of WARC files (wget, "
                                   "Heritrix, Webrecorder, ArchiveBox, pywb …)")
    importing.add_argument("warcs", nargs="+", type=Path, metavar="FILE.warc[.gz]")
    importing.set_defaults(func=run_import)
    listing = actions.add_parser("list", help="what the capture store holds")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(func=run_list)
    exporting = actions.add_parser("export", help="write every capture as one WARC file")
    exporting.add_argument("out", type=Path, metavar="OUT.warc.gz")
    exporting.set_defaults(func=run_export)


def _store(args: argparse.Namespace):
    from claimgraph.api import CaptureStore, default_cache_dir

    return CaptureStore(args.cache or default_cache_dir())


def run_import(args: argparse.Namespace) -> int:
    """Import WARC files; 2 when none of them could be read."""
    missing = [str(p) for p in args.warcs if not p.is_file()]
    if missing:
        print(f"claimgraph: error: no such WARC file: {', '.join(missing)}", file=sys.stderr)
        return 2
    from claimgraph.api import import_warcs

    report = import_warcs(list(args.warcs), _store(args))
    unresolved = report.revisits_unresolved
    print(f"imported {len(report.added)} captures; skipped {report.skipped} malformed records"
          + (f", {unresolved} revisits without their payload" if unresolved else ""))
    for path in report.unreadable_files:
        print(f"claimgraph: could not read {path}", file=sys.stderr)
    if len(report.unreadable_files) == len(args.warcs) or (not report.added and report.skipped):
        return 2
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print one line (or JSON object) per capture."""
    rows = [{"url": e["url"], "final_url": e["final_url"], "status": e["status"],
             "fetched_at": e["fetched_at"], "kind": (e.get("capture") or {}).get("kind", "live")}
            for e in _store(args).entries()]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        print(f"{row['status'] or '-':<4} {row['kind']:<9} {row['fetched_at'][:19]:<19} {row['url']}")
    print(f"{len(rows)} captures")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the store's captures to one WARC file."""
    try:
        from claimgraph.api import export_warc

        written = export_warc(_store(args), args.out)
    except OSError as error:
        print(f"claimgraph: error: cannot write {args.out}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {written} WARC records to {args.out}")
    return 0
