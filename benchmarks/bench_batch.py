"""Batch throughput and memory, measured in one run (the machines are noisy: compare ratios).

Replicates corpus/documents/*.pdf to --docs copies (a byte appended after %%EOF so each copy
has its own hash) in a temp folder, then prints:
  1. bare pdfplumber ``extract_words`` on every page (one process, pages closed): pages/s;
  2. ``batch --jobs 1``: pages/s and its time / pdfplumber's time (target <= 1.3);
  3. ``batch --jobs 2``: pages/s and the speed-up over --jobs 1 (target >= 1.8);
  4. peak RSS per worker, and each worker's RSS early vs late in the run (flat, not growing).

    python benchmarks/bench_batch.py [--docs 200] [--jobs 2] [--model DIR] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from analyser import batch  # noqa: E402
from analyser.store import Store  # noqa: E402


def replicate(n: int, folder: Path) -> list[Path]:
    import pdfplumber

    sources = sorted((REPO / "corpus" / "documents").glob("*.pdf"))
    if not sources:
        sys.exit("no corpus/documents/*.pdf to replicate")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        dst = folder / f"{src.stem}-copy{i:04d}.pdf"
        dst.write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
        out.append(dst)
    for p in out[: len(sources)]:  # each source once: still readable with the byte appended
        with pdfplumber.open(p) as pdf:
            assert pdf.pages and pdf.pages[0].extract_words() is not None, p
    return out


def bare_pdfplumber(files: list[Path]) -> tuple[int, float]:
    import pdfplumber

    pages, start = 0, time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.close()
                pages += 1
    return pages, time.perf_counter() - start


class RssSampler(threading.Thread):
    """Samples VmRSS / VmHWM of this process's children (the workers) every 0.2 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: dict[int, list[tuple[float, int]]] = {}
        self.peak: dict[int, int] = {}
        self.stop = threading.Event()

    def run(self) -> None:

        me = os.getpid()
        while not self.stop.wait(0.2):
            for pid in _children(me):
                st = _status(pid)
                if st and "VmRSS" in st:
                    self.samples.setdefault(pid, []).append((time.monotonic(), st["VmRSS"]))
                    self.peak[pid] = max(self.peak.get(pid, 0), st.get("VmHWM", 0))


def _children(pid: int) -> list[int]:
    """Worker processes only (not multiprocessing's resource tracker)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            pids = [int(x) for x in fh.read().split()]
    except OSError:
        return []
    out = []
    for child in pids:
        try:
            with open(f"/proc/{child}/cmdline", "rb") as fh:
                if b"spawn_main" in fh.read():
                    out.append(child)
        except OSError:
            pass
    return out


def _status(pid: int) -> dict[str, int]:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return {k: int(v.split()[0]) for k, v in (l.split(":", 1) for l in fh) if v.strip().endswith("kB")}
    except (OSError, ValueError):
        return {}


def run_batch(folder: Path, out: Path, jobs: int, model: str | None):
    sampler = RssSampler()
    sampler.start()
    start = time.perf_counter()
    res = batch.run_batch_result(folder, out, jobs=jobs, model_dir=model, show_progress=False)
    wall = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    with Store(out / "results.sqlite") as st:
        work = sum(r[0] or 0 for r in st.conn.execute("SELECT seconds FROM documents"))
    return res, wall, work, sampler


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="number of documents (default 200)")
    ap.add_argument("--jobs", type=int, default=2, help="workers for the parallel run (default 2)")
    ap.add_argument("--model", default=None, help="model folder (default: the analyser's default)")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    try:
        files = replicate(args.docs, tmp / "in")
        pages, t_plumber = bare_pdfplumber(files)
        print(f"{len(files)} documents, {pages} pages (copies of corpus/documents);"
              f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"pdfplumber extract_words, 1 process : {t_plumber:7.1f} s  {pages / t_plumber:6.1f} pages/s")

        r1, wall1, work1, s1 = run_batch(tmp / "in", tmp / "out1", 1, args.model)
        assert not r1.failed, r1.failed[:3]
        print(f"batch --jobs 1 (wall, incl. start-up): {wall1:7.1f} s  {pages / wall1:6.1f} pages/s"
              f"  ratio to pdfplumber {wall1 / t_plumber:.2f}x (target <= 1.3x)")
        print(f"  per-document analysis time, summed : {work1:7.1f} s  ratio {work1 / t_plumber:.2f}x")

        rn, walln, workn, sn = run_batch(tmp / "in", tmp / "outn", args.jobs, args.model)
        assert not rn.failed, rn.failed[:3]
        print(f"batch --jobs {args.jobs} (wall)              : {walln:7.1f} s  {pages / walln:6.1f} pages/s"
              f"  speed-up {wall1 / walln:.2f}x over --jobs 1 (target >= 1.8x)")
        print(f"  per-document analysis time, summed : {workn:7.1f} s  ({workn / work1:.2f}x the --jobs 1 sum;"
              f" workers busy {workn / (args.jobs * rn.seconds):.0%} of the run)")
        print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
              " (others' processes make every figure slower and the speed-up smaller)")

        for label, sampler in (("jobs 1", s1), (f"jobs {args.jobs}", sn)):
            for pid, samples in sorted(sampler.samples.items()):
                if len(samples) < 4:
                    continue
                q = len(samples) // 4
                early = max(v for _, v in samples[q: 2 * q]) / 1024
                late = max(v for _, v in samples[-q:]) / 1024
                print(f"worker {pid} ({label}): peak RSS {sampler.peak.get(pid, 0) / 1024:6.0f} MiB;"
                      f" RSS 2nd quarter {early:6.0f} MiB, last quarter {late:6.0f} MiB")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
