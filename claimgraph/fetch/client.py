"""The polite HTTP client: redirects hop by hop, retries, robots.txt, limits, capture cache."""

from __future__ import annotations

import threading
import time
import zlib
from collections import Counter
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from protego import Protego

from claimgraph.fetch.captures import CaptureStore, Response, capture_key
from claimgraph.fetch.config import FetchConfig
from claimgraph.fetch.deadline import DeadlineWatch, deadline_watch
from claimgraph.fetch.limits import (
    ABSURD_LENGTH,
    BodyTooLarge,
    UnsupportedEncoding,
    bounded_decode,
    declared_length,
)
from claimgraph.fetch.politeness import HostLimiter, retry_after_seconds
from claimgraph.fetch.safety import RefusedAddress, check_url
from claimgraph.model import Redirect

if TYPE_CHECKING:  # requests loads with the first request: the asyncio client and offline runs never need it
    import requests

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
_TOO_SLOW = "the server was too slow: the total time limit passed"
RETRY_STATUSES = {429, 500, 502, 503, 504}


def now_iso() -> str:
    """The current UTC time as ISO 8601 with a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def age_seconds(stamp: str | None) -> float:
    """Seconds since an ISO 8601 UTC time (infinite when unknown)."""
    try:
        then = datetime.strptime(stamp or "", "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return float("inf")
    return (datetime.now(UTC) - then).total_seconds()


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or ''}:{parts.port or ''}"


class Fetcher:
    """Fetches URLs politely, replaying captures first; counts what went over the network."""

    def __init__(
        self, config: FetchConfig | None = None, *, store: CaptureStore | None = None,
        offline: bool = False,
    ) -> None:
        self.config = config or FetchConfig()
        self.store = store
        self.offline = offline
        self.limiter = HostLimiter(self.config.per_host_concurrency, self.config.per_host_interval)
        self.counts: Counter[str] = Counter()
        self._local = threading.local()
        self._robots: dict[str, Protego | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    # --- public -------------------------------------------------------------------------

    def get(
        self, url: str, *, accept: str = "", method: str = "GET", robots: bool = True,
    ) -> Response:
        """The response for a URL: from the capture store if there, else live unless offline."""
        key = capture_key(method, url, accept)
        if self.store is not None and key in self.store and (self.offline or self._fresh(key)):
            cached = self.store.get(key)
            if cached is not None:
                self._count("cache_hits")
                return cached
        if self.offline:
            return Response(url, url, error="not captured; running offline", error_kind="offline")
        response = self._fetch(url, method=method, accept=accept, robots=robots)
        if method == "HEAD" and (response.status >= 400 or response.error_kind == "timeout"):
            response = self._fetch(url, method="GET", accept=accept, robots=robots)
        if self.store is not None and _worth_keeping(response):
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

    def _count(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self.counts[name] += amount

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            import requests

            from claimgraph.fetch.guarded_adapter import GuardedAdapter

            session = requests.Session()
            session.trust_env = False  # an environment proxy would defeat the address guard
            adapter = GuardedAdapter(allow_private=self.config.allow_private)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers.update({"User-Agent": self.config.agent(), "Accept-Encoding": "gzip"})
            self._local.session = session
        return session

    def _fetch(self, url: str, *, method: str, accept: str, robots: bool) -> Response:
        result = Response(url=url, final_url=url, fetched_at=now_iso())
        current, seen = url, {url}
        deadline = time.monotonic() + self.config.total_timeout
        while True:
            try:
                check_url(current, allow_private=self.config.allow_private)
            except RefusedAddress as error:
                text = str(error)
                kind = "malformed" if "only http" in text or "no host" in text else "ssrf"
                return self._fail(result, current, str(error), kind)
            if robots and self.config.respect_robots and not self._robots_allow(current):
                return self._fail(result, current, "robots.txt disallows this page", "robots")
            hop = self._attempts(current, method=method, accept=accept, deadline=deadline)
            hop.url, hop.redirects, hop.fetched_at = url, result.redirects, result.fetched_at
            location = hop.header("location")
            if hop.status in REDIRECT_STATUSES and location:
                target = urljoin(current, location.strip())
                result.redirects.append(Redirect(url=current, status=hop.status, location=target))
                if target in seen or len(result.redirects) > self.config.max_redirects:
                    return self._fail(result, target, "redirect loop or too many redirects", "loop")
                seen.add(target)
                if hop.status == 303:
                    method = "GET" if method != "HEAD" else method
                current = target
                continue
            return hop

    @staticmethod
    def _fail(result: Response, final_url: str, message: str, kind: str) -> Response:
        result.final_url, result.error, result.error_kind = final_url, message, kind
        return result

    def _attempts(self, url: str, *, method: str, accept: str, deadline: float) -> Response:
        """One hop, retried with backoff for transient failures only."""
        delay = self.config.backoff
        host = _host(url)
        for attempt in range(self.config.retries + 1):
            response = self._once(url, method=method, accept=accept, deadline=deadline)
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
            if time.monotonic() + wait > deadline:
                return response
            self._count("retries")
            time.sleep(wait)
            delay *= 2
        return response  # pragma: no cover - the loop always returns

    def _once(self, url: str, *, method: str, accept: str, deadline: float) -> Response:
        import requests

        result = Response(url=url, final_url=url, fetched_at=now_iso())
        headers = {"Accept": accept} if accept else {}
        left = max(0.05, deadline - time.monotonic())
        timeout = (min(self.config.connect_timeout, left), min(self.config.read_timeout, left))
        with self.limiter.slot(_host(url)), deadline_watch(deadline) as watch:
            self._count("requests")
            try:
                raw = self._session().request(
                    method, url, headers=headers, allow_redirects=False, stream=True,
                    timeout=timeout,
                )
            except RefusedAddress as error:
                return self._fail(result, url, str(error), "ssrf")
            except requests.exceptions.ConnectTimeout:
                if watch.passed():
                    return self._fail(result, url, _TOO_SLOW, "timeout")
                return self._fail(result, url, "the server did not accept a connection within "
                                  f"{self.config.connect_timeout:g} s", "timeout")
            except requests.exceptions.Timeout:
                return self._fail(result, url, "the server did not answer in time", "timeout")
            except requests.exceptions.ConnectionError as error:
                if watch.passed():
                    return self._fail(result, url, _TOO_SLOW, "timeout")
                return self._fail(result, url, *_connection_error(error))
            except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                    requests.exceptions.InvalidSchema, ValueError) as error:
                return self._fail(result, url, f"not a valid URL: {error}", "malformed")
            except requests.exceptions.RequestException as error:
                if watch.passed():
                    return self._fail(result, url, _TOO_SLOW, "timeout")
                return self._fail(result, url, f"request failed: {error}", "connect")
            if watch.expired:  # a cut-off header block reads as a complete one: trust the clock
                raw.close()
                return self._fail(result, url, _TOO_SLOW, "timeout")
            result.status = raw.status_code
            result.headers = dict(raw.headers)
            try:
                if method != "HEAD" and raw.status_code not in REDIRECT_STATUSES:
                    self._read_body(raw, result, watch)
            finally:
                raw.close()
        return result

    def _read_body(self, raw: requests.Response, result: Response, watch: DeadlineWatch) -> None:
        import requests
        import urllib3

        limit = self.config.max_body_bytes
        declared = declared_length(raw.headers.get("Content-Length", ""))
        if declared is not None and declared > ABSURD_LENGTH:
            result.error = f"the server declares {declared:,} bytes; not read (no page is that large)"
            result.error_kind = "too_large"
            return
        chunks: list[bytes] = []
        encoding = raw.headers.get("Content-Encoding", "")
        try:
            wire = raw.raw.stream(65536, decode_content=False)
            for chunk in bounded_decode(wire, encoding, limit):
                chunks.append(chunk)
                if watch.passed():
                    raise TimeoutError
        except BodyTooLarge:
            result.error, result.error_kind = f"body cut at {limit:,} bytes (decoded)", "truncated"
        except UnsupportedEncoding as error:
            result.error, result.error_kind = f"unrequested Content-Encoding {error}; not decoded", "encoding"
        except (TimeoutError, requests.exceptions.RequestException, OSError, AttributeError,
                ValueError, zlib.error, urllib3.exceptions.HTTPError) as error:
            if watch.passed() or isinstance(error, TimeoutError):
                result.error, result.error_kind = _TOO_SLOW, "timeout"
            elif isinstance(error, zlib.error):
                result.error, result.error_kind = "the compressed body is corrupt", "truncated"
            elif not chunks:
                result.error, result.error_kind = "the server stalled while sending", "timeout"
            else:
                result.error, result.error_kind = "the body stopped before its end", "truncated"
        if watch.expired and result.error_kind != "timeout":  # the cut made the body look complete
            result.error, result.error_kind = _TOO_SLOW, "timeout"
        result.body = b"".join(chunks)[:limit]

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                response = self.get(f"{origin}/robots.txt", robots=False)
                parser = None
                if response.status == 200 and "html" not in response.content_type:
                    parser = Protego.parse(response.body.decode("utf-8", "replace"))
                self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(url, self.config.agent())


def _worth_keeping(response: Response) -> bool:
    """Store answers that will not change by asking again; transient failures are re-checked."""
    if response.error_kind in ("ssrf", "malformed", "timeout", "connect", "dns", "refused", "unreachable"):
        return False  # re-checked next time: the failure may be ours (DNS, our network) or brief
    return response.status not in RETRY_STATUSES


def _connection_error(error: Exception) -> tuple[str, str]:
    """A message and error kind for a requests ConnectionError."""
    text = repr(error)
    if "NameResolution" in text or "getaddrinfo" in text or "Name or service" in text:
        return "the host name does not resolve (DNS failure)", "dns"
    if "Connection refused" in text or "ConnectionRefused" in text:
        return "the server refused the connection", "refused"
    if "RefusedAddress" in text:
        return "refused a private or local address", "ssrf"
    if "No route to host" in text or "Network is unreachable" in text or "EHOSTUNREACH" in text:
        return "no route to the host (is the network down?)", "unreachable"
    if "Read timed out" in text or "timed out" in text:
        return "the server did not answer in time", "timeout"
    return f"the connection failed: {error}", "connect"
