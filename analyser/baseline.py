"""The plain baseline the classifier must beat: word TF-IDF + LogisticRegression per field.

No evidence features, no derived fields: every field (is_smart and reciprocal too) is its own
model on the raw lowercased text. Used by corpus/README.md (generalisation figure) and by the
classify benchmark (speed beside the real model).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from analyser.types import PARTIES, SMART_LETTERS

FIELDS = ("kind", "theme") + SMART_LETTERS + ("is_smart", "reciprocal", "hedged") + tuple("party_" + p for p in PARTIES)


def _target(rec: dict[str, Any], field: str):
    if field in SMART_LETTERS:
        return int(rec["smart"][field])
    if field.startswith("party_"):
        return int(field[6:] in rec["parties_obliged"])
    if field in ("kind", "theme"):
        return rec[field]
    return int(rec[field])


class Baseline:
    def __init__(self, seed: int = 13):
        self.seed = seed

    def fit(self, records: Sequence[dict[str, Any]]) -> "Baseline":
        from sklearn.dummy import DummyClassifier
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        X = self.vectorizer_.fit_transform([r["text"].lower() for r in records])
        self.models_ = {}
        for field in FIELDS:
            y = np.array([_target(r, field) for r in records])
            if len(set(y)) < 2:
                self.models_[field] = DummyClassifier(strategy="most_frequent").fit(X, y)
            else:
                self.models_[field] = LogisticRegression(C=4.0, max_iter=2000, random_state=self.seed).fit(X, y)
        return self

    def predict(self, texts: Sequence[str]) -> list[dict[str, Any]]:
        X = self.vectorizer_.transform([t.lower() for t in texts])
        pred = {f: m.predict(X) for f, m in self.models_.items()}
        out = []
        for i in range(len(texts)):
            out.append({
                "kind": str(pred["kind"][i]),
                "theme": str(pred["theme"][i]),
                "smart": {L: bool(pred[L][i]) for L in SMART_LETTERS},
                "is_smart": bool(pred["is_smart"][i]),
                "parties_obliged": [p for p in PARTIES if pred["party_" + p][i]],
                "reciprocal": bool(pred["reciprocal"][i]),
                "hedged": bool(pred["hedged"][i]),
            })
        return out
