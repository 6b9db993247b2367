"""Batch: worker processes, resumability, isolation of failures, exports.

Fast tests use fake "PDFs" (small text files ending in .pdf) and a fake analyse function that
the workers import from this module: the file's text says what happens to it (``clauses=N``,
``error=E103``, ``sleep=S``, ``crash``, ``memory``). End-to-end tests over real PDFs are in
test_batch_e2e.py.
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyser import batch
from analyser.errors import AnalyserError, UsageError
from analyser.store import Store
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

TESTS_DIR = Path(__file__).resolve().parent
_KINDS = ("activity", "effect", "process", "none", "activity")
_THEMES = ("beschikbaarheid", "betaalbaarheid", "proces", "duurzaamheid", "doelgroepen")


# ---------------------------------------------------------------- hand-built analyses


def make_clause(i: int, seed: int = 0) -> AnalysedClause:
    kind = _KINDS[(i + seed) % len(_KINDS)]
    none = kind == "none"
    smart = Smart(S=not none, M=(i + seed) % 2 == 0 and not none, A=not none, R=not none,
                  T=(i + seed) % 3 != 0 and not none)
    parties = () if none else (("gemeente", "corporatie") if i % 4 == 0 else ("corporatie",))
    text = f"Afspraak {i}: de corporatie bouwt in 2026 {10 * i} woningen."
    label = ClauseLabel(
        kind=kind, theme="proces" if kind in ("process", "none") else _THEMES[(i + seed) % len(_THEMES)],
        smart=smart, is_smart=smart.all, parties_obliged=parties, reciprocal=len(parties) > 1,
        hedged=(i + seed) % 5 == 1, confidence={"kind": 0.8, "theme": 0.7},
        evidence=(Evidence("time", "2026", text.index("2026"), text.index("2026") + 4),),
    )
    clause = Clause(id=f"c{i + 1:04d}", text=text, page=1 + i // 10, bbox=(50.0, 100.0 + i, 500.0, 112.0 + i),
                    section="3 Beschikbaarheid > 3.1 Nieuwbouw", source="list-item", label=f"{i + 1}.")
    return AnalysedClause(clause, label)


def make_analysis(path: str, sha256: str, n_clauses: int, *, gemeente: str = "Rivierstad",
                  year: int = 2024, model_version: str = "fake-1", seed: int = 0) -> DocumentAnalysis:
    from analyser.diagnose import compute_scores

    clauses = tuple(make_clause(i, seed) for i in range(n_clauses))
    md = Metadata(gemeente=gemeente, corporaties=("Woonstede", "Thuisbaas"), huurdersorganisaties=("HV Samen",),
                  title=f"Prestatieafspraken {gemeente} {year}", doc_type="raamafspraken",
                  looptijd_start=year, looptijd_end=year + 3, signing_date=f"{year - 1}-12-10")
    n_pages = 1 + n_clauses // 10
    scores = compute_scores(clauses, md, n_pages).scores
    diagnosis = Diagnosis(
        scores=scores,
        findings=(Finding("low_smart_share", "prestaties", "SMART", 12.5, "Weinig SMART.", "18 %", ("c0001",)),),
        verdicts={"prestaties": "matig", "effecten": "zwak", "relaties": "goed"},
        suggestions=(Suggestion("c0001", "add_term", "voor", "na", "uitleg"),),
    )
    return DocumentAnalysis(path=path, sha256=sha256, n_pages=n_pages, metadata=md, clauses=clauses,
                            diagnosis=diagnosis, model_version=model_version, analyser_version="0.1.0")


# ---------------------------------------------------------------- fakes the workers import


class FakeModel:
    def __init__(self, version: str):
        self.version = version


def fake_load_model(model_dir=None):
    log = os.environ.get("FAKE_LOAD_LOG")
    if log:
        with open(log, "a") as fh:
            fh.write(f"{os.getpid()}\n")
    return FakeModel(os.environ.get("FAKE_MODEL_VERSION", "fake-1"))


def fake_analyse(path, model=None):
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8", "replace")
    fields = dict(part.split("=", 1) if "=" in part else (part, "") for part in text.split())
    if "sleep" in fields:
        time.sleep(float(fields["sleep"]))
    if "crash" in fields:
        os._exit(3)
    if "memory" in fields:
        blob = bytearray(8 * 1024 * 1024 * 1024)  # 8 GiB: beyond any test limit
        return blob
    if "error" in fields:
        raise AnalyserError(f"fake failure of {Path(path).name}", code=fields["error"])
    import hashlib

    return make_analysis(str(path), hashlib.sha256(raw).hexdigest(), int(fields.get("clauses", 3)),
                         gemeente=fields.get("gemeente", "Rivierstad"), year=int(fields.get("year", 2024)),
                         model_version=model.version)


def fake_render(analysis, fmt="html"):
    return f"<html><body>{analysis.path}: {len(analysis.clauses)}</body></html>"


def run(folder, out, **kw):
    kw.setdefault("analyse_fn", fake_analyse)
    kw.setdefault("load_model_fn", fake_load_model)
    kw.setdefault("render_fn", fake_render)
    kw.setdefault("show_progress", False)
    kw.setdefault("jobs", 2)
    return batch.run_batch_result(folder, out, **kw)


def write_docs(folder: Path, specs: dict[str, str]) -> None:
    for name, content in specs.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content + "\n", encoding="utf-8")


def counts(out: Path) -> dict[str, int]:
    with Store(out / "results.sqlite") as st:
        return {t: st.count(t) for t in ("documents", "clauses", "labels", "errors")}


# ---------------------------------------------------------------- tests


def test_batch_find_pdfs_recursive_case_insensitive(tmp_path):
    write_docs(tmp_path, {"a.pdf": "x", "sub/B.PDF": "y", "sub/deeper/c.Pdf": "z", "notes.txt": "n"})
    found = [p.relative_to(tmp_path).as_posix() for p in batch.find_pdfs(tmp_path)]
    assert found == ["a.pdf", "sub/B.PDF", "sub/deeper/c.Pdf"]


def test_batch_usage_errors(tmp_path):
    with pytest.raises(UsageError):
        run(tmp_path / "missing", tmp_path / "out")
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError) as exc:
        run(tmp_path / "empty", tmp_path / "out")
    assert exc.value.exit_code == 2


def test_batch_stores_documents_and_records_errors(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {"a.pdf": "clauses=4", "b.pdf": "clauses=7 seed", "sub/c.pdf": "clauses=12 c",
                      "bad.pdf": "error=E103", "locked.pdf": "error=E104", "dup.pdf": "clauses=4"})
    out = tmp_path / "out"
    res = run(docs, out)
    assert res.exit_code == 1
    assert res.analysed == 3 and res.duplicates == 1
    assert sorted((Path(p).name, c) for p, c, _ in res.failed) == [("bad.pdf", "E103"), ("locked.pdf", "E104")]
    assert counts(out) == {"documents": 3, "clauses": 23, "labels": 23, "errors": 2}
    with Store(out / "results.sqlite") as st:
        by_name = {d.file_name: d for d in st.documents()}
        assert by_name["c.pdf"].n_clauses == 12
        assert all(d.report_path and (out / d.report_path).is_file() for d in by_name.values())
        errs = {Path(e["path"]).name: e for e in st.errors()}
        assert errs["bad.pdf"]["code"] == "E103" and "fake failure" in errs["bad.pdf"]["message"]
        assert st.runs()[-1]["status"] == "finished"
    with open(out / "documents.csv", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 3
    with open(out / "clauses.csv", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 23
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "c.pdf" in index and "E104" in index and "http" not in index.replace("http://www.w3.org", "")


def test_batch_rerun_skips_done_and_new_model_redoes(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write_docs(docs, {"a.pdf": "clauses=4", "b.pdf": "clauses=5"})
    out = tmp_path / "out"
    assert run(docs, out).analysed == 2
    again = run(docs, out)
    assert (again.analysed, again.skipped, again.exit_code) == (0, 2, 0)
    write_docs(docs, {"c.pdf": "clauses=6"})
    third = run(docs, out)
    assert (third.analysed, third.skipped) == (1, 2)
    assert counts(out)["documents"] == 3
    monkeypatch.setenv("FAKE_MODEL_VERSION", "fake-2")
    fourth = run(docs, out)
    assert (fourth.analysed, fourth.skipped) == (3, 0)
    with Store(out / "results.sqlite") as st:
        assert st.count("documents") == 6
        assert {d.model_version for d in st.documents()} == {"fake-2"}  # latest per file


def test_batch_retries_failed_documents_on_rerun(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {"a.pdf": "clauses=2", "flaky.pdf": "error=E103"})
    out = tmp_path / "out"
    assert run(docs, out).exit_code == 1
    write_docs(docs, {"flaky.pdf": "clauses=3"})  # fixed file: new hash
    res = run(docs, out)
    assert (res.analysed, res.exit_code) == (1, 0)
    assert counts(out)["documents"] == 2


def test_batch_timeout_kills_and_replaces_worker(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {"slow.pdf": "sleep=60", "a.pdf": "clauses=2", "b.pdf": "clauses=3", "c.pdf": "clauses=1"})
    out = tmp_path / "out"
    start = time.monotonic()
    res = run(docs, out, jobs=1, timeout=1.5)
    assert time.monotonic() - start < 30
    assert [(Path(p).name, c) for p, c, _ in res.failed] == [("slow.pdf", "E401")]
    assert res.analysed == 3
    assert counts(out)["documents"] == 3


def test_batch_worker_crash_is_isolated(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {"boom.pdf": "crash", "a.pdf": "clauses=2", "b.pdf": "clauses=3"})
    res = run(docs, tmp_path / "out", jobs=1)
    assert [(Path(p).name, c) for p, c, _ in res.failed] == [("boom.pdf", "E403")]
    assert "exit code 3" in res.failed[0][2]
    assert res.analysed == 2


def test_batch_memory_limit_is_isolated(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {"huge.pdf": "memory", "a.pdf": "clauses=2", "b.pdf": "clauses=3"})
    res = run(docs, tmp_path / "out", jobs=1, max_memory_mb=1024)
    assert [(Path(p).name, c) for p, c, _ in res.failed] == [("huge.pdf", "E402")]
    assert res.analysed == 2


def test_batch_model_missing_is_reported(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {"a.pdf": "clauses=2"})
    with pytest.raises(AnalyserError) as exc:
        run(docs, tmp_path / "out", load_model_fn=missing_model)
    assert exc.value.code == "E301"


def missing_model(model_dir=None):
    from analyser.errors import ModelMissing

    raise ModelMissing("no model at models/clauses")


def test_batch_cli_exit_codes(tmp_path):
    from analyser.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert exc.value.code == 2


_KILL_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
import test_batch
from analyser import batch
try:
    code = batch.run_batch({docs!r}, {out!r}, jobs=2, analyse_fn=test_batch.fake_analyse,
                           load_model_fn=test_batch.fake_load_model, render_fn=test_batch.fake_render,
                           show_progress=False)
except KeyboardInterrupt:
    code = 130
sys.exit(code)
"""


