"""``claimgraph export``: the stored graph as Turtle, JSON-LD or N-Triples; or corrected endnotes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimgraph.cli._common import add_quiet_option, add_store_option, output_file, resolve_store, warn
from claimgraph.errors import InputError

# The library's lists (claimgraph.api.GRAPH_FORMATS / ENDNOTE_FORMATS); a test checks they agree.
GRAPH_FORMATS = ("turtle", "ttl", "json-ld", "jsonld", "nt", "ntriples", "n-triples", "trig", "nquads")
ENDNOTE_FORMATS = ("markdown", "csl-json", "bibtex")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``export``."""
    parser = subparsers.add_parser(
        "export",
        help="export the graph (Turtle, JSON-LD, N-Triples, TriG) or a corrected endnote list",
        description="Without --endnotes: the stored graph (--format " + ", ".join(GRAPH_FORMATS)
        + "). With --endnotes: the article's corrected endnotes (--format "
        + ", ".join(ENDNOTE_FORMATS) + ").",
    )
    parser.add_argument(
        "--format", default=None, choices=GRAPH_FORMATS + ENDNOTE_FORMATS,
        help="graph: turtle (default), json-ld, nt, trig, nquads; "
        "endnotes: markdown (default), csl-json, bibtex",
    )
    parser.add_argument("--article", help="only this article's graph (its id)")
    parser.add_argument(
        "--endnotes", nargs="?", const="", metavar="PATH", default=None,
        help="print the article's corrected endnote list (the sample when no PATH)",
    )
    parser.add_argument("--out", type=Path, help="write to this file instead of standard output")
    add_store_option(parser)
    add_quiet_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serialise and print (or write) the export."""
    from claimgraph import api

    if args.out:
        output_file(args.out)
    if args.endnotes is not None:
        fmt = args.format or "markdown"
        if fmt not in ENDNOTE_FORMATS:
            raise InputError(f"--endnotes takes --format {', '.join(ENDNOTE_FORMATS)}, not {fmt!r}")
        if args.article:
            raise InputError("--article selects a stored graph; with --endnotes give the article's PATH")
        result = api.audit(args.endnotes or None, options=api.AuditOptions())
        text = api.corrected_endnotes(result, fmt)
    else:
        fmt = args.format or "turtle"
        if fmt not in GRAPH_FORMATS:
            raise InputError(f"a graph export takes --format {', '.join(GRAPH_FORMATS)}, not {fmt!r} "
                             "(that one needs --endnotes)")
        store = api.open_store(resolve_store(args.store, writes=False, quiet=args.quiet))
        try:
            api.ensure_sample(store, None if args.quiet else warn)
            text = api.export_store(store, fmt, args.article)
        finally:
            store.close()
    if args.out:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot write --out {args.out}: {error.strerror or error}") from None
        if not args.quiet:
            warn(f"wrote {args.out}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
