"""Serve a store directory over SPARQL 1.1 by starting and managing Oxigraph's own server.

We do not write a server: ``oxigraph serve`` (PyPI package ``oxigraph``) answers ``/query``,
``/update`` and ``/store`` (Graph Store Protocol). While it runs it owns the directory, so it holds
the store's file lock and leaves a record (``claimgraph-server.json``) there; ``open_store(DIR)``
then talks to the server instead of opening the files.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph import settings
from claimgraph.errors import StoreError
from claimgraph.graph.serve_guard import Guard, GuardServer
from claimgraph.graph.store_lock import RECORD_NAME, lock_store, running_server, unlock_store  # noqa: F401 (re-exported)

TOKEN_ENV = "CLAIMGRAPH_SERVE_TOKEN"
QUERY_TIMEOUT_S = 120
LOG_NAME = "claimgraph-server.log"
HOST = "127.0.0.1"


def find_oxigraph_binary() -> str:
    """The path of the ``oxigraph`` executable, or a StoreError saying how to install it."""
    beside_python = Path(sys.executable).with_name("oxigraph")
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise StoreError("the 'oxigraph' server binary is not installed: run `pip install oxigraph`")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve`` process and its endpoints."""

    process: subprocess.Popen
    location: Path
    port: int
    read_only: bool = False
    _lock_fd: int | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Query endpoint."""
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        """The SPARQL 1.1 Update endpoint (refused by a read-only server)."""
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return f"{self.base_url}/store"

    def running(self) -> bool:
        """Whether the server process is still alive."""
        return self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and release the directory."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        record = self.location / RECORD_NAME
        with contextlib.suppress(OSError, ValueError):
            if json.loads(record.read_text()).get("pid") == self.process.pid:
                record.unlink()
        if self._lock_fd is not None:
            unlock_store(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> OxigraphServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _wait_until_ready(server: OxigraphServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    probe = f"{server.query_url}?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if not server.running():
            log = server.location / LOG_NAME
            output = log.read_text(errors="replace") if log.exists() else ""
            first = next((line for line in output.splitlines() if line.strip()), "no message")
            raise StoreError(f"oxigraph serve exited at start over {server.location}: {first.strip()[:300]}")
        try:
            with urllib.request.urlopen(probe, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.03)
    server.stop()
    raise StoreError(f"oxigraph serve did not answer on {server.base_url} within {timeout:.0f} s")


def start_server(
    location: str | os.PathLike[str],
    port: int | None = None,
    read_only: bool = False,
    *,
    binary: str | None = None,
    startup_timeout: float = 30.0,
    lock_wait: float = 120.0,
    extra_args: tuple[str, ...] = (),
) -> OxigraphServer:
    """Start ``oxigraph serve`` (or ``serve-read-only``) on 127.0.0.1 over ``location``, unguarded.

    For tests and benchmarks on this machine; ``claimgraph serve`` uses :func:`start_guarded_server`.
    """
    directory = Path(location)
    directory.mkdir(parents=True, exist_ok=True)
    executable = binary or find_oxigraph_binary()
    lock_fd = lock_store(directory, exclusive=True, timeout=lock_wait)
    command_name = "serve-read-only" if read_only else "serve"
    chosen = port or free_port()
    command = [executable, command_name, "--location", str(directory), "--bind", f"{HOST}:{chosen}",
               *extra_args]
    try:
        with open(directory / LOG_NAME, "wb") as log:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
    except OSError as error:
        unlock_store(lock_fd)
        raise StoreError(f"could not start {executable}: {error}") from error
    server = OxigraphServer(process, directory, chosen, read_only, lock_fd)
    _wait_until_ready(server, startup_timeout)
    record = {"pid": process.pid, "base_url": server.base_url, "read_only": read_only}
    (directory / RECORD_NAME).write_text(json.dumps(record))
    return server


@dataclass
class GuardedServer:
    """Oxigraph on a private loopback port behind the gate that answers on the public one."""

    oxigraph: OxigraphServer
    gate: GuardServer
    token: str | None

    @property
    def process(self) -> subprocess.Popen:
        """The Oxigraph process (the gate is a thread of ours)."""
        return self.oxigraph.process

    @property
    def port(self) -> int:
        """The public port."""
        return self.gate.guard.port

    @property
    def read_only(self) -> bool:
        """Whether writes are refused."""
        return not self.gate.guard.writable

    base_url = OxigraphServer.base_url
    query_url = OxigraphServer.query_url
    update_url = OxigraphServer.update_url
    store_url = OxigraphServer.store_url

    def running(self) -> bool:
        """Whether the Oxigraph process is still alive."""
        return self.oxigraph.running()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the gate, then Oxigraph, and release the directory."""
        self.gate.stop()
        self.oxigraph.stop(timeout)

    def __enter__(self) -> GuardedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_guarded_server(
    location: str | os.PathLike[str],
    port: int | None = None,
    *,
    writable: bool = False,
    token: str | None = None,
    federation: bool = False,
    binary: str | None = None,
) -> GuardedServer:
    """``claimgraph serve``: read-only unless ``writable``; writes then need ``token`` (made if None)."""
    import secrets

    if writable and not token:
        token = settings.get(TOKEN_ENV) or secrets.token_urlsafe(32)
    if not (Path(location) / "CURRENT").exists():  # serve-read-only needs an existing store
        from claimgraph.graph.store_oxigraph import OxigraphStore

        OxigraphStore(location).close()
    oxigraph = start_server(location, None, read_only=not writable, binary=binary,
                            extra_args=("--timeout-s", str(QUERY_TIMEOUT_S)))
    guard = Guard(port=port or free_port(), writable=writable, token=token if writable else None,
                  federation=federation)
    try:
        gate = GuardServer(guard, oxigraph.port)
    except OSError as error:
        oxigraph.stop()
        raise StoreError(f"cannot listen on {HOST}:{guard.port}: {error.strerror or error}") from None
    gate.start()
    server = GuardedServer(oxigraph, gate, guard.token)
    record = {"pid": oxigraph.process.pid, "base_url": server.base_url, "read_only": not writable,
              "token": guard.token}
    record_path = Path(location) / RECORD_NAME
    record_path.unlink(missing_ok=True)  # start_server's record names the private port
    fd = os.open(record_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # it may hold the token
    with os.fdopen(fd, "w") as handle:
        handle.write(json.dumps(record))
    return server


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_until_interrupted(server: OxigraphServer | GuardedServer) -> int:
    """Block while the server runs; stop it cleanly on Ctrl-C or SIGTERM. Returns its exit code."""
    # SIGINT too: a shell starts background jobs with Ctrl-C ignored, and we still want to stop.
    previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        return server.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)
