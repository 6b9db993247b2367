"""segment: hand-built Documents (no PDFs): furniture, hyphenation, numbering, tables, footnotes."""

from __future__ import annotations

from analyser.segment import segment
from analyser.segment_text import join_pair, join_wrapped, split_sentences
from analyser.types import Document, Line, Page, Table

W, H = 595.0, 842.0


def line(text, top, x0=72.0, size=10.0, bold=False, column=0):
    return Line(text=text, x0=x0, top=top, x1=x0 + 6 * len(text) * size / 10, bottom=top + size, size=size, bold=bold, column=column)


def page(number, lines, tables=()):
    return Page(number=number, width=W, height=H, lines=tuple(lines), tables=tuple(tables))


def doc(*pages):
    return Document(path="x.pdf", sha256="0" * 64, pages=tuple(pages))


def texts(clauses):
    return [c.text for c in clauses]


# ---------------------------------------------------------------- de-hyphenation


def test_segment_dehyphenates_soft_hyphen_and_u2010_and_fffe():
    assert join_pair("de verduur\u2010", "zaming van") == "de verduurzaming van"
    assert join_pair("de verduur\u00ad", "zaming van") == "de verduurzaming van"
    assert join_pair("de verduur\ufffe", "zaming van") == "de verduurzaming van"
    assert join_pair("de woning-", "corporaties") == "de woningcorporaties"


def test_segment_keeps_real_hyphens():
    assert join_pair("betaalbare huur-", "en koopwoningen") == "betaalbare huur- en koopwoningen"
    assert join_pair("in Noord-", "Holland") == "in Noord-Holland"
    assert join_pair("de sociale-", "huursector") == "de sociale-huursector"
    assert join_pair("alle EFG-", "labels") == "alle EFG-labels"
    assert join_pair("meer zonne-", "energie") == "meer zonne-energie"
    assert join_pair("periode 2024-", "2027") == "periode 2024-2027"


def test_segment_hyphen_minus_is_real_when_document_breaks_with_u2010():
    assert join_pair("de aardgasvrij-", "gereed", hyphen_breaks=True) == "de aardgasvrij-gereed"
    assert join_pair("de aardgasvrij-", "gereed", vocab=frozenset({"aardgasvrij-gereed"})) == "de aardgasvrij-gereed"


def test_segment_joins_lines_of_a_paragraph_with_dehyphenation():
    d = doc(page(1, [
        line("De corporatie en de gemeente werken aan de verduur\u2010", 100),
        line("zaming van de sociale-", 114),
        line("huursector in Noord-Holland en bouwen huur- en", 128),
        line("koopwoningen.", 142),
    ]))
    (c,) = segment(d)
    assert c.text == ("De corporatie en de gemeente werken aan de verduurzaming van de sociale-huursector "
                      "in Noord-Holland en bouwen huur- en koopwoningen.")


# ---------------------------------------------------------------- furniture


def _furnished(n):
    pages = []
    for p in range(1, n + 1):
        pages.append(page(p, [
            line("Prestatieafspraken Testdorp 2025-2028", 30, size=8),
            line(f"{p}.1 De corporatie bouwt in 202{p} precies {p * 10} woningen.", 100),
            line(f"Pagina {p} van {n}", 810, size=8),
        ]))
    return doc(*pages)


def test_segment_removes_running_headers_and_page_numbers():
    clauses = segment(_furnished(4))
    assert len(clauses) == 4
    assert not any("Pagina" in t or "Testdorp" in t for t in texts(clauses))
    assert [c.label for c in clauses] == ["1.1", "2.1", "3.1", "4.1"]
    assert [c.page for c in clauses] == [1, 2, 3, 4]


def test_segment_drops_toc_and_cover():
    d = doc(
        page(1, [line("Prestatieafspraken", 200, size=28, bold=True), line("Gemeente Testdorp", 260, size=14)]),
        page(2, [line("Inhoud", 80, size=16, bold=True), line("1 Inleiding ............ 3", 110), line("2 Afspraken .......... 3", 124), line("3 Slot ............ 4", 138)]),
        page(3, [line("1 Inleiding", 80, size=16, bold=True), line("De gemeente bouwt 40 woningen in 2026.", 110)]),
    )
    clauses = segment(d)
    assert texts(clauses) == ["De gemeente bouwt 40 woningen in 2026."]
    assert clauses[0].section == "1 Inleiding"
    assert clauses[0].id == "c0001"


