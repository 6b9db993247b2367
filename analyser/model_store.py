"""Save and load model folders: ``model.joblib`` + ``meta.json`` (+ MODEL_CARD.md).

joblib runs code on load, so we only load our own files: meta.json records the sha256 of the
artefact and the library versions it was built with; a mismatch is refused with a message
saying to retrain (``analyser train``).
"""

from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path
from typing import Any

from analyser.errors import ModelIncompatible, ModelMissing

ARTEFACT = "model.joblib"
META = "meta.json"
FORMAT_VERSION = 1


def library_versions() -> dict[str, str]:
    import numpy
    import scipy
    import sklearn
    import spacy

    from analyser import __version__

    return {
        "analyser": __version__,
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "spacy": spacy.__version__,
    }


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def lexicon_fingerprint() -> str:
    """The evidence features depend on the cue lexicon and the feature code: a model trained on
    other features would fail with a raw scikit-learn error, so the fingerprint travels with it."""
    from analyser.features import FEATURES_VERSION
    from analyser.nlp import LEXICON_PATH, NAMES_PATH

    h = hashlib.sha256(LEXICON_PATH.read_bytes())
    h.update(NAMES_PATH.read_bytes())
    h.update(FEATURES_VERSION.encode())
    return h.hexdigest()[:16]


def save(bundle: dict[str, Any], folder: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """Write the artefact and meta.json; returns the meta as written (with versions and hashes)."""
    import joblib

    folder.mkdir(parents=True, exist_ok=True)
    artefact = folder / ARTEFACT
    joblib.dump(bundle, artefact, compress=3)
    meta = dict(meta)
    meta["format_version"] = FORMAT_VERSION
    meta["versions"] = library_versions()
    meta["artefact_sha256"] = _sha256(artefact)
    meta["features_fingerprint"] = lexicon_fingerprint()
    (folder / META).write_text(json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return meta


def read_meta(folder: Path) -> dict[str, Any]:
    meta_path = folder / META
    if not meta_path.exists() or not (folder / ARTEFACT).exists():
        raise ModelMissing(f"no model found in {folder} (expected {ARTEFACT} and {META})")
    try:
        return json.loads(meta_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelIncompatible(f"{meta_path} is not valid JSON ({exc.msg})") from None


def check_compatible(meta: dict[str, Any]) -> None:
    """Refuse models built with another format, other features, scikit-learn minor or numpy major."""
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelIncompatible(
            f"model format {meta.get('format_version')} is not {FORMAT_VERSION}; retrain with 'analyser train'"
        )
    if meta.get("features_fingerprint") != lexicon_fingerprint():
        raise ModelIncompatible(
            "the cue lexicon or the feature code changed since this model was trained; "
            "retrain it with 'analyser train'"
        )
    built = meta.get("versions", {})
    here = library_versions()
    # scikit-learn pickles are only guaranteed within one minor release; numpy arrays within a major
    for lib, parts in (("scikit-learn", 2), ("numpy", 1)):
        if _major_minor(built.get(lib, "?"))[:parts] != _major_minor(here[lib])[:parts]:
            raise ModelIncompatible(
                f"model was built with {lib} {built.get(lib)} but {here[lib]} is installed; "
                "retrain it with 'analyser train'"
            )


def load(folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    import joblib

    meta = read_meta(folder)
    check_compatible(meta)
    artefact = folder / ARTEFACT
    if _sha256(artefact) != meta.get("artefact_sha256"):
        raise ModelIncompatible(f"{artefact} does not match the checksum in {META}; retrain with 'analyser train'")
    return joblib.load(artefact), meta
