"""Shared fixtures: paths, the shipped model (loaded once per session), the spaCy pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
DOCUMENTS = CORPUS / "documents"
PDFS = Path(__file__).resolve().parent / "pdfs"
MODEL_DIR = REPO / "models" / "clauses"
IN_CI = os.environ.get("ANALYSER_CI") == "1"


@pytest.fixture(scope="session")
def nlp():
    from analyser.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def model():
    """The shipped model. Missing in a checkout = a real failure, never a skip."""
    from analyser.classify import load_model

    return load_model(MODEL_DIR)
