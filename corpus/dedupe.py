"""Remove near-duplicate clauses (normalised difflib similarity >= 0.9) from corpus/clauses.

1. Within the corpus: of two near-identical clauses from different sources, the one in the later
   file is dropped (samples.jsonl, tied to the sample PDFs, is always kept).
2. Decontamination: a corpus clause near-identical to a clause of the evaluation file (the dev set)
   is dropped, so the dev figures are not inflated by accidental copies. The dev file is only read
   for this comparison, never trained on.
3. Batches written after reading public web pages (w5-w8, w10-w21, w24-w32) may paraphrase the same real agreements
   the dev set was modelled on: their clauses with similarity >= 0.6 to a dev clause are dropped
   too, and so is a source suspected of drawing on a held-out page (SUSPECT_SOURCES).
Dropped lines are logged to corpus/agreement/dedupe-log.jsonl.

    python corpus/dedupe.py [--eval ../shared/domain/dev-clauses.jsonl]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from analyser.corpus import corpus_files, near_duplicates

HERE = Path(__file__).resolve().parent
WEB_BATCHES = ("w5", "w6", "w7", "w8", "w10", "w11", "w12", "w13", "w14", "w15", "w16", "w17", "w18", "w19", "w20", "w21", "w24", "w25", "w26", "w27", "w28", "w29", "w30", "w31", "w32")
WEB_THRESHOLD = 0.6
# another writer found clauses of this source close to a held-out page (duic.nl, Utrecht)
SUSPECT_SOURCES = {"w6/utrecht-werken-aan-balans"}
# third session: these real agreements gave clauses >= 0.7 similar to dev clauses (up to 0.97), so
# the dev set was modelled on them; every clause written from them is dropped, not only the close ones
SUSPECT_SOURCES |= {
    "w20/haarlemmermeer-prestatieafspraken-2024-2027", "w19/zwolle-prestatieafspraken-2020-2023",
    "w20/molenlanden-prestatieafspraken-2021", "w20/roermond-prestatieafspraken-2021",
    "w20/landsmeer-prestatieafspraken-2024", "w19/weststellingwerf-woonvisie-2017-2021",
}
# fourth session (w25-w32, writers blind to the dev set and to its regions): the same 0.7 rule, although
# the close clauses are boilerplate (voorbehoud RvC, looptijd, woonzorgvisie)
SUSPECT_SOURCES |= {
    "w27/hoogeveen-meerjarige-prestatieafspraken-2023-2027", "w28/oss-meerjarige-prestatieafspraken",
    "w28/breda-prestatieafspraken-2024-2028",
    # w29-w32, same rule (mostly looptijd boilerplate and "werkt samen aan een woonzorgvisie")
    "w30/elburg-raamovereenkomst-2022-2026", "w30/putten-prestatieafspraken-2023",
    "w30/lochem-prestatieovereenkomst-viverion-2013-2014", "w29/beverwijk-heemskerk-meerjarenafspraken-2022-2025",
    "w32/de-ronde-venen-prestatieafspraken-2022-2025",
}
# and, stricter for the batches of the third session (w19-w21, w24): every source of a gemeente
# that a dev clause names (Eemsdelta, Het Hogeland, Noordenveld, Zwolle, Kerkrade, Maasgouw,
# Valkenburg, Heerlen, Molenlanden, Groningen), however far its clauses are from the dev ones
SUSPECT_SOURCES |= {
    "w24/groningen-prestatieafspraken-2021",
    "w19/eemsdelta-prestatieafspraken-2023",
    "w19/het-hogeland-prestatieafspraken-volkshuisvesting-2022",
    "w19/noordenveld-meerjarige-prestatieafspraken-2024-2028",
    "w19/zwolle-prestatieafspraken-2020-2023",
    "w19/zwolle-prestatieafspraken-2024-2027",
    "w20/kerkrade-jaarschijf-2022",
    "w20/maasgouw-prestatieafspraken-2019",
    "w20/molenlanden-prestatieafspraken-2021",
    "w20/valkenburg-aan-de-geul-meerjarig-kader-2021-2025",
    "w21/heerlen-prestatieafspraken-2020-2024-jaarschijf-2020",
    "w21/heerlen-prestatieafspraken-2022",
    "w21/kerkrade-jaarschijf-2022",
    "w21/kerkrade-prestatieafspraken-2019",
    "w21/molenlanden-prestatieafspraken-2021",
    "w21/molenlanden-prestatieafspraken-2022-2024",
    "w21/noordenveld-prestatieafspraken-2024-2028",
}


def main() -> None:
    eval_path = HERE.parent.parent / "shared" / "domain" / "dev-clauses.jsonl"
    if "--eval" in sys.argv:
        eval_path = Path(sys.argv[sys.argv.index("--eval") + 1])
    # samples first, then the batches in the order they were written (w3 before w25), so a new batch
    # never pushes out an older clause
    files = sorted(corpus_files(HERE / "clauses"),
                   key=lambda p: (p.name != "samples.jsonl", int(p.stem[1:]) if p.stem[1:].isdigit() else 0, p.name))
    rows = []  # (file, line, record)
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append((f, line, json.loads(line)))
    texts = [r[2]["text"] for r in rows]
    drop: dict[int, str] = {}
    for i, j, ratio in near_duplicates(texts, texts, 0.9):
        if i < j and rows[i][2].get("source") != rows[j][2].get("source") and i not in drop:
            drop[j] = f"near-duplicate ({ratio:.2f}) of {rows[i][2]['id']}"
    if eval_path.exists():
        ev = [json.loads(l)["text"] for l in eval_path.read_text(encoding="utf-8").splitlines() if l.strip()]
        for i, j, ratio in near_duplicates(texts, ev, WEB_THRESHOLD):
            web = str(rows[i][2].get("source", "")).split("/")[0] in WEB_BATCHES
            if ratio >= 0.9 or web:
                drop.setdefault(i, f"similar ({ratio:.2f}) to an evaluation clause")
    for k, (_, _, rec) in enumerate(rows):
        if rec.get("source") in SUSPECT_SOURCES:
            drop.setdefault(k, "source suspected of drawing on a held-out page")
    log = HERE / "agreement" / "dedupe-log.jsonl"
    logged = {json.loads(l)["id"] for l in log.read_text(encoding="utf-8").splitlines() if l} if log.exists() else set()
    with open(log, "a", encoding="utf-8") as fh:
        for idx, why in sorted(drop.items()):
            if rows[idx][2]["id"] in logged:  # re-exported sample clauses are dropped again, logged once
                continue
            fh.write(json.dumps({"id": rows[idx][2]["id"], "text": rows[idx][2]["text"], "why": why}, ensure_ascii=False) + "\n")
    for f in files:
        kept = [line for k, (ff, line, _) in enumerate(rows) if ff == f and k not in drop]
        f.write_text("".join(l + "\n" for l in kept), encoding="utf-8")
    print(f"dropped {len(drop)} of {len(rows)} clauses; log in {log}")


if __name__ == "__main__":
    main()
