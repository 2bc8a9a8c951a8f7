"""End to end in real headless Chromium: the explorer served by ``streamlit run app.py``.

Opens every page by its own URL, clicks a sentence in the article and sees its evidence, clicks
a row of the to-do list and sees its endnote, runs a named query, checks that a scraped
``<script>`` title stays text and that the graph draws offline, then times every page reached
through the navigation (warm, in one session) on the sample and on a generated article with
2,000 endnotes. Screenshots of every page and the times go to ``tests/artifacts/``.
"""

from __future__ import annotations

import calendar
import datetime
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)",
    ),
]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE_URL = "https://www.anthropic.com/research/alignment-faking"
HOSTILE_TITLE = "Faking <script>window.__pwned=1</script> alignment"
SAMPLE_TITLE = "Was Claude Pretending to Stay Aligned?"
BIG_TITLE = "Synthetic Endnote Stress Test"
MONTHS = list(calendar.month_name)[1:]

# Each page and the text its script draws last: the page has rendered when that text shows.
PAGES = {
    "overview": ("Overview", "Worst problems first"),
    "claims": ("Article", "Status labels:"),
    "audit": ("Endnote audit", "Every problem comes with its fix"),
    "sources": ("Sources", "Claims it supports or disputes"),
    "graph": ("Graph", "Legend:"),
    "corpus": ("Corpus", "Across articles"),
    "query": ("Query", "Query text"),
    "review": ("Review", "Reviews of this article"),
}
SAMPLE_TARGET, BIG_TARGET = 1.5, 3.0  # seconds, warm; reported beside each time, not asserted


WORDS = [
    "model",
    "training",
    "alignment",
    "evaluation",
    "deception",
    "oversight",
    "reward",
    "data",
    "scaling",
    "safety",
    "behaviour",
    "study",
    "results",
]


def _topics(endnotes: int) -> list[str]:
    rnd = random.Random(7)
    return [" ".join(rnd.sample(WORDS, 4)) for _ in range(endnotes + 1)]


def _dates(endnotes: int) -> list[datetime.date]:
    return [datetime.date(2020, 1, 1) + datetime.timedelta(days=i % 1500) for i in range(endnotes + 1)]


def big_article(endnotes: int = 2000) -> str:
    """An article in the sample's text format: cited paragraphs, then an ``Endnotes`` section."""
    topics, dates = _topics(endnotes), _dates(endnotes)
    stated = [f"{MONTHS[d.month - 1]} {d.day}, {d.year}" for d in dates]
    lines = [BIG_TITLE, "A generated article with many citations.", "Introduction"]
    for i in range(1, endnotes + 1):
        if i % 100 == 1:
            lines.append(f"Part {i // 100 + 1}")
        lines.append(
            f"Paragraph {i} reports that {topics[i]} changed in experiment {i}. "
            f"[Pub{i % 400}]pub{i % 400}.orgStudy {i} {topics[i]}{stated[i]}…"
        )
    lines.append("Endnotes")
    for i in range(1, endnotes + 1):
        lines += [
            "-",
            f"Source: pub{i % 400}.org",
            f"Title: Study {i} {topics[i]}",
            f"Link: https://pub{i % 400}.org/papers/{i}Source snippet",
            f"Study {i} {topics[i]}...",
            f"Published: {stated[i]}",
        ]
    return "\n".join(lines) + "\n"


