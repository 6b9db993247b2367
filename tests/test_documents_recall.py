"""Recall of extract + segment against the sample agreements' expected clauses.

For every ``corpus/documents/*.pdf`` and ``corpus/other-producers/*.pdf`` (LibreOffice, reportlab,
fpdf2) with a ``<name>.expected.json``, each expected clause
(kind != none) must match an extracted clause by normalised text similarity >= 0.9, on the
same page. Recall must be >= 0.95 per document and overall.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyser.evaluate import clause_similarity, match_clauses, normalise_clause_text

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "corpus" / "documents"
OTHER_PRODUCERS = ROOT / "corpus" / "other-producers"  # LibreOffice, reportlab, fpdf2 (held out)
MIN_RECALL = 0.95


def _cases() -> list[Path]:
    pdfs = [*DOCS.glob("*.pdf"), *OTHER_PRODUCERS.glob("*.pdf")]
    return sorted((p for p in pdfs if p.with_suffix(".expected.json").exists()), key=lambda p: p.name)


def match_document(pdf: Path) -> tuple[int, int, int, list[str]]:
    """(expected, matched, matched on the right page, misses) for one sample document; each
    extracted clause can stand for one expected clause only."""
    from analyser.extract import extract_document
    from analyser.segment import segment

    expected = json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))
    wanted = [c for c in expected["clauses"] if c.get("kind") != "none"]
    got = segment(extract_document(pdf))
    pairs = match_clauses([c["text"] for c in wanted], [c.text for c in got])
    on_page = 0
    misses = []
    for i, exp in enumerate(wanted):
        if i in pairs:
            clause = got[pairs[i]]
            if clause.page == exp["page"]:
                on_page += 1
            else:
                misses.append(f"page {clause.page} != {exp['page']}: {exp['text'][:70]}")
        else:
            text = normalise_clause_text(exp["text"])
            best, near = max(((clause_similarity(text, normalise_clause_text(c.text)), c.text) for c in got), default=(0.0, ""))
            misses.append(f"missed ({best:.2f}) p{exp['page']}: {exp['text'][:70]!r} ~ {near[:70]!r}")
    return len(wanted), len(pairs), on_page, misses


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[int, int, int, list[str]]]:
    return {pdf.name: match_document(pdf) for pdf in _cases()}


def test_sample_documents_are_present():
    assert len(_cases()) >= 11, "corpus/documents and corpus/other-producers must hold their PDFs with expected files"


@pytest.mark.parametrize("name", [p.name for p in _cases()])
def test_documents_recall_per_document(results, name):
    n, matched, on_page, misses = results[name]
    recall = matched / n if n else 1.0
    print(f"{name}: recall {recall:.3f} ({matched}/{n}), right page {on_page}/{matched}")
    for m in misses:
        print("   ", m)
    assert recall >= MIN_RECALL, "\n".join(misses)
    assert on_page >= MIN_RECALL * matched, "\n".join(misses)


def test_documents_recall_overall(results):
    n = sum(r[0] for r in results.values())
    matched = sum(r[1] for r in results.values())
    print(f"overall recall {matched / max(n, 1):.3f} ({matched}/{n}) over {len(results)} documents")
    assert matched >= MIN_RECALL * n
