"""Extraction results kept beside the captures, so re-reading a capture needs no extractor.

A result is keyed by everything extraction reads (the body's hash, its Content-Type, the final
URL, a site API's answer, the adapter URL) and by the extractor's version: a hash of the
extraction code and the versions of the libraries it calls. Change either and the capture is
extracted again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from claimgraph.fetch.captures import Response
from claimgraph.fetch.describe import Described
from claimgraph.model import Passage, SourceMetadata

__all__ = ["ExtractionCache", "extractor_version"]

_LIBRARIES = ("trafilatura", "htmldate", "extruct", "pypdf", "lxml", "beautifulsoup4", "justext")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the extraction code and the versions of the libraries it uses."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    files = sorted((package / "extract").rglob("*.py")) + [package / "fetch" / "describe.py",
                                                           package / "fetch" / "limits.py"]
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()[:16]


def _part(response: Response | None) -> list[str]:
    if response is None:
        return ["-"]
    body = (response.capture.sha256 if response.capture and response.capture.sha256
            else hashlib.sha256(response.body).hexdigest())
    return [body, response.header("content-type"), response.final_url or response.url]


class ExtractionCache:
    """One JSON file per extraction result under ``ROOT/extracted/``; a damaged file is a miss."""

    def __init__(self, root: Path) -> None:
        self.folder = Path(root) / "extracted"

    def key(self, page: Response | None, answer: Response | None, adapter_url: str, url: str) -> str:
        """The key of one extraction: its inputs and the extractor's version."""
        parts = [extractor_version(), *_part(page), *_part(answer), adapter_url, url]
        return hashlib.sha256("\n".join(parts).encode("utf-8", "replace")).hexdigest()[:40]

    def get(self, key: str) -> Described | None:
        """The stored result, or None."""
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return (SourceMetadata(**data["metadata"]), data["text"],
                    [Passage(**p) for p in data["passages"]])
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, described: Described) -> None:
        """Store a result (written whole, then renamed into place); a failure to write is ignored."""
        metadata_, text, passages = described
        data = {"metadata": dataclasses.asdict(metadata_), "text": text,
                "passages": [dataclasses.asdict(p) for p in passages]}
        path = self.folder / f"{key}.json"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            partial.replace(path)
        except OSError:
            return
