"""Clause classification: scikit-learn models over text + evidence features -> ClauseLabel.

Per field one LogisticRegression (kind; theme; S, M, A, R, T; one per party type; hedged).
``reciprocal`` and ``is_smart`` are derived as the labelling guide defines them, and a
``none`` clause gets no SMART letters, parties or hedge. Load a model once with
``load_model`` and call ``predict`` on many texts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any, Mapping, Sequence

import numpy as np

from analyser.errors import BadJSONLine, InputNotFound
from analyser.features import ClauseFeatures, featurize
from analyser.types import PARTIES, SMART_LETTERS, ClauseLabel, Evidence, Smart

BINARY_FIELDS = ("S", "M", "A", "R", "T", "hedged") + tuple("party_" + p for p in PARTIES)
OUTPUT_FIELDS = ("kind", "theme", "smart", "is_smart", "parties_obliged", "reciprocal", "hedged")


# which features each field reads: kind and theme read the words only (the evidence features
# made them fit our corpus's style and generalise worse in grouped CV + dev); the SMART letters,
# parties and hedging read words + evidence.
TEXT_ONLY_FIELDS = ("kind", "theme")


def build_matrix(vectorizers: dict[str, Any], feats: Sequence[ClauseFeatures], fit: bool = False):
    """(text, full) matrices, one row per clause: text = word (+ char) TF-IDF; full = text + evidence."""
    from scipy.sparse import hstack

    texts = [f.norm_text for f in feats]
    dense = [dict(f.dense) for f in feats]
    parts = []
    for name in ("word", "char"):
        vec = vectorizers.get(name)
        if vec is not None:
            parts.append(vec.fit_transform(texts) if fit else vec.transform(texts))
    text = hstack(parts).tocsr()
    dv = vectorizers["dense"]
    ev = (dv.fit_transform(dense) if fit else dv.transform(dense)) * vectorizers.get("dense_weight", 1.0)
    return text, hstack([text, ev]).tocsr()


def matrix_for(field: str, matrices) -> Any:
    return matrices[0] if field in TEXT_ONLY_FIELDS else matrices[1]


def derive_reciprocal(parties: Sequence[str], evidence: Sequence[Evidence]) -> bool:
    return len(set(parties)) >= 2 or any(e.label == "exchange" for e in evidence)


class ClauseClassifier:
    """A loaded model: vectorizers + one estimator per field. Use ``load_model`` to get one."""

    def __init__(self, bundle: dict[str, Any], meta: dict[str, Any], nlp=None):
        self.bundle = bundle
        self.meta = meta
        self.version = meta.get("model_version", "unversioned")
        self._nlp = nlp

    @property
    def nlp(self):
        if self._nlp is None:
            from analyser.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def featurize(self, texts: Sequence[str], names: Mapping[str, str] | None = None) -> list[ClauseFeatures]:
        return featurize(list(texts), self.nlp, names=names)

    def predict(self, texts: Sequence[str], names: Mapping[str, str] | None = None) -> list[ClauseLabel]:
        if not texts:
            return []
        return self.predict_features(self.featurize(texts, names))

    def predict_features(self, feats: Sequence[ClauseFeatures]) -> list[ClauseLabel]:
        mats = build_matrix(self.bundle["vectorizers"], feats)
        models = self.bundle["models"]
        thresholds = self.bundle.get("thresholds", {})
        kind_p = models["kind"].predict_proba(matrix_for("kind", mats))
        theme_p = models["theme"].predict_proba(matrix_for("theme", mats))
        binary = {f: models[f].predict_proba(matrix_for(f, mats))[:, 1] for f in BINARY_FIELDS}
        kinds, themes = models["kind"].classes_, models["theme"].classes_
        labels = []
        for i, feat in enumerate(feats):
            kind = str(kinds[int(np.argmax(kind_p[i]))])
            theme = str(themes[int(np.argmax(theme_p[i]))])
            if kind == "process":
                theme = "proces"
            conf: dict[str, float] = {"kind": float(kind_p[i].max()), "theme": float(theme_p[i].max())}
            if kind == "process":
                conf["theme"] = conf["kind"]
            probs = {f: float(binary[f][i]) for f in BINARY_FIELDS}
            decided = {f: probs[f] >= thresholds.get(f, 0.5) for f in BINARY_FIELDS}
            if kind == "none":
                smart = Smart()
                parties: tuple[str, ...] = ()
                hedged = False
                conf_none = conf["kind"]
                for f in SMART_LETTERS + ("hedged", "parties_obliged", "reciprocal", "is_smart"):
                    conf[f] = conf_none
            else:
                parties = tuple(p for p in PARTIES if decided["party_" + p])
                letters = {L: decided[L] for L in SMART_LETTERS}
                smart = Smart(**letters)
                hedged = decided["hedged"]
                for f in SMART_LETTERS + ("hedged",):
                    conf[f] = probs[f] if decided[f] else 1.0 - probs[f]
                pc = [probs["party_" + p] if decided["party_" + p] else 1 - probs["party_" + p] for p in PARTIES]
                conf["parties_obliged"] = float(np.prod(pc))
                conf["is_smart"] = float(np.prod([conf[L] for L in SMART_LETTERS]))
                conf["reciprocal"] = conf["parties_obliged"]
            evidence = feat.evidence
            reciprocal = kind != "none" and derive_reciprocal(parties, evidence)
            labels.append(
                ClauseLabel(
                    kind=kind,
                    theme=theme,
                    smart=smart,
                    is_smart=smart.all,
                    parties_obliged=parties,
                    reciprocal=reciprocal,
                    hedged=hedged,
                    confidence={k: round(v, 3) for k, v in conf.items()},
                    evidence=evidence,
                )
            )
        return labels


def load_model(model_dir: Path | None = None, nlp=None) -> ClauseClassifier:
    """Load a model folder once (default: settings.default_model_dir())."""
    from analyser import model_store
    from analyser.settings import default_model_dir

    folder = Path(model_dir) if model_dir else default_model_dir()
    bundle, meta = model_store.load(folder)
    return ClauseClassifier(bundle, meta, nlp=nlp)


def label_to_output(label: ClauseLabel) -> dict[str, Any]:
    """The public classify contract (README): guide fields + confidence + evidence."""
    d = label.to_dict()
    return {key: d[key] for key in OUTPUT_FIELDS + ("confidence", "evidence")}


def _read_input(source: str) -> list[tuple[int, str]]:
    if source == "-":
        return list(enumerate(sys.stdin.read().splitlines(), 1))
    path = Path(source)
    if not path.exists():
        raise InputNotFound(f"{path} does not exist")
    return list(enumerate(path.read_text(encoding="utf-8").splitlines(), 1))


def parse_line(n: int, line: str) -> dict[str, Any]:
    from analyser.corpus import parse_json_object

    obj = parse_json_object(line, f"line {n}")
    if not isinstance(obj.get("text"), str):
        raise BadJSONLine(f"line {n}: no \"text\" string in the object")
    return obj


def classify_jsonl(source: str, model_dir: Path | None = None, out: IO[str] = sys.stdout, batch: int = 512) -> int:
    """Read JSONL, write one JSON object per non-empty input line; bad lines get an "error" object.

    Returns the number of bad lines; raises BadJSONLine after writing all output if any.
    """
    lines = [(n, line) for n, line in _read_input(source) if line.strip()]
    parsed: list[tuple[int, dict[str, Any] | None, BadJSONLine | None]] = []
    for n, line in lines:
        try:
            parsed.append((n, parse_line(n, line), None))
        except BadJSONLine as err:
            parsed.append((n, None, err))
    good = [obj for _, obj, _ in parsed if obj is not None]
    model = load_model(model_dir) if good else None
    labels = iter([])
    if model is not None:
        labels = iter(_predict_batched(model, [o["text"] for o in good], batch))
    errors = []
    for n, obj, err in parsed:
        if obj is None:
            errors.append(err)
            out.write(json.dumps({"line": n, "error": err.to_dict()}, ensure_ascii=False) + "\n")
            continue
        result = dict(obj)
        result.update(label_to_output(next(labels)))
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more bad lines)" if len(errors) > 1 else ""
        raise BadJSONLine(first.message + more)
    return 0


def _predict_batched(model: ClauseClassifier, texts: list[str], batch: int):
    for i in range(0, len(texts), batch):
        yield from model.predict(texts[i : i + batch])
