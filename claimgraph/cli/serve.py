"""``claimgraph serve``: the store as a SPARQL 1.1 endpoint on localhost (Oxigraph's server)."""

from __future__ import annotations

import argparse

from claimgraph import settings
from claimgraph.cli._common import port_number, resolve_store, store_spec
from claimgraph.errors import InputError

TOKEN_ENV = "CLAIMGRAPH_SERVE_TOKEN"
DEFAULT_PORT = 7878


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``serve``."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the graph store as a SPARQL 1.1 endpoint on 127.0.0.1",
        description=(
            "Start Oxigraph's SPARQL server over the store directory and print its endpoints. "
            "Read-only unless --writable; writes then need the bearer token printed at start "
            f"(or set in ${TOKEN_ENV}). Requests with a foreign Host or a cross-site Origin are "
            "refused. While it runs, other claimgraph commands given the same --store talk to it. "
            "Stop with Ctrl-C."
        ),
    )
    parser.add_argument(
        "--store",
        default=None,
        type=store_spec,
        help="store directory (default: $CLAIMGRAPH_STORE or .claimgraph/store); created unless --read-only",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"port (default {DEFAULT_PORT}; 0 = any free)",
    )
    parser.add_argument(
        "--writable", action="store_true",
        help=f"accept SPARQL updates and Graph Store writes that carry the token (${TOKEN_ENV} or generated)",
    )
    parser.add_argument(
        "--read-only", action="store_true", help="refuse every write (the default; kept for scripts)"
    )
    parser.add_argument(
        "--federation", action="store_true",
        help="let queries use SERVICE (the server then sends requests to the endpoints they name)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the server, print where it answers, and block until Ctrl-C."""
    from claimgraph.api import is_directory_spec, serve_until_interrupted, start_guarded_server

    location = resolve_store(args.store, writes=not args.read_only)
    if not is_directory_spec(location):
        raise InputError(f"serve needs a store directory, not {location!r}: pass --store DIR")
    writable = bool(getattr(args, "writable", False)) and not args.read_only
    server = start_guarded_server(
        location, port=args.port or None, writable=writable,
        federation=bool(getattr(args, "federation", False)),
    )
    mode = "read-write, writes need the token" if writable else "read-only"
    print(f"Serving {location} ({mode}) with Oxigraph")
    print(f"  SPARQL query:  {server.query_url}")
    if writable:
        print(f"  SPARQL update: {server.update_url}")
    print(f"  Graph Store:   {server.store_url}")
    print(f"  claimgraph:    --store {server.base_url}")
    if writable and not settings.get(TOKEN_ENV):
        print(f"  Token:         {server.token}  (send Authorization: Bearer TOKEN; or set {TOKEN_ENV})")
    print("Press Ctrl-C to stop.", flush=True)
    code = serve_until_interrupted(server)
    print("Stopped.", flush=True)
    return code
