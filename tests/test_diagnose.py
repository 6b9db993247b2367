"""diagnose: every finding fires on a hand-built label set and stays quiet on another."""

from __future__ import annotations

import re

import pytest

from analyser.diagnose import compute_scores, cue_hits, diagnose
from analyser.types import Metadata
from review_fixtures import METADATA, make, sample_clauses

GOOD = [
    make("g1", "Woonstede levert in 2025 120 sociale huurwoningen op.", parties=("corporatie",)),
    make("g2", "De gemeente stelt in 2025 bouwlocaties voor 120 woningen beschikbaar, in ruil voor de bouwopgave van Woonstede.", parties=("gemeente", "corporatie"), reciprocal=True),
    make("g3", "Partijen zorgen ervoor dat in 2027 het aantal huisuitzettingen wegens betalingsproblemen nul is.", "effect", "betaalbaarheid", parties=("gemeente", "corporatie", "huurders"), reciprocal=True),
    make("g4", "Partijen zorgen ervoor dat de energielasten van huurders in 2026 met gemiddeld 20 euro per maand dalen.", "effect", "duurzaamheid", parties=("gemeente", "corporatie", "huurders"), reciprocal=True),
    make("g5", "De gemeente huisvest samen met Woonstede in 2025 alle statushouders uit de taakstelling.", "effect", "doelgroepen", parties=("gemeente", "corporatie"), reciprocal=True),
    make("g6", "Partijen zorgen ervoor dat in 2027 200 ouderen zelfstandig kunnen blijven wonen.", "effect", "wonen_zorg", parties=("gemeente", "corporatie", "huurders"), reciprocal=True),
    make("g7", "Partijen zorgen ervoor dat de Leefbaarometer-score van Oeverlanden in 2027 ten minste 'ruim voldoende' is.", "effect", "leefbaarheid", parties=("gemeente", "corporatie", "huurders"), reciprocal=True),
    make("g8", "Partijen bespreken jaarlijks de voortgang op basis van een gezamenlijke monitor.", "process", "proces", parties=("gemeente", "corporatie", "huurders"), reciprocal=True),
    make("g9", "In 2026 evalueren partijen de afspraken.", "process", "proces", parties=("gemeente", "corporatie", "huurders"), reciprocal=True),
    make("g10", "Bij een geschil vragen partijen de minister om een bindende uitspraak.", "process", "proces", parties=("gemeente", "corporatie", "huurders"), reciprocal=True),
    make("g11", "Woonstede betrekt de huurdersvereniging bij elk renovatieproject.", "process", "proces", parties=("corporatie", "huurders"), reciprocal=True),
    make("g12", "De huurdersvereniging zorgt in 2025 voor een bewonerscommissie per complex.", "activity", "leefbaarheid", parties=("huurders",)),
]

BAD = [
    make(f"b{i}", text, kind, theme, smart=smart, parties=parties, hedged=hedged)
    for i, (text, kind, theme, smart, parties, hedged) in enumerate([
        ("Woonstede streeft naar meer sociale huurwoningen.", "activity", "beschikbaarheid", "AR", ("corporatie",), True),
        ("Er worden de komende jaren woningen gebouwd.", "activity", "beschikbaarheid", "R", (), False),
        ("Woonstede werkt aan verduurzaming van haar bezit.", "activity", "duurzaamheid", "AR", ("corporatie",), True),
        ("Woonstede onderzoekt mogelijkheden voor zonnepanelen.", "activity", "duurzaamheid", "AR", ("corporatie",), True),
        ("Woonstede heeft aandacht voor betaalbaarheid.", "activity", "betaalbaarheid", "AR", ("corporatie",), True),
        ("Woonstede maakt haar woningen CO2-neutraal in 2050.", "activity", "duurzaamheid", "SMART", ("corporatie",), False),
        ("Woonstede plaatst zonnepanelen op 400 woningen, onder voorbehoud van goedkeuring door de Raad van Commissarissen.", "activity", "duurzaamheid", "SMAR", ("corporatie",), False),
        ("Een afspraak betekent niet per definitie dat elk van de partijen verantwoordelijk kan worden gehouden voor het resultaat.", "none", "proces", "", (), False),
        ("Woonstede is voornemens in 2026 het huurbeleid te herzien, mits dit financieel haalbaar is.", "activity", "betaalbaarheid", "", ("corporatie",), True),
    ], start=1)
]
META_LONG = Metadata(gemeente="Rivierstad", corporaties=("Woonstede",), looptijd_start=2020, looptijd_end=2029)
META_NONE = Metadata(gemeente="Rivierstad", corporaties=("Woonstede",))

