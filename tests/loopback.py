"""A one-answer HTTP server on 127.0.0.1 for tests: every GET gets the same page, counted."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def answering(status: int, content_type: str, body: bytes) -> type[BaseHTTPRequestHandler]:
    """A handler class answering every GET with this page; its ``hits`` counts the requests."""

    class Answer(BaseHTTPRequestHandler):
        hits = 0

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            type(self).hits += 1
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Answer


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on a free loopback port; yields the server's base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
