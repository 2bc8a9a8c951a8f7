"""``claimgraph query``: run a named query (or an .rq file) with bound parameters."""

from __future__ import annotations

import argparse

from claimgraph.cli._common import (
    add_quiet_option,
    add_store_option,
    print_rows,
    resolve_store,
    warn,
)
from claimgraph.errors import QueryError

ROW_FORMATS = ("table", "csv", "json")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``query``."""
    parser = subparsers.add_parser(
        "query",
        help="run a named SPARQL query from queries/ (or an .rq file) on the graph",
        description="Values given with --param are bound to the query's variables, never pasted into it. "
        "--store must name an existing store (query never creates one).",
    )
    parser.add_argument("name", nargs="?", help="query name (see --list) or path to an .rq file")
    parser.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", type=_param,
        help="bind a parameter (repeatable)",
    )
    parser.add_argument("--format", choices=ROW_FORMATS, default="table")
    parser.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    add_store_option(parser)
    add_quiet_option(parser)
    parser.set_defaults(func=run)


def _param(pair: str) -> tuple[str, str]:
    name, sep, value = pair.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"--param takes NAME=VALUE, not {pair!r}")
    return name.strip(), value


def _default_article(api, store, query, values: dict[str, str]) -> None:
    """Fill a required ``article`` parameter when the store holds exactly one article."""
    wanted = any(p.name == "article" and not p.optional for p in query.params)
    if not wanted or "article" in values:
        return
    articles = [str(row["article"]) for row in api.run_query(store, "articles").as_dicts()]
    if len(articles) != 1:
        raise QueryError(
            f"query {query.name} needs the parameter article=ID; the store holds: {', '.join(articles)}"
        )
    values["article"] = articles[0]


def run(args: argparse.Namespace) -> int:
    """List queries, or run one and print its rows."""
    from claimgraph import api

    if args.list or not args.name:
        for query in api.list_queries():
            params = " ".join(f"--param {p.name}=<{p.type}>" for p in query.params)
            print(f"{query.name:28} {query.description[:90]}{'  ' + params if params else ''}")
        if not args.list:
            warn("give a query name (listed above) or --list")
        return 0 if args.list else 2
    query = api.load_query(args.name)
    values = dict(args.param)
    store = api.open_store(resolve_store(args.store, writes=False, quiet=args.quiet))
    try:
        api.ensure_sample(store, None if args.quiet else warn)
        _default_article(api, store, query, values)
        result = api.run_query(store, query, values)
    finally:
        store.close()
    print_rows(result.variables, result.as_dicts(), args.format)
    return 0
