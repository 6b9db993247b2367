"""The labelled corpus: read and validate JSONL against the labelling guide; stable splits.

A record follows ../shared/domain/labelling-guide.md: id, text, theme, kind, smart{S..T},
is_smart, parties_obliged, reciprocal, hedged, rationale, source. The split is by source
(one fictional document or writing batch): a source's clauses never sit on both sides.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from analyser.errors import BadCorpus, BadJSONLine, InputNotFound
from analyser.types import KINDS, PARTIES, SMART_LETTERS, THEMES

TEST_SHARE = 20  # percent of sources in the test split
EXCHANGE_RE = re.compile(
    r"\b(in ruil|tegenprestatie|tegenover|daartegenover|mits|op voorwaarde dat|onder (de )?voorwaarde dat|"
    r"indien de gemeente|als de gemeente|wanneer de gemeente|wederkerig|over en weer)\b",
    re.IGNORECASE,
)


def parse_json_object(line: str, where: str) -> dict[str, Any]:
    """One JSON Lines line -> dict, or BadJSONLine naming ``where`` (e.g. "line 3")."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadJSONLine(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise BadJSONLine(f"{where}: expected a JSON object, got {type(obj).__name__}")
    return obj


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object); raise BadJSONLine naming the line for bad lines."""
    p = Path(path)
    if not p.exists():
        raise InputNotFound(f"{p} does not exist")
    with open(p, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            yield n, parse_json_object(line, f"{p}:{n}")


def validate_record(rec: dict[str, Any]) -> list[str]:
    """Problems of one labelled record against the guide (empty list = valid)."""
    problems = []
    for key in ("id", "text", "theme", "kind", "smart", "is_smart", "parties_obliged", "reciprocal", "hedged"):
        if key not in rec:
            problems.append(f"missing {key}")
    if problems:
        return problems
    if not isinstance(rec["text"], str) or not rec["text"].strip():
        problems.append("empty text")
    if rec["kind"] not in KINDS:
        problems.append(f"kind {rec['kind']!r} not in {KINDS}")
    if rec["theme"] not in THEMES:
        problems.append(f"theme {rec['theme']!r} not in {THEMES}")
    smart = rec["smart"]
    if not isinstance(smart, dict) or set(smart) != set(SMART_LETTERS) or not all(isinstance(v, bool) for v in smart.values()):
        problems.append("smart must have boolean S, M, A, R, T")
        return problems
    if rec["is_smart"] != all(smart.values()):
        problems.append("is_smart must equal S and M and A and R and T")
    parties = rec["parties_obliged"]
    if not isinstance(parties, list) or any(p not in PARTIES for p in parties) or len(set(parties)) != len(parties):
        problems.append(f"parties_obliged must be distinct values of {PARTIES}")
        return problems
    for key in ("reciprocal", "hedged", "is_smart"):
        if not isinstance(rec[key], bool):
            problems.append(f"{key} must be a boolean")
    if rec["kind"] == "none":
        if any(smart.values()) or parties or rec["reciprocal"] or rec["hedged"]:
            problems.append("kind none must have all SMART false, no parties, not reciprocal, not hedged")
    if rec["kind"] == "process" and rec["theme"] != "proces":
        problems.append("kind process must have theme proces")
    if len(parties) >= 2 and not rec["reciprocal"]:
        problems.append("two or more party types bound: reciprocal must be true")
    if rec["reciprocal"] and len(parties) < 2 and not EXCHANGE_RE.search(rec["text"]):
        problems.append("reciprocal with fewer than two party types needs an explicit exchange in the text")
    return problems


def load_records(paths: Iterable[str | Path], validate: bool = True) -> list[dict[str, Any]]:
    records = []
    for path in paths:
        for n, rec in iter_jsonl(path):
            if validate:
                problems = validate_record(rec)
                if problems:
                    raise BadCorpus(f"{path}:{n} ({rec.get('id')}): " + "; ".join(problems))
            rec.setdefault("source", Path(path).stem)
            records.append(rec)
    return records


def corpus_files(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    if not folder.exists():
        raise InputNotFound(f"corpus folder {folder} does not exist")
    return sorted(folder.glob("*.jsonl"))


def load_corpus(folder: str | Path, validate: bool = True) -> list[dict[str, Any]]:
    records = load_records(corpus_files(folder), validate=validate)
    seen: dict[str, str] = {}
    for rec in records:
        if rec["id"] in seen:
            raise BadCorpus(f"duplicate id {rec['id']}")
        seen[rec["id"]] = rec["source"]
    return records


def split_of(source: str) -> str:
    """'train' or 'test', stable for a source name (sha1 bucket)."""
    bucket = int(hashlib.sha1(source.encode("utf-8")).hexdigest(), 16) % 100
    return "test" if bucket < TEST_SHARE else "train"


def normalise_for_similarity(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w%€ ]", " ", text.lower())).strip()


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise_for_similarity(a), normalise_for_similarity(b)).ratio()


def near_duplicates(left: list[str], right: list[str], threshold: float = 0.9) -> list[tuple[int, int, float]]:
    """Pairs (i, j, ratio) with difflib similarity >= threshold.

    Candidates come from character-trigram TF-IDF cosine (>= 0.5: far below what a 0.9 difflib
    ratio implies), so only a few pairs are compared with difflib.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not left or not right:
        return []
    norm_l = [normalise_for_similarity(t) for t in left]
    norm_r = [normalise_for_similarity(t) for t in right]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(3, 3)).fit(norm_l + norm_r)
    sims = (vec.transform(norm_l) @ vec.transform(norm_r).T).tocoo()
    pairs = []
    for i, j, cos in zip(sims.row, sims.col, sims.data):
        if cos < 0.5:
            continue
        a, b = norm_l[i], norm_r[j]
        if min(len(a), len(b)) / max(len(a), len(b)) < threshold * 0.9:
            continue
        ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        if ratio >= threshold:
            pairs.append((int(i), int(j), ratio))
    return sorted(pairs)


def corpus_hash(records: list[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for rec in sorted(records, key=lambda r: r["id"]):
        h.update(json.dumps(rec, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()[:16]
