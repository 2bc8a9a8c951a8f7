"""Time evidence search for every claim × source pair of a generated corpus.

1,000 claims and 5,000 sources (12 sentences each, Zipf-distributed words over a 20,000-word
vocabulary, 100 topics). Every pair is scored by BM25 through the inverted index (pairs that
share no term score zero without being touched); per claim its cited source and the best
``OTHER_CANDIDATES`` other sources get the full judge (features, stance, quotes).

    python benchmarks/evidence_speed.py [--claims 1000] [--sources 5000]
    python benchmarks/evidence_speed.py --model [--claims 1000]   # the trained judge

``--model`` times the trained judge alone: every claim against 5 sources (its cited source and
4 others on the same topic), the top 3 passages of each judged by the model (15 pairs a claim,
one batch), the model loaded once.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimgraph.evidence import judge_article  # noqa: E402
from claimgraph.evidence.article import OTHER_CANDIDATES  # noqa: E402
from claimgraph.model import Article, Citation, Claim, Source  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ra", "te", "su", "vo", "ne", "pi", "da", "go", "ze", "fu", "bi"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Distinct made-up words."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def corpus(claims: int, sources: int, seed: int = 7) -> tuple[Article, dict[int, Source]]:
    """An article with ``claims`` claims, each citing one of ``sources`` generated sources."""
    rng = random.Random(seed)
    words = vocabulary(20_000, rng)
    cumulative, total = [], 0.0
    for rank in range(len(words)):
        total += 1 / (rank + 1)
        cumulative.append(total)
    topics = [rng.sample(words[2000:], 40) for _ in range(100)]

    def sentence(topic: list[str], length: int) -> str:
        general = rng.choices(words, cum_weights=cumulative, k=length // 2)
        specific = rng.choices(topic, k=length - len(general))
        mixed = general + specific
        rng.shuffle(mixed)
        return " ".join(mixed).capitalize() + "."

    made: dict[int, Source] = {}
    for number in range(1, sources + 1):
        topic = topics[number % len(topics)]
        text = " ".join(sentence(topic, rng.randint(12, 24)) for _ in range(12))
        made[number] = Source(url=f"https://site{number % 300}.example/page/{number}", text=text)
    text, claim_list, citations = "", [], []
    for index in range(claims):
        cited = rng.randint(1, sources)
        body = made[cited].text.split(". ")[rng.randrange(12)]
        words_in = body.rstrip(".").split()
        claim_text = " ".join(words_in[: rng.randint(8, len(words_in))]).capitalize() + "."
        start = len(text)
        text += claim_text + "\n"
        claim = Claim(id=f"c{index}", text=claim_text, section="Body", start=start,
                      end=start + len(claim_text), block=index)
        citation = Citation(id=f"c{index}.1", claim=claim.id, label="1", start=claim.end,
                            end=claim.end, endnote=cited)
        claim.citation_ids.append(citation.id)
        claim_list.append(claim)
        citations.append(citation)
    article = Article(id="speed", title="Generated", text=text, format="text", claims=claim_list,
                      citations=citations)
    return article, made


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, judge every claim against it, print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=5000)
    parser.add_argument("--model", action="store_true", help="time the trained judge")
    args = parser.parse_args(argv)
    if args.model:
        return model_speed(args.claims, args.sources)
    started = time.perf_counter()
    article, sources = corpus(args.claims, args.sources)
    generated = time.perf_counter() - started
    passages = sum(s.text.count(". ") + 1 for s in sources.values())
    started = time.perf_counter()
    evidence = judge_article(article, sources)
    elapsed = time.perf_counter() - started
    pairs = args.claims * args.sources
    cited = [e for e in evidence if e.cited]
    print(f"corpus: {args.claims} claims x {args.sources} sources = {pairs:,} pairs "
          f"(~{passages:,} passages; generated in {generated:.1f} s)")
    print(f"judge_article (prepare sources, index, BM25 over all pairs, judge cited + top "
          f"{OTHER_CANDIDATES} others per claim): {elapsed:.1f} s  "
          f"({elapsed / pairs * 1e6:.2f} us per pair)")
    print(f"evidence items: {len(evidence):,}; cited sources judged 'supports': "
          f"{sum(e.stance == 'supports' for e in cited)}/{len(cited)}")
    print(f"target: under 60 s -> {'met' if elapsed < 60 else 'NOT met'}")
    return 0


def model_speed(claims: int, sources: int) -> int:
    """1,000 claims x 5 sources x top-3 passages through the trained judge."""
    from claimgraph.evidence.judges import get_judge
    from claimgraph.evidence.retrieval import document_from_source

    article, made = corpus(claims, sources)
    started = time.perf_counter()
    judge = get_judge("model")
    loaded = time.perf_counter() - started
    documents = {n: document_from_source(s) for n, s in made.items()}
    by_id = {c.id: c for c in article.citations}
    rng = random.Random(11)
    started = time.perf_counter()
    stances: dict[str, int] = {}
    for claim in article.claims:
        cited = by_id[claim.citation_ids[0]].endnote
        same_topic = [n for n in range(cited % 100 or 100, sources + 1, 100) if n != cited]
        chosen = [cited] + rng.sample(same_topic, 4)
        verdicts = judge.judge_many(claim.text, [documents[n] for n in chosen],
                                    cited=[True] * len(chosen))
        for verdict in verdicts:
            stances[verdict.stance] = stances.get(verdict.stance, 0) + 1
    elapsed = time.perf_counter() - started
    pairs = claims * 5 * 3
    print(f"trained judge ({judge.name}): model loaded in {loaded:.2f} s; {claims} claims x 5 "
          f"sources x top-3 passages = {pairs:,} passage pairs in {elapsed:.1f} s "
          f"({elapsed / pairs * 1e3:.1f} ms a pair); stances {stances}")
    print(f"target: under 120 s -> {'met' if elapsed < 120 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
