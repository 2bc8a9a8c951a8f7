"""Loading articles for the explorer: the store, cached audits, uploads and the current article.

Every audit goes through ``audit`` with the store, so the graph persists between runs; results
are cached per process (``st.cache_resource``) so switching pages never re-audits. Uploaded or
fetched articles are kept as text under the uploads folder so they can be reopened by id.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import re
from pathlib import Path

import streamlit as st

from claimgraph import settings
from claimgraph.api import (
    AuditOptions,
    GraphStore,
    apply_reviews,
    article_id_for,
    audit,
    decode_article,
    default_article_path,
    load_reviews,
    open_store,
    run_query,
    stored_location_value,
    stored_locations,
)
from claimgraph.errors import StoreError
from claimgraph.model import AuditResult

__all__ = [
    "get_store",
    "audit_options",
    "uploads_dir",
    "sample_result",
    "ingest_text",
    "open_article",
    "ingested_articles",
    "stored_location",
    "current_result",
    "select_article",
    "content_key",
    "reviews_changed",
]

UPLOADS_ENV = "CLAIMGRAPH_UPLOADS"
SNAPSHOTS_ENV = "CLAIMGRAPH_SNAPSHOTS"
ARTICLE_PARAM = "article"
WARNING_KEY = "article-warning"
REVIEWS_KEY = "reviews-version"
REVIEWED_KEY = "reviewed-result"
STORE_PROBLEMS: list[str] = []  # why get_store() fell back to memory, shown in the sidebar


@st.cache_resource(show_spinner=False)
def get_store() -> GraphStore:
    """The store named by ``CLAIMGRAPH_STORE`` (default ``.claimgraph/store``), opened once.

    When it cannot be opened the explorer still works on an in-memory store, and says so.
    """
    try:
        return open_store(None)
    except StoreError as error:
        STORE_PROBLEMS.append(
            f"The graph store could not be opened ({error}); using a temporary "
            "in-memory store, so nothing is kept after this run."
        )
        return open_store("memory")


def audit_options(online: bool = False, snapshots: str = "") -> AuditOptions:
    """Audit options; ``snapshots`` (default ``CLAIMGRAPH_SNAPSHOTS``) is a folder of source snapshots."""
    options = AuditOptions(online=online)
    snapshots = snapshots or settings.get(SNAPSHOTS_ENV)
    if snapshots:
        options.snapshots_dir = Path(snapshots)
    return options


def uploads_dir() -> Path:
    """Where uploaded and fetched articles are kept: ``CLAIMGRAPH_UPLOADS`` or ``.claimgraph/uploads``."""
    folder = Path(settings.get(UPLOADS_ENV))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def content_key(data: str | bytes) -> str:
    """The SHA-256 of an article's text: what its cached audit is keyed on."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


# Audits are shared by every session and never changed after they are made (pages read them;
# reviews are applied to a per-session copy, see current_result). st.cache_data cannot hold them:
# the result carries the article's graph, which lives in a store and does not pickle.
@st.cache_resource(max_entries=8, show_spinner="Auditing the article…")
def _audit_path(path: str, digest: str, online: bool, snapshots: str) -> AuditResult:
    return audit(path, store=get_store(), options=audit_options(online, snapshots))


@st.cache_resource(max_entries=8, show_spinner="Auditing the article…")
def _audit_text(
    digest: str, _text: str, location: str, article_format: str | None, online: bool, snapshots: str
) -> AuditResult:
    return audit(
        text=_text,
        location=location,
        article_format=article_format,
        store=get_store(),
        options=audit_options(online, snapshots),
    )


def _audit_file(path: Path) -> AuditResult:
    return _audit_path(str(path), content_key(path.read_bytes()), *_settings())


def _audit_of_text(text: str, location: str, article_format: str | None) -> AuditResult:
    return _audit_text(content_key(text), text, location, article_format, *_settings())


def _settings() -> tuple[bool, str]:
    """What the cached audits are keyed on besides the article: online or not, snapshots folder."""
    return bool(st.session_state.get("online", False)), settings.get(SNAPSHOTS_ENV)


def sample_result() -> AuditResult:
    """The audit of the embedded sample article."""
    return _audit_file(default_article_path())


def _slug(location: str) -> str:
    return article_id_for(location) or "article"


