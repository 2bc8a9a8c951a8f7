"""A hostile web server on 127.0.0.1: slow senders, bombs, floods, absurd headers, redirect loops.

Each route misbehaves the way a real hostile or broken server does; ``start_hostile()`` serves them
on a free loopback port (plus a TLS port that accepts and then never answers the handshake), on
threads of the caller's process; ``start_hostile_process()`` serves them from a process of its own,
so a client under test never shares its interpreter (and its GIL) with the drips and floods.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import socketserver
import threading
import time
import zlib
from multiprocessing.connection import Connection

DRIP_S = 0.2  # well under any read timeout the tests set, so only a total deadline can stop it
_BOMB_CACHE: dict[int, bytes] = {}


def gzip_bomb(decoded_mb: int) -> bytes:
    """A gzip body that decodes to ``decoded_mb`` MB of NUL bytes (about 1/1000 of that on the wire)."""
    if decoded_mb not in _BOMB_CACHE:
        block = b"\x00" * 2**20
        z = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        parts = [z.compress(block) for _ in range(decoded_mb)]
        parts.append(z.flush())
        _BOMB_CACHE[decoded_mb] = b"".join(parts)
    return _BOMB_CACHE[decoded_mb]


def deep_html(depth: int) -> bytes:
    """A page whose body nests ``depth`` divs."""
    return b"<html><head><title>deep</title></head><body>" + b"<div>" * depth + b"x" + b"</div>" * depth + b"</body></html>"


def _head(status: str, headers: dict[str, str]) -> bytes:
    headers = {**headers, "Connection": "close"}  # one request per connection, as the handler serves
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


class _Handler(socketserver.BaseRequestHandler):
    server: HostileServer

    def handle(self) -> None:
        self.request.settimeout(30)
        data = b""
        try:
            while b"\r\n\r\n" not in data and len(data) < 65536:
                chunk = self.request.recv(4096)
                if not chunk:
                    return
                data += chunk
        except OSError:
            return
        parts = data.split(b" ", 2)
        path = parts[1].decode("latin-1") if len(parts) > 1 else "/"
        with self.server.lock:
            self.server.hits[path] = self.server.hits.get(path, 0) + 1
        with contextlib.suppress(OSError):
            self.route(path)

    def send(self, data: bytes) -> None:
        self.request.sendall(data)

    def drip(self, data: bytes) -> None:
        """Send one byte every DRIP_S seconds until done, the client leaves, or the server stops."""
        for byte in data:
            if self.server.stopping.is_set():
                return
            self.send(bytes([byte]))
            time.sleep(DRIP_S)

    def route(self, path: str) -> None:
        if path == "/robots.txt":
            self.send(_head("404 Not Found", {"Content-Length": "0"}))
        elif path == "/slow-body":
            self.send(_head("200 OK", {"Content-Type": "text/html", "Content-Length": "100000"}))
            self.drip(b"<html>" + b"a" * 99994)
        elif path == "/slow-headers":
            self.send(b"HTTP/1.1 200 OK\r\n")
            self.drip(b"X-Slow: " + b"a" * 100000)
        elif path == "/gzip-bomb":
            body = gzip_bomb(self.server.bomb_mb)
            self.send(_head("200 OK", {"Content-Type": "text/html", "Content-Encoding": "gzip",
                                       "Content-Length": str(len(body))}) + body)
        elif path == "/nul-flood":
            body = b"<html><title>t</title><body>" + b"\x00" * (8 * 2**20) + b"</body></html>"
            self.send(_head("200 OK", {"Content-Type": "text/html", "Content-Length": str(len(body))}) + body)
        elif path == "/control-flood":
            body = b"<html><body><p>" + bytes(range(1, 32)) * 200_000 + b"</p></body></html>"
            self.send(_head("200 OK", {"Content-Type": "text/html", "Content-Length": str(len(body))}) + body)
        elif path == "/deep":
            body = deep_html(100_000)
            self.send(_head("200 OK", {"Content-Type": "text/html", "Content-Length": str(len(body))}) + body)
        elif path == "/huge-length":
            self.send(_head("200 OK", {"Content-Type": "text/html", "Content-Length": str(10**12)}) + b"<html>")
            self.drip(b"a" * 1000)
        elif path in ("/loop-a", "/loop-b"):
            target = "/loop-b" if path == "/loop-a" else "/loop-a"
            self.send(_head("302 Found", {"Location": target, "Content-Length": "0"}))
        elif path.startswith("/chain/"):
            step = int(path.rsplit("/", 1)[1] or 0) + 1
            self.send(_head("301 Moved Permanently", {"Location": f"/chain/{step}", "Content-Length": "0"}))
        elif path == "/endless-chunks":
            self.send(_head("200 OK", {"Content-Type": "text/html", "Transfer-Encoding": "chunked"}))
            chunk = b"1000\r\n" + b"<p>more</p>".ljust(4096, b" ") + b"\r\n"
            while not self.server.stopping.is_set():
                self.send(chunk)
        else:
            body = b"<html><title>fine</title><body><p>A fine page.</p></body></html>"
            self.send(_head("200 OK", {"Content-Type": "text/html", "Content-Length": str(len(body))}) + body)


class _Listener(socketserver.ThreadingTCPServer):
    """A threaded loopback listener whose accept queue holds every connection a test opens at once."""

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog is 5: a client opening ten connections at once would see the
    # kernel drop the SYNs past it and resend them a second later, a connect timeout that no
    # route asked for.
    request_queue_size = 128


class _Stall(socketserver.BaseRequestHandler):
    def handle(self) -> None:  # accept, read the ClientHello, never answer
        self.request.settimeout(1)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.server.stopping.is_set():  # type: ignore[attr-defined]
            try:
                if not self.request.recv(4096):
                    return
            except TimeoutError:
                continue
            except OSError:
                return


class HostileServer(_Listener):
    """The hostile routes on 127.0.0.1; ``hits`` counts requests by path."""

    def __init__(self, bomb_mb: int = 200) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bomb_mb = bomb_mb
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.tls = _Listener(("127.0.0.1", 0), _Stall)
        self.tls.stopping = self.stopping  # type: ignore[attr-defined]

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def tls_url(self) -> str:
        """An https URL whose server never finishes the TLS handshake."""
        return f"https://127.0.0.1:{self.tls.server_address[1]}/slow-tls"

    def stop(self) -> None:
        """Stop both listeners and every dripping handler."""
        self.stopping.set()
        for server in (self, self.tls):
            server.shutdown()
            server.server_close()


ROUTES = ("/slow-body", "/slow-headers", "/gzip-bomb", "/nul-flood", "/control-flood", "/deep",
          "/huge-length", "/loop-a", "/chain/0", "/endless-chunks")


def start_hostile(bomb_mb: int = 200) -> HostileServer:
    """Start the hostile server (and its TLS staller) on background threads."""
    server = HostileServer(bomb_mb)
    gzip_bomb(bomb_mb)  # made before the first request, so serving it takes no time
    for listener in (server, server.tls):
        threading.Thread(target=listener.serve_forever, daemon=True).start()
    return server


class HostileProcess:
    """The hostile server running in a child process; ``stop()`` ends it."""

    def __init__(self, process: multiprocessing.process.BaseProcess, control: Connection,
                 port: int, tls_port: int) -> None:
        self.process, self._control = process, control
        self.base = f"http://127.0.0.1:{port}"
        self.tls_url = f"https://127.0.0.1:{tls_port}/slow-tls"

    def stop(self) -> None:
        """Ask the child to stop, and kill it if it has not within a few seconds."""
        with contextlib.suppress(OSError):
            self._control.send("stop")
        self._control.close()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _serve_in_child(control: Connection, bomb_mb: int) -> None:
    server = start_hostile(bomb_mb)
    control.send((server.server_address[1], server.tls.server_address[1]))
    with contextlib.suppress(EOFError, OSError):  # the parent closed the pipe or went away
        control.recv()
    server.stop()


def start_hostile_process(bomb_mb: int = 200, *, ready_s: float = 60.0) -> HostileProcess:
    """Start the hostile server in a fresh (spawned) process; its ports come back over a pipe."""
    context = multiprocessing.get_context("spawn")  # no fork of a test process that runs threads
    control, child_end = context.Pipe()
    process = context.Process(target=_serve_in_child, args=(child_end, bomb_mb), daemon=True,
                              name="hostile-server")
    process.start()
    child_end.close()
    if not control.poll(ready_s):
        process.kill()
        raise RuntimeError(f"the hostile server did not start within {ready_s:.0f} s")
    port, tls_port = control.recv()
    return HostileProcess(process, control, port, tls_port)
