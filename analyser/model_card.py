"""MODEL_CARD.md for a trained model folder: data, figures, confusion matrix, weaknesses."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from analyser.evaluate import TARGETS, format_metrics, headline

WEAKNESSES_FILE = "WEAKNESSES.md"  # hand-written notes kept beside the model, merged into the card


def write_model_card(folder: Path, meta: dict[str, Any], metrics: dict[str, Any], records: Sequence[dict[str, Any]]) -> Path:
    kinds = Counter(r["kind"] for r in records)
    themes = Counter(r["theme"] for r in records)
    sources = Counter(str(r.get("source", "?")).split("/")[0] for r in records)
    lines = [
        f"# Model card: `{meta['name']}` ({meta['model_version']})",
        "",
        "Clause classifier for Dutch prestatieafspraken. One scikit-learn LogisticRegression per field",
        "(kind, theme, S, M, A, R, T, one per party type, hedged) over word and character TF-IDF of the",
        "normalised clause text plus evidence features from our spaCy pipeline (`spacy.blank(\"nl\")` with",
        "the cue lexicon in `analyser/data/lexicon.toml`). `reciprocal` and `is_smart` are derived as the",
        "labelling guide defines them; a `none` clause gets no SMART letters, parties or hedge.",
        "Confidence per field is the model's probability for the chosen value (derived fields: product).",
        "",
        "## Training data",
        f"- corpus hash `{meta['corpus_hash']}`, {meta['corpus_size']} clauses, seed {meta['seed']}, trained {meta['trained']}",
        "- kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())),
        "- themes: " + ", ".join(f"{k} {v}" for k, v in sorted(themes.items())),
        "- sources: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())),
        "- library versions: " + ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()),
        "",
        "Rebuild: `analyser train --dev ../shared/domain/dev-clauses.jsonl` (the dev file is only scored, never trained on).",
        "",
    ]
    if "dev" in metrics and "dev_baseline" in metrics:
        ours, base = headline(metrics["dev"]), headline(metrics["dev_baseline"])
        lines += [
            "## Summary on the dev set: this model, the TF-IDF baseline and the targets",
            "",
            "| field | this model | TF-IDF + LR baseline | target |",
            "|---|---|---|---|",
        ]
        for key in ours:
            target = TARGETS.get(key)
            lines.append(f"| {key} | {ours[key]:.3f} | {base[key]:.3f} | {'' if target is None else f'{target:.2f}'} |")
        lines += [
            "",
            "The same figures come out of `analyser evaluate ../shared/domain/dev-clauses.jsonl` on the",
            "shipped model; the baseline is `python corpus/baseline.py`.",
            "",
        ]
    sections = [
        ("dev", "## Dev set (../shared/domain/dev-clauses.jsonl, never trained on)"),
        ("heldout", "## Held-out validation set (corpus/heldout/validation.jsonl, written blind, never trained on)"),
        ("cv", "## Grouped 5-fold cross-validation on the corpus (folds by source document; thresholds 0.5)"),
        ("test_split", "## Stable test split of the corpus (by source; trained on the train split only)"),
    ]
    for key, title in sections:
        if key in metrics:
            lines += [title, "", "```", format_metrics(metrics[key]), "```", ""]
            if "kind_ece" in metrics[key]:
                lines += [f"Expected calibration error of the kind confidence: {metrics[key]['kind_ece']}", ""]
    notes = folder / WEAKNESSES_FILE
    lines += ["## Known weaknesses", ""]
    if notes.exists():
        lines.append(notes.read_text(encoding="utf-8").strip())
    else:
        lines.append("(not yet written)")
    lines.append("")
    path = folder / "MODEL_CARD.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
