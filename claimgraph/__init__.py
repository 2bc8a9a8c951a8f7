"""claimgraph: a citation and claim-provenance knowledge graph.

The public names below load on first use, so ``claimgraph --help`` does not import the pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import claimgraph.audit as _audit_package  # noqa: F401 - load the subpackage before `audit` is bound
from claimgraph.errors import ClaimgraphError, FetchError, InputError, QueryError, StoreError

if TYPE_CHECKING:  # pragma: no cover
    from claimgraph.api import AuditOptions, audit_article, export_graph, load_article, open_store
    from claimgraph.model import (
        Article,
        AuditResult,
        Citation,
        Claim,
        DuplicateGroup,
        Endnote,
        Evidence,
        Finding,
        Source,
    )

__version__ = "0.1.0"

_LAZY = {
    **{name: "claimgraph.api" for name in
       ("AuditOptions", "audit_article", "export_graph", "load_article", "open_store")},
    **{name: "claimgraph.model" for name in
       ("Article", "AuditResult", "Citation", "Claim", "DuplicateGroup", "Endnote", "Evidence",
        "Finding", "Source")},
}

__all__ = [
    "Article",
    "AuditOptions",
    "AuditResult",
    "Citation",
    "Claim",
    "ClaimgraphError",
    "DuplicateGroup",
    "Endnote",
    "Evidence",
    "FetchError",
    "Finding",
    "InputError",
    "QueryError",
    "Source",
    "StoreError",
    "audit",
    "audit_article",
    "export_graph",
    "load_article",
    "open_store",
]


def audit(*args: Any, **kwargs: Any) -> Any:
    """Audit an article file (the embedded sample when no path or text is given): ``api.audit``."""
    from claimgraph.api import audit as run_audit

    return run_audit(*args, **kwargs)


def __getattr__(name: str) -> Any:
    """Load a public name from its module the first time it is asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claimgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