# ---------------------------------------------------------------- numbering and sub-items


def test_segment_sub_items_spelling_out_one_agreement_stay_one_clause():
    d = doc(page(1, [
        line("3 Beschikbaarheid", 60, size=16, bold=True),
        line("3.2 Nieuwbouw", 85, size=12, bold=True),
        line("3.2 De corporaties voegen 640 woningen toe. Dit aantal is als volgt", 110),
        line("opgebouwd:", 124, x0=99),
        line("a. 380 woningen in het Havenkwartier;", 140, x0=126),
        line("b. 260 woningen in Zuid.", 154, x0=126),
        line("3.3 De gemeente levert grond.", 178),
    ]))
    clauses = segment(d)
    assert texts(clauses) == [
        "De corporaties voegen 640 woningen toe. Dit aantal is als volgt opgebouwd: "
        "380 woningen in het Havenkwartier; 260 woningen in Zuid.",
        "De gemeente levert grond.",
    ]
    assert clauses[0].label == "3.2"
    assert clauses[0].section == "3 Beschikbaarheid > 3.2 Nieuwbouw"


def test_segment_lead_in_with_separate_agreements_splits_sub_items():
    d = doc(page(1, [
        line("3.6 Om de bouw te versnellen, zal de gemeente:", 100),
        line("a. een bouwregisseur aanstellen;", 116, x0=99),
        line("b. vergunningen binnen acht weken", 132, x0=99),
        line("verlenen;", 146, x0=112),
        line("c. bezwaren snel afhandelen.", 162, x0=99),
    ]))
    clauses = segment(d)
    assert texts(clauses) == ["een bouwregisseur aanstellen;", "vergunningen binnen acht weken verlenen;", "bezwaren snel afhandelen."]
    assert [c.label for c in clauses] == ["a", "b", "c"]
    assert {c.lead_in for c in clauses} == {"Om de bouw te versnellen, zal de gemeente:"}
    assert all(c.source == "list-item" for c in clauses)


def test_segment_word_labels_afspraak_and_artikel():
    d = doc(page(1, [
        line("Afspraak 3 Om de doorstroming te bevorderen, zullen de corporaties:", 100),
        line("a. een doorstroomregeling aanbieden;", 116, x0=99),
        line("b. ten minste 120 doorstromingen realiseren.", 132, x0=99),
        line("Artikel 4.2: De gemeente verleent vergunningen binnen acht weken.", 156),
        line("Artikel 44 van de Woningwet regelt de prestatieafspraken.", 180),
    ]))
    clauses = segment(d)
    assert [(c.label, c.text) for c in clauses] == [
        ("a", "een doorstroomregeling aanbieden;"),
        ("b", "ten minste 120 doorstromingen realiseren."),
        ("4.2", "De gemeente verleent vergunningen binnen acht weken."),
        (None, "Artikel 44 van de Woningwet regelt de prestatieafspraken."),
    ]
    assert clauses[0].lead_in == "Om de doorstroming te bevorderen, zullen de corporaties:"


def test_segment_party_lead_in_recorded_on_bullets():
    d = doc(page(1, [
        line("Gemeente:", 100, bold=True),
        line("• stelt drie bouwlocaties beschikbaar;", 116, x0=84),
        line("• verleent vergunningen binnen zes weken.", 130, x0=84),
        line("De corporatie zorgt voor:", 154),
        line("• 400 sociale huurwoningen.", 170, x0=84),
    ]))
    clauses = segment(d)
    assert [(c.lead_in, c.text) for c in clauses] == [
        ("Gemeente:", "stelt drie bouwlocaties beschikbaar;"),
        ("Gemeente:", "verleent vergunningen binnen zes weken."),
        ("De corporatie zorgt voor:", "400 sociale huurwoningen."),
    ]


def test_segment_clause_continues_over_page_break():
    d = doc(
        page(1, [line("4.1 De corporaties verhogen de huren met niet meer", 760)]),
        page(2, [line("dan de inflatie.", 72, x0=99), line("4.2 Partijen evalueren jaarlijks.", 100)]),
    )
    clauses = segment(d)
    assert texts(clauses) == ["De corporaties verhogen de huren met niet meer dan de inflatie.", "Partijen evalueren jaarlijks."]
    assert clauses[0].page == 1 and clauses[1].page == 2


