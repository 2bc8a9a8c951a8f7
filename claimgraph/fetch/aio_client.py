"""The fetch client: aiohttp on asyncio, one keep-alive pool per host.

Same address guard (checked before every hop, and again on every address the connector is about
to dial), robots.txt, Retry-After, per-host concurrency and interval, a total deadline per
request, and the same WARC captures, so a re-run replays them offline.
"""

from __future__ import annotations

import asyncio
import errno
import time
import zlib
from collections import Counter
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from protego import Protego

from claimgraph.fetch import safety
from claimgraph.fetch.aio_limits import AsyncHostLimiter
from claimgraph.fetch.captures import CaptureStore, Response, capture_key
from claimgraph.fetch.config import FetchConfig
from claimgraph.fetch.http_rules import (
    REDIRECT_STATUSES,
    RETRY_STATUSES,
    TOO_SLOW,
    age_seconds,
    host_key,
    worth_keeping,
)
from claimgraph.fetch.limits import (
    ABSURD_LENGTH,
    BodyTooLarge,
    BoundedDecoder,
    UnsupportedEncoding,
    declared_length,
)
from claimgraph.fetch.politeness import retry_after_seconds
from claimgraph.model import Redirect

if TYPE_CHECKING:  # aiohttp loads when a session opens: an offline run never needs it
    import aiohttp

__all__ = ["AsyncFetcher"]


