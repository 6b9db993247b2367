"""metadata: per-field accuracy over the sample documents, and unit cases for the patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyser.metadata import compose_title, extract_metadata, parse_date
from analyser.types import Document, Line, Page

DOCS = Path(__file__).resolve().parents[1] / "corpus" / "documents"
FIELDS = ("gemeente", "corporaties", "huurdersorganisaties", "other_parties", "title", "doc_type",
          "looptijd_start", "looptijd_end", "jaarschijf", "signing_date")
MIN_ACCURACY = 0.9


def _same(field: str, got, want) -> bool:
    if isinstance(want, list):
        return sorted(got or []) == sorted(want)
    return got == want


@pytest.mark.slow
def test_metadata_accuracy_per_field_over_samples(capsys):
    expected = sorted(DOCS.glob("*.expected.json"))
    pairs = [(e, DOCS / json.loads(e.read_text(encoding="utf-8"))["file"]) for e in expected]
    pairs = [(e, p) for e, p in pairs if p.exists()]
    if not pairs:
        pytest.skip("no sample documents with expected files")
    from analyser.extract import extract_document

    right = {f: 0 for f in FIELDS}
    misses = []
    for exp_path, pdf in pairs:
        want = json.loads(exp_path.read_text(encoding="utf-8"))["metadata"]
        got = extract_metadata(extract_document(pdf), ()).to_dict()
        for f in FIELDS:
            if _same(f, got[f], want.get(f)):
                right[f] += 1
            else:
                misses.append(f"{pdf.name}: {f} expected {want.get(f)!r} got {got[f]!r}")
    n = len(pairs)
    with capsys.disabled():
        print(f"\nmetadata accuracy over {n} sample documents:")
        for f in FIELDS:
            print(f"  {f:22s} {right[f]}/{n} = {right[f] / n:.2f}")
        for m in misses:
            print("  miss:", m)
    low = {f: right[f] / n for f in FIELDS if right[f] / n < MIN_ACCURACY}
    assert not low, f"fields below {MIN_ACCURACY}: {low}; {misses}"


def _doc(*pages: list[tuple[str, float, bool]]) -> Document:
    out = []
    for no, lines in enumerate(pages, start=1):
        out.append(Page(no, 595, 842, tuple(Line(t, 50, 50 + 14 * i, 500, 62 + 14 * i, size, bold)
                                            for i, (t, size, bold) in enumerate(lines))))
    return Document("/tmp/x.pdf", "0" * 64, tuple(out))


COVER = [("Prestatieafspraken Almere 2025-2028", 26, True),
         ("tussen de gemeente Almere, Woonstichting De Key, Ymere en", 14, False),
         ("Huurdersvereniging Almere-Stad en Huurdersbelangenvereniging Ymere", 14, False)]
BODY = [("1 Inleiding", 16, True), ("De Woonvisie Almere 2023-2030 is het kader.", 10, False),
        ("De afspraken gelden van 1 januari 2025 tot en met 31 december 2028.", 10, False)]


def test_metadata_signed_document():
    sign = [("Ondertekening", 16, True), ("Aldus overeengekomen te Almere op 10 december 2024.", 10, False),
            ("Gemeente Almere", 10, False), ("J. Jansen, wethouder", 10, False),
            ("Zorggroep Flevo", 10, False), ("P. de Boer, bestuurder", 10, False)]
    md = extract_metadata(_doc(COVER, BODY, sign))
    assert md.gemeente == "Almere"
    assert md.title == "Prestatieafspraken Almere 2025-2028"
    assert md.doc_type == "raamafspraken"
    assert (md.looptijd_start, md.looptijd_end, md.jaarschijf) == (2025, 2028, None)
    assert md.signing_date == "2024-12-10"
    assert set(md.corporaties) == {"Woonstichting De Key", "Ymere"}
    assert set(md.huurdersorganisaties) == {"Huurdersvereniging Almere-Stad", "Huurdersbelangenvereniging Ymere"}
    assert md.other_parties == ("Zorggroep Flevo",)
    assert "Woonvisie Almere" not in md.corporaties


def test_metadata_concept_is_unsigned():
    cover = [("CONCEPT", 30, True)] + COVER
    sign = [("Ondertekening", 16, True), ("Aldus overeengekomen te Almere op 10 december 2024.", 10, False)]
    assert extract_metadata(_doc(cover, BODY, sign)).signing_date is None


def test_metadata_empty_signature_lines_are_unsigned():
    sign = [("Ondertekening", 16, True), ("Aldus overeengekomen te ............ op ............", 10, False),
            ("Gemeente Almere", 10, False)]
    assert extract_metadata(_doc(COVER, BODY, sign)).signing_date is None


def test_metadata_jaarschijf_and_addendum():
    jaar = [("Jaarschijf 2026", 24, True), ("Werkafspraken voor 2026 bij de Prestatieafspraken Almere 2025-2028", 12, False)]
    md = extract_metadata(_doc(jaar, BODY))
    assert md.doc_type == "jaarschijf" and md.jaarschijf == 2026
    assert (md.looptijd_start, md.looptijd_end) == (2026, 2026)
    assert md.title == "Jaarschijf 2026 bij de Prestatieafspraken Almere 2025-2028"
    add = [("Addendum bij de prestatieafspraken Almere 2025-2028", 22, True)]
    assert extract_metadata(_doc(add)).doc_type == "addendum"


def test_metadata_empty_document():
    md = extract_metadata(Document("/tmp/x.pdf", "", ()))
    assert md.gemeente is None and md.doc_type == "onbekend"


@pytest.mark.parametrize("text,iso", [
    ("op 12 december 2023", "2023-12-12"), ("1 jan. 2024", "2024-01-01"), ("9-12-2025", "2025-12-09"),
    ("geen datum", None), ("3 maart 2021 en 4 april 2022", "2021-03-03"),
])
def test_metadata_parse_date(text, iso):
    assert parse_date(text) == iso


def test_metadata_compose_title():
    assert compose_title("Wonen in Lindewaard", "Prestatieafspraken 2025-2028 van de gemeente") == "Wonen in Lindewaard – Prestatieafspraken 2025-2028"
    assert compose_title("Samen thuis in Heuvelrade Prestatieafspraken 2026-2029 gemeente Heuvelrade, X") == "Samen thuis in Heuvelrade – Prestatieafspraken 2026-2029"
    assert compose_title("Raamafspraken wonen Rivierstad 2024-2027") == "Raamafspraken wonen Rivierstad 2024-2027"
