"""Name resolution for the asyncio client (imported only when a live session opens).

Both resolvers call Python's ``socket.getaddrinfo`` on the loop's default executor, as the sync
client and the address guard do. aiohttp's own threaded resolver asks the loop instead, and
uvloop answers that in libuv, past the ``socket`` module: one process would then have two
resolvers that could disagree (and a test's stand-in DNS would be bypassed).
"""

from __future__ import annotations

import asyncio
import functools
import socket

from aiohttp.abc import AbstractResolver, ResolveResult

from claimgraph.fetch import safety

__all__ = ["GuardedResolver", "SystemResolver"]

_NUMERIC = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV


class SystemResolver(AbstractResolver):
    """Resolves with ``socket.getaddrinfo`` in a worker thread, whatever the event loop."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET,
    ) -> list[ResolveResult]:
        """The addresses a TCP connection to ``host:port`` may use."""
        loop = asyncio.get_running_loop()
        lookup = functools.partial(socket.getaddrinfo, host, port, family, socket.SOCK_STREAM, 0,
                                   socket.AI_ADDRCONFIG)
        infos = await loop.run_in_executor(None, lookup)
        results: list[ResolveResult] = []
        for info_family, _, proto, _, address in infos:
            if info_family == socket.AF_INET6:
                if len(address) < 3:
                    continue  # IPv6 without its scope fields: not usable here
                if address[3]:  # a link-local address needs its scope named
                    name, service = await loop.run_in_executor(
                        None, socket.getnameinfo, address, socket.NI_NUMERICHOST | socket.NI_NUMERICSERV)
                    address = (name, int(service))
            elif info_family != socket.AF_INET:
                continue
            results.append(ResolveResult(hostname=host, host=str(address[0]), port=int(address[1]),
                                         family=info_family, proto=proto, flags=_NUMERIC))
        if not results:
            raise OSError(f"{host} has no usable address")
        return results

    async def close(self) -> None:
        """Nothing to release."""


class GuardedResolver(SystemResolver):
    """Resolves like the system resolver, refusing names that lead to a non-public address.

    The connector dials exactly the addresses returned here, so DNS rebinding between the
    check and the connection cannot slip through.
    """

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET,
    ) -> list[ResolveResult]:
        """The addresses of a host, or RefusedAddress when one of them is not public."""
        results = await super().resolve(host, port, family)
        for result in results:
            reason = safety.address_refused(str(result["host"]))
            if reason:
                raise safety.RefusedAddress(f"{host} resolves to {reason}")
        return results
