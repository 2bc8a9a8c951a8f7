"""Queries typed by a user: parsed and refused if they could reach outside the store.

A SPARQL query can name other data: ``FROM`` / ``FROM NAMED`` (rdflib loads those IRIs, ``file:``
included), ``SERVICE`` (every engine here sends the query to that endpoint) and, in updates,
``LOAD``. Here the text is *parsed* (rdflib's SPARQL grammar, which also expands ``\\u`` escapes as
the standard says) and refused when its parse tree holds a dataset clause or a ``SERVICE``
pattern, or when it is not a query at all (updates). A second, independent pass scans the
text's keywords with strings, IRIs and comments removed, so that a grammar the parser reads
differently from the engine still cannot slip ``SERVICE`` or ``FROM`` through. Accepted queries
run through the backend's ``bounded_query`` with a time limit and a row limit.
"""

from __future__ import annotations

import ctypes
import re
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from claimgraph.errors import QueryError

__all__ = [
    "MAX_QUERY_CHARS",
    "QueryRefused",
    "QueryTimeout",
    "check_untrusted_query",
    "one_line",
    "run_bounded",
]

MAX_QUERY_CHARS = 100_000
READ_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
# Keywords that make an engine read or write something other than the store's own graphs.
_OUTWARD = {"FROM", "SERVICE", "LOAD", "INSERT", "DELETE", "DROP", "CLEAR", "CREATE", "ADD",
            "MOVE", "COPY", "WITH", "USING"}
_STRIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"  # IRIs
    r"|#[^\n]*",  # comments
    re.DOTALL,
)
# A bare keyword: not a variable (?x, $x), not part of a prefixed name (ex:from, from:x).
_WORD = re.compile(r"(?<![\w?$:.@-])([A-Za-z]+)(?![\w:-])")

T = TypeVar("T")


class QueryRefused(QueryError):
    """A user query that could read or write outside the store; ``reason`` names the construct."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class QueryTimeout(QueryError):
    """A user query that ran past its time limit; ``timeout_s`` is that limit."""

    def __init__(self, message: str, timeout_s: float) -> None:
        super().__init__(message)
        self.timeout_s = timeout_s


def one_line(text: object, limit: int = 300) -> str:
    """An error's text on one line, cut to ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _expand_escapes(text: str) -> str:
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        return expandUnicodeEscapes(text)
    except Exception as error:  # noqa: BLE001 - any bad escape means "not a query we run"
        raise QueryRefused(f"the query has a bad \\u escape: {one_line(error)}", "syntax") from None


def _keywords(text: str) -> set[str]:
    stripped = _STRIP.sub(" ", text)
    return {word.upper() for word in _WORD.findall(stripped)}


def _walk(node: Any, seen: set[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            seen.add(item.name)
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(list(item))


def check_untrusted_query(text: str) -> str:
    """The form (SELECT, ASK, CONSTRUCT, DESCRIBE) of a safe read query; QueryRefused otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise QueryRefused("the query is empty", "empty")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(f"the query is longer than {MAX_QUERY_CHARS:,} characters", "too_long")
    if "\x00" in text:
        raise QueryRefused("the query contains a NUL character", "syntax")
    expanded = _expand_escapes(text)
    outward = _keywords(expanded) & _OUTWARD
    if "SERVICE" in outward:
        raise QueryRefused("SERVICE is refused here: queries read only this store", "service")
    if "FROM" in outward:
        raise QueryRefused("FROM and FROM NAMED are refused here: use GRAPH ?g { … }", "dataset")
    if outward:
        word = sorted(outward)[0]
        raise QueryRefused(f"{word} is refused here: only read queries run", "update")
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(expanded)
        names: set[str] = set()
        _walk(parsed, names)
        form = READ_FORMS.get(translateQuery(parsed).algebra.name)
    except QueryError:
        raise
    except RecursionError:
        raise QueryRefused("the query is nested too deeply to check", "syntax") from None
    except Exception as error:  # noqa: BLE001 - pyparsing and rdflib raise many types
        raise QueryRefused(
            f"not a SPARQL read query (SELECT, ASK, CONSTRUCT, DESCRIBE): {one_line(error, 200)}",
            "syntax",
        ) from None
    if "ServiceGraphPattern" in names:
        raise QueryRefused("SERVICE is refused here: queries read only this store", "service")
    if "DatasetClause" in names:
        raise QueryRefused("FROM and FROM NAMED are refused here: use GRAPH ?g { … }", "dataset")
    if form is None:
        raise QueryRefused("only read queries (SELECT, ASK, CONSTRUCT, DESCRIBE) run here", "update")
    return form


def _interrupt(thread: threading.Thread) -> None:
    """Ask a thread to stop by raising in it at its next Python instruction."""
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident), ctypes.py_object(TimeoutError)
        )


def run_bounded(work: Callable[[float], T], timeout_s: float) -> T:
    """``work(deadline)`` on a worker thread; QueryTimeout once ``timeout_s`` have passed.

    ``work`` should check the monotonic ``deadline`` between rows; pure-Python engines that do
    not are interrupted at their next instruction. Native work finishes on its own thread.
    """
    deadline = time.monotonic() + timeout_s
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work(deadline)
        except BaseException as error:  # noqa: BLE001 - handed to the caller below
            box["error"] = error

    worker = threading.Thread(target=target, name="bounded-query", daemon=True)
    worker.start()
    worker.join(timeout_s + 0.05)
    if worker.is_alive():
        _interrupt(worker)
        worker.join(1.0)
        raise QueryTimeout(f"the query ran longer than {timeout_s:g} s and was stopped", timeout_s)
    error = box.get("error")
    if isinstance(error, TimeoutError):
        raise QueryTimeout(f"the query ran longer than {timeout_s:g} s and was stopped", timeout_s)
    if error is not None:
        if isinstance(error, QueryError):
            raise error
        raise QueryError(f"the query failed: {one_line(error)}") from None
    return box["value"]


def past(deadline: float) -> None:
    """Raise TimeoutError once the monotonic ``deadline`` has passed (called between rows)."""
    if time.monotonic() > deadline:
        raise TimeoutError


def mentions_service(text: str) -> bool:
    """Whether a query could federate: a ``SERVICE`` keyword outside strings, IRIs and comments."""
    try:
        expanded = _expand_escapes(text)
    except QueryRefused:
        return True  # unreadable escapes: refuse rather than guess
    if "SERVICE" in _keywords(expanded):
        return True
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        names: set[str] = set()
        _walk(parseQuery(expanded), names)
    except Exception:  # noqa: BLE001 - a grammar rdflib lacks; the keyword scan above decided
        return False
    return "ServiceGraphPattern" in names
