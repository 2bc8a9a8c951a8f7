"""Shared fixtures: the embedded sample, a finished audit of it, and an isolated store."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.api import AuditOptions, audit
from claimgraph.article.load import default_article_path

SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.exists():  # CI clones next to a copy of shared/
    SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return default_article_path()


@pytest.fixture(scope="session")
def sample_audit():
    """One offline audit of the embedded sample, shared by read-only tests."""
    return audit(options=AuditOptions())


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path, monkeypatch):
    """Every test gets its own default store directory, never the developer's."""
    monkeypatch.setenv("CLAIMGRAPH_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("CLAIMGRAPH_CACHE", str(tmp_path / "captures"))
