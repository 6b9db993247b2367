"""The only module that knows the stage order.

extract -> segment -> classify -> metadata -> diagnose. ``analyse`` runs one document;
batch runs it per worker process. Models are passed in or loaded once per call site.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from analyser import __version__
from analyser.types import AnalysedClause, Clause, DocumentAnalysis

if TYPE_CHECKING:  # pragma: no cover
    from analyser.classify import ClauseClassifier


def classification_text(text: str, lead_in: str | None) -> str:
    """What the classifier reads: a bullet under a party lead-in is read with its lead-in."""
    return f"{lead_in} {text}" if lead_in else text


def extract_clauses(path: str | Path) -> tuple[Clause, ...]:
    from analyser.extract import extract_document
    from analyser.segment import segment

    return segment(extract_document(path))


def analyse(
    path: str | Path,
    model_dir: Path | None = None,
    model: "ClauseClassifier | None" = None,
) -> DocumentAnalysis:
    """Analyse one PDF end to end. Pass ``model`` to reuse a loaded classifier."""
    from analyser.classify import load_model
    from analyser.diagnose import diagnose
    from analyser.extract import extract_document
    from analyser.metadata import extract_metadata
    from analyser.segment import segment

    document = extract_document(path)
    clauses = segment(document)
    metadata = extract_metadata(document, clauses)
    if model is None:
        model = load_model(model_dir)
    names = {name: "corporatie" for name in metadata.corporaties}
    names.update({name: "huurders" for name in metadata.huurdersorganisaties})
    labels = model.predict([classification_text(c.text, c.lead_in) for c in clauses], names=names)
    analysed = tuple(AnalysedClause(c, lab) for c, lab in zip(clauses, labels))
    diagnosis = diagnose(analysed, metadata, document.n_pages)
    return DocumentAnalysis(
        path=str(path),
        sha256=document.sha256,
        n_pages=document.n_pages,
        metadata=metadata,
        clauses=analysed,
        diagnosis=diagnosis,
        model_version=model.version,
        analyser_version=__version__,
    )
