"""Link health: one of ok, redirected, dead, blocked, transient, soft_404, malformed."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode, urlsplit

from claimgraph.fetch.captures import CaptureStore, Response, capture_key
from claimgraph.model import Source

HEALTH_CLASSES = ("ok", "redirected", "dead", "blocked", "transient", "soft_404", "malformed")
DEAD_STATUSES = {404, 410}
# Failures that our own network can cause as well as the site: never proof that a link is dead.
OUR_SIDE = ("dns", "refused", "unreachable")
BLOCKED_STATUSES = {401, 402, 403, 407, 429, 451, 999}

_NOT_FOUND = re.compile(
    r"\b(404|page not found|not found|no longer (available|exists)|does not exist|"
    r"doesn['’]t exist|could not be found|couldn['’]t find|page (is )?missing|"
    r"nothing (was )?found|seite nicht gefunden|página no encontrada|page introuvable)\b",
    re.IGNORECASE,
)
_CHALLENGE = re.compile(
    r"(just a moment\.\.\.|checking your browser|cf-challenge|cf_chl_|captcha|"
    r"are you a robot|verify you are human|access denied|enable javascript and cookies)",
    re.IGNORECASE,
)
_LOGIN_PATH = re.compile(r"/(login|signin|sign-in|sign_in|auth|accounts?/login)\b", re.I)
# Health reads a page's head only: its title and first headings in the first HEAD_BYTES, a
# challenge marker in the first CHALLENGE_BYTES. A health-only check reads no more than HEAD_BYTES.
HEAD_BYTES = 200_000
CHALLENGE_BYTES = 50_000
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(rb"<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)


def _head_texts(body: bytes) -> str:
    head = body[:HEAD_BYTES]
    parts = [m.group(1) for m in _TITLE.finditer(head)][:1]
    parts += [m.group(1) for m in _HEADING.finditer(head)][:2]
    text = b" ".join(parts).decode("utf-8", "replace")
    return re.sub(r"<[^>]+>", " ", text)


CONFIRM_AFTER_S = 24 * 3600  # a dead link is confirmed by a second failure at least a day later


def dead_answer(status: int, error_kind: str | None) -> bool:
    """Whether one answer says the page is gone (404, 410, other 4xx, a redirect loop)."""
    if error_kind == "loop":
        return True
    if error_kind:
        return False
    return status in DEAD_STATUSES or (400 <= status < 500 and status not in BLOCKED_STATUSES)


def confirmed_dead(dead_checks: list[str]) -> bool:
    """Two "gone" answers at least a day apart (ISO 8601 UTC times)."""
    from datetime import datetime

    stamps = []
    for stamp in dead_checks:
        try:
            stamps.append(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").timestamp())
        except ValueError:
            continue
    return len(stamps) >= 2 and max(stamps) - min(stamps) >= CONFIRM_AFTER_S


def network_looks_down(failures: dict[str, str | None], minimum_hosts: int = 3) -> bool:
    """Whether most hosts of one run failed in ways our own network causes (``host → error kind``)."""
    if len(failures) < minimum_hosts:
        return False
    ours = sum(1 for kind in failures.values() if kind in OUR_SIDE or kind in ("timeout", "connect"))
    return ours * 2 > len(failures)


def distrust_if_network_down(live: dict[str, str | None], results: dict[str, Source],
                              store: CaptureStore | None) -> bool:
    """If most hosts of the run (``live``: host → error kind) failed as an absent network fails, its
    "dead" answers are not trusted: each becomes "transient" and its capture is forgotten. True then."""
    if not network_looks_down(live):
        return False
    for url, source in results.items():
        if source.health != "dead":
            continue
        if store is not None:
            store.forget(capture_key("GET", url.strip()))
        source.health, source.dead_checks = "transient", []
        source.error = f"{source.error or source.status}; not trusted: the network looked unavailable"
    return True


def is_home_page(url: str) -> bool:
    """True when a URL is a site's root (or a bare index page)."""
    path = urlsplit(url).path.rstrip("/")
    return path in ("", "/index.html", "/index.php", "/home", "/en", "/en-us")


def classify(response: Response) -> tuple[str, dict[str, object]]:
    """The health class of a fetch and details that explain it."""
    details: dict[str, object] = {}
    kind = response.error_kind
    if response.redirects:
        first = urlsplit(response.url)
        last = urlsplit(response.final_url)
        details["permanent"] = all(hop.status in (301, 308) for hop in response.redirects)
        details["offsite"] = (first.hostname or "").removeprefix("www.") != (
            last.hostname or ""
        ).removeprefix("www.")
        details["home_page"] = is_home_page(response.final_url)
    if kind == "malformed":
        return "malformed", details
    if kind == "loop":
        return "dead", details
    if kind in ("ssrf", "robots"):
        return "blocked", details
    if kind in OUR_SIDE or kind in ("timeout", "connect"):
        details["could_be_ours"] = kind in OUR_SIDE  # our network or DNS may be the one failing
        return "transient", details
    if kind == "offline":
        return "unchecked", details
    status = response.status
    if status in DEAD_STATUSES:
        return "dead", details
    if status in BLOCKED_STATUSES:
        return "blocked", details
    if status >= 500 or status == 0:
        return "transient", details
    if status >= 400:
        return "dead", details
    if _LOGIN_PATH.search(urlsplit(response.final_url).path) and not _LOGIN_PATH.search(
        urlsplit(response.url).path
    ):
        details["login_wall"] = True
        return "blocked", details
    texts = _head_texts(response.body)
    if _CHALLENGE.search(texts) or (
        status in (200, 202) and b"cf-chl" in response.body[:CHALLENGE_BYTES]
    ):
        details["bot_challenge"] = True
        return "blocked", details
    if _NOT_FOUND.search(texts):
        details["not_found_text"] = texts.strip()[:120]
        return "soft_404", details
    if response.redirects and details.get("home_page") and not is_home_page(response.url):
        return "soft_404", details
    if response.redirects:
        return "redirected", details
    return "ok", details


def wayback_query(base: str, url: str) -> str:
    """The Wayback availability API request for a URL."""
    return f"{base}?{urlencode({'url': url})}"


def closest_archive(response: Response) -> str | None:
    """The closest archived copy named by a Wayback availability answer, or None."""
    if response.status != 200:
        return None
    try:
        data = json.loads(response.body.decode("utf-8", "replace"))
    except ValueError:
        return None
    closest = (data.get("archived_snapshots") or {}).get("closest") or {}
    if closest.get("available") and str(closest.get("status", "200")).startswith("2"):
        return closest.get("url")
    return None
