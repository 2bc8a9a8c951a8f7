"""``claimgraph judge``: one pair from a file or stdin (text and JSON), and --jsonl batches."""

from __future__ import annotations

import io
import json

from claimgraph.cli import main

TEXT = (
    "Museum guide.\nThe museum opened in 1937 in Paris. Its collection holds 5,000 "
    "paintings. Entry is free on Sundays."
)


def test_judge_file_as_json(tmp_path, capsys) -> None:
    path = tmp_path / "source.txt"
    path.write_text(TEXT)
    assert main(["judge", "The museum opened in Paris in 1937.", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["stance"] == "supports"
    assert 0.5 <= data["support"] <= 1.0
    assert 1 <= len(data["quotes"]) <= 3
    quote = data["quotes"][0]
    assert TEXT[quote["start"] : quote["end"]] == quote["text"] == "The museum opened in 1937 in Paris."


def test_judge_stdin_as_text(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(TEXT))
    assert main(["judge", "The museum opened in 1950.", "-"]) == 0
    out = capsys.readouterr().out
    assert "stance:" in out and "support:" in out and "quotes:" in out


def test_judge_jsonl_keeps_order_and_ids(tmp_path, capsys) -> None:
    lines = [
        {"id": "b", "claim": "Entry is free on Sundays.", "text": TEXT},
        {"id": "a", "claim": "Penguins live in Antarctica.", "text": TEXT},
        {"id": 3, "claim": "The collection holds 5,000 paintings.", "text": TEXT},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    assert main(["judge", "--jsonl", str(path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["b", "a", 3]
    assert [o["stance"] for o in out] == ["supports", "unrelated", "supports"]
    for item, line in zip(out, lines, strict=True):
        for quote in item["quotes"]:
            assert line["text"][quote["start"] : quote["end"]] == quote["text"]


def test_judge_reports_bad_input(tmp_path, capsys) -> None:
    assert main(["judge", "A claim.", str(tmp_path / "missing.txt")]) == 2
    assert "neither a URL nor a readable file" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "claim": "x"}\n')
    assert main(["judge", "--jsonl", str(bad)]) == 2
    assert "line 1" in capsys.readouterr().err
