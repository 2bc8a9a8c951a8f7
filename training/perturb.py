"""Hard negatives for training: a supported claim made false by one generic edit.

Each rule is ordinary English structure, not anything seen in a data set: swap a word for its
antonym (rose/fell, increased/decreased), negate the first auxiliary verb (or drop an existing
negation), or change a number or year. The edited claim contradicts the evidence that supported
the original, so it is labelled REFUTE.
"""

from __future__ import annotations

import random
import re

ANTONYM_PAIRS = [
    ("increase", "decrease"), ("increased", "decreased"), ("increases", "decreases"),
    ("increasing", "decreasing"), ("rise", "fall"), ("rose", "fell"), ("risen", "fallen"),
    ("rising", "falling"), ("rises", "falls"), ("higher", "lower"), ("more", "less"),
    ("most", "least"), ("larger", "smaller"), ("greater", "smaller"), ("improve", "worsen"),
    ("improved", "worsened"), ("improves", "worsens"), ("effective", "ineffective"),
    ("positive", "negative"), ("reduce", "raise"), ("reduced", "raised"), ("reduces", "raises"),
    ("before", "after"), ("above", "below"), ("strong", "weak"), ("stronger", "weaker"),
    ("high", "low"), ("many", "few"), ("always", "never"), ("gain", "loss"),
    ("success", "failure"), ("accepted", "rejected"), ("confirmed", "denied"),
    ("supports", "opposes"), ("won", "lost"), ("first", "last"), ("earlier", "later"),
    ("safe", "dangerous"), ("common", "rare"), ("beneficial", "harmful"), ("benefit", "harm"),
    ("associated", "unassociated"), ("likely", "unlikely"), ("able", "unable"),
    ("possible", "impossible"), ("present", "absent"), ("protects", "endangers"),
    ("expanded", "shrank"), ("grew", "shrank"), ("up", "down"), ("true", "false"),
    ("alive", "dead"), ("born", "died"), ("open", "closed"), ("male", "female"),
    ("north", "south"), ("east", "west"), ("old", "young"), ("older", "younger"),
    ("best", "worst"), ("better", "worse"), ("same", "different"), ("similar", "different"),
    ("with", "without"), ("include", "exclude"), ("includes", "excludes"),
    ("sharply", "slightly"), ("significantly", "insignificantly"),
]
ANTONYMS = {a: b for a, b in ANTONYM_PAIRS} | {b: a for a, b in ANTONYM_PAIRS}
AUXILIARIES = {"is", "are", "was", "were", "can", "could", "will", "would", "has", "have",
               "had", "does", "do", "did", "should", "may", "might", "must"}
NEGATION = re.compile(r"\b(?:not|never)\s+|n't\b", re.I)
WORD = re.compile(r"[A-Za-z]+")
NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)?)(?![\w])")


def _match_case(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def swap_antonym(claim: str, rng: random.Random) -> str | None:
    """The claim with one word replaced by its antonym, or None."""
    spots = [m for m in WORD.finditer(claim) if m.group().lower() in ANTONYMS]
    if not spots:
        return None
    m = rng.choice(spots)
    return claim[: m.start()] + _match_case(ANTONYMS[m.group().lower()], m.group()) + claim[m.end():]


def flip_negation(claim: str, rng: random.Random) -> str | None:
    """The claim with its negation removed, or with 'not' after its first auxiliary verb."""
    if NEGATION.search(claim):
        undone = re.sub(r"\b(ca|wo)n't\b", lambda m: "can" if m.group(1).lower() == "ca" else "will",
                        claim, count=1, flags=re.I)
        return undone if undone != claim else NEGATION.sub("", claim, count=1)
    for m in WORD.finditer(claim):
        if m.group().lower() in AUXILIARIES:
            return claim[: m.end()] + " not" + claim[m.end():]
    return None


def change_number(claim: str, rng: random.Random) -> str | None:
    """The claim with one number or year changed, or None."""
    spots = list(NUMBER.finditer(claim))
    if not spots:
        return None
    m = rng.choice(spots)
    text = m.group().replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return None
    if "." not in text and 1500 <= value <= 2100:
        new = str(int(value) + rng.choice([-7, -5, -3, -2, 2, 3, 5, 7]))
    elif "." in text:
        new = f"{value * rng.choice([0.3, 0.5, 2, 3]):.{len(text.split('.')[1])}f}"
    else:
        new = str(max(int(value * rng.choice([0.25, 0.5, 2, 3, 10])), int(value) + 2))
    return claim[: m.start()] + new + claim[m.end():]


RULES = (swap_antonym, flip_negation, change_number)


def contradict(claim: str, rng: random.Random) -> str | None:
    """A contradicting edit of a claim by a randomly chosen applicable rule, or None."""
    rules = list(RULES)
    rng.shuffle(rules)
    for rule in rules:
        edited = rule(claim, rng)
        if edited and edited != claim:
            return re.sub(r"\s{2,}", " ", edited)
    return None
