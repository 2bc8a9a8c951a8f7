"""Every environment variable claimgraph reads, with its default and what it sets.

Modules read settings through :func:`get` (never ``os.environ`` directly), so this list is complete;
a test checks the README's Settings table against it. A name with ``<SERVICE>`` stands for a family
(``CLAIMGRAPH_BASE_ARXIV`` …).
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

__all__ = ["Setting", "SETTINGS", "SETTINGS_BY_NAME", "get", "get_float", "get_flag", "is_known"]


class Setting(NamedTuple):
    """One environment variable: its name, default (as text, empty for none) and doc."""

    name: str
    default: str
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting("CLAIMGRAPH_STORE", ".claimgraph/store",
            "the graph store (a directory, `memory`, `rdflib`, or a SPARQL server URL)"),
    Setting("CLAIMGRAPH_STORE_LOCK_TIMEOUT", "120",
            "seconds to wait for a busy store directory before giving up"),
    Setting("CLAIMGRAPH_SPARQL_QUERY", "<base>/query",
            "query endpoint of a SPARQL server (`none` to disable)"),
    Setting("CLAIMGRAPH_SPARQL_UPDATE", "<base>/update",
            "update endpoint of a SPARQL server (`none`: read-only)"),
    Setting("CLAIMGRAPH_SPARQL_STORE", "<base>/store",
            "Graph Store Protocol endpoint of a SPARQL server (`none`: updates only)"),
    Setting("CLAIMGRAPH_SPARQL_SEND_SCOPE", "",
            "`1` sends a per-article query's graph to the server as `named-graph-uri` "
            "(fast on an Oxigraph server)"),
    Setting("CLAIMGRAPH_SPARQL_TIMEOUT", "300", "seconds a SPARQL server request may take"),
    Setting("CLAIMGRAPH_SPARQL_AUTH", "", "`user:password` for HTTP basic auth to the SPARQL server"),
    Setting("CLAIMGRAPH_SPARQL_TOKEN", "", "a bearer token for the SPARQL server"),
    Setting("CLAIMGRAPH_SERVE_TOKEN", "",
            "the bearer token a writable `claimgraph serve` requires for writes (default: generated and "
            "printed)"),
    Setting("CLAIMGRAPH_CACHE", ".claimgraph/captures",
            "captured responses (WARC); a re-run reads them instead of the network"),
    Setting("CLAIMGRAPH_SNAPSHOTS", "",
            "a folder of source snapshots used when nothing was captured (default: the shipped ones)"),
    Setting("CLAIMGRAPH_UPLOADS", ".claimgraph/uploads",
            "article texts uploaded in the explorer, so they can be reopened"),
    Setting("CLAIMGRAPH_QUERIES", "",
            "folders (separated by `:`) of named queries and `checks/` added to the shipped ones"),
    Setting("CLAIMGRAPH_MAX_ARTICLE_MB", "16", "the largest article file accepted"),
    Setting("CLAIMGRAPH_JUDGE_API_KEY", "", "bearer token sent to an `endpoint:` judge"),
    Setting("CLAIMGRAPH_JUDGE_DIR", "",
            "a folder holding an exported trained judge (`model.onnx`, `tokenizer.json`, "
            "`judge.json`) used by the model judge instead of the shipped one"),
    Setting("CLAIMGRAPH_EXPLORER_ALLOW_PRIVATE", "",
            "`1` lets the explorer's article fetcher reach private and loopback addresses (local testing)"),
    Setting("CLAIMGRAPH_EVENT_LOOP", "asyncio",
            "the event loop of the asyncio link checker: `asyncio`, or `uvloop` when it is installed"),
    Setting("CLAIMGRAPH_BASE_<SERVICE>", "",
            "base URL of an outside service (WAYBACK, ARXIV, DOI, HACKERNEWS, YOUTUBE, REDDIT, "
            "WIKIPEDIA); default: the real service"),
)

SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}
_BY_NAME = SETTINGS_BY_NAME
_FAMILIES = [(re.compile("^" + re.escape(s.name).replace("<SERVICE>", "[A-Z0-9_]+") + "$"), s)
             for s in SETTINGS if "<" in s.name]
TRUE = ("1", "true", "yes", "on")


def _setting(name: str) -> Setting:
    if name in _BY_NAME:
        return _BY_NAME[name]
    for pattern, setting in _FAMILIES:
        if pattern.match(name):
            return setting
    raise KeyError(f"{name} is not a claimgraph setting; list it in claimgraph/settings.py")


def is_known(name: str) -> bool:
    """Whether ``name`` is a listed setting (or a member of a listed family)."""
    try:
        _setting(name)
    except KeyError:
        return False
    return True


def get(name: str, default: str | None = None) -> str:
    """The variable's value if set and not blank, else ``default`` or the listed default."""
    setting = _setting(name)
    value = os.environ.get(name, "").strip()
    if value:
        return value
    return setting.default if default is None else default


def get_float(name: str) -> float:
    """A numeric setting; a value that is not a number falls back to the listed default."""
    try:
        return float(get(name))
    except ValueError:
        return float(_setting(name).default)


def get_flag(name: str) -> bool:
    """A yes/no setting: ``1``, ``true``, ``yes`` or ``on`` mean yes."""
    return get(name, "").lower() in TRUE