def ingest_text(text: str, location: str, article_format: str | None = None) -> AuditResult:
    """Audit an uploaded or fetched article, keep its text for reopening, return the result."""
    result = _audit_of_text(text, location, article_format)
    folder = uploads_dir()
    article_id = result.article.id
    (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    meta = {"location": location, "format": article_format, "title": result.article.title}
    (folder / f"{article_id}.json").write_text(json.dumps(meta), encoding="utf-8")
    return result


def ingest_bytes(data: bytes, name: str) -> AuditResult:
    """Audit an uploaded file's bytes (text, Markdown or HTML; the reader is picked by name)."""
    text, _problems = decode_article(data, name)
    return ingest_text(text, name)


def open_article(article_id: str) -> AuditResult | None:
    """The audit of an article by id: the sample, or one kept in the uploads folder; else None."""
    sample = default_article_path()
    if article_id == _slug(str(sample)):
        return sample_result()
    if not re.fullmatch(r"[a-z0-9-]+", article_id):
        return None
    folder = uploads_dir()
    text_path, meta_path = folder / f"{article_id}.txt", folder / f"{article_id}.json"
    if not text_path.exists():
        location = stored_location(article_id)
        if location is None:
            return None
        return _audit_file(location)
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    text = text_path.read_text(encoding="utf-8")
    return _audit_of_text(text, meta.get("location", text_path.name), meta.get("format"))


def stored_location(article_id: str) -> Path | None:
    """The local file an article in the store was read from (``cg:location``), if it still exists."""
    value = stored_location_value(get_store(), article_id)
    if value is None or value.startswith(("http://", "https://")):
        return None
    path = Path(str(value))
    if not path.is_file() or article_id_for(str(path.resolve())) != article_id:
        return None
    return path


def ingested_articles() -> list[dict[str, object]]:
    """The articles in the store (the ``articles`` named query): openable or not, read from where."""
    store = get_store()
    rows = run_query(store, "articles").as_dicts()
    locations = stored_locations(store)
    folder = uploads_dir()
    sample_id = _slug(str(default_article_path()))
    for row in rows:
        article_id = str(row["article"])
        row["location"] = locations.get(article_id, "")
        row["openable"] = article_id == sample_id or (folder / f"{article_id}.txt").exists()
        row["title"] = row["title"] if row["openable"] else f"{row['title']} (graph only)"
    return rows


def select_article(article_id: str) -> None:
    """Make an article current (kept in the URL so a page link reopens it)."""
    st.session_state[ARTICLE_PARAM] = article_id
    st.query_params[ARTICLE_PARAM] = article_id


def current_result() -> AuditResult:
    """The current article's audit (the sample unless another was chosen), reviews applied."""
    wanted = st.session_state.get(ARTICLE_PARAM) or st.query_params.get(ARTICLE_PARAM)
    result = open_article(str(wanted)) if wanted else None
    if result is None:
        if wanted:
            st.session_state[WARNING_KEY] = (
                f"The text of article {wanted!r} is not available to the explorer (it was ingested "
                "elsewhere and its file is gone), so the sample is shown; its graph can still be "
                "queried on the Query page."
            )
        result = sample_result()
    st.session_state[ARTICLE_PARAM] = result.article.id
    if st.query_params.get(ARTICLE_PARAM) != result.article.id:
        st.query_params[ARTICLE_PARAM] = result.article.id
    return _reviewed(result)


def _reviewed(result: AuditResult) -> AuditResult:
    """The shared audit with this store's reviews applied to copies of its evidence (per session)."""
    if not result.evidence:
        return result
    key = (id(result), st.session_state.get(REVIEWS_KEY, 0))
    kept = st.session_state.get(REVIEWED_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]
    evidence = [copy.copy(item) for item in result.evidence]
    apply_reviews(result.article, result.article.id, evidence, load_reviews(get_store()))
    reviewed = dataclasses.replace(result, evidence=evidence)
    st.session_state[REVIEWED_KEY] = (key, reviewed)
    return reviewed


def reviews_changed() -> None:
    """Call after saving a review: the next page draws the article with it applied."""
    st.session_state[REVIEWS_KEY] = st.session_state.get(REVIEWS_KEY, 0) + 1
