"""Hand-built, realistic inputs for the review tests (diagnose, suggest, report).

No model, no PDF: clauses are written out with their labels; evidence spans are found by a
few regular expressions so the report can highlight them like the classifier's would.
"""

from __future__ import annotations

import re

from analyser.diagnose import diagnose
from analyser.types import (
    AnalysedClause,
    Clause,
    ClauseLabel,
    DocumentAnalysis,
    Evidence,
    Metadata,
    Smart,
)

_EVIDENCE = [
    ("quantity", r"(€\s*)?\b\d[\d.,]*\s*(%|procent)?(?=\s|$|[,.;])"),
    ("time", r"\b(uiterlijk |vóór |voor |in |tot en met |eind )?20\d{2}\b|\bjaarlijks\b"),
    ("time_vague", r"\b(de komende jaren|op termijn|zo snel (als )?mogelijk)\b"),
    ("hedge", r"\b(streven|streeft|spannen zich|spant zich|zetten in op|zet in op|onderzoeken|waar mogelijk|zich inzetten|werken aan|voornemens)\b"),
    ("hard", r"\b(realiseert|realiseren|leveren|levert|bouwt|bouwen|verbetert|zorgt ervoor|zorgen ervoor|verplicht)\b"),
    ("party:gemeente", r"\b[Gg]emeente\b"),
    ("party:corporatie", r"\b(corporaties?|Woonstede|Rivierwonen)\b"),
    ("party:huurders", r"\b(huurdersorganisaties?|Huurdersvereniging \w+)\b"),
    ("party:partijen", r"\b[Pp]artijen\b"),
    ("exchange", r"\b(in ruil voor|mits de gemeente|tegenover)\b"),
    ("voorbehoud", r"\bonder voorbehoud\b"),
    ("label", r"\b[A-G]-label\b|\blabel [A-G]\b"),
]


def evidence_for(text: str) -> tuple[Evidence, ...]:
    out = []
    for label, pattern in _EVIDENCE:
        for m in re.finditer(pattern, text):
            if m.end() > m.start():
                out.append(Evidence(label, text[m.start():m.end()], m.start(), m.end()))
    return tuple(sorted(out, key=lambda e: (e.start, e.end)))


def make(
    cid: str,
    text: str,
    kind: str = "activity",
    theme: str = "beschikbaarheid",
    smart: str = "SMART",
    parties: tuple[str, ...] = ("corporatie",),
    reciprocal: bool = False,
    hedged: bool = False,
    confidence: float = 0.9,
    page: int = 1,
    evidence: bool = True,
    section: str = "",
) -> AnalysedClause:
    sm = Smart(**{L: (L in smart) for L in "SMART"}) if kind != "none" else Smart()
    if kind == "none":
        parties = ()
    label = ClauseLabel(
        kind=kind,
        theme=theme,
        smart=sm,
        is_smart=sm.all,
        parties_obliged=tuple(parties),
        reciprocal=reciprocal,
        hedged=hedged,
        confidence={"kind": confidence, "theme": confidence, "hedged": confidence},
        evidence=evidence_for(text) if evidence else (),
    )
    clause = Clause(id=cid, text=text, page=page, bbox=(56.0, 100.0, 540.0, 112.0), section=section)
    return AnalysedClause(clause, label)


METADATA = Metadata(
    gemeente="Rivierstad",
    corporaties=("Woonstede",),
    huurdersorganisaties=("Huurdersvereniging Rivierstad",),
    other_parties=(),
    title="Prestatieafspraken Rivierstad 2024-2027",
    doc_type="raamafspraken",
    looptijd_start=2024,
    looptijd_end=2027,
    jaarschijf=None,
    signing_date="2023-12-12",
)


