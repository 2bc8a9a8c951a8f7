"""Time evidence search for every claim × source pair of a generated corpus.

1,000 claims and 5,000 sources (12 sentences each, Zipf-distributed words over a 20,000-word
vocabulary, 100 topics). Every pair is scored by BM25 through the inverted index (pairs that
share no term score zero without being touched); per claim its cited source and the best
``OTHER_CANDIDATES`` other sources get the full judge (features, stance, quotes).

    python benchmarks/evidence_speed.py [--claims 1000] [--sources 5000]
    python benchmarks/evidence_speed.py --model [--claims 1000] [--model-dir DIR]  # trained judge

``--model`` times the trained judge against the lexical one in the same run: the offline
sample audit (a whole ``claimgraph audit`` process each, with the hybrid judge too), then every claim against 5 sources
(its cited source and 4 others on the same topic), the top 3 passages of each judged by the model
as its ``judge.json`` says (joined: one input per source; else each passage and their window;
all claims in one ``judge_batch``), the model loaded once. ``--model-dir`` times another exported
judge folder (``claimgraph audit --judge model:DIR``).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimgraph.evidence import judge_article  # noqa: E402
from claimgraph.evidence.article import OTHER_CANDIDATES  # noqa: E402
from claimgraph.evidence.onnx_judge import DIR_VARIABLE  # noqa: E402
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
    parser.add_argument("--model-dir", default="", help="an exported judge folder (default: shipped)")
    parser.add_argument("--no-audit", action="store_true", help="skip the sample audit timings")
    args = parser.parse_args(argv)
    if args.model:
        return model_speed(args.claims, args.sources, args.model_dir, not args.no_audit)
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


def _audit_seconds(judge: str, folder: str = "") -> float:
    """Wall time of the offline sample audit, ``claimgraph audit --judge JUDGE``, start to end
    (``folder``: the model judge read from there, through ``CLAIMGRAPH_JUDGE_DIR``)."""
    environment = dict(os.environ, **({DIR_VARIABLE: folder} if folder else {}))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimgraph", "audit", "--judge", judge, "-q"],
                          capture_output=True, text=True, check=False, env=environment)
    if done.returncode not in (0, 1):
        raise SystemExit(f"claimgraph audit failed ({done.returncode}): {done.stderr.strip()}")
    return time.perf_counter() - started


def _five_sources(article: Article, sources: int) -> list[tuple[str, list[int]]]:
    """Per claim, its cited source and 4 other sources on the same topic."""
    by_id = {c.id: c for c in article.citations}
    rng = random.Random(11)
    chosen = []
    for claim in article.claims:
        cited = by_id[claim.citation_ids[0]].endnote
        same_topic = [n for n in range(cited % 100 or 100, sources + 1, 100) if n != cited]
        chosen.append((claim.text, [cited] + rng.sample(same_topic, 4)))
    return chosen


def model_speed(claims: int, sources: int, folder: str = "", audit_too: bool = True) -> int:
    """The trained judge against the lexical one, in the same run: the offline sample audit,
    then ``claims`` claims x 5 sources x top-3 passages (every claim's passages in one batch)."""
    from claimgraph.evidence.judges import get_judge
    from claimgraph.evidence.retrieval import document_from_source

    spec = f"model:{folder}" if folder else "model"
    print(f"load average before: {_load_average()}; cores: {len(os.sched_getaffinity(0))}")
    if audit_too:
        audit = {judge: min(_audit_seconds(judge, folder) for _ in range(2))
                 for judge in ("lexical", "model", "hybrid")}
        print(f"sample audit offline (whole CLI process, best of 2): lexical "
              f"{audit['lexical']:.2f} s, model {audit['model']:.2f} s "
              f"(x{audit['model'] / audit['lexical']:.1f}), hybrid {audit['hybrid']:.2f} s "
              f"(x{audit['hybrid'] / audit['lexical']:.1f}); target < 3 s -> model "
              f"{'met' if audit['model'] < 3 else 'NOT met'}, hybrid "
              f"{'met' if audit['hybrid'] < 3 else 'NOT met'}")
    article, made = corpus(claims, sources)
    started = time.perf_counter()
    judge = get_judge(spec)
    loaded = time.perf_counter() - started
    lexical = get_judge("lexical")
    documents = {n: document_from_source(s) for n, s in made.items()}
    chosen = _five_sources(article, sources)
    started = time.perf_counter()
    lexical_stances: dict[str, int] = {}
    for claim, numbers in chosen:
        for number in numbers:
            stance = lexical.judge(claim, documents[number]).stance
            lexical_stances[stance] = lexical_stances.get(stance, 0) + 1
    lexical_seconds = time.perf_counter() - started
    probe = [(claim, documents[numbers[0]].text) for claim, numbers in chosen[:CALIBRATION]]
    before = _isolated_ms(judge, probe)
    counted = judge.inputs_judged
    started = time.perf_counter()
    batches = judge.judge_batch([(claim, [documents[n] for n in numbers], [True] * len(numbers))
                                 for claim, numbers in chosen])
    elapsed = time.perf_counter() - started
    pairs = judge.inputs_judged - counted
    after = _isolated_ms(judge, probe)
    stances: dict[str, int] = {}
    for verdicts in batches:
        for verdict in verdicts:
            stances[verdict.stance] = stances.get(verdict.stance, 0) + 1
    shape = ("one input: top-3 passages joined" if getattr(judge, "joined", False)
             else "top-3 passages + their window")
    print(f"trained judge ({judge.name}): model loaded in {loaded:.2f} s; {claims} claims x 5 "
          f"sources x ({shape}) = {pairs:,} model inputs in {elapsed:.1f} s "
          f"({elapsed / max(pairs, 1) * 1e3:.1f} ms an input); stances {stances}")
    print(f"lexical judge, same {claims * 5:,} (claim, source) pairs: {lexical_seconds:.1f} s; "
          f"model / lexical x{elapsed / lexical_seconds:.1f}")
    print(f"target: under 120 s -> {'met' if elapsed < 120 else 'NOT met'}")
    print(f"the model alone on {len(probe)} inputs cut to {judge.window_tokens} tokens, before / "
          f"after: {before:.1f} / {after:.1f} ms an input (the run: "
          f"{elapsed / max(pairs, 1) * 1e3 / ((before + after) / 2):.2f} x that; a quiet figure of "
          "this probe times the inputs gives the quiet run)")
    print(f"load average after: {_load_average()}")
    return 0


CALIBRATION = 63  # inputs of the probe timed before and after the run (3 batches of 21)


def _isolated_ms(judge: object, pairs: list[tuple[str, str]]) -> float:
    """Milliseconds an input for the model alone on ``pairs`` cut to the joined input's cap."""
    started = time.perf_counter()
    judge.probabilities(pairs, [judge.window_tokens] * len(pairs))  # type: ignore[attr-defined]
    return (time.perf_counter() - started) / max(len(pairs), 1) * 1e3


def _load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
