"""diagnose: every finding fires on a hand-built label set and stays quiet on another."""

from __future__ import annotations

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
MIXED = BAD + [make("m1", "Woonstede en de huurdersvereniging houden in 2025 vier spreekuren.", "activity", "betaalbaarheid", parties=("corporatie", "huurders"), reciprocal=False)]
FIRES.update({
    "gemeente_rarely_bound": (METADATA, 8, MIXED),
    "huurders_not_bound": (METADATA, 8, BAD[:7] + [make("m2", "De gemeente stelt in 2025 grond beschikbaar.", parties=("gemeente",))] * 1 + [make(f"m{i}", "Woonstede bouwt in 2025 20 woningen.") for i in range(3, 30)] + [make("m99", "De gemeente stelt in 2025 grond beschikbaar.", parties=("gemeente",))]),
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
