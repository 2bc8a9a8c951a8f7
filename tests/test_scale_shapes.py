"""Shapes that made audits super-linear, each in a small hand-written form: the answers stay right.

Their speed is measured in benchmarks/audit_scale.py and benchmarks/hostile_probe.py, not here.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from claimgraph.api import AuditOptions, audit
from claimgraph.article.readers._lines import newlines_before
from claimgraph.article.titles import _quoted_in
from claimgraph.graph.article_query import select_rows
from claimgraph.graph.ntriples import TripleLines, iri, load_lines, new_graph, text
from claimgraph.graph.sources import add_source_triples
from claimgraph.graph.vocab import CG, endnote_iri
from claimgraph.model import Source

OPTIONS = AuditOptions(evidence=False, snapshots_dir=None)


def test_a_title_counts_as_quoted_only_between_quote_marks() -> None:
    assert _quoted_in("Deep Nets", 'As "Deep Nets" showed, nets are deep.')
    assert _quoted_in("Deep Nets", "In ‘Deep Nets’ and elsewhere")
    assert not _quoted_in("Deep Nets", "Deep Nets, unquoted")
    assert not _quoted_in("Deep Nets", '"Deep Nets')  # opened, never closed
    assert _quoted_in("Nets", 'Nets and "Nets"')  # a later occurrence is quoted


def test_line_numbers_by_search_match_counting() -> None:
    sample = "one\ntwo\n\nfour [1]\n" * 50
    for offset in (0, 3, 4, 9, 10, len(sample) // 2, len(sample)):
        assert newlines_before(sample, offset) == sample.count("\n", 0, offset)
    assert newlines_before("no newline", 5) == 0


def test_markers_on_a_long_text_keep_their_lines() -> None:
    body = "".join(f"Claim {i} holds. [{i % 3 + 1}]\n" for i in range(300))
    notes = "\n".join(f"{i}. Source {i}. https://example.org/p/{i}" for i in range(1, 4))
    result = audit(text=f"A Title\n\n{body}\nEndnotes\n{notes}\n", location="long.txt", options=OPTIONS)
    lines = [c.line for c in result.article.citations]
    assert lines == list(range(3, 303))  # the marker of claim i sits on line i + 3 of the file
    assert all(c.endnote == i % 3 + 1 for i, c in enumerate(result.article.citations))


def test_a_run_of_backticks_is_text_and_code_spans_still_read() -> None:
    markdown = "# T\n\nA claim.[^1] " + "`" * 3000 + " Use `pip` and ``a `b` c``.[^2]\n\n" \
        "[^1]: https://example.org/a\n[^2]: https://example.org/b\n"
    result = audit(text=markdown, location="ticks.md", options=OPTIONS)
    assert [c.endnote for c in result.article.citations] == [1, 2]
    assert "Use pip and a `b` c." in result.article.text


def test_check_queries_see_the_same_rows_in_place_and_in_a_copy() -> None:
    name = URIRef("https://example.org/graph/a")
    out = TripleLines()
    for number in (1, 2, 3):
        out.add(iri(f"https://example.org/e/{number}"), iri(str(CG.number)), text(str(number)))
    in_place = load_lines(new_graph(name), out)
    plain = Graph(identifier=name)
    for triple in in_place:
        plain.add(triple)
    query = ("SELECT ?e ?n WHERE { GRAPH ?g { ?e <https://w3id.org/claimgraph/ns#number> ?n } } "
             "ORDER BY ?n")
    rows = select_rows(in_place, query)
    assert rows == select_rows(plain, query)
    assert [row["n"] for row in rows] == ["1", "2", "3"]


def test_source_triples_replace_what_they_set() -> None:
    graph = new_graph(URIRef("https://example.org/graph/demo"))
    add_source_triples(graph, "demo", {1: Source(url="https://example.org/a", health="dead", status=404)})
    add_source_triples(graph, "demo", {1: Source(url="https://example.org/a", health="ok", status=200)})
    endnote = endnote_iri("demo", 1)
    assert [str(o) for o in graph.objects(endnote, CG.linkHealth)] == ["ok"]
    assert [o.toPython() for o in graph.objects(endnote, CG.httpStatus)] == [200]
    assert Literal("ok") in {Literal(str(o)) for o in graph.objects(endnote, CG.linkHealth)}


def test_comments_are_found_in_one_pass_and_an_unclosed_one_hides_nothing_after_it():
    from claimgraph.article.commented import commented_links

    text = ("intro\n<!-- old: https://example.org/a.pdf -->\n"
            + "<script>x<!--" * 2000  # hostile: thousands of comments never closed
            + "\ntail https://example.org/b")
    assert commented_links(text) == {"https://example.org/a.pdf": 2}
    assert commented_links("<!-- https://example.org/c --> <!-- no end https://example.org/d") == {
        "https://example.org/c": 1}
