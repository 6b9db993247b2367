"""The contract between stages: frozen dataclasses, nothing else.

extract -> Document; segment -> Clause; classify -> ClauseLabel; metadata -> Metadata;
diagnose -> Diagnosis (with Finding and Suggestion); pipeline -> DocumentAnalysis.

Every class has ``to_dict()`` and ``from_dict()`` so JSON output, the results database and
the report templates use the same shapes. This module imports nothing of ours.
"""

from __future__ import annotations

import dataclasses
import types as _pytypes
import typing
from dataclasses import dataclass, field
from typing import Any, Mapping

KINDS = ("activity", "effect", "process", "none")
THEMES = (
    "betaalbaarheid",
    "beschikbaarheid",
    "duurzaamheid",
    "doelgroepen",
    "wonen_zorg",
    "leefbaarheid",
    "proces",
    "overig",
)
PARTIES = ("gemeente", "corporatie", "huurders", "overig")
SMART_LETTERS = ("S", "M", "A", "R", "T")
SOURCE_KINDS = ("prose", "list-item", "table-row")
DOC_TYPES = ("raamafspraken", "jaarschijf", "addendum", "werkafspraken", "onbekend")


class _Serialisable:
    """Mixin: ``to_dict`` / ``from_dict`` for (nested) frozen dataclasses."""

    def to_dict(self) -> dict[str, Any]:
        return _to_plain(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]):
        return _from_plain(cls, data)


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _to_plain(v) for k, v in value.items()}
    return value


def _from_plain(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, _pytypes.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_plain(args[0], value) if len(args) == 1 else value
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in value:
                kwargs[f.name] = _from_plain(hints[f.name], value[f.name])
        return tp(**kwargs)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_plain(args[0], v) for v in value)
        if args:
            return tuple(_from_plain(a, v) for a, v in zip(args, value))
        return tuple(value)
    if origin in (dict, Mapping, typing.Mapping) or tp in (dict, Mapping):
        args = typing.get_args(tp)
        if len(args) == 2:
            return {k: _from_plain(args[1], v) for k, v in value.items()}
        return dict(value)
    return value


# ---------------------------------------------------------------- extract


@dataclass(frozen=True)
class Line(_Serialisable):
    """One visual line of text on a page, after layout analysis (columns read in order)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0  # dominant font size
    bold: bool = False
    column: int = 0  # 0 = full width / first column, 1 = second column, ...


@dataclass(frozen=True)
class Table(_Serialisable):
    """A table found on one page; rows are lists of cell texts in column order."""

    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[str, ...], ...]
    # top coordinate of each row (same length as rows), for ordering with the page's lines
    row_tops: tuple[float, ...] = ()


@dataclass(frozen=True)
class Page(_Serialisable):
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]  # reading order, lines inside tables excluded
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Document(_Serialisable):
    path: str
    sha256: str
    pages: tuple[Page, ...]

    @property
    def n_pages(self) -> int:
        return len(self.pages)


# ---------------------------------------------------------------- segment


@dataclass(frozen=True)
class Clause(_Serialisable):
    """A candidate clause as a reader would quote it."""

    id: str  # stable within the document: "c0001", ...
    text: str
    page: int  # 1-based page where it starts
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom of its first line
    section: str = ""  # heading path: "3 Beschikbaarheid > 3.2 Nieuwbouw"
    source: str = "prose"  # one of SOURCE_KINDS
    label: str | None = None  # its own printed label: "3.2", "b", "G.4"
    lead_in: str | None = None  # party lead-in for bullets: "Gemeente:"


# ---------------------------------------------------------------- classify


@dataclass(frozen=True)
class Evidence(_Serialisable):
    """A span of the clause text that supports a label. ``text == clause_text[start:end]``."""

    label: str  # e.g. "quantity", "time", "time_vague", "party:gemeente", "hedge", "hard", ...
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Smart(_Serialisable):
    S: bool = False
    M: bool = False
    A: bool = False
    R: bool = False
    T: bool = False

    @property
    def all(self) -> bool:
        return self.S and self.M and self.A and self.R and self.T


@dataclass(frozen=True)
class ClauseLabel(_Serialisable):
    """The labelling guide's fields plus confidence (0..1 per field) and evidence spans."""

    kind: str
    theme: str
    smart: Smart
    is_smart: bool
    parties_obliged: tuple[str, ...]
    reciprocal: bool
    hedged: bool
    confidence: Mapping[str, float] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()


# ---------------------------------------------------------------- metadata / diagnose


@dataclass(frozen=True)
class Metadata(_Serialisable):
    gemeente: str | None = None
    corporaties: tuple[str, ...] = ()
    huurdersorganisaties: tuple[str, ...] = ()
    other_parties: tuple[str, ...] = ()
    title: str | None = None
    doc_type: str = "onbekend"  # one of DOC_TYPES
    looptijd_start: int | None = None
    looptijd_end: int | None = None
    jaarschijf: int | None = None
    signing_date: str | None = None  # ISO date, None when unsigned


@dataclass(frozen=True)
class AnalysedClause(_Serialisable):
    clause: Clause
    label: ClauseLabel


@dataclass(frozen=True)
class Suggestion(_Serialisable):
    clause_id: str
    rule: str  # "activity_to_effect", "add_term", "add_party", "unhedge", "reciprocal"
    before: str
    after: str
    note: str = ""  # Dutch: why, and what is a proposal / placeholder


@dataclass(frozen=True)
class Finding(_Serialisable):
    code: str  # stable identifier, e.g. "low_smart_share"
    lens: str  # "prestaties" | "effecten" | "relaties"
    dimension: str  # concreet | hard | wederkerig | SMART | tijdshorizon | realiseerbaar | ...
    weight: float  # ordering: higher first
    text: str  # one Dutch sentence, with its figure
    figure: str  # the figure as shown, e.g. "18 %"
    clause_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Diagnosis(_Serialisable):
    scores: Mapping[str, Any]  # counts and shares, see diagnose.py for the keys
    findings: tuple[Finding, ...]
    verdicts: Mapping[str, str]  # lens -> short Dutch verdict
    suggestions: tuple[Suggestion, ...] = ()


@dataclass(frozen=True)
class DocumentAnalysis(_Serialisable):
    """Everything known about one document: what report, store and compare consume."""

    path: str
    sha256: str
    n_pages: int
    metadata: Metadata
    clauses: tuple[AnalysedClause, ...]
    diagnosis: Diagnosis
    model_version: str = ""
    analyser_version: str = ""
