"""Checks written as SPARQL (``queries/checks/*.rq``): each row of a check becomes a finding.

A check's header names the finding ``kind`` and default ``severity``; its rows may carry
``severity``, ``message`` and ``fix`` columns, and ``endnote``, ``citation`` and ``claim``
columns naming what the finding concerns. Add a file there and the audit runs it.
"""

from __future__ import annotations

import re

import rdflib

from claimgraph.errors import QueryError
from claimgraph.graph.article_query import select_rows
from claimgraph.graph.queries import NamedQuery, bind_params, list_queries, queries_dir
from claimgraph.graph.store_terms import bind_as_values, normalise_bindings
from claimgraph.model import Finding

__all__ = ["run_sparql_checks", "check_queries"]


def check_queries() -> list[NamedQuery]:
    """Every check query (those whose header names a finding kind)."""
    return [q for q in list_queries() if q.kind]


def _as_list(value: object, cast) -> list:
    if value in (None, ""):
        return []
    return [cast(part.strip()) for part in str(value).split(",") if part.strip()]


def _render(template: str | None, row: dict[str, object]) -> str | None:
    """Fill ``{column}`` placeholders of a header template; empty values read as a dash."""
    if not template:
        return None
    values = {k: ("—" if v in (None, "") else v) for k, v in row.items()}
    values.setdefault("domain", "")
    if values["domain"] == "—":
        values["domain"] = ""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), "—")), template)


def run_sparql_checks(graph: rdflib.Graph, article_id: str) -> list[Finding]:
    """Run every check query over one article's graph (where it lives, see ``graph/article_query.py``)."""
    checks = check_queries()
    if not checks:
        raise QueryError(f"no SPARQL checks found in {queries_dir() / 'checks'}: the installation "
                         "is incomplete (reinstall claimgraph)")
    findings: list[Finding] = []
    for check in checks:
        wanted = {p.name for p in check.params}
        binds = bind_params(check, {"article": article_id} if "article" in wanted else {})
        for row in select_rows(graph, bind_as_values(check.text, normalise_bindings(binds))):
            findings.append(
                Finding(
                    kind=check.kind or check.name,
                    severity=str(row.get("severity") or check.severity or "medium"),
                    message=str(row.get("message") or _render(check.message, row) or f"{check.name}: {row}"),
                    fix=str(row.get("fix") or _render(check.fix, row) or ""),
                    endnotes=_as_list(row.get("endnote"), int),
                    citations=_as_list(row.get("citation"), str),
                    claims=_as_list(row.get("claim"), str),
                    details={
                        "check": check.name,
                        **{
                            k: v
                            for k, v in row.items()
                            if k not in ("severity", "message", "fix")
                            and v is not None
                            and isinstance(v, str | int | float)
                        },
                    },
                )
            )
    return findings
