"""The ``claimgraph`` command: a thin layer that parses arguments and calls the library.

Each subcommand lives in its own module with ``add_parser(subparsers)``; they are listed here.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from claimgraph.errors import ClaimgraphError

# The one place that lists every subcommand module.
COMMANDS = [
    "claimgraph.cli.audit",
    "claimgraph.cli.query",
    "claimgraph.cli.export",
    "claimgraph.cli.source",
    "claimgraph.cli.serve",
    "claimgraph.cli.judge",
    "claimgraph.cli.capture",
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="Audit an article's citations and build a claim-provenance graph.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS:
        importlib.import_module(module_name).add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 findings-free failure, 2 usage or input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ClaimgraphError as error:
        print(f"claimgraph: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("claimgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
