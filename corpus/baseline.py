"""Score the plain TF-IDF + LogisticRegression baseline, trained on the corpus, on a labelled
file it never saw (default: the dev set). Prints the per-field table for corpus/README.md.

    python corpus/baseline.py [../shared/domain/dev-clauses.jsonl]
"""

from __future__ import annotations

import sys
from pathlib import Path

from analyser.baseline import Baseline
from analyser.corpus import load_corpus, load_records
from analyser.evaluate import compute_metrics, format_metrics

HERE = Path(__file__).resolve().parent


def main() -> None:
    dev_path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "domain" / "dev-clauses.jsonl"
    records = load_corpus(HERE / "clauses")
    dev = load_records([dev_path], validate=False)
    model = Baseline().fit(records)
    metrics = compute_metrics(dev, model.predict([d["text"] for d in dev]))
    print(format_metrics(metrics, title=f"TF-IDF + LR baseline, trained on {len(records)} corpus clauses, scored on {dev_path}"))


if __name__ == "__main__":
    main()