class AsyncFetcher:
    """Fetches URLs politely on one event loop, replaying captures first; use ``async with``."""

    def __init__(
        self, config: FetchConfig | None = None, *, store: CaptureStore | None = None,
        offline: bool = False,
    ) -> None:
        self.config = config or FetchConfig()
        self.store = store
        self.offline = offline
        self.limiter = AsyncHostLimiter(self.config.per_host_concurrency, self.config.per_host_interval)
        self.counts: Counter[str] = Counter()
        self._robots: dict[str, Protego | None] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._origin_checks: dict[str, asyncio.Future[None]] = {}
        self._private_checks: dict[str, str | None] = {}  # origin → why refused (allow_private)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> AsyncFetcher:
        if self.offline:  # captures and snapshots only: no session, no aiohttp
            return self
        import aiohttp

        from claimgraph.fetch.aio_resolver import GuardedResolver, SystemResolver

        resolver = SystemResolver() if self.config.allow_private else GuardedResolver()
        connector = aiohttp.TCPConnector(
            limit=0, limit_per_host=self.config.per_host_concurrency, resolver=resolver,
            ttl_dns_cache=300,
        )
        # trust_env=False: an environment proxy would defeat the address guard. Bodies are decoded
        # by us (auto_decompress=False), never past the body limit, and only encodings we can bound
        # are asked for: a small gzip bomb cannot fill memory.
        self._session = aiohttp.ClientSession(
            connector=connector, trust_env=False, auto_decompress=False,
            headers={"User-Agent": self.config.agent(), "Accept-Encoding": "gzip, deflate"},
            cookie_jar=aiohttp.DummyCookieJar(),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    # --- public -------------------------------------------------------------------------

    async def get(
        self, url: str, *, accept: str = "", method: str = "GET", robots: bool = True,
        enough: int | None = None,
    ) -> Response:
        """The response for a URL: from the capture store if there, else live unless offline.

        ``enough``: read at most this many body bytes (link health needs only the page's head).
        A body cut there is not the page, so it is never kept as a capture.
        """
        key = capture_key(method, url, accept) if self.store is not None else ""
        if self.store is not None and key in self.store and (self.offline or self._fresh(key)):
            cached = self.store.get(key)
            if cached is not None:
                self.counts["cache_hits"] += 1
                return cached
        if self.offline:
            return Response(url, url, error="not captured; running offline", error_kind="offline")
        response = await self._fetch(url, method=method, accept=accept, robots=robots, enough=enough)
        if method == "HEAD" and (response.status >= 400 or response.error_kind == "timeout"):
            response = await self._fetch(url, method="GET", accept=accept, robots=robots, enough=enough)
        cut_short = enough is not None and len(response.body) >= enough
        if self.store is not None and worth_keeping(response) and not cut_short:
            response.capture = self.store.put(key, response)
        elif self.store is not None:
            response.history = self.store.history(key)
        return response

    def _fresh(self, key: str) -> bool:
        """Whether a capture may be replayed: no refresh asked, and not older than the maximum age."""
        if self.config.refresh:
            return False
        if self.config.max_age is None:
            return True
        return age_seconds(self.store.fetched_at(key) if self.store else None) <= self.config.max_age

    # --- internals ----------------------------------------------------------------------

    async def _guard(self, url: str) -> None:
        # The check reads only the scheme, host and port (and resolves the host): once per origin
        # and run. The resolver checks every address again before connecting, so a name that
        # changes its answer later is still refused.
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        if self.config.allow_private:
            if origin not in self._private_checks:
                try:
                    safety.check_url(url, allow_private=True)
                    self._private_checks[origin] = None
                except safety.RefusedAddress as error:
                    self._private_checks[origin] = str(error)
            refused = self._private_checks[origin]
            if refused is not None:
                raise safety.RefusedAddress(refused)
            return
        check = self._origin_checks.get(origin)
        if check is None:
            check = self._origin_checks[origin] = asyncio.ensure_future(
                asyncio.to_thread(safety.check_url, url, allow_private=False))
        await asyncio.shield(check)

    async def _fetch(
        self, url: str, *, method: str, accept: str, robots: bool, enough: int | None = None,
    ) -> Response:
        result = Response(url=url, final_url=url, fetched_at=_now_iso())
        current, seen = url, {url}
        deadline: list[float] = []  # set when the first hop gets its slot: queueing is not the server's time
        while True:
            try:
                await self._guard(current)
            except safety.RefusedAddress as error:
                text = str(error)
                kind = "malformed" if "only http" in text or "no host" in text else "ssrf"
                return _fail(result, current, text, kind)
            if robots and self.config.respect_robots and not await self._robots_allow(current):
                return _fail(result, current, "robots.txt disallows this page", "robots")
            hop = await self._attempts(current, method=method, accept=accept, deadline=deadline,
                                       enough=enough)
            hop.url, hop.redirects, hop.fetched_at = url, result.redirects, result.fetched_at
            location = hop.header("location")
            if hop.status in REDIRECT_STATUSES and location:
                target = urljoin(current, location.strip())
                result.redirects.append(Redirect(url=current, status=hop.status, location=target))
                if target in seen or len(result.redirects) > self.config.max_redirects:
                    return _fail(result, target, "redirect loop or too many redirects", "loop")
                seen.add(target)
                current = target
                continue
            return hop

    async def _attempts(
        self, url: str, *, method: str, accept: str, deadline: list[float], enough: int | None,
    ) -> Response:
        """One hop, retried with backoff for transient failures only."""
        delay = self.config.backoff
        host = host_key(url)
        for attempt in range(self.config.retries + 1):
            response = await self._once(url, host, method=method, accept=accept, deadline=deadline,
                                        enough=enough)
            transient = response.error_kind in ("timeout", "connect") or (
                response.status in RETRY_STATUSES
            )
            if not transient or attempt == self.config.retries:
                return response
            wait = delay
            retry_after = retry_after_seconds(response.header("retry-after"))
            if retry_after is not None:
                if retry_after > self.config.max_retry_after:
                    return response
                wait = max(wait, retry_after)
                self.limiter.pause(host, retry_after)
            if deadline and time.monotonic() + wait > deadline[0]:
                return response
            self.counts["retries"] += 1
            await asyncio.sleep(wait)
            delay *= 2
        return response  # pragma: no cover - the loop always returns

    async def _once(
        self, url: str, host: str, *, method: str, accept: str, deadline: list[float],
        enough: int | None = None,
    ) -> Response:
        import aiohttp

        result = Response(url=url, final_url=url, fetched_at=_now_iso())
        headers = {"Accept": accept} if accept else None
        assert self._session is not None, "use AsyncFetcher inside 'async with'"
        async with self.limiter.slot(host):
            self.counts["requests"] += 1
            if not deadline:
                deadline.append(time.monotonic() + self.config.total_timeout)
            remaining = max(0.1, deadline[0] - time.monotonic())
            timeout = aiohttp.ClientTimeout(
                total=remaining, sock_connect=self.config.connect_timeout,
                sock_read=self.config.read_timeout,
            )
            try:
                async with self._session.request(
                    method, url, headers=headers, allow_redirects=False, timeout=timeout,
                ) as raw:
                    result.status = raw.status
                    result.headers = dict(raw.headers)
                    if method != "HEAD" and raw.status not in REDIRECT_STATUSES:
                        await self._read_body(raw, result, deadline[0], enough)
            except safety.RefusedAddress as error:
                return _fail(result, url, str(error), "ssrf")
            except aiohttp.ClientConnectorDNSError:
                return _fail(result, url, "the host name does not resolve (DNS failure)", "dns")
            except aiohttp.ClientConnectorError as error:
                if isinstance(error.os_error, ConnectionRefusedError):
                    return _fail(result, url, "the server refused the connection", "refused")
                if getattr(error.os_error, "errno", None) in (errno.EHOSTUNREACH, errno.ENETUNREACH):
                    return _fail(result, url, "no route to the host (is the network down?)", "unreachable")
                return _fail(result, url, f"the connection failed: {error}", "connect")
            except aiohttp.ConnectionTimeoutError:
                # No connection within connect_timeout (a full listen queue, a dropped SYN): say
                # so, unless the total deadline is what passed.
                result.status, result.body = 0, b""
                if time.monotonic() >= deadline[0]:
                    return _fail(result, url, TOO_SLOW, "timeout")
                return _fail(result, url, "the server did not accept a connection within "
                             f"{self.config.connect_timeout:g} s", "timeout")
            except (TimeoutError, aiohttp.ServerTimeoutError):
                # Slow headers or a slow drip of body: the total deadline passed; transient, not a page.
                result.status, result.body = 0, b""
                return _fail(result, url, TOO_SLOW, "timeout")
            except (aiohttp.InvalidURL, ValueError) as error:
                return _fail(result, url, f"not a valid URL: {error}", "malformed")
            except aiohttp.ClientError as error:
                return _fail(result, url, f"request failed: {error}", "connect")
        return result

    async def _read_body(
        self, raw: aiohttp.ClientResponse, result: Response, deadline: float, enough: int | None,
    ) -> None:
        """The body decoded within the limit (or its first ``enough`` bytes); a drip past the
        deadline ends as a timeout."""
        import aiohttp

        limit = self.config.max_body_bytes
        stop = limit if enough is None else min(limit, enough)
        cut_short = False
        declared = declared_length(raw.headers.get("Content-Length", ""))
        if declared is not None and declared > ABSURD_LENGTH:
            result.error = f"the server declares {declared:,} bytes; not read (no page is that large)"
            result.error_kind = "too_large"
            return
        chunks: list[bytes] = []
        try:
            decoder = BoundedDecoder(raw.headers.get("Content-Encoding", ""), limit)
            async for chunk in raw.content.iter_chunked(65536):
                chunks += decoder.feed(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError
                if enough is not None and decoder.produced >= stop:
                    cut_short = True  # what link health reads is here; the rest is not wanted
                    break
            tail = b"" if cut_short else decoder.finish()
            if tail:
                chunks.append(tail)
        except BodyTooLarge:
            result.error, result.error_kind = f"body cut at {limit:,} bytes (decoded)", "truncated"
        except UnsupportedEncoding as error:
            result.error, result.error_kind = f"unrequested Content-Encoding {error}; not decoded", "encoding"
        except zlib.error:
            result.error, result.error_kind = "the compressed body is corrupt", "truncated"
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            if isinstance(error, TimeoutError | aiohttp.ServerTimeoutError) or time.monotonic() > deadline:
                result.error, result.error_kind = TOO_SLOW, "timeout"
            elif not chunks:
                result.error, result.error_kind = "the server stalled while sending", "timeout"
                result.status = 0
            else:
                result.error, result.error_kind = "the body stopped before its end", "truncated"
        if result.error_kind or cut_short:
            # The rest of the body is not wanted: drop the connection now. Leaving the response's
            # context would otherwise wait on a body that may never end (an endless chunked stream).
            raw.close()
        result.body = b"".join(chunks)[:stop]

    async def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:  # read once per origin; later requests skip the lock
            await self._read_robots(origin)
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(url, self.config.agent())

    async def _read_robots(self, origin: str) -> None:
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._robots:
                response = await self.get(f"{origin}/robots.txt", robots=False)
                parser = None
                if response.status == 200 and "html" not in response.content_type:
                    parser = Protego.parse(response.body.decode("utf-8", "replace"))
                self._robots[origin] = parser


_clock: list = [-1, ""]  # [whole second, its ISO 8601 stamp]: one strftime a second, not a request


def _now_iso() -> str:
    """The current UTC time as ISO 8601 with a Z (the capture store's format), cached a second."""
    second = int(time.time())
    if second != _clock[0]:
        _clock[:] = [second, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(second))]
    return _clock[1]


def _fail(result: Response, final_url: str, message: str, kind: str) -> Response:
    result.final_url, result.error, result.error_kind = final_url, message, kind
    return result
