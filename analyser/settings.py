"""Paths and defaults. No work at import beyond computing paths."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
REPO_DIR = PACKAGE_DIR.parent
DEFAULT_MODEL_NAME = "clauses"


def default_model_dir() -> Path:
    """$ANALYSER_MODEL, else models/clauses next to the package (source checkout), else ./models/clauses."""
    env = os.environ.get("ANALYSER_MODEL")
    if env:
        return Path(env)
    beside = REPO_DIR / "models" / DEFAULT_MODEL_NAME
    if beside.exists():
        return beside
    return Path.cwd() / "models" / DEFAULT_MODEL_NAME
