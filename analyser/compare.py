"""Many stored analyses -> comparison tables, CSV and self-contained HTML with SVG charts.

Every figure is read from the stored ``Diagnosis.scores`` (the keys ``diagnose.compute_scores``
writes), so a comparison shows exactly what each document's own report shows. Results stored
without a key (older runs) get it recomputed from their stored labels by the same function.
Also writes the batch exports: documents.csv, clauses.csv and the sortable index.html.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Any, Iterable, Sequence

from analyser.errors import UsageError
from analyser.store import DocumentRow, Store, resolve_db
from analyser.types import SMART_LETTERS, THEMES

# (score key, column header, format): the figures compared, in table order
FIGURES: tuple[tuple[str, str, str], ...] = (
    ("n_pages", "pagina's", "int"),
    ("n_agreements", "afspraken", "int"),
    ("share_smart", "SMART", "pct"),
    ("share_effect", "effect", "pct"),
    ("share_hedged", "zacht", "pct"),
    ("share_gemeente_bound", "gemeente gebonden", "pct"),
    ("share_huurders_bound", "huurders gebonden", "pct"),
    ("share_reciprocal", "wederkerig", "pct"),
    ("share_T", "met termijn", "pct"),
    ("looptijd_years", "looptijd (jaren)", "int"),
    ("n_themes_covered", "thema's", "int"),
)
TREND_KEYS = (("share_smart", "SMART", "#1f77b4"), ("share_effect", "effect", "#2ca02c"),
              ("share_hedged", "zacht", "#d62728"))
BY_VALUES = ("gemeente", "corporatie", "year")


def pct(share: float | None) -> str:
    """The per-document report's own formatting, so both show the same text."""
    from analyser.diagnose import pct as report_pct

    return report_pct(share)


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class DocFigures:
    """One document's compared figures (``values`` keyed like FIGURES) and its theme counts."""

    doc: DocumentRow
    year: int | None
    values: dict[str, Any]
    themes: dict[str, int]

    @property
    def gemeente(self) -> str:
        return self.doc.metadata.gemeente or "(onbekend)"

    def groups(self, by: str) -> list[str]:
        if by == "gemeente":
            return [self.gemeente]
        if by == "corporatie":
            return list(self.doc.metadata.corporaties) or ["(onbekend)"]
        return [str(self.year) if self.year else "(onbekend)"]


def doc_year(doc: DocumentRow) -> int | None:
    md = doc.metadata
    if md.jaarschijf:
        return md.jaarschijf
    if md.looptijd_start:
        return md.looptijd_start
    if md.signing_date and md.signing_date[:4].isdigit():
        return int(md.signing_date[:4])
    return None


def stored_scores(store: Store, doc: DocumentRow) -> dict[str, Any]:
    """The document's stored scores; keys missing there are recomputed from its stored labels."""
    needed = {k for k, _, _ in FIGURES if k != "n_themes_covered"} | {"themes", "themes_covered"}
    if needed <= doc.scores.keys():
        return doc.scores
    from analyser.diagnose import compute_scores

    fresh = compute_scores(store.clause_rows(doc.sha256, doc.model_version), doc.metadata, doc.n_pages).scores
    return {**fresh, **doc.scores}


def document_figures(store: Store) -> list[DocFigures]:
    out = []
    for doc in store.documents():
        s = stored_scores(store, doc)
        values = {k: s.get(k) for k, _, _ in FIGURES if k != "n_themes_covered"}
        values["n_themes_covered"] = len(s.get("themes_covered") or ())
        out.append(DocFigures(doc, doc_year(doc), values, dict(s.get("themes") or {})))
    return out


def group_figures(figs: Sequence[DocFigures], by: str) -> list[dict[str, Any]]:
    """Per group: number of documents and the mean of each figure over its documents."""
    groups: dict[str, list[DocFigures]] = {}
    for f in figs:
        for g in f.groups(by):
            groups.setdefault(g, []).append(f)
    rows = []
    for name in sorted(groups):
        members = groups[name]
        row: dict[str, Any] = {"group": name, "n_documents": len(members)}
        for key, _, kind in FIGURES:
            vals = [m.values[key] for m in members if m.values[key] is not None]
            row[key] = (round(mean(vals), 4) if kind == "pct" else round(mean(vals), 1)) if vals else None
        rows.append(row)
    return rows


def trends(figs: Sequence[DocFigures]) -> dict[str, list[dict[str, Any]]]:
    """gemeente -> per year (sorted) the mean of the trend figures; gemeenten with >= 2 years."""
    per: dict[str, dict[int, list[DocFigures]]] = {}
    for f in figs:
        if f.year:
            per.setdefault(f.gemeente, {}).setdefault(f.year, []).append(f)
    out = {}
    for gem, years in sorted(per.items()):
        if len(years) < 2:
            continue
        points = []
        for year in sorted(years):
            point: dict[str, Any] = {"year": year}
            for key, _, _ in TREND_KEYS:
                vals = [f.values[key] for f in years[year] if f.values[key] is not None]
                point[key] = mean(vals) if vals else None
            points.append(point)
        out[gem] = points
    return out


