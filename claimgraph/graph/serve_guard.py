"""The gate in front of ``oxigraph serve``: loopback Host only, same-origin only, writes by token.

Oxigraph's server has no authentication and answers any ``Host``, so a web page the user visits
could write to it (CSRF) or read it through DNS rebinding. ``claimgraph serve`` therefore runs
Oxigraph on a private loopback port and puts this small forwarding server on the announced port.
Every request passes these checks, in this order, before it is forwarded:

1. ``Host`` names this server by a loopback name (``127.0.0.1``, ``localhost``, ``[::1]``) and port.
2. An ``Origin`` header, when sent, is this server's own origin; ``Sec-Fetch-Site: cross-site`` is refused.
3. A write (``/update``, or anything but GET/HEAD on ``/store``) needs a writable server and
   ``Authorization: Bearer <token>``.
4. A query naming ``SERVICE`` is refused unless federation was asked for (Oxigraph would send it out).
"""

from __future__ import annotations

import hmac
import http.client
import http.server
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from claimgraph.graph.untrusted import mentions_service

__all__ = ["Guard", "GuardServer", "MAX_REQUEST_BYTES"]

MAX_REQUEST_BYTES = 2 * 2**30
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host", "authorization", "content-length"}
READ_METHODS = ("GET", "HEAD")


@dataclass
class Guard:
    """What the gate allows: the port it answers on, writes (with a token) and federation."""

    port: int
    writable: bool = False
    token: str | None = None
    federation: bool = False
    allowed_hosts: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        names = {f"{name}:{self.port}" for name in LOOPBACK_NAMES}
        self.allowed_hosts = names | {host.lower() for host in self.allowed_hosts}
        self.origins = {f"http://{host}" for host in self.allowed_hosts}

    def refusal(
        self, method: str, path: str, headers: http.client.HTTPMessage, body: bytes
    ) -> tuple[int, str] | None:
        """``(status, reason)`` when the request must not reach Oxigraph, else None."""
        host = (headers.get("Host") or "").strip().lower()
        if host not in self.allowed_hosts:
            return 403, "foreign Host header (DNS rebinding?): use http://127.0.0.1:PORT"
        origin = (headers.get("Origin") or "").strip().lower()
        if origin and origin not in self.origins:
            return 403, "cross-site request refused (Origin is not this server)"
        if (headers.get("Sec-Fetch-Site") or "").strip().lower() == "cross-site":
            return 403, "cross-site request refused"
        route = urlsplit(path).path.rstrip("/") or "/"
        if route == "/update" or (method not in READ_METHODS and route != "/query"):
            if not self.writable:
                return 403, "this server is read-only (its operator can start it writable to allow writes)"
            sent = (headers.get("Authorization") or "").strip()
            expected = f"Bearer {self.token}"
            if not self.token or not hmac.compare_digest(sent.encode(), expected.encode()):
                return 401, "writes need Authorization: Bearer <token> (printed when the server started)"
        if route == "/query" and not self.federation:
            text = query_text(method, path, headers, body)
            if text is None:
                return 400, "the query could not be read as UTF-8"
            if mentions_service(text):
                return 403, "SERVICE federation is off on this server (its operator can turn it on)"
        return None


def query_text(method: str, path: str, headers: http.client.HTTPMessage, body: bytes) -> str | None:
    """Every query text a /query request carries (URL and body), joined, or None if undecodable."""
    try:
        parts = parse_qs(urlsplit(path).query, errors="strict").get("query", [])
        content_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if method == "POST" and content_type == "application/x-www-form-urlencoded":
            parts += parse_qs(body.decode("utf-8"), errors="strict").get("query", [])
        elif method == "POST":
            parts.append(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return "\n".join(parts)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: GuardServer

    def log_message(self, *args: object) -> None:
        pass

    def _refuse(self, status: int, reason: str) -> None:
        body = (reason + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if status == 401:
            self.send_header("WWW-Authenticate", 'Bearer realm="claimgraph"')
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self) -> None:
        if self.headers.get("Transfer-Encoding"):
            self._refuse(411, "send a Content-Length, not a chunked body")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_REQUEST_BYTES:
            self._refuse(413, "request body missing a valid Content-Length or too large")
            return
        body = self.rfile.read(length) if length else b""
        refusal = self.server.guard.refusal(self.command, self.path, self.headers, body)
        if refusal is not None:
            self.server.refused += 1
            self._refuse(*refusal)
            return
        self._forward(body)

    def _forward(self, body: bytes) -> None:
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.upstream_port, timeout=600)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            upstream.request(self.command, self.path, body=body if body else None, headers=headers)
            answer = upstream.getresponse()
        except OSError:
            self._refuse(502, "the Oxigraph server behind this one did not answer")
            return
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in HOP_BY_HOP:
                self.send_header(key, value)
        chunked = self.command != "HEAD" and answer.status not in (204, 304)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", "0")
        self.end_headers()
        try:
            while chunked:
                chunk = answer.read(65536)
                if not chunk:
                    self.wfile.write(b"0\r\n\r\n")
                    break
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        except OSError:
            self.close_connection = True
        finally:
            upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _handle


class GuardServer(http.server.ThreadingHTTPServer):
    """The gate, listening on 127.0.0.1:``guard.port`` and forwarding to ``upstream_port``."""

    daemon_threads = True

    def __init__(self, guard: Guard, upstream_port: int) -> None:
        super().__init__(("127.0.0.1", guard.port), _Handler)
        self.guard, self.upstream_port, self.refused = guard, upstream_port, 0
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Serve on a background thread."""
        self._thread = threading.Thread(target=self.serve_forever, name="serve-guard", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()
