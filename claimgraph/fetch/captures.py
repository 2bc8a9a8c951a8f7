"""Captures: every response stored as WARC (warcio), indexed so a second run fetches nothing."""

from __future__ import annotations

import hashlib
import io
import json
import threading
from dataclasses import asdict
from pathlib import Path

from claimgraph.model import Capture, Check, Redirect, Response

# Headers that describe the wire encoding, not the body we store.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def capture_key(method: str, url: str, accept: str = "") -> str:
    """The cache key of a request: method, URL and the Accept header it was made with."""
    return hashlib.sha256(f"{method.upper()} {url} {accept}".encode()).hexdigest()[:32]


class CaptureStore:
    """A folder of WARC files plus an index.jsonl; safe to share between worker threads."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.warc_dir = self.root / "warc"
        self.index_path = self.root / "index.jsonl"
        self._lock = threading.Lock()
        self._index: dict[str, dict] = {}
        self._history: dict[str, list[Check]] = {}
        if self.index_path.exists():
            for line in self.index_path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    entry = json.loads(line) if line.strip() else None
                except ValueError:  # a line cut by a crash mid-write: skip it, keep the rest
                    continue
                if not isinstance(entry, dict) or "key" not in entry:
                    continue
                if entry.get("forget"):
                    self._index.pop(entry["key"], None)
                    continue
                self._index[entry["key"]] = entry
                self._history.setdefault(entry["key"], []).append(_check(entry))

    def __contains__(self, key: str) -> bool:
        return key in self._index

    def history(self, key: str) -> list[Check]:
        """Every answer stored for a key, oldest first (kept even when forgotten)."""
        return list(self._history.get(key, []))

    def fetched_at(self, key: str) -> str | None:
        """When the current capture for a key was made (ISO 8601), or None."""
        entry = self._index.get(key)
        return entry.get("fetched_at") if entry else None

    def forget(self, key: str) -> None:
        """Stop replaying a key's capture (its history stays, for later checks)."""
        with self._lock:
            if key not in self._index:
                return
            with self.index_path.open("a", encoding="utf-8") as index:
                index.write(json.dumps({"key": key, "forget": True}) + "\n")
            self._index.pop(key, None)

    def get(self, key: str) -> Response | None:
        """The stored response for a key, body included, or None."""
        entry = self._index.get(key)
        if entry is None:
            return None
        body = b""
        if entry.get("warc"):
            body = self._read_body(self.root / entry["warc"], entry["final_url"])
        capture = Capture(**entry["capture"]) if entry.get("capture") else None
        return Response(
            url=entry["url"], final_url=entry["final_url"], status=entry["status"],
            headers=entry["headers"], body=body,
            redirects=[Redirect(**hop) for hop in entry["redirects"]],
            fetched_at=entry["fetched_at"], error=entry.get("error"),
            error_kind=entry.get("error_kind"), from_cache=True, capture=capture,
            history=self.history(key),
        )

    def put(self, key: str, response: Response, *, kind: str = "live", note: str = "") -> Capture:
        """Store a response (its body as a WARC record) and return its Capture."""
        digest = hashlib.sha256(response.body).hexdigest()
        warc_name = None
        if response.status:
            warc_name = f"warc/{key}.warc.gz"
            self.warc_dir.mkdir(parents=True, exist_ok=True)
            self._write_warc(self.root / warc_name, response)
        capture = Capture(
            url=response.url, final_url=response.final_url, status=response.status,
            headers=dict(response.headers), fetched_at=response.fetched_at, sha256=digest,
            kind=kind, path=str(self.root / warc_name) if warc_name else None, note=note,
        )
        entry = {
            "key": key, "url": response.url, "final_url": response.final_url,
            "status": response.status, "headers": response.headers,
            "redirects": [asdict(hop) for hop in response.redirects],
            "fetched_at": response.fetched_at, "error": response.error,
            "error_kind": response.error_kind, "warc": warc_name, "capture": asdict(capture),
        }
        with self._lock:
            self.root.mkdir(parents=True, exist_ok=True)
            with self.index_path.open("a", encoding="utf-8") as index:
                index.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._index[key] = entry
            self._history.setdefault(key, []).append(_check(entry))
        response.history = self.history(key)
        return capture

    def entries(self) -> list[dict]:
        """Every index entry (one per stored request), in the order they were stored."""
        with self._lock:
            return list(self._index.values())

    @staticmethod
    def _write_warc(path: Path, response: Response) -> None:
        from warcio.statusandheaders import StatusAndHeaders  # warcio loads only when a capture is used
        from warcio.warcwriter import WARCWriter

        with path.open("wb") as handle:
            writer = WARCWriter(handle, gzip=True)
            for hop in response.redirects:
                headers = StatusAndHeaders(
                    f"{hop.status} Redirect", [("Location", hop.location)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    hop.url, "response", payload=io.BytesIO(b""), http_headers=headers
                )
                writer.write_record(record)
            kept = [(k, v) for k, v in response.headers.items() if k.lower() not in _WIRE_HEADERS]
            headers = StatusAndHeaders(f"{response.status} Stored", kept, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                response.final_url, "response", payload=io.BytesIO(response.body),
                http_headers=headers, warc_headers_dict={"WARC-Date": response.fetched_at},
            )
            writer.write_record(record)

    @staticmethod
    def _read_body(path: Path, final_url: str) -> bytes:
        from warcio.archiveiterator import ArchiveIterator

        body = b""
        if not path.exists():
            return body
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    continue
                if record.rec_headers.get_header("WARC-Target-URI") == final_url:
                    body = record.content_stream().read()
        return body


def _check(entry: dict) -> Check:
    return Check(str(entry.get("fetched_at", "")), int(entry.get("status") or 0), entry.get("error_kind"))