# code -> (metadata, pages, clauses that make it fire) and the quiet set is GOOD with METADATA
FIRES = {
    "low_smart_share": (METADATA, 8, BAD),
    "low_measurable": (METADATA, 8, BAD),
    "low_specific": (METADATA, 8, BAD),
    "high_hedged": (METADATA, 8, BAD),
    "passive_agreements": (METADATA, 8, BAD),
    "one_sided": (METADATA, 8, BAD),
    "low_time_share": (METADATA, 8, BAD),
    "years_beyond_looptijd": (METADATA, 8, BAD),
    "looptijd_unknown": (META_NONE, 8, GOOD),
    "looptijd_long": (META_LONG, 8, GOOD),
    "themes_missing": (METADATA, 8, BAD),
    "low_realistic": (METADATA, 8, [make("r1", "Woonstede bouwt in 2025 10.000 woningen in een dorp van 900 inwoners.", smart="SMAT")]),
    "voorbehoud": (METADATA, 8, BAD),
    "disclaimer": (METADATA, 8, BAD),
    "low_effect_share": (METADATA, 8, BAD),
    "good_effect_share": (METADATA, 8, GOOD),
    "thick_many_activities": (METADATA, 60, [make(f"t{i}", f"Woonstede levert in 2025 {i + 10} woningen op.") for i in range(70)]),
    "no_monitoring": (METADATA, 8, BAD),
    "no_evaluation": (METADATA, 8, BAD),
    "no_dispute": (METADATA, 8, BAD),
    "no_tenant_involvement": (METADATA, 8, BAD),
    "good_process": (METADATA, 8, GOOD),
}
QUIET = {code: (METADATA, 8, GOOD) for code in FIRES}
QUIET.update({
    "good_effect_share": (METADATA, 8, BAD),
    "good_process": (METADATA, 8, BAD),
    "gemeente_rarely_bound": (METADATA, 8, GOOD),
    "huurders_not_bound": (METADATA, 8, GOOD),
    "low_reciprocal": (METADATA, 8, GOOD),
})
# wederkerig findings that need a mixed set (one_sided pre-empts them on an all-corporatie set)
# (two hard tenant commitments: not one-sided, but the gemeente is never bound)
MIXED = BAD + [
    make("m1", "Woonstede en de huurdersvereniging houden in 2025 vier spreekuren.", "activity", "betaalbaarheid", parties=("corporatie", "huurders"), reciprocal=False),
    make("m0", "De huurdersvereniging organiseert in 2025 twee informatieavonden.", "activity", "betaalbaarheid", parties=("huurders",)),
]
FIRES.update({
    "gemeente_rarely_bound": (METADATA, 8, MIXED),
    "huurders_not_bound": (METADATA, 8, BAD[:7] + [make(f"m2{i}", "De gemeente stelt in 2025 grond beschikbaar.", parties=("gemeente",)) for i in range(10)] + [make(f"m{i}", "Woonstede bouwt in 2025 20 woningen.") for i in range(3, 30)]),
    "low_reciprocal": (METADATA, 8, MIXED),
})


def codes(clauses, metadata=METADATA, n_pages=8):
    return {f.code for f in diagnose(clauses, metadata, n_pages).findings}


@pytest.mark.parametrize("code", sorted(FIRES))
def test_diagnose_finding_fires(code):
    md, pages, clauses = FIRES[code]
    assert code in codes(clauses, md, pages)


@pytest.mark.parametrize("code", sorted(QUIET))
def test_diagnose_finding_stays_quiet(code):
    md, pages, clauses = QUIET[code]
    assert code not in codes(clauses, md, pages)