def big_snapshots(endnotes: int = 2000) -> list[dict]:
    """Offline snapshots of the generated article's sources, so evidence is judged at scale too."""
    topics, dates = _topics(endnotes), _dates(endnotes)
    return [
        {
            "url": f"https://pub{i % 400}.org/papers/{i}",
            "kind": "reconstructed",
            "note": "generated for the explorer's scale test",
            "obtained": "2026-01-01",
            "health": "ok" if i % 10 else "dead",
            "metadata": {
                "title": f"Study {i} {topics[i]}",
                "published": dates[i].isoformat(),
                "authors": [f"Author {i % 97}"],
            },
            "text": f"Study {i} finds that {topics[i]} changed in experiment {i}. "
            + ("A later replication disputes that it changed." if i % 7 == 0 else ""),
        }
        for i in range(1, endnotes + 1)
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy")


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's sample snapshots plus one hostile page whose title carries a script tag."""
    folder = tmp_path_factory.mktemp("snapshots")
    for path in (ROOT / "sources" / "snapshots").glob("*.json"):
        shutil.copy(path, folder / path.name)
    hostile = {
        "url": HOSTILE_URL,
        "aliases": [HOSTILE_URL + "?aff=O0D1K"],
        "health": "ok",
        "kind": "reconstructed",
        "note": "test page",
        "obtained": "2026-01-02",
        "metadata": {"title": HOSTILE_TITLE, "published": "2024-12-18"},
        "text": "Researchers reported evidence of alignment faking in Claude 3 Opus.",
    }
    (folder / "00-hostile.json").write_text(json.dumps([hostile]), encoding="utf-8")
    (folder / "zz-stress-2000.json").write_text(json.dumps(big_snapshots()), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, snapshots: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free loopback port with a private store and snapshots."""
    work = tmp_path_factory.mktemp("explorer")
    env = dict(
        os.environ,
        CLAIMGRAPH_STORE="memory",  # writing 2,000 endnotes to a RocksDB directory store took ~18 s
        CLAIMGRAPH_UPLOADS=str(work / "uploads"),
        CLAIMGRAPH_SNAPSHOTS=str(snapshots),
    )
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    log = open(work / "streamlit.log", "wb")  # noqa: SIM115 - closed after the process ends
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def browser_page(server: str):
    """A Chromium page (Debian's binary, no download) against the served app."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.outside_requests = []  # every request the app makes beyond the loopback server
        page.requests_seen = 0
        page.on("request", lambda request: _note_outside(page, request.url))
        page.set_default_timeout(90_000)  # a loaded CI machine is slow; times are reported, not asserted
        yield page
        browser.close()


def _note_outside(page, url: str) -> None:
    page.requests_seen += 1
    if not url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")):
        page.outside_requests.append(url)


def expect(locator):
    """Playwright's retrying assertions (imported late: playwright is a dev dependency)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def _main(page):
    return page.locator("[data-testid='stMain']")


# True once the script has finished and every visible table, chart, graph and component in the
# main area has drawn (a canvas, an SVG, or the component's own root inside its shadow DOM).
DRAWN = """() => {
  if (document.querySelector("[data-testid='stStatusWidget']")) return false;
  const main = document.querySelector("[data-testid='stMain']");
  if (!main || main.querySelector("[data-testid='stSkeleton']")) return false;
  const shown = (selector) => [...main.querySelectorAll(selector)]
    .filter((el) => el.checkVisibility() && el.getBoundingClientRect().height > 0);
  const drawn = (el) => [el, ...el.querySelectorAll("*")]
    .some((x) => x.shadowRoot && x.shadowRoot.querySelector(".cg-root, .cg-net"));
  return shown("[data-testid='stDataFrame']").every((el) => el.querySelector("canvas"))
    && shown("[data-testid='stGraphVizChart']").every((el) => el.querySelector("svg"))
    && shown("[data-testid='stVegaLiteChart']").every((el) => el.querySelector("canvas, svg"))
    && shown("[data-testid^='stBidiComponent']").every(drawn);
}"""


def _open(page, url: str, marker: str, timeout: float | None = None) -> float:
    """Load a page by its URL; seconds until its last text shows and everything has drawn."""
    started = time.perf_counter()
    page.goto(url)
    _main(page).get_by_text(marker, exact=False).first.wait_for(state="visible", timeout=timeout)
    page.wait_for_function(DRAWN)
    return time.perf_counter() - started


def _navigate(page, title: str, marker: str) -> float:
    """Go to a page through the sidebar (one session, warm); seconds until it has drawn."""
    link = page.locator("[data-testid='stSidebarNav'] a", has_text=title).first
    started = time.perf_counter()
    link.click()
    _main(page).get_by_text(marker, exact=False).first.wait_for(state="visible")
    page.wait_for_function(DRAWN)
    return time.perf_counter() - started


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _open_every_page(page, base: str, article: str) -> dict[str, float]:
    """Each page opened directly by its URL (``/overview`` too); seconds each, cold session."""
    times = {}
    for path, (_title, marker) in PAGES.items():
        times[path] = _open(page, f"{base}/{path}?article={article}", marker)
        expect(page.get_by_text("Page not found")).to_have_count(0)
    return times


def _time_pages(page, label: str) -> dict[str, float]:
    """Every page through the navigation in one session (the audit is cached), and a screenshot."""
    times = {}
    for path, (title, marker) in PAGES.items():
        times[path] = _navigate(page, title, marker)
        _shot(page, f"{label}-{path}")
    return times


def _report(label: str, times: dict[str, float], target: float) -> list[str]:
    return [
        f"{label:7s} {name:9s} {seconds:5.2f} s{'' if seconds <= target else f'  (over {target} s)'}"
        for name, seconds in times.items()
    ]


def _claim_with_evidence(snapshots: Path) -> tuple[str, str]:
    """A sample claim with judged evidence, preferring a source that takes sides, and its stance."""
    from claimgraph.api import AuditOptions, audit

    result = audit(options=AuditOptions(snapshots_dir=snapshots))
    cited = {c.id for c in result.article.claims if c.citation_ids}
    ranked = sorted(
        result.evidence,
        key=lambda e: (e.stance not in ("supports", "disputes"), e.claim not in cited, not e.cited),
    )
    best = ranked[0]
    return result.article.claim(best.claim).text, best.stance


def _click_a_sentence(page, claim: str, stance: str) -> None:
    """Click the sentence in the drawn article; its text and evidence appear beside it."""
    sentence = _main(page).locator(".cg-claim", has_text=claim[:40]).first
    sentence.scroll_into_view_if_needed()
    sentence.click()
    detail = _main(page).locator("[data-testid='stColumn']").nth(1)
    detail.get_by_text(claim[:40], exact=False).first.wait_for(state="visible")
    expect(detail.get_by_text("Supporting", exact=False).first).to_be_visible()
    if stance not in ("supports", "disputes"):
        detail.get_by_text("Mentions and unrelated sources").click()
    expect(detail.get_by_text(f"{stance.upper()} · support", exact=False).first).to_be_visible()
    assert "claim=" in page.url


@pytest.mark.timeout(1500)  # the 2,000-endnote audit alone takes a minute or more on a loaded machine
def test_explorer_end_to_end(server: str, browser_page, snapshots: Path) -> None:
    page = browser_page
    lines = []

    # First load: the sample, its title and health on the first screen.
    first = _open(page, server, "Worst problems first", timeout=240_000)  # the cold audit
    heading = _main(page).locator("h1").first
    assert heading.inner_text().strip() == SAMPLE_TITLE
    expect(_main(page).get_by_text("Endnote health")).to_be_visible()
    expect(page.locator("[data-testid='stSidebar']").get_by_text("endnotes ·")).to_be_visible()
    _shot(page, "01-overview-first-load")
    lines.append(f"first load (sample, cold audit): {first:.2f} s")

    # The article: markers drawn where the author put them; a click on a sentence opens its evidence.
    _open(page, f"{server}/claims", "Status labels:")
    markers = _main(page).locator(".cg-mark")
    markers.first.wait_for(state="visible")
    assert markers.count() > 5 and markers.first.inner_text().startswith("[")
    claim, stance = _claim_with_evidence(snapshots)
    _click_a_sentence(page, claim, stance)
    _shot(page, "02-article-sentence-clicked")

    # The to-do list: a click on a row shows that endnote in detail.
    _open(page, f"{server}/audit", "Every problem comes with its fix")
    rows = _main(page).locator("tr[data-pick]")
    rows.first.wait_for(state="visible")
    assert rows.count() > 10
    wanted = rows.nth(3).get_attribute("data-pick")
    rows.nth(3).click()
    expect(_main(page).get_by_text(f"Endnote {wanted} ·", exact=False).first).to_be_visible()
    expect(_main(page).get_by_text("Download corrected endnotes")).to_be_visible()
    _shot(page, "03-audit-row-clicked")

    # A named query.
    _open(page, f"{server}/query", "Query text")
    _main(page).get_by_role("button", name="Run query").click()
    _main(page).get_by_text("Download results (CSV)").wait_for(state="visible")
    expect(_main(page).locator("[data-testid='stDataFrame']")).to_have_count(1)
    description = _main(page).locator("[data-testid='stCaptionContainer']", has_text="Shape:")
    expect(description).to_have_count(0)
    _shot(page, "04-named-query")

    # A scraped title with a <script> tag is shown as text and never runs.
    _open(page, f"{server}/sources", "Claims it supports or disputes")
    heading = _main(page).locator("h4", has_text="<script>window.__pwned=1</script>")
    expect(heading).to_be_visible()
    assert "<script>window.__pwned=1</script>" in heading.inner_text()
    assert page.evaluate("() => window.__pwned === undefined")
    assert _main(page).locator("h4 script").count() == 0
    _shot(page, "05-sources-script-title")

    # The graph draws offline; a click on a node dims the rest; hovering shows the full text.
    _open(page, f"{server}/graph", "Legend:")
    nodes = _main(page).locator(".cg-net .cg-node")
    nodes.first.wait_for(state="attached")
    assert nodes.count() > 5
    assert len(nodes.first.locator("title").text_content()) >= len(nodes.first.locator("text").text_content())
    nodes.nth(2).click()
    expect(_main(page).locator(".cg-net .cg-focus")).to_have_count(1)
    assert _main(page).locator(".cg-net .cg-dim").count() > 0
    _main(page).locator(".cg-net svg").hover()
    page.mouse.wheel(0, -400)
    _shot(page, "06-graph-focused")

    # Every page by its own URL, then every page through the navigation, warm.
    sample_id = "was-claude-pretending-to-stay-aligned"
    direct = _open_every_page(page, server, sample_id)
    sample = _time_pages(page, "sample")

    # Upload a generated article with 2,000 endnotes, then the same on it.
    big = ARTIFACTS / "stress-2000.txt"
    big.write_text(big_article(), encoding="utf-8")
    page.goto(server)
    _main(page).get_by_text("Worst problems first").wait_for(state="visible")
    page.locator("[data-testid='stSidebar']").get_by_text("Add an article").click()
    expect(page.locator("[data-testid='stSidebar']").get_by_text("16MB", exact=False).first).to_be_visible()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(big))
    started = time.perf_counter()
    page.get_by_role("button", name="Audit upload").click()
    _main(page).locator("h1", has_text=BIG_TITLE).wait_for(state="visible", timeout=400_000)
    ingest = time.perf_counter() - started
    lines.append(f"ingest of the 2,000-endnote article (audit + store): {ingest:.2f} s")
    large = _time_pages(page, "big")

    lines.append(
        f"warm: every page reached through the navigation in one session (target {SAMPLE_TARGET} s sample, {BIG_TARGET} s 2,000)"
    )
    lines += _report("sample", sample, SAMPLE_TARGET)
    lines += _report("2000", large, BIG_TARGET)
    lines.append("cold: every page opened by its URL in a new session")
    lines += _report("sample", direct, float("inf"))
    report = "\n".join(lines) + "\n"
    (ARTIFACTS / "render_times.txt").write_text(report, encoding="utf-8")
    print("\n" + report)
    assert page.requests_seen > 10, "the request listener saw the app's own traffic"
    assert not page.outside_requests, f"the app reached outside hosts: {page.outside_requests[:5]}"