def sample_clauses() -> list[AnalysedClause]:
    """A small but varied agreement: good and weak clauses on every national theme."""
    return [
        make("c0001", "Deze prestatieafspraken zijn gesloten tussen de gemeente Rivierstad, Woonstede en Huurdersvereniging Rivierstad.", "none", "proces"),
        make("c0002", "Woonstede bouwt in 2025 en 2026 samen 120 sociale huurwoningen in de wijk Oeverlanden.", page=2, section="3 Beschikbaarheid"),
        make("c0003", "De gemeente stelt uiterlijk in 2025 bouwlocaties beschikbaar voor 120 sociale huurwoningen tegen een sociale grondprijs, in ruil voor de bouwopgave van Woonstede.", parties=("gemeente", "corporatie"), reciprocal=True, page=2, section="3 Beschikbaarheid"),
        make("c0004", "In de komende drie jaar worden minimaal 700 nieuwe sociale huurwoningen gebouwd, onder voorbehoud van de gevolgen van de stikstofproblematiek.", smart="SMRT", parties=(), hedged=True, page=2),
        make("c0005", "Woonstede streeft ernaar de huurverhoging in 2025 te beperken tot de inflatie.", theme="betaalbaarheid", hedged=True, page=3, section="4 Betaalbaarheid"),
        make("c0006", "Er zijn in 2027 geen huisuitzettingen wegens betalingsproblemen.", "effect", "betaalbaarheid", smart="SMRT", parties=(), page=3),
        make("c0007", "Woonstede plaatst zonnepanelen op 400 woningen.", theme="duurzaamheid", smart="SMAR", page=4, section="5 Duurzaamheid", confidence=0.55),
        make("c0008", "Woonstede verbetert vóór eind 2027 alle woningen met een E-, F- of G-label naar minimaal label B.", theme="duurzaamheid", page=4),
        make("c0009", "De gemeente huisvest samen met Woonstede jaarlijks de statushouders conform de taakstelling.", "effect", "doelgroepen", parties=("gemeente", "corporatie"), reciprocal=True, page=5),
        make("c0010", "Partijen werken aan langer zelfstandig thuis wonen voor ouderen.", "activity", "wonen_zorg", smart="AR", parties=("gemeente", "corporatie", "huurders"), reciprocal=True, hedged=True, page=5),
        make("c0011", "Partijen bespreken de voortgang jaarlijks in het bestuurlijk overleg op basis van een gezamenlijke monitor.", "process", "proces", parties=("gemeente", "corporatie", "huurders"), reciprocal=True, page=6),
        make("c0012", "In 2026 evalueren partijen de prestatieafspraken en stellen ze zo nodig bij.", "process", "proces", parties=("gemeente", "corporatie", "huurders"), reciprocal=True, page=6),
        make("c0013", "Bij een geschil over de uitvoering leggen partijen dit voor aan de minister, conform artikel 44 van de Woningwet.", "process", "proces", smart="SMAR", parties=("gemeente", "corporatie", "huurders"), reciprocal=True, page=6),
        make("c0014", "Woonstede betrekt Huurdersvereniging Rivierstad bij elk renovatieproject vóór de start van de uitvoering.", "process", "proces", parties=("corporatie", "huurders"), reciprocal=True, page=6),
        make("c0015", "Woonstede zet zich in voor schone, hele en veilige wijken met <script>alert('x')</script> bewonersinitiatieven.", "activity", "leefbaarheid", smart="AR", hedged=True, page=7),
        make("c0016", "Woonstede maakt haar woningen CO2-neutraal in 2050.", theme="duurzaamheid", page=4),
    ]


def sample_analysis(clauses: list[AnalysedClause] | None = None, metadata: Metadata = METADATA, n_pages: int = 8) -> DocumentAnalysis:
    clauses = clauses if clauses is not None else sample_clauses()
    return DocumentAnalysis(
        path="/tmp/rivierstad-raamafspraken-2024-2027.pdf",
        sha256="0" * 64,
        n_pages=n_pages,
        metadata=metadata,
        clauses=tuple(clauses),
        diagnosis=diagnose(clauses, metadata, n_pages),
        model_version="test-model",
        analyser_version="0.1.0",
    )
