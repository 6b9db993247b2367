"""Batch end to end: the real pipeline over the sample agreements plus broken PDFs.

Needs the trained model (models/clauses or $ANALYSER_MODEL): skipped without it, failing
instead under ANALYSER_CI=1.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from analyser import batch, compare, pipeline
from analyser.settings import REPO_DIR, default_model_dir
from analyser.store import Store

DOCUMENTS = sorted((REPO_DIR / "corpus" / "documents").glob("*.pdf"))
BROKEN = {"truncated.pdf": "E103", "encrypted.pdf": "E104", "not-a-pdf.pdf": "E102",
          "empty.pdf": "E106", "scanned.pdf": "E105", "zero-pages.pdf": "E106"}


def _need_model() -> None:
    if not (default_model_dir() / "meta.json").is_file():
        if os.environ.get("ANALYSER_CI"):
            pytest.fail(f"no trained model at {default_model_dir()}")
        pytest.skip(f"no trained model at {default_model_dir()}")


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    _need_model()
    assert DOCUMENTS, "corpus/documents/*.pdf missing"
    root = tmp_path_factory.mktemp("e2e")
    folder = root / "in"
    (folder / "good").mkdir(parents=True)
    (folder / "broken").mkdir()
    for p in DOCUMENTS:
        shutil.copy(p, folder / "good" / p.name)
    for name in BROKEN:
        src = REPO_DIR / "tests" / "pdfs" / name
        if src.exists():
            shutil.copy(src, folder / "broken" / name)
    out = root / "out"
    res = batch.run_batch_result(folder, out, jobs=2, timeout=300, show_progress=False)
    return folder, out, res


@pytest.mark.slow
def test_batch_e2e_good_stored_broken_recorded(batch_run):
    folder, out, res = batch_run
    present = {p.name for p in (folder / "broken").iterdir()}
    assert res.exit_code == 1
    assert sorted((Path(p).name, c) for p, c, _ in res.failed) == sorted(
        (n, c) for n, c in BROKEN.items() if n in present)
    with Store(out / "results.sqlite") as st:
        docs = {d.file_name: d for d in st.documents()}
        assert set(docs) == {p.name for p in DOCUMENTS}
        for p in DOCUMENTS:
            expected = len(pipeline.extract_clauses(p))
            assert docs[p.name].n_clauses == expected, p.name
            assert len(st.clause_rows(docs[p.name].sha256, docs[p.name].model_version)) == expected
        assert {Path(e["path"]).name: e["code"] for e in st.errors()} == {
            n: c for n, c in BROKEN.items() if n in present}
    assert (out / "documents.csv").is_file() and (out / "clauses.csv").is_file()
    assert (out / "index.html").is_file()


@pytest.mark.slow
def test_batch_e2e_rerun_analyses_nothing_new(batch_run):
    folder, out, _ = batch_run
    again = batch.run_batch_result(folder, out, jobs=2, show_progress=False)
    assert again.analysed == 0 and again.skipped == len(DOCUMENTS)
    assert len(again.failed) == len(list((folder / "broken").iterdir()))  # failures are retried
    with Store(out / "results.sqlite") as st:
        assert st.count("documents") == len(DOCUMENTS)


@pytest.mark.slow
def test_batch_e2e_compare_matches_the_reports(batch_run, tmp_path):
    _folder, out, _ = batch_run
    html = compare.run_compare(out, output=tmp_path / "c.html", csv_path=tmp_path / "c.csv").read_text("utf-8")
    with Store(out / "results.sqlite") as st:
        for doc in st.documents():
            analysis = st.load_analysis(doc.sha256, doc.model_version)
            scores = analysis.diagnosis.scores
            row = re.search(rf"<td>{re.escape(doc.file_name)}</td>.*?</tr>", html, re.S).group(0)
            for key in ("share_smart", "share_effect", "share_hedged"):
                assert f">{compare.pct(scores[key])}<" in row, (doc.file_name, key)
            if doc.report_path:  # the report written by the worker shows the same figures
                report = (out / doc.report_path).read_text("utf-8")
                for key in ("share_smart", "share_effect", "share_hedged"):
                    assert compare.pct(scores[key]) in report, (doc.file_name, key)
