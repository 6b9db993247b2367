"""Analyse a folder of PDFs with worker processes into one results database.

The parent finds and hashes the files, hands one file at a time to each worker over its own
pipe, writes every result to SQLite (the only writer, one transaction per document) and
watches the workers: a worker that runs past ``timeout`` is killed and replaced, one that dies
is replaced, and the document is recorded in ``errors`` with its code; the batch goes on.
Each worker loads the classifier once, limits its own address space (RLIMIT_AS), renders the
document's HTML report and sends the DocumentAnalysis back. Workers die with the parent
(PR_SET_PDEATHSIG), so a killed batch leaves no orphans; a rerun skips every document already
stored for the same content hash and model version.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable

from analyser import __version__
from analyser.errors import (
    AnalyserError,
    DocumentTimeout,
    InternalError,
    UsageError,
    WorkerCrashed,
)
from analyser.store import DB_NAME, Store
from analyser.workers import WorkerSpec, _Pool, _resolve, report_name  # noqa: F401 (re-exported)


# ---------------------------------------------------------------- files


def find_pdfs(folder: str | Path) -> list[Path]:
    """Every file under ``folder`` whose name ends in .pdf (any case), in path order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UsageError(f"Folder not found: {folder}")
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------- parent side


@dataclass
class BatchResult:
    """What one run did; ``failed`` holds (path, code, message)."""

    n_files: int = 0
    analysed: int = 0
    skipped: int = 0
    duplicates: int = 0
    pages: int = 0
    seconds: float = 0.0
    model_version: str = ""
    failed: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def run_batch(
    folder: str | Path,
    out: str | Path,
    *,
    jobs: int = 0,
    timeout: float = 600.0,
    max_memory_mb: int = 4096,
    model_dir: str | Path | None = None,
    **options: Any,
) -> int:
    """Analyse every PDF under ``folder`` into ``out``, print the summary and return the exit
    code (0 all analysed, 1 some failed). ``options`` go to ``run_batch_result``."""
    from rich.console import Console

    result = run_batch_result(folder, out, jobs=jobs, timeout=timeout, max_memory_mb=max_memory_mb,
                              model_dir=model_dir, **options)
    print_summary(result, Path(out), Console(highlight=False, soft_wrap=True))
    return result.exit_code


def run_batch_result(
    folder: str | Path,
    out: str | Path,
    *,
    jobs: int = 0,
    timeout: float = 600.0,
    max_memory_mb: int = 4096,
    model_dir: str | Path | None = None,
    analyse_fn: Callable[..., Any] | None = None,
    load_model_fn: Callable[..., Any] | None = None,
    render_fn: Callable[..., str] | None = None,
    show_progress: bool = True,
) -> BatchResult:
    """As ``run_batch`` but returns the BatchResult and prints nothing but the progress bar.

    ``analyse_fn``, ``load_model_fn`` and ``render_fn`` replace pipeline.analyse,
    classify.load_model and report.render (tests, benchmarks); they must be module-level
    functions so the spawned workers can import them.
    """
    files = find_pdfs(folder)
    if not files:
        raise UsageError(f"No PDF files found under {folder}.")
    if jobs < 0 or timeout <= 0 or max_memory_mb < 0:
        raise UsageError("--jobs and --max-memory must be >= 0 and --timeout > 0.")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1

    unique: dict[str, Path] = {}
    for path in files:
        unique.setdefault(sha256_file(path), path)
    res = BatchResult(n_files=len(files), duplicates=len(files) - len(unique))

    spec = WorkerSpec(
        out=str(out), model_dir=str(model_dir) if model_dir else None, max_memory_mb=max_memory_mb,
        analyse=analyse_fn, load_model=load_model_fn, render=render_fn,
    )
    with Store(out / DB_NAME) as store:
        run_id = store.start_run(str(folder), __version__, jobs)
        pool = _Pool(spec, min(jobs, len(unique)))
        status = "failed"
        try:
            res.model_version = _first_ready(pool, res)
            done = store.done_keys(res.model_version)
            todo = [(str(p), sha) for sha, p in unique.items() if sha not in done]
            res.skipped = len(unique) - len(todo)
            store.update_run(run_id, model_version=res.model_version, n_files=len(files),
                             n_skipped=res.skipped)
            while len(pool.workers) > max(1, len(todo)):  # more workers than documents
                pool.replace(pool.workers[-1], start_new=False)
            _run_tasks(pool, store, run_id, todo, timeout, res, show_progress)
            status = "finished"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            pool.shutdown()
            store.update_run(run_id, status=status, n_analysed=res.analysed, n_failed=len(res.failed))
            write_exports(store, out)
    return res


def _first_ready(pool: _Pool, res: BatchResult) -> str:
    """Wait until one worker has loaded the model; its version decides what is already done."""
    while True:
        version = _poll(pool, res, None, None, timeout=1.0, waiting_for_ready=True)
        if version is not None:
            return version


