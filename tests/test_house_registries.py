"""One list of settings, one list of finding kinds, one door per layer: checked against code and README."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from claimgraph import settings
from claimgraph.audit.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "claimgraph"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_table(heading: str) -> list[str]:
    """The first column (backticked names) of the README table under ``## heading``."""
    section = README.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    names = []
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            names += re.findall(r"`([^`]+)`", line.split("|")[1])
    return names


def _library_files():
    return sorted(LIBRARY.rglob("*.py"))


def test_every_setting_is_in_the_readme_and_back():
    assert sorted(_readme_table("Settings")) == sorted(s.name for s in settings.SETTINGS)


def test_no_module_reads_the_environment_but_settings():
    offenders = [str(p.relative_to(ROOT)) for p in _library_files()
                 if p.name != "settings.py" and re.search(r"os\.environ\b|getenv\(", p.read_text())]
    assert offenders == []


def test_every_variable_named_in_the_code_is_a_setting():
    named = set()
    for path in [*_library_files(), ROOT / "app.py"]:
        named |= set(re.findall(r"\bCLAIMGRAPH_[A-Z_]+[A-Z]\b", path.read_text(encoding="utf-8")))
    unknown = sorted(n for n in named if not settings.is_known(n) and not n.endswith("_BASE"))
    assert unknown == []


def test_a_setting_falls_back_to_its_default(monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_SPARQL_TIMEOUT", "not a number")
    assert settings.get_float("CLAIMGRAPH_SPARQL_TIMEOUT") == 300.0
    monkeypatch.setenv("CLAIMGRAPH_BASE_ARXIV", "http://127.0.0.1:1/api")
    assert settings.get("CLAIMGRAPH_BASE_ARXIV") == "http://127.0.0.1:1/api"
    with pytest.raises(KeyError):
        settings.get("CLAIMGRAPH_NOT_A_SETTING")


def _emitted_kinds() -> set[str]:
    """Kinds the code can emit: literals in Finding(...) calls and kind assignments, and check headers."""
    kinds = set()
    for path in _library_files():
        text = path.read_text(encoding="utf-8")
        kinds |= set(re.findall(r"Finding\(\s*(?:kind\s*=\s*)?\"(\w+)\"", text))
        kinds |= set(re.findall(r"\bkind\s*=\s*\"(\w+)\"\s*,\s*severity", text))
        if re.search(r"Finding\(\s*kind\s*,", text):  # the kind is chosen just before the call
            for chosen in re.findall(r"^\s*kind\s*=\s*\"(\w+)\"\s+if\s.*\selse\s+\"(\w+)\"", text, re.M):
                kinds |= set(chosen)
    for check in (ROOT / "queries" / "checks").glob("*.rq"):
        kinds |= set(re.findall(r"^#\s*kind:\s*(\w+)", check.read_text(encoding="utf-8"), re.M))
    return kinds


def test_every_emitted_kind_is_registered_and_in_the_readme():
    emitted = _emitted_kinds()
    assert {"input_problem", "date_mismatch", "no_author", "orphan_endnote"} <= emitted
    assert sorted(emitted - set(KINDS)) == []
    assert sorted(set(KINDS) - set(_readme_table("Findings"))) == []


def test_the_sample_audit_emits_only_registered_kinds(sample_path):
    from claimgraph.api import AuditOptions, audit

    result = audit(sample_path, options=AuditOptions())
    assert result.findings
    assert sorted({f.kind for f in result.findings} - set(KINDS)) == []


def test_no_library_module_prints():
    faces = ("cli", "explorer")
    offenders = [str(p.relative_to(ROOT)) for p in _library_files()
                 if p.relative_to(LIBRARY).parts[0] not in faces and re.search(r"^\s*print\(", p.read_text(), re.M)]
    assert offenders == []


def test_no_import_cycle():
    import grimp
    import networkx as nx

    graph = grimp.build_graph("claimgraph", cache_dir=None)
    edges = [(m, i) for m in graph.modules for i in graph.find_modules_directly_imported_by(m)]
    cycles = list(nx.simple_cycles(nx.DiGraph(edges)))
    assert cycles == []
    assert ("claimgraph.graph.store_oxigraph", "claimgraph.graph.server") not in edges
    assert not [e for e in edges if e[0].startswith("claimgraph.extract") and e[1].startswith("claimgraph.fetch")]


def test_every_package_is_shipped():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in LIBRARY.rglob("*.py")}
    assert sorted(on_disk - listed) == []


def test_cli_format_lists_match_the_library():
    from claimgraph import api
    from claimgraph.article.readers import READERS
    from claimgraph.cli import audit as audit_cli
    from claimgraph.cli import export as export_cli

    assert set(export_cli.GRAPH_FORMATS) == set(api.GRAPH_FORMATS)
    assert set(export_cli.ENDNOTE_FORMATS) == set(api.ENDNOTE_FORMATS)
    assert set(audit_cli.ARTICLE_FORMATS) == set(READERS)
    from claimgraph.evidence.judges import JUDGES

    assert set(audit_cli.AUDIT_JUDGES) == set(JUDGES) - {"endpoint"}


def test_shipped_data_is_read_from_the_package_and_user_queries_add_to_it(tmp_path, monkeypatch):
    from claimgraph.errors import QueryError
    from claimgraph.graph.queries import list_queries, load_query
    from claimgraph.shipped import sample_articles_dir, shipped_queries_dir

    assert (shipped_queries_dir() / "checks").is_dir() and list(sample_articles_dir().glob("*.txt"))
    shipped = {q.name for q in list_queries()}
    (tmp_path / "mine.rq").write_text("# My own query.\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n")
    monkeypatch.setenv("CLAIMGRAPH_QUERIES", str(tmp_path))
    assert {q.name for q in list_queries()} == shipped | {"mine"}
    assert load_query("mine").description == "My own query."
    monkeypatch.setenv("CLAIMGRAPH_QUERIES", str(tmp_path / "missing"))
    with pytest.raises(QueryError):
        list_queries()
