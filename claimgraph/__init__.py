"""claimgraph: a citation and claim-provenance knowledge graph."""

from claimgraph.api import AuditOptions, audit, audit_article, export_graph, load_article, open_store
from claimgraph.errors import ClaimgraphError, FetchError, InputError, QueryError, StoreError
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
