"""DocumentAnalysis -> HTML / Markdown / JSON review report, and a short terminal summary.

The only module that imports jinja2. Autoescape is on for HTML: clause text comes from PDFs
and is never trusted (``<script>`` shows as text). The HTML report is one self-contained file:
inline CSS and SVG, no network, no fonts or scripts from elsewhere. Markdown escapes the
characters that would turn PDF text into markup. JSON is ``DocumentAnalysis.to_dict()`` with a
schema tag (see docs/report-json-schema.md).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from analyser.settings import TEMPLATES_DIR
from analyser.types import SMART_LETTERS, AnalysedClause, DocumentAnalysis, Evidence

FORMATS = {"html": "html", "md": "md", "json": "json"}
SCHEMA = "analyser-review/1"
THEME_ORDER = ("beschikbaarheid", "betaalbaarheid", "duurzaamheid", "doelgroepen", "wonen_zorg",
               "leefbaarheid", "proces", "overig")
THEME_NAMES = {"beschikbaarheid": "Beschikbaarheid", "betaalbaarheid": "Betaalbaarheid",
               "duurzaamheid": "Duurzaamheid en kwaliteit", "doelgroepen": "Doelgroepen",
               "wonen_zorg": "Wonen en zorg", "leefbaarheid": "Leefbaarheid",
               "proces": "Proces en samenwerking", "overig": "Overig"}
KIND_NAMES = {"activity": "activiteit", "effect": "effect", "process": "proces", "none": "geen afspraak"}
PARTY_NAMES = {"gemeente": "gemeente", "corporatie": "corporatie", "huurders": "huurders", "overig": "overig"}
DOC_TYPE_NAMES = {"raamafspraken": "raamafspraken", "jaarschijf": "jaarschijf", "addendum": "addendum",
                  "werkafspraken": "werkafspraken", "onbekend": "onbekend"}
LENS_NAMES = {"prestaties": "Prestaties (Aw)", "effecten": "Effecten", "relaties": "Relaties"}
RULE_NAMES = {"activity_to_effect": "van activiteit naar effect", "add_term": "termijn toevoegen",
              "add_party": "partij benoemen", "unhedge": "harder formuleren",
              "reciprocal": "wederkerig maken"}
LOW_CONFIDENCE = 0.6


def pct(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"


def highlight(text: str, evidence: tuple[Evidence, ...]) -> list[tuple[str, str | None]]:
    """Split text into (piece, evidence label or None); overlapping spans: the first wins."""
    spans = []
    for e in evidence:
        start, end = e.start, e.end
        if not (0 <= start < end <= len(text)) or text[start:end] != e.text:
            found = text.find(e.text) if e.text else -1
            if found < 0:
                continue
            start, end = found, found + len(e.text)
        spans.append((start, end, e.label))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, label in spans:
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], label))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def _bars(items: list[tuple[str, float, str]], unit_max: float | None = None) -> dict[str, Any]:
    peak = unit_max if unit_max is not None else max([v for _, v, _ in items] + [1])
    return {"items": [{"label": lab, "value": v, "shown": shown, "width": round(260 * v / peak, 1) if peak else 0}
                      for lab, v, shown in items], "height": 24 * len(items) + 6}


def view_model(analysis: DocumentAnalysis) -> dict[str, Any]:
    """Everything the templates show, computed once (templates stay logic-light)."""
    d, md = analysis.diagnosis, analysis.metadata
    s = dict(d.scores)
    get = s.get
    by_clause: dict[str, list] = {}
    for sg in d.suggestions:
        by_clause.setdefault(sg.clause_id, []).append(sg)
    groups: dict[str, list[dict[str, Any]]] = {t: [] for t in THEME_ORDER}
    for ac in analysis.clauses:
        groups.setdefault(ac.label.theme, []).append(_clause_view(ac, by_clause.get(ac.clause.id, [])))
    kinds = get("kinds", {})
    n_agr = get("n_agreements", 0) or 0
    tiles = [
        ("Afspraken", str(n_agr), f"{get('n_clauses', 0)} tekstdelen op {analysis.n_pages} pagina's"),
        ("Effect", pct(get("share_effect")), "aandeel effectafspraken"),
        ("SMART", pct(get("share_smart")), "van de inhoudelijke afspraken"),
        ("Zacht", pct(get("share_hedged")), "streven, zich inspannen, onderzoeken"),
        ("Wederkerig", pct(get("share_reciprocal")), "meer dan één partij of een uitruil"),
        ("Gemeente gebonden", pct(get("share_gemeente_bound")), "aandeel afspraken"),
        ("Huurders gebonden", pct(get("share_huurders_bound")), "aandeel afspraken"),
        ("Met termijn", pct(get("share_T")), "inhoudelijke afspraken met T"),
    ]
    kind_total = sum(kinds.get(k, 0) for k in ("activity", "effect", "process")) or 1
    x = 0.0
    kind_mix = []
    for k in ("activity", "effect", "process"):
        w = round(460 * kinds.get(k, 0) / kind_total, 1)
        kind_mix.append({"kind": k, "name": KIND_NAMES[k], "n": kinds.get(k, 0), "x": x, "w": w,
                         "share": pct(kinds.get(k, 0) / kind_total if n_agr else None)})
        x += w
    letters = get("smart_letters", {})
    charts = {
        "kinds": kind_mix,
        "smart": _bars([(L, letters.get(L) or 0, pct(letters.get(L))) for L in SMART_LETTERS], 1.0),
        "parties": _bars([(PARTY_NAMES[p], get("obligations", {}).get(p, 0), str(get("obligations", {}).get(p, 0)))
                          for p in PARTY_NAMES]),
        "themes": _bars([(THEME_NAMES[t], get("themes", {}).get(t, 0), str(get("themes", {}).get(t, 0)))
                         for t in THEME_ORDER]),
    }
    meta_rows = [
        ("Gemeente", md.gemeente or "onbekend"),
        ("Corporaties", ", ".join(md.corporaties) or "onbekend"),
        ("Huurdersorganisaties", ", ".join(md.huurdersorganisaties) or "onbekend"),
        ("Overige partijen", ", ".join(md.other_parties) or "–"),
        ("Soort document", DOC_TYPE_NAMES.get(md.doc_type, md.doc_type)),
        ("Looptijd", f"{md.looptijd_start or '?'}–{md.looptijd_end or '?'}" if (md.looptijd_start or md.looptijd_end) else "onbekend"),
        ("Jaarschijf", str(md.jaarschijf) if md.jaarschijf else "–"),
        ("Ondertekend", md.signing_date or "niet ondertekend of datum niet gevonden"),
    ]
    return {
        "a": analysis,
        "title": md.title or Path(analysis.path).name,
        "file": Path(analysis.path).name,
        "meta_rows": meta_rows,
        "tiles": tiles,
        "charts": charts,
        "findings": list(d.findings),
        "verdicts": [(LENS_NAMES.get(k, k), v, get("levels", {}).get(k, "")) for k, v in d.verdicts.items()],
        "groups": [(t, THEME_NAMES.get(t, t), groups[t]) for t in groups if groups[t]],
        "themes_missing": [THEME_NAMES[t] for t in get("themes_missing", []) if t in THEME_NAMES],
        "rule_names": RULE_NAMES,
        "kind_names": KIND_NAMES,
        "n_suggestions": len(d.suggestions),
    }


def _clause_view(ac: AnalysedClause, suggestions: list) -> dict[str, Any]:
    lab = ac.label
    conf = dict(lab.confidence)
    low = sorted(k for k, v in conf.items() if v < LOW_CONFIDENCE)
    return {
        "id": ac.clause.id,
        "page": ac.clause.page,
        "section": ac.clause.section,
        "printed_label": ac.clause.label,
        "pieces": highlight(ac.clause.text, lab.evidence),
        "text": ac.clause.text,
        "kind": lab.kind,
        "kind_name": KIND_NAMES.get(lab.kind, lab.kind),
        "smart": [(L, getattr(lab.smart, L)) for L in SMART_LETTERS],
        "is_smart": lab.is_smart,
        "parties": [PARTY_NAMES.get(p, p) for p in lab.parties_obliged],
        "hedged": lab.hedged,
        "reciprocal": lab.reciprocal,
        "confidence": min(conf.values()) if conf else None,
        "confidence_text": ", ".join(f"{k} {v:.2f}" for k, v in sorted(conf.items())),
        "low": low,
        "suggestions": suggestions,
    }


# ------------------------------------------------------------------ rendering


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=lambda name: name is None or not name.endswith(".md.j2"),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pct"] = pct
    env.filters["mdtext"] = md_escape
    return env


def md_escape(text: Any) -> str:
    """PDF text made inert in Markdown: no HTML tags, no accidental emphasis, links or tables."""
    s = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"([\\`*_\[\]|#])", r"\\\1", s)
    return re.sub(r"\s+", " ", s).strip()


def render(analysis: DocumentAnalysis, fmt: str = "html") -> str:
    if fmt not in FORMATS:
        from analyser.errors import UsageError

        raise UsageError(f"unknown report format {fmt!r}; use html, md or json")
    if fmt == "json":
        return json.dumps({"schema": SCHEMA, **analysis.to_dict()}, ensure_ascii=False, indent=2) + "\n"
    template = _environment().get_template("report.html.j2" if fmt == "html" else "report.md.j2")
    return template.render(**view_model(analysis))


def default_path(analysis: DocumentAnalysis, fmt: str) -> Path:
    return Path.cwd() / f"{Path(analysis.path).stem}.review.{FORMATS[fmt]}"


def write_report(analysis: DocumentAnalysis, output: Path | None, fmt: str = "html") -> Path:
    """Render and write; default path ``<pdf stem>.review.<ext>`` in the current directory."""
    text = render(analysis, fmt)
    path = Path(output) if output is not None else default_path(analysis, fmt)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def print_summary(analysis: DocumentAnalysis, path: Path | None, console: Any = None, top: int = 5) -> None:
    """A short scorecard, the top findings and where the report is (rich, on stdout)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console(highlight=False)
    vm = view_model(analysis)
    console.print(Text(vm["title"], style="bold") + Text(f"  ({vm['file']})"))
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_column(style="dim")
    for label, value, hint in vm["tiles"]:
        table.add_row(Text(label), Text(value), Text(hint))
    console.print(table)
    for lens, verdict, level in vm["verdicts"]:
        console.print(f"• {verdict}", markup=False)
    if vm["findings"]:
        console.print("[bold]Belangrijkste bevindingen[/]", markup=True)
        for f in vm["findings"][:top]:
            console.print(f"  {f.figure:>10}  {f.text}", markup=False)
    console.print(f"{vm['n_suggestions']} herformuleringsvoorstellen.", markup=False)
    if path is not None:
        console.print(f"Rapport: {path}", markup=False)
