"""Export the labelled clauses of the sample PDFs (corpus/documents/*.expected.json) to
corpus/clauses/samples.jsonl, so the classifier learns from them too.

A bullet under a party lead-in ("Gemeente:") is labelled together with its lead-in, so the
exported text is "<lead_in> <text>", exactly what the pipeline hands the classifier
(analyser.pipeline.classification_text). Run after corpus/build_pdfs.py:
    python corpus/export_samples.py
"""

from __future__ import annotations

import json
from pathlib import Path

from analyser.pipeline import classification_text

HERE = Path(__file__).resolve().parent
KEYS = ("theme", "kind", "smart", "is_smart", "parties_obliged", "reciprocal", "hedged", "rationale")


def main() -> None:
    out = HERE / "clauses" / "samples.jsonl"
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for path in sorted((HERE / "documents").glob("*.expected.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            name = path.name.removesuffix(".expected.json")
            for clause in doc["clauses"]:
                rec = {"id": clause["id"], "text": classification_text(clause["text"], clause.get("lead_in"))}
                rec.update({k: clause[k] for k in KEYS})
                rec["source"] = f"samples/{name}"
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} clauses written to {out}")


if __name__ == "__main__":
    main()
