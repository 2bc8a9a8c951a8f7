"""Offline snapshots: hand-written or saved descriptions of sources, keyed by URL.

A snapshot is a JSON file: ``url`` (and optional ``aliases``), ``kind`` (``reconstructed`` for
ones written by hand from public facts), ``note`` saying how it was obtained, ``obtained``
(ISO date), ``metadata`` (title, authors, published, modified, site, type, language) and
``text``. Real captures replace them whenever the network is used.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from claimgraph.extract.text import split_passages
from claimgraph.model import Capture, Source, SourceMetadata

_META_FIELDS = ("title", "authors", "published", "modified", "site", "type", "language",
                "description")


def lookup_key(url: str) -> str:
    """A forgiving key: lower-case host without www, no fragment, no trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, parts.query, ""))


def load_snapshots(folder: Path) -> dict[str, Source]:
    """Every snapshot in a folder as a Source, under its URL, its aliases and lookup keys."""
    found: dict[str, Source] = {}
    folder = Path(folder)
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        for entry in data if isinstance(data, list) else [data]:
            source = snapshot_source(entry, path)
            for url in [entry["url"], *entry.get("aliases", [])]:
                found.setdefault(url, source)
                found.setdefault(lookup_key(url), source)
    return found


def snapshot_source(entry: dict, path: Path) -> Source:
    """One snapshot entry as a Source with a Capture of the snapshot's kind."""
    meta_in = entry.get("metadata", {})
    metadata = SourceMetadata(**{k: meta_in[k] for k in _META_FIELDS if meta_in.get(k)})
    kind = entry.get("kind", "reconstructed")
    metadata.provenance = {k: f"snapshot:{kind}" for k in _META_FIELDS if meta_in.get(k)}
    text = entry.get("text", "")
    capture = Capture(
        url=entry["url"], final_url=entry.get("final_url", entry["url"]),
        status=int(entry.get("status", 0)), headers={}, fetched_at=entry.get("obtained", ""),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), kind=kind, path=str(path),
        note=entry.get("note", ""),
    )
    return Source(
        url=entry["url"], final_url=entry.get("final_url", entry["url"]),
        health=entry.get("health", "unchecked"), metadata=metadata, text=text,
        passages=split_passages(text), capture=capture,
    )


def find_snapshot(snapshots: dict[str, Source], url: str) -> Source | None:
    """The snapshot for a URL, by exact URL first and then by lookup key."""
    return snapshots.get(url) or snapshots.get(lookup_key(url))
