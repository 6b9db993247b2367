"""Every corpus file follows the labelling guide; the split is stable and leak-free."""

from __future__ import annotations

import json

import pytest

from analyser.corpus import (
    corpus_files,
    iter_jsonl,
    load_corpus,
    near_duplicates,
    split_of,
    validate_record,
)
from tests.conftest import CORPUS

FILES = corpus_files(CORPUS / "clauses")
REQUIRED_KEYS = {"id", "text", "theme", "kind", "smart", "is_smart", "parties_obliged", "reciprocal", "hedged",
                 "rationale", "source"}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_follows_the_guide(path):
    problems = []
    for n, rec in iter_jsonl(path):
        missing = REQUIRED_KEYS - set(rec)
        if missing:
            problems.append(f"{n}: missing {sorted(missing)}")
        problems += [f"{n} {rec.get('id')}: {p}" for p in validate_record(rec)]
    assert not problems, "\n".join(problems[:20])


def test_corpus_size_and_mix():
    records = load_corpus(CORPUS / "clauses")
    kinds = {k: sum(r["kind"] == k for r in records) for k in ("activity", "effect", "process", "none")}
    print(len(records), kinds)
    assert len(records) >= 1500
    assert kinds["effect"] >= 200 and kinds["process"] >= 250 and kinds["none"] >= 300


def test_validate_record_catches_each_rule():
    good = {"id": "x", "text": "De corporatie bouwt in 2026 120 woningen.", "theme": "beschikbaarheid",
            "kind": "activity", "smart": {k: True for k in "SMART"}, "is_smart": True,
            "parties_obliged": ["corporatie"], "reciprocal": False, "hedged": False}
    assert validate_record(good) == []
    bad_cases = [
        dict(good, kind="plan"),
        dict(good, theme="wonen"),
        dict(good, is_smart=False),
        dict(good, kind="none"),  # none with SMART letters and a party
        dict(good, parties_obliged=["gemeente", "corporatie"]),  # two types, not reciprocal
        dict(good, reciprocal=True),  # one type, no exchange in the text
        dict(good, kind="process"),  # process must be theme proces
        dict(good, parties_obliged=["woonbron"]),
    ]
    for case in bad_cases:
        assert validate_record(case), case
    exchange = dict(good, reciprocal=True, text="De corporatie bouwt 120 woningen, mits de gemeente grond levert.")
    assert validate_record(exchange) == []


def test_split_is_by_source_and_stable():
    records = load_corpus(CORPUS / "clauses")
    by_source = {}
    for r in records:
        by_source.setdefault(r["source"], set()).add(split_of(r["source"]))
    assert all(len(s) == 1 for s in by_source.values())
    assert split_of("w1/gemeente-rijnhaven-raamafspraken-2025-2029") == split_of("w1/gemeente-rijnhaven-raamafspraken-2025-2029")
    test_share = sum(split_of(r["source"]) == "test" for r in records) / len(records)
    print(f"test share {test_share:.3f}")
    assert 0.1 <= test_share <= 0.35


def test_no_near_duplicate_crosses_the_split():
    records = load_corpus(CORPUS / "clauses")
    train = [r["text"] for r in records if split_of(r["source"]) == "train"]
    test = [r["text"] for r in records if split_of(r["source"]) == "test"]
    pairs = near_duplicates(test, train, threshold=0.9)
    shown = [(test[i][:60], train[j][:60], round(s, 2)) for i, j, s in pairs[:5]]
    assert not pairs, shown


def test_near_duplicates_finds_a_near_copy():
    a = ["De corporatie bouwt in 2026 ten minste 120 sociale huurwoningen in Rivierstad."]
    b = ["De corporatie bouwt in 2026 ten minste 125 sociale huurwoningen in Rivierstad.", "Iets heel anders."]
    assert [(i, j) for i, j, _ in near_duplicates(a, b)] == [(0, 0)]


def test_double_annotation_covers_at_least_250_clauses():
    second = [json.loads(l) for l in (CORPUS / "agreement" / "second-annotation.jsonl").read_text(encoding="utf-8").splitlines() if l]
    assert len(second) >= 250
    assert all(not validate_record(r) for r in second)


def test_heldout_validation_set_follows_the_guide_and_is_not_in_the_corpus():
    """corpus/heldout is never trained on: it must not sit in corpus/clauses, nor copy a clause of it."""
    path = CORPUS / "heldout" / "validation.jsonl"
    recs = [rec for _, rec in iter_jsonl(path)]
    assert len(recs) >= 300
    problems = [f"{r['id']}: {p}" for r in recs for p in validate_record(r)]
    assert not problems, problems[:10]
    corpus = load_corpus(CORPUS / "clauses")
    assert not {r["id"] for r in recs} & {r["id"] for r in corpus}
    assert not near_duplicates([r["text"] for r in recs], [r["text"] for r in corpus], 0.9)
