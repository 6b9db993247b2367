"""Inter-annotator agreement: Cohen's kappa per field between the first labels (corpus/clauses)
and the blind second annotation (corpus/agreement/second-annotation.jsonl).

Usage: python corpus/agreement.py [--json]   (prints the table used in corpus/README.md)
The first labels are read from corpus/agreement/first-annotation.jsonl when present (the labels as
they were before adjudication), else from corpus/clauses.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

HERE = Path(__file__).resolve().parent
FIELDS = ["kind", "theme", "S", "M", "A", "R", "T", "is_smart", "gemeente", "corporatie", "huurders", "overig",
          "reciprocal", "hedged"]


def value(rec: dict, field: str):
    if field in "SMART" and len(field) == 1:
        return rec["smart"][field]
    if field in ("gemeente", "corporatie", "huurders", "overig"):
        return field in rec["parties_obliged"]
    return rec[field]


def load(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r}


def main() -> None:
    second = load(HERE / "agreement" / "second-annotation.jsonl")
    first_path = HERE / "agreement" / "first-annotation.jsonl"
    if first_path.exists():
        first = load(first_path)
    else:
        first = {}
        for f in sorted((HERE / "clauses").glob("*.jsonl")):
            first.update(load(f))
    ids = [i for i in second if i in first]
    rows = []
    for field in FIELDS:
        a = [value(first[i], field) for i in ids]
        b = [value(second[i], field) for i in ids]
        agree = sum(x == y for x, y in zip(a, b)) / len(ids)
        kappa = cohen_kappa_score([str(x) for x in a], [str(x) for x in b])
        rows.append((field, round(kappa, 3), round(agree, 3)))
    if "--json" in sys.argv:
        print(json.dumps({"n": len(ids), "fields": {f: {"kappa": k, "agreement": a} for f, k, a in rows}}, indent=2))
        return
    print(f"n = {len(ids)} clauses labelled twice")
    print("| field | Cohen's kappa | raw agreement |\n|---|---|---|")
    for f, k, a in rows:
        print(f"| {f} | {k:.3f} | {a:.3f} |")


if __name__ == "__main__":
    main()
