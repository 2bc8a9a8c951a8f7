"""Checks written as SPARQL (``queries/checks/*.rq``): each row of a check becomes a finding.

A check's header names the finding ``kind`` and default ``severity``; its rows may carry
``severity``, ``message`` and ``fix`` columns, and ``endnote``, ``citation`` and ``claim``
columns naming what the finding concerns. Add a file there and the audit runs it.
"""

from __future__ import annotations

import rdflib

from claimgraph.model import Finding
from claimgraph.queries import NamedQuery, list_queries
from claimgraph.rdf.store import open_store
from claimgraph.rdf.vocab import ID

__all__ = ["run_sparql_checks", "check_queries"]


def check_queries() -> list[NamedQuery]:
    """Every check query (those whose header names a finding kind)."""
    return [q for q in list_queries() if q.kind]


def _as_list(value: object, cast) -> list:
    if value in (None, ""):
        return []
    return [cast(part.strip()) for part in str(value).split(",") if part.strip()]


def run_sparql_checks(graph: rdflib.Graph) -> list[Finding]:
    """Run every check query over one article's graph."""
    checks = check_queries()
    if not checks:
        return []
    store = open_store("memory")
    try:
        store.replace_graph(ID["graph/audit"], graph)
        findings: list[Finding] = []
        for check in checks:
            for row in store.query(check.text).as_dicts():
                findings.append(
                    Finding(
                        kind=check.kind or check.name,
                        severity=str(row.get("severity") or check.severity or "medium"),
                        message=str(row.get("message") or f"{check.name}: {row}"),
                        fix=str(row.get("fix") or ""),
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
    finally:
        store.close()
