"""Synthetic articles in the endnote-text format, for benchmarks and load tests.

Deterministic for a seed: paragraphs whose sentences carry ``[Label]domain`` markers with
citation cards, and an ``Endnotes`` list with the usual mess (tracking parameters, dropped
titles, glued words) so every stage of the audit has work to do.
"""

from __future__ import annotations

import calendar
import random

_WORDS = [
    "model",
    "training",
    "data",
    "policy",
    "energy",
    "climate",
    "river",
    "market",
    "health",
    "vaccine",
    "survey",
    "study",
    "result",
    "effect",
    "growth",
    "risk",
    "safety",
    "budget",
    "school",
    "water",
    "forest",
    "city",
    "law",
    "court",
    "trade",
    "price",
    "network",
    "signal",
    "memory",
    "language",
    "agent",
    "reward",
    "review",
    "system",
    "rate",
    "region",
    "sample",
    "trial",
    "cost",
]
_MONTHS = list(calendar.month_name)[1:]

__all__ = ["endnote_article"]


def _title(rng: random.Random, index: int) -> str:
    words = rng.sample(_WORDS, 5)
    return f"{words[0].capitalize()} {' '.join(words[1:])} report {index}"


def endnote_article(endnotes: int, seed: int = 7, sentences_per_citation: int = 2) -> str:
    """An article with ``endnotes`` endnotes, about 70 % of them cited inline."""
    rng = random.Random(seed)
    domains = [f"site{d}.example" for d in range(max(3, endnotes // 8))]
    notes = []
    for index in range(1, endnotes + 1):
        domain = rng.choice(domains)
        month = rng.randrange(12)
        date = f"{_MONTHS[month]} {rng.randint(1, 28)}, {rng.randint(2015, 2025)}"
        title = _title(rng, index)
        snippet = f"{title}{date} — The {rng.choice(_WORDS)} {rng.choice(_WORDS)} rose in {index}…"
        url = f"https://www.{domain}/{rng.randint(2015, 2025)}/{title.lower().replace(' ', '-')}"
        if rng.random() < 0.1:
            url += "?utm_source=newsletter"
        notes.append((domain, title if rng.random() > 0.15 else None, url, snippet, date))
    lines = [
        "Synthetic Desk",
        f"A Synthetic Article With {endnotes} Endnotes",
        "A standfirst sentence that introduces the synthetic article.",
        "",
    ]
    cited = rng.sample(range(endnotes), k=int(endnotes * 0.7))
    for paragraph_start in range(0, len(cited), 5):
        lines.append(f"Section {paragraph_start // 5 + 1} of the findings")
        for position in cited[paragraph_start : paragraph_start + 5]:
            domain, title, _, snippet, _ = notes[position]
            body = " ".join(
                f"The {rng.choice(_WORDS)} {rng.choice(_WORDS)} changed by {rng.randint(2, 90)} percent "
                f"in {rng.randint(2000, 2024)}."
                for _ in range(sentences_per_citation)
            )
            card = (title or "") + snippet[:80]
            lines.append(f"{body} [{domain.split('.')[0].title()}]{domain}{card}…")
    lines.append("Endnotes")
    for domain, title, url, snippet, date in notes:
        lines += ["-", f"Source: {domain}"]
        if title:
            lines.append(f"Title: {title}")
        lines += [f"Link: {url}Source snippet", snippet.rstrip("…") + "...", f"Published: {date}"]
    return "\n".join(lines) + "\n"
