"""A many-host zoo: one asyncio server listening on 127.0.0.2, 127.0.0.3, … (loopback has all of 127/8).

Each address is a distinct host to a client. Every answer waits ``latency`` seconds; ``/bench/N``
is a small page, a 404 when N is a multiple of ten; ``/robots.txt`` allows everything; ``/index``
on the first host links to every bench URL (for LinkChecker). Counts requests and the most in
flight per host, and runs in a background thread with its own event loop.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

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
        self._loop = asyncio.new_event_loop()
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
        first = await asyncio.start_server(self._serve, self.addresses[0], 0, backlog=1024)
        self.port = first.sockets[0].getsockname()[1]
        self._servers = [first]
        for address in self.addresses[1:]:
            self._servers.append(
                await asyncio.start_server(self._serve, address, self.port, backlog=1024))

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host = writer.get_extra_info("sockname")[0]
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line, *header_lines = head.decode("latin-1").split("\r\n")
                method, target = line.split(" ")[:2]
                close = any(h.lower().startswith("connection:") and "close" in h.lower()
                            for h in header_lines)
                self.hits[host] += 1
                self.paths[f"{host}{target.partition('?')[0]}"] += 1
                self.in_flight[host] += 1
                self.max_in_flight[host] = max(self.max_in_flight[host], self.in_flight[host])
                try:
                    await asyncio.sleep(self.latency)
                    status, body, kind = self._route(target)
                    headers = (f"HTTP/1.1 {status} {'OK' if status == 200 else 'Not Found'}\r\n"
                               f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
                               f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n")
                    writer.write(headers.encode() + (b"" if method == "HEAD" else body))
                finally:
                    self.in_flight[host] -= 1
                await writer.drain()
                if close:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, ValueError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

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
