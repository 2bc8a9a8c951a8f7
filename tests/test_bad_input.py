"""Bad input: a clear message and non-zero exit when nothing can be done, else a partial audit."""

import pytest

from claimgraph.api import AuditOptions, audit
from claimgraph.article.load import load_article
from claimgraph.cli import main
from claimgraph.errors import InputError


def test_empty_file(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_text("   \n")
    assert main(["audit", str(path), "--store", "none"]) == 2
    err = capsys.readouterr().err
    assert "empty" in err and "Traceback" not in err


def test_binary_file(tmp_path, capsys):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    assert main(["audit", str(path), "--store", "none"]) == 2
    assert "binary" in capsys.readouterr().err


def test_missing_file_and_folder(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "nope.txt"), "--store", "none"]) == 2
    assert main(["audit", str(tmp_path), "--store", "none"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "folder" in err


def test_50_mb_article_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1000 * 1000)
    with pytest.raises(InputError, match="MiB limit"):
        load_article(path)
    assert main(["audit", str(path), "--store", "none"]) == 2
    assert "split it" in capsys.readouterr().err


def test_a_large_real_article_is_still_read(tmp_path):
    from claimgraph.synthetic import endnote_article

    path = tmp_path / "big.txt"
    path.write_text(endnote_article(300))
    assert len(load_article(path).endnotes) == 300


def test_wrong_encoding_is_decoded_and_reported(tmp_path):
    text = (
        "Café Title\nA standfirst about café prices rising fast.\nSection\n"
        "Prices at the café rose by 20 percent in 2024, the survey found. [Survey]survey.example"
        "Café survey 2024…\nEndnotes\n-\nSource: survey.example\nTitle: Café survey 2024\n"
        "Link: https://survey.example/cafe\n"
    )
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("windows-1252"))
    result = audit(path, options=AuditOptions(evidence=False))
    assert "Café" in result.article.title
    assert any(f.kind == "input_problem" and "UTF-8" in f.message for f in result.findings)
    assert result.article.citations[0].endnote == 1


def test_no_endnotes_gives_partial_audit(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        "A Title\nSome standfirst text that ends here.\nHeading\n"
        "The river flooded in 2021 and destroyed 300 homes, officials reported.\n"
    )
    result = audit(path, options=AuditOptions(evidence=False))
    assert result.article.endnotes == []
    assert any(f.kind == "input_problem" and "no endnotes" in f.message for f in result.findings)
    # an article that cites nothing gets no uncited_claim findings (docs/findings.md): the
    # input problem says what is missing instead of one finding per sentence
    assert not any(f.kind == "uncited_claim" for f in result.findings)
    assert result.article.claims, "the text is still read and split into claims"


def test_broken_html_nesting_gives_partial_audit(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><body><article><h1>Broken <b>page</h1><p>Rain fell <i>for 40 days in 2020, "
        "records show <a href='https://weather.example/rain'>source</a>.<div><p>More text"
        "</article></span></body>"
    )
    result = audit(path, options=AuditOptions(evidence=False))
    assert result.article.claims
    assert any(e.url == "https://weather.example/rain" for e in result.article.endnotes)


def test_malformed_links_do_not_abort(tmp_path):
    path = tmp_path / "links.txt"
    path.write_text(
        "Title Here\nA standfirst sentence for the article.\nPart\n"
        "Tides rose 2 metres in 2019, the agency said. [Agency]agency.exampleTides report 2019…\n"
        "Endnotes\n-\nSource: agency.example\nTitle: Tides report 2019\nLink: https://[bad\n"
        "-\nSource: other.example\nLink: ht!tp://\n"
    )
    result = audit(path, options=AuditOptions(evidence=False))
    assert {f.endnotes[0] for f in result.findings if f.kind == "malformed_url"} == {1, 2}
