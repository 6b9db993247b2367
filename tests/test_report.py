"""report: HTML escaping, every clause present, self-contained HTML, md and json render, paths."""

from __future__ import annotations

import json
import re

import pytest

from analyser import report
from analyser.types import DocumentAnalysis, Evidence
from review_fixtures import sample_analysis


@pytest.fixture(scope="module")
def analysis() -> DocumentAnalysis:
    return sample_analysis()


@pytest.fixture(scope="module")
def html(analysis) -> str:
    return report.render(analysis, "html")


def test_report_html_escapes_script(html):
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(" in html


def test_report_html_has_every_clause_anchor(analysis, html):
    for ac in analysis.clauses:
        assert f'id="{ac.clause.id}"' in html


def test_report_html_findings_link_to_clauses(analysis, html):
    for f in analysis.diagnosis.findings:
        assert f'id="finding-{f.code}"' in html
        for cid in f.clause_ids[:12]:
            assert f'href="#{cid}"' in html


def test_report_html_is_self_contained(html):
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "<svg" in html and "@media print" in html


def test_report_html_scorecard_and_dutch_ui(analysis, html):
    assert 'id="scorecard"' in html
    for word in ("Afspraken", "SMART", "Wederkerig", "Gemeente gebonden", "Huurders gebonden", "Bevindingen"):
        assert word in html
    assert analysis.metadata.gemeente in html


def test_report_html_marks_evidence_and_low_confidence(html):
    assert re.search(r'<mark class="ev-measure" title="quantity">120</mark>', html)
    assert "onzeker" in html  # c0007 has confidence 0.55
    c7 = _article(html, "c0007")
    assert 'class="clause uncertain"' in c7 and "activiteit?" in c7


def _article(html: str, cid: str) -> str:
    start = html.index('<article class="clause')
    start = html.index(f'id="{cid}"', start)
    start = html.rindex("<article", 0, start)
    return html[start:html.index("</article>", start)]


def test_report_html_legend_lists_every_colour_group(html):
    legend = html[html.index('id="legenda"'):]
    legend = legend[:legend.index("</p>")]
    for group, _ in report.LEGEND:
        assert f'class="ev-{group}"' in legend
    assert set(report.EVIDENCE_GROUPS.values()) == {g for g, _ in report.LEGEND}


def test_report_none_clause_has_no_highlight(html):
    # c0001 is kind none: its party names and year are not evidence for anything
    assert "<mark" not in _article(html, "c0001").split('<p class="text">')[1]


def test_report_highlight_only_supporting_evidence():
    from review_fixtures import make

    corp_only = make("x1", "Woonstede meldt huurachterstanden in 2025 bij de gemeente.", parties=("corporatie",), smart="SAR")
    pieces = report.clause_pieces(corp_only)
    marked = {label for _, label, _ in pieces if label}
    assert "party:corporatie" in marked
    assert "party:gemeente" not in marked  # mentioned, not bound
    assert "time" not in marked  # T is not among its labels
    assert "".join(p for p, _, _ in pieces) == corp_only.clause.text
    none = make("x2", "Een afspraak betekent niet per definitie dat partijen verantwoordelijk zijn, onder voorbehoud van 2025.", "none", "proces")
    assert {label for _, label, _ in report.clause_pieces(none) if label} == {"voorbehoud"}
    hedged = make("x3", "Woonstede streeft ernaar in 2025 120 woningen te bouwen.", hedged=True)
    groups = {group for _, _, group in report.clause_pieces(hedged) if group}
    assert {"soft", "measure", "term", "party"} <= groups and "hard" not in groups


def test_report_highlight_escapes_evidence_text():
    from review_fixtures import make
    from analyser.types import AnalysedClause, ClauseLabel

    ac = make("x4", "Woonstede <b>bouwt</b> in 2025 <script>alert(1)</script> 120 woningen.")
    ev = ac.label.evidence + (Evidence("hedge", "<script>alert(1)</script>", 31, 56),)
    ac = AnalysedClause(ac.clause, ClauseLabel(**{**ac.label.__dict__, "evidence": ev}))
    out = report.render(sample_analysis(clauses=[ac]), "html")
    assert "<script" not in out.lower() and "<b>" not in out
    assert '<mark class="ev-soft" title="hedge">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in out


def test_report_html_shows_suggestions(analysis, html):
    for s in analysis.diagnosis.suggestions:
        assert report.render.__module__  # smoke
    assert html.count('class="sugg"') == len(analysis.diagnosis.suggestions)


def test_report_highlight_pieces_rebuild_text():
    text = "Woonstede bouwt in 2025 120 woningen."
    ev = (Evidence("time", "in 2025", 16, 23), Evidence("quantity", "120", 24, 27), Evidence("quantity", "2025", 19, 23),
          Evidence("hedge", "nergens", 0, 7))
    pieces = report.highlight(text, ev)
    assert "".join(p for p, _ in pieces) == text
    assert ("in 2025", "time") in pieces and ("120", "quantity") in pieces


def test_report_markdown(analysis):
    md = report.render(analysis, "md")
    assert md.startswith("# Beoordeling")
    assert "<script" not in md and "&lt;script&gt;" in md
    for ac in analysis.clauses:
        assert f"**{ac.clause.id}**" in md
    assert "## Bevindingen" in md


def test_report_json_roundtrip(analysis):
    data = json.loads(report.render(analysis, "json"))
    assert data["schema"] == report.SCHEMA
    back = DocumentAnalysis.from_dict(data)
    assert back.diagnosis.findings == analysis.diagnosis.findings
    assert len(back.clauses) == len(analysis.clauses)
    assert data["diagnosis"]["scores"]["n_agreements"] == analysis.diagnosis.scores["n_agreements"]


def test_report_write_default_path(analysis, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for fmt in ("html", "md", "json"):
        path = report.write_report(analysis, None, fmt)
        assert path == tmp_path / f"rivierstad-raamafspraken-2024-2027.review.{fmt}"
        assert path.read_text(encoding="utf-8")


def test_report_write_explicit_path(analysis, tmp_path):
    path = report.write_report(analysis, tmp_path / "sub" / "r.html", "html")
    assert path.exists() and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_unknown_format(analysis):
    from analyser.errors import UsageError

    with pytest.raises(UsageError):
        report.render(analysis, "pdf")


def test_report_print_summary(analysis, tmp_path):
    from rich.console import Console

    console = Console(record=True, width=100)
    report.print_summary(analysis, tmp_path / "x.html", console=console)
    out = console.export_text()
    assert "SMART" in out and "x.html" in out and "Belangrijkste bevindingen" in out


def test_report_empty_analysis_renders():
    a = sample_analysis(clauses=[], n_pages=1)
    for fmt in ("html", "md", "json"):
        assert report.render(a, fmt)
