"""The public functions scripts, the CLI and the explorer call: the one door into the library."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph.errors import ClaimgraphError, InputError, StoreError

# Names re-exported from the library, by module. They load on first use (``__getattr__`` below), so
# importing this module costs next to nothing and a command pays only for what it calls.
# To re-export a name: add it here (``__all__`` lists it from here). To add a function: define it
# below and import what it needs inside its body. Nothing else in this module imports the library
# eagerly.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "claimgraph.article.load": (
        "article_from_text", "article_id_for", "default_article_path", "load_article",
    ),
    "claimgraph.article.readers": ("MAX_ARTICLE_BYTES", "decode_article"),
    "claimgraph.article.titles": ("best_title",),
    "claimgraph.audit.corpus": ("audit_corpus",),
    "claimgraph.audit.corpus_inputs": ("LIST_SUFFIXES", "is_url", "read_input_list"),
    "claimgraph.audit.corpus_report": ("corpus_to_json", "render_corpus_markdown", "render_corpus_text"),
    "claimgraph.audit.endnote_export": ("corrected_endnotes",),
    "claimgraph.audit.json_report": ("audit_to_json", "source_to_json"),
    "claimgraph.audit.pipeline": ("AuditOptions", "audit", "audit_article"),
    "claimgraph.audit.report": ("render_markdown", "render_text"),
    "claimgraph.evidence": ("get_judge", "judge_text"),
    "claimgraph.evidence.judges": ("JUDGE_SUMMARY", "STANCES"),
    "claimgraph.evidence.status": ("claim_statuses",),
    "claimgraph.fetch": ("FetchConfig", "collect_sources"),
    "claimgraph.fetch.archive": ("export_warc", "import_warcs"),
    "claimgraph.fetch.captures": ("CaptureStore",),
    "claimgraph.fetch.config": ("default_cache_dir",),
    "claimgraph.fetch.progress": ("FetchSummary", "ProgressCallback", "SummaryCallback"),
    "claimgraph.graph.evidence": ("evidence_work",),
    "claimgraph.graph.queries": (
        "NamedQuery", "list_queries", "load_query", "run_query", "run_untrusted_query",
    ),
    "claimgraph.graph.reviews": ("apply_reviews", "load_reviews", "record_review"),
    "claimgraph.graph.server": ("serve_until_interrupted", "start_guarded_server", "start_server"),
    "claimgraph.graph.store": ("GraphStore", "QueryResult", "open_store"),
    "claimgraph.graph.store_spec": ("is_directory_spec", "store_spec_problem"),
    "claimgraph.graph.triples": ("endnote_work",),
    "claimgraph.graph.untrusted": ("QueryRefused", "check_untrusted_query"),
    "claimgraph.graph.vocab": ("CG", "article_iri", "bind_prefixes", "claim_iri", "graph_iri"),
    "claimgraph.model": ("AuditResult", "Source"),
    "claimgraph.shipped": ("default_snapshots_dir",),
}
_RENAMED = {"ENDNOTE_FORMATS": ("claimgraph.audit.endnote_export", "FORMATS")}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

if TYPE_CHECKING:  # pragma: no cover - what the names above are, for type checkers and readers
    import rdflib

    from claimgraph.fetch.config import FetchConfig
    from claimgraph.fetch.progress import ProgressCallback, SummaryCallback
    from claimgraph.graph.store import GraphStore, QueryResult
    from claimgraph.hints import Hint
    from claimgraph.model import AuditResult, Source


def __getattr__(name: str) -> Any:
    """Load a re-exported name from its module the first time it is asked for."""
    import importlib

    if name in _MODULE_OF:
        module, attribute = _MODULE_OF[name], name
    elif name in _RENAMED:
        module, attribute = _RENAMED[name]
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF) | set(_RENAMED))


GRAPH_FORMATS = {
    "turtle": "turtle",
    "ttl": "turtle",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "trig": "trig",
    "nquads": "nquads",
}
EXPORT_FORMATS = GRAPH_FORMATS  # the old name
DATASET_FORMATS = ("trig", "nquads")

__all__ = [  # the re-exported names, then the functions defined here
    *_MODULE_OF,
    *_RENAMED,
    "GRAPH_FORMATS",
    "check_sources",
    "ensure_sample",
    "export_graph",
    "export_store",
    "fetch_article",
    "fetch_settings",
    "open_store_or_none",
    "render_report",
    "run_untrusted_on_dataset",
    "stored_location_value",
    "stored_locations",
]


def open_store_or_none(spec: str | None, warn: Callable[[str], None]) -> GraphStore | None:
    """Open a store for writing the audit; ``none`` gives None, a failure warns and gives None."""
    from claimgraph.graph.store import open_store

    if spec == "none":
        return None
    try:
        return open_store(spec)
    except StoreError as error:
        warn(f"graph not stored: {error}")
        return None


def render_report(result: AuditResult, fmt: str, words: Mapping[Hint, str] | None = None) -> str:
    """An audit report as ``text``, ``markdown`` or ``json``; ``words`` phrase the hints (JSON: codes)."""
    from claimgraph.audit.json_report import audit_to_json
    from claimgraph.audit.report import render_markdown, render_text

    if fmt == "text":
        return render_text(result, words=words)
    if fmt == "markdown":
        return render_markdown(result, words=words)
    if fmt == "json":
        import json

        return json.dumps(audit_to_json(result), indent=2, ensure_ascii=False) + "\n"
    raise InputError(f"unknown report format {fmt!r}; choose from text, markdown, json")


def export_graph(graph: rdflib.Graph | rdflib.Dataset, fmt: str) -> str:
    """Serialise a graph (Turtle, JSON-LD, N-Triples) or a dataset (TriG, N-Quads)."""
    import rdflib

    from claimgraph.graph.ntriples import native_serialize, plain_graph
    from claimgraph.graph.vocab import bind_prefixes

    name = GRAPH_FORMATS.get(fmt.lower())
    if name is None:
        raise InputError(f"unknown export format {fmt!r}; choose from {', '.join(sorted(GRAPH_FORMATS))}")
    bind_prefixes(graph)
    native = native_serialize(graph, name)
    if native is not None:
        return native
    graph = (
        plain_graph(graph)
        if isinstance(graph, rdflib.Graph) and not isinstance(graph, rdflib.Dataset)
        else graph
    )
    if name == "json-ld":
        return graph.serialize(format="json-ld", indent=2, auto_compact=True)
    return graph.serialize(format=name)


def export_store(store: GraphStore, fmt: str, article: str | None = None) -> str:
    """The stored graph (or one article's graph) in ``fmt``; an unknown article is an InputError."""
    import rdflib

    from claimgraph.graph.vocab import graph_iri

    names = store.graph_names()
    if article:
        wanted = graph_iri(article)
        if wanted not in names:
            ids = ", ".join(str(n).rsplit("/", 1)[-1] for n in names) or "none"
            raise InputError(f"no article {article!r} in the store; stored articles: {ids}")
        names = [wanted]
    if GRAPH_FORMATS.get(fmt.lower()) in DATASET_FORMATS:
        data = rdflib.Dataset()
        for name in names:
            target = data.graph(name)
            for triple in store.graph(name):
                target.add(triple)
        return export_graph(data, fmt)
    merged = rdflib.Graph()
    for name in names:
        merged += store.graph(name)
    return export_graph(merged, fmt)


def fetch_settings(
    *, allow_private: bool = False, contact: str | None = None, refresh: bool = False,
    max_age_days: float | None = None,
) -> FetchConfig:
    """Fetch settings with the usual defaults and these choices (``max_age_days`` in days)."""
    from claimgraph.fetch.config import FetchConfig

    config = FetchConfig(allow_private=allow_private, refresh=refresh,
                         max_age=None if max_age_days is None else max_age_days * 86400)
    if contact:
        config.contact = contact
    return config


def check_sources(
    urls: list[str], *, offline: bool = False, cache_dir: Path | None = None,
    config: FetchConfig | None = None, on_progress: ProgressCallback | None = None,
    on_summary: SummaryCallback | None = None, extract: bool = True,
) -> dict[str, Source]:
    """Health, metadata and text of each URL (captures, then snapshots, then the network).

    ``extract=False`` checks link health only; ``config`` holds the fetch settings (address guard,
    refresh, maximum capture age). The answer's ``network_down`` says whether the network looked
    unavailable; ``on_summary`` hears once what was fetched.
    """
    from claimgraph.fetch import collect_sources
    from claimgraph.fetch.config import default_cache_dir
    from claimgraph.shipped import default_snapshots_dir

    return collect_sources(
        urls, offline=offline, cache_dir=cache_dir or default_cache_dir(),
        snapshots_dir=default_snapshots_dir(), progress=on_progress, on_summary=on_summary,
        config=config, extract=extract,
    )


def ensure_sample(store: GraphStore, on_ingest: Callable[[str], None] | None = None) -> None:
    """Audit the embedded sample into an empty store so every command works out of the box."""
    from claimgraph.article.load import default_article_path
    from claimgraph.audit.pipeline import AuditOptions, audit

    if store.graph_names():
        return
    if on_ingest:
        on_ingest(f"the store is empty; auditing the embedded sample {default_article_path().name} first")
    audit(store=store, options=AuditOptions())


def fetch_article(url: str, *, allow_private: bool = False) -> str:
    """Download an article page as the CLI would (robots, address guard, article size limit), decoded."""
    from claimgraph.article.readers import MAX_ARTICLE_BYTES, decode_article
    from claimgraph.fetch.aio_collect import fetch_one
    from claimgraph.fetch.config import FetchConfig
    from claimgraph.hints import hint_for_error_kind

    config = FetchConfig(allow_private=allow_private, max_body_bytes=MAX_ARTICLE_BYTES)
    response = fetch_one(url, config)
    if response.error or not (200 <= response.status < 300):
        reason = response.error or f"HTTP status {response.status}"
        raise ClaimgraphError(f"could not fetch {url}: {reason}",
                              hint=hint_for_error_kind(response.error_kind))
    text, _problems = decode_article(response.body, response.final_url or url)
    return text


# --- What the explorer needs (issue 14: the faces reach the library only through this module) ---
# Its re-exports are in ``_EXPORTS`` above; these are a few thin wrappers.


def run_untrusted_on_dataset(dataset: rdflib.Dataset, text: str) -> QueryResult | rdflib.Graph:
    """Run a query someone typed on an in-memory dataset, through the untrusted-query guard."""
    from claimgraph.graph.queries import run_untrusted_query
    from claimgraph.graph.store_memory import RdflibStore

    return run_untrusted_query(RdflibStore(dataset), text)


def stored_location_value(store: GraphStore, article_id: str) -> str | None:
    """Where an article in the store was read from (its ``cg:location``), as stored, or None."""
    from claimgraph.graph.vocab import CG, article_iri, graph_iri

    value = store.graph(graph_iri(article_id)).value(article_iri(article_id), CG.location)
    return None if value is None else str(value)


# Fixed text, no user input: where each stored article was read from (cg:location).
_LOCATIONS = """PREFIX cg: <https://w3id.org/claimgraph/ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?article ?location WHERE {
  GRAPH ?g { ?a cg:location ?location ; dcterms:identifier ?article }
}"""


def stored_locations(store: GraphStore) -> dict[str, str]:
    """Article id → where each article in the store was read from (``cg:location``)."""
    return {str(r["article"]): str(r["location"]) for r in store.query(_LOCATIONS).as_dicts()}


# --- end of the explorer's block ---
