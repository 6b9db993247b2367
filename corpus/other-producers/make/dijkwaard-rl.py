#!/usr/bin/env python3
"""Build dijkwaard-rl.pdf (ReportLab platypus) and dijkwaard-rl.expected.json from ONE source.

Run with the ReportLab venv:   /tmp/robust/venv-rl/bin/python /tmp/robust/dijkwaard-rl/make.py

The document text lives below in DOC as data. Every clause is a C(code, text) whose code uses the
same compact scheme as /work/main/corpus/build_pdfs.py:

    "KIND THEME SMART PARTIES [FLAGS]"    e.g. "act bes SMART gem,corp rh"

KIND act|eff|proc|none; THEME bet|bes|duu|doe|zorg|leef|proc|ovr; SMART = the true letters
("-" for none); PARTIES gem|corp|huur|ov|partijen ("-" none); FLAGS r (reciprocal), h (hedged).

Layout (a brochure): cover, voorwoord and chapter 1 in one column; chapters 2-7 in two columns
(BaseDocTemplate with two Frames); the annex is a one-column agreements table (repeatRows=1,
theme rows spanning all columns, wrapping cells) that crosses a page break; lead-in line per
party followed by "•" bullets (single party) or "–" bullets (all parties together); running
header with the chapter name of the first chapter heading on the page (else the current one);
footer "pagina X van Y"; one footnote (superscript call, small note above the footer).

Pages: the page on which each clause is drawn is recorded during the ReportLab build; then the
PDF text is extracted with pdfplumber by /work/main/.venv/bin/python (a subprocess: ReportLab's
venv has no pdfplumber) and every clause is located in the reading-order text stream. The page
in the expected file is the page where the clause text starts in the PDF; the build fails loudly
if a clause cannot be found, is out of order, or its start is not on the page where the
ReportLab build drew it (or the next page, for a paragraph that splits).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config

rl_config.invariant = 1  # deterministic PDF (no timestamps / random ids)

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import cm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate, CondPageBreak, Flowable, Frame, ListFlowable, ListItem, NextPageTemplate, PageBreak,
    PageTemplate, Paragraph, Spacer, Table, TableStyle)

NAME = "dijkwaard-rl"
HERE = Path(__file__).resolve().parent
PDF = HERE / f"{NAME}.pdf"
EXPECTED = HERE / f"{NAME}.expected.json"
CHECK_PY = "/work/main/.venv/bin/python"

META = {
    "gemeente": "Dijkwaard",
    "corporaties": ["Dijkhuis Wonen", "Woonstichting Kwelderland"],
    "huurdersorganisaties": ["Huurdersplatform Dijkwaard"],
    "other_parties": [],
    "title": "Thuis in Dijkwaard – Prestatieafspraken 2026-2029",
    "doc_type": "raamafspraken",
    "looptijd_start": 2026,
    "looptijd_end": 2029,
    "jaarschijf": None,
    "signing_date": "2025-12-11",
}
LAYOUT = (
    "Brochure produced with ReportLab platypus (BaseDocTemplate, TrueType Liberation Sans): A4; "
    "cover page (with contents list) and the voorwoord plus chapter 1 in one column; chapters 2-7 "
    "in two columns (two Frames per page, justified prose, ragged list items, chapter titles "
    "inside the column flow); per theme a lead-in line per party ('De gemeente:', 'De "
    "corporaties:', 'Het Huurdersplatform:') followed by '•' bullets, and 'Alle partijen samen:' "
    "followed by '–' bullets (items end in ';', the last in '.'); the annex 'Bijlage – Projecten "
    "en planning' is a one-column bordered agreements table Nr | Afspraak | Trekker | Planning | "
    "Indicator with spanning theme rows and wrapping cells that crosses a page break between rows, "
    "header row repeated (repeatRows=1); running header with the document title left and the "
    "first chapter heading on the page (else the current chapter) right, footer 'pagina X van "
    "Y'; one footnote (superscript '1' after the clause's final full stop; note '1 ...' in small "
    "type above the footer, below a short rule). No hyphenation."
)

# --------------------------------------------------------------------------------------------
# the document as data
# --------------------------------------------------------------------------------------------


class C(dict):
    """A labelled clause: code + text (or table cells), optional rationale, footnote, label."""

    def __init__(self, code, text=None, why=None, fn=None, cells=None, label=None):
        super().__init__(code=code, text=text if text is not None else " | ".join(cells),
                         why=why, fn=fn, cells=cells, label=label)


GEM, CORP, HUUR, SAMEN = "De gemeente:", "De corporaties:", "Het Huurdersplatform:", "Alle partijen samen:"
BUL = {GEM: "•", CORP: "•", HUUR: "•", SAMEN: "–"}

DOC = [
    ("cover",),
    ("template", "onecol"),
    # ---------------------------------------------------------------- voorwoord (no clauses)
    ("h1", "Voorwoord"),
    ("p", ["Beste inwoner van Dijkwaard,"]),
    ("p", ["Wonen is meer dan een dak boven je hoofd. Het gaat om een plek waar je je thuis voelt, "
           "in een buurt waar je mensen kent. Voor steeds meer inwoners van Dijkwaard is het "
           "lastig om zo’n plek te vinden of te houden."]),
    ("p", ["Daarom hebben de gemeente, Dijkhuis Wonen, Woonstichting Kwelderland en "
           "Huurdersplatform Dijkwaard opnieuw prestatieafspraken gemaakt. In het voorjaar van "
           "2025 spraken we in alle vier de kernen met bewoners over wat zij belangrijk vinden. "
           "Hun ideeën zijn in deze brochure terug te vinden."]),
    ("p", ["A. de Vries, wethouder wonen · M. Kalkman, Dijkhuis Wonen · H. Öztürk, Woonstichting "
           "Kwelderland · J. Bakker, Huurdersplatform Dijkwaard"]),
    # ---------------------------------------------------------------- chapter 1 (one column)
    ("h1", "1 Waarom deze afspraken"),
    ("p", ["Een goede en betaalbare woning is de basis om mee te kunnen doen. In Dijkwaard is "
           "dat niet meer voor iedereen vanzelfsprekend: jongeren wachten jaren op een eerste "
           "woning, ouderen vinden geen geschikte woning in hun eigen kern en voor veel huurders "
           "zijn de vaste lasten sterk gestegen."]),
    ("p", [C("none bes", "Dijkwaard telt ruim 46.000 inwoners in vier kernen. Van de 20.400 "
             "woningen zijn er 6.150 in bezit van Dijkhuis Wonen en 1.720 van Woonstichting "
             "Kwelderland. De gemiddelde zoektijd voor een sociale huurwoning liep op van 3,1 jaar "
             "in 2021 naar 4,6 jaar in 2024.", why="Context figures on stock and zoektijd.")]),
    ("p", [C("none proc", "Deze afspraken bouwen voort op de Woonvisie Dijkwaard 2024-2030, die de "
             "gemeenteraad op 4 juli 2024 heeft vastgesteld, en op de biedingen die beide "
             "corporaties in juni 2025 hebben uitgebracht.",
             why="Describes the basis of the document (woonvisie, bod).")]),
    ("p", ["In deze brochure staan per thema eerst de afspraken van iedere partij en daarna wat "
           "we samen afspreken. Achterin staat een overzicht van de belangrijkste projecten met "
           "hun planning. Zo kan iedere inwoner nagaan wat hij van ons mag verwachten."]),
    ("p", ["De corporaties hebben de komende jaren minder financiële ruimte dan voorheen, onder "
           "meer door de hogere rente en de bouwkosten. Toch kiezen zij ervoor om fors te blijven "
           "investeren.",
           C("act ovr SMART corp", "Dijkhuis Wonen en Woonstichting Kwelderland investeren in de "
             "periode 2026-2029 samen ten minste € 380 miljoen in nieuwbouw, onderhoud en "
             "verduurzaming in Dijkwaard.", why="Investment budget with amount and period.")]),
    ("template", "twocol"),
    # ---------------------------------------------------------------- chapter 2 (two columns)
    ("h1", "2 Genoeg woningen"),
    ("p", ["Dijkwaard groeit. Er komen vooral kleine huishoudens bij: jongeren die op zichzelf "
           "gaan wonen, ouderen die alleen achterblijven en mensen die na een scheiding een "
           "nieuwe woning zoeken. Tegelijk verhuizen te weinig huurders naar een woning die beter "
           "bij hen past."]),
    ("p", [C("none bes", "Volgens de woningbehoefteraming van de provincie zijn tot 2030 in "
             "Dijkwaard 1.900 extra woningen nodig, waarvan ten minste 600 sociale huurwoningen.",
             why="Forecast of housing need, no commitment.")]),
    ("lead", GEM, [
        C("act bes SMART gem", "stelt in 2026 en 2027 ten minste vier bouwlocaties voor samen 260 "
          "sociale huurwoningen beschikbaar tegen de sociale grondprijs"),
        C("act bes SAR gem h", "zet zich in om de procedures voor woningbouwprojecten van de "
          "corporaties te versnellen.",
          why="'Zet zich in': soft; speeding up procedures is specific but has no measure or date."),
    ]),
    ("lead", CORP, [
        C("act bes SMART gem,corp rh", "leveren in de periode 2026-2029 samen 520 sociale "
          "huurwoningen op, mits de gemeente de locaties tijdig bouwrijp levert",
          why="Output number with a condition on the gemeente ('mits'): exchange, conditional."),
        C("act bes SMART corp", "verkopen tot en met 2029 geen sociale huurwoningen en "
          "liberaliseren er in die periode ten hoogste 40"),
        C("act bes SMART corp", "realiseren elk jaar ten minste 60 doorstromingen van senioren uit "
          "een eengezinswoning naar een gelijkvloerse woning, met behoud van hun huurprijs per "
          "vierkante meter."),
    ]),
    ("lead", SAMEN, [
        C("eff bes SMART partijen", "zorgen ervoor dat de gemiddelde zoektijd voor een sociale "
          "huurwoning in 2029 is gedaald tot ten hoogste 3,5 jaar",
          why="Zoektijd outcome target with number and year; all parties."),
        C("act bes SAR partijen h", "streven naar meer woningen in het middensegment voor "
          "huishoudens met een middeninkomen.",
          why="Output aspiration ('streven naar', 'meer'): no number or date."),
    ]),
    # ---------------------------------------------------------------- chapter 3
    ("h1", "3 Betaalbaar wonen"),
    ("p", ["De huren en de energieprijzen zijn de afgelopen jaren sterk gestegen. Vooral "
           "huishoudens met een laag inkomen in oudere, slecht geïsoleerde woningen hebben het "
           "moeilijk om rond te komen."]),
    ("p", [C("none bet", "In 2024 hadden 1.260 huishoudens bij de corporaties een huurachterstand; "
             "bij 410 daarvan ging het om twee maanden of meer. Er vonden vijf huisuitzettingen "
             "plaats.", why="Context figures on arrears and evictions.")]),
    ("lead", GEM, [
        C("act bet SMART gem", "neemt binnen vijf werkdagen na een melding van een "
          "betalingsachterstand contact op met het huishouden"),
        C("act bet AR gem h", "heeft aandacht voor huishoudens met hoge energielasten.",
          why="'Aandacht voor': no concrete deliverable, number or date (S false per guide)."),
    ]),
    ("lead", CORP, [
        C("act bet SMART corp", "verhogen de huren in 2026-2029 jaarlijks gemiddeld met niet meer "
          "dan de inflatie"),
        C("act bet SMART corp", "wijzen elk jaar ten minste 95 procent van de vrijkomende sociale "
          "huurwoningen passend toe."),
    ]),
    ("lead", SAMEN, [
        C("eff bet SMART partijen", "zorgen ervoor dat er in 2026-2029 geen huisuitzettingen "
          "plaatsvinden die alleen door een betalingsachterstand zijn veroorzaakt.",
          why="Zero evictions for arrears: outcome target for all parties."),
    ]),
    ("p", ["Ook bij nieuwe verhuringen letten we op de betaalbaarheid.",
           C("act bet SMART corp", "Dijkhuis Wonen en Kwelderland bieden elk jaar ten minste 70 "
             "procent van hun vrijkomende woningen aan met een huur onder de Dijkwaardse "
             "huurgrens.",
             fn="De Dijkwaardse huurgrens is in 2026 vastgesteld op € 650 per maand en wordt "
                "elk jaar per 1 januari geïndexeerd met de consumentenprijsindex.",
             why="Allocation/rent rule with percentage and frequency; footnote defines the limit.")]),
    # ---------------------------------------------------------------- chapter 4
    ("h1", "4 Duurzaam en gezond wonen"),
    ("p", ["Verduurzaming maakt woningen comfortabeler en helpt huurders hun energierekening in "
           "de hand te houden. Daarnaast willen we dat iedere huurder in een gezonde woning woont, "
           "zonder vocht en schimmel."]),
    ("p", [C("none duu", "Begin 2025 had nog 9 procent van de woningen van de corporaties een "
             "energielabel E, F of G.", why="Context figure on energy labels.")]),
    ("lead", CORP, [
        C("act duu SMART corp", "verbeteren alle woningen met een label E, F of G vóór 1 januari "
          "2028 naar minimaal label B"),
        C("act duu SMART corp", "plaatsen tot en met 2027 zonnepanelen op 900 eengezinswoningen, "
          "zonder huurverhoging"),
        C("act duu SMART corp", "verhelpen meldingen van vocht en schimmel binnen zes weken na de "
          "melding"),
        C("act duu SAR corp h", "passen waar mogelijk circulaire materialen toe bij renovatie."),
    ]),
    ("lead", GEM, [
        C("act duu SMART gem", "financiert in 2026 en 2027 jaarlijks 300 huisbezoeken van "
          "energiecoaches bij huurders van de corporaties."),
    ]),
    ("lead", SAMEN, [
        C("eff bet SMART partijen", "zorgen ervoor dat de energielasten van huurders in "
          "gerenoveerde woningen een jaar na oplevering gemiddeld ten minste € 25 per maand "
          "lager zijn dan vóór de renovatie.",
          why="Energy costs of tenants: outcome target with amount and time."),
    ]),
    # ---------------------------------------------------------------- chapter 5
    ("h1", "5 Wonen, zorg en bijzondere doelgroepen"),
    ("p", ["Het aantal ouderen in Dijkwaard neemt snel toe. Steeds meer mensen willen zo lang "
           "mogelijk thuis blijven wonen, ook als zij zorg nodig hebben. Daarnaast zoeken "
           "statushouders, mensen die uitstromen uit een instelling en jongeren een woning."]),
    ("p", [C("none zorg", "Het aantal inwoners van 75 jaar en ouder groeit volgens de provinciale "
             "prognose van 3.900 in 2024 naar 5.600 in 2035.", why="Demographic context.")]),
    ("lead", GEM, [
        C("act zorg SMART gem", "actualiseert de woonzorgvisie uiterlijk in 2027"),
        C("act doe SMAR gem h", "zoekt naar een locatie voor acht woonwagenstandplaatsen.",
          why="'Zoekt naar': soft; number given, no date."),
    ]),
    ("lead", CORP, [
        C("act doe SMART corp", "stellen jaarlijks 35 woningen beschikbaar voor uitstroom uit "
          "beschermd wonen en maatschappelijke opvang"),
        C("act zorg SMART corp", "leveren in 2028 in Waardermolen een woonzorgcomplex met 48 "
          "levensloopbestendige woningen op."),
    ]),
    ("lead", SAMEN, [
        C("eff doe SMART partijen", "huisvesten elk jaar ten minste het aantal vergunninghouders "
          "dat de taakstelling voorschrijft"),
        C("eff zorg SAR partijen h", "streven ernaar dat ouderen zo lang mogelijk zelfstandig in "
          "hun eigen kern kunnen blijven wonen.",
          why="Outcome aspiration ('streven ernaar', 'zo lang mogelijk'): no number or date."),
    ]),
    # ---------------------------------------------------------------- chapter 6
    ("h1", "6 Prettig wonen in de kernen"),
    ("p", ["Een fijne buurt is schoon, heel en veilig, en mensen kennen elkaar. In de meeste "
           "buurten van Dijkwaard gaat dat goed, maar in enkele buurten nemen overlast en "
           "eenzaamheid toe."]),
    ("p", [C("none leef", "Volgens de Leefbaarometer scoorden in 2024 twee buurten in "
             "Kwelderveen-Noord onder het landelijk gemiddelde.",
             why="Context figure on liveability.")]),
    ("lead", GEM, [
        C("act leef SMART gem", "houdt de buurtbemiddeling in stand met een budget van € 55.000 "
          "per jaar."),
    ]),
    ("lead", CORP, [
        C("act leef SMART corp", "zetten vanaf 2026 een wijkbeheerder in per 1.200 woningen"),
        C("act leef SMART corp", "investeren jaarlijks € 120.000 in leefbaarheidsinitiatieven van "
          "bewonerscommissies."),
    ]),
    ("lead", HUUR, [
        C("act leef SMART huur", "ondersteunt bewonerscommissies met jaarlijks twee trainingen."),
    ]),
    ("lead", SAMEN, [
        C("eff leef AR partijen h", "werken eraan dat bewoners zich in hun buurt veilig voelen.",
          why="'Werken eraan': vague outcome aspiration (S false per guide), no number or date."),
    ]),
    # ---------------------------------------------------------------- chapter 7 (two columns, continues)
    ("h1", "7 Samenwerken en volgen"),
    ("p", ["Goede afspraken vragen om goede samenwerking. Partijen kennen elkaar goed en willen de "
           "korte lijnen behouden. Tegelijk willen we beter zichtbaar maken wat we samen "
           "bereiken."]),
    ("lead", GEM, [
        C("proc proc SMART gem", "publiceert elk jaar in maart een monitor van deze afspraken op "
          "haar website."),
    ]),
    ("lead", CORP, [
        C("proc proc SMART corp,huur", "betalen het Huurdersplatform jaarlijks een bijdrage van "
          "€ 14.000 voor scholing en advies; het Huurdersplatform legt jaarlijks verantwoording "
          "af over de besteding.",
          why="Corporations fund, tenants account for spending: two types bound."),
    ]),
    ("lead", SAMEN, [
        C("proc proc SMART partijen", "stellen elk jaar vóór 15 december een jaarschijf vast"),
        C("proc proc SMART partijen", "voeren in 2028 een tussentijdse evaluatie uit onder leiding "
          "van een onafhankelijke procesbegeleider"),
        C("proc proc SAR partijen h", "kunnen de afspraken in overleg tussentijds bijstellen als de "
          "omstandigheden daartoe aanleiding geven.",
          why="Amendment clause: 'kunnen', 'in overleg'; not measurable, no time."),
    ]),
    ("p", [C("proc proc SMART partijen", "Een geschil dat partijen niet binnen drie maanden samen "
             "oplossen, leggen zij voor aan de minister, zoals artikel 44 van de Woningwet "
             "mogelijk maakt.", why="Dispute clause with a three-month term.")]),
    ("sign", C("none proc", "Aldus overeengekomen en ondertekend te Dijkwaard op 11 december 2025 "
               "door A. de Vries, wethouder wonen van de gemeente Dijkwaard; ir. M. Kalkman, "
               "directeur-bestuurder van Dijkhuis Wonen; drs. H. Öztürk, directeur-bestuurder van "
               "Woonstichting Kwelderland; en J. Bakker, voorzitter van Huurdersplatform "
               "Dijkwaard.", why="Signing date and signatories.")),
    ("template", "onecol"),
    # ---------------------------------------------------------------- annex (one column, table)
    ("h1", "Bijlage – Projecten en planning"),
    ("p", ["In deze bijlage staan de belangrijkste projecten uit deze afspraken, met per "
           "project de trekker, de planning en de indicator waarmee we de voortgang volgen. "
           "De nummering volgt de thema's van deze brochure."]),
    ("table", ["Nr", "Afspraak", "Trekker", "Planning", "Indicator"], [
        ("theme", "Beschikbaarheid"),
        C("act bes SMART corp", label="1", cells=[
            "Dijkhuis Wonen start de bouw van 84 sociale huurwoningen op de locatie "
            "Havenkade-Oost.", "Dijkhuis Wonen", "Q3 2026", "Startbouwmelding"]),
        C("act bes SMART gem", label="2", cells=[
            "De gemeente levert de locatie Havenkade-Oost bouwrijp op en verleent de "
            "omgevingsvergunning binnen acht weken na de aanvraag.", "Gemeente",
            "uiterlijk 1 april 2026", "Datum grondlevering; datum vergunning"]),
        C("act bes SMART corp,gem", label="3", cells=[
            "Kwelderland realiseert 36 flexwoningen voor spoedzoekers en jongeren op het "
            "voormalige sportpark De Kwelder; de gemeente stelt de grond voor vijftien jaar in "
            "erfpacht beschikbaar.", "Kwelderland, gemeente", "oplevering Q4 2027",
            "Aantal opgeleverde flexwoningen"]),
        C("act bes SMART gem,corp h", label="4", cells=[
            "Gemeente en Dijkhuis Wonen verkennen de transformatie van kantoorgebouw Dijkpoort tot "
            "circa 60 middenhuurwoningen.", "Gemeente, Dijkhuis Wonen", "2026-2027",
            "Haalbaarheidsstudie gereed"],
          why="'Verkennen' is soft; deliverable (feasibility study, about 60 homes) and period given."),
        ("theme", "Betaalbaarheid en duurzaamheid"),
        C("act duu SMART corp", label="5", cells=[
            "Kwelderland verduurzaamt het complex Kwelderhof (112 woningen) naar label A, zonder "
            "huurverhoging.", "Kwelderland", "2026-2027", "Aantal woningen met label A"]),
        C("act duu SMART corp", label="6", cells=[
            "Dijkhuis Wonen vervangt in 450 woningen cv-ketels die ouder zijn dan vijftien jaar "
            "door een hybride warmtepomp.", "Dijkhuis Wonen", "2026-2028",
            "Aantal geplaatste warmtepompen"]),
        C("act bet SMART gem", label="7", cells=[
            "De gemeente richt een energiefonds van € 250.000 op waaruit huurders in "
            "energiearmoede een eenmalige tegemoetkoming kunnen krijgen.", "Gemeente",
            "vanaf 1 juli 2026", "Aantal toegekende aanvragen"]),
        C("eff bet SAR partijen h", label="8", cells=[
            "Partijen zetten in op het terugdringen van energiearmoede onder huurders in "
            "Sluiskerk.", "Gemeente, corporaties, Huurdersplatform", "doorlopend",
            "Aandeel huishoudens in energiearmoede (CBS)"],
          why="Energy poverty outcome, 'zetten in op', no target value; 'doorlopend' is not T."),
        ("theme", "Doelgroepen en zorg"),
        C("act doe SMART corp,gem", label="9", cells=[
            "Kwelderland bouwt een Housing First-project met tien woningen voor dak- en "
            "thuislozen; de gemeente financiert de begeleiding.", "Kwelderland, gemeente",
            "oplevering Q2 2027", "Aantal bewoonde woningen"]),
        C("act zorg SMART gem,ov h", label="10", cells=[
            "De gemeente onderzoekt samen met zorgaanbieders de behoefte aan geclusterde "
            "woonvormen voor ouderen in Sluiskerk en Kwelderveen.", "Gemeente, zorgaanbieders",
            "2026", "Behoefteonderzoek vastgesteld"],
          why="Named study with year; co-actor zorgaanbieders (overig); 'onderzoekt' is soft."),
        ("theme", "Leefbaarheid en samenwerking"),
        C("act leef SMART gem,corp", label="11", cells=[
            "Gemeente en corporaties houden in elke kern een buurtschouw met bewoners en stellen "
            "per kern een actieplan op.", "Gemeente, corporaties", "2026",
            "Vier actieplannen"]),
        C("proc proc SMART huur", label="12", cells=[
            "Het Huurdersplatform organiseert per kern een huurdersavond over de uitvoering van "
            "deze afspraken.", "Huurdersplatform", "jaarlijks in oktober",
            "Aantal bijeenkomsten en deelnemers"]),
        C("proc proc SMART corp", label="13", cells=[
            "De corporaties leveren de gegevens aan voor de monitor prestatieafspraken.",
            "Dijkhuis Wonen, Kwelderland", "jaarlijks vóór 1 februari",
            "Gegevens tijdig aangeleverd"]),
    ]),
    ("p", ["De planning in deze bijlage geeft de stand van zaken in november 2025 weer. Bij "
           "projecten met een trekker en een betrokken partij staat de trekker als eerste "
           "genoemd."]),
]

# --------------------------------------------------------------------------------------------
# labels: the scheme of corpus/build_pdfs.py, imported from there
# --------------------------------------------------------------------------------------------
sys.path.insert(0, str(HERE.parents[1]))
from build_pdfs import default_rationale, parse_code  # noqa: E402


def collect() -> list[dict]:
    """Walk DOC in order; give every clause an id and its section/lead_in/source/label."""
    out, chapter, sub = [], None, None

    def add(c: C, source, lead_in=None):
        c["id"] = f"{NAME}-{len(out) + 1:03d}"
        lab = parse_code(c["code"])
        out.append({
            "id": c["id"], "text": c["text"], "page": None,
            "section": chapter + (f" > {sub}" if sub else ""), "source": source,
            "label": c["label"], "lead_in": lead_in, **lab,
            "rationale": c["why"] or default_rationale(lab),
        })

    for blk in DOC:
        kind = blk[0]
        if kind == "h1":
            chapter, sub = blk[1], None
        elif kind == "p":
            for seg in blk[1]:
                if isinstance(seg, C):
                    add(seg, "prose")
        elif kind == "sign":
            add(blk[1], "prose")
        elif kind == "lead":
            for it in blk[2]:
                add(it, "list-item", blk[1])
        elif kind == "table":
            for row in blk[2]:
                if isinstance(row, C):
                    add(row, "table-row")
                else:
                    sub = row[1]
            sub = None
    return out


# --------------------------------------------------------------------------------------------
# ReportLab rendering
# --------------------------------------------------------------------------------------------
FONT_DIR = "/usr/share/fonts/truetype/liberation"
for face, file in [("LSans", "LiberationSans-Regular"), ("LSans-Bold", "LiberationSans-Bold"),
                   ("LSans-Italic", "LiberationSans-Italic"),
                   ("LSans-BoldItalic", "LiberationSans-BoldItalic")]:
    pdfmetrics.registerFont(TTFont(face, f"{FONT_DIR}/{file}.ttf"))
pdfmetrics.registerFontFamily("LSans", normal="LSans", bold="LSans-Bold", italic="LSans-Italic",
                              boldItalic="LSans-BoldItalic")

TEAL = colors.HexColor("#1f5f6b")
LIGHT = colors.HexColor("#e4eff1")
PAGE_W, PAGE_H = A4
ML = MR = 2.0 * cm
MT = 2.2 * cm            # top of body below the header
MB = 2.9 * cm            # bottom of body: leaves room for the footnote area and footer
GAP = 0.8 * cm
BODY_W = PAGE_W - ML - MR
COL_W = (BODY_W - GAP) / 2
HEADER_Y = PAGE_H - 1.35 * cm
FOOTER_Y = 1.2 * cm

ST = {
    "body": ParagraphStyle("body", fontName="LSans", fontSize=10, leading=14.2,
                           alignment=TA_JUSTIFY, spaceAfter=6),
    "item": ParagraphStyle("item", fontName="LSans", fontSize=10, leading=14.2,
                           alignment=TA_LEFT, spaceAfter=2.5),
    "lead": ParagraphStyle("lead", fontName="LSans-Bold", fontSize=10, leading=14.2,
                           textColor=TEAL, spaceBefore=5, spaceAfter=2, keepWithNext=1),
    "h1": ParagraphStyle("h1", fontName="LSans-Bold", fontSize=15, leading=19, textColor=TEAL,
                         spaceBefore=12, spaceAfter=7, keepWithNext=1),
    "cell": ParagraphStyle("cell", fontName="LSans", fontSize=9, leading=11.8,
                           alignment=TA_LEFT),
    "cellhead": ParagraphStyle("cellhead", fontName="LSans-Bold", fontSize=8.5, leading=10.8,
                               textColor=colors.white),
    "celltheme": ParagraphStyle("celltheme", fontName="LSans-Bold", fontSize=8.5, leading=10.8,
                                textColor=TEAL),
    "sign": ParagraphStyle("sign", fontName="LSans-Italic", fontSize=9, leading=12.5,
                           alignment=TA_LEFT, spaceBefore=14),
    "cover_kicker": ParagraphStyle("ck", fontName="LSans", fontSize=10, leading=14,
                                   textColor=TEAL),
    "cover_title": ParagraphStyle("ct", fontName="LSans-Bold", fontSize=34, leading=40,
                                  textColor=TEAL, spaceBefore=70, spaceAfter=8),
    "cover_sub": ParagraphStyle("cs", fontName="LSans", fontSize=18, leading=24,
                                spaceAfter=24),
    "cover_text": ParagraphStyle("cx", fontName="LSans", fontSize=10.5, leading=15,
                                 spaceAfter=10),
    "cover_fict": ParagraphStyle("cf", fontName="LSans-Bold", fontSize=11, leading=15,
                                 textColor=colors.HexColor("#9b2d20"), borderColor=colors.HexColor("#9b2d20"),
                                 borderWidth=0.8, borderPadding=6, spaceBefore=18, spaceAfter=30),
    "toc_head": ParagraphStyle("th", fontName="LSans-Bold", fontSize=11, leading=15,
                               textColor=TEAL, spaceAfter=4),
    "toc": ParagraphStyle("toc", fontName="LSans", fontSize=10, leading=14.5),
}

PAGES: dict[str, int] = {}     # clause id -> page on which ReportLab first drew it
STATE = {"chapter": "Thuis in Dijkwaard", "first_on_page": None, "footnotes": {}, "total": None,
         "templates": {}}


class TP(Paragraph):
    """A paragraph that records the page on which the clauses it holds are first drawn."""

    def __init__(self, text, style, cids=(), **kw):
        super().__init__(text, style, **kw)
        self.cids = list(cids)

    def split(self, aW, aH):
        parts = super().split(aW, aH)
        for p in parts:
            p.cids = list(self.cids)
        return parts

    def draw(self):
        for cid in self.cids:
            PAGES.setdefault(cid, self.canv.getPageNumber())
        super().draw()


class Heading(Paragraph):
    """Chapter heading that feeds the running header."""

    def __init__(self, text, style, title=None, **kw):
        super().__init__(text, style, **kw)
        self.title = title

    def draw(self):
        if self.title:
            STATE["chapter"] = self.title
            if STATE["first_on_page"] is None:
                STATE["first_on_page"] = self.title
        super().draw()


class FootnoteMark(Flowable):
    """Zero-size flowable placed right after the paragraph with the footnote call."""

    def __init__(self, number, text):
        super().__init__()
        self.number, self.text = number, text

    def wrap(self, aW, aH):
        return 0, 0

    def draw(self):
        STATE["footnotes"].setdefault(self.canv.getPageNumber(), []).append(
            (self.number, self.text))


def on_page(canv, doc):
    STATE["first_on_page"] = None
    STATE["templates"][canv.getPageNumber()] = doc.pageTemplate.id


def on_page_end(canv, doc):
    page = canv.getPageNumber()
    canv.saveState()
    # header
    canv.setFont("LSans", 8)
    canv.setFillColor(colors.HexColor("#555555"))
    canv.drawString(ML, HEADER_Y, "Thuis in Dijkwaard – Prestatieafspraken 2026-2029")
    canv.setFont("LSans-Bold", 8)
    canv.setFillColor(TEAL)
    canv.drawRightString(PAGE_W - MR, HEADER_Y, STATE["first_on_page"] or STATE["chapter"])
    canv.setStrokeColor(TEAL)
    canv.setLineWidth(0.6)
    canv.line(ML, HEADER_Y - 4, PAGE_W - MR, HEADER_Y - 4)
    # footnotes (small type above the footer, after a short rule)
    notes = STATE["footnotes"].get(page, [])
    if notes:
        y = FOOTER_Y + 0.75 * cm + 9 * (len(notes) - 1)
        canv.setLineWidth(0.4)
        canv.setStrokeColor(colors.black)
        canv.line(ML, y + 11, ML + 4 * cm, y + 11)
        canv.setFillColor(colors.black)
        for num, text in notes:
            p = Paragraph(f"<super>{num}</super> {escape(text)}",
                          ParagraphStyle("fn", fontName="LSans", fontSize=7.2, leading=9))
            w, h = p.wrap(BODY_W, 30)
            p.drawOn(canv, ML, y - h + 9)
            y -= h
    # footer
    canv.setFont("LSans", 8)
    canv.setFillColor(colors.HexColor("#555555"))
    total = STATE["total"]
    canv.drawCentredString(PAGE_W / 2, FOOTER_Y,
                           f"pagina {page} van {total}" if total else f"pagina {page}")
    canv.restoreState()


def make_templates():
    body_h = PAGE_H - MT - MB
    one = Frame(ML, MB, BODY_W, body_h, id="one", leftPadding=0, rightPadding=0,
                topPadding=0, bottomPadding=0)
    cover = Frame(ML, MB, BODY_W, body_h, id="cover", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    left = Frame(ML, MB, COL_W, body_h, id="left", leftPadding=0, rightPadding=0,
                 topPadding=0, bottomPadding=0)
    right = Frame(ML + COL_W + GAP, MB, COL_W, body_h, id="right", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    return [
        PageTemplate("cover", [cover], onPage=on_page, onPageEnd=on_page_end),
        PageTemplate("onecol", [one], onPage=on_page, onPageEnd=on_page_end),
        PageTemplate("twocol", [left, right], onPage=on_page, onPageEnd=on_page_end),
    ]


def para_markup(segs) -> tuple[str, list[str], list[tuple[int, str]]]:
    parts, cids, notes = [], [], []
    for s in segs:
        if isinstance(s, C):
            t = escape(s["text"])
            if s["fn"]:
                n = len(FOOTNOTES) + 1
                FOOTNOTES.append(s["fn"])
                t += f"<super>{n}</super>"
                notes.append((n, s["fn"]))
            parts.append(t)
            cids.append(s["id"])
        else:
            parts.append(escape(s))
    return " ".join(parts), cids, notes


FOOTNOTES: list[str] = []


def story() -> list:
    FOOTNOTES.clear()
    out: list = []
    for blk in DOC:
        kind = blk[0]
        if kind == "cover":
            out += [
                Paragraph("Gemeente Dijkwaard · Dijkhuis Wonen · Woonstichting Kwelderland · "
                          "Huurdersplatform Dijkwaard", ST["cover_kicker"]),
                Paragraph("Thuis in Dijkwaard", ST["cover_title"]),
                Paragraph("Prestatieafspraken 2026-2029", ST["cover_sub"]),
                Paragraph("Afspraken tussen de gemeente Dijkwaard, Dijkhuis Wonen, Woonstichting "
                          "Kwelderland en Huurdersplatform Dijkwaard over het wonen in "
                          "Dijkwaard-Centrum, Kwelderveen, Sluiskerk en Waardermolen.",
                          ST["cover_text"]),
                Paragraph("Fictief voorbeeld – geen echte overeenkomst", ST["cover_fict"]),
                Paragraph("Inhoud", ST["toc_head"]),
            ]
            for b in DOC:
                if b[0] == "h1":
                    out.append(Paragraph(escape(b[1]), ST["toc"]))
            out.append(Spacer(1, 30))
            out.append(Paragraph("Vastgesteld in het Dijkwaards Woonoverleg, december 2025",
                                 ST["cover_text"]))
        elif kind == "template":
            out += [NextPageTemplate(blk[1]), PageBreak()]
        elif kind == "h1":
            out.append(Heading(escape(blk[1]), ST["h1"], title=blk[1]))
        elif kind == "p":
            text, cids, notes = para_markup(blk[1])
            out.append(TP(text, ST["body"], cids=cids))
            for n, t in notes:
                out.append(FootnoteMark(n, t))
        elif kind == "sign":
            c = blk[1]
            out.append(TP(escape(c["text"]), ST["sign"], cids=[c["id"]]))
        elif kind == "lead":
            lead, items = blk[1], blk[2]
            out.append(CondPageBreak(4.2 * cm))   # no lead-in orphaned at a column foot
            out.append(Paragraph(escape(lead), ST["lead"]))
            lis = []
            for i, c in enumerate(items):
                t = c["text"]
                if i < len(items) - 1:
                    t += ";"     # list items end in ';' (the last one in '.')
                else:
                    assert t.endswith("."), t
                lis.append(ListItem(TP(escape(t), ST["item"], cids=[c["id"]]), leftIndent=11))
            out.append(ListFlowable(lis, bulletType="bullet", start=BUL[lead], leftIndent=11,
                                    bulletFontName="LSans", bulletFontSize=10,
                                    bulletOffsetY=0, spaceAfter=4))
        elif kind == "table":
            head, rows = blk[1], blk[2]
            data = [[Paragraph(h, ST["cellhead"]) for h in head]]
            style = [
                ("BACKGROUND", (0, 0), (-1, 0), TEAL),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8aa9ae")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
            for row in rows:
                r = len(data)
                if isinstance(row, C):
                    cells = row["cells"]
                    data.append([Paragraph(escape(row["label"]), ST["cell"]),
                                 TP(escape(cells[0]), ST["cell"], cids=[row["id"]])]
                                + [Paragraph(escape(x), ST["cell"]) for x in cells[1:]])
                else:
                    data.append([Paragraph(escape(row[1]), ST["celltheme"]), "", "", "", ""])
                    style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), LIGHT)]
            widths = [0.9 * cm, 7.3 * cm, 3.0 * cm, 2.5 * cm, 3.3 * cm]
            assert abs(sum(widths) - BODY_W) < 1, (sum(widths), BODY_W)
            t = Table(data, colWidths=widths, repeatRows=1, splitByRow=1)
            t.setStyle(TableStyle(style))
            out += [t, Spacer(1, 10)]
        else:
            raise ValueError(kind)
    return out


TABLE_COLS = None  # x-ranges of the table columns, filled in by build()


def build() -> int:
    global TABLE_COLS
    x = ML
    TABLE_COLS = []
    for w in [0.9, 7.3, 3.0, 2.5, 3.3]:
        TABLE_COLS.append((x, x + w * cm))
        x += w * cm
    n_pages = None
    for _pass in (1, 2):
        PAGES.clear()
        STATE.update(chapter="Thuis in Dijkwaard", first_on_page=None, footnotes={},
                     total=n_pages, templates={})
        doc = BaseDocTemplate(str(PDF), pagesize=A4, pageTemplates=make_templates(),
                              title=META["title"], author="Fictief voorbeeld",
                              subject="Fictief voorbeeld – geen echte overeenkomst",
                              leftMargin=ML, rightMargin=MR, topMargin=MT, bottomMargin=MB)
        doc.build(story())
        pages_now = doc.page
        if n_pages == pages_now:
            break
        n_pages = pages_now
    assert STATE["total"] == n_pages, "page count changed between passes"
    return n_pages


# --------------------------------------------------------------------------------------------
# verification with pdfplumber (in the analyser's venv)
# --------------------------------------------------------------------------------------------
EXTRACT = r"""
import json, sys, pdfplumber
pdf_path, cfg = sys.argv[1], json.loads(sys.argv[2])
out = []
with pdfplumber.open(pdf_path) as pdf:
    for p in pdf.pages:
        top, bottom = cfg["body_top"], cfg["body_bottom"]
        full = p.extract_text() or ""
        flow = p.extract_text(use_text_flow=True) or ""
        crops = {}
        for name, (x0, x1) in cfg["strips"].items():
            crops[name] = p.crop((x0, top, x1, bottom)).extract_text(y_tolerance=5) or ""
        out.append({"full": full, "flow": flow, "crops": crops})
        p.close()
