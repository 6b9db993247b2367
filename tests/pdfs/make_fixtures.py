"""Regenerate the PDF fixtures in tests/pdfs/ (outputs are committed; run from the repo root).

    python tests/pdfs/make_fixtures.py

- tiny-agreement.pdf (+ .expected.json): 2-page agreement from tiny-agreement.html, built with
  corpus/build_pdfs.py (header, footer 'Pagina X van Y', six numbered clauses, one line-end
  hyphenation rendered as U+2010 in clause 2).
- truncated.pdf: the first 40 % of the bytes of tiny-agreement.pdf.
- encrypted.pdf: tiny-agreement.pdf encrypted with pypdf, user password "geheim".
- scanned.pdf: the 2 pages of tiny-agreement.pdf rasterised with pypdfium2 (100 dpi, greyscale)
  and saved as an image-only PDF with Pillow: no text layer.
- empty.pdf: 0 bytes. not-a-pdf.pdf: a short text file. zero-pages.pdf: a valid PDF, no pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "corpus"))


def main() -> None:
    import build_pdfs
    import pypdfium2
    from pypdf import PdfReader, PdfWriter

    build_pdfs.build(HERE / "tiny-agreement.html", HERE)
    sample = (HERE / "tiny-agreement.pdf").read_bytes()

    (HERE / "truncated.pdf").write_bytes(sample[: int(len(sample) * 0.4)])

    writer = PdfWriter(clone_from=PdfReader(HERE / "tiny-agreement.pdf"))
    writer.encrypt(user_password="geheim", owner_password="geheim-eigenaar", algorithm="AES-128")
    with open(HERE / "encrypted.pdf", "wb") as fh:
        writer.write(fh)

    pdf = pypdfium2.PdfDocument(HERE / "tiny-agreement.pdf")
    images = []
    for i in range(len(pdf)):
        bitmap = pdf[i].render(scale=100 / 72, grayscale=True)
        images.append(bitmap.to_pil().convert("L"))
    pdf.close()
    images[0].save(HERE / "scanned.pdf", "PDF", resolution=100.0, save_all=True,
                   append_images=images[1:])

    (HERE / "empty.pdf").write_bytes(b"")
    (HERE / "not-a-pdf.pdf").write_text(
        "Dit is geen PDF maar een tekstbestand met de extensie .pdf.\n", encoding="utf-8")

    empty = PdfWriter()
    with open(HERE / "zero-pages.pdf", "wb") as fh:
        empty.write(fh)

    for p in sorted(HERE.glob("*.pdf")):
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
