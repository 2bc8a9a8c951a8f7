"""Human reports of an audit: a terminal summary and a Markdown document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from claimgraph.audit.checks import uncited_reading
from claimgraph.audit.kinds import KINDS, kind_title
from claimgraph.hints import Hint, hint_of, with_hint
from claimgraph.model import AuditResult, Finding

HintWords = Mapping[Hint, str]  # a face's words for each hint (default: the library's)

KIND_TITLES = {name: kind.title for name, kind in KINDS.items()}  # from the kinds registry

__all__ = ["render_text", "render_markdown", "fix_text", "KIND_TITLES", "HintWords"]


def _kind_title(kind: str) -> str:
    return kind_title(kind)


def _grouped(findings: list[Finding]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.kind, []).append(finding)
    return groups


def fix_text(finding: Finding, words: HintWords | None = None) -> str:
    """A finding's fix with its hint, if any, in the given words."""
    return with_hint(finding.fix, hint_of(finding), words)


def _summary_lines(result: AuditResult, words: HintWords | None) -> list[str]:
    article = result.article
    resolved = sum(1 for c in article.citations if c.endnote is not None)
    severities = Counter(f.severity for f in result.findings)
    lines = [
        f"{len(article.claims)} claims, {len(article.citations)} inline citations "
        f"({resolved} resolved), {len(article.endnotes)} endnotes",
        f"{len(result.findings)} findings: {severities.get('high', 0)} high, "
        f"{severities.get('medium', 0)} medium, {severities.get('low', 0)} low",
    ]
    reading = uncited_reading(article)
    if reading:
        lines.append(
            f"{reading} further-reading entries no sentence cites (further reading, external links, "
            "bibliography: not reported one by one)"
        )
    if result.sources:
        kinds = Counter(s.capture.kind if s.capture else "none" for s in result.sources.values())
        health = Counter(s.health for s in result.sources.values())
        lines.append(
            "sources: "
            + ", ".join(f"{n} {k}" for k, n in sorted(health.items()))
            + " (captures: "
            + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
            + ")"
        )
        if kinds.get("reconstructed"):
            lines.append(with_hint("note: reconstructed sources were written by hand from public facts, "
                                   "not captured", Hint.ONLINE, words))
    return lines


def render_text(result: AuditResult, limit_per_kind: int = 12, words: HintWords | None = None) -> str:
    """A terminal report: summary, then findings grouped by kind, worst first; hints in ``words``."""
    article = result.article
    out = [f"Audit of {article.title!r} ({article.format}, {article.location or article.id})", ""]
    out += _summary_lines(result, words)
    out.append("")
    for kind, items in _grouped(result.findings).items():
        out.append(f"== {_kind_title(kind)} ({len(items)}) ==")
        for finding in items[:limit_per_kind]:
            out.append(f"  [{finding.severity}] {finding.message}")
            if finding.fix:
                out.append(f"      fix: {fix_text(finding, words)}")
        if len(items) > limit_per_kind:
            out.append(with_hint(f"  … and {len(items) - limit_per_kind} more", Hint.FULL_REPORT, words))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: AuditResult, words: HintWords | None = None) -> str:
    """A Markdown report: summary, findings by kind, and the endnote table; hints in ``words``."""
    article = result.article
    out = [f"# Citation audit: {_md_escape(article.title)}", ""]
    out += [f"- {line}" for line in _summary_lines(result, words)]
    out.append("")
    for kind, items in _grouped(result.findings).items():
        out += [
            f"## {_kind_title(kind)} ({len(items)})",
            "",
            "| severity | concerns | problem | fix |",
            "|---|---|---|---|",
        ]
        for f in items:
            concerns = ", ".join([f"endnote {n}" for n in f.endnotes] + f.citations + f.claims)
            fix = _md_escape(fix_text(f, words))
            out.append(f"| {f.severity} | {_md_escape(concerns)} | {_md_escape(f.message)} | {fix} |")
        out.append("")
    out += ["## Endnotes", "", "| # | section | title | link | date |", "|---|---|---|---|---|"]
    for e in article.endnotes:
        out.append(
            f"| {e.number} | {_md_escape(e.section)} | {_md_escape(e.title or '—')} | "
            f"{_md_escape(e.url or e.raw_url or '—')} | {e.published or '—'} |"
        )
    return "\n".join(out) + "\n"
