"""The classify contract end to end, model save/load, refusal of incompatible models,
deterministic training."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from analyser import model_store
from analyser.classify import load_model
from analyser.errors import ModelIncompatible, ModelMissing
from analyser.types import KINDS, PARTIES, THEMES
from tests.conftest import MODEL_DIR, REPO

CLI = [sys.executable, "-m", "analyser.cli"]
GUIDE_KEYS = {"kind", "theme", "smart", "is_smart", "parties_obliged", "reciprocal", "hedged", "confidence", "evidence"}


def run_cli(args, stdin=None):
    return subprocess.run(CLI + args, input=stdin, capture_output=True, text=True, cwd=REPO, timeout=300)


def test_classify_contract_through_the_cli():
    lines = [
        {"text": "Woonstede realiseert in 2026 ten minste 120 sociale huurwoningen.", "id": "a", "extra": [1, 2]},
        {"text": "De gemiddelde wachttijd bedroeg in 2023 8,4 jaar."},
        {"text": "Partijen bespreken twee keer per jaar de voortgang in het bestuurlijk overleg."},
        {"text": "In 2027 is het aantal huisuitzettingen wegens huurachterstand nul."},
    ]
    res = run_cli(["classify", "-"], stdin="\n".join(json.dumps(l) for l in lines) + "\n")
    assert res.returncode == 0, res.stderr
    out = [json.loads(l) for l in res.stdout.splitlines()]
    assert len(out) == len(lines)
    for given, got in zip(lines, out):
        for k, v in given.items():  # all input keys pass through unchanged
            assert got[k] == v
        assert GUIDE_KEYS <= set(got)
        assert got["kind"] in KINDS and got["theme"] in THEMES
        assert set(got["smart"]) == set("SMART")
        assert got["is_smart"] == all(got["smart"].values())
        assert set(got["parties_obliged"]) <= set(PARTIES)
        assert all(0.0 <= c <= 1.0 for c in got["confidence"].values())
        for ev in got["evidence"]:
            assert given["text"][ev["start"]:ev["end"]] == ev["text"]
    assert out[0]["kind"] == "activity" and out[0]["parties_obliged"] == ["corporatie"]
    assert out[0]["is_smart"] is True
    assert out[1]["kind"] == "none" and out[1]["parties_obliged"] == [] and not any(out[1]["smart"].values())
    assert out[2]["kind"] == "process"
    assert out[3]["kind"] == "effect"


def test_classify_names_the_bad_line_and_keeps_the_good_ones():
    stdin = json.dumps({"text": "De gemeente levert grond."}) + "\n{not json\n" + json.dumps({"id": 3}) + "\n"
    res = run_cli(["classify", "-"], stdin=stdin)
    assert res.returncode != 0
    assert "error[E201]" in res.stderr and "line 2" in res.stderr and "Traceback" not in res.stderr
    out = [json.loads(l) for l in res.stdout.splitlines()]
    assert len(out) == 3
    assert out[0]["kind"] in KINDS
    assert out[1]["line"] == 2 and out[1]["error"]["code"] == "E201"
    assert out[2]["line"] == 3 and "text" in out[2]["error"]["message"]


def test_classify_missing_file_is_a_coded_error():
    res = run_cli(["classify", "does-not-exist.jsonl"])
    assert res.returncode != 0 and "error[E101]" in res.stderr and "Traceback" not in res.stderr


def test_model_round_trip(tmp_path, model):
    texts = ["De corporatie plaatst in 2026 zonnepanelen op 300 woningen.", "Partijen evalueren de afspraken in 2027."]
    copy = tmp_path / "m"
    model_store.save(model.bundle, copy, model.meta)
    again = load_model(copy)
    a, b = model.predict(texts), again.predict(texts)
    assert [x.to_dict() for x in a] == [y.to_dict() for y in b]


def test_incompatible_model_is_refused(tmp_path):
    copy = tmp_path / "m"
    shutil.copytree(MODEL_DIR, copy)
    meta = json.loads((copy / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.2"
    (copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelIncompatible, match="retrain"):
        load_model(copy)
    res = run_cli(["classify", "-", "--model", str(copy)], stdin='{"text": "x"}\n')
    assert res.returncode != 0 and "error[E302]" in res.stderr and "analyser train" in res.stderr


def test_tampered_model_is_refused(tmp_path):
    copy = tmp_path / "m"
    shutil.copytree(MODEL_DIR, copy)
    with open(copy / "model.joblib", "ab") as fh:
        fh.write(b"x")
    with pytest.raises(ModelIncompatible):
        load_model(copy)


def test_missing_model_is_a_coded_error(tmp_path):
    with pytest.raises(ModelMissing):
        load_model(tmp_path / "nothing")


def test_training_is_deterministic(tmp_path, nlp):
    from analyser.corpus import load_corpus
    from analyser.features import featurize
    from analyser.train import fit_bundle

    records = [r for r in load_corpus(REPO / "corpus" / "clauses") if r["source"].startswith("samples/")]
    feats = featurize([r["text"] for r in records], nlp)
    a = fit_bundle(feats, records, seed=7)
    b = fit_bundle(feats, records, seed=7)
    for field in a["models"]:
        ca, cb = a["models"][field], b["models"][field]
        if hasattr(ca, "coef_"):
            assert np.array_equal(ca.coef_, cb.coef_), field


def test_shipped_model_meta_and_card():
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    assert {"model_version", "corpus_hash", "versions", "metrics", "labels", "artefact_sha256"} <= set(meta)
    card = (MODEL_DIR / "MODEL_CARD.md").read_text()
    assert "Dev set" in card and "confusion" in card and "Known weaknesses" in card
    # the held-out validation clauses are scored on every training run (never trained on)
    assert "Held-out validation set" in card and "heldout" in meta["metrics"]


def test_model_trained_on_other_features_is_refused(tmp_path):
    copy = tmp_path / "m"
    shutil.copytree(MODEL_DIR, copy)
    meta = json.loads((copy / "meta.json").read_text())
    meta["features_fingerprint"] = "0" * 16  # as if the lexicon changed after training
    (copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelIncompatible, match="lexicon"):
        load_model(copy)


def test_batch_exit_code_reaches_the_shell(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.pdf").write_bytes(b"not a pdf at all")
    res = run_cli(["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert res.returncode == 1, (res.returncode, res.stderr[-500:])


def test_evaluate_prints_per_field_figures_and_the_confusion_matrix(tmp_path):
    from analyser.corpus import load_corpus

    records = [r for r in load_corpus(REPO / "corpus" / "clauses") if r["source"].startswith("samples/rivierstad")]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    res = run_cli(["evaluate", str(path)])
    assert res.returncode == 0, res.stderr
    assert "kind macro-F1" in res.stdout and "parties micro-F1" in res.stdout and "confusion" in res.stdout
    res = run_cli(["evaluate", str(path), "--json"])
    figures = json.loads(res.stdout)
    assert figures["n"] == len(records) and 0.0 <= figures["kind_macro_f1"] <= 1.0
    assert set(figures["kind_confusion"]) == set(KINDS)


def _records(labels):
    return [{"kind": "activity", "theme": "overig", "hedged": False, "parties_obliged": [],
             "smart": {L: bool(v) for L in "SMART"}} for v in labels]


def test_thresholds_stay_at_half_on_a_flat_curve_and_move_for_a_clear_gain():
    from analyser.train import tune_thresholds

    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    records = _records(y)
    # well separated probabilities: every threshold in 0.30..0.70 gives F1 = 1, so 0.5 is kept
    separated = np.where(y == 1, 0.9, 0.1)
    assert tune_thresholds({"M": separated}, records)["M"] == 0.5
    # positives sit at 0.35 and negatives at 0.2: only a low threshold finds them
    low = np.where(y == 1, 0.35, 0.2)
    assert tune_thresholds({"M": low}, records)["M"] == 0.3
