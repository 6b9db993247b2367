"""Find (and so verify) the start page of every clause in the PDF. Run with /work/main/.venv/bin/python.

stdin: JSON list of {"text", "first_cell"} in reading order. stdout: JSON {"pages", "n_pages",
"errors", "notes"}. Comparison ignores whitespace and hyphens (line breaks, hyphenation).
A clause must start on a page >= the previous clause's page (reading order); prose clauses must
also occur in full in the document text (header/footer lines removed).
"""

import json
import re
import sys

import pdfplumber


def squash(s: str) -> str:
    return re.sub(r"[\s\-\u2010\u2011\u00ad]+", "", s)


def main():
    pdf_path = sys.argv[1]
    probe = json.load(sys.stdin)
    errors, notes, pages_out = [], [], []
    with pdfplumber.open(pdf_path) as pdf:
        n_pages = len(pdf.pages)
        texts, bodies = [], []
        for i, page in enumerate(pdf.pages, start=1):
            t = page.extract_text() or ""
            texts.append(squash(t))
            lines = t.split("\n")
            # drop running header (first line) and footer (last line) except on pure-cover checks
            body = [ln for ln in lines if not re.fullmatch(r"Pagina \d+ van \d+", ln.strip())
                    and not ln.startswith("Prestatieafspraken Brakeldonk 2026-2029 Definitief")]
            bodies.append(" ".join(body))
            if not re.search(rf"Pagina {i} van {n_pages}", t):
                errors.append(f"page {i}: footer 'Pagina {i} van {n_pages}' not found")
            if i > 0 and "Prestatieafspraken Brakeldonk 2026-2029" not in t.split("\n")[0]:
                errors.append(f"page {i}: running header not found on first line")
            for tb in page.find_tables():
                rows = tb.extract()
                notes.append(f"table on page {i}: {len(rows)} rows, first cells "
                             f"{[ (r[0] or '').strip() for r in rows]}")
        if "Fictiefvoorbeeld–geenechteovereenkomst" not in texts[0]:
            errors.append("fictional note not on page 1")
        full = squash(" ".join(bodies))
        last = 1
        for c in probe:
            if c.get("first_cell"):
                # Nr cell + first words of the Afspraak cell (the first line of the row)
                words = c["first_cell"].split()
                key = squash(c["nr"] + " ".join(words[:3]))
            else:
                key = squash(c["text"])[:60]
            page = next((p for p in range(last, n_pages + 1) if key in texts[p - 1]), None)
            if page is None:
                errors.append(f"not found from page {last}: {c['text'][:70]!r}")
                pages_out.append(None)
                continue
            if not c.get("first_cell") and squash(c["text"]) not in full:
                errors.append(f"full text differs from PDF: {c['text'][:70]!r}")
            if c.get("first_cell") and squash(c["first_cell"]) not in full:
                # the Afspraak cell wraps next to other cells; check word order within the page(s)
                ws = page_words_ok(pdf, page, c["first_cell"])
                if not ws:
                    errors.append(f"table cell text not found in order: {c['first_cell'][:70]!r}")
            pages_out.append(page)
            last = page
    print(json.dumps({"pages": pages_out, "n_pages": n_pages, "errors": errors, "notes": notes}))


def page_words_ok(pdf, page, cell):
    """Every word of the cell occurs, in order, in the words of this page and the next."""
    words = []
    for p in range(page, min(page + 1, len(pdf.pages)) + 1):
        words += [w["text"] for w in pdf.pages[p - 1].extract_words()]
    joined = squash("".join(words))
    pos = 0
    for w in re.split(r"[\s\-]+", cell):
        if not w:
            continue
        k = joined.find(squash(w), pos)
        if k < 0:
            return False
        pos = k + len(squash(w))
    return True


if __name__ == "__main__":
    main()
