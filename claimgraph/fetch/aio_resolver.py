"""The address guard where aiohttp resolves host names (imported only when a live session opens)."""

from __future__ import annotations

import socket

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from claimgraph.fetch import safety

__all__ = ["GuardedResolver"]


class GuardedResolver(AbstractResolver):
    """Resolves like the system resolver, refusing names that lead to a non-public address.

    The connector dials exactly the addresses returned here, so DNS rebinding between the
    check and the connection cannot slip through.
    """

    def __init__(self) -> None:
        self._inner = aiohttp.ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET,
    ) -> list[ResolveResult]:
        """The addresses of a host, or RefusedAddress when one of them is not public."""
        results = await self._inner.resolve(host, port, family)
        for result in results:
            reason = safety.address_refused(str(result["host"]))
            if reason:
                raise safety.RefusedAddress(f"{host} resolves to {reason}")
        return results

    async def close(self) -> None:
        """Release the inner resolver."""
        await self._inner.close()
