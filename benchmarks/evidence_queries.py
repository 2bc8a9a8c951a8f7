"""Time the four evidence queries on a generated evidence graph in the embedded Oxigraph store.

ARTICLES articles × CLAIMS claims, each claim judged against 3 of SOURCES shared sources
(random stances, one quote each), 2 % of pairs reviewed by a person, sources grouped into
origins of up to 3.

    python benchmarks/evidence_queries.py [--articles 10] [--claims 1000] [--sources 3000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import Graph  # noqa: E402

from claimgraph.graph.evidence import add_evidence_triples, evidence_work  # noqa: E402
from claimgraph.graph.reviews import record_review  # noqa: E402
from claimgraph.graph.store import open_store  # noqa: E402
from claimgraph.graph.triples import build_article_graph  # noqa: E402
from claimgraph.graph.vocab import claim_iri, graph_iri  # noqa: E402
from claimgraph.model import Article, Claim, Evidence, Quote  # noqa: E402

QUERIES = ("claims-without-support", "disputed-claims", "single-origin-support",
           "support-and-dispute")
STANCES = ("supports", "supports", "mentions", "disputes", "unrelated")


def main(argv: list[str] | None = None) -> int:
    """Build the store, run each query once, print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=3000)
    args = parser.parse_args(argv)
    rng = random.Random(5)
    urls = [f"https://site{i % 97}.example/page/{i}" for i in range(args.sources)]
    origins = {url: urls[i - i % 3] for i, url in enumerate(urls)}
    store = open_store("memory")
    started, triples, reviews = time.perf_counter(), 0, []
    for a in range(args.articles):
        claims = [Claim(id=f"c{i}", text=f"Claim {i} of article {a}.", section="Body",
                        start=0, end=0, block=i) for i in range(args.claims)]
        article = Article(id=f"article-{a}", title=f"Article {a}", text="", format="text",
                          claims=claims)
        evidence = []
        for claim in claims:
            for url in rng.sample(urls, 3):
                evidence.append(Evidence(claim.id, url, rng.choice(STANCES), 0.7,
                                         rng.random(), [Quote("A quoted sentence.", 0, 18)]))
        graph = Graph()
        for triple in build_article_graph(article, []):
            graph.add(triple)
        add_evidence_triples(graph, article.id, article, evidence, origins=origins)
        triples += len(graph)
        store.replace_graph(graph_iri(article.id), graph)
        reviews += [(article, e) for e in evidence if rng.random() < 0.02]
    for article, item in reviews[:200]:
        record_review(store, claim_iri(article.id, item.claim),
                      evidence_work(article, article.id, item), rng.choice(STANCES[:4]),
                      "Benchmark Reviewer", at="2025-01-01T00:00:00+00:00")
    print(f"store: {triples:,} triples in {args.articles} article graphs + "
          f"{min(len(reviews), 200)} reviews, built in {time.perf_counter() - started:.1f} s")
    for name in QUERIES:
        text = (ROOT / "queries" / f"{name}.rq").read_text()
        started = time.perf_counter()
        rows = len(store.query(text).rows)
        print(f"{name:<24} {time.perf_counter() - started:7.2f} s  {rows:>7,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
