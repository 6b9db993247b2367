"""The error catalogue: every failure a user can meet has a code, a message and a hint.

The CLI prints ``error[CODE]: message`` and ``hint: ...`` on stderr and exits non-zero;
batch records the code and message per document and goes on. Never raise bare exceptions
across a stage boundary for bad *input*: raise one of these.
"""

from __future__ import annotations


class AnalyserError(Exception):
    """Base class. ``code`` is stable (documented in README), ``hint`` says what to do."""

    code = "E000"
    hint = ""
    exit_code = 1

    def __init__(self, message: str, hint: str | None = None, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:  # pragma: no cover - trivial
        return f"[{self.code}] {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "hint": self.hint}


# ---- input files (E1xx)
class InputNotFound(AnalyserError):
    code = "E101"
    hint = "Check the path; use quotes around paths with spaces."


class NotAPDF(AnalyserError):
    code = "E102"
    hint = "The file does not start with %PDF. Export the document to PDF first."


class CorruptPDF(AnalyserError):
    code = "E103"
    hint = "The PDF is damaged or truncated. Download or export it again; 'qpdf --check' can tell more."


class EncryptedPDF(AnalyserError):
    code = "E104"
    hint = "The PDF is password-protected. Remove the protection first, e.g. 'qpdf --decrypt in.pdf out.pdf'."


class NoTextLayer(AnalyserError):
    code = "E105"
    hint = "The PDF has no text layer (a scan). Run OCR first, e.g. 'ocrmypdf -l nld in.pdf out.pdf'."


class EmptyPDF(AnalyserError):
    code = "E106"
    hint = "The file is empty or has no pages."


class NoClauses(AnalyserError):
    code = "E107"
    hint = "No text that looks like agreements was found. Is this a prestatieafspraken document?"


# ---- JSON / corpus input (E2xx)
class BadJSONLine(AnalyserError):
    code = "E201"
    hint = "Each input line must be one JSON object with at least a \"text\" string."


class BadCorpus(AnalyserError):
    code = "E202"
    hint = "Corpus lines must follow the labelling guide (see corpus/ANNOTATION.md)."


# ---- models (E3xx)
class ModelMissing(AnalyserError):
    code = "E301"
    hint = "Run 'analyser train' to build the model, or pass --model to an existing model folder."


class ModelIncompatible(AnalyserError):
    code = "E302"
    hint = "The model was built with other library versions. Rebuild it with 'analyser train'."


# ---- batch / results (E4xx)
class DocumentTimeout(AnalyserError):
    code = "E401"
    hint = "The document took longer than --timeout. Raise --timeout or check the file."


class DocumentTooLarge(AnalyserError):
    code = "E402"
    hint = "The worker ran out of memory on this document. Raise --max-memory or split the file."


class WorkerCrashed(AnalyserError):
    code = "E403"
    hint = "The worker process died on this document. Report the file if this repeats."


class ResultsNotFound(AnalyserError):
    code = "E404"
    hint = "Pass the folder written by 'analyser batch' or its results.sqlite file."


class UsageError(AnalyserError):
    code = "E501"
    exit_code = 2
    hint = "See --help."


class InternalError(AnalyserError):
    code = "E999"
    hint = "This is a bug in analyser. Please report it with the input file."
