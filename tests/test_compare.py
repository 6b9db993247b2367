"""compare: figures equal the stored per-document scores; HTML and CSV are self-contained."""

from __future__ import annotations

import csv
import dataclasses
import re

import pytest

from analyser import compare
from analyser.diagnose import compute_scores, pct
from analyser.errors import ResultsNotFound
from analyser.store import Store
from test_batch import make_analysis

KEYS = [k for k, _, _ in compare.FIGURES if k != "n_themes_covered"]


@pytest.fixture
def results(tmp_path):
    analyses = [
        make_analysis("/d/riv-2024.pdf", "1" * 64, 12, gemeente="Rivierstad", year=2024, seed=0),
        make_analysis("/d/riv-2026.pdf", "2" * 64, 20, gemeente="Rivierstad", year=2026, seed=1),
        make_analysis("/d/riv-2027.pdf", "3" * 64, 7, gemeente="Rivierstad", year=2027, seed=2),
        make_analysis("/d/heu-2022.pdf", "4" * 64, 15, gemeente="Heuvelrade", year=2022, seed=3),
        make_analysis("/d/oos-2023.pdf", "5" * 64, 9, gemeente="Oosterbeke <&>", year=2023, seed=4),
    ]
    with Store(tmp_path / "results.sqlite") as st:
        for a in analyses:
            st.save_analysis(a)
    return tmp_path, {a.sha256: a for a in analyses}


def _csv(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_compare_csv_figures_equal_each_documents_scores(results, tmp_path):
    folder, analyses = results
    compare.run_compare(folder, by="gemeente", output=tmp_path / "c.html", csv_path=tmp_path / "c.csv")
    rows = _csv(tmp_path / "c.csv")
    assert len(rows) == 5
    for row in rows:
        scores = analyses[row["sha256"]].diagnosis.scores
        for key in KEYS:
            expected = scores[key]
            assert row[key] == ("" if expected is None else str(expected)), key
        assert int(row["n_themes_covered"]) == len(scores["themes_covered"])
        assert int(row["theme_proces"]) == scores["themes"].get("proces", 0)


def test_compare_html_shows_the_report_formatting(results, tmp_path):
    folder, analyses = results
    out = compare.run_compare(folder / "results.sqlite", by="gemeente", output=tmp_path / "c.html")
    html = out.read_text(encoding="utf-8")
    for a in analyses.values():
        name = a.path.rsplit("/", 1)[1]
        row = re.search(rf"<td>{re.escape(name)}</td>.*?</tr>", html, re.S).group(0)
        cells = re.findall(r'<td class="num" data-sort="[^"]*">([^<]*)</td>', row)
        shown = cells[1:]  # after the year
        assert shown[compare.FIGURES.index(("share_smart", "SMART", "pct"))] == pct(a.diagnosis.scores["share_smart"])
        assert shown[compare.FIGURES.index(("share_hedged", "zacht", "pct"))] == pct(a.diagnosis.scores["share_hedged"])
    assert "Oosterbeke &lt;&amp;&gt;" in html and "Oosterbeke <&>" not in html


def test_compare_html_is_self_contained_with_charts(results, tmp_path):
    folder, _ = results
    html = compare.run_compare(folder, output=tmp_path / "c.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<polyline" in html  # heatmap and the Rivierstad trend
    assert "trend Rivierstad" in html and "trend Heuvelrade" not in html  # one year only
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert "<script>" in html and "sortable" in html


def test_compare_by_corporatie_and_year(results, tmp_path):
    folder, _ = results
    compare.run_compare(folder, by="corporatie", output=tmp_path / "c.html", csv_path=tmp_path / "c.csv")
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "<td>Woonstede</td><td class=\"num\" data-sort=\"5\">5</td>" in html.replace("\n", "")
    assert all(r["group"] == "Woonstede; Thuisbaas" for r in _csv(tmp_path / "c.csv"))
    compare.run_compare(folder, by="year", output=tmp_path / "y.html", csv_path=tmp_path / "y.csv")
    assert sorted(r["group"] for r in _csv(tmp_path / "y.csv")) == ["2022", "2023", "2024", "2026", "2027"]


def test_compare_groups_are_means_of_document_figures(results):
    folder, analyses = results
    with Store(folder / "results.sqlite") as st:
        groups = {g["group"]: g for g in compare.group_figures(compare.document_figures(st), "gemeente")}
    riv = [a for a in analyses.values() if a.metadata.gemeente == "Rivierstad"]
    expected = sum(a.diagnosis.scores["share_smart"] for a in riv) / 3
    assert groups["Rivierstad"]["n_documents"] == 3
    assert groups["Rivierstad"]["share_smart"] == pytest.approx(expected, abs=1e-4)


def test_compare_recomputes_missing_scores_from_stored_labels(tmp_path):
    full = make_analysis("/d/a.pdf", "a" * 64, 11)
    bare = dataclasses.replace(full, diagnosis=dataclasses.replace(full.diagnosis, scores={}))
    with Store(tmp_path / "results.sqlite") as st:
        st.save_analysis(bare)
        (fig,) = compare.document_figures(st)
    expected = compute_scores(full.clauses, full.metadata, full.n_pages).scores
    assert {k: fig.values[k] for k in KEYS} == {k: expected[k] for k in KEYS}


def test_compare_missing_results(tmp_path):
    with pytest.raises(ResultsNotFound):
        compare.run_compare(tmp_path / "nope")
    Store(tmp_path / "results.sqlite").close()
    with pytest.raises(ResultsNotFound):
        compare.run_compare(tmp_path)


def test_compare_cli(results, tmp_path):
    from analyser.cli import main

    folder, _ = results
    main(["compare", str(folder), "--by", "year", "-o", str(tmp_path / "x.html"), "--csv", str(tmp_path / "x.csv")])
    assert (tmp_path / "x.html").is_file() and len(_csv(tmp_path / "x.csv")) == 5
    with pytest.raises(SystemExit) as exc:
        main(["compare", str(tmp_path / "missing")])
    assert exc.value.code == 1
