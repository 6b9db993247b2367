"""Speed and memory of extract + segment on the sample agreements.

Prints, in one run (the machines are noisy: compare ratios, not absolute times):
  * pages/s of bare pdfplumber ``extract_words`` (pages closed) and of extract+segment on
    the same PDFs;
  * peak RSS of extract+segment on a ~300-page document made by concatenating the samples
    with pypdf in a temporary folder, measured in a fresh subprocess.

Usage: python benchmarks/bench_clauses.py [folder-with-pdfs] [--pages 300]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bare_words(paths: list[Path]) -> int:
    import pdfplumber

    n = 0
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.close()
                n += 1
    return n


def ours(paths: list[Path]) -> tuple[int, int]:
    from analyser.extract import extract_document
    from analyser.segment import segment

    pages = clauses = 0
    for p in paths:
        doc = extract_document(p)
        pages += doc.n_pages
        clauses += len(segment(doc))
    return pages, clauses


def make_big(paths: list[Path], target: int, out: Path) -> int:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    n = 0
    while n < target:
        for p in paths:
            for page in PdfReader(p).pages:
                if n >= target:
                    break
                writer.add_page(page)
                n += 1
    with out.open("wb") as fh:
        writer.write(fh)
    return n


CHILD = """
import resource, sys, time
from analyser.extract import extract_document
from analyser.segment import segment
t = time.perf_counter()
doc = extract_document(sys.argv[1])
n = len(segment(doc))
dt = time.perf_counter() - t
print(doc.n_pages, n, round(dt, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "corpus" / "documents"))
    ap.add_argument("--pages", type=int, default=300)
    args = ap.parse_args()
    paths = sorted(Path(args.folder).glob("*.pdf"))
    if not paths:
        sys.exit(f"no PDFs in {args.folder}")
    ours(paths[:1])  # warm imports and caches
    t = time.perf_counter()
    n_bare = bare_words(paths)
    t_bare = time.perf_counter() - t
    t = time.perf_counter()
    n_ours, n_clauses = ours(paths)
    t_ours = time.perf_counter() - t
    print(f"{len(paths)} PDFs, {n_ours} pages, {n_clauses} clauses")
    print(f"pdfplumber extract_words : {n_bare / t_bare:6.1f} pages/s ({t_bare:.2f} s)")
    print(f"extract + segment        : {n_ours / t_ours:6.1f} pages/s ({t_ours:.2f} s)  ratio {t_ours / t_bare:.2f}x the bare time")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.pdf"
        n = make_big(paths, args.pages, big)
        proc = subprocess.run([sys.executable, "-c", CHILD, str(big)], capture_output=True, text=True, cwd=ROOT)
        if proc.returncode:
            sys.exit(proc.stderr)
        pages, clauses, secs, rss = proc.stdout.split()
        print(f"{n}-page concatenation   : {clauses} clauses in {secs} s ({int(pages) / float(secs):.1f} pages/s), peak RSS {rss} MiB")
    print(f"(this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB)")


if __name__ == "__main__":
    main()
