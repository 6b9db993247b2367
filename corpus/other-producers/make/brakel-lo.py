#!/tmp/robust/venv/bin/python
"""Build brakel-lo.docx (python-docx), brakel-lo.pdf (LibreOffice) and brakel-lo.expected.json.

Fictional prestatieafspraken for the invented gemeente Brakeldonk. The clause texts and their
labels live in DOC below, so the PDF and the expected file come from one source.

Run:  /tmp/robust/venv/bin/python /tmp/robust/brakel-lo/make.py
Needs: python-docx (in /tmp/robust/venv), soffice on PATH, and pdfplumber in /work/main/.venv
(used only by locate.py, run as a subprocess, to find and verify the page of every clause).
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor, Twips

NAME = "brakel-lo"
HERE = Path(__file__).resolve().parent
PDFPLUMBER_PY = "/work/main/.venv/bin/python"

TITLE = "Prestatieafspraken Brakeldonk 2026-2029"
SUBTITLE = "Samen werken aan voldoende, betaalbare en goede woningen"
FICTION = "Fictief voorbeeld – geen echte overeenkomst"

METADATA = {
    "gemeente": "Brakeldonk",
    "corporaties": ["Kaaihoven Wonen", "Woonstichting Esdonk"],
    "huurdersorganisaties": ["Huurdersplatform Brakeldonk"],
    "other_parties": [],
    "title": TITLE,
    "doc_type": "raamafspraken",
    "looptijd_start": 2026,
    "looptijd_end": 2029,
    "jaarschijf": 2026,
    "signing_date": "2025-12-11",
}

LAYOUT = (
    "Word-style document (python-docx .docx converted by LibreOffice Writer 7.4), A4 portrait, "
    "Calibri (Carlito) 11 pt, justified paragraphs without hyphenation; cover page with title, "
    "parties and the fictional-example note; one automatically numbered multi-level Word list: "
    "chapter headings '1.'-'10.', agreements '2.1', '2.2' …, and one lead-in ('3.3 … zullen de "
    "corporaties:') with sub-items '3.3.1'-'3.3.3'; unnumbered context paragraphs between the "
    "numbered items; chapter 9 is a bordered agreements table Nr | Afspraak | Wie | Wanneer that "
    "crosses from page 5 to page 6 (break between rows 7 and 8) WITHOUT a repeated header row; "
    "running header with the "
    "document title and date, footer 'Pagina X van Y' (PAGE/NUMPAGES fields) on every page; "
    "signature table (2 x 2, no borders) at the end."
)

PARTY = {"g": "gemeente", "c": "corporatie", "h": "huurders", "o": "overig"}


def L(kind, theme, smart="", parties="", flags="", why=""):
    """Compact label: kind, theme, SMART letters that are true, party letters g/c/h/o, flags r/h."""
    if kind == "none":
        smart, parties, flags = "", "", ""
    s = {k: (k in smart) for k in "SMART"}
    return {
        "theme": theme,
        "kind": kind,
        "smart": s,
        "is_smart": all(s.values()),
        "parties_obliged": [PARTY[p] for p in "gcho" if p in parties],
        "reciprocal": "r" in flags,
        "hedged": "h" in flags,
        "rationale": why,
    }


# ---------------------------------------------------------------------------------------------
# The document. Block types:
#   ("h1", heading)                  numbered chapter heading (Word list level 0)
#   ("p", text, label|None)          unnumbered justified paragraph (label None = not a clause)
#   ("item", text, label)            numbered agreement (Word list level 1: 2.1, 2.2 …)
#   ("lead", text)                   numbered lead-in (level 1), not a clause itself
#   ("sub", text, label)             sub-item under the last lead-in (level 2: 3.3.1 …)
#   ("table", [(nr, afspraak, wie, wanneer, label), …])
#   ("sig",)                         signature table
# ---------------------------------------------------------------------------------------------

DOC = [
    ("h1", "Inleiding en uitgangspunten"),
    ("p", "Deze prestatieafspraken zijn gemaakt door de gemeente Brakeldonk, Kaaihoven Wonen, "
          "Woonstichting Esdonk en Huurdersplatform Brakeldonk. Waar in dit document ‘partijen’ "
          "staat, worden deze vier ondertekenaars bedoeld; ‘de corporaties’ staat voor Kaaihoven "
          "Wonen en Woonstichting Esdonk samen.",
     L("none", "proces", why="Definition of the parties.")),
    ("p", "Brakeldonk telt 52.300 inwoners en 23.100 woningen, waarvan 6.020 sociale "
          "huurwoningen. Kaaihoven Wonen bezit er 4.370, Woonstichting Esdonk 1.650. De gemiddelde "
          "zoektijd voor een sociale huurwoning bedroeg in 2024 4,1 jaar.",
     L("none", "beschikbaarheid", why="Context figures on the stock and search time.")),
    ("p", "Deze afspraken gelden van 1 januari 2026 tot en met 31 december 2029. Zij bouwen voort "
          "op de Woonvisie Brakeldonk 2025-2030, die de gemeenteraad op 3 april 2025 heeft "
          "vastgesteld.",
     L("none", "proces", why="Term of the agreement and its basis.")),

    ("h1", "Beschikbaarheid"),
    ("p", "Volgens de woningbehoefteraming 2024 moeten tot 2030 in Brakeldonk circa 1.900 woningen "
          "worden toegevoegd, waarvan 30 procent sociale huur. In de periode 2021-2024 groeide de "
          "sociale huurvoorraad met slechts 86 woningen.",
     L("none", "beschikbaarheid", why="Problem analysis with figures.")),
    ("item", "Kaaihoven Wonen en Woonstichting Esdonk voegen in de periode 2026-2029 samen ten "
             "minste 480 sociale huurwoningen toe aan de voorraad, waarvan 320 door Kaaihoven Wonen "
             "en 160 door Woonstichting Esdonk.",
     L("activity", "beschikbaarheid", "SMART", "c", why="Net addition of homes by named corporations, number and period.")),
    ("item", "Tegenover deze bouwopgave stelt de gemeente uiterlijk 1 juli 2026 vier bouwlocaties "
             "met samen ruimte voor ten minste 300 sociale huurwoningen beschikbaar tegen de sociale "
             "grondprijs van € 24.500 per woning.",
     L("activity", "beschikbaarheid", "SMART", "g", "r", why="Gemeente supplies land as counterpart (tegenover): explicit exchange.")),
    ("item", "De gemeente neemt in nieuwe woningbouwplannen van twintig woningen of meer in beginsel "
             "ten minste 30 procent sociale huur op.",
     L("activity", "beschikbaarheid", "SMAR", "g", "h", why="Quota in plans, softened by 'in beginsel'; no time.")),
    ("item", "De corporaties zetten zich in om de doorstroming van senioren uit eengezinswoningen "
             "naar passende appartementen te bevorderen.",
     L("activity", "beschikbaarheid", "SAR", "c", "h", why="Effort to promote doorstroming; no number or date.")),
    ("item", "De corporaties verkopen in de periode 2026-2029 geen sociale huurwoningen en "
             "liberaliseren er ten hoogste 40, uitsluitend bij mutatie.",
     L("activity", "beschikbaarheid", "SMART", "c", why="Sales stop and cap on liberalisation for the period.")),
    ("item", "In de kern Esdonk worden tot en met 2028 ten minste 60 flexwoningen geplaatst voor "
             "spoedzoekers en jongeren.",
     L("activity", "beschikbaarheid", "SMRT", "", why="Passive wording: number and date, but no party is bound.")),
    ("item", "Partijen zorgen ervoor dat de gemiddelde zoektijd voor een sociale huurwoning in 2029 "
             "is gedaald tot ten hoogste 3 jaar.",
     L("effect", "beschikbaarheid", "SMART", "gch", "r", why="Zoektijd outcome target with number and year.")),

    ("h1", "Betaalbaarheid"),
    ("p", "In 2024 had ruim 19 procent van de huurders van de corporaties in Brakeldonk een "
          "betaalrisico. Er vonden in dat jaar zeven huisuitzettingen plaats, waarvan drie wegens "
          "huurachterstand.",
     L("none", "betaalbaarheid", why="Context figures on betaalrisico and evictions.")),
    ("item", "De corporaties houden de jaarlijkse huursomstijging in de periode 2026-2029 gemiddeld "
             "gelijk aan of lager dan de inflatie.",
     L("activity", "betaalbaarheid", "SMART", "c", why="Rent rule controlled by the corporations, period given.")),
    ("item", "De corporaties wijzen jaarlijks ten minste 95 procent van de vrijkomende sociale "
             "huurwoningen passend toe aan huishoudens met recht op huurtoeslag.",
     L("activity", "betaalbaarheid", "SMART", "c", why="Passend toewijzen quota, yearly.")),
    ("lead", "Om huisuitzettingen te voorkomen, zullen de corporaties:"),
    ("sub", "iedere huurachterstand van twee maanden binnen vijf werkdagen melden bij het team "
            "vroegsignalering van de gemeente;",
     L("activity", "betaalbaarheid", "SMART", "c", why="Reporting arrears within a fixed time; bound via the lead-in.")),
    ("sub", "bij een huurachterstand altijd eerst een betalingsregeling aanbieden voordat zij een "
            "incassoprocedure starten;",
     L("activity", "betaalbaarheid", "SMART", "c", why="Binary practice tied to an event (before collection starts).")),
    ("sub", "waar mogelijk afzien van het doorberekenen van incassokosten aan huurders met een "
            "betalingsregeling.",
     L("activity", "betaalbaarheid", "SMAR", "c", "h", why="Stop of a practice, softened by 'waar mogelijk'; no time.")),
    ("item", "De gemeente neemt binnen drie werkdagen na een melding van de corporaties contact op "
             "met het huishouden en biedt schuldhulpverlening aan.",
     L("activity", "betaalbaarheid", "SMART", "g", why="Gemeente follow-up within a fixed time after a report.")),
    ("item", "Partijen zorgen ervoor dat er in de periode 2026-2029 geen huisuitzettingen "
             "plaatsvinden die uitsluitend het gevolg zijn van betalingsachterstanden.",
     L("effect", "betaalbaarheid", "SMART", "gch", "r", why="Zero evictions for arrears: outcome target.")),
    ("item", "Partijen streven ernaar dat de woonlasten van huurders met een laag inkomen betaalbaar "
             "blijven.",
     L("effect", "betaalbaarheid", "AR", "gch", "rh", why="Vague woonlasten outcome, 'streven'; not S/M/T.")),

    ("h1", "Duurzaamheid en woningkwaliteit"),
    ("p", "Eind 2025 hebben nog 38 woningen van de corporaties een E-, F- of G-label; 46 procent "
          "van de voorraad heeft label A of beter. In 2025 zijn bij 212 woningen vocht- en "
          "schimmelklachten gemeld.",
     L("none", "duurzaamheid", why="Context figures on labels and damp.")),
    ("item", "Kaaihoven Wonen verbetert de laatste 31 woningen met een E-, F- of G-label uiterlijk "
             "31 december 2026 naar ten minste label B; Woonstichting Esdonk doet dit vóór 1 juli "
             "2026 voor haar laatste 7 woningen.",
     L("activity", "duurzaamheid", "SMART", "c", why="Label steps with counts and deadlines.")),
    ("item", "De corporaties plaatsen in de periode 2026-2029 zonnepanelen op ten minste 1.400 "
             "woningen, zonder dat de huur daardoor stijgt.",
     L("activity", "duurzaamheid", "SMART", "c", why="Solar panels: output with number and period.")),
    ("item", "De gemeente financiert in 2026 en 2027 jaarlijks 250 bezoeken van energiecoaches bij "
             "huurders van de corporaties; de corporaties en het Huurdersplatform werven de "
             "deelnemers.",
     L("activity", "duurzaamheid", "SMART", "gch", "r", why="Energy coaches funded by gemeente, recruited by corporations and tenants.")),
    ("item", "De corporaties verhelpen elke melding van ernstig vocht of schimmel binnen zes weken "
             "na de inspectie.",
     L("activity", "duurzaamheid", "SMART", "c", why="Damp and mould repair within a fixed time after inspection.")),
    ("item", "Partijen onderzoeken de mogelijkheden om de wijk Molenakker op termijn aardgasvrij te "
             "maken.",
     L("activity", "duurzaamheid", "SAR", "gch", "rh", why="Open exploration, 'op termijn'; not M/T.")),
    ("item", "De gemiddelde energielasten van huurders in de verduurzaamde complexen in De Vlasbeemd "
             "dalen in 2027 met ten minste € 25 per maand ten opzichte van 2025.",
     L("effect", "betaalbaarheid", "SMRT", "", why="Energy-cost outcome target without a bound party.")),

    ("h1", "Doelgroepen"),
    ("p", "De taakstelling voor de huisvesting van vergunninghouders bedraagt voor Brakeldonk naar "
          "verwachting 95 personen per jaar. Jaarlijks stromen ongeveer 25 inwoners uit een "
          "instelling voor beschermd wonen of maatschappelijke opvang.",
     L("none", "doelgroepen", why="Context: taakstelling and outflow figures.")),
    ("item", "De gemeente en de corporaties huisvesten elk jaar ten minste het aantal "
             "vergunninghouders dat de taakstelling voorschrijft.",
     L("effect", "doelgroepen", "SMART", "gc", "r", why="Households housed per taakstelling: outcome target.")),
    ("item", "De corporaties stellen jaarlijks 28 woningen beschikbaar voor inwoners die uitstromen "
             "uit beschermd wonen of de maatschappelijke opvang; de gemeente zorgt voor begeleiding "
             "van ten minste twaalf maanden per huurder.",
     L("activity", "doelgroepen", "SMART", "gc", "r", why="Homes for outflow plus guidance by the gemeente.")),
    ("item", "Woonstichting Esdonk realiseert uiterlijk in 2028 vier woonwagenstandplaatsen aan de "
             "Kempendreef; de gemeente wijzigt daarvoor in 2026 het omgevingsplan.",
     L("activity", "doelgroepen", "SMART", "gc", "r", why="Standplaatsen by the corporation, planning change by the gemeente.")),
    ("item", "De corporaties streven ernaar jaarlijks ongeveer 60 woningen met voorrang toe te wijzen "
             "aan jongeren tot 27 jaar.",
     L("activity", "doelgroepen", "SMART", "c", "h", why="Allocation quota for young people, hedged with 'streven'.")),
    ("item", "Partijen besteden aandacht aan de huisvesting van arbeidsmigranten.",
     L("activity", "doelgroepen", "AR", "gch", "rh", why="'Aandacht' only: not specific, measurable or timed.")),

    ("h1", "Wonen en zorg"),
    ("item", "De gemeente stelt uiterlijk 1 oktober 2026 samen met de corporaties en de "
             "zorgaanbieders een woonzorgvisie vast, met daarin per kern de opgave aan geschikte "
             "woningen voor ouderen.",
     L("activity", "wonen_zorg", "SMART", "gco", "r", why="Named document with deadline; co-actors corporaties and zorg.")),
    ("item", "Kaaihoven Wonen levert in 2027 in de kern Kaaihoven een woonzorgcomplex op met 42 "
             "levensloopbestendige appartementen.",
     L("activity", "wonen_zorg", "SMART", "c", why="Output: care complex with number and year.")),
    ("item", "Partijen werken eraan dat ouderen zo lang mogelijk zelfstandig in hun eigen wijk kunnen "
             "blijven wonen.",
     L("effect", "wonen_zorg", "AR", "gch", "rh", why="Vague outcome for residents, 'werken eraan'.")),

    ("h1", "Leefbaarheid"),
    ("item", "De corporaties besteden in de periode 2026-2029 jaarlijks € 60 per woning aan "
             "leefbaarheid, met een maximum van € 360.000 per jaar.",
     L("activity", "leefbaarheid", "SMART", "c", why="Leefbaarheid budget per year.")),
    ("item", "De gemeente en de corporaties stellen in 2026 een gezamenlijk wijkplan op voor De "
             "Vlasbeemd en Zuiderpoort.",
     L("activity", "leefbaarheid", "SMART", "gc", "r", why="Named plan with year, two party types.")),
    ("item", "In 2029 heeft De Vlasbeemd op de Leefbaarometer ten minste de score ‘voldoende’.",
     L("effect", "leefbaarheid", "SMRT", "", why="Leefbaarheid state as target, no party bound.")),

    ("h1", "Samenwerking, monitoring en geschillen"),
    ("item", "Partijen komen ten minste drie keer per jaar bijeen in een bestuurlijk overleg, in "
             "maart, juni en november.",
     L("process", "proces", "SMART", "gch", "r", why="Meeting frequency and months.")),
    ("item", "De gemeente stelt jaarlijks vóór 1 mei een monitor op van de voortgang van deze "
             "afspraken, met de indicatoren zoektijd, huisuitzettingen, energielasten en "
             "Leefbaarometer-score.",
     L("process", "proces", "SMART", "g", why="Monitoring by the gemeente with deadline.")),
    ("item", "De corporaties vergoeden het Huurdersplatform jaarlijks € 12.000 voor scholing en "
             "onafhankelijk advies; het Huurdersplatform legt jaarlijks vóór 1 april verantwoording "
             "af over de besteding.",
     L("process", "proces", "SMART", "ch", "r", why="Support for tenants with accountability in return.")),
    ("item", "Partijen kunnen deze afspraken bij de jaarlijkse vaststelling van de uitvoeringsagenda "
             "in onderling overleg bijstellen.",
     L("process", "proces", "SMART", "gch", "rh", why="Amendment clause tied to the yearly cycle; 'kunnen', 'in overleg'.")),
    ("item", "Partijen evalueren de afspraken en de samenwerking in het voorjaar van 2028 met een "
             "onafhankelijke procesbegeleider.",
     L("process", "proces", "SMART", "gch", "r", why="Evaluation with a period.")),
    ("item", "Bij een geschil over de uitvoering van deze afspraken voeren partijen eerst bestuurlijk "
             "overleg. Is het geschil niet binnen drie maanden opgelost, dan kan elk van de partijen "
             "het voorleggen aan de minister op grond van artikel 44 van de Woningwet.",
     L("process", "proces", "SMART", "gch", "rh", why="Dispute clause; referral is optional ('kan').")),

    ("h1", "Uitvoeringsagenda 2026"),
    ("p", "Deze uitvoeringsagenda vertaalt de afspraken voor het jaar 2026 naar concrete acties. "
          "De kolom ‘Wie’ noemt de partij die verantwoordelijk is voor de uitvoering.",
     L("none", "proces", why="Explains the table.")),
    ("table", [
        ("1", "Kaaihoven Wonen start de bouw van 72 sociale huurwoningen in het plan "
              "Zuiderpoort-Oost.", "Kaaihoven Wonen", "Q2 2026",
         L("activity", "beschikbaarheid", "SMART", "c", why="Start of building with number and quarter.")),
        ("2", "De gemeente levert de bouwrijpe grond voor het plan Hoeverveld (48 woningen) op aan "
              "Woonstichting Esdonk.", "Gemeente", "1 april 2026",
         L("activity", "beschikbaarheid", "SMART", "g", why="Land delivery by the gemeente with date.")),
        ("3", "Woonstichting Esdonk levert 36 appartementen voor jongeren aan de Stationsstraat op.",
         "Woonstichting Esdonk", "Q4 2026",
         L("activity", "beschikbaarheid", "SMART", "c", why="Completion of homes with number and quarter.")),
        ("4", "Convenant vroegsignalering Brakeldonk ondertekend en in werking.",
         "Gemeente, corporaties", "1 maart 2026",
         L("activity", "betaalbaarheid", "SMART", "gc", "r", why="Named instrument with date; Wie names two party types.")),
        ("5", "Huurbevriezing per 1 juli 2026 voor huishoudens met een inkomen onder de "
              "huurtoeslaggrens en een huur boven de aftoppingsgrens.", "Corporaties", "1 juli 2026",
         L("activity", "betaalbaarheid", "SMART", "c", why="Rent freeze for a defined group, date.")),
        ("6", "Isolatie van 180 woningen in het complex Vlasbeemd-Noord tot de standaard voor de "
              "netto warmtevraag.", "Kaaihoven Wonen", "31 december 2026",
         L("activity", "duurzaamheid", "SMART", "c", why="Insulation with number and deadline.")),
        ("7", "Onderzoek naar loden leidingen in alle woningen met een bouwjaar vóór 1960 afgerond; "
              "gevonden leidingen binnen drie maanden vervangen.", "Corporaties", "Q3 2026",
         L("activity", "duurzaamheid", "SMART", "c", why="Named inspection with deadline and replacement term.")),
        ("8", "250 huisbezoeken door energiecoaches bij huurders met hoge energielasten.",
         "Gemeente, Huurdersplatform", "2026",
         L("activity", "duurzaamheid", "SMART", "gh", "r", why="Energy-coach visits; gemeente and tenants bound.")),
        ("9", "Huisvesting van het aantal vergunninghouders volgens de taakstelling 2026 (naar "
              "verwachting 95 personen).", "Gemeente, corporaties", "31 december 2026",
         L("effect", "doelgroepen", "SMART", "gc", "r", why="Households housed per taakstelling.")),
        ("10", "Waar mogelijk vergroenen van binnenterreinen in Zuiderpoort, samen met bewoners.",
         "Corporaties, gemeente", "2026",
         L("activity", "leefbaarheid", "SART", "gc", "rh", why="Greening 'waar mogelijk', no quantity.")),
        ("11", "Schouw ‘schoon, heel en veilig’ in alle wijken met corporatiebezit, samen met de "
               "bewonerscommissies.", "Corporaties, Huurdersplatform", "april en oktober 2026",
         L("activity", "leefbaarheid", "SMART", "ch", "r", why="Inspection rounds in all wijken twice a year.")),
        ("12", "Vaststelling van de uitvoeringsagenda 2027.", "Allen", "vóór 15 december 2026",
         L("process", "proces", "SMART", "gch", "r", why="Yearly cycle: next agenda agreed by all parties.")),
    ]),

    ("h1", "Ondertekening"),
    ("p", "Aldus overeengekomen en in viervoud ondertekend te Brakeldonk op 11 december 2025.",
     L("none", "proces", why="Signing statement.")),
    ("sig",),
]

SIGNATORIES = [
    ("Gemeente Brakeldonk", "mr. H.A. van Dortmond", "wethouder Wonen"),
    ("Kaaihoven Wonen", "ir. P.J.M. Leenderts", "directeur-bestuurder"),
    ("Woonstichting Esdonk", "drs. S. Arslan-de Kok", "bestuurder"),
    ("Huurdersplatform Brakeldonk", "W. Tielemans", "voorzitter"),
]


# ---------------------------------------------------------------------------------------------
# docx helpers
# ---------------------------------------------------------------------------------------------

NUM_ID = 90
ABSTRACT = f"""
<w:abstractNum {nsdecls('w')} w:abstractNumId="{NUM_ID}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1276" w:hanging="709"/></w:pPr></w:lvl>
</w:abstractNum>"""


def add_numbering(doc):
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(ABSTRACT)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'))


def set_num(par, level):
    numpr = par._p.get_or_add_pPr().get_or_add_numPr()  # schema order handled by python-docx
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = NUM_ID


def add_field(par, instr, size=None):
    def run(xml):
        r = par.add_run()
        r._r.append(parse_xml(xml))
        if size:
            r.font.size = size
        return r
    run(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>')
    run(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instr} </w:instrText>')
    run(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>')
    r = par.add_run("1")
    if size:
        r.font.size = size
    run(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>')


def shade(cell, fill):
    cell._tc.get_or_add_tcPr().append(parse_xml(
        f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def no_borders(table):
    tblpr = table._tbl.tblPr
    tblpr.insert_element_before(parse_xml(
        f'<w:tblBorders {nsdecls("w")}>' + "".join(
            f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"), "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange")


def cell_text(cell, text, bold=False, size=Pt(10), align=None):
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.space_before = Pt(2)
    if align is not None:
        p.alignment = align
    r = p.add_run(text)
    r.bold = bold
    r.font.size = size
    return p


def setup_styles(doc):
    st = doc.styles
    normal = st["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(a), "Calibri")
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.25
    lang = parse_xml(f'<w:lang {nsdecls("w")} w:val="nl-NL"/>')
    rpr.append(lang)
    for name, size in (("Heading 1", 14), ("Title", 24), ("Subtitle", 14)):
        s = st[name]
        s.font.name = "Calibri"
        s.font.size = Pt(size)
        s.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        r = s.element.get_or_add_rPr()
        rf = r.find(qn("w:rFonts"))
        if rf is None:
            rf = parse_xml(f'<w:rFonts {nsdecls("w")}/>')
            r.insert(0, rf)
        for a in list(rf.attrib):
            del rf.attrib[a]
        for a in ("w:ascii", "w:hAnsi", "w:cs"):
            rf.set(qn(a), "Calibri")
    h1 = st["Heading 1"]
    h1.font.bold = True
    h1.paragraph_format.space_before = Pt(18)
    h1.paragraph_format.space_after = Pt(8)
    h1.paragraph_format.keep_with_next = True


def build_docx(path: Path):
    doc = Document()
    setup_styles(doc)
    add_numbering(doc)
    doc.core_properties.author = "Gemeente Brakeldonk, afdeling Wonen"
    doc.core_properties.title = TITLE
    doc.core_properties.subject = FICTION
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.2)
    sec.header_distance = sec.footer_distance = Cm(1.1)

    # header: title left, date right; footer: Pagina X van Y centred
    hp = sec.header.paragraphs[0]
    hp._p.get_or_add_pPr().append(parse_xml(  # pBdr before tabs (schema order)
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" w:color="999999"/></w:pBdr>'))
    ts = hp.paragraph_format.tab_stops
    for pos in (4680, 9360):  # clear the Header style's centre/right tabs (twips)
        ts.add_tab_stop(Twips(pos), WD_TAB_ALIGNMENT.CLEAR)
    ts.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT)
    r = hp.add_run(TITLE + "\t" + "Definitief, 11 december 2025")
    r.font.size = Pt(9)
    r.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    small = Pt(9)
    fp.add_run("Pagina ").font.size = small
    add_field(fp, "PAGE", small)
    fp.add_run(" van ").font.size = small
    add_field(fp, "NUMPAGES", small)

    # cover
    for _ in range(3):
        doc.add_paragraph()
    doc.add_paragraph(TITLE, style="Title")
    doc.add_paragraph(SUBTITLE, style="Subtitle")
    p = doc.add_paragraph()
    r = p.add_run(FICTION)
    r.italic = True
    r.bold = True
    r.font.color.rgb = RGBColor(0xA0, 0x20, 0x20)
    doc.add_paragraph()
    doc.add_paragraph("De ondergetekenden:")
    for party, who, role in SIGNATORIES:
        q = doc.add_paragraph(f"{party}, hierbij vertegenwoordigd door {who}, {role};")
        q.paragraph_format.left_indent = Cm(1.0)
        q.paragraph_format.space_after = Pt(2)
    doc.add_paragraph()
    doc.add_paragraph("komen het volgende overeen.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    for block in DOC:
        kind = block[0]
        if kind == "h1":
            h = doc.add_paragraph(block[1], style="Heading 1")
            set_num(h, 0)
        elif kind == "p":
            q = doc.add_paragraph(block[1])
            q.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif kind in ("item", "lead", "sub"):
            q = doc.add_paragraph(block[1])
            q.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            set_num(q, {"item": 1, "lead": 1, "sub": 2}[kind])
            if kind == "sub":
                q.paragraph_format.space_after = Pt(3)
        elif kind == "table":
            rows = block[1]
            t = doc.add_table(rows=1 + len(rows), cols=4)
            t.style = doc.styles["Table Grid"]
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            widths = (Cm(1.1), Cm(8.4), Cm(3.6), Cm(2.9))
            for i, head in enumerate(("Nr", "Afspraak", "Wie", "Wanneer")):
                c = t.rows[0].cells[i]
                cell_text(c, head, bold=True)
                shade(c, "D9E2F3")
            for ri, (nr, what, who, when, _lab) in enumerate(rows, start=1):
                cells = t.rows[ri].cells
                cell_text(cells[0], nr)
                cell_text(cells[1], what, align=WD_ALIGN_PARAGRAPH.LEFT)
                cell_text(cells[2], who)
                cell_text(cells[3], when)
            t.autofit = False
            for col, w in zip(t.columns, widths):
                col.width = w
            for row in t.rows:
                for c, w in zip(row.cells, widths):
                    c.width = w
            doc.add_paragraph()
        elif kind == "sig":
            t = doc.add_table(rows=2, cols=2)
            no_borders(t)
            for i, (party, who, role) in enumerate(SIGNATORIES):
                c = t.rows[i // 2].cells[i % 2]
                p0 = c.paragraphs[0]
                p0.add_run(f"Voor {party}").bold = True
                for line in ("", "", "……………………………………", who, role):
                    c.add_paragraph(line).paragraph_format.space_after = Pt(0)
    doc.save(path)


def clauses():
    """Expected clauses in reading order, with section and label derived like the Word list does."""
    out = []
    chap = item = sub = 0
    section = None
    lead = None
    for block in DOC:
        kind = block[0]
        if kind == "h1":
            chap += 1
            item = 0
            section = f"{chap}. {block[1]}"
            lead = None
        elif kind == "p":
            lead = None
            if block[2] is not None:
                out.append(dict(text=block[1], section=section, source="prose", label=None,
                                lead_in=None, lab=block[2]))
        elif kind == "item":
            item += 1
            lead = None
            out.append(dict(text=block[1], section=section, source="prose", label=f"{chap}.{item}",
                            lead_in=None, lab=block[2]))
        elif kind == "lead":
            item += 1
            sub = 0
            lead = block[1]
        elif kind == "sub":
            sub += 1
            out.append(dict(text=block[1].rstrip(";,").rstrip(), section=section, source="list-item",
                            label=f"{chap}.{item}.{sub}", lead_in=lead, lab=block[2]))
        elif kind == "table":
            for nr, what, who, when, lab in block[1]:
                out.append(dict(text=f"{what} | {who} | {when}", section=section, source="table-row",
                                label=nr, lead_in=None, lab=lab, first_cell=what))
    return out


def main():
    docx = HERE / f"{NAME}.docx"
    pdf = HERE / f"{NAME}.pdf"
    build_docx(docx)
    with tempfile.TemporaryDirectory() as tmp:
        # own profile dir so a running soffice of someone else is never touched
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                       check=True, capture_output=True, timeout=300)
        shutil.copy(Path(tmp) / f"{NAME}.pdf", pdf)

    cl = clauses()
    probe = [{"text": c["text"], "first_cell": c.get("first_cell"), "nr": c["label"] or ""}
             for c in cl]
    res = subprocess.run([PDFPLUMBER_PY, str(HERE / "brakel-lo-locate.py"), str(pdf)],
                         input=json.dumps(probe), capture_output=True, text=True, check=True)
    found = json.loads(res.stdout)
    if found["errors"]:
        print("\n".join(found["errors"]), file=sys.stderr)
        sys.exit(1)

    out_clauses = []
    for i, (c, page) in enumerate(zip(cl, found["pages"]), start=1):
        lab = c["lab"]
        out_clauses.append({
            "id": f"{NAME}-{i:03d}", "text": c["text"], "page": page, "section": c["section"],
            "source": c["source"], "label": c["label"], "lead_in": c["lead_in"],
            "theme": lab["theme"], "kind": lab["kind"], "smart": lab["smart"],
            "is_smart": lab["is_smart"], "parties_obliged": lab["parties_obliged"],
            "reciprocal": lab["reciprocal"], "hedged": lab["hedged"], "rationale": lab["rationale"],
        })
    expected = {"file": f"{NAME}.pdf", "fictional": True, "layout": LAYOUT,
                "n_pages": found["n_pages"], "metadata": METADATA, "clauses": out_clauses}
    (HERE / f"{NAME}.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n_agree = sum(1 for c in out_clauses if c["kind"] != "none")
    print(f"{pdf.name}: {found['n_pages']} pages, {len(out_clauses)} clauses, {n_agree} agreements")
    for note in found["notes"]:
        print(note)


if __name__ == "__main__":
    main()
