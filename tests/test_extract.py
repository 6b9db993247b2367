"""extract: real PDFs (two columns, tables, footnote markers) and every kind of bad input.

Small PDFs are rendered with WeasyPrint into tmp_path when it is installed; the bad-input
fixtures come from tests/pdfs/ (made by the sample-PDF generator) or are made here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analyser.errors import CorruptPDF, EmptyPDF, InputNotFound, NotAPDF
from analyser.extract import extract_document

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "tests" / "pdfs"
ANALYSER = Path(sys.executable).parent / "analyser"

CSS = """@page { size: A4; margin: 2cm; @top-center { content: "Kop Testdorp"; font-size: 8pt }
  @bottom-center { content: "Pagina " counter(page) " van " counter(pages); font-size: 8pt } }
body { font-family: 'DejaVu Sans'; font-size: 10pt; line-height: 1.4; }
.cols { columns: 2; column-gap: 1cm; hyphens: auto; text-align: justify; }
table { border-collapse: collapse; width: 100% } td, th { border: 0.5pt solid black; padding: 3pt; vertical-align: top }
"""


def _render(tmp_path: Path, body: str) -> Path:
    import weasyprint  # a test extra: absent means a loud failure, never a skip
    out = tmp_path / "doc.pdf"
    weasyprint.HTML(string=f'<html lang="nl"><head><style>{CSS}</style></head><body>{body}</body></html>').write_pdf(out)
    return out


LEFT = "Linkerkolom begint hier en de corporatie bouwt veel woningen in het dorp. " * 8
RIGHT = "Rechterkolom gaat over de gemeente die grond levert voor sociale huur. " * 8


def test_extract_two_columns_read_column_by_column(tmp_path):
    pdf = _render(tmp_path, f'<h1>1 Titel over de volle breedte</h1><div class="cols"><p>{LEFT}</p><p>{RIGHT}</p></div>')
    doc = extract_document(pdf)
    lines = doc.pages[0].lines
    text = " ".join(ln.text for ln in lines)
    assert text.index("Titel") < text.index("Linkerkolom") < text.index("Rechterkolom")
    first_right = next(i for i, ln in enumerate(lines) if ln.text.startswith("Rechterkolom") or "Rechterkolom" in ln.text)
    assert all(ln.column == 0 for ln in lines[1:first_right - 1] if "Kop" not in ln.text)
    assert any(ln.column == 1 for ln in lines)
    assert len(doc.sha256) == 64


def test_extract_table_rows_and_words_inside_tables_left_out_of_lines(tmp_path):
    rows = "".join(f"<tr><td>B.{i}</td><td>De corporatie realiseert {i} woningen met een lange omschrijving die over regels loopt.</td><td>Corporatie</td></tr>" for i in range(1, 4))
    pdf = _render(tmp_path, f"<p>Inleiding.</p><table><tr><th>Nr</th><th>Afspraak</th><th>Trekker</th></tr>{rows}</table>")
    (page,) = extract_document(pdf).pages
    (table,) = page.tables
    assert table.rows[0] == ("Nr", "Afspraak", "Trekker")
    assert table.rows[2][1] == "De corporatie realiseert 2 woningen met een lange omschrijving die over regels loopt."
    assert len(table.row_tops) == len(table.rows)
    assert not any("realiseert" in ln.text for ln in page.lines)


def test_extract_drops_superscript_footnote_markers(tmp_path):
    pdf = _render(tmp_path, '<p>De gemeente bouwt<sup style="font-size:6pt">1</sup> veel woningen.</p>')
    texts = [ln.text for ln in extract_document(pdf).pages[0].lines]
    assert "De gemeente bouwt veel woningen." in texts


# ---------------------------------------------------------------- bad input


def test_extract_missing_file_raises_input_not_found(tmp_path):
    with pytest.raises(InputNotFound):
        extract_document(tmp_path / "nope.pdf")


def test_extract_empty_file_and_not_a_pdf(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyPDF):
        extract_document(empty)
    text = tmp_path / "x.pdf"
    text.write_text("Dit is geen PDF.\n")
    with pytest.raises(NotAPDF):
        extract_document(text)


def test_extract_truncated_pdf_raises_corrupt(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty")
    with pytest.raises((CorruptPDF, EmptyPDF)):
        extract_document(bad)


@pytest.mark.parametrize("name,code", [
    ("missing.pdf", "E101"), ("not-a-pdf.pdf", "E102"), ("truncated.pdf", "E103"),
    ("encrypted.pdf", "E104"), ("scanned.pdf", "E105"), ("empty.pdf", "E106"), ("zero-pages.pdf", "E106"),
])
def test_extract_bad_input_via_cli(tmp_path, name, code):
    path = tmp_path / name if name == "missing.pdf" else PDFS / name
    assert name == "missing.pdf" or path.exists(), f"fixture tests/pdfs/{name} is missing (tests/pdfs/make_fixtures.py)"
    exe = [str(ANALYSER)] if ANALYSER.exists() else [sys.executable, "-m", "analyser.cli"]
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.run([*exe, "clauses", str(path)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode != 0
    assert f"error[{code}]" in proc.stderr
    assert "hint:" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_extract_tiny_agreement_via_cli():
    tiny = PDFS / "tiny-agreement.pdf"
    assert tiny.exists(), "fixture tests/pdfs/tiny-agreement.pdf is missing (tests/pdfs/make_fixtures.py)"
    exe = [str(ANALYSER)] if ANALYSER.exists() else [sys.executable, "-m", "analyser.cli"]
    proc = subprocess.run([*exe, "clauses", str(tiny), "--format", "table"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "c0001" in proc.stdout
