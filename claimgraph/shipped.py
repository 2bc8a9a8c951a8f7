"""Files that ship inside the package: named queries and checks, the sample article, its snapshots.

They live at the repository's top level (``queries/``, ``sources/``) and are mapped into the
package at build time as ``claimgraph.queries_data`` and ``claimgraph.sources_data`` (see
``pyproject.toml``), so an editable install and a wheel read them the same way, with
:mod:`importlib.resources`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from claimgraph import settings
from claimgraph.errors import InputError

QUERIES_PACKAGE = "claimgraph.queries_data"
SOURCES_PACKAGE = "claimgraph.sources_data"

__all__ = ["shipped_queries_dir", "sample_articles_dir", "shipped_snapshots_dir", "default_snapshots_dir"]


def _package_dir(package: str) -> Path:
    """The folder of a data package, whether installed from a wheel or in editable mode."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError:
        raise InputError(f"the package data {package} is missing: reinstall claimgraph") from None
    if not isinstance(root, Path):  # installed unpacked, never zipped: a plain folder
        raise InputError(f"the package data {package} is not a folder ({root}): reinstall claimgraph")
    return root


def shipped_queries_dir() -> Path:
    """The shipped named queries (``checks/`` inside holds the audit's SPARQL checks)."""
    return _package_dir(QUERIES_PACKAGE)


def sample_articles_dir() -> Path:
    """The folder of the embedded sample article."""
    return _package_dir(SOURCES_PACKAGE) / "articles"


def shipped_snapshots_dir() -> Path:
    """The hand-written source snapshots of the sample's endnotes."""
    return _package_dir(SOURCES_PACKAGE) / "snapshots"


def default_snapshots_dir() -> Path:
    """``$CLAIMGRAPH_SNAPSHOTS`` if set (it must be a folder), else the shipped snapshots."""
    configured = settings.get("CLAIMGRAPH_SNAPSHOTS")
    if not configured:
        return shipped_snapshots_dir()
    if not Path(configured).is_dir():
        raise InputError(f"CLAIMGRAPH_SNAPSHOTS names {configured}, which is not a folder")
    return Path(configured)