print(json.dumps(out, ensure_ascii=False))
"""


def squash(s: str) -> str:
    s = re.sub(r"[\u2010-]\n", "", s)
    return re.sub(r"[^0-9a-zà-ÿ€%]", "", s.lower())


def verify(clauses: list[dict], n_pages: int) -> list[str]:
    eps = 2
    strips = {
        "one": (ML - eps, PAGE_W - MR + eps),
        "left": (ML - eps, ML + COL_W + eps),
        "right": (ML + COL_W + GAP - eps, PAGE_W - MR + eps),
    }
    for i, (a, b) in enumerate(TABLE_COLS):
        strips[f"t{i}"] = (a + 0.5, b - 0.5)
    cfg = {"body_top": MT - 4, "body_bottom": PAGE_H - MB + 4, "strips": strips}
    # pdfplumber y is from the top; body spans from MT (top) to PAGE_H - MB
    cfg["body_top"], cfg["body_bottom"] = MT - 6, PAGE_H - MB + 4
    res = subprocess.run([CHECK_PY, "-c", EXTRACT, str(PDF), json.dumps(cfg)],
                         capture_output=True, text=True, check=True)
    pages = json.loads(res.stdout)
    assert len(pages) == n_pages, (len(pages), n_pages)
    problems: list[str] = []

    # 1) the task's check: the clause start is findable on its page (plain and text-flow text)
    plain = [squash(p["full"] + "\n" + p["flow"]) for p in pages]

    # 2) reading-order stream of the body (headers/footers/footnote cropped away):
    #    two-column pages read left then right; table cells are checked per column strip.
    stream, owner = "", []
    for i, p in enumerate(pages, start=1):
        cr = p["crops"]
        if STATE["templates"][i] == "twocol":
            txt = cr["left"] + "\n" + cr["right"]
        else:
            txt = cr["one"]
        sq = squash(txt)
        stream += sq
        owner += [i] * len(sq)
    tstreams = {}
    for k in range(len(TABLE_COLS)):
        s, o = "", []
        for i, p in enumerate(pages, start=1):
            sq = squash(p["crops"][f"t{k}"])
            s += sq
            o += [i] * len(sq)
        tstreams[k] = (s, o)

    pos = 0
    tpos = 0
    for c in clauses:
        rl_page = PAGES.get(c["id"])
        if c["source"] == "table-row":
            cells = c["text"].split(" | ")
            s, o = tstreams[1]
            q = squash(cells[0])
            hit = s.find(q, tpos)
            if hit < 0:
                problems.append(f"{c['id']}: table cell not found in the Afspraak column")
                continue
            tpos = hit + len(q)
            pg = o[hit]
            for k, cell in enumerate(cells[1:], start=2):
                if squash(cell) not in squash(pages[pg - 1]["crops"][f"t{k}"]):
                    problems.append(f"{c['id']}: cell {k} {cell!r} not on page {pg}")
            if squash(c["label"]) not in squash(pages[pg - 1]["crops"]["t0"]):
                problems.append(f"{c['id']}: Nr {c['label']} not on page {pg}")
            probe = squash(cells[0])[:25]
        else:
            q = squash(c["text"])
            hit = stream.find(q, pos)
            if hit < 0:
                problems.append(f"{c['id']}: full text not found in reading order "
                                f"({c['text'][:50]!r})")
                continue
            pos = hit + len(q)
            pg = owner[hit]
            probe = q[:25]
        if rl_page is None or pg not in (rl_page, rl_page + 1):
            problems.append(f"{c['id']}: PDF page {pg} vs ReportLab page {rl_page}")
        if probe not in plain[pg - 1]:
            problems.append(f"{c['id']}: start {probe!r} not in extract_text of page {pg}")
        c["page"] = pg
    # the footnote sits on the page of its call
    fn_pages = sorted(STATE["footnotes"])
    for pg in fn_pages:
        for n, t in STATE["footnotes"][pg]:
            if squash(t) not in plain[pg - 1]:
                problems.append(f"footnote {n} not found on page {pg}")
    fict = squash("Fictief voorbeeld – geen echte overeenkomst")
    if fict not in plain[0]:
        problems.append("fictional notice missing on page 1")
    for i, p in enumerate(pages, start=1):
        if f"pagina {i} van {n_pages}" not in p["full"]:
            problems.append(f"footer missing on page {i}")
    return problems


def main() -> int:
    clauses = collect()
    n_pages = build()
    problems = verify(clauses, n_pages)
    # footnote call page == clause page
    fn_ids = [c["id"] for blk in DOC if blk[0] == "p" for c in blk[1]
              if isinstance(c, C) and c["fn"]]
    fn_pages = {pg for pg in STATE["footnotes"]}
    for cid in fn_ids:
        cl = next(c for c in clauses if c["id"] == cid)
        if cl["page"] not in fn_pages:
            problems.append(f"{cid}: footnote drawn on {sorted(fn_pages)}, clause on {cl['page']}")
    expected = {"file": PDF.name, "fictional": True, "layout": LAYOUT, "n_pages": n_pages,
                "metadata": META, "clauses": clauses}
    EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    kinds: dict[str, int] = {}
    for c in clauses:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    print(f"{PDF.name}: {n_pages} pages, {len(clauses)} clauses {kinds}")
    print("pages per clause:", [c["page"] for c in clauses])
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems))
        return 1
    print("all clauses found on their pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
