"""A many-host zoo: one asyncio server listening on 127.0.0.2, 127.0.0.3, … (loopback has all of 127/8).

Each address is a distinct host to a client. Every answer waits ``latency`` seconds; ``/bench/N``
is a small page, a 404 when N is a multiple of ten; ``/robots.txt`` allows everything; ``/index``
on the first host links to every bench URL (for LinkChecker). HTTP/1.1 with keep-alive and a
Content-Length on every answer. Counts requests and the most in flight per host, and runs in a
background thread with its own event loop.

Each connection is a plain ``asyncio.Protocol`` (no stream reader and writer, no task per
connection), and an answer is a timer: a benchmark measures the client, not the zoo.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

MAX_HEAD = 64 * 1024  # a request head longer than this closes the connection

ROBOTS = b"User-agent: *\nAllow: /\n"


def host_address(index: int) -> str:
    """The loopback address of host ``index`` (0-based): 127.0.0.2, …, 127.0.1.1, …"""
    number = index + 2
    return f"127.0.{number // 256}.{number % 256}"


class HostZoo:
    """Servers on ``hosts`` loopback addresses sharing one port; start with ``start()``."""

    def __init__(self, hosts: int, *, latency: float = 0.05, links_per_host: int = 10) -> None:
        self.addresses = [host_address(i) for i in range(hosts)]
        self.latency, self.links_per_host = latency, links_per_host
        self.port = 0
        self.hits: Counter[str] = Counter()  # per host
        self.paths: Counter[str] = Counter()  # per "host/path"
        self.in_flight: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self._loop = _new_loop()
        self._servers: list[asyncio.base_events.Server] = []
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    # --- control ------------------------------------------------------------------------

    def start(self) -> HostZoo:
        """Bind every address and serve in the background."""
        self._thread.start()
        self._ready.wait(60)
        return self

    def stop(self) -> None:
        """Close every listening socket and the loop."""
        async def close() -> None:
            for server in self._servers:
                server.close()
        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def reset(self) -> None:
        """Forget the counts."""
        self.hits.clear()
        self.paths.clear()
        self.max_in_flight.clear()

    def urls(self, links: int) -> list[str]:
        """``links`` bench URLs spread round-robin over the hosts."""
        return [f"http://{self.addresses[i % len(self.addresses)]}:{self.port}/bench/{i + 1}"
                for i in range(links)]

    def index_url(self, links: int) -> str:
        """A page on the first host linking to ``links`` bench URLs."""
        return f"http://{self.addresses[0]}:{self.port}/index?n={links}"

    @property
    def base(self) -> str:
        """The first host's base URL (where a test points the outside services)."""
        return f"http://{self.addresses[0]}:{self.port}"

    @property
    def total(self) -> int:
        """Requests answered, robots.txt included."""
        return sum(self.hits.values())

    # --- serving ------------------------------------------------------------------------

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._bind())
        self._ready.set()
        self._loop.run_forever()

    async def _bind(self) -> None:
        loop = asyncio.get_running_loop()
        first = await loop.create_server(lambda: _Connection(self), self.addresses[0], 0, backlog=1024)
        self.port = first.sockets[0].getsockname()[1]
        self._servers = [first]
        for address in self.addresses[1:]:
            self._servers.append(await loop.create_server(
                lambda: _Connection(self), address, self.port, backlog=1024))

    def _arrived(self, host: str, target: str) -> None:
        self.hits[host] += 1
        self.paths[f"{host}{target.partition('?')[0]}"] += 1
        self.in_flight[host] += 1
        self.max_in_flight[host] = max(self.max_in_flight[host], self.in_flight[host])

    def _answer(self, method: str, target: str, close: bool) -> bytes:
        status, body, kind = self._route(target)
        head = (f"HTTP/1.1 {status} {'OK' if status == 200 else 'Not Found'}\r\n"
                f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
                f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n")
        return head.encode() + (b"" if method == "HEAD" else body)

    def _route(self, target: str) -> tuple[int, bytes, str]:
        path, _, query = target.partition("?")
        if path == "/robots.txt":
            return 200, ROBOTS, "text/plain"
        if path.startswith("/bench/"):
            number = int(path.rsplit("/", 1)[-1] or 0)
            title = "Not Found" if number % 10 == 0 else f"Bench page {number:05d}"
            body = (f"<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1>"
                    f"<p>Page {number} of the many-host zoo.</p></body></html>").encode()
            return (404 if number % 10 == 0 else 200), body, "text/html; charset=utf-8"
        if path == "/index":
            count = int(query.removeprefix("n=") or 0)
            links = "".join(f'<a href="{url}">{i}</a>\n' for i, url in enumerate(self.urls(count)))
            return 200, f"<html><body>{links}</body></html>".encode(), "text/html; charset=utf-8"
        return 404, b"not here", "text/plain"


def _new_loop() -> asyncio.AbstractEventLoop:
    """uvloop's loop where installed (a real server's accept and send loop is native code too)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


class _Connection(asyncio.Protocol):
    """One client connection: parse request heads, answer each after the zoo's latency, in order."""

    def __init__(self, zoo: HostZoo) -> None:
        self.zoo = zoo
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.host = ""
        self.closing = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.host = transport.get_extra_info("sockname")[0]

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while not self.closing:
            head, found, rest = self.buffer.partition(b"\r\n\r\n")
            if not found:
                if len(self.buffer) > MAX_HEAD:
                    self._close()
                return
            self.buffer = rest
            try:
                line, *header_lines = head.decode("latin-1").split("\r\n")
                method, target = line.split(" ")[:2]
            except ValueError:
                self._close()
                return
            close = any(h.lower().startswith("connection:") and "close" in h.lower()
                        for h in header_lines)
            self.closing = close
            self.zoo._arrived(self.host, target)
            # Every answer waits the same latency, so the timers keep the requests' order.
            asyncio.get_running_loop().call_later(
                self.zoo.latency, self._send, method, target, close)

    def _send(self, method: str, target: str, close: bool) -> None:
        self.zoo.in_flight[self.host] -= 1
        if self.transport is None or self.transport.is_closing():
            return
        self.transport.write(self.zoo._answer(method, target, close))
        if close:
            self.transport.close()

    def _close(self) -> None:
        self.closing = True
        if self.transport is not None:
            self.transport.close()
