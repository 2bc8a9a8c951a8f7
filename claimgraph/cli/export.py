"""``claimgraph export``: the stored graph as Turtle, JSON-LD or N-Triples; or corrected endnotes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import rdflib

from claimgraph.api import AuditOptions, audit, ensure_sample, export_graph, open_store
from claimgraph.cli._common import add_store_option, warn
from claimgraph.rdf.vocab import graph_iri


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``export``."""
    parser = subparsers.add_parser(
        "export",
        help="export the graph (Turtle, JSON-LD, N-Triples, TriG) or a corrected endnote list",
    )
    parser.add_argument(
        "--format",
        default="turtle",
        help="turtle, json-ld, nt, trig, nquads; with --endnotes: markdown, csl-json, bibtex",
    )
    parser.add_argument("--article", help="only this article's graph (its id)")
    parser.add_argument(
        "--endnotes",
        nargs="?",
        const="",
        metavar="PATH",
        default=None,
        help="print the article's corrected endnote list (the sample when no PATH)",
    )
    parser.add_argument("--out", type=Path, help="write to this file instead of standard output")
    add_store_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serialise and print (or write) the export."""
    if args.endnotes is not None:
        from claimgraph.audit.endnote_export import corrected_endnotes

        fmt = args.format if args.format in ("markdown", "csl-json", "bibtex") else "markdown"
        result = audit(args.endnotes or None, options=AuditOptions())
        text = corrected_endnotes(result, fmt)
    else:
        store = open_store(args.store)
        try:
            ensure_sample(store, warn)
            names = [graph_iri(args.article)] if args.article else store.graph_names()
            if args.format in ("trig", "nquads"):
                data = rdflib.Dataset()
                for name in names:
                    target = data.graph(name)
                    for triple in store.graph(name):
                        target.add(triple)
                text = export_graph(data, args.format)
            else:
                merged = rdflib.Graph()
                for name in names:
                    merged += store.graph(name)
                text = export_graph(merged, args.format)
        finally:
            store.close()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        warn(f"wrote {args.out}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