def _run_tasks(pool, store, run_id, todo, timeout, res, show_progress) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    pending = deque(todo)
    progress = Progress(
        TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"), TextColumn("{task.fields[rate]}"),
        TextColumn("ETA"), TimeRemainingColumn(),
        console=Console(stderr=True), disable=not show_progress, transient=False,
    )
    start = time.monotonic()
    with progress:
        bar = progress.add_task("batch", total=len(todo), counts="", rate="")

        def advance() -> None:
            elapsed = max(time.monotonic() - start, 1e-9)
            res.seconds = elapsed
            progress.update(
                bar, completed=res.analysed + len(res.failed),
                counts=f"ok {res.analysed} · failed {len(res.failed)} · skipped {res.skipped}",
                rate=f"{(res.analysed + len(res.failed)) / elapsed:.2f} docs/s {res.pages / elapsed:.1f} pages/s",
            )

        advance()
        while pending or any(w.task for w in pool.workers):
            for w in pool.workers:
                if w.ready and w.task is None and pending:
                    w.task, w.started = pending.popleft(), time.monotonic()
                    try:
                        w.tasks.send(w.task)
                    except OSError:  # it just died: the liveness check records the task
                        pass
            if _poll(pool, res, store, run_id, timeout=0.25, task_timeout=timeout, pending=pending):
                advance()
        advance()


def _poll(pool, res, store, run_id, *, timeout, task_timeout=None, pending=None,
          waiting_for_ready=False):
    """Handle what the workers said or did. Returns a model version when ``waiting_for_ready``
    and a worker became ready, else True if a document finished or failed."""
    conns = {w.results: w for w in pool.workers}
    sentinels = {w.process.sentinel: w for w in pool.workers}
    changed = False
    version = None
    for ready in wait(list(conns) + list(sentinels), timeout):
        w = conns.get(ready) or sentinels.get(ready)
        if w is None or w not in pool.workers:
            continue
        if ready is w.results:
            try:
                msg = w.results.recv()
            except (EOFError, OSError):
                w.closed = True  # died: the liveness check below handles it
                continue
            kind = msg[0]
            if kind == "ready":
                w.ready = True
                version = msg[1]
                if msg[2] and msg[2] not in res.notes:
                    res.notes.append(msg[2])
            elif kind == "fatal":
                pool.shutdown()
                raise AnalyserError(msg[2], msg[3], code=msg[1])
            elif kind == "done":
                _, analysis, rel, seconds, report_note = msg
                if report_note and report_note not in res.notes:
                    res.notes.append(report_note)
                try:
                    store.save_analysis(analysis, sha256=w.task[1], run_id=run_id, report_path=rel,
                                        seconds=seconds)
                    res.analysed += 1
                    res.pages += analysis.n_pages
                except sqlite3.IntegrityError as exc:  # e.g. two clauses with one id: a bug upstream
                    err = InternalError(f"The analysis could not be stored: {exc}")
                    _record_error(store, run_id, res, w.task, err.code, err.message, err.hint)
                w.task, changed = None, True
            elif kind == "error":
                _, code, message, hint = msg
                _record_error(store, run_id, res, w.task, code, message, hint)
                w.task, changed = None, True
    now = time.monotonic()
    for w in list(pool.workers):
        if not w.closed and w.results.poll():
            continue  # a message (or the end of the pipe) is waiting: read it first, next round
        if not w.process.is_alive():
            if w.task is not None:
                code = w.process.exitcode
                how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                err = WorkerCrashed(f"The worker process died on this document ({how}).")
                _record_error(store, run_id, res, w.task, err.code, err.message, err.hint)
                changed = True
            elif not w.ready:
                pool.startup_failures += 1
                if pool.startup_failures > 3 * max(1, len(pool.workers)):
                    raise WorkerCrashed(f"Workers die while starting (exit code {w.process.exitcode}).")
            pool.replace(w, start_new=bool(pending) or waiting_for_ready)
        elif w.task is not None and task_timeout is not None and now - w.started > task_timeout:
            err = DocumentTimeout(f"The document took longer than {task_timeout:g} s; its worker was stopped.")
            _record_error(store, run_id, res, w.task, err.code, err.message, err.hint)
            pool.replace(w, start_new=bool(pending))
            changed = True
    if waiting_for_ready:
        return version
    return changed


def _record_error(store, run_id, res, task, code, message, hint) -> None:
    path, sha = task
    store.save_error(sha, res.model_version, path, code, message, hint, run_id)
    res.failed.append((path, code, message))


def write_exports(store: Store, out: Path) -> None:
    """documents.csv, clauses.csv and index.html from everything stored so far."""
    from analyser import compare

    compare.export_documents_csv(store, out / "documents.csv")
    compare.export_clauses_csv(store, out / "clauses.csv")
    compare.write_index(store, out / "index.html")


def print_summary(res: BatchResult, out: Path, console) -> None:
    from rich.table import Table

    rate = f", {res.pages / res.seconds:.1f} pages/s" if res.seconds and res.pages else ""
    console.print(
        f"{res.n_files} PDF files: {res.analysed} analysed, {res.skipped} already done, "
        f"{len(res.failed)} failed"
        + (f", {res.duplicates} duplicate copies skipped" if res.duplicates else "")
        + f" ({res.seconds:.1f} s{rate}; model {res.model_version or '?'})"
    )
    for note in res.notes:
        console.print(f"note: {note}", markup=False)
    if res.failed:
        table = Table(title="failed files", show_lines=False)
        table.add_column("file")
        table.add_column("code")
        table.add_column("message")
        for path, code, message in sorted(res.failed):
            table.add_row(path, code, message)
        console.print(table)
    console.print(f"results: {out / DB_NAME}, documents.csv, clauses.csv, index.html", markup=False)
