"""Every subcommand, given a bad value for an option, ends in one stderr line and the documented code."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from claimgraph.cli import main


def run_cli(argv: list[str], capsys, stdin: str = "") -> tuple[int, list[str], str]:
    """Exit code, stderr lines and stdout of one in-process CLI run."""
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse exits on usage errors
        code = stop.code if isinstance(stop.code, int) else 2
    finally:
        sys.stdin = old_stdin
    captured = capsys.readouterr()
    return code, [line for line in captured.err.splitlines() if line.strip()], captured.out


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    """A filled store, an existing plain file, and a folder, shared by the cases below."""
    root = tmp_path_factory.mktemp("cli")
    store = root / "store"
    assert main(["audit", "--store", str(store), "--quiet", "--format", "json"]) == 0
    plain = root / "plain.txt"
    plain.write_text("not a folder")
    return {"STORE": str(store), "FILE": str(plain), "MISSING": str(root / "missing" / "dir" / "f"),
            "TYPO": str(root / "typo-store")}


BAD = [
    # (argv, exit code); STORE/FILE/MISSING/TYPO are filled from the fixture
    (["no-such-command"], 2),
    (["audit", "/no/such/article.md"], 2),
    (["audit", "--format", "docx"], 2),
    (["audit", "--article-format", "pdf"], 2),
    (["audit", "--out", "FILE"], 2),
    (["audit", "--out", "MISSING"], 2),
    (["audit", "--cache", "FILE"], 2),
    (["audit", "--fail-on", "critical"], 2),
    (["audit", "--store", "localhost:7878"], 2),
    (["audit", "--store", "FILE"], 2),
    (["audit", "--store", "ftp://example.org/store"], 2),
    (["audit", "--no-such-option"], 2),
    (["audit", "-"], 2),  # empty standard input
    (["query", "no-such-query", "--store", "STORE"], 2),
    (["query", "articles", "--param", "novalue", "--store", "STORE"], 2),
    (["query", "articles", "--param", "nosuch=1", "--store", "STORE"], 2),
    (["query", "claim-trace", "--store", "STORE"], 2),
    (["query", "articles", "--format", "xml", "--store", "STORE"], 2),
    (["query", "articles", "--store", "TYPO"], 2),
    (["query", "articles", "--store", "localhost:7878"], 2),
    (["query", "missing.rq", "--store", "STORE"], 2),
    (["export", "--format", "rdfxml", "--store", "STORE"], 2),
    (["export", "--endnotes", "--format", "docx"], 2),
    (["export", "--endnotes", "--format", "turtle"], 2),
    (["export", "--format", "bibtex", "--store", "STORE"], 2),
    (["export", "--article", "nosuch", "--store", "STORE"], 2),
    (["export", "--out", "MISSING", "--store", "STORE"], 2),
    (["export", "--out", "STORE", "--store", "STORE"], 2),
    (["export", "--endnotes", "/no/such/article.md"], 2),
    (["export", "--store", "TYPO"], 2),
    (["source"], 2),
    (["source", "https://example.org/", "--offline", "--format", "yaml"], 2),
    (["source", "https://example.org/", "--offline", "--fail-on", "sometimes"], 2),
    (["source", "https://example.org/", "--offline", "--cache", "FILE"], 2),
    (["serve", "--port", "99999"], 2),
    (["serve", "--port", "http"], 2),
    (["serve", "--store", "memory"], 2),
    (["serve", "--store", "localhost:7878"], 2),
    (["serve", "--store", "TYPO", "--read-only"], 2),
    (["judge", "a claim", "/no/such/source.txt"], 2),
    (["judge", "a claim"], 2),
    (["judge", "--jsonl", "/no/such/pairs.jsonl"], 2),
    (["judge", "a claim", "FILE", "--format", "xml"], 2),
    (["judge", "a claim", "FILE", "--judge", "no-such-judge"], 2),
    (["query", "articles", "--store", "http://127.0.0.1:9"], 3),  # nothing listens on port 9
]


@pytest.mark.parametrize(("argv", "code"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_value_gives_one_line_and_the_documented_code(argv, code, places, capsys):
    filled = [places.get(arg, arg) for arg in argv]
    got, err, _ = run_cli(filled, capsys)
    assert got == code, err
    assert len(err) == 1, err
    assert "Traceback" not in err[0] and err[0].startswith("claimgraph")


def test_version_is_the_installed_one(capsys):
    from importlib.metadata import version

    code, _, out = run_cli(["--version"], capsys)
    assert code == 0 and out.strip() == f"claimgraph {version('claimgraph')}"


def test_audit_reads_standard_input(sample_path, capsys):
    code, _, out = run_cli(["audit", "-", "--store", "none", "--format", "json"], capsys,
                           stdin=sample_path.read_text(encoding="utf-8"))
    report = json.loads(out)
    assert code == 0 and report["findings"]


def test_fail_on_says_which_findings(capsys):
    code, err, _ = run_cli(["audit", "--store", "none", "--fail-on", "high"], capsys)
    assert code == 1
    assert len(err) == 1 and "--fail-on high" in err[0] and "high" in err[0]


def test_source_says_when_every_link_is_dead_and_fails_only_when_asked(capsys):
    bad = "http://exa mple.org/x"  # malformed: no network needed
    code, err, _ = run_cli(["source", bad, "--offline"], capsys)
    assert code == 0 and any("all 1 of 1 links" in line for line in err)
    code, err, _ = run_cli(["source", bad, "--offline", "--fail-on", "dead"], capsys)
    assert code == 1 and any("failing" in line for line in err)


def test_write_commands_create_a_missing_store_and_say_so(tmp_path, capsys):
    target = tmp_path / "new-store"
    code, err, _ = run_cli(["audit", "--store", str(target), "--format", "json"], capsys)
    assert code == 0 and target.is_dir()
    assert any("creating a new store" in line for line in err)


def test_same_file_name_in_two_folders_gives_two_ids(tmp_path, sample_path):
    from claimgraph.article.load import load_article

    text = sample_path.read_text(encoding="utf-8")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text(text, encoding="utf-8")
    first = load_article(tmp_path / "a" / "article.txt").id
    second = load_article(tmp_path / "b" / "article.txt").id
    assert first != second
    assert load_article(tmp_path / "a" / "article.txt").id == first  # stable for one path
    assert load_article(sample_path).id == sample_path.stem  # the sample keeps its readable id


def test_query_rows_are_json_serialisable(places):
    from claimgraph.graph.queries import run_query
    from claimgraph.graph.store import open_store

    store = open_store(places["STORE"])
    try:
        rows = run_query(store, "articles").as_dicts()
    finally:
        store.close()
    assert rows and json.loads(json.dumps(rows)) == rows


def test_help_imports_no_pipeline():
    """``claimgraph --help`` loads neither rdflib nor the audit (the timing is a benchmark)."""
    code = ("import sys; from claimgraph.cli import build_parser; build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'pyoxigraph', 'trafilatura') "
            "or m.startswith('claimgraph.audit.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_progress_is_drawn_on_a_terminal_and_silent_otherwise():
    from claimgraph.cli._common import progress_bar
    from claimgraph.fetch.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    bar = Progress(2, report=progress_bar(False, screen))
    bar.update("ok")
    bar.update("dead")
    drawn = screen.getvalue()
    assert "0/2" in drawn and "2/2" in drawn and "dead:1" in drawn and drawn.endswith("\n")
    assert progress_bar(True, Terminal()) is None  # --quiet
    assert progress_bar(False, io.StringIO()) is None  # not a terminal
