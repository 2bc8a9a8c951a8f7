"""``claimgraph audit``: audit an article's citations and write the report and graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimgraph.cli._common import (
    SEVERITIES,
    add_quiet_option,
    add_store_option,
    fail_on_findings,
    fetch_settings,
    fetch_summary_printer,
    output_folder,
    progress_bar,
    resolve_store,
    warn,
)
from claimgraph.errors import InputError
from claimgraph.judge_card import DEFAULT_JUDGE

REPORT_FORMATS = ("text", "markdown", "json")
ARTICLE_FORMATS = ("html", "markdown", "text")  # the readers' registry; a test checks they agree
# The judges' registry without ``endpoint`` (it needs a target; ``claimgraph judge`` takes it);
# written out so --help loads no judge; a test checks they agree.
AUDIT_JUDGES = ("default", "lexical", "hybrid", "model")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``audit``."""
    parser = subparsers.add_parser(
        "audit",
        help="audit an article's citations (the embedded sample when no PATH is given)",
        description="Read an article, resolve its citations, check its endnotes, and print a report. "
        "Works offline on captures and snapshots unless --online is given. PATH - reads standard input. "
        "Exit 1 with --fail-on when findings of that severity exist; 2 bad input; 3 store trouble.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="article file (text with endnotes, Markdown or HTML) or -, a folder of them, an article URL, "
        "or a .list/.urls file or sitemap.xml naming them; several make one corpus run",
    )
    parser.add_argument(
        "--from", dest="from_list", type=Path, default=None, metavar="FILE",
        help="audit the articles a file lists (one path or URL a line) or a sitemap.xml names",
    )
    parser.add_argument("--format", choices=REPORT_FORMATS, default="text",
                        help="report format (default: text)")
    parser.add_argument(
        "--article-format", choices=ARTICLE_FORMATS, default=None,
        help="force the article reader instead of detecting it",
    )
    parser.add_argument("--out", type=Path,
                        help="also write report.*, audit.json and graph files to this folder")
    parser.add_argument("--online", action="store_true", help="fetch the cited sources (polite, cached)")
    parser.add_argument("--cache", type=Path, default=None, help="capture cache directory")
    parser.add_argument(
        "--refresh", action="store_true", help="fetch again whatever the capture cache holds"
    )
    parser.add_argument(
        "--max-age", type=float, default=None, metavar="DAYS",
        help="fetch again captures older than DAYS (default: replay captures of any age)",
    )
    parser.add_argument(
        "--allow-private", action="store_true",
        help="allow fetching private and loopback addresses (for local test servers)",
    )
    parser.add_argument("--contact", default=None,
                        help="a URL or e-mail for the User-Agent, so sites can reach you")
    parser.add_argument("--no-evidence", action="store_true", help="skip judging claims against sources")
    parser.add_argument("--judge", choices=AUDIT_JUDGES,
                        default="default",
                        help=f"stance judge: default ({DEFAULT_JUDGE}), lexical, model (the "
                        "trained judge) or hybrid (lexical support, the model's disputes)")
    parser.add_argument(
        "--fail-on", choices=SEVERITIES, default=None,
        help="exit with status 1 when a finding of this severity or worse exists",
    )
    add_store_option(parser)
    add_quiet_option(parser)
    parser.set_defaults(func=run)


def _is_corpus(args: argparse.Namespace) -> bool:
    from claimgraph.api import LIST_SUFFIXES, is_url

    paths = args.paths
    return bool(args.from_list) or len(paths) > 1 or any(
        is_url(p) or Path(p).is_dir() or Path(p).suffix.lower() in LIST_SUFFIXES
        or p.lower().endswith("sitemap.xml") for p in paths)


def run(args: argparse.Namespace) -> int:
    """Audit, print the report, write files, and pick the exit code."""
    from claimgraph import api

    if args.out:
        output_folder(args.out)
    if _is_corpus(args):
        from claimgraph.cli.audit_corpus import run_corpus

        return run_corpus(args)
    args.path = args.paths[0] if args.paths else None
    if args.cache is not None and args.cache.exists() and not args.cache.is_dir():
        raise InputError(f"--cache {args.cache} is a file, not a folder")
    article = _read_article(api, args.path, args.article_format)  # bad input fails before any store
    spec = args.store if args.store == "none" else resolve_store(args.store, writes=True, quiet=args.quiet)
    store = api.open_store_or_none(spec, warn)
    options = api.AuditOptions(
        online=args.online,
        cache_dir=args.cache,
        fetch=fetch_settings(args),
        evidence=not args.no_evidence,
        judge=args.judge,
        on_progress=progress_bar(args.quiet) if args.online else None,
        on_fetch_summary=fetch_summary_printer(args.quiet) if args.online else None,
    )
    try:
        result = api.audit_article(article, store=store, options=options)
    finally:
        if store is not None:
            store.close()
    print(_report(result, args.format), end="")
    if args.out:
        _write_outputs(result, args.out)
        if not args.quiet:
            warn(f"wrote report, audit.json and graph files to {args.out}")
    return fail_on_findings(result.findings, args.fail_on)


def _read_article(api, path: str | None, article_format: str | None):
    if path != "-":
        return api.load_article(path or api.default_article_path(), article_format)
    text = sys.stdin.read()
    if not text.strip():
        raise InputError("standard input is empty; pipe an article into claimgraph audit -")
    return api.article_from_text(text, "<stdin>", article_format)


def _report(result, fmt: str) -> str:
    from claimgraph.api import render_report
    from claimgraph.cli.hints import CLI_WORDS

    return render_report(result, fmt, CLI_WORDS)


def _write_outputs(result, out: Path) -> None:
    from claimgraph.api import export_graph

    try:
        out.mkdir(exist_ok=True)
        for fmt, name in (("text", "report.txt"), ("markdown", "report.md"), ("json", "audit.json")):
            (out / name).write_text(_report(result, fmt), encoding="utf-8")
        for fmt, name in (("turtle", "graph.ttl"), ("json-ld", "graph.jsonld"), ("nt", "graph.nt")):
            (out / name).write_text(export_graph(result.graph, fmt), encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write to --out {out}: {error.strerror or error}") from None
