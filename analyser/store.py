"""Batch results in SQLite (stdlib sqlite3): one database per batch output folder.

Rows are keyed by the file's sha256 content hash plus the model version, so a rerun skips what
is already analysed and a new model analyses everything again beside the old rows. One process
writes (the batch parent); each document's rows are written in one transaction, so an
interrupted run leaves either all of a document or none of it. The schema is documented in
docs/results-schema.md; ``SCHEMA_VERSION`` changes when it does.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from analyser.errors import ResultsNotFound
from analyser.types import (
    AnalysedClause,
    Clause,
    ClauseLabel,
    Diagnosis,
    DocumentAnalysis,
    Evidence,
    Finding,
    Metadata,
    Smart,
    Suggestion,
)

SCHEMA_VERSION = 1
DB_NAME = "results.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id           INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    status           TEXT NOT NULL DEFAULT 'running',  -- running | finished | interrupted
    folder           TEXT NOT NULL,
    analyser_version TEXT NOT NULL,
    model_version    TEXT,
    jobs             INTEGER NOT NULL,
    n_files          INTEGER NOT NULL DEFAULT 0,
    n_analysed       INTEGER NOT NULL DEFAULT 0,
    n_skipped        INTEGER NOT NULL DEFAULT 0,
    n_failed         INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    sha256               TEXT NOT NULL,
    model_version        TEXT NOT NULL,
    path                 TEXT NOT NULL,
    file_name            TEXT NOT NULL,
    n_pages              INTEGER NOT NULL,
    n_clauses            INTEGER NOT NULL,
    analyser_version     TEXT NOT NULL,
    gemeente             TEXT,
    corporaties          TEXT NOT NULL,   -- JSON list
    huurdersorganisaties TEXT NOT NULL,   -- JSON list
    other_parties        TEXT NOT NULL,   -- JSON list
    title                TEXT,
    doc_type             TEXT NOT NULL,
    looptijd_start       INTEGER,
    looptijd_end         INTEGER,
    jaarschijf           INTEGER,
    signing_date         TEXT,
    scores               TEXT NOT NULL,   -- JSON object: Diagnosis.scores
    verdicts             TEXT NOT NULL,   -- JSON object: Diagnosis.verdicts
    suggestions          TEXT NOT NULL,   -- JSON list: Diagnosis.suggestions
    report_path          TEXT,            -- relative to the output folder; NULL if not written
    seconds              REAL,
    run_id               INTEGER REFERENCES runs(run_id),
    analysed_at          TEXT NOT NULL,
    PRIMARY KEY (sha256, model_version)
);
CREATE TABLE IF NOT EXISTS clauses (
    sha256        TEXT NOT NULL,
    model_version TEXT NOT NULL,
    clause_id     TEXT NOT NULL,
    position      INTEGER NOT NULL,        -- 0-based reading order
    text          TEXT NOT NULL,
    page          INTEGER NOT NULL,
    bbox          TEXT NOT NULL,           -- JSON [x0, top, x1, bottom]
    section       TEXT NOT NULL,
    source        TEXT NOT NULL,
    label         TEXT,
    lead_in       TEXT,
    PRIMARY KEY (sha256, model_version, clause_id),
    FOREIGN KEY (sha256, model_version) REFERENCES documents(sha256, model_version)
);
CREATE TABLE IF NOT EXISTS labels (
    sha256          TEXT NOT NULL,
    model_version   TEXT NOT NULL,
    clause_id       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    theme           TEXT NOT NULL,
    s INTEGER NOT NULL, m INTEGER NOT NULL, a INTEGER NOT NULL, r INTEGER NOT NULL, t INTEGER NOT NULL,
    is_smart        INTEGER NOT NULL,
    parties_obliged TEXT NOT NULL,         -- JSON list
    reciprocal      INTEGER NOT NULL,
    hedged          INTEGER NOT NULL,
    confidence      TEXT NOT NULL,         -- JSON object
    evidence        TEXT NOT NULL,         -- JSON list of Evidence
    PRIMARY KEY (sha256, model_version, clause_id),
    FOREIGN KEY (sha256, model_version, clause_id)
        REFERENCES clauses(sha256, model_version, clause_id)
);
CREATE TABLE IF NOT EXISTS findings (
    sha256        TEXT NOT NULL,
    model_version TEXT NOT NULL,
    position      INTEGER NOT NULL,
    code          TEXT NOT NULL,
    lens          TEXT NOT NULL,
    dimension     TEXT NOT NULL,
    weight        REAL NOT NULL,
    text          TEXT NOT NULL,
    figure        TEXT NOT NULL,
    clause_ids    TEXT NOT NULL,           -- JSON list
    PRIMARY KEY (sha256, model_version, position),
    FOREIGN KEY (sha256, model_version) REFERENCES documents(sha256, model_version)
);
CREATE TABLE IF NOT EXISTS errors (
    sha256        TEXT NOT NULL,
    model_version TEXT NOT NULL,
    path          TEXT NOT NULL,
    code          TEXT NOT NULL,
    message       TEXT NOT NULL,
    hint          TEXT NOT NULL,
    run_id        INTEGER REFERENCES runs(run_id),
    failed_at     TEXT NOT NULL,
    PRIMARY KEY (sha256, model_version, path)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def resolve_db(results: str | Path) -> Path:
    """The results.sqlite of a batch folder, or the file itself; ResultsNotFound otherwise."""
    path = Path(results)
    if path.is_dir():
        path = path / DB_NAME
    if not path.is_file():
        raise ResultsNotFound(f"No batch results at {results}.")
    return path


@dataclass(frozen=True)
class DocumentRow:
    """One stored document as the exports, index and compare read it."""

    sha256: str
    model_version: str
    path: str
    file_name: str
    n_pages: int
    n_clauses: int
    metadata: Metadata
    scores: dict[str, Any]
    verdicts: dict[str, str]
    report_path: str | None
    analysed_at: str


class Store:
    """The results database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise ResultsNotFound(f"No batch results at {path}.")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we open transactions ourselves with BEGIN IMMEDIATE
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes
        self.conn.execute("PRAGMA foreign_keys=ON")
        if create:
            self.conn.executescript(_SCHEMA)
            self.conn.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------ runs
    def start_run(self, folder: str, analyser_version: str, jobs: int) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (started_at, folder, analyser_version, jobs) VALUES (?, ?, ?, ?)",
            (_now(), str(folder), analyser_version, jobs),
        )
        return int(cur.lastrowid)

    def update_run(self, run_id: int, **fields: Any) -> None:
        allowed = {"finished_at", "status", "model_version", "n_files", "n_analysed", "n_skipped", "n_failed"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown run fields: {sorted(unknown)}")
        if fields.get("status") in ("finished", "interrupted") and "finished_at" not in fields:
            fields["finished_at"] = _now()
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.conn.execute(f"UPDATE runs SET {sets} WHERE run_id = ?", (*fields.values(), run_id))

    def runs(self) -> list[dict[str, Any]]:
        cur = self.conn.execute("SELECT * FROM runs ORDER BY run_id")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur]

    # ------------------------------------------------------------ writes
    def done_keys(self, model_version: str) -> set[str]:
        """sha256 of every document analysed with this model version."""
        rows = self.conn.execute("SELECT sha256 FROM documents WHERE model_version = ?", (model_version,))
        return {r[0] for r in rows}

    def save_analysis(
        self,
        analysis: DocumentAnalysis,
        *,
        sha256: str | None = None,
        run_id: int | None = None,
        report_path: str | None = None,
        seconds: float | None = None,
    ) -> None:
        """Write one document with its clauses, labels and findings in one transaction.

        Replaces any earlier rows for the same (sha256, model version) and clears its errors.
        """
        key = (sha256 or analysis.sha256, analysis.model_version)
        md = analysis.metadata
        dg = analysis.diagnosis
        with self._transaction() as c:
            self._delete(c, key)
            c.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    *key,
                    analysis.path,
                    Path(analysis.path).name,
                    analysis.n_pages,
                    len(analysis.clauses),
                    analysis.analyser_version,
                    md.gemeente,
                    _j(list(md.corporaties)),
                    _j(list(md.huurdersorganisaties)),
                    _j(list(md.other_parties)),
                    md.title,
                    md.doc_type,
                    md.looptijd_start,
                    md.looptijd_end,
                    md.jaarschijf,
                    md.signing_date,
                    _j(dict(dg.scores)),
                    _j(dict(dg.verdicts)),
                    _j([s.to_dict() for s in dg.suggestions]),
                    report_path,
                    seconds,
                    run_id,
                    _now(),
                ),
            )
            c.executemany(
                "INSERT INTO clauses VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (*key, ac.clause.id, i, ac.clause.text, ac.clause.page, _j(list(ac.clause.bbox)),
                     ac.clause.section, ac.clause.source, ac.clause.label, ac.clause.lead_in)
                    for i, ac in enumerate(analysis.clauses)
                ],
            )
            c.executemany(
                "INSERT INTO labels VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(*key, ac.clause.id, *_label_row(ac.label)) for ac in analysis.clauses],
            )
            c.executemany(
                "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (*key, i, f.code, f.lens, f.dimension, f.weight, f.text, f.figure, _j(list(f.clause_ids)))
                    for i, f in enumerate(dg.findings)
                ],
            )
            c.execute("DELETE FROM errors WHERE sha256 = ? AND model_version = ?", key)

    def save_error(
        self,
        sha256: str,
        model_version: str,
        path: str,
        code: str,
        message: str,
        hint: str = "",
        run_id: int | None = None,
    ) -> None:
        with self._transaction() as c:
            c.execute(
                "INSERT OR REPLACE INTO errors VALUES (?,?,?,?,?,?,?,?)",
                (sha256, model_version, str(path), code, message, hint, run_id, _now()),
            )

    def _transaction(self):
        return _Transaction(self.conn)

    @staticmethod
    def _delete(c: sqlite3.Connection, key: tuple[str, str]) -> None:
        for table in ("labels", "clauses", "findings", "documents"):
            c.execute(f"DELETE FROM {table} WHERE sha256 = ? AND model_version = ?", key)

    # ------------------------------------------------------------ reads
    def documents(self, latest_only: bool = True) -> list[DocumentRow]:
        """Stored documents in path order; with ``latest_only`` one row per file hash
        (the most recently analysed, whatever its model version)."""
        rows = self.conn.execute(_DOC_SELECT + " ORDER BY analysed_at DESC, rowid DESC").fetchall()
        seen: set[str] = set()
        out = []
        for r in rows:
            if latest_only and r[0] in seen:
                continue
            seen.add(r[0])
            out.append(_doc_from_row(r))
        out.sort(key=lambda d: d.path)
        return out

    def document(self, sha256: str, model_version: str) -> DocumentRow:
        row = self.conn.execute(
            _DOC_SELECT + " WHERE sha256 = ? AND model_version = ?", (sha256, model_version)
        ).fetchone()
        if row is None:
            raise KeyError((sha256, model_version))
        return _doc_from_row(row)

    def clause_rows(self, sha256: str, model_version: str) -> list[AnalysedClause]:
        """A document's analysed clauses in reading order."""
        rows = self.conn.execute(
            "SELECT c.clause_id, c.text, c.page, c.bbox, c.section, c.source, c.label, c.lead_in,"
            " l.kind, l.theme, l.s, l.m, l.a, l.r, l.t, l.is_smart, l.parties_obliged,"
            " l.reciprocal, l.hedged, l.confidence, l.evidence"
            " FROM clauses c JOIN labels l USING (sha256, model_version, clause_id)"
            " WHERE c.sha256 = ? AND c.model_version = ? ORDER BY c.position",
            (sha256, model_version),
        )
        out = []
        for r in rows:
            clause = Clause(id=r[0], text=r[1], page=r[2], bbox=tuple(json.loads(r[3])), section=r[4],
                            source=r[5], label=r[6], lead_in=r[7])
            label = ClauseLabel(
                kind=r[8], theme=r[9], smart=Smart(*(bool(x) for x in r[10:15])), is_smart=bool(r[15]),
                parties_obliged=tuple(json.loads(r[16])), reciprocal=bool(r[17]), hedged=bool(r[18]),
                confidence=json.loads(r[19]),
                evidence=tuple(Evidence.from_dict(e) for e in json.loads(r[20])),
            )
            out.append(AnalysedClause(clause, label))
        return out

    def load_analysis(self, sha256: str, model_version: str) -> DocumentAnalysis:
        """Rebuild the stored DocumentAnalysis (equal to the one saved)."""
        row = self.conn.execute(
            "SELECT path, n_pages, analyser_version, suggestions FROM documents"
            " WHERE sha256 = ? AND model_version = ?",
            (sha256, model_version),
        ).fetchone()
        if row is None:
            raise KeyError((sha256, model_version))
        doc = self.document(sha256, model_version)
        findings = tuple(
            Finding(code=r[0], lens=r[1], dimension=r[2], weight=r[3], text=r[4], figure=r[5],
                    clause_ids=tuple(json.loads(r[6])))
            for r in self.conn.execute(
                "SELECT code, lens, dimension, weight, text, figure, clause_ids FROM findings"
                " WHERE sha256 = ? AND model_version = ? ORDER BY position",
                (sha256, model_version),
            )
        )
        diagnosis = Diagnosis(
            scores=doc.scores, findings=findings, verdicts=doc.verdicts,
            suggestions=tuple(Suggestion.from_dict(s) for s in json.loads(row[3])),
        )
        return DocumentAnalysis(
            path=row[0], sha256=sha256, n_pages=row[1], metadata=doc.metadata,
            clauses=tuple(self.clause_rows(sha256, model_version)), diagnosis=diagnosis,
            model_version=model_version, analyser_version=row[2],
        )

    def errors(self) -> list[dict[str, Any]]:
        cur = self.conn.execute(
            "SELECT path, code, message, hint, sha256, model_version, run_id, failed_at"
            " FROM errors ORDER BY path"
        )
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur]

    def count(self, table: str) -> int:
        if table not in ("documents", "clauses", "labels", "findings", "errors", "runs"):
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def iter_clause_table(self) -> Iterator[tuple]:
        """Every clause with its label for the latest analysis of each document."""
        for doc in self.documents():
            for ac in self.clause_rows(doc.sha256, doc.model_version):
                yield doc, ac