def test_segment_long_paragraph_is_split_into_sentences_with_abbreviations():
    assert split_sentences("Dit geldt o.a. voor huurders. De gemeente bouwt 40 woningen, bijv. in Zuid. Klaar.") == [
        "Dit geldt o.a. voor huurders.", "De gemeente bouwt 40 woningen, bijv. in Zuid.", "Klaar."]


def test_initials_do_not_end_a_sentence():
    assert split_sentences("Woonstichting Esdonk, vertegenwoordigd door ir. P.J.M. Leenderts, directeur. Zij tekent.") == [
        "Woonstichting Esdonk, vertegenwoordigd door ir. P.J.M. Leenderts, directeur.", "Zij tekent."]


# ---------------------------------------------------------------- footnotes


def test_segment_footnote_text_not_glued_into_clause():
    d = doc(page(1, [
        line("3.5 De gemeente onderzoekt de transformatie van kantoren.", 100),
        line("3.6 De corporaties bouwen", 116),
        line("2. Bron: Leegstandsmonitor 2023.", 760, size=8),
    ]))
    clauses = segment(d)
    body = [c for c in clauses if c.section != "voetnoot"]
    notes = [c for c in clauses if c.section == "voetnoot"]
    assert texts(body) == ["De gemeente onderzoekt de transformatie van kantoren.", "De corporaties bouwen"]
    assert texts(notes) == ["Bron: Leegstandsmonitor 2023."] and notes[0].label == "2"


# ---------------------------------------------------------------- tables

HEADER = ("Nr", "Afspraak", "Trekker", "Planning")


def test_segment_table_rows_across_pages_with_repeated_header_and_broken_row():
    t1 = Table(bbox=(60, 100, 530, 760), rows=(HEADER, ("1", "De corporaties bouwen 175 woningen.", "SR", "Q4 2026"), ("2", "De gemeente levert de grond", "Gem", "")), row_tops=(100, 130, 700))
    t2 = Table(bbox=(60, 72, 530, 300), rows=(HEADER, ("", "uiterlijk 1 maart 2026.", "", "maart 2026"), ("3", "Partijen evalueren.", "allen", "2026")), row_tops=(72, 100, 130))
    d = doc(page(1, [line("3 Afspraken 2026", 70, size=16, bold=True)], [t1]), page(2, [], [t2]))
    clauses = segment(d)
    assert [(c.label, c.text, c.page, c.source) for c in clauses] == [
        ("1", "De corporaties bouwen 175 woningen. | SR | Q4 2026", 1, "table-row"),
        ("2", "De gemeente levert de grond uiterlijk 1 maart 2026. | Gem | maart 2026", 1, "table-row"),
        ("3", "Partijen evalueren. | allen | 2026", 2, "table-row"),
    ]
    assert all(c.section == "3 Afspraken 2026" for c in clauses)


def test_segment_table_theme_row_becomes_sub_section():
    t = Table(bbox=(60, 100, 530, 400), rows=(HEADER, ("Beschikbaarheid", "", "", ""), ("1", "De corporaties bouwen.", "SR", "2026")), row_tops=(100, 120, 140))
    (c,) = segment(doc(page(1, [line("3 Afspraken", 70, size=16, bold=True)], [t])))
    assert c.section == "3 Afspraken > Beschikbaarheid" and c.label == "1"


def test_segment_empty_document_gives_no_clauses():
    assert segment(doc()) == ()
    assert join_wrapped(["", "a", ""]) == "a"


def test_cover_title_is_not_the_section_of_later_chapters():
    d = doc(
        page(1, [
            line("Prestatieafspraken Brakeldonk 2026-2029", 100, size=20, bold=True),
            line("De ondergetekenden komen het volgende overeen.", 300),
        ]),
        page(2, [
            line("1. Inleiding", 72, size=14, bold=True),
            line("De corporaties bouwen in 2027 tachtig woningen.", 100),
        ]),
    )
    clauses = segment(d)
    assert [(c.page, c.section) for c in clauses] == [
        (1, "Prestatieafspraken Brakeldonk 2026-2029"), (2, "1. Inleiding")]
