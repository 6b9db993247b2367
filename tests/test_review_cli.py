"""End to end: `python -m analyser.cli review` on sample PDFs, as a user runs it.

Real extraction, segmentation, the shipped model, diagnosis and all three report formats, in a
subprocess (exit codes, files written, stderr). About half a minute in all.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DOCUMENTS, REPO

RIVIERSTAD = "rivierstad-raamafspraken-2024-2027"
OOSTERBEKE = "oosterbeke-werkafspraken-2026"  # clause C.11 quotes <script>alert(1)</script>
VEENHOVEN = "veenhoven-afspraken-2025"  # vague, hedged, one-sided, unsigned concept
FORMATS = ("html", "md", "json")
SCRIPT = "<script>alert(1)</script>"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analyser.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=_env())


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("COLUMNS", "120")
    return env


@pytest.fixture(scope="module")
def reviews(tmp_path_factory) -> dict[tuple[str, str], tuple[subprocess.CompletedProcess, Path]]:
    """name, format -> (completed process, report path): two PDFs in every format, veenhoven in json."""
    out = tmp_path_factory.mktemp("review")
    runs = [(n, f) for n in (RIVIERSTAD, OOSTERBEKE) for f in FORMATS] + [(VEENHOVEN, "json")]
    done = {}
    for name, fmt in runs:
        path = out / f"{name}.{fmt}"
        proc = run_cli("review", str(DOCUMENTS / f"{name}.pdf"), "-o", str(path), "--format", fmt, cwd=out)
        done[(name, fmt)] = (proc, path)
    return done


def _json(reviews, name: str) -> dict:
    return json.loads(reviews[(name, "json")][1].read_text(encoding="utf-8"))


def _doc_keys(section: str) -> set[str]:
    """First-column keys of a table in docs/report-json-schema.md under the given heading."""
    text = (REPO / "docs" / "report-json-schema.md").read_text(encoding="utf-8")
    part = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    keys: set[str] = set()
    for line in part.splitlines():
        m = re.match(r"\|\s*([a-z_, ]+?)\s*\|", line)
        if m and m.group(1) not in ("key", "code", "rule"):
            keys.update(k.strip() for k in m.group(1).split(",") if k.strip())
    return keys


@pytest.mark.parametrize("name", [RIVIERSTAD, OOSTERBEKE])
@pytest.mark.parametrize("fmt", FORMATS)
def test_review_cli_writes_report(reviews, name, fmt):
    proc, path = reviews[(name, fmt)]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert path.exists() and path.stat().st_size > 2000
    assert f"Rapport: {path}" in proc.stdout.replace("\n", "")  # the summary says where it is
    assert "SMART" in proc.stdout


@pytest.mark.parametrize("name", [RIVIERSTAD, OOSTERBEKE, VEENHOVEN])
def test_review_cli_json_follows_documented_schema(reviews, name):
    data = _json(reviews, name)
    assert data["schema"] == "analyser-review/1"
    assert set(data) == {"schema", "path", "sha256", "n_pages", "metadata", "clauses", "diagnosis",
                         "model_version", "analyser_version"}
    assert set(data["diagnosis"]) == {"scores", "findings", "verdicts", "suggestions"}
    assert _doc_keys("metadata (analyser/metadata.py)") <= set(data["metadata"])
    missing = _doc_keys("diagnosis.scores (analyser/diagnose.py)") - set(data["diagnosis"]["scores"])
    assert not missing, f"documented but absent: {missing}"
    assert set(data["diagnosis"]["verdicts"]) == {"prestaties", "effecten", "relaties"}
    for f in data["diagnosis"]["findings"]:
        assert set(f) == {"code", "lens", "dimension", "weight", "text", "figure", "clause_ids"}
        assert f["figure"] in f["text"] and "{" not in f["text"]
    for s in data["diagnosis"]["suggestions"]:
        assert set(s) == {"clause_id", "rule", "before", "after", "note"}
    # one entry per clause, each with a label, ids unique and in reading order
    entries = data["clauses"]
    assert entries and all(set(e) == {"clause", "label"} for e in entries)
    ids = [e["clause"]["id"] for e in entries]
    assert ids == sorted(set(ids))
    assert data["diagnosis"]["scores"]["n_clauses"] == len(entries)
    assert all(e["label"]["kind"] in ("activity", "effect", "process", "none") for e in entries)
    assert data["n_pages"] == json.loads((DOCUMENTS / f"{name}.expected.json").read_text(encoding="utf-8"))["n_pages"]


def test_review_cli_one_json_entry_per_segmented_clause(reviews, tmp_path):
    proc = run_cli("clauses", str(DOCUMENTS / f"{OOSTERBEKE}.pdf"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    listed = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    reviewed = _json(reviews, OOSTERBEKE)["clauses"]
    assert [c["id"] for c in listed] == [e["clause"]["id"] for e in reviewed]
    assert [c["text"] for c in listed] == [e["clause"]["text"] for e in reviewed]


def test_review_cli_html_escapes_script_from_pdf(reviews):
    data = _json(reviews, OOSTERBEKE)
    assert any(SCRIPT in e["clause"]["text"] for e in data["clauses"])  # it is in the PDF text
    html = reviews[(OOSTERBEKE, "html")][1].read_text(encoding="utf-8")
    assert "<script" not in html.lower()  # never a tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # but shown as text
    md = reviews[(OOSTERBEKE, "md")][1].read_text(encoding="utf-8")
    assert "<script" not in md.lower() and "&lt;script&gt;" in md


def test_review_cli_html_every_clause_and_legend(reviews):
    html = reviews[(RIVIERSTAD, "html")][1].read_text(encoding="utf-8")
    for e in _json(reviews, RIVIERSTAD)["clauses"]:
        assert f'id="{e["clause"]["id"]}"' in html
    assert 'id="legenda"' in html and 'class="ev-soft"' in html
    # clauses that are no agreement carry no highlighting
    for e in _json(reviews, RIVIERSTAD)["clauses"]:
        if e["label"]["kind"] == "none":
            art = html.split(f'id="{e["clause"]["id"]}"', 1)[1].split("</article>", 1)[0]
            marks = re.findall(r'<mark class="ev-(\w+)"', art.split('<p class="text">', 1)[1])
            assert set(marks) <= {"caveat"}, (e["clause"]["id"], marks)


def test_review_cli_diagnosis_tells_veenhoven_from_rivierstad(reviews):
    veen, riv = _json(reviews, VEENHOVEN)["diagnosis"], _json(reviews, RIVIERSTAD)["diagnosis"]
    vs, rs = veen["scores"], riv["scores"]
    v_codes = {f["code"] for f in veen["findings"]}
    r_codes = {f["code"] for f in riv["findings"]}
    # veenhoven: one-sided, soft, hardly SMART, unsigned, no evaluation or dispute clause
    assert vs["one_sided"] is True and "one_sided" in v_codes
    assert {"high_hedged", "low_smart_share", "not_signed", "no_evaluation", "no_dispute"} <= v_codes
    assert vs["levels"] == {"prestaties": "zwak", "effecten": "zwak", "relaties": "zwak"}
    # rivierstad: reciprocal, signed, with evaluation and dispute clauses
    assert rs["one_sided"] is False and not r_codes & {"one_sided", "high_hedged", "not_signed", "no_evaluation", "no_dispute"}
    assert rs["levels"]["prestaties"] == "goed"
    # clearly worse on every Aw dimension
    assert vs["share_smart"] < rs["share_smart"] - 0.3
    assert vs["share_hedged"] > rs["share_hedged"] + 0.3
    assert vs["share_reciprocal"] < rs["share_reciprocal"]
    assert vs["share_gemeente_bound"] < rs["share_gemeente_bound"]
    top = veen["findings"][0]
    assert top["lens"] == "prestaties" and top["weight"] >= max(f["weight"] for f in riv["findings"])


def test_review_cli_default_output_path(tmp_path):
    proc = run_cli("review", str(DOCUMENTS / f"{VEENHOVEN}.pdf"), "--format", "md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    path = tmp_path / f"{VEENHOVEN}.review.md"
    assert path.exists() and path.read_text(encoding="utf-8").startswith("# Beoordeling")


@pytest.mark.parametrize("make_input,code", [
    (lambda d: d / "bestaat-niet.pdf", "E101"),
    (lambda d: _write(d / "kapot.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage\n"), "E103"),
    (lambda d: _write(d / "leeg.pdf", b""), "E106"),
    (lambda d: _write(d / "tekst.pdf", b"Dit is geen PDF maar platte tekst.\n"), "E102"),
])
def test_review_cli_bad_input_gives_coded_error(tmp_path, make_input, code):
    path = make_input(tmp_path)
    proc = run_cli("review", str(path), "-o", str(tmp_path / "r.html"), cwd=tmp_path)
    assert proc.returncode != 0
    assert f"error[{code}]" in proc.stderr, proc.stderr[-2000:]
    assert "hint:" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not (tmp_path / "r.html").exists()


def test_review_cli_unknown_format_fails_cleanly(tmp_path):
    proc = run_cli("review", str(DOCUMENTS / f"{VEENHOVEN}.pdf"), "--format", "pdf", cwd=tmp_path)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "'pdf'" in proc.stderr
    assert not list(tmp_path.iterdir())


def test_review_cli_unknown_format_is_a_usage_error(tmp_path):
    proc = run_cli("review", str(DOCUMENTS / f"{VEENHOVEN}.pdf"), "--format", "pdf", cwd=tmp_path)
    assert proc.returncode == 2 and "E999" not in proc.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
