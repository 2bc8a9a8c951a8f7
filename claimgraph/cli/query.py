"""``claimgraph query``: run a named query (or an .rq file) with bound parameters."""

from __future__ import annotations

import argparse

from claimgraph.api import ensure_sample, open_store
from claimgraph.cli._common import add_store_option, print_rows, warn
from claimgraph.errors import QueryError
from claimgraph.queries import list_queries, load_query, run_query


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``query``."""
    parser = subparsers.add_parser(
        "query",
        help="run a named SPARQL query from queries/ (or an .rq file) on the graph",
        description="Values given with --param are bound to the query's variables, never pasted into it.",
    )
    parser.add_argument("name", nargs="?", help="query name (see --list) or path to an .rq file")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a parameter (repeatable)",
    )
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
    parser.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    add_store_option(parser)
    parser.set_defaults(func=run)


def _parse_params(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f"--param takes NAME=VALUE, not {pair!r}")
        values[name.strip()] = value
    return values


def _default_article(store, query, values: dict[str, str]) -> None:
    """Fill a required ``article`` parameter when the store holds exactly one article."""
    wanted = any(p.name == "article" and not p.optional for p in query.params)
    if not wanted or "article" in values:
        return
    articles = [str(row["article"]) for row in run_query(store, "articles").as_dicts()]
    if len(articles) != 1:
        raise QueryError(
            f"query {query.name} needs --param article=ID; the store holds: {', '.join(articles)}"
        )
    values["article"] = articles[0]


def run(args: argparse.Namespace) -> int:
    """List queries, or run one and print its rows."""
    if args.list or not args.name:
        for query in list_queries():
            params = " ".join(f"--param {p.name}=<{p.type}>" for p in query.params)
            print(f"{query.name:28} {query.description[:90]}{'  ' + params if params else ''}")
        return 0 if args.list else 2
    query = load_query(args.name)
    values = _parse_params(args.param)
    store = open_store(args.store)
    try:
        ensure_sample(store, warn)
        _default_article(store, query, values)
        result = run_query(store, query, values)
    finally:
        store.close()
    columns = result.variables
    print_rows(columns, result.as_dicts(), args.format)
    return 0
