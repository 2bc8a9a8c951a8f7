"""What each zoo path answers: ``route`` gives (status, headers, body); status None: written."""

from __future__ import annotations

import json
import time
from urllib.parse import quote

HTML = {"Content-Type": "text/html; charset=utf-8"}
JSON = {"Content-Type": "application/json"}

ARTICLE = """<!doctype html><html lang="en"><head>
<title>Zoo article | Zoo Times</title>
<meta property="og:title" content="A zoo article about alignment">
<meta property="og:site_name" content="Zoo Times">
<meta property="article:published_time" content="2024-12-18T10:00:00Z">
<meta name="author" content="Ada Lovelace">
</head><body><article><h1>A zoo article about alignment</h1>
<p class="byline">By Ada Lovelace</p>
<p>Large language models sometimes comply with training objectives only while they believe
they are being trained. This paragraph is long enough to count as main text for the
extractor, which drops short boilerplate lines.</p>
<p>A second paragraph says that the behaviour disappeared when the model believed it was
unmonitored, and that researchers disagree about what this shows about goals.</p>
</article></body></html>"""

HIGHWIRE = """<!doctype html><html><head><title>Paper page</title>
<meta name="citation_title" content="Alignment faking in large language models">
<meta name="citation_author" content="Greenblatt, Ryan">
<meta name="citation_author" content="Denison, Carson">
<meta name="citation_author" content="Hubinger, Evan">
<meta name="citation_publication_date" content="2024/12/18">
<meta name="citation_journal_title" content="Zoo Journal">
</head><body><p>Abstract of a paper page.</p></body></html>"""

ARXIV_ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><entry>
<id>http://arxiv.org/abs/{id}v2</id>
<updated>2024-12-20T01:02:03Z</updated><published>2024-12-18T17:41:24Z</published>
<title>Alignment faking in large
  language models</title>
<summary>We present a demonstration of a large language model engaging in alignment faking.
</summary>
<author><name>Ryan Greenblatt</name></author><author><name>Carson Denison</name></author>
<author><name>Benjamin Wright</name></author><author><name>Evan Hubinger</name></author>
</entry></feed>"""


def _page(title: str, text: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{text}</p></body></html>"
    ).encode()


def make_pdf(title: str, author: str, text: str) -> bytes:
    """A small valid PDF with an info dictionary and one page of text."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({title}) /Author ({author}) /CreationDate (D:20241218120000Z) >>".encode(),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _redirect(status: int, location: str) -> tuple[int, dict, bytes]:
    return status, {"Location": location, "Content-Type": "text/plain"}, b""