def test_diagnose_findings_have_figure_ids_and_order():
    d = diagnose(BAD, METADATA, 8)
    weights = [f.weight for f in d.findings]
    assert weights == sorted(weights, reverse=True)
    for f in d.findings:
        assert f.figure and f.figure in f.text
        assert f.lens in ("prestaties", "effecten", "relaties")
        assert f.text.count(".") >= 1 and "{" not in f.text
    ids = {ac.clause.id for ac in BAD}
    assert all(set(f.clause_ids) <= ids for f in d.findings)
    passive = next(f for f in d.findings if f.code == "passive_agreements")
    assert passive.clause_ids == ("b2",)


def test_diagnose_scores_counts_and_shares():
    s = compute_scores(sample_clauses(), METADATA, 8).scores
    assert s["n_clauses"] == 16 and s["n_agreements"] == 15
    assert s["kinds"] == {"activity": 9, "effect": 2, "process": 4, "none": 1}
    assert s["share_effect"] == round(2 / 15, 4)
    assert s["n_passive"] == 2
    assert s["obligations"]["gemeente"] == 6
    assert s["years_beyond_looptijd"] == [2050]
    assert s["looptijd_years"] == 4
    assert s["has_monitoring"] and s["has_evaluation"] and s["has_dispute"] and s["has_tenant_involvement"]
    assert s["themes_missing"] == []
    assert set(s["smart_letters"]) == set("SMART")


def test_diagnose_one_sided_only_when_no_other_party_bound():
    s = compute_scores(BAD, METADATA, 8).scores
    assert s["one_sided"] is True
    s2 = compute_scores(GOOD, METADATA, 8).scores
    assert s2["one_sided"] is False


def test_diagnose_verdicts_per_lens():
    good = diagnose(GOOD, METADATA, 8)
    bad = diagnose(BAD, METADATA, 8)
    assert set(good.verdicts) == {"prestaties", "effecten", "relaties"}
    assert good.scores["levels"]["prestaties"] == "goed"
    assert bad.scores["levels"]["prestaties"] == "zwak"
    assert good.scores["levels"]["effecten"] == "goed" and bad.scores["levels"]["effecten"] == "zwak"
    assert good.scores["levels"]["relaties"] == "goed" and bad.scores["levels"]["relaties"] == "zwak"


def test_diagnose_empty_document_is_safe():
    d = diagnose([], Metadata(), 0)
    assert d.scores["n_agreements"] == 0
    assert d.suggestions == ()


def test_diagnose_collects_suggestions():
    d = diagnose(sample_clauses(), METADATA, 8)
    assert d.suggestions and {s.rule for s in d.suggestions} >= {"activity_to_effect", "add_term", "add_party", "unhedge", "reciprocal"}
    assert d.scores["n_suggestions"] == len(d.suggestions)


@pytest.mark.parametrize("text,key", [
    ("Partijen evalueren de afspraken in 2026.", "evaluation"),
    ("Bij een geschil vragen partijen de minister om een bindende uitspraak.", "dispute"),
    ("De gemeente stelt jaarlijks een monitor op.", "monitoring"),
    ("Woonstede betrekt de huurdersvereniging bij renovaties.", "tenant_involvement"),
    ("Een afspraak betekent niet per definitie dat partijen verantwoordelijk zijn.", "disclaimer"),
    ("De bedragen gelden onder voorbehoud van goedkeuring door de Raad van Commissarissen.", "voorbehoud"),
])
def test_diagnose_cues_found_in_text(text, key):
    assert cue_hits(text, key)


@pytest.mark.parametrize("text,key", [
    ("Woonstede zet buurtbemiddeling in bij overlast.", "dispute"),
    ("De prestatieafspraken zijn voor partijen niet vrijblijvend.", "disclaimer"),
    ("Woonstede bouwt 120 woningen.", "voorbehoud"),
])
def test_diagnose_cues_not_found(text, key):
    assert not cue_hits(text, key)


# ------------------------------------------------------------------ tuned on the sample PDFs

