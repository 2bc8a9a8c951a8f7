"""Finding messages quote markers and sentences as the article writes them."""

from __future__ import annotations

from claimgraph import audit
from claimgraph.audit.names import opening
from claimgraph.audit.pipeline import AuditOptions

ARTICLE = """# Tides

Tidal turbines in the Pentland Firth delivered power in 2018.[^Tait]
The MeyGen array is the largest of its kind.[^1]

[^1]: "MeyGen tidal array." https://example.org/meygen
"""

def test_opening_upper_cases_only_the_first_letter() -> None:
    assert opening("citation [Tait] in “MeyGen”") == "Citation [Tait] in “MeyGen”"
    assert opening("") == ""


def test_an_unresolved_marker_keeps_its_case_and_its_sentence(tmp_path) -> None:
    path = tmp_path / "tides.md"
    path.write_text(ARTICLE, encoding="utf-8")
    result = audit(path, options=AuditOptions(evidence=False))
    messages = [f.message for f in result.findings if f.kind == "unresolved_citation"]
    assert messages, [f.message for f in result.findings]
    # str.capitalize() made this "Citation [^tait] … in “tidal turbines in the pentland firth …”"
    assert messages[0].startswith("Citation [^Tait] on line 3 in “Tidal turbines in the Pentland Firth")
