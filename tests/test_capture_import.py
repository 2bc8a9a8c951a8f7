"""``claimgraph capture``: WARCs from other tools replay offline exactly like a live run."""

from __future__ import annotations

import gzip
import http.client
import io
import json
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from zoo.fixtures import zoo  # noqa: F401

from claimgraph.cli import main

PATHS = ["/paper", "/ok", "/latin1"]
WARC_DATE = "2019-05-06T07:08:09Z"


def _raw(url: str) -> tuple[int, list[tuple[str, str]], bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path)
    answer = connection.getresponse()
    status, headers, body = answer.status, answer.getheaders(), answer.read()
    connection.close()
    return status, headers, body


def _chunked(data: bytes, size: int = 7) -> bytes:
    pieces = [b"%x\r\n%s\r\n" % (len(data[i:i + size]), data[i:i + size])
              for i in range(0, len(data), size)]
    return b"".join(pieces) + b"0\r\n\r\n"


def _response(writer: WARCWriter, url: str, status: int, headers, body: bytes, **extra) -> None:
    http_headers = StatusAndHeaders(f"{status} OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                       http_headers=http_headers,
                                       warc_headers_dict={"WARC-Date": WARC_DATE, **extra})
    writer.write_record(record)


def _write_warc(path, zoo) -> None:  # noqa: F811
    """The zoo's pages as a crawler would store them: plain, chunked+gzip, and a revisit."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number, page in enumerate(PATHS):
            status, headers, body = _raw(zoo.base + page)
            headers = [(k, v) for k, v in headers if k.lower() not in ("content-length",)]
            if number == 1:  # as sent on the wire: gzip content, chunked transfer
                headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
                body = _chunked(gzip.compress(body))
            _response(writer, zoo.base + page, status, headers, body)
        first = zoo.base + PATHS[0]
        status, headers, body = _raw(first)
        digest_record = writer.create_warc_record(
            first, "response", payload=io.BytesIO(body),
            http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"))
        payload_digest = digest_record.rec_headers.get_header("WARC-Payload-Digest")
        revisit = writer.create_revisit_record(
            zoo.base + "/paper-copy", digest=payload_digest, refers_to_uri=first,
            refers_to_date=WARC_DATE,
            http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"))
        revisit.rec_headers.replace_header("WARC-Date", WARC_DATE)
        writer.write_record(revisit)
    payload = b"no status line here\r\n\r\n"
    broken = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + zoo.base.encode()
              + b"/broken\r\nWARC-Date: 2019-05-06T07:08:09Z\r\n"
              b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
              b"Content-Type: application/http; msgtype=response\r\n"
              b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(payload), payload))
    with path.open("ab") as handle:
        handle.write(gzip.compress(broken))


def _source_json(capsys, *args: str) -> list[dict]:
    capsys.readouterr()
    assert main(["source", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_imported_warc_replays_offline_like_the_live_run(zoo, tmp_path, capsys):  # noqa: F811
    urls = [zoo.base + p for p in PATHS]
    live = _source_json(capsys, *urls, "--allow-private", "--cache", str(tmp_path / "live"))
    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc, zoo)
    cache = str(tmp_path / "imported")
    assert main(["capture", "--cache", cache, "import", str(warc)]) == 0
    report = capsys.readouterr().out
    assert "imported 4 captures" in report and "skipped 1 malformed" in report
    zoo.reset()
    replayed = _source_json(capsys, *urls, zoo.base + "/paper-copy", "--offline", "--cache", cache)
    assert zoo.total == 0
    for before, after in zip(live, replayed, strict=False):
        assert after["health"] == before["health"] == "ok"
        assert after["metadata"] == before["metadata"]
        assert after["capture"]["kind"] == "imported"
        assert after["capture"]["fetched_at"] == WARC_DATE
    assert replayed[-1]["metadata"] == live[0]["metadata"]  # the revisit took the payload


def test_list_and_export_round_trip(zoo, tmp_path, capsys):  # noqa: F811
    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc, zoo)
    first, second = str(tmp_path / "a"), str(tmp_path / "b")
    main(["capture", "--cache", first, "import", str(warc)])
    out = tmp_path / "out" / "all.warc.gz"
    assert main(["capture", "--cache", first, "export", str(out)]) == 0
    assert main(["capture", "--cache", second, "import", str(out)]) == 0
    capsys.readouterr()
    main(["capture", "--cache", second, "list", "--format", "json"])
    listed = json.loads(capsys.readouterr().out)
    assert sorted(r["url"] for r in listed) == sorted(
        [zoo.base + p for p in PATHS] + [zoo.base + "/paper-copy"])
    assert {r["fetched_at"] for r in listed} == {WARC_DATE}


def test_redirect_records_become_the_chain(zoo, tmp_path, capsys):  # noqa: F811
    warc = tmp_path / "redirect.warc"
    with warc.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        _response(writer, zoo.base + "/moved", 301, [("Location", "/ok")], b"")
        status, headers, body = _raw(zoo.base + "/ok")
        _response(writer, zoo.base + "/ok", status,
                  [(k, v) for k, v in headers if k.lower() != "content-length"], body)
    cache = str(tmp_path / "c")
    assert main(["capture", "--cache", cache, "import", str(warc)]) == 0
    zoo.reset()
    record = _source_json(capsys, zoo.base + "/moved", "--offline", "--cache", cache)[0]
    assert zoo.total == 0
    assert record["health"] == "redirected" and record["final_url"] == zoo.base + "/ok"
    assert record["redirects"][0]["status"] == 301 and record["metadata"]["title"]


def test_bad_files_are_one_line_and_exit_2(tmp_path, capsys):
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"\x00\x01 not a warc at all")
    assert main(["capture", "--cache", str(tmp_path / "c"), "import", str(garbage)]) == 2
    assert main(["capture", "--cache", str(tmp_path / "c"), "import",
                 str(tmp_path / "missing.warc")]) == 2
    assert "no such WARC file" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed")
def test_wget_warc_replays_offline(zoo, tmp_path, capsys):  # noqa: F811
    urls = [zoo.base + p for p in PATHS]
    live = _source_json(capsys, *urls, "--allow-private", "--cache", str(tmp_path / "live"))
    subprocess.run(["wget", "--quiet", "--no-config", "--tries=1", "--timeout=10",
                    f"--warc-file={tmp_path / 'wget'}", "-O", str(tmp_path / "body"), *urls],
                   check=False, timeout=60, cwd=tmp_path)
    warc = tmp_path / "wget.warc.gz"
    assert warc.exists()
    cache = str(tmp_path / "imported")
    assert main(["capture", "--cache", cache, "import", str(warc)]) == 0
    zoo.reset()
    replayed = _source_json(capsys, *urls, "--offline", "--cache", cache)
    assert zoo.total == 0
    assert [r["metadata"] for r in replayed] == [r["metadata"] for r in live]
