"""Corrected endnotes that other tools load: CSL-JSON (schema + citeproc-py), BibTeX (bibtexparser)."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from bibtexparser.bparser import BibTexParser

from claimgraph.api import AuditOptions, audit, corrected_endnotes

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "csl-data-subset.schema.json").read_text())

ARTICLE = """# Heat and the city

Cities trap heat at night, according to one magazine.[^mag] A later study agrees with it.[^study]
The agency counted the hottest nights.[^agency]

## References

[^mag]: Harbour Science Magazine (2019). "Why cities are hotter at night". https://www.harbourmag.example/science/hot-nights-1234/?utm_source=newsletter&id=7
[^study]: Doe, Jane (2021). "Urban heat islands revisited". https://www.example.org/papers/heat?utm_medium=email#section-2
[^agency]: National Weather Agency (2020-07-14). "Hot nights & records". http://www.weather.example/records
"""


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "heat.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return audit(path, options=AuditOptions(evidence=False))


def test_csl_json_is_valid_and_keeps_names_years_and_urls(result):
    items = json.loads(corrected_endnotes(result, "csl-json"))
    jsonschema.validate(items, SCHEMA)
    by_title = {item["title"]: item for item in items}
    magazine = by_title["Why cities are hotter at night"]
    assert magazine["author"] == [{"literal": "Harbour Science Magazine"}]
    assert magazine["issued"] == {"date-parts": [[2019]]}
    assert magazine["URL"] == "https://www.harbourmag.example/science/hot-nights-1234/?id=7"
    study = by_title["Urban heat islands revisited"]
    assert study["author"] == [{"given": "Jane", "family": "Doe"}]
    assert study["URL"] == "https://www.example.org/papers/heat#section-2"
    agency = by_title["Hot nights & records"]
    assert agency["URL"] == "http://www.weather.example/records"  # scheme and www. as cited
    assert agency["issued"] == {"date-parts": [[2020, 7, 14]]}


def test_csl_json_renders_with_citeproc(result):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(corrected_endnotes(result, "csl-json"))
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    text = "\n".join(rendered)
    assert "Harbour Science Magazine" in text and "2019" in text
    assert "Doe, J." in text  # a person is given and family name


def test_bibtex_parses_back(result):
    text = corrected_endnotes(result, "bibtex")
    parser = BibTexParser(ignore_nonstandard_types=False)  # @online is biblatex's type for web pages
    library = bibtexparser.loads(text, parser=parser)
    assert len(library.entries) == 3
    by_title = {entry["title"].strip("{}"): entry for entry in library.entries}
    magazine = by_title["Why cities are hotter at night"]
    assert magazine["author"] == "{Harbour Science Magazine}"  # braced: no tool splits it
    assert magazine["year"] == "2019"
    assert magazine["url"] == "https://www.harbourmag.example/science/hot-nights-1234/?id=7"
    assert by_title["Urban heat islands revisited"]["author"] == "Jane Doe"
    assert len({entry["ID"] for entry in library.entries}) == 3
