"""RDFa items come out in page order and the same on every run, whatever Python's hash seed.

pyRdfa hands its triples over through an rdflib graph, whose iteration order follows the hash
seed, so without putting them back in order a page's "first" date, title or author changed from
one run to the next.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PAGE = """<html><head><title>x</title></head><body vocab="https://schema.org/">
<div typeof="NewsArticle"><h1 property="headline">Title A</h1>
<span property="datePublished" content="2021-03-04">4 March</span>
<span property="author" typeof="Person"><span property="name">Zoe Young</span></span>
<span property="author" typeof="Person"><span property="name">Ann Lee</span></span>
<span property="author" typeof="Person"><span property="name">Max Berg</span></span></div>
<div typeof="WebPage"><span property="name">Site page</span>
<span property="datePublished" content="2020-01-01"></span></div>
</body></html>"""

SCRIPT = """
import json, sys
from claimgraph.extract.structured import rdfa_items
from claimgraph.extract.tree import parse_html
print(json.dumps(rdfa_items(parse_html(sys.stdin.read()), "https://example.org/a")))
"""


def _items(seed: int) -> list[dict]:
    done = subprocess.run([sys.executable, "-c", SCRIPT], input=PAGE, capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)})
    return json.loads(done.stdout)


def test_rdfa_items_are_the_same_under_every_hash_seed_and_in_page_order() -> None:
    runs = [_items(seed) for seed in range(4)]
    assert all(run == runs[0] for run in runs[1:])
    article = next(item for item in runs[0] if "NewsArticle" in item["@type"])
    assert [a["name"] for a in article["author"]] == [["Zoe Young"], ["Ann Lee"], ["Max Berg"]]
    kinds = [item["@type"][0] for item in runs[0] if item["@type"][0] != "Person"]
    assert kinds == ["NewsArticle", "WebPage"], "items in the order the page gives them"
