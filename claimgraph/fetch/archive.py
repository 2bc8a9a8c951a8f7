"""WARC files in and out of the capture store: captures made by other tools, replayed offline.

``import_warcs`` reads WARC 1.0/1.1 files (gzip per record or plain) as wget, Heritrix,
Webrecorder/Browsertrix, ArchiveBox and pywb write them:

- ``response`` records give a URL's status, headers and body (warcio undoes chunked transfer
  and gzip/deflate/brotli content encodings);
- ``revisit`` records (identical-payload deduplication) take the body of the earlier response
  with the same ``WARC-Payload-Digest`` (or ``WARC-Refers-To-Target-URI``) and their own headers;
- 3xx responses with a ``Location`` become the redirect chain of the URL first asked for;
- every other record type (request, metadata, warcinfo, resource …) is read past.

Each capture keeps its ``WARC-Date`` as the time it was fetched. A record that cannot be read
is skipped and counted; a file that cannot be read at all is counted too. Nothing is fatal.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.fetch.captures import CaptureStore, Response, capture_key
from claimgraph.model import Redirect

_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
_MAX_HOPS = 10


@dataclass
class Record:
    """One HTTP answer read from a WARC file."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    date: str
    source: str


@dataclass
class ImportReport:
    """What an import did: captures added, records skipped, files that could not be read."""

    added: list[str] = field(default_factory=list)
    skipped: int = 0
    revisits_unresolved: int = 0
    unreadable_files: list[str] = field(default_factory=list)


def _target(record) -> str:
    return (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")


def _headers(http: StatusAndHeaders | None) -> dict[str, str]:
    if http is None:
        return {}
    return {k: v for k, v in http.headers if k.lower() not in _WIRE_HEADERS}


def _status(http: StatusAndHeaders | None) -> int:
    try:
        return int((http.get_statuscode() if http else "") or 0)
    except ValueError:
        return 0


def read_records(path: Path, report: ImportReport) -> list[Record]:
    """Every response (and resolvable revisit) in one WARC file, in file order."""
    records: list[Record] = []
    by_digest: dict[str, Record] = {}
    by_url: dict[str, Record] = {}
    try:
        handle = path.open("rb")
    except OSError:
        report.unreadable_files.append(str(path))
        return records
    with handle:
        iterator = iter(ArchiveIterator(handle, arc2warc=True))
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                break
            except Exception:  # noqa: BLE001 - warcio raises many kinds on a broken file
                report.skipped += 1
                break  # the stream cannot be re-synchronised after a broken record
            try:
                found = _one(record, by_digest, by_url, path, report)
            except Exception:  # noqa: BLE001 - one bad record is skipped, never fatal
                report.skipped += 1
                continue
            if found is not None:
                records.append(found)
    return records


def _one(record, by_digest, by_url, path: Path, report: ImportReport) -> Record | None:
    if record.rec_type not in ("response", "revisit"):
        return None
    url = _target(record)
    http = record.http_headers
    if not url.startswith(("http://", "https://")) or http is None or not _status(http):
        report.skipped += 1
        return None
    digest = record.rec_headers.get_header("WARC-Payload-Digest") or ""
    date = record.rec_headers.get_header("WARC-Date") or ""
    if record.rec_type == "response":
        body = record.content_stream().read()
        found = Record(url, _status(http), _headers(http), body, date, path.name)
        if digest:
            by_digest.setdefault(digest, found)
        by_url.setdefault(url, found)
        return found
    earlier = by_digest.get(digest) or by_url.get(
        (record.rec_headers.get_header("WARC-Refers-To-Target-URI") or "").strip("<>"))
    if earlier is None:
        report.revisits_unresolved += 1
        return None
    status = _status(http)
    if status == 304:  # a revalidation: the earlier answer stands
        status = earlier.status
    headers = _headers(http) or dict(earlier.headers)
    return Record(url, status, headers, earlier.body, date, path.name)


def _chain(url: str, latest: dict[str, Record]) -> tuple[Record, list[Redirect]] | None:
    hops: list[Redirect] = []
    current = latest[url]
    while 300 <= current.status < 400 and len(hops) < _MAX_HOPS:
        location = next((v for k, v in current.headers.items() if k.lower() == "location"), "")
        if not location:
            break
        target = urljoin(current.url, location)
        hops.append(Redirect(url=current.url, status=current.status, location=target))
        if target not in latest or target in {h.url for h in hops}:
            break
        current = latest[target]
    return current, hops


def import_warcs(paths: list[Path], store: CaptureStore) -> ImportReport:
    """Add every HTTP answer in the WARC files to the store, under its original URL."""
    report = ImportReport()
    latest: dict[str, Record] = {}
    for path in paths:
        for record in read_records(Path(path), report):
            kept = latest.get(record.url)
            if kept is None or record.date >= kept.date:
                latest[record.url] = record
    for url in latest:
        final, hops = _chain(url, latest)
        response = Response(
            url=url, final_url=final.url, status=final.status, headers=dict(final.headers),
            body=final.body, redirects=hops, fetched_at=latest[url].date,
        )
        store.put(capture_key("GET", url), response, kind="imported",
                  note=f"imported from {final.source}")
        report.added.append(url)
    return report


def export_warc(store: CaptureStore, out: Path) -> int:
    """Write every stored capture (with its redirect hops) to one gzipped WARC; returns records."""
    written = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for entry in store.entries():
            if not entry.get("status"):
                continue
            response = store.get(entry["key"])
            if response is None:
                continue
            date = {"WARC-Date": response.fetched_at} if response.fetched_at else {}
            for hop in response.redirects:
                headers = StatusAndHeaders(f"{hop.status} Redirect", [("Location", hop.location)],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    hop.url, "response", payload=io.BytesIO(b""), http_headers=headers,
                    warc_headers_dict=dict(date)))
                written += 1
            kept = [(k, v) for k, v in response.headers.items() if k.lower() not in _WIRE_HEADERS]
            headers = StatusAndHeaders(f"{response.status} Stored", kept, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                response.final_url, "response", payload=io.BytesIO(response.body),
                http_headers=headers, warc_headers_dict=dict(date)))
            written += 1
    return written
