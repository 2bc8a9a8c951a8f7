"""Validating an article graph against the project's SHACL shapes (pyshacl)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from claimgraph.graph.ntriples import plain_graph

SHAPES_PATH = Path(__file__).resolve().parent.parent / "data" / "shapes.ttl"

__all__ = ["SHAPES_PATH", "validate_graph"]


def validate_graph(graph: Graph) -> tuple[bool, str]:
    """(conforms, report text) for ``graph`` against ``data/shapes.ttl``."""
    from pyshacl import validate

    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    conforms, _, text = validate(plain_graph(graph), shacl_graph=shapes, inference="none", advanced=False)
    return bool(conforms), str(text)
