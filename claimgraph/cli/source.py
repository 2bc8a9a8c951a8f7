"""``claimgraph source URL …``: link health, metadata and passages of sources, as JSON or a table."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimgraph.audit.json_report import source_to_json
from claimgraph.fetch import FetchConfig, collect_sources
from claimgraph.fetch.config import CACHE_ENV, DEFAULT_CACHE, default_cache_dir


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``source`` subcommand."""
    parser = subparsers.add_parser(
        "source",
        help="check and describe source URLs",
        description="Fetch each URL politely (or replay captures), classify the link and "
        "extract its metadata and text.",
    )
    parser.add_argument("urls", nargs="+", metavar="URL")
    parser.add_argument(
        "--offline", action="store_true", help="use only captures and snapshots; make no network request"
    )
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="allow private and loopback addresses (local testing only)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help=f"capture directory (default: ${CACHE_ENV} or {DEFAULT_CACHE})",
    )
    parser.add_argument(
        "--contact", default=None, help="a URL or e-mail put in the User-Agent so sites can reach you"
    )
    parser.add_argument("--format", choices=("json", "table"), default="table")
    parser.add_argument("--progress", action="store_true", help="progress bar on stderr")
    parser.add_argument(
        "--health-only", action="store_true",
        help="check link health only (status, redirects, soft 404, archive); extract no metadata or text",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Collect the sources and print them."""
    cache = args.cache or default_cache_dir()
    config = FetchConfig()
    if args.contact:
        config.contact = args.contact
    from claimgraph.audit.pipeline import SNAPSHOT_DIR

    found = collect_sources(
        args.urls,
        offline=args.offline,
        cache_dir=cache,
        snapshots_dir=SNAPSHOT_DIR,
        allow_private=args.allow_private,
        progress=args.progress,
        config=config,
        extract=not args.health_only,
    )
    records = [source_to_json(found[url]) for url in dict.fromkeys(args.urls)]
    if args.format == "json":
        print(json.dumps(records, indent=2, ensure_ascii=False))
        return 0
    for record in records:
        meta = record["metadata"]
        print(f"{record['health']:<10} {record['url']}")
        if record["final_url"] and record["final_url"] != record["url"]:
            print(f"{'':<10} → {record['final_url']}")
        if meta["title"]:
            authors = ", ".join(meta["authors"]) or "no author found"
            print(f"{'':<10} {meta['title']} — {authors} — {meta['published'] or 'no date'}")
        if record.get("error"):
            print(f"{'':<10} {record['error']}")
        if record.get("archive_url"):
            print(f"{'':<10} archived copy: {record['archive_url']}")
    return 0
