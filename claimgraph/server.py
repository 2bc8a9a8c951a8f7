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

from claimgraph.errors import StoreError
from claimgraph.rdf.store_lock import RECORD_NAME, lock_store, running_server, unlock_store  # noqa: F401 (re-exported)

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
            raise StoreError(f"oxigraph serve exited at start: {output.strip()[-500:]}")
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
) -> OxigraphServer:
    """Start ``oxigraph serve`` (or ``serve-read-only``) on 127.0.0.1 over ``location``."""
    directory = Path(location)
    directory.mkdir(parents=True, exist_ok=True)
    executable = binary or find_oxigraph_binary()
    lock_fd = lock_store(directory, exclusive=True, timeout=lock_wait)
    command_name = "serve-read-only" if read_only else "serve"
    chosen = port or free_port()
    command = [executable, command_name, "--location", str(directory), "--bind", f"{HOST}:{chosen}"]
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


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_until_interrupted(server: OxigraphServer) -> int:
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
