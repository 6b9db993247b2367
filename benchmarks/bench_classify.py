"""Speed of `analyser classify` after load, the load time, and the TF-IDF baseline beside it.

All figures come from one run on the same clauses (the corpus texts, repeated to --n clauses),
because these machines are noisy (15-25 % between runs): compare the ratios.

    python benchmarks/bench_classify.py [--n 5000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000, help="clauses to classify")
    args = ap.parse_args()

    from analyser.baseline import Baseline
    from analyser.corpus import load_corpus

    records = load_corpus(REPO / "corpus" / "clauses")
    texts = [r["text"] for r in records]
    texts = (texts * (args.n // len(texts) + 1))[: args.n]

    # load time in a fresh process (imports included), as a user meets it
    code = "import time; t=time.perf_counter(); from analyser.classify import load_model; m=load_model(); m.nlp; print(time.perf_counter()-t)"
    load_s = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout)

    from analyser.classify import load_model

    model = load_model()
    model.predict(texts[:50])  # warm-up
    t = time.perf_counter()
    for i in range(0, len(texts), 512):
        model.predict(texts[i : i + 512])
    ours = time.perf_counter() - t

    base = Baseline().fit(records)
    t = time.perf_counter()
    base.predict(texts)
    base_s = time.perf_counter() - t

    print(f"clauses: {len(texts)} (corpus texts, mean {sum(map(len, texts)) / len(texts):.0f} characters)")
    print(f"model load (fresh process, imports + spaCy pipeline + joblib): {load_s:.2f} s")
    print(f"analyser classify after load: {len(texts) / ours:,.0f} clauses/s ({ours:.2f} s)")
    print(f"TF-IDF + LR baseline:          {len(texts) / base_s:,.0f} clauses/s ({base_s:.2f} s)")
    print(f"ratio (baseline speed / ours): {ours / base_s:.1f}x")


if __name__ == "__main__":
    main()
