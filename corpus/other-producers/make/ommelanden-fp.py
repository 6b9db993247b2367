"""Build ommelanden-fp.pdf (fpdf2) and ommelanden-fp.expected.json from one source.

Fictional prestatieafspraken for the invented gemeente Ommelanden. Run with the fpdf2 venv:

    /tmp/robust/venv-fp/bin/python /tmp/robust/ommelanden-fp/make.py

Every clause is written as C(text, code, why) with code = "KIND THEME SMART PARTIES [FLAGS]"
(same shorthand as corpus/build_pdfs.py): KIND act|eff|proc|none; THEME bet|bes|duu|doe|zorg|
leef|proc|ovr; SMART = letters that are true ("-" none); PARTIES gem,corp,huur,ov or "partijen"
("-" none); FLAGS r (reciprocal) and/or h (hedged).

Line-end hyphenation: selected long compounds get soft hyphens (U+00AD) at a chosen split point;
fpdf2 renders a break there as a real "-" (U+002D) at the line end. The expected texts never
contain soft hyphens. Pages are taken from the layout (each paragraph, list item and table row
is kept together on one page, so its start page is known exactly).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
NAME = "ommelanden-fp"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

META = {
    "gemeente": "Ommelanden",
    "corporaties": ["Woonstichting Kleiland", "Terpwonen"],
    "huurdersorganisaties": ["Huurdersplatform Ommelanden"],
    "other_parties": [],
    "title": "Prestatieafspraken wonen Ommelanden 2026-2029",
    "doc_type": "raamafspraken",
    "looptijd_start": 2026,
    "looptijd_end": 2029,
    "jaarschijf": 2026,
    "signing_date": "2025-12-09",
}

LAYOUT = (
    "A4 portrait, plain municipal report look made with fpdf2 (DejaVu Sans, justified body text); "
    "title block and 'Fictief voorbeeld' box on page 1, numbered chapters without page breaks; "
    "agreements as paragraphs with bold run-in labels 'Afspraak n', two of them with lettered "
    "sub-items a./b./c. (once separate agreements under a lead-in, once one agreement spelled out); "
    "several commitments as single sentences inside longer context paragraphs; manual line-end "
    "hyphenation of long compounds with a real hyphen U+002D followed by a newline (e.g. 'huis-' / "
    "'uitzettingen', 'vroeg-' / 'signalering'); a bordered "
    "jaarschijf table Thema | Actie | Trekker | Planning | Indicator crossing a page break with the "
    "header row repeated; running header with gemeente name and title, footer 'Pagina X van Y'."
)

sys.path.insert(0, str(HERE.parents[1]))
from build_pdfs import KINDS, PARTIES, PARTY_ORDER, THEMES  # noqa: E402  (the label codes of corpus/build_pdfs.py)


def C(text: str, code: str, why: str | None = None) -> dict:
    return {"text": text, "code": code, "why": why}


# ---------------------------------------------------------------------------------------------
# The document. Blocks:
#   ("h1", title)
#   ("p", [str | C, ...])               paragraph; str parts are unlabelled context sentences
#   ("afs", C)                          "Afspraak n" paragraph, one clause
#   ("afs_sub", intro, [items], code, why)  "Afspraak n" with a./b./c. forming ONE clause
#   ("afs_lead", lead, [C, ...])        "Afspraak n" lead-in; a./b./c. items are separate clauses
#   ("table", [C with cells=[...]])     jaarschijf table
#   ("sign", C)                         signature block (C = closing sentence)
# ---------------------------------------------------------------------------------------------

DOC = [
    ("h1", "1 Inleiding"),
    ("p", [C("Deze prestatieafspraken zijn gebaseerd op de Woonvisie Ommelanden 2024-2030, die de "
             "gemeenteraad op 27 juni 2024 heeft vastgesteld, en op de biedingen die Woonstichting "
             "Kleiland en Terpwonen op 1 juli 2025 aan de gemeente hebben uitgebracht.",
             "none proc - -", "Basis of the document (woonvisie, biedingen).")]),
    ("p", [C("Ommelanden telt ruim 36.400 inwoners, verdeeld over de hoofdkern Kleiwerd en elf "
             "dorpen. Van de 16.900 woningen zijn er 4.310 in bezit van Woonstichting Kleiland en "
             "1.260 van Terpwonen. Woningzoekenden die in 2024 een sociale huurwoning accepteerden, "
             "stonden gemiddeld 3,4 jaar ingeschreven.",
             "none bes - -", "Context figures on population, stock and waiting time.")]),
    ("p", [C("In dit document verstaan we onder ‘partijen’ de gemeente, beide corporaties en "
             "Huurdersplatform Ommelanden; onder ‘de corporaties’ verstaan we Kleiland en Terpwonen "
             "samen. De jaarschijf 2026 in hoofdstuk 9 werkt de afspraken voor het eerste jaar uit.",
             "none proc - -", "Definitions and document structure.")]),
    ("p", [C("De afspraken gelden van 1 januari 2026 tot en met 31 december 2029 en vervangen de "
             "prestatieafspraken 2022-2025.",
             "none proc - -", "Term of the agreement.")]),

    ("h1", "2 Beschikbaarheid"),
    ("p", ["De vraag naar sociale huurwoningen groeit vooral in Kleiwerd en Terpstede, terwijl in de "
           "kleinere dorpen juist kleine woningen voor starters en ouderen ontbreken.",
           "Nieuwbouw moet daarom zowel in de hoofdkern als in de dorpen plaatsvinden.",
           C("De corporaties voegen in de periode 2026-2029 samen ten minste 320 sociale "
             "huurwoningen toe aan de voorraad, na aftrek van sloop en verkoop; Kleiland neemt "
             "daarvan 240 woningen voor zijn rekening en Terpwonen 80.",
             "act bes SMART corp", "Net growth target per corporation for the period.")]),
    ("afs", C("Tegenover deze bouwopgave stelt de gemeente vóór 1 juli 2026 de locaties Oude "
              "Suikerfabriek en Wierdenhof bouwrijp beschikbaar tegen de sociale grondprijs van "
              "€ 21.500 per woning (prijspeil 2026).",
              "act bes SMART gem r", "Gemeente delivers building land as counterpart (tegenover).")),
    ("afs", C("In de komende vier jaar worden in de dorpen minimaal 60 huurwoningen voor kleine "
              "huishoudens gebouwd.",
              "act bes SMRT -", "Passive wording: number and period, but no party is bound.")),
    ("p", ["Bij nieuwbouw in de dorpen is de aansluiting op het elektriciteitsnet steeds vaker een "
           "knelpunt.", "De netbeheerder verwacht pas na 2028 extra capaciteit in de regio.",
           C("De gemeente zet zich bij de provincie en de netbeheerder in voor voorrang voor "
             "sociale woningbouw bij nieuwe netaansluitingen.",
             "act bes SAR gem h", "Gemeente 'zet zich in' (effort only), no number or date.")]),
    ("afs_lead", "Om de doorstroming te bevorderen, zullen de corporaties:", [
        C("vanaf 1 januari 2026 een doorstroomregeling aanbieden voor huurders van 65 jaar en "
          "ouder, waarbij de huurprijs per vierkante meter bij verhuizing naar een kleinere woning "
          "gelijk blijft;", "act bes SMART corp", "Corporations offer a named scheme from a date."),
        C("in de periode 2026-2029 ten minste 120 doorstromingen via deze regeling realiseren;",
          "act bes SMART corp", "Number of doorstromingen in a period."),
        C("samen met Huurdersplatform Ommelanden bekijken of woningruil tussen huurders van beide "
          "corporaties mogelijk is.",
          "act bes SAR corp,huur rh", "Exploring ('bekijken') woningruil, with the tenants; no number or date."),
    ]),
    ("afs", C("Partijen zorgen ervoor dat woningzoekenden die een sociale huurwoning accepteren, "
              "uiterlijk in 2029 gemiddeld niet langer dan 2,5 jaar ingeschreven staan.",
              "eff bes SMART partijen r", "Waiting time as outcome target with number and year.")),

    ("h1", "3 Betaalbaarheid"),
    ("p", [C("Bijna 38 procent van de huurders van de corporaties heeft recht op huurtoeslag. In 2024 "
             "hadden 212 huishoudens een huurachterstand van meer dan twee maanden en vonden er "
             "drie huisuitzettingen plaats wegens huurachterstand.",
             "none bet - -", "Context figures on arrears and evictions.")]),
    ("afs", C("De corporaties verhogen de huren in de jaren 2026 tot en met 2029 jaarlijks gemiddeld "
              "met niet meer dan de inflatie; de huursomstijging blijft elk jaar ten minste 0,5 "
              "procentpunt onder het wettelijk maximum.",
              "act bet SMART corp", "Rent policy capped at inflation, yearly.")),
    ("afs", C("De corporaties wijzen jaarlijks ten minste 95 procent van de vrijkomende woningen aan "
              "huishoudens met recht op huurtoeslag passend toe.",
              "act bet SMART corp", "Allocation rule (passend toewijzen) with a percentage.")),
    ("afs_sub", "De gemeente en de corporaties werken samen in de vroegsignalering van "
                "betalingsachterstanden. Dat betekent dat:", [
        "de corporaties een huurachterstand uiterlijk 30 dagen na de vervaldatum melden bij het "
        "Sociaal Team van de gemeente;",
        "het Sociaal Team binnen vijf werkdagen na de melding contact opneemt met het huishouden;",
        "partijen deze werkwijze vóór 1 april 2026 vastleggen in een convenant vroegsignalering.",
    ], "act bet SMART gem,corp r", "One agreement spelled out in sub-items; gemeente and corporations bound."),
    ("p", ["Huurders met een laag inkomen besteden een groot deel van hun inkomen aan huur en "
           "energie.",
           C("Partijen streven ernaar dat in 2029 geen huurder van de corporaties meer dan 40 "
             "procent van het besteedbaar inkomen aan woonlasten kwijt is.",
             "eff bet SMART partijen rh", "Woonquote target with number and year, but 'streven ernaar'."),
           "Dat vraagt om een combinatie van huurbeleid, energiebesparing en schuldhulpverlening."]),
    ("afs", C("Partijen zorgen ervoor dat er in de periode 2026-2029 geen huisuitzettingen "
              "plaatsvinden die uitsluitend het gevolg zijn van een betalingsachterstand.",
              "eff bet SMART partijen r", "Zero evictions for arrears as outcome target.")),

    ("h1", "4 Duurzaamheid en woningkwaliteit"),
    ("p", [C("Eind 2024 hadden 610 woningen van de corporaties nog een energielabel E, F of G. Een "
             "deel van de vooroorlogse woningen in de dorpen kampt met vocht en schimmel.",
             "none duu - -", "Context on labels and housing quality.")]),
    ("afs", C("De corporaties verbeteren alle woningen met een energielabel E, F of G uiterlijk eind "
              "2028 naar ten minste label C.",
              "act duu SMART corp", "Label step for all EFG homes by a date.")),
    ("afs", C("Kleiland plaatst in de periode 2026-2029 zonnepanelen op 1.200 eengezinswoningen; "
              "huurders betalen daarvoor nooit een vergoeding die hoger is dan hun besparing op de "
              "energierekening.",
              "act duu SMART corp", "Number of homes with solar panels in a period.")),
    ("p", ["Isoleren alleen is niet genoeg: bewoners moeten ook weten hoe ze energie kunnen besparen.",
           C("De gemeente zet in 2026 en 2027 vier energiecoaches in die huurders na renovatie thuis "
             "adviseren, zodat hun energieverbruik en energielasten dalen.",
             "act duu SMART gem", "Committed part is the coaches (output); lower costs are the purpose.")]),
    ("afs", C("Partijen zorgen ervoor dat de gemiddelde energielasten van huurders in de complexen "
              "die in 2026 en 2027 worden verduurzaamd, na de renovatie met ten minste € 25 per maand "
              "dalen.",
              "eff bet SMART partijen r", "Energy costs of tenants as outcome target with amount.")),
    ("afs", C("De corporaties verhelpen meldingen van vocht en schimmel binnen zes weken na de "
              "melding en rapporteren het aantal meldingen elk halfjaar aan Huurdersplatform "
              "Ommelanden.",
              "act duu SMART corp", "Repair deadline tied to the report; half-yearly reporting.")),
    ("afs", C("Partijen hebben aandacht voor circulair bouwen en de toepassing van biobased "
              "materialen bij nieuwbouw en renovatie.",
              "act duu AR partijen rh", "Vague ('aandacht voor'): no object, number or date.")),
    ("afs", C("De gemeente stelt uiterlijk in 2027 een wijkuitvoeringsplan aardgasvrij op voor "
              "Kleiwerd-Oost; de corporaties onderzoeken in dezelfde periode welke 300 woningen als "
              "eerste van het aardgas af kunnen.",
              "act duu SMART gem,corp rh", "Plan by the gemeente and a study by the corporations ('onderzoeken').")),

    ("h1", "5 Bijzondere doelgroepen"),
    ("afs", C("Gemeente en corporaties huisvesten elk jaar ten minste het aantal vergunninghouders "
              "dat het Rijk in de taakstelling aan Ommelanden opdraagt.",
              "eff doe SMART gem,corp r", "Statushouders housed per taakstelling: outcome target.")),
    ("afs_lead", "Voor inwoners die uitstromen uit beschermd wonen of de maatschappelijke opvang, "
                 "zal de gemeente:", [
        C("de corporaties jaarlijks vóór 1 februari informeren over het verwachte aantal "
          "uitstromers per kern;",
          "proc proc SMART gem", "Information exchange with a yearly date."),
        C("voor iedere uitstromer die een woning krijgt gedurende ten minste twaalf maanden "
          "woonbegeleiding regelen;",
          "act doe SMART gem", "Concrete support per tenant for a set period after the event."),
        C("zich samen met de zorgaanbieders inspannen om een geschikte locatie voor Housing First "
          "te vinden.",
          "act doe SMAR gem,ov rh", "Effort ('zich inspannen') with care providers; no date."),
    ]),
    ("afs", C("De corporaties stellen jaarlijks ten minste 25 woningen beschikbaar voor de uitstroom "
              "uit beschermd wonen en maatschappelijke opvang.",
              "act doe SMART corp", "Allocation quota for a target group per year.")),
    ("afs", C("Terpwonen realiseert uiterlijk in 2027 in Terpstede 24 tijdelijke woningen voor "
              "jongeren tot 27 jaar en spoedzoekers; de gemeente verleent daarvoor de "
              "omgevingsvergunning vóór 1 oktober 2026.",
              "act doe SMART gem,corp r", "Corporation builds, gemeente grants the permit by a date.")),
    ("afs", C("Partijen werken aan passende huisvesting voor arbeidsmigranten en woonwagenbewoners.",
              "eff doe AR partijen rh", "Vague outcome ('werken aan'), no number or date.")),

    ("h1", "6 Wonen en zorg"),
    ("p", ["Het aantal inwoners van 75 jaar en ouder neemt tot 2035 met ruim een derde toe.",
           "De meeste ouderen willen zo lang mogelijk in hun eigen dorp blijven wonen.",
           C("De gemeente stelt vóór 1 juli 2026 samen met de corporaties en de zorgaanbieders een "
             "woonzorgvisie op, met per dorp de behoefte aan geschikte woningen tot 2035.",
             "act zorg SMART gem,corp,ov r", "A named vision document by a date; co-actors corporations and care.")]),
    ("afs", C("De corporaties maken in de periode 2026-2029 ten minste 150 bestaande woningen "
              "nultredengeschikt of levensloopbestendig.",
              "act zorg SMART corp", "Number of adapted homes in a period.")),
    ("afs", C("Partijen streven ernaar dat ouderen in Ommelanden langer zelfstandig thuis kunnen "
              "blijven wonen.",
              "eff zorg AR partijen rh", "Outcome stated vaguely with 'streven ernaar'.")),

    ("h1", "7 Leefbaarheid"),
    ("p", [C("Volgens de Leefbaarometer 2024 ligt de leefbaarheid in de wijken Kleiwerd-Oost en "
             "De Vennen onder het landelijk gemiddelde.",
             "none leef - -", "Monitor figure, context.")]),
    ("afs", C("Kleiland investeert in de periode 2026-2029 jaarlijks € 180.000 in leefbaarheidsprojecten "
              "in Kleiwerd-Oost en De Vennen, die bewoners zelf kunnen voordragen.",
              "act leef SMART corp", "Budget per year in named neighbourhoods.")),
    ("afs", C("De gemeente en de corporaties richten in 2026 één gezamenlijk meldpunt voor woonoverlast "
              "in en zetten bij ernstige overlast binnen twee weken buurtbemiddeling in.",
              "act leef SMART gem,corp r", "Named instrument by a year plus response time.")),
    ("afs", C("Partijen zorgen ervoor dat de Leefbaarometer-score van Kleiwerd-Oost in 2029 ten minste "
              "gelijk is aan het landelijk gemiddelde.",
              "eff leef SMART partijen r", "Leefbaarheid outcome measured by Leefbaarometer, with a year.")),
    ("p", ["Bewoners willen een schone, groene en veilige buurt.",
           C("Huurdersplatform Ommelanden wil bewonerscommissies stimuleren om initiatieven te nemen "
             "voor de vergroening van binnentuinen en speelplekken.",
             "act leef AR huur h", "Tenant body 'wil stimuleren': vague, no number or date.")]),

    ("h1", "8 Samenwerking, monitoring en geschillen"),
    ("afs", C("Partijen voeren twee keer per jaar, in maart en oktober, een bestuurlijk overleg over "
              "de voortgang van deze afspraken.",
              "proc proc SMART partijen r", "Meeting frequency and months.")),
    ("afs", C("De gemeente stelt elk jaar vóór 1 mei een monitor op met per afspraak de stand van zaken "
              "en de ontwikkeling van de effectindicatoren.",
              "proc proc SMART gem", "Yearly monitor by a date.")),
    ("afs", C("Partijen stellen elk jaar vóór 15 december de jaarschijf voor het volgende jaar vast, op "
              "basis van de biedingen die de corporaties vóór 1 juli uitbrengen.",
              "proc proc SMART partijen r", "Yearly jaarschijf cycle with dates.")),
    ("afs", C("De corporaties betrekken Huurdersplatform Ommelanden bij de voorbereiding van hun bod en "
              "stellen het platform jaarlijks € 30.000 beschikbaar voor scholing en ondersteuning.",
              "proc proc SMART corp", "Tenant involvement and a yearly support budget.")),
    ("afs", C("De gemeente en de corporaties dienen in 2026 samen een aanvraag in bij de provincie voor "
              "een bijdrage uit het Volkshuisvestingsfonds voor de herstructurering van De Vennen.",
              "act ovr SMART gem,corp r", "Joint funding application by a year (finances).")),
    ("afs", C("De corporaties voeren de afspraken over nieuwbouw en verduurzaming uit onder voorbehoud "
              "van goedkeuring van hun jaarbegroting door de raad van commissarissen.",
              "proc proc SAR corp h", "Voorbehoud clause; conditional on the supervisory board.")),
    ("afs", C("Partijen evalueren de afspraken in het voorjaar van 2028 en stellen ze zo nodig bij.",
              "proc proc SMART partijen r", "Evaluation with a time.")),
    ("afs", C("Komen partijen bij een geschil over de uitvoering niet binnen twee maanden tot een "
              "oplossing, dan kan iedere partij het geschil voorleggen aan de minister, conform "
              "artikel 44 van de Woningwet.",
              "proc proc SMRT partijen r", "Dispute clause with a term; no measurable deliverable.")),

    ("h1", "9 Jaarschijf 2026"),
    ("p", [C("In de jaarschijf 2026 staan de acties voor het eerste jaar van deze afspraken. De trekker "
             "is verantwoordelijk voor de uitvoering; de indicator geeft aan waarop partijen de "
             "voortgang beoordelen.",
             "none proc - -", "Explains the table.")]),
    ("table", [
        C(["Beschikbaarheid", "Kleiland start de bouw van 48 sociale huurwoningen op de locatie Oude "
           "Suikerfabriek.", "Kleiland", "Q3 2026", "Startbouwmelding 48 woningen"],
          "act bes SMART corp", "Start of building, number and quarter."),
        C(["Beschikbaarheid", "De gemeente levert de bouwrijpe grond van de locatie Wierdenhof op aan "
           "Terpwonen.", "Gemeente", "vóór 1 juli 2026", "Datum grondlevering"],
          "act bes SMART gem", "Land delivery by a date."),
        C(["Betaalbaarheid", "De corporaties voeren per 1 juli 2026 een huuraanpassing door van "
           "gemiddeld ten hoogste de inflatie over 2025.", "Kleiland, Terpwonen", "1 juli 2026",
           "Gemiddelde huurverhoging per corporatie"],
          "act bet SMART corp", "Rent increase capped, with a date."),
        C(["Duurzaamheid", "Kleiland verduurzaamt 140 woningen in Kleiwerd-Oost van label E, F of G "
           "naar ten minste label B.", "Kleiland", "2026", "Aantal woningen met labelsprong"],
          "act duu SMART corp", "Label steps for a number of homes in the year."),
        C(["Duurzaamheid", "Terpwonen onderzoekt de aanpak van vocht en schimmel in 64 vooroorlogse "
           "woningen in Wadhuizen.", "Terpwonen", "doorlopend", "Onderzoeksrapport"],
          "act duu SMAR corp h", "Study ('onderzoekt'); planning only 'doorlopend'."),
        C(["Doelgroepen", "Gemeente en corporaties huisvesten 58 vergunninghouders conform de "
           "taakstelling.", "Gemeente", "2026", "Aantal gehuisveste vergunninghouders"],
          "eff doe SMART gem,corp r", "Statushouders housed: outcome with number and year."),
        C(["Leefbaarheid", "Partijen zetten waar mogelijk buurtbemiddeling in bij burenconflicten.",
           "Gemeente", "doorlopend", "n.v.t."],
          "act leef SAR partijen rh", "'Waar mogelijk', no indicator or date."),
        C(["Proces", "Huurdersplatform Ommelanden organiseert een huurdersraadpleging over de "
           "jaarschijf 2027.", "Huurdersplatform", "september 2026", "Verslag raadpleging"],
          "proc proc SMART huur", "Tenant consultation with a month."),
    ]),
    ("sign", C("Aldus overeengekomen en ondertekend te Kleiwerd op 9 december 2025.",
               "none proc - -", "Signing statement.")),
]

TABLE_HEAD = ["Thema", "Actie", "Trekker", "Planning", "Indicator"]
TABLE_W = [27, 55, 28, 20, 30]  # mm, sum 160

# Long compounds that may be hyphenated at a line end (split point chosen by hand).
HYPHENATE = {
    "Huurdersplatform": "Huurders|platform",
    "huurdersorganisatie": "huurders|organisatie",
    "woningcorporatie": "woning|corporatie",
    "vroegsignalering": "vroeg|signalering",
    "betalingsachterstanden": "betalings|achterstanden",
    "betalingsachterstand": "betalings|achterstand",
    "huurachterstand": "huur|achterstand",
    "doorstroomregeling": "doorstroom|regeling",
    "doorstromingen": "door|stromingen",
    "huisuitzettingen": "huis|uitzettingen",
    "huursomstijging": "huursom|stijging",
    "leefbaarheidsprojecten": "leefbaarheids|projecten",
    "wijkuitvoeringsplan": "wijkuitvoerings|plan",
    "energiecoaches": "energie|coaches",
    "energierekening": "energie|rekening",
    "eengezinswoningen": "eengezins|woningen",
    "nultredengeschikt": "nultreden|geschikt",
    "levensloopbestendig": "levensloop|bestendig",
    "vergunninghouders": "vergunning|houders",
    "omgevingsvergunning": "omgevings|vergunning",
    "woningaanpassingen": "woning|aanpassingen",
    "bewonerscommissies": "bewoners|commissies",
    "woonzorgvisie": "woonzorg|visie",
    "huurwoningen": "huur|woningen",
    "huurwoning": "huur|woning",
    "prestatieafspraken": "prestatie|afspraken",
    "schuldhulpverlening": "schuldhulp|verlening",
    "maatschappelijke": "maatschappe|lijke",
    "zorgaanbieders": "zorg|aanbieders",
    "netaansluitingen": "net|aansluitingen",
    "woningzoekenden": "woning|zoekenden",
    "energielasten": "energie|lasten",
    "vervaldatum": "verval|datum",
    "effectindicatoren": "effect|indicatoren",
}
_HY_RE = re.compile(r"\b(" + "|".join(sorted(HYPHENATE, key=len, reverse=True)) + r")\b")


def hy(text: str) -> str:
    return _HY_RE.sub(lambda m: HYPHENATE[m.group(1)].replace("|", "\u00ad"), text)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00ad", "")).strip()


def labels(code: str) -> dict:
    parts = code.split()
    kind, theme, smart, parties = parts[:4]
    flags = parts[4] if len(parts) > 4 else "-"
    kind = KINDS[kind]
    sm = {k: (k in smart and kind != "none") for k in "SMART"}
    if parties == "partijen":
        po = ["gemeente", "corporatie", "huurders"]
    elif parties == "-":
        po = []
    else:
        po = sorted({PARTIES[p] for p in parties.split(",")}, key=PARTY_ORDER.index)
    return {
        "theme": THEMES[theme], "kind": kind, "smart": sm, "is_smart": all(sm.values()),
        "parties_obliged": po, "reciprocal": "r" in flags, "hedged": "h" in flags,
    }


class Doc(FPDF):
    def header(self):
        self.set_font("DejaVu", "", 8)
        self.set_text_color(80, 80, 80)
        self.set_xy(25, 10)
        self.cell(80, 5, "Gemeente Ommelanden", align="L")
        self.set_xy(105, 10)
        self.cell(80, 5, "Prestatieafspraken wonen 2026-2029", align="R")
        self.set_draw_color(120, 120, 120)
        self.line(25, 16, 185, 16)
        self.set_text_color(0, 0, 0)
        self.set_xy(25, 25)

    def footer(self):
        self.set_font("DejaVu", "", 8)
        self.set_text_color(80, 80, 80)
        self.set_draw_color(120, 120, 120)
        self.line(25, 282, 185, 282)
        self.set_xy(25, 283)
        self.cell(80, 5, "Vastgesteld 9 december 2025", align="L")
        self.set_xy(105, 283)
        self.cell(80, 5, f"Pagina {self.page_no()} van {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


BODY = 10.5
LH = 5.6
W = 160
LEFT = 25


def build():
    pdf = Doc(format="A4", unit="mm")
    pdf.set_margins(LEFT, 25, 25)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_creator("fpdf2")
    pdf.set_title(META["title"])
    pdf.set_creation_date(__import__("datetime").datetime(2025, 12, 9, tzinfo=__import__("datetime").timezone.utc))
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.alias_nb_pages()
    pdf.add_page()

    clauses: list[dict] = []
    section = [""]
    nr = [0]

    def bottom():
        return pdf.page_break_trigger

    def ensure(h):
        if pdf.get_y() + h > bottom():
            pdf.add_page()

    def lines_of(text, w, markdown=False):
        return len(pdf.multi_cell(w, LH, text, align="J", markdown=markdown, dry_run=True,
                                  output="LINES"))

    def add(text, code, why, source, label=None, lead_in=None):
        lab = labels(code)
        c = {"id": None, "text": norm(text), "page": pdf.page_no(), "section": section[0],
             "source": source, "label": label, "lead_in": lead_in, **lab, "rationale": why}
        clauses.append(c)

    def para(md_text, x=LEFT, w=W, after=2.5, markdown=True):
        pdf.set_font("DejaVu", "", BODY)
        n = lines_of(md_text, w, markdown)
        ensure(n * LH)
        pdf.set_x(x)
        pdf.multi_cell(w, LH, md_text, align="J", markdown=markdown, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after)

    # --- title block on page 1
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(W, 9, "Prestatieafspraken wonen Ommelanden 2026-2029", align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(W, 7, "Raamafspraken met jaarschijf 2026", align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", BODY)
    pdf.multi_cell(W, LH, "Afspraken tussen de gemeente Ommelanden, Woonstichting Kleiland, Terpwonen "
                   "en Huurdersplatform Ommelanden", align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", BODY)
    pdf.set_fill_color(235, 235, 235)
    pdf.cell(W, 8, "Fictief voorbeeld – geen echte overeenkomst", border=1, align="C", fill=True,
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)

    for block in DOC:
        kind = block[0]
        if kind == "h1":
            section[0] = block[1]
            ensure(10 + 3 * LH)  # keep heading with some text
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 12)
            pdf.cell(W, 7, block[1], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "p":
            parts = block[1]
            txt = " ".join(p if isinstance(p, str) else p["text"] for p in parts)
            pdf.set_font("DejaVu", "", BODY)
            ensure(lines_of(hy(txt), W) * LH)
            for p in parts:
                if not isinstance(p, str):
                    add(p["text"], p["code"], p["why"], "prose")
            para(hy(txt), markdown=False)
        elif kind == "afs":
            nr[0] += 1
            c = block[1]
            md = f"**Afspraak {nr[0]}**  " + hy(c["text"])
            pdf.set_font("DejaVu", "", BODY)
            ensure(lines_of(md, W, True) * LH)
            add(c["text"], c["code"], c["why"], "prose", label=str(nr[0]))
            para(md)
        elif kind in ("afs_sub", "afs_lead"):
            nr[0] += 1
            intro, items = block[1], block[2]
            md = f"**Afspraak {nr[0]}**  " + hy(intro)
            pdf.set_font("DejaVu", "", BODY)
            item_texts = [it if isinstance(it, str) else it["text"] for it in items]
            first_h = (lines_of(md, W, True) + lines_of(hy(item_texts[0]), W - 8)) * LH
            ensure(first_h + 2)
            if kind == "afs_sub":
                total = lines_of(md, W, True) + sum(lines_of(hy(t), W - 8) for t in item_texts)
                ensure(total * LH + 4)
                add(intro + " " + " ".join(item_texts), block[3], block[4], "prose",
                    label=str(nr[0]))
            para(md, after=1)
            for letter, it, t in zip("abcdefg", items, item_texts):
                pdf.set_font("DejaVu", "", BODY)
                n = lines_of(hy(t), W - 8)
                ensure(n * LH)
                if kind == "afs_lead":
                    add(t.rstrip(";,").rstrip(), it["code"], it["why"], "list-item", label=letter,
                        lead_in=intro)
                y = pdf.get_y()
                pdf.set_xy(LEFT + 2, y)
                pdf.cell(6, LH, f"{letter}.")
                pdf.set_xy(LEFT + 8, y)
                pdf.multi_cell(W - 8, LH, hy(t), align="J", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            pdf.ln(1.5)
        elif kind == "table":
            rows = block[1]
            pad = 1.2
            lh = 4.4

            def row_height(cells, style=""):
                pdf.set_font("DejaVu", style, 8)
                return max(len(pdf.multi_cell(w, lh, t, dry_run=True, output="LINES"))
                           for w, t in zip(TABLE_W, cells)) * lh + 2 * pad

            def draw_row(cells, style="", fill=False):
                h = row_height(cells, style)
                y = pdf.get_y()
                x = LEFT
                pdf.set_font("DejaVu", style, 8)
                for w, t in zip(TABLE_W, cells):
                    pdf.set_fill_color(225, 225, 225)
                    pdf.rect(x, y, w, h, style="DF" if fill else "D")
                    pdf.set_xy(x, y + pad)  # horizontal padding = fpdf2 c_margin
                    pdf.multi_cell(w, lh, t, align="L")
                    x += w
                pdf.set_xy(LEFT, y + h)

            head_h = row_height(TABLE_HEAD, "B")
            ensure(head_h + row_height(rows[0]["text"]))
            pdf.set_draw_color(90, 90, 90)
            draw_row(TABLE_HEAD, "B", fill=True)
            for r in rows:
                h = row_height(r["text"])
                if pdf.get_y() + h > bottom():
                    pdf.add_page()
                    draw_row(TABLE_HEAD, "B", fill=True)
                add(" | ".join(r["text"]), r["code"], r["why"], "table-row")
                draw_row(r["text"])
            pdf.ln(5)
        elif kind == "sign":
            section[0] = "Ondertekening"
            ensure(70)
            pdf.set_font("DejaVu", "B", 12)
            pdf.cell(W, 7, "Ondertekening", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
            c = block[1]
            add(c["text"], c["code"], c["why"], "prose")
            para(c["text"], markdown=False, after=6)
            pdf.set_font("DejaVu", "", 9)
            sig = [("Gemeente Ommelanden", "J.A. Mulder, wethouder Wonen"),
                   ("Woonstichting Kleiland", "drs. E. de Vries, directeur-bestuurder"),
                   ("Terpwonen", "ir. M. Bakker, directeur-bestuurder"),
                   ("Huurdersplatform Ommelanden", "H. Smit, voorzitter")]
            for i in range(0, 4, 2):
                y = pdf.get_y()
                for j in range(2):
                    org, who = sig[i + j]
                    x = LEFT + j * 82
                    pdf.set_xy(x, y)
                    pdf.cell(75, 5, org)
                    pdf.line(x, y + 17, x + 70, y + 17)
                    pdf.set_xy(x, y + 18)
                    pdf.cell(75, 5, who)
                pdf.set_xy(LEFT, y + 28)

    out_pdf = HERE / f"{NAME}.pdf"
    pdf.output(str(out_pdf))
    for i, c in enumerate(clauses, 1):
        c["id"] = f"{NAME}-{i:03d}"
    exp = {"file": f"{NAME}.pdf", "fictional": True, "layout": LAYOUT, "n_pages": pdf.page_no(),
           "metadata": META, "clauses": clauses}
    (HERE / f"{NAME}.expected.json").write_text(
        json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out_pdf.name}: {pdf.page_no()} pages, {len(clauses)} clauses, "
          f"{sum(c['kind'] != 'none' for c in clauses)} agreements")


if __name__ == "__main__":
    build()
