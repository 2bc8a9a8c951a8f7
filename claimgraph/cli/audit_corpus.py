"""``claimgraph audit PATH…`` / ``DIR`` / ``--from FILE``: many articles in one run."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimgraph.api import AuditOptions, open_store_or_none
from claimgraph.cli._common import (
    fail_on_findings,
    fetch_settings,
    fetch_summary_printer,
    progress_bar,
    resolve_store,
    warn,
)
from claimgraph.errors import InputError


def run_corpus(args: argparse.Namespace) -> int:
    """Audit the corpus, print its report, write files, pick the exit code."""
    from claimgraph.api import (
        audit_corpus,
        corpus_to_json,
        read_input_list,
        render_corpus_markdown,
        render_corpus_text,
    )
    items = list(args.paths)
    if args.from_list:
        if not args.from_list.is_file():
            raise InputError(f"{args.from_list} does not exist; give a file listing articles")
        items += read_input_list(args.from_list)
    options = AuditOptions(
        online=args.online, cache_dir=args.cache, fetch=fetch_settings(args),
        evidence=not args.no_evidence, judge=args.judge,
        on_progress=progress_bar(args.quiet) if args.online else None,
        on_fetch_summary=fetch_summary_printer(args.quiet) if args.online else None,
    )
    spec = args.store if args.store == "none" else resolve_store(args.store, writes=True, quiet=args.quiet)
    store = open_store_or_none(spec, warn)
    try:
        corpus = audit_corpus(items, store=store, options=options, article_format=args.article_format)
    finally:
        if store is not None:
            store.close()
    for item, reason in corpus.errors:
        warn(f"not audited: {item}: {reason}")
    if not corpus.results:
        raise InputError("no article could be audited; see the reasons above")
    if args.format == "json":
        print(json.dumps(corpus_to_json(corpus), indent=2, ensure_ascii=False))
    else:
        render = render_corpus_markdown if args.format == "markdown" else render_corpus_text
        print(render(corpus), end="")
    if args.out:
        _write(corpus, args.out, corpus_to_json, render_corpus_text, render_corpus_markdown)
        warn(f"wrote the corpus report and one folder per article to {args.out}")
    return fail_on_findings([f for r in corpus.results for f in r.findings], args.fail_on)


def _write(corpus, out: Path, to_json, render_text, render_markdown) -> None:
    from claimgraph.api import audit_to_json
    from claimgraph.api import render_markdown as article_markdown
    from claimgraph.cli.hints import CLI_WORDS

    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus.txt").write_text(render_text(corpus), encoding="utf-8")
    (out / "corpus.md").write_text(render_markdown(corpus), encoding="utf-8")
    (out / "corpus.json").write_text(
        json.dumps(to_json(corpus, articles=False), indent=2, ensure_ascii=False), encoding="utf-8")
    for result in corpus.results:
        folder = out / result.article.id
        folder.mkdir(exist_ok=True)
        (folder / "report.md").write_text(article_markdown(result, words=CLI_WORDS), encoding="utf-8")
        (folder / "audit.json").write_text(
            json.dumps(audit_to_json(result), indent=2, ensure_ascii=False), encoding="utf-8")
