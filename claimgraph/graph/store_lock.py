"""The store directory's file lock and the record a running ``claimgraph serve`` leaves there.

Both the embedded store and the server manager need them; keeping them here (below both) means the
store can tell that a server owns its directory without importing the server.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path
from typing import Any

from claimgraph.errors import StoreError

LOCK_NAME = "claimgraph.lock"
RECORD_NAME = "claimgraph-server.json"

__all__ = ["LOCK_NAME", "RECORD_NAME", "lock_store", "unlock_store", "running_server", "rocksdb_lock_free"]


def lock_store(directory: Path, exclusive: bool, timeout: float) -> int:
    """Take the store directory's file lock (shared or exclusive), waiting up to ``timeout`` s."""
    fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            fcntl.flock(fd, mode)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreError(
                    f"store {directory} stayed busy for {timeout:.0f} s (another claimgraph process "
                    "or `claimgraph serve` holds it); retry, use the server's URL as the store, or "
                    "raise CLAIMGRAPH_STORE_LOCK_TIMEOUT"
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def unlock_store(fd: int) -> None:
    """Release a lock taken with :func:`lock_store`."""
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def running_server(store_dir: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The record of a live ``claimgraph serve`` for ``store_dir``, else None."""
    record_path = Path(store_dir) / RECORD_NAME
    try:
        record = json.loads(record_path.read_text())
        os.kill(int(record["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if _lock_is_free(Path(store_dir)):  # a stale record: its server died without cleaning up
        return None
    return record


def _lock_is_free(location: Path) -> bool:
    try:
        fd = os.open(location / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)




def rocksdb_lock_free(store_dir: Path) -> bool:
    """True only when the OS shows no process, this one included, holding RocksDB's own lock on the store.

    RocksDB takes a POSIX lock on ``LOCK`` while it has the store open for writing; Linux lists
    every such lock in ``/proc/locks`` by inode. Reading there takes no lock (taking and dropping
    one ourselves would drop RocksDB's too if this process held it). Anything unclear says False.
    """
    try:
        inode = os.stat(store_dir / "LOCK").st_ino
        held = Path("/proc/locks").read_text()
    except OSError:
        return False
    suffix = f":{inode}"
    return not any(field.endswith(suffix) for line in held.splitlines() for field in line.split()[4:7])