META_UNSIGNED = Metadata(gemeente="Veenhoven", corporaties=("Veenland",), title="Afspraken wonen Veenhoven 2025",
                         doc_type="jaarschijf", looptijd_start=2025, looptijd_end=2025, jaarschijf=2025)
META_JAARSCHIJF = Metadata(gemeente="Rivierstad", corporaties=("Woonstede",), doc_type="jaarschijf",
                           title="Jaarschijf 2026 bij de Raamafspraken wonen Rivierstad 2024-2027",
                           looptijd_start=2026, looptijd_end=2026, jaarschijf=2026, signing_date="2025-12-09")
VAGUE_EFFECTS = [
    make("v1", "Woonstede doet er alles aan om huisuitzettingen zoveel mogelijk te voorkomen.", "effect", "betaalbaarheid", smart="AR", hedged=True),
    make("v2", "Woonstede streeft ernaar dat ouderen zo lang mogelijk thuis wonen.", "effect", "wonen_zorg", smart="AR", hedged=True),
    make("v3", "Woonstede bouwt in 2025 20 woningen.", smart="SMART"),
]
INDICATORS = GOOD + [make("i1", "Bijlage 1 bevat de effectindicatoren met nulmeting en doel voor 2029.", "none", "proces")]

FIRES.update({
    "not_signed": (META_UNSIGNED, 6, GOOD),
    "vague_effects": (METADATA, 8, VAGUE_EFFECTS),
    "effect_indicators": (METADATA, 8, INDICATORS),
})
QUIET.update({
    "not_signed": (METADATA, 8, GOOD),
    "vague_effects": (METADATA, 8, GOOD),
    "effect_indicators": (METADATA, 8, GOOD),
})


@pytest.mark.parametrize("code", ["not_signed", "vague_effects", "effect_indicators"])
def test_diagnose_new_findings_fire_and_stay_quiet(code):
    md, pages, clauses = FIRES[code]
    assert code in codes(clauses, md, pages)
    md, pages, clauses = QUIET[code]
    assert code not in codes(clauses, md, pages)


def test_diagnose_one_sided_when_other_parties_only_hedged():
    # the gemeente appears, but only "waar nodig ... in overleg": no hard contribution (Veenhoven)
    clauses = BAD + [make("h1", "Waar nodig kunnen de gemeente en Woonstede in overleg kijken naar hulp bij betalingsproblemen.",
                          theme="betaalbaarheid", smart="AR", parties=("gemeente", "corporatie"), reciprocal=True, hedged=True)]
    s = compute_scores(clauses, METADATA, 8).scores
    assert s["obligations"]["gemeente"] == 1 and s["n_other_hard"] == 0
    assert s["one_sided"] is True
    d = diagnose(clauses, METADATA, 8)
    one = next(f for f in d.findings if f.code == "one_sided")
    assert "geen enkele inhoudelijke afspraak iets hard toe" in one.text


def test_diagnose_passive_needs_hidden_actor_in_main_clause():
    clauses = [
        make("p1", "In de komende vier jaar worden minimaal 700 sociale huurwoningen gebouwd.", parties=()),
        make("p2", "Er is aandacht voor vocht en schimmel.", theme="duurzaamheid", smart="R", parties=()),
        make("p3", "Daarbij hoort een monitor die laat zien of de afspraken worden nagekomen.", "process", "proces", parties=()),
        make("p4", "Het aandeel sociale huur verschilt sterk per kern.", smart="S", parties=()),
        make("p5", "De leefbaarheid in de wijken dient op peil te blijven.", "effect", "leefbaarheid", smart="R", parties=()),
    ]
    s = compute_scores(clauses, METADATA, 8).scores
    assert s["n_unbound"] == 5
    assert s["n_passive"] == 3
    d = diagnose(clauses, METADATA, 8)
    assert next(f for f in d.findings if f.code == "passive_agreements").clause_ids == ("p1", "p2", "p5")


