"""Box-aware reading order: shaded boxes, pull quotes and sparse columns."""

from __future__ import annotations

from pathlib import Path


from analyser.extract_layout import layout_lines

ROOT = Path(__file__).resolve().parents[1]
BROCHURE = ROOT / "corpus" / "documents" / "lindewaard-brochure-2025-2028.pdf"


def _w(text: str, x0: float, top: float, size: float = 11.0, bold: bool = False) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 6.0 * len(text), "top": top, "bottom": top + size,
            "size": size, "fontname": "DejaVuSans-Bold" if bold else "DejaVuSans"}


def test_box_in_column_read_as_own_block_and_never_merged_across_columns():
    # two columns (x 60-260 and 300-500); in the left column, a shaded box from y 200
    # whose heading word overflows the box edge into the gutter; the right column runs beside it
    words = []
    for i in range(8):
        words.append(_w("links", 60, 100 + 17 * i))
        words.append(_w("tekst", 100, 100 + 17 * i))
        words.append(_w("woorden", 180, 100 + 17 * i))
        words.append(_w("rechts", 300, 100 + 17 * i))
        words.append(_w("verder", 345, 100 + 17 * i))
        words.append(_w("lopend", 390, 100 + 17 * i))
    words.append(_w("Afspraken", 72, 240, bold=True))
    words.append(_w("betalingsproblemen", 130, 240, bold=True))
    words[-1]["x1"] = 290.0  # runs past the box edge into the gutter
    for i in range(4):
        words.append(_w("box", 74, 260 + 17 * i))
        words.append(_w("regel", 100, 260 + 17 * i))
        words.append(_w("rechts", 300, 260 + 17 * i))
    frame = (66.0, 235.0, 262.0, 335.0)
    lines = list(layout_lines(words, 595.0, [frame]))
    texts = [ln.text for ln in lines]
    # no line mixes left-column (or box) words with right-column words
    assert not any(("links" in t or "box" in t or "Afspraken" in t) and "rechts" in t for t in texts)
    # the box heading is one line, and the box lines follow it without interruption
    head = texts.index("Afspraken betalingsproblemen")
    assert texts[head + 1 : head + 5] == ["box regel"] * 4
    # the box sits in the left column: after the left column's text, before the right column
    assert texts.index("links tekst woorden") < head < texts.index("rechts verder lopend")
    assert {ln.column for ln in lines[head : head + 5]} == {0}


def test_frame_behind_part_of_a_line_is_not_a_box():
    # a shaded band that starts after the first word of a footnote: the line stays whole
    words = [_w("[4]", 30, 750, 8.5), _w("Gemeld", 50, 750, 8.5), _w("door", 90, 750, 8.5)]
    lines = list(layout_lines(words, 595.0, [(45.0, 745.0, 530.0, 770.0)]))
    assert [ln.text for ln in lines] == ["[4] Gemeld door"]


def test_brochure_boxes_quotes_and_sparse_columns():
    from analyser.extract import extract_document
    from analyser.segment import segment

    doc = extract_document(BROCHURE)
    pages = {p.number: p for p in doc.pages}
    p8 = [ln.text for ln in pages[8].lines]
    assert "€ 400.000 per" in p8 and "lig voelen op" in p8  # a sparse third column kept apart
    assert p8.index("dorp en zich vei\u2010") < p8.index("lig voelen op")
    p5 = [ln.text for ln in pages[5].lines]
    i = p5.index("Dit spreken")  # the box heading with an overflowing word stays in its box
    assert p5[i : i + 4] == ["Dit spreken", "we af over", "betalingsproblemen", "• De Linde"]
    p6 = [ln.text for ln in pages[6].lines]
    assert "Dit spreken" in p6 and "5 tot 10 procent" in p6
    texts = {c.text for c in segment(doc)}
    assert "We willen dat bewoners zich thuis voelen in hun dorp en zich veilig voelen op straat." in texts
    assert "Samen verkennen we of in Westerwaard een dorpswarmtenet haalbaar is." in texts
    assert "De huurdersraad en De Linde bespreken twee keer per jaar de klachten over onderhoud en vocht." in texts
