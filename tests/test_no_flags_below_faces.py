"""Nothing below the faces names a CLI flag: remedies travel as hint codes the faces put in words."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from claimgraph.cli.hints import CLI_WORDS
from claimgraph.cli.hints import explain as cli_explain
from claimgraph.errors import StoreError
from claimgraph.explorer.hints import EXPLORER_WORDS
from claimgraph.hints import LIBRARY_WORDS, Hint, with_hint
from claimgraph.model import Finding

PACKAGE = Path(__file__).resolve().parents[1] / "claimgraph"
FACES = ("cli", "explorer")
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings (developer notes, not messages)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _argv_items(tree: ast.AST) -> set[int]:
    """ids of strings that are whole option tokens inside a list or tuple: argv for another program."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple):
            for item in node.elts:
                if isinstance(item, ast.Constant) and isinstance(item.value, str) and FLAG.fullmatch(item.value):
                    found.add(id(item))
    return found


def flag_names_in(source: str) -> list[tuple[int, str]]:
    """(line, flag) for each flag-like word in a message string of a module's source."""
    tree = ast.parse(source)
    allowed = _docstrings(tree) | _argv_items(tree)
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in allowed:
            text = re.sub(r"var\(--[\w-]+", "", node.value)  # CSS custom properties are not flags
            hits += [(node.lineno, flag) for flag in FLAG.findall(text)]
    return hits


def test_the_check_finds_a_flag_in_a_message_but_not_in_argv_css_or_docstrings() -> None:
    code = '''
"""Module notes may say --online."""
def f():
    """So may docstrings: --store."""
    run(["oxigraph", "serve", "--location", path])
    style = "color: var(--accent)"
    raise ValueError("refused; use --allow-private to fetch it")
'''
    assert flag_names_in(code) == [(7, "--allow-private")]


def test_no_library_module_names_a_cli_flag() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in FACES:
            continue
        offenders += [f"{relative}:{line}: {flag}" for line, flag in flag_names_in(path.read_text())]
    assert not offenders, "library messages name CLI flags (use a claimgraph.hints.Hint):\n" + "\n".join(offenders)


@pytest.mark.parametrize("words", [LIBRARY_WORDS, CLI_WORDS, EXPLORER_WORDS], ids=["library", "cli", "explorer"])
def test_every_face_has_words_for_every_hint(words) -> None:
    assert set(words) == set(Hint)
    assert all(phrase.strip() for phrase in words.values())


def test_only_the_cli_words_name_flags() -> None:
    assert all(FLAG.search(CLI_WORDS[hint]) for hint in Hint)
    assert not any(FLAG.search(text) for text in (*LIBRARY_WORDS.values(), *EXPLORER_WORDS.values()))


def test_the_cli_turns_an_error_hint_into_its_flag() -> None:
    error = StoreError("cannot open the store in s: locked", hint=Hint.STORE_URL)
    assert cli_explain(error) == "cannot open the store in s: locked; point --store at that server's URL"
    assert cli_explain(StoreError("no hint")) == "no hint"


def test_a_finding_fix_keeps_its_words_and_gains_the_face_remedy() -> None:
    finding = Finding("network_unavailable", "high", "m", "Check the connection and run the audit again online",
                      details={"hint": "online"})
    assert with_hint(finding.fix, finding.details["hint"], CLI_WORDS).endswith("online; run with --online")
    assert with_hint(finding.fix, None, CLI_WORDS) == finding.fix
