"""The web zoo: a local server on 127.0.0.1 that answers like the real web, for tests.

Every health class, redirect chains and loops, slow and stalled answers, huge bodies, wrong
charsets, gzip, robots.txt, 429 with Retry-After, and pages and APIs shaped like arXiv, Hacker
News, YouTube, Reddit, DOI, Wikipedia and a PDF. It counts requests and the most in flight.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import pages


class ZooServer(ThreadingHTTPServer):
    """The server plus its counters; ``latency`` delays every answer."""

    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), ZooHandler)
        self.latency = latency
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.in_flight = 0
        self.max_in_flight = 0
        self.stop_stalling = threading.Event()
        self.agents: set[str] = set()

    def handle_error(self, request, client_address) -> None:
        """Clients hang up on stalled and huge answers on purpose; say nothing."""

    @property
    def base(self) -> str:
        """The zoo's base URL."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def total(self) -> int:
        """Every request the zoo has answered."""
        return sum(self.hits.values())

    def reset(self) -> None:
        """Forget the counts."""
        with self.lock:
            self.hits.clear()
            self.max_in_flight = 0


class ZooHandler(BaseHTTPRequestHandler):
    """Routes by path; see ``pages.ROUTES``."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, as from a real server
    server: ZooServer

    def log_message(self, *args) -> None:  # noqa: D401 - silence the default stderr log
        return

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        if self.path.startswith("/no-head"):
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(head=False)

    def _answer(self, *, head: bool) -> None:
        zoo = self.server
        parts = urlsplit(self.path)
        with zoo.lock:
            zoo.hits[parts.path] += 1
            zoo.agents.add(self.headers.get("User-Agent", ""))
            zoo.in_flight += 1
            zoo.max_in_flight = max(zoo.max_in_flight, zoo.in_flight)
            count = zoo.hits[parts.path]
        finished = False
        try:
            if zoo.latency:
                time.sleep(zoo.latency)
            status, headers, body = pages.route(
                parts.path, parse_qs(parts.query), dict(self.headers), count, zoo.base, self
            )
            if status is None:
                return  # the route wrote (or stalled) on its own
            if "gzip" in headers.pop("X-Zoo-Gzip", ""):
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            # The answer is complete once it is handed to the socket: count the request as done
            # before the last write, or a client that reads the reply and starts its next request
            # while this thread waits to be scheduled would look like one request too many.
            finished = self._finish(zoo)
            self.end_headers()
            if not head:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            if not finished:
                self._finish(zoo)

    @staticmethod
    def _finish(zoo: ZooServer) -> bool:
        with zoo.lock:
            zoo.in_flight -= 1
        return True


def start_zoo(latency: float = 0.0) -> ZooServer:
    """Start a zoo in a background thread; call ``shutdown()`` when done."""
    server = ZooServer(latency)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server
