"""The ``claimgraph`` command: a thin layer that parses arguments and calls the library.

Each subcommand lives in its own module with ``add_parser(subparsers)``; they are listed here.
Command modules import the library inside ``run`` so that ``claimgraph --help`` stays fast.

Exit codes (the same for every subcommand):

====  =====================================================================
0     done; nothing at or above ``--fail-on``
1     findings (or dead links) at ``--fail-on``; a line on stderr says which
2     bad input or usage: an unreadable article, a bad option value, a typo
3     store or network trouble: the store cannot be opened, a server is down
70    an internal error (a bug): one line on stderr; please report it
130   interrupted (Ctrl-C)
====  =====================================================================
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn

from claimgraph import __version__
from claimgraph.errors import ClaimgraphError, FetchError, StoreError

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

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_TROUBLE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 70, 130


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``PROG: error: MESSAGE (see PROG --help)`` and exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = OneLineParser(
        prog="claimgraph",
        description="Audit an article's citations and build a claim-provenance graph. "
        "Exit codes: 0 clean, 1 findings at --fail-on, 2 bad input or usage, 3 store or network trouble.",
    )
    parser.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS:
        importlib.import_module(module_name).add_parser(subparsers)
    return parser


def exit_code_for(error: ClaimgraphError) -> int:
    """2 for bad input, queries and values; 3 for store and network trouble."""
    return EXIT_TROUBLE if isinstance(error, StoreError | FetchError) else EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (see the module docstring)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except ClaimgraphError as error:
        print(f"claimgraph: error: {_one_line(error)}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt:
        print("claimgraph: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - a bug still ends in one line, never a traceback
        print(f"claimgraph: internal error: {type(error).__name__}: {_one_line(error)} "
              "(please report this)", file=sys.stderr)
        return EXIT_BUG


def _one_line(error: BaseException) -> str:
    from claimgraph.cli.hints import explain

    return " ".join(explain(error).split()) or type(error).__name__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