_DOC_SELECT = (
    "SELECT sha256, model_version, path, file_name, n_pages, n_clauses, gemeente,"
    " corporaties, huurdersorganisaties, other_parties, title, doc_type, looptijd_start,"
    " looptijd_end, jaarschijf, signing_date, scores, verdicts, report_path, analysed_at"
    " FROM documents"
)


def _doc_from_row(r: tuple) -> DocumentRow:
    md = Metadata(
        gemeente=r[6], corporaties=tuple(json.loads(r[7])),
        huurdersorganisaties=tuple(json.loads(r[8])), other_parties=tuple(json.loads(r[9])),
        title=r[10], doc_type=r[11], looptijd_start=r[12], looptijd_end=r[13],
        jaarschijf=r[14], signing_date=r[15],
    )
    return DocumentRow(
        sha256=r[0], model_version=r[1], path=r[2], file_name=r[3], n_pages=r[4],
        n_clauses=r[5], metadata=md, scores=json.loads(r[16]), verdicts=json.loads(r[17]),
        report_path=r[18], analysed_at=r[19],
    )


def _label_row(label: ClauseLabel) -> tuple:
    s = label.smart
    return (
        label.kind, label.theme, int(s.S), int(s.M), int(s.A), int(s.R), int(s.T),
        int(label.is_smart), _j(list(label.parties_obliged)), int(label.reciprocal),
        int(label.hedged), _j(dict(label.confidence)), _j([e.to_dict() for e in label.evidence]),
    )


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
