"""Worker processes for batch: each loads the classifier once, analyses one document at a time
sent over its own pipe, renders the report and sends the DocumentAnalysis back. The pool kills
and replaces a worker on demand (timeouts, crashes); workers die with their parent.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable

from analyser.errors import AnalyserError, DocumentTooLarge, InternalError

REPORTS_DIR = "reports"
_MIB = 1024 * 1024


def report_name(path: str | Path, sha256: str) -> str:
    """Where a document's report goes, relative to the output folder."""
    return f"{REPORTS_DIR}/{Path(path).stem}-{sha256[:10]}.html"


# ---------------------------------------------------------------- worker side


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs; picklable (functions by reference) for the spawn start method.
    ``None`` functions mean the real ones: classify.load_model, pipeline.analyse, report.render."""

    out: str
    model_dir: str | None = None
    max_memory_mb: int = 0
    analyse: Callable[..., Any] | None = None
    load_model: Callable[..., Any] | None = None
    render: Callable[..., str] | None = None


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: orphans still stop at their next recv()
        pass


def _limit_memory(max_memory_mb: int) -> None:
    if max_memory_mb > 0:
        import resource

        limit = max_memory_mb * _MIB
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _resolve(spec: WorkerSpec) -> tuple[Callable, Callable, Callable | None, str | None]:
    analyse, load_model, render, note = spec.analyse, spec.load_model, spec.render, None
    if analyse is None:
        from analyser.pipeline import analyse
    if load_model is None:
        from analyser.classify import load_model
    if render is None:
        try:
            from analyser.report import render
        except ImportError as exc:
            render = None
            note = f"per-document reports not written: analyser.report.render is not available ({exc})"
    return analyse, load_model, render, note


def _worker_main(spec: WorkerSpec, tasks: Connection, results: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # we parallelise over documents
    try:
        _limit_memory(spec.max_memory_mb)
        analyse, load_model, render, note = _resolve(spec)
        model = load_model(Path(spec.model_dir) if spec.model_dir else None)
    except AnalyserError as err:
        results.send(("fatal", err.code, err.message, err.hint))
        return
    except MemoryError:
        err = DocumentTooLarge(f"Loading the model needs more than --max-memory {spec.max_memory_mb} MiB.")
        results.send(("fatal", err.code, err.message, err.hint))
        return
    except Exception as exc:  # report, do not hang the parent
        results.send(("fatal", InternalError.code, f"{type(exc).__name__}: {exc}", InternalError.hint))
        return
    results.send(("ready", str(getattr(model, "version", "")), note))
    while True:
        try:
            task = tasks.recv()
        except EOFError:
            return
        if task is None:
            return
        path, sha = task
        start = time.perf_counter()
        try:
            analysis = analyse(path, model=model)
            rel, report_note = None, None
            if render is not None:
                try:  # a report bug must not lose the analysis
                    html = render(analysis, "html")
                    rel = report_name(path, sha)
                    _write_atomic(Path(spec.out) / rel, html)
                except Exception as exc:
                    report_note = f"report not written ({type(exc).__name__}: {exc})"
            results.send(("done", analysis, rel, time.perf_counter() - start, report_note))
        except AnalyserError as err:
            results.send(("error", err.code, err.message, err.hint))
        except MemoryError:
            err = DocumentTooLarge(f"The document needed more than --max-memory {spec.max_memory_mb} MiB.")
            results.send(("error", err.code, err.message, err.hint))
            return  # a fresh worker replaces this one
        except Exception as exc:
            results.send(("error", InternalError.code, f"{type(exc).__name__}: {exc}", InternalError.hint))


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# ---------------------------------------------------------------- pool


@dataclass
class _Worker:
    process: Any
    tasks: Connection
    results: Connection
    ready: bool = False
    task: tuple[str, str] | None = None  # (path, sha256) being analysed
    started: float = 0.0
    closed: bool = False  # its result pipe reached end of file


class _Pool:
    """Worker processes with one task and one result pipe each; kill and replace on demand."""

    def __init__(self, spec: WorkerSpec, size: int):
        self.spec = spec
        self.ctx = mp.get_context("spawn")  # fresh interpreters: no inherited locks or db handles
        self.workers: list[_Worker] = [self._start() for _ in range(size)]
        self.startup_failures = 0

    def _start(self) -> _Worker:
        task_r, task_w = self.ctx.Pipe(duplex=False)
        res_r, res_w = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_worker_main, args=(self.spec, task_r, res_w), daemon=True)
        proc.start()
        task_r.close()
        res_w.close()
        return _Worker(proc, task_w, res_r)

    def replace(self, worker: _Worker, start_new: bool = True) -> None:
        self._kill(worker)
        self.workers.remove(worker)
        if start_new:
            self.workers.append(self._start())

    @staticmethod
    def _kill(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.tasks.close()
        worker.results.close()

    def shutdown(self) -> None:
        for w in self.workers:
            try:
                w.tasks.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for w in self.workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            self._kill(w)
        self.workers = []
