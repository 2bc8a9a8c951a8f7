"""``claimgraph audit``: audit an article's citations and write the report and graph."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimgraph.api import audit, export_graph, open_store_or_none
from claimgraph.audit.json_report import audit_to_json
from claimgraph.audit.pipeline import SEVERITY_ORDER, AuditOptions
from claimgraph.audit.report import render_markdown, render_text
from claimgraph.cli._common import add_store_option, warn
from claimgraph.readers import READERS

REPORTS = {"text": (render_text, "report.txt"), "markdown": (render_markdown, "report.md")}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``audit``."""
    parser = subparsers.add_parser(
        "audit",
        help="audit an article's citations (the embedded sample when no PATH is given)",
        description="Read an article, resolve its citations, check its endnotes, and print a report. "
        "Works offline on captures and snapshots unless --online is given.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="article file (text with endnotes, Markdown or HTML), a folder of them, an article URL, "
        "or a .list/.urls file or sitemap.xml naming them; several make one corpus run",
    )
    parser.add_argument(
        "--from", dest="from_list", type=Path, default=None, metavar="FILE",
        help="audit the articles a file lists (one path or URL a line) or a sitemap.xml names",
    )
    parser.add_argument(
        "--format",
        choices=["text", "markdown", "json"],
        default="text",
        help="report format (default: text)",
    )
    parser.add_argument(
        "--article-format",
        choices=sorted(READERS),
        default=None,
        help="force the article reader instead of detecting it",
    )
    parser.add_argument("--out", type=Path, help="also write report.*, audit.json and graph files here")
    parser.add_argument("--online", action="store_true", help="fetch the cited sources (polite, cached)")
    parser.add_argument("--cache", type=Path, default=None, help="capture cache directory")
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="allow fetching private and loopback addresses (for local test servers)",
    )
    parser.add_argument(
        "--contact", default=None, help="a URL or e-mail for the User-Agent, so sites can reach you"
    )
    parser.add_argument("--no-evidence", action="store_true", help="skip judging claims against sources")
    parser.add_argument(
        "--fail-on",
        choices=["high", "medium", "low"],
        default=None,
        help="exit with status 1 when a finding of this severity or worse exists",
    )
    add_store_option(parser)
    parser.set_defaults(func=run)


def _is_corpus(args: argparse.Namespace) -> bool:
    from claimgraph.audit.corpus_inputs import LIST_SUFFIXES, is_url

    paths = args.paths
    return bool(args.from_list) or len(paths) > 1 or any(
        is_url(p) or Path(p).is_dir() or Path(p).suffix.lower() in LIST_SUFFIXES
        or p.lower().endswith("sitemap.xml") for p in paths)


def run(args: argparse.Namespace) -> int:
    """Audit, print the report, write files, and pick the exit code."""
    if _is_corpus(args):
        from claimgraph.cli.audit_corpus import run_corpus

        return run_corpus(args)
    args.path = args.paths[0] if args.paths else None
    store = open_store_or_none(args.store, warn)
    options = AuditOptions(
        online=args.online,
        cache_dir=args.cache,
        allow_private=args.allow_private,
        evidence=not args.no_evidence,
        contact=args.contact,
        progress=args.online and sys.stderr.isatty(),
    )
    try:
        result = audit(args.path, article_format=args.article_format, store=store, options=options)
    finally:
        if store is not None:
            store.close()
    if args.format == "json":
        print(json.dumps(audit_to_json(result), indent=2, ensure_ascii=False))
    else:
        print(REPORTS[args.format][0](result), end="")
    if args.out:
        _write_outputs(result, args.out)
        warn(f"wrote report, audit.json and graph files to {args.out}")
    return fail_on_code(result.findings, args.fail_on)


def fail_on_code(findings, fail_on: str | None) -> int:
    """1 when a finding at ``fail_on`` severity or worse exists, else 0."""
    if not fail_on:
        return 0
    worst = min((SEVERITY_ORDER.get(f.severity, 3) for f in findings), default=9)
    return 1 if worst <= SEVERITY_ORDER[fail_on] else 0


def _write_outputs(result, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for render, name in REPORTS.values():
        (out / name).write_text(render(result), encoding="utf-8")
    (out / "audit.json").write_text(
        json.dumps(audit_to_json(result), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    for fmt, name in (("turtle", "graph.ttl"), ("json-ld", "graph.jsonld"), ("nt", "graph.nt")):
        (out / name).write_text(export_graph(result.graph, fmt), encoding="utf-8")
