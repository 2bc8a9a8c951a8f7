"""``claimgraph source URL …``: link health, metadata and passages of sources, as JSON or a table.

Exit status: 0 when done, even if links are dead (a stderr line then says how many are);
1 with ``--fail-on dead`` when a link is dead, gone or malformed, or with ``--fail-on unhealthy``
when a link is anything but ok or redirected; 2 bad usage; 3 network or capture trouble.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimgraph.cli._common import (
    add_quiet_option,
    fetch_settings,
    fetch_summary_printer,
    progress_bar,
    warn,
)
from claimgraph.cli.hints import CLI_WORDS
from claimgraph.errors import InputError
from claimgraph.hints import with_hint

DEAD = ("dead", "soft_404", "malformed")
HEALTHY = ("ok", "redirected")
FAIL_ON = {"dead": DEAD, "unhealthy": None}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``source`` subcommand."""
    parser = subparsers.add_parser(
        "source",
        help="check and describe source URLs",
        description="Fetch each URL politely (or replay captures), classify the link and extract its "
        "metadata and text. Dead links are reported on stderr; exit 1 only with --fail-on.",
    )
    parser.add_argument("urls", nargs="+", metavar="URL")
    parser.add_argument(
        "--offline", action="store_true", help="use only captures and snapshots; make no network request"
    )
    parser.add_argument(
        "--allow-private", action="store_true",
        help="allow private and loopback addresses (local testing only)",
    )
    parser.add_argument("--cache", type=Path, default=None,
                        help="capture directory (default: $CLAIMGRAPH_CACHE or .claimgraph/captures)")
    parser.add_argument(
        "--contact", default=None, help="a URL or e-mail put in the User-Agent so sites can reach you"
    )
    parser.add_argument(
        "--refresh", action="store_true", help="fetch again whatever the capture cache holds"
    )
    parser.add_argument(
        "--max-age", type=float, default=None, metavar="DAYS",
        help="fetch again captures older than DAYS (default: replay captures of any age)",
    )
    parser.add_argument("--format", choices=("json", "table"), default="table")
    parser.add_argument(
        "--fail-on", choices=tuple(FAIL_ON), default=None,
        help="exit 1 when a link is dead, gone or malformed (dead), or anything but ok (unhealthy)",
    )
    parser.add_argument("--progress", action="store_true", help="progress bar on stderr (when a terminal)")
    parser.add_argument(
        "--health-only", action="store_true",
        help="check link health only (status, redirects, soft 404, archive); extract no metadata or text",
    )
    add_quiet_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Collect the sources, print them, and say how many are dead."""
    from claimgraph import api

    if args.cache is not None and args.cache.exists() and not args.cache.is_dir():
        raise InputError(f"--cache {args.cache} is a file, not a folder")
    found = api.check_sources(
        args.urls, offline=args.offline, cache_dir=args.cache, config=fetch_settings(args),
        on_progress=progress_bar(args.quiet) if args.progress else None,
        on_summary=None if args.offline else fetch_summary_printer(args.quiet),
        extract=not args.health_only,
    )
    records = [api.source_to_json(found[url]) for url in dict.fromkeys(args.urls)]
    if getattr(found, "network_down", False):
        warn(f"the network looks unavailable ({found.hosts_failed} of {found.hosts_checked} "
             "hosts failed); no link was recorded as dead")
    if args.format == "json":
        print(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        _print_table(records)
    return _verdict(records, args.fail_on, args.quiet)


def _verdict(records: list[dict], fail_on: str | None, quiet: bool) -> int:
    dead = [r for r in records if r["health"] in DEAD]
    unhealthy = [r for r in records if r["health"] not in HEALTHY]
    if dead and not quiet:
        every = "all " if len(dead) == len(records) else ""
        warn(f"{every}{len(dead)} of {len(records)} links are dead, gone or malformed")
    failing = dead if fail_on == "dead" else unhealthy if fail_on == "unhealthy" else []
    if failing:
        listed = ", ".join(f"{r['url']} ({r['health']})" for r in failing[:5])
        more = f" and {len(failing) - 5} more" if len(failing) > 5 else ""
        warn(f"failing (--fail-on {fail_on}): {listed}{more}")
        return 1
    return 0


def _print_table(records: list[dict]) -> None:
    for record in records:
        meta = record["metadata"]
        print(f"{record['health']:<10} {record['url']}")
        if record["final_url"] and record["final_url"] != record["url"]:
            print(f"{'':<10} → {record['final_url']}")
        if meta["title"]:
            authors = ", ".join(meta["authors"]) or "no author found"
            print(f"{'':<10} {meta['title']} — {authors} — {meta['published'] or 'no date'}")
        if record.get("error"):
            print(f"{'':<10} {with_hint(record['error'], record.get('hint'), CLI_WORDS)}")
        if record.get("archive_url"):
            print(f"{'':<10} archived copy: {record['archive_url']}")
