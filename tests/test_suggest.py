"""suggest: rules on real-looking clauses; numbers, parties and years reused, none invented."""

from __future__ import annotations

import re

import pytest

from analyser.suggest import quantity_phrases, suggest
from analyser.types import Metadata
from review_fixtures import METADATA, make, sample_clauses

DIGITS = re.compile(r"\d+")


def rules(ac, md=METADATA):
    return {s.rule: s for s in suggest(ac, md)}


def assert_no_invented_numbers(s, ac, md=METADATA):
    allowed = " ".join([ac.clause.text] + [str(v) for v in md.to_dict().values() if v is not None])
    for num in DIGITS.findall(s.after):
        assert num in DIGITS.findall(allowed), f"{num!r} in {s.after!r} comes from nowhere"


NEW_HOMES = make("c1", "Woonstede bouwt in 2025 en 2026 samen 120 sociale huurwoningen in de wijk Oeverlanden.")
SOLAR = make("c2", "Woonstede plaatst zonnepanelen op 400 woningen.", theme="duurzaamheid", smart="SMAR")
DOORSTROOM = make("c3", "De corporaties realiseren in 2026 250 doorstromingen van senioren naar een passende woning.", parties=("corporatie",))
AFFORDABLE = make("c4", "Woonstede houdt in 2025 ten minste 80% van haar woningen betaalbaar voor huishoudens met een laag inkomen.", theme="betaalbaarheid")
PASSIVE = make("c5", "In de komende drie jaar worden minimaal 700 nieuwe sociale huurwoningen gebouwd.", smart="SMRT", parties=())
HEDGED = make("c6", "Gemeente en corporaties spannen zich in om in de jaren 2028 tot en met 2031 de overige 2.843 nieuwe sociale huurwoningen te realiseren.", parties=("gemeente", "corporatie"), reciprocal=True, hedged=True)
STATUS = make("c7", "Woonstede stelt in 2025 40 woningen beschikbaar voor statushouders.", theme="doelgroepen")
LABELS = make("c8", "Woonstede verbetert vóór eind 2027 alle woningen met een E-, F- of G-label naar minimaal label B.", theme="duurzaamheid")


@pytest.mark.parametrize("ac", [NEW_HOMES, SOLAR, DOORSTROOM, AFFORDABLE, PASSIVE, HEDGED, STATUS, LABELS] + sample_clauses(), ids=lambda ac: ac.clause.id)
def test_suggest_never_invents_numbers(ac):
    for s in suggest(ac, METADATA):
        assert s.before == ac.clause.text
        assert s.after and s.after != s.before
        assert_no_invented_numbers(s, ac)


def test_suggest_new_homes_to_households_reuses_number_party_years():
    s = rules(NEW_HOMES)["activity_to_effect"]
    assert "huishoudens" in s.after
    assert "120 sociale huurwoningen" in s.after
    assert "Woonstede" in s.after
    assert "2025" in s.after and "2026" in s.after
    assert "[aantal]" in s.after


def test_suggest_solar_to_energy_costs_via_coaches():
    s = rules(SOLAR)["activity_to_effect"]
    assert "energiecoaches" in s.after and "energielasten" in s.after
    assert "400" in s.after
    assert "2027" in s.after  # no year in the clause: the looptijd end is used


def test_suggest_doorstroming_to_passend_gehuisvest():
    s = rules(DOORSTROOM)["activity_to_effect"]
    assert "passend gehuisvest" in s.after and "250 doorstromingen" in s.after
    assert s.after.startswith("De corporaties zorgen")


def test_suggest_affordable_to_woonquote():
    s = rules(AFFORDABLE)["activity_to_effect"]
    assert "woonquote" in s.after and "[percentage]" in s.after and "80%" in s.after


def test_suggest_statushouders_to_taakstelling():
    s = rules(STATUS)["activity_to_effect"]
    assert "taakstelling" in s.after and "gehuisvest" in s.after and "2025" in s.after


def test_suggest_labels_to_energielasten():
    s = rules(LABELS)["activity_to_effect"]
    assert "energielasten" in s.after and "[bedrag]" in s.after