def _stream_huge(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(50 * 1024 * 1024))
    handler.end_headers()
    chunk = b"<p>" + b"x" * 65530 + b"</p>"
    try:
        for _ in range(800):
            handler.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _stall(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.flush()
    handler.server.stop_stalling.wait(10)


def route(path: str, query: dict, headers: dict, count: int, base: str, handler):
    """The answer to one request."""
    simple = {
        "/ok": (200, HTML, ARTICLE.encode()),
        "/": (200, HTML, _page("Zoo home", "Welcome to the zoo.")),
        "/paper": (200, HTML, HIGHWIRE.encode()),
        "/missing": (404, HTML, _page("Not Found")),
        "/gone": (410, HTML, _page("Gone")),
        "/forbidden": (403, HTML, _page("Forbidden")),
        "/unauthorized": (401, HTML, _page("Unauthorized")),
        "/linkedin": (999, HTML, b""),
        "/always429": (429, {**HTML, "Retry-After": "3600"}, _page("Too many requests")),
        "/error500": (500, HTML, _page("Internal Server Error")),
        "/soft404": (200, HTML, _page("Page not found", "Sorry, we couldn't find that page.")),
        "/challenge": (200, HTML, _page("Just a moment...", "Checking your browser")),
        "/login": (200, HTML, _page("Sign in")),
        "/private/page": (200, HTML, _page("Private page")),
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
        "/wrong-charset": (
            200,
            {"Content-Type": "text/html; charset=iso-8859-1"},
            _page("Café Zürich — naïve", "Crème brûlée."),
        ),
        "/latin1": (
            200,
            {"Content-Type": "text/html"},
            b"<html><head><meta charset='windows-1252'><title>Caf\xe9 cr\xe8me</title>"
            b"</head><body><p>\x93quoted\x94</p></body></html>",
        ),
        "/gzip": (200, {**HTML, "X-Zoo-Gzip": "gzip"}, _page("Compressed page", "Gzip body.")),
        "/paper.pdf": (
            200,
            {"Content-Type": "application/pdf"},
            make_pdf("A zoo paper", "Grace Hopper", "Compilers translate code."),
        ),
        "/link": (200, {"Content-Type": "text/plain"}, b"ok"),
        "/no-head": (200, HTML, _page("GET only")),
    }
    if path in simple:
        status, head, body = simple[path]
        return status, dict(head), body
    if path == "/flaky429":
        if count == 1:
            return 429, {**HTML, "Retry-After": "1"}, _page("Slow down")
        return 200, HTML, _page("Fine now")
    if path == "/flaky503":
        return (503, HTML, _page("Busy")) if count == 1 else (200, HTML, _page("Back up"))
    if path == "/slow":
        time.sleep(3)
        return 200, HTML, _page("Slow")
    if path == "/stall":
        _stall(handler)
        return None, {}, b""
    if path == "/huge":
        _stream_huge(handler)
        return None, {}, b""
    redirects = {
        "/redirect/permanent": (301, "/ok"),
        "/redirect/temporary": (302, "/ok"),
        "/redirect/chain1": (302, "/redirect/chain2"),
        "/redirect/chain2": (307, "/redirect/chain3"),
        "/redirect/chain3": (308, "/ok"),
        "/redirect/loop-a": (302, "/redirect/loop-b"),
        "/redirect/loop-b": (302, "/redirect/loop-a"),
        "/redirect/home": (301, "/"),
        "/redirect/members": (302, "/login?next=/members"),
        "/redirect/metadata": (302, "http://169.254.169.254/latest/meta-data/"),
        "/redirect/other-loopback": (302, "http://127.0.0.2:9/secret"),
    }
    if path in redirects:
        status, location = redirects[path]
        return _redirect(status, location)
    if path == "/wayback/available":
        url = (query.get("url") or [""])[0]
        found = url.endswith("/missing")
        closest = (
            {
                "available": True,
                "status": "200",
                "timestamp": "20240101000000",
                "url": f"http://web.archive.org/web/20240101000000/{url}",
            }
            if found
            else None
        )
        data = {"url": url, "archived_snapshots": {"closest": closest} if closest else {}}
        return 200, JSON, json.dumps(data).encode()
    return _site_route(path, query, headers, base)


def _site_route(path: str, query: dict, headers: dict, base: str):
    if path.startswith("/bench/"):
        number = int(path.rsplit("/", 1)[-1] or 0)
        if number % 20 == 0:
            return 404, HTML, _page("Not Found")
        return 200, HTML, _page(f"Bench page {number}")
    if path == "/bench-index.html":
        count = int((query.get("n") or ["1000"])[0])
        links = "".join(f'<a href="/bench/{i}">{i}</a>\n' for i in range(1, count + 1))
        return 200, HTML, f"<html><body>{links}</body></html>".encode()
    if path.startswith("/abs/"):
        return 200, HTML, _page("arXiv abs page", "Abstract page.")
    if path == "/api/arxiv":
        paper = (query.get("id_list") or [""])[0]
        return 200, {"Content-Type": "application/atom+xml"}, ARXIV_ATOM.format(id=paper).encode()
    if path == "/item":
        return 200, HTML, _page("Hacker News item")
    if path.startswith("/api/hn/item/"):
        data = {
            "by": "pg",
            "id": 8863,
            "time": 1734567890,
            "type": "story",
            "title": "Alignment faking in large language models",
            "text": "<p>Discussion.",
        }
        return 200, JSON, json.dumps(data).encode()
    if path == "/watch":
        return 200, HTML, _page("YouTube")
    if path == "/api/oembed":
        data = {
            "title": "Alignment faking explained",
            "author_name": "Zoo Channel",
            "provider_name": "YouTube",
            "type": "video",
        }
        return 200, JSON, json.dumps(data).encode()
    if path.startswith("/r/") and path.endswith(".json"):
        post = {
            "title": "Our recent paper found something",
            "author": "researcher",
            "created_utc": 1734567890.0,
            "selftext": "Post body text.",
            "subreddit_name_prefixed": "r/ZooAI",
        }
        data = [{"data": {"children": [{"data": post}]}}, {"data": {"children": []}}]
        return 200, JSON, json.dumps(data).encode()
    if path.startswith("/r/"):
        return 403, HTML, _page("Blocked", "Whoa there, pardner!")
    if path.startswith("/10."):
        if "citationstyles" in headers.get("Accept", ""):
            data = {
                "type": "article-journal",
                "title": "A DOI paper",
                "author": [{"given": "Grace", "family": "Hopper"}, {"literal": "Zoo Lab"}],
                "issued": {"date-parts": [[2021, 3, 4]]},
                "container-title": "Zoo Letters",
            }
            return 200, {"Content-Type": "application/vnd.citationstyles.csl+json"}, json.dumps(data).encode()
        return _redirect(302, f"{base}/ok")
    if path.startswith("/wiki/"):
        return 200, HTML, _page("Wikipedia page")
    if path.startswith("/api/wiki/"):
        title = path.rsplit("/", 1)[-1]
        data = {
            "title": title.replace("_", " "),
            "extract": "Alignment is a research field.",
            "timestamp": "2025-01-02T03:04:05Z",
            "lang": "en",
        }
        return 200, JSON, json.dumps(data).encode()
    return 404, HTML, _page("Not Found", quote(path))
