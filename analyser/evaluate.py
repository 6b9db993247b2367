"""Per-field precision, recall and F1 of predicted labels against a labelled file."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any, Sequence

from analyser.types import KINDS, PARTIES, SMART_LETTERS, THEMES, ClauseLabel

BOOL_FIELDS = ("S", "M", "A", "R", "T", "is_smart", "reciprocal", "hedged")
# targets from issue #4 (dev set); shown beside the figures
TARGETS = {
    "kind_macro_f1": 0.85, "S": 0.85, "M": 0.85, "A": 0.85, "R": 0.85, "T": 0.85,
    "is_smart": 0.85, "parties_micro_f1": 0.90, "reciprocal": 0.88, "hedged": 0.90,
}


MIN_MATCH = 0.9  # a found clause is the expected one at this normalised similarity


def normalise_clause_text(text: str) -> str:
    """Lower case, soft hyphens dropped, Unicode hyphens as '-', whitespace collapsed."""
    text = text.lower().replace("\u00ad", "")
    text = re.sub(r"[\u2010\u2011]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def clause_similarity(expected: str, got: str) -> float:
    """difflib ratio of two normalised clause texts; 1.0 when the found clause contains the
    expected text and their lengths are close; 0.0 when their lengths are far apart."""
    if expected == got:
        return 1.0
    if len(got) < 0.7 * len(expected) or len(expected) < 0.5 * len(got):
        return 0.0
    ratio = difflib.SequenceMatcher(None, expected, got, autojunk=False).ratio()
    if ratio < MIN_MATCH and expected in got and len(expected) >= 0.8 * len(got):
        return 1.0
    return ratio


def match_clauses(expected: Sequence[str], found: Sequence[str]) -> dict[int, int]:
    """Expected index -> found index for pairs at similarity >= MIN_MATCH, best pairs first,
    each found clause used once (texts are normalised here)."""
    got = [normalise_clause_text(t) for t in found]
    pairs = []
    for i, exp in enumerate(expected):
        text = normalise_clause_text(exp)
        for j, g in enumerate(got):
            r = clause_similarity(text, g)
            if r >= MIN_MATCH:
                pairs.append((r, i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def gold_value(rec: dict[str, Any], field: str) -> Any:
    if field in SMART_LETTERS:
        return bool(rec["smart"][field])
    return rec[field]


def pred_value(label: ClauseLabel | dict[str, Any], field: str) -> Any:
    d = label if isinstance(label, dict) else label.to_dict()
    if field in SMART_LETTERS:
        return bool(d["smart"][field])
    return d[field]


def compute_metrics(gold: Sequence[dict[str, Any]], pred: Sequence[ClauseLabel | dict[str, Any]]) -> dict[str, Any]:
    assert len(gold) == len(pred), "gold and predictions differ in length"
    out: dict[str, Any] = {"n": len(gold)}
    # kind
    per_kind = {}
    confusion = {g: {p: 0 for p in KINDS} for g in KINDS}
    for g, p in zip(gold, pred):
        confusion[g["kind"]][pred_value(p, "kind")] += 1
    for k in KINDS:
        tp = confusion[k][k]
        fp = sum(confusion[g][k] for g in KINDS if g != k)
        fn = sum(confusion[k][p] for p in KINDS if p != k)
        per_kind[k] = _prf(tp, fp, fn)
    present = [k for k in KINDS if per_kind[k]["support"] > 0]
    out["kind"] = per_kind
    out["kind_macro_f1"] = round(sum(per_kind[k]["f1"] for k in present) / max(1, len(present)), 4)
    out["kind_accuracy"] = round(sum(confusion[k][k] for k in KINDS) / max(1, len(gold)), 4)
    out["kind_confusion"] = confusion
    # theme
    per_theme = {}
    for t in THEMES:
        tp = sum(1 for g, p in zip(gold, pred) if g["theme"] == t and pred_value(p, "theme") == t)
        fp = sum(1 for g, p in zip(gold, pred) if g["theme"] != t and pred_value(p, "theme") == t)
        fn = sum(1 for g, p in zip(gold, pred) if g["theme"] == t and pred_value(p, "theme") != t)
        per_theme[t] = _prf(tp, fp, fn)
    present_t = [t for t in THEMES if per_theme[t]["support"] > 0]
    out["theme"] = per_theme
    out["theme_macro_f1"] = round(sum(per_theme[t]["f1"] for t in present_t) / max(1, len(present_t)), 4)
    out["theme_accuracy"] = round(
        sum(1 for g, p in zip(gold, pred) if g["theme"] == pred_value(p, "theme")) / max(1, len(gold)), 4
    )
    # booleans
    for field in BOOL_FIELDS:
        tp = sum(1 for g, p in zip(gold, pred) if gold_value(g, field) and pred_value(p, field))
        fp = sum(1 for g, p in zip(gold, pred) if not gold_value(g, field) and pred_value(p, field))
        fn = sum(1 for g, p in zip(gold, pred) if gold_value(g, field) and not pred_value(p, field))
        out[field] = _prf(tp, fp, fn)
    # parties, micro over (clause, party) pairs
    tp = fp = fn = 0
    per_party = {}
    for party in PARTIES:
        ptp = sum(1 for g, p in zip(gold, pred) if party in g["parties_obliged"] and party in pred_value(p, "parties_obliged"))
        pfp = sum(1 for g, p in zip(gold, pred) if party not in g["parties_obliged"] and party in pred_value(p, "parties_obliged"))
        pfn = sum(1 for g, p in zip(gold, pred) if party in g["parties_obliged"] and party not in pred_value(p, "parties_obliged"))
        per_party[party] = _prf(ptp, pfp, pfn)
        tp, fp, fn = tp + ptp, fp + pfp, fn + pfn
    out["parties"] = per_party
    out["parties_micro_f1"] = _prf(tp, fp, fn)["f1"]
    return out


def headline(metrics: dict[str, Any]) -> dict[str, float]:
    """The figures the targets speak of, flat."""
    h = {"kind_macro_f1": metrics["kind_macro_f1"], "theme_macro_f1": metrics["theme_macro_f1"]}
    for f in BOOL_FIELDS:
        h[f] = metrics[f]["f1"]
    h["parties_micro_f1"] = metrics["parties_micro_f1"]
    return h


def format_metrics(metrics: dict[str, Any], title: str = "") -> str:
    """Plain-text table (also used in the model card)."""
    lines = []
    if title:
        lines.append(title)
    lines.append(f"n = {metrics['n']}")
    lines.append(f"{'field':<18}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}{'target':>8}")
    for k in KINDS:
        m = metrics["kind"][k]
        lines.append(f"{'kind=' + k:<18}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}{m['support']:>9}")
    lines.append(f"{'kind macro-F1':<18}{'':>7}{'':>7}{metrics['kind_macro_f1']:>7.3f}{'':>9}{TARGETS['kind_macro_f1']:>8.2f}")
    lines.append(f"{'theme macro-F1':<18}{'':>7}{'':>7}{metrics['theme_macro_f1']:>7.3f}{'':>9}{'':>8}")
    for f in BOOL_FIELDS:
        m = metrics[f]
        tgt = f"{TARGETS[f]:.2f}" if f in TARGETS else ""
        lines.append(f"{f:<18}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}{m['support']:>9}{tgt:>8}")
    for p in PARTIES:
        m = metrics["parties"][p]
        lines.append(f"{'party=' + p:<18}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}{m['support']:>9}")
    lines.append(f"{'parties micro-F1':<18}{'':>7}{'':>7}{metrics['parties_micro_f1']:>7.3f}{'':>9}{TARGETS['parties_micro_f1']:>8.2f}")
    lines.append("")
    lines.append("kind confusion (rows gold, columns predicted):")
    lines.append(f"{'':<10}" + "".join(f"{k:>10}" for k in KINDS))
    for g in KINDS:
        lines.append(f"{g:<10}" + "".join(f"{metrics['kind_confusion'][g][p]:>10}" for p in KINDS))
    return "\n".join(lines)


def evaluate_file(path: Path, model_dir: Path | None = None) -> dict[str, Any]:
    from analyser.classify import load_model
    from analyser.corpus import load_records

    gold = load_records([path], validate=True)
    model = load_model(model_dir)
    pred = model.predict([g["text"] for g in gold])
    return compute_metrics(gold, pred)


def evaluate_cli(path: Path, model_dir: Path | None = None, as_json: bool = False) -> None:
    metrics = evaluate_file(path, model_dir)
    if as_json:
        print(json.dumps(metrics, indent=2))
    else:
        print(format_metrics(metrics, title=f"{path}"))
