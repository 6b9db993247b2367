"""Label distribution per field of corpus/clauses, as Markdown tables (for corpus/README.md).

    python corpus/stats.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from analyser.corpus import load_corpus, split_of

HERE = Path(__file__).resolve().parent


def table(title: str, counter: Counter, total: int) -> str:
    rows = [f"| {title} | n | share |", "|---|---|---|"]
    rows += [f"| {k} | {v} | {v / total:.1%} |" for k, v in sorted(counter.items(), key=lambda kv: -kv[1])]
    return "\n".join(rows)


def main() -> None:
    recs = load_corpus(HERE / "clauses")
    n = len(recs)
    agreements = [r for r in recs if r["kind"] != "none"]
    print(f"{n} clauses, {len(agreements)} agreements (kind != none), {len({r['source'] for r in recs})} sources\n")
    print(table("batch", Counter(r["source"].split("/")[0] for r in recs), n), "\n")
    print(table("kind", Counter(r["kind"] for r in recs), n), "\n")
    print(table("theme", Counter(r["theme"] for r in recs), n), "\n")
    rows = ["| field (agreements only) | true | share |", "|---|---|---|"]
    for L in "SMART":
        t = sum(r["smart"][L] for r in agreements)
        rows.append(f"| {L} | {t} | {t / len(agreements):.1%} |")
    for key in ("is_smart", "reciprocal", "hedged"):
        t = sum(r[key] for r in agreements)
        rows.append(f"| {key} | {t} | {t / len(agreements):.1%} |")
    for p in ("gemeente", "corporatie", "huurders", "overig"):
        t = sum(p in r["parties_obliged"] for r in agreements)
        rows.append(f"| bound: {p} | {t} | {t / len(agreements):.1%} |")
    t = sum(not r["parties_obliged"] for r in agreements)
    rows.append(f"| bound: nobody (passive) | {t} | {t / len(agreements):.1%} |")
    print("\n".join(rows), "\n")
    split = Counter(split_of(r["source"]) for r in recs)
    print(f"split: train {split['train']}, test {split['test']} clauses "
          f"({len({r['source'] for r in recs if split_of(r['source']) == 'test'})} test sources)")


if __name__ == "__main__":
    main()
