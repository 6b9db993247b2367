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
LOW_CONFIDENCE = 0.6  # default; data/findings.toml [thresholds] low_confidence wins


def low_confidence() -> float:
    from analyser.diagnose import load_config

    return float(load_config()["thresholds"].get("low_confidence", LOW_CONFIDENCE))


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


# Evidence shown per clause: only the spans that support the clause's own labels, in a few
# colour groups (legend in the report). ``none`` clauses show only what the diagnosis uses
# (a disclaimer or voorbehoud); context spans are never marked.
EVIDENCE_GROUPS = {
    "hard": "hard", "hedge": "soft", "vague": "soft", "quantity_vague": "soft", "time_vague": "soft",
    "modal": "soft", "quantity": "measure", "label": "measure", "deliverable": "measure",
    "time": "term", "party": "party", "passive": "noparty", "exchange": "exchange",
    "effect": "effect", "output": "output", "voorbehoud": "caveat", "disclaimer": "caveat",
}
LEGEND = (
    ("hard", "harde formulering"), ("soft", "zacht of vaag"), ("measure", "meetbaar"),
    ("term", "termijn"), ("party", "gebonden partij"), ("noparty", "lijdende vorm"),
    ("exchange", "uitruil"), ("effect", "effect"), ("output", "activiteit / product"),
    ("caveat", "voorbehoud of disclaimer"),
)
FIELD_NAMES = {"kind": "soort", "theme": "thema", "S": "S", "M": "M", "A": "A", "R": "R", "T": "T",
               "is_smart": "SMART", "parties_obliged": "partijen", "reciprocal": "wederkerig", "hedged": "zacht"}


def _field_order(key: str) -> int:
    order = list(FIELD_NAMES)
    return order.index(key) if key in order else len(order)


PARTY_EVIDENCE = {"party:gemeente": "gemeente", "party:corporatie": "corporatie",
                  "party:huurders": "huurders", "party:overig": "overig"}


def supports(label: str, ac: AnalysedClause) -> bool:
    """Does an evidence span with this label support the clause's labels?"""
    lab = ac.label
    if label in ("voorbehoud", "disclaimer"):
        return True
    if lab.kind == "none":
        return False
    if label.startswith("party:"):
        if label == "party:partijen":
            return len(lab.parties_obliged) >= 2
        return PARTY_EVIDENCE.get(label) in lab.parties_obliged
    if label in ("hedge", "vague", "quantity_vague", "time_vague", "modal"):
        return True
    return {
        "hard": not lab.hedged,
        "quantity": lab.smart.M, "label": lab.smart.M, "deliverable": lab.smart.M,
        "time": lab.smart.T,
        "passive": not lab.parties_obliged,
        "exchange": True,
        "effect": lab.kind == "effect",
        "output": lab.kind == "activity",
    }.get(label, False)


def evidence_group(label: str) -> str:
    return EVIDENCE_GROUPS.get(label.split(":", 1)[0], "other")


def clause_pieces(ac: AnalysedClause) -> list[tuple[str, str | None, str | None]]:
    """The clause text in (piece, evidence label, colour group) parts, supporting evidence only."""
    kept = tuple(e for e in ac.label.evidence if supports(e.label, ac))
    return [(piece, label, evidence_group(label) if label else None)
            for piece, label in highlight(ac.clause.text, kept)]


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
        ("Looptijd", _looptijd(md.looptijd_start, md.looptijd_end)),
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
        "verdict_rows": [(LENS_NAMES.get(k, k), _verdict_body(k, v), get("levels", {}).get(k, "")) for k, v in d.verdicts.items()],
        "finding_rows": [(f, *_split_figure(f.text, f.figure)) for f in d.findings],
        "groups": [(t, THEME_NAMES.get(t, t), groups[t]) for t in groups if groups[t]],
        "themes_missing": [THEME_NAMES[t] for t in get("themes_missing", []) if t in THEME_NAMES],
        "rule_names": RULE_NAMES,
        "kind_names": KIND_NAMES,
        "n_suggestions": len(d.suggestions),
        "legend": LEGEND,
        "low_confidence": low_confidence(),
    }


def _looptijd(start: int | None, end: int | None) -> str:
    if not (start or end):
        return "onbekend"
    if start and start == end:
        return str(start)
    return f"{start or '?'}–{end or '?'}"


def _verdict_body(lens: str, text: str) -> str:
    """The verdict without its lens prefix ("Effecten: ..."), for the HTML where the lens is a label."""
    head, sep, rest = text.partition(": ")
    if sep and head.lower() in (lens.lower(), "door de bril van de aw"):
        return rest[:1].upper() + rest[1:]
    return text


def _split_figure(text: str, figure: str) -> tuple[str, str, str]:
    """(before, figure, after): the finding's figure inside its own sentence, to show it bold there."""
    i = text.find(figure) if figure else -1
    if i < 0:
        return text, "", ""
    return text[:i], figure, text[i + len(figure):]


def _clause_view(ac: AnalysedClause, suggestions: list) -> dict[str, Any]:
    lab = ac.label
    conf = dict(lab.confidence)
    # a clause that is no agreement shows only its kind and theme: only those can be uncertain
    shown = {k: v for k, v in conf.items() if lab.kind != "none" or k in ("kind", "theme")}
    low = sorted((k for k, v in shown.items() if v < low_confidence()), key=_field_order)
    return {
        "id": ac.clause.id,
        "page": ac.clause.page,
        "section": ac.clause.section,
        "printed_label": ac.clause.label,
        "pieces": clause_pieces(ac),
        "text": ac.clause.text,
        "kind": lab.kind,
        "kind_name": KIND_NAMES.get(lab.kind, lab.kind),
        "smart": [(L, getattr(lab.smart, L)) for L in SMART_LETTERS],
        "is_smart": lab.is_smart,
        "parties": [PARTY_NAMES.get(p, p) for p in lab.parties_obliged],
        "hedged": lab.hedged,
        "reciprocal": lab.reciprocal,
        "confidence": min(shown.values()) if shown else None,
        "confidence_text": ", ".join(f"{FIELD_NAMES.get(k, k)} {v:.2f}" for k, v in sorted(conf.items(), key=lambda kv: _field_order(kv[0]))),
        "low": low,
        "low_names": [FIELD_NAMES.get(k, k) for k in low],
        "low_smart": {L for L in SMART_LETTERS if L in low},
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
    env.filters["mdfigure"] = md_figure
    return env


def md_escape(text: Any) -> str:
    """PDF text made inert in Markdown: no HTML tags, no accidental emphasis, links or tables."""
    s = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"([\\`*_\[\]|#])", r"\\\1", s)
    return re.sub(r"\s+", " ", s).strip()


def md_figure(text: Any, figure: Any) -> str:
    """A finding's sentence for Markdown, escaped, with its figure in bold where it occurs."""
    body, fig = md_escape(text), md_escape(figure)
    if fig and fig in body:
        return body.replace(fig, f"**{fig}**", 1)
    return f"**{fig}** — {body}" if fig else body


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