def test_batch_sigkill_midway_then_rerun_completes_exactly_once(tmp_path):
    docs = tmp_path / "docs"
    n = 24
    write_docs(docs, {f"d{i:02d}.pdf": f"clauses={i % 5 + 1} sleep=0.25 n{i}" for i in range(n)})
    out = tmp_path / "out"
    script = _KILL_SCRIPT.format(tests=str(TESTS_DIR), docs=str(docs), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    db = out / "results.sqlite"
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and done < 4:
        time.sleep(0.2)
        if db.exists():
            done = _count(db)
    assert 4 <= done < n, "the batch should be midway"
    os.killpg(proc.pid, signal.SIGKILL)  # parent and workers, as a crash would
    proc.wait()
    with Store(db) as st:
        partial = st.count("documents")
        assert 0 < partial < n
        assert st.count("clauses") == sum(d.n_clauses for d in st.documents())
    res = run(docs, out)
    assert res.analysed == n - partial and res.skipped == partial and res.exit_code == 0
    with Store(db) as st:
        names = [d.file_name for d in st.documents()]
        assert sorted(names) == sorted(f"d{i:02d}.pdf" for i in range(n))  # each exactly once
        assert st.count("clauses") == sum(i % 5 + 1 for i in range(n))
        assert [r["status"] for r in st.runs()] == ["running", "finished"]


def test_batch_ctrl_c_stops_cleanly_and_rerun_finishes(tmp_path):
    docs = tmp_path / "docs"
    n = 16
    write_docs(docs, {f"d{i:02d}.pdf": f"clauses=2 sleep=0.3 n{i}" for i in range(n)})
    out = tmp_path / "out"
    script = _KILL_SCRIPT.format(tests=str(TESTS_DIR), docs=str(docs), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    db = out / "results.sqlite"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if db.exists() and _count(db) >= 3:
            break
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    assert proc.wait(timeout=30) == 130
    with Store(db) as st:
        assert st.runs()[-1]["status"] == "interrupted"
        partial = st.count("documents")
    assert 0 < partial < n and (out / "index.html").is_file()
    res = run(docs, out)
    assert res.analysed + res.skipped == n and res.skipped == partial


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as c:
            return c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_batch_sigkill_of_parent_alone_leaves_no_workers(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {f"d{i}.pdf": f"clauses=1 sleep=30 n{i}" for i in range(3)})
    out = tmp_path / "out"
    script = _KILL_SCRIPT.format(tests=str(TESTS_DIR), docs=str(docs), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", script])
    time.sleep(4)
    children = _children(proc.pid)
    proc.kill()
    proc.wait()
    time.sleep(1)
    assert children, "workers should have started"
    assert not [pid for pid in children if _alive(pid)]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False



def test_batch_without_report_module_stores_and_notes(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "analyser.report", None)  # importing it now fails
    spec = batch.WorkerSpec(out=str(tmp_path), analyse=fake_analyse, load_model=fake_load_model)
    _analyse, _load, render, note = batch._resolve(spec)
    assert render is None and "analyser.report.render is not available" in note


def test_batch_unstorable_analysis_is_recorded_not_fatal(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {"dupids.pdf": "clauses=3 dupids", "a.pdf": "clauses=2"})
    res = run(docs, tmp_path / "out", analyse_fn=analyse_with_duplicate_ids)
    assert [(Path(p).name, c) for p, c, _ in res.failed] == [("dupids.pdf", "E999")]
    assert res.analysed == 1


def analyse_with_duplicate_ids(path, model=None):
    import dataclasses

    analysis = fake_analyse(path, model)
    if "dupids" in Path(path).read_text():
        analysis = dataclasses.replace(analysis, clauses=analysis.clauses + analysis.clauses[:1])
    return analysis


def test_batch_index_links_reports_and_sorts(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {"a.pdf": "clauses=4 gemeente=Alfa", "b.pdf": "clauses=6 gemeente=Beta"})
    out = tmp_path / "out"
    run(docs, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    with Store(out / "results.sqlite") as st:
        for d in st.documents():
            assert f'href="{d.report_path}"' in html
    assert 'class="sortable"' in html and "addEventListener" in html


def test_batch_each_worker_loads_the_model_once(tmp_path, monkeypatch):
    log = tmp_path / "loads.txt"
    monkeypatch.setenv("FAKE_LOAD_LOG", str(log))
    docs = tmp_path / "docs"
    write_docs(docs, {f"d{i}.pdf": f"clauses=1 n{i}" for i in range(8)})
    assert run(docs, tmp_path / "out", jobs=2).analysed == 8
    assert len(log.read_text().split()) == 2


def broken_render(analysis, fmt="html"):
    raise KeyError("verdict_rows")


def test_batch_report_failure_keeps_the_analysis(tmp_path):
    docs = tmp_path / "docs"
    write_docs(docs, {"a.pdf": "clauses=3", "b.pdf": "clauses=4"})
    res = run(docs, tmp_path / "out", render_fn=broken_render)
    assert res.analysed == 2 and res.exit_code == 0
    assert res.notes == ["report not written (KeyError: 'verdict_rows')"]
    with Store(tmp_path / "out" / "results.sqlite") as st:
        assert [d.report_path for d in st.documents()] == [None, None]
