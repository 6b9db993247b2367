"""The results database: round trips, one transaction per document, errors, WAL."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from analyser.errors import ResultsNotFound
from analyser.store import Store, resolve_db
from test_batch import make_analysis


def test_store_round_trip_equals_saved_analysis(tmp_path):
    analysis = make_analysis("/docs/a.pdf", "a" * 64, 9)
    with Store(tmp_path / "r.sqlite") as st:
        st.save_analysis(analysis, run_id=None, report_path="reports/a.html", seconds=1.5)
        loaded = st.load_analysis("a" * 64, "fake-1")
    assert loaded == analysis
    assert loaded.to_dict() == analysis.to_dict()


def test_store_saving_again_replaces_rows(tmp_path):
    with Store(tmp_path / "r.sqlite") as st:
        st.save_analysis(make_analysis("/a.pdf", "a" * 64, 9))
        st.save_analysis(make_analysis("/a.pdf", "a" * 64, 4))
        assert (st.count("documents"), st.count("clauses"), st.count("labels"), st.count("findings")) == (1, 4, 4, 1)


def test_store_same_file_two_model_versions_are_kept_apart(tmp_path):
    with Store(tmp_path / "r.sqlite") as st:
        st.save_analysis(make_analysis("/a.pdf", "a" * 64, 3, model_version="m1"))
        st.save_analysis(make_analysis("/a.pdf", "a" * 64, 5, model_version="m2"))
        assert st.done_keys("m1") == {"a" * 64} == st.done_keys("m2")
        assert st.done_keys("m3") == set()
        assert len(st.documents(latest_only=False)) == 2
        assert [d.model_version for d in st.documents()] == ["m2"]


def test_store_failed_write_leaves_nothing(tmp_path):
    good = make_analysis("/a.pdf", "a" * 64, 3)
    clauses = good.clauses + (good.clauses[0],)  # duplicate clause id: the insert fails midway
    broken = dataclasses.replace(good, clauses=clauses)
    with Store(tmp_path / "r.sqlite") as st:
        with pytest.raises(sqlite3.IntegrityError):
            st.save_analysis(broken)
        assert (st.count("documents"), st.count("clauses"), st.count("labels")) == (0, 0, 0)
        st.save_analysis(good)  # the connection is usable afterwards
        assert st.count("documents") == 1


def test_store_success_clears_earlier_error(tmp_path):
    with Store(tmp_path / "r.sqlite") as st:
        st.save_error("a" * 64, "fake-1", "/a.pdf", "E401", "too slow", "raise --timeout")
        st.save_error("a" * 64, "fake-1", "/a.pdf", "E401", "too slow again")
        assert [(e["code"], e["message"]) for e in st.errors()] == [("E401", "too slow again")]
        st.save_analysis(make_analysis("/a.pdf", "a" * 64, 2))
        assert st.errors() == []


def test_store_uses_wal_and_records_runs(tmp_path):
    with Store(tmp_path / "r.sqlite") as st:
        assert st.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        run = st.start_run("/docs", "0.1.0", 2)
        st.update_run(run, model_version="m1", n_files=3, status="finished")
        (row,) = st.runs()
        assert row["status"] == "finished" and row["finished_at"] and row["model_version"] == "m1"


def test_store_resolve_db(tmp_path):
    with pytest.raises(ResultsNotFound):
        resolve_db(tmp_path)
    with pytest.raises(ResultsNotFound):
        resolve_db(tmp_path / "nothing.sqlite")
    Store(tmp_path / "results.sqlite").close()
    assert resolve_db(tmp_path) == tmp_path / "results.sqlite"
    with pytest.raises(ResultsNotFound):
        Store(tmp_path / "other.sqlite", create=False)