def test_diagnose_years_beyond_only_without_term_inside_looptijd():
    clauses = [
        make("y1", "De gemeente stelt in 2024 een woonzorgvisie op met de behoefte per wijk tot 2035.", parties=("gemeente",)),
        make("y2", "Woonstede faseert vóór eind 2031 alle E-, F- en G-labels uit.", theme="duurzaamheid"),
        make("y3", "Woonstede bouwt in de periode 2024-2027 samen 640 woningen.", evidence=False),
    ]
    s = compute_scores(clauses, METADATA, 8).scores
    assert s["years_beyond_looptijd"] == [2031]
    d = diagnose(clauses, METADATA, 8)
    f = next(f for f in d.findings if f.code == "years_beyond_looptijd")
    assert f.clause_ids == ("y2",) and f.text.startswith("1 afspraak heeft alleen")


def test_diagnose_jaarschijf_uses_the_raam_looptijd_from_its_title():
    clauses = [
        make("j1", "Stadswonen meet de woonlasten in 2027, een jaar na oplevering.", parties=("corporatie",)),
        make("j2", "De corporaties maken 600 woningen aardgasvrij vóór 2030.", theme="duurzaamheid"),
    ]
    s = compute_scores(clauses, META_JAARSCHIJF, 8).scores
    assert s["horizon_end"] == 2027 and s["part_of_raam"] is True
    assert s["years_beyond_looptijd"] == [2030]
    d = diagnose(clauses, META_JAARSCHIJF, 8)
    dispute = next(f for f in d.findings if f.code == "no_dispute")
    assert "raamafspraken" in dispute.text
    # a jaarschijf that names no raam keeps the plain sentence
    plain = next(f for f in diagnose(clauses, META_UNSIGNED, 8).findings if f.code == "no_dispute")
    assert "raamafspraken" not in plain.text


@pytest.mark.parametrize("n,expected", [(1, "1 afspraak noemt geen partij die haar uitvoert"),
                                        (2, "2 afspraken noemen geen partij die ze uitvoert")])
def test_diagnose_singular_and_plural_wording(n, expected):
    clauses = [make(f"s{i}", "Er worden in 2025 100 woningen gebouwd.", parties=()) for i in range(n)]
    clauses += [make(f"t{i}", "Woonstede bouwt in 2025 20 woningen.") for i in range(20)]
    text = next(f for f in diagnose(clauses, METADATA, 8).findings if f.code == "passive_agreements").text
    assert text.startswith(expected)


def test_diagnose_no_count_of_one_in_plural_anywhere():
    # every finding whose figure is "1" reads as singular ("1 afspraken" is wrong Dutch)
    clauses = [make("a1", "Er worden in 2025 100 woningen gebouwd, onder voorbehoud van goedkeuring door de Raad van Commissarissen.", parties=()),
               make("a2", "Woonstede maakt haar woningen CO2-neutraal in 2050."),
               make("a3", "Een afspraak betekent niet per definitie dat partijen verantwoordelijk zijn.", "none", "proces")]
    clauses += [make(f"t{i}", "Woonstede bouwt in 2025 20 woningen.") for i in range(20)]
    d = diagnose(clauses, METADATA, 8)
    ones = [f for f in d.findings if f.figure == "1"]
    assert {f.code for f in ones} >= {"passive_agreements", "voorbehoud", "years_beyond_looptijd", "disclaimer"}
    for f in d.findings:
        assert not re.search(r"\b1 (afspraken|bepalingen)\b", f.text), f.text


def test_diagnose_shares_compared_as_shown():
    # 9 of 62 is 14.5 %, printed as "15 %": not below an effect_low of 15 %
    clauses = [make(f"e{i}", "Partijen zorgen ervoor dat in 2027 niemand wordt uitgezet.", "effect", "betaalbaarheid",
                    parties=("gemeente", "corporatie"), reciprocal=True) for i in range(9)]
    clauses += [make(f"a{i}", "Woonstede bouwt in 2025 20 woningen.") for i in range(53)]
    d = diagnose(clauses, METADATA, 8)
    assert d.scores["share_effect"] == round(9 / 62, 4)
    assert "low_effect_share" not in {f.code for f in d.findings}