def theme_matrix(figs: Sequence[DocFigures]) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    """(themes, gemeenten, {(theme, gemeente): agreements}) summed over a gemeente's documents."""
    gemeenten = sorted({f.gemeente for f in figs})
    themes = [t for t in THEMES if any(t in f.themes for f in figs)]
    cells: dict[tuple[str, str], int] = {}
    for f in figs:
        for t, n in f.themes.items():
            cells[(t, f.gemeente)] = cells.get((t, f.gemeente), 0) + int(n or 0)
    return themes, gemeenten, cells


# ---------------------------------------------------------------- SVG


def heatmap_svg(figs: Sequence[DocFigures]) -> str:
    themes, gemeenten, cells = theme_matrix(figs)
    if not themes or not gemeenten:
        return ""
    totals = {g: sum(cells.get((t, g), 0) for t in themes) or 1 for g in gemeenten}
    cw, ch, left, top = 70, 26, 150, 110
    w, h = left + cw * len(gemeenten) + 10, top + ch * len(themes) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" role="img" '
             f'aria-label="thema per gemeente" font-family="sans-serif" font-size="12">']
    for j, g in enumerate(gemeenten):
        x = left + j * cw + cw / 2
        parts.append(f'<text x="{x}" y="{top - 8}" transform="rotate(-40 {x} {top - 8})">{_x(g)}</text>')
    for i, t in enumerate(themes):
        y = top + i * ch
        parts.append(f'<text x="{left - 6}" y="{y + ch * 0.65}" text-anchor="end">{_x(t)}</text>')
        for j, g in enumerate(gemeenten):
            n = cells.get((t, g), 0)
            share = n / totals[g]
            parts.append(
                f'<rect x="{left + j * cw}" y="{y}" width="{cw - 2}" height="{ch - 2}" '
                f'fill="rgba(31,119,180,{0.08 + 0.92 * share:.2f})"><title>{_x(g)}, {_x(t)}: {n} '
                f'afspraken ({pct(share)})</title></rect>'
            )
            color = "#fff" if share > 0.45 else "#000"
            parts.append(f'<text x="{left + j * cw + cw / 2 - 1}" y="{y + ch * 0.65}" '
                         f'text-anchor="middle" fill="{color}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def trend_svg(gemeente: str, points: Sequence[dict[str, Any]]) -> str:
    w, h, left, right, top, bottom = 420, 200, 40, 90, 20, 30
    years = [p["year"] for p in points]
    span = max(years) - min(years) or 1

    def xy(year: int, share: float) -> tuple[float, float]:
        x = left + (year - min(years)) / span * (w - left - right)
        return round(x, 1), round(top + (1 - share) * (h - top - bottom), 1)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" role="img" '
             f'aria-label="trend {_x(gemeente)}" font-family="sans-serif" font-size="11">',
             f'<rect x="{left}" y="{top}" width="{w - left - right}" height="{h - top - bottom}" '
             f'fill="none" stroke="#ccc"/>']
    for tick in (0, 0.5, 1):
        _, y = xy(min(years), tick)
        parts.append(f'<text x="{left - 4}" y="{y + 4}" text-anchor="end">{round(tick * 100)} %</text>')
    for year in years:
        x, _ = xy(year, 0)
        parts.append(f'<text x="{x}" y="{h - bottom + 14}" text-anchor="middle">{year}</text>')
    for k, (key, name, color) in enumerate(TREND_KEYS):
        pts = [xy(p["year"], p[key]) for p in points if p[key] is not None]
        if pts:
            coords = " ".join(f"{x},{y}" for x, y in pts)
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2"/>')
            parts.extend(f'<circle cx="{x}" cy="{y}" r="3" fill="{color}"/>' for x, y in pts)
        ly = top + 12 + 16 * k
        parts.append(f'<line x1="{w - right + 8}" y1="{ly - 4}" x2="{w - right + 24}" y2="{ly - 4}" '
                     f'stroke="{color}" stroke-width="2"/><text x="{w - right + 28}" y="{ly}">{name}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _x(text: Any) -> str:
    from markupsafe import escape

    return str(escape(str(text)))


# ---------------------------------------------------------------- templates and files


def _render_template(name: str, **context: Any) -> str:
    import jinja2

    from analyser.settings import TEMPLATES_DIR

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    return env.get_template(name).render(**context)


def _fmt(value: Any, kind: str) -> str:
    if kind == "pct":
        return pct(value)
    return "–" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def _columns() -> list[dict[str, str]]:
    return [{"key": k, "title": t, "kind": kind} for k, t, kind in FIGURES]


def figure_rows_csv(figs: Sequence[DocFigures], by: str) -> tuple[list[str], list[list[Any]]]:
    header = ["file", "path", "sha256", "model_version", "group", "gemeente", "corporaties", "year",
              "doc_type", "looptijd_start", "looptijd_end", *[k for k, _, _ in FIGURES],
              *[f"theme_{t}" for t in THEMES]]
    rows = []
    for f in sorted(figs, key=lambda f: (f.groups(by)[0], f.year or 0, f.doc.path)):
        md = f.doc.metadata
        rows.append([f.doc.file_name, f.doc.path, f.doc.sha256, f.doc.model_version,
                     "; ".join(f.groups(by)), md.gemeente or "", "; ".join(md.corporaties), f.year or "",
                     md.doc_type, md.looptijd_start or "", md.looptijd_end or "",
                     *["" if f.values[k] is None else f.values[k] for k, _, _ in FIGURES],
                     *[f.themes.get(t, 0) for t in THEMES]])
    return header, rows


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    tmp.replace(path)


def run_compare(results: str | Path, by: str = "gemeente", output: str | Path = "compare.html",
                csv_path: str | Path | None = None) -> Path:
    """Write the comparison HTML (and CSV) of a batch's results; returns the HTML path."""
    if by not in BY_VALUES:
        raise UsageError(f"--by must be one of {', '.join(BY_VALUES)}, not {by!r}.")
    with Store(resolve_db(results), create=False) as store:
        figs = document_figures(store)
    if not figs:
        from analyser.errors import ResultsNotFound

        raise ResultsNotFound(f"{results} holds no analysed documents yet.")
    output = Path(output)
    by_title = {"gemeente": "gemeente", "corporatie": "corporatie", "year": "jaar"}[by]
    ordered = sorted(figs, key=lambda f: (f.groups(by)[0], f.year or 0, f.doc.path))
    html = _render_template(
        "compare.html", by=by, by_title=by_title, columns=_columns(), fmt=_fmt,
        docs=ordered, groups=group_figures(figs, by),
        heatmap=heatmap_svg(figs), trends=[(g, trend_svg(g, pts)) for g, pts in trends(figs).items()],
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    if csv_path:
        _write_csv(Path(csv_path), *figure_rows_csv(figs, by))
    print(f"compared {len(figs)} documents by {by}: {output}" + (f", {csv_path}" if csv_path else ""))
    return output


# ---------------------------------------------------------------- batch exports


def _flatten(scores: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in scores.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        elif isinstance(value, (list, tuple)):
            flat[name] = "; ".join(str(v) for v in value)
        else:
            flat[name] = value
    return flat


def export_documents_csv(store: Store, path: Path) -> None:
    """One row per document: metadata, then every stored score (nested keys joined by '.')."""
    docs = store.documents()
    flats = [_flatten(d.scores) for d in docs]
    score_keys = sorted({k for f in flats for k in f})
    header = ["file", "path", "sha256", "model_version", "gemeente", "corporaties", "huurdersorganisaties",
              "other_parties", "title", "doc_type", "looptijd_start", "looptijd_end", "jaarschijf",
              "signing_date", "n_pages", "n_clauses", "report", *[f"score.{k}" for k in score_keys]]
    rows = []
    for d, flat in zip(docs, flats):
        md = d.metadata
        rows.append([d.file_name, d.path, d.sha256, d.model_version, md.gemeente or "",
                     "; ".join(md.corporaties), "; ".join(md.huurdersorganisaties), "; ".join(md.other_parties),
                     md.title or "", md.doc_type, md.looptijd_start or "", md.looptijd_end or "",
                     md.jaarschijf or "", md.signing_date or "", d.n_pages, d.n_clauses, d.report_path or "",
                     *["" if flat.get(k) is None else flat[k] for k in score_keys]])
    _write_csv(path, header, rows)


def export_clauses_csv(store: Store, path: Path) -> None:
    """One row per clause with its labels."""
    header = ["file", "sha256", "model_version", "gemeente", "clause_id", "page", "section", "source",
              "label", "kind", "theme", *SMART_LETTERS, "is_smart", "parties_obliged", "reciprocal",
              "hedged", "confidence", "text"]

    def rows():
        for doc, ac in store.iter_clause_table():
            c, lab = ac.clause, ac.label
            yield [doc.file_name, doc.sha256, doc.model_version, doc.metadata.gemeente or "", c.id, c.page,
                   c.section, c.source, c.label or "", lab.kind, lab.theme,
                   *[int(getattr(lab.smart, L)) for L in SMART_LETTERS], int(lab.is_smart),
                   "; ".join(lab.parties_obliged), int(lab.reciprocal), int(lab.hedged),
                   json.dumps(dict(lab.confidence), sort_keys=True), c.text]

    _write_csv(path, header, rows())


def write_index(store: Store, path: Path) -> None:
    """index.html: every stored document with its figures and report link, plus the failures."""
    figs = document_figures(store)
    html = _render_template("index.html", columns=_columns(), fmt=_fmt, docs=figs,
                            errors=store.errors(), runs=store.runs())
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