def test_suggest_add_term_uses_looptijd_end():
    s = rules(SOLAR)["add_term"]
    assert s.after == "Woonstede plaatst zonnepanelen op 400 woningen, uiterlijk eind 2027."


def test_suggest_add_term_placeholder_without_looptijd():
    s = rules(SOLAR, Metadata())["add_term"]
    assert "[jaar]" in s.after
    assert not DIGITS.findall(s.after.replace("400", ""))


def test_suggest_add_party_marks_proposal():
    s = rules(PASSIVE)["add_party"]
    assert s.after.startswith("Woonstede (voorstel)")
    assert "700" in s.after


def test_suggest_add_party_plausible_owner_gemeente_for_land():
    ac = make("c9", "Er worden in 2025 bouwlocaties voor 300 woningen aangewezen.", parties=(), smart="SMRT")
    s = rules(ac)["add_party"]
    assert s.after.startswith("De gemeente Rivierstad (voorstel)")


def test_suggest_unhedge_makes_it_hard_and_keeps_numbers():
    s = rules(HEDGED)["unhedge"]
    assert "verplichten zich om" in s.after and "spannen zich in" not in s.after
    assert "2.843" in s.after and "2028" in s.after and "2031" in s.after


def test_suggest_unhedge_fallback_measurable_effort():
    ac = make("c10", "Partijen werken aan langer zelfstandig thuis wonen voor ouderen.", "activity", "wonen_zorg", smart="AR", parties=("gemeente", "corporatie", "huurders"), reciprocal=True, hedged=True)
    s = rules(ac)["unhedge"]
    assert s.after.startswith(ac.clause.text)
    assert "[aantal]" in s.after and "uiterlijk eind 2027" in s.after


def test_suggest_reciprocal_counterpart_of_gemeente():
    s = rules(NEW_HOMES)["reciprocal"]
    assert "gemeente Rivierstad (voorstel)" in s.after
    assert "bouwlocaties" in s.after and "vergunningen" in s.after


def test_suggest_no_reciprocal_when_already_reciprocal():
    assert "reciprocal" not in rules(HEDGED)


def test_suggest_none_for_non_agreements():
    ac = make("c11", "Rivierstad telt 84.000 inwoners.", "none", "overig")
    assert suggest(ac, METADATA) == []


def test_suggest_smart_effect_clause_gets_nothing():
    ac = make("c12", "Partijen zorgen ervoor dat in 2027 geen huisuitzettingen wegens betalingsproblemen plaatsvinden.", "effect", "betaalbaarheid", parties=("gemeente", "corporatie", "huurders"), reciprocal=True)
    assert suggest(ac, METADATA) == []


def test_suggest_quantity_phrases():
    assert quantity_phrases("Woonstede bouwt in 2025 120 sociale huurwoningen op.", ["huurwoningen"]) == ["120 sociale huurwoningen"]
    assert quantity_phrases("ten minste 80% van de woningen", []) == ["80%"]
    assert quantity_phrases("in 2025 en 2026", ["woningen"]) == []


def test_suggest_add_party_verb_agrees_with_plural_owner():
    md = Metadata(gemeente="Rivierstad", corporaties=("Stadswonen Rivierstad", "Woonstichting De Linde"))
    s = rules(PASSIVE, md)["add_party"]
    assert s.after.startswith("De corporaties (voorstel) zijn verantwoordelijk")
    assert rules(PASSIVE)["add_party"].after.startswith("Woonstede (voorstel) is verantwoordelijk")


def test_suggest_add_party_only_when_the_wording_hides_the_actor():
    # an unbound context sentence the classifier took for an agreement gets no owner proposal
    context = make("c10", "Het aantal huishoudens met een huurachterstand steeg in 2023 naar 310.", "effect", "betaalbaarheid", parties=(), smart="SMRT")
    assert "add_party" not in rules(context)
    subordinate = make("c11", "Daarbij hoort een monitor die laat zien of de afspraken worden nagekomen.", "process", "proces", parties=())
    assert "add_party" not in rules(subordinate)
