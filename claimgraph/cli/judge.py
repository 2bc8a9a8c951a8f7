"""``claimgraph judge``: does a text (a file, stdin or a URL) support a claim?"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.cli._common import add_quiet_option
from claimgraph.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from claimgraph.evidence.judges import Verdict
from claimgraph.judge_card import DEFAULT_JUDGE, JUDGE_SUMMARY


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``judge``."""
    parser = subparsers.add_parser(
        "judge",
        help="judge whether a source supports a claim: stance, confidence, support, quotes",
        description="Quote offsets are character offsets into the text judged. With --jsonl, "
        'read lines {"id", "claim", "text"} and write one verdict per line, in order. '
        + JUDGE_SUMMARY,
    )
    parser.add_argument("claim", nargs="?", help="the claim, in quotes")
    parser.add_argument("source", nargs="?", help="a URL, a text file, or - for stdin")
    parser.add_argument("--jsonl", metavar="FILE", help="judge many pairs (FILE or - for stdin)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    add_quiet_option(parser)
    parser.add_argument("--judge", default="default",
                        help=f"default ({DEFAULT_JUDGE}), hybrid (lexical support, model disputes), "
                        "model (the trained judge), lexical, "
                        "endpoint:URL[?model=NAME], or model:DIR (an exported or NLI model)")
    parser.set_defaults(func=run)


def _read_source(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    if source.startswith(("http://", "https://")):
        from claimgraph.api import check_sources

        fetched = check_sources([source], offline=False).get(source)
        if fetched is None or not fetched.text.strip():
            why = fetched.error or fetched.health if fetched else "nothing fetched"
            raise InputError(f"no text could be read from {source} ({why}); save it to a file")
        return fetched.text
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{source} is neither a URL nor a readable file")
    return path.read_text(encoding="utf-8", errors="replace")


def _print_verdict(verdict: Verdict) -> None:
    print(f"stance:     {verdict.stance}")
    print(f"confidence: {verdict.confidence:.3f}")
    print(f"support:    {verdict.support:.3f}")
    if verdict.decided_by:
        print(f"decided by: {verdict.decided_by}")
    print("quotes:" if verdict.quotes else "quotes:     (none)")
    for rank, quote in enumerate(verdict.quotes, start=1):
        print(f"  {rank}. [{quote.start}:{quote.end}] {quote.text}")


def _run_jsonl(name: str, judge: str) -> int:
    stream = sys.stdin if name == "-" else None
    if stream is None and not Path(name).is_file():
        raise InputError(f"{name} is not a readable file")
    from claimgraph.api import judge_text

    lines = stream.read().splitlines() if stream else Path(name).read_text().splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            claim, text = item["claim"], item["text"]
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f'line {number} of {name}: need {{"id", "claim", "text"}} '
                             f"({error})") from None
        verdict = judge_text(claim, text, judge=judge)
        print(json.dumps({"id": item.get("id"), **verdict.as_dict()}, ensure_ascii=False),
              flush=True)
    return 0


def _load_judge(judge: str) -> None:
    """Load the judge once; say on stderr (once) if the trained judge fell back to the lexical one."""
    from claimgraph.api import get_judge

    get_judge(judge, on_notice=lambda notice: print(f"claimgraph: {notice}", file=sys.stderr))


def run(args: argparse.Namespace) -> int:
    """Judge one (claim, source) pair or a JSON Lines file of pairs."""
    _load_judge(args.judge)
    if args.jsonl:
        return _run_jsonl(args.jsonl, args.judge)
    if not args.claim or not args.source:
        raise InputError('give a claim and a source: claimgraph judge "CLAIM" SOURCE')
    from claimgraph.api import judge_text

    verdict = judge_text(args.claim, _read_source(args.source), judge=args.judge)
    if args.format == "json":
        print(json.dumps(verdict.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_verdict(verdict)
    return 0
