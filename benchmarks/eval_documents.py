"""End-to-end quality on labelled PDFs: the whole pipeline (extract, segment, classify) against
each document's ``<name>.expected.json``.

For every PDF with an expected file in the given folders (default: corpus/documents):
  * recall: expected agreements (kind != none) found by the parser (similarity >= 0.9);
  * agreement precision: clauses the tool calls an agreement that are an expected agreement
    (a context row or a split-off fragment called an agreement counts against it);
  * the labels of the matched clauses (all kinds) against the expected labels, per field.

    python benchmarks/eval_documents.py [FOLDER ...] [--model models/clauses]

The sample PDFs' clauses are also in the training corpus (clauses/samples.jsonl), so their
label figures are optimistic; run it on PDFs the model has not seen to judge the labels.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[ROOT / "corpus" / "documents"])
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: the shipped model)")
    args = ap.parse_args()

    from analyser.classify import load_model
    from analyser.errors import AnalyserError
    from analyser.evaluate import compute_metrics, format_metrics, match_clauses
    from analyser.pipeline import analyse

    try:
        model = load_model(args.model)
    except AnalyserError as err:  # no model, or one trained on other features: say so, no traceback
        sys.exit(str(err))
    pdfs = sorted(p for f in args.folders for p in f.glob("*.pdf") if p.with_suffix(".expected.json").exists())
    if not pdfs:
        sys.exit("no PDF with a <name>.expected.json beside it in " + ", ".join(map(str, args.folders)))
    gold, pred = [], []
    tot = {"expected": 0, "found": 0, "called": 0, "right": 0}
    print(f"{'document':<44}{'expected':>9}{'recall':>8}{'called':>8}{'precision':>10}")
    for pdf in pdfs:
        expected = json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))["clauses"]
        analysis = analyse(pdf, model=model)
        pairs = match_clauses([e["text"] for e in expected], [a.clause.text for a in analysis.clauses])
        wanted = [i for i, e in enumerate(expected) if e["kind"] != "none"]
        found = sum(1 for i in wanted if i in pairs)
        agreement_of = {j: expected[i]["kind"] != "none" for i, j in pairs.items()}
        called = [j for j, a in enumerate(analysis.clauses) if a.label.kind != "none"]
        right = sum(1 for j in called if agreement_of.get(j))
        for i, j in pairs.items():
            gold.append(expected[i])
            pred.append(analysis.clauses[j].label)
        print(f"{pdf.name[:43]:<44}{len(wanted):>9}{found / max(len(wanted), 1):>8.3f}{len(called):>8}"
              f"{right / max(len(called), 1):>10.3f}")
        for k, v in (("expected", len(wanted)), ("found", found), ("called", len(called)), ("right", right)):
            tot[k] += v
    print(f"{'all':<44}{tot['expected']:>9}{tot['found'] / max(tot['expected'], 1):>8.3f}{tot['called']:>8}"
          f"{tot['right'] / max(tot['called'], 1):>10.3f}")
    print()
    print(format_metrics(compute_metrics(gold, pred), title=f"labels of the {len(gold)} matched clauses"))


if __name__ == "__main__":
    main()
