"""Labels -> Diagnosis: scores, Aw-style findings, verdicts per lens, suggestions.

``diagnose`` is a pure function of the analysed clauses, the metadata and the page count.
Thresholds, cue lists and Dutch sentence templates live in ``data/findings.toml``; the
score keys are documented in ``docs/report-json-schema.md``.

Three lenses: *prestaties* (the Aw: concreet, hard, wederkerig, SMART, reële tijdshorizon,
realiseerbaar), *effecten* and *relaties* (the seed article: agree on effects, not activities;
thick documents full of activities signal low trust; the relation needs process agreements).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Sequence

from analyser.settings import DATA_DIR
from analyser.types import PARTIES, SMART_LETTERS, AnalysedClause, Diagnosis, Finding, Metadata

SUBSTANTIVE = ("activity", "effect")
PROCESS_CUES = ("monitoring", "evaluation", "dispute", "tenant_involvement")
_YEAR = re.compile(r"\b(20[0-9]{2})\b")
PART_TYPES = ("jaarschijf", "werkafspraken", "addendum")


@lru_cache(maxsize=4)
def load_config(name: str = "findings.toml") -> dict[str, Any]:
    with open(DATA_DIR / name, "rb") as fh:
        cfg = tomllib.load(fh)
    cfg["_cues"] = {
        key: [re.compile(p, re.IGNORECASE) for p in pats] for key, pats in cfg["cues"].items()
    }
    return cfg


def pct(share: float | None) -> str:
    """A share as Dutch percentage text: 0.183 -> '18 %'."""
    if share is None:
        return "–"
    return f"{round(share * 100)} %"


def _share(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def cue_hits(text: str, key: str, cfg: dict[str, Any] | None = None) -> bool:
    cfg = cfg or load_config()
    return any(p.search(text) for p in cfg["_cues"][key])


def _ev_labels(ac: AnalysedClause) -> set[str]:
    return {e.label for e in ac.label.evidence}


_SUBORDINATE = re.compile(r"\b(die|dat|of|wat|waar\w*|zodat|omdat|doordat|als|wanneer|nadat|voordat)\b", re.IGNORECASE)


def hides_actor(ac: AnalysedClause, cfg: dict[str, Any] | None = None) -> bool:
    """Passive wording in the main clause ("er worden 700 woningen gebouwd"), not in a
    subordinate one ("een monitor die laat zien of de afspraken worden nagekomen")."""
    cfg = cfg or load_config()
    text = ac.clause.text
    starts = [e.start for e in ac.label.evidence if e.label == "passive" and 0 <= e.start <= len(text)]
    starts += [m.start() for p in cfg["_cues"]["passive"] for m in p.finditer(text)]
    return any(not _SUBORDINATE.search(text[:pos]) for pos in starts)


_RANGE = re.compile(r"\b(20[0-9]{2})\s*(?:-|–|—|t/m|tot en met)\s*(20[0-9]{2})\b")


def _span_years(spans: Sequence[str]) -> list[tuple[int, int]]:
    """Years named in time spans, as (from, to): '2024-2027' is one range, '2028' is (2028, 2028)."""
    out: list[tuple[int, int]] = []
    for text in spans:
        for m in _RANGE.finditer(text):
            out.append((int(m.group(1)), int(m.group(2))))
        rest = _RANGE.sub(" ", text)
        out.extend((int(y), int(y)) for y in _YEAR.findall(rest))
    return out


def _parent_looptijd(metadata: Metadata) -> tuple[int, int] | None:
    """The raam's looptijd named in the title of a jaarschijf/werkafspraken/addendum, if any."""
    if metadata.doc_type not in PART_TYPES or not metadata.title:
        return None
    ranges = [(int(a), int(b)) for a, b in _RANGE.findall(metadata.title) if int(b) >= int(a)]
    return max(ranges, key=lambda r: r[1] - r[0]) if ranges else None


@dataclass
class _Stats:
    scores: dict[str, Any]
    ids: dict[str, list[str]] = field(default_factory=dict)


def compute_scores(
    clauses: Sequence[AnalysedClause], metadata: Metadata, n_pages: int, cfg: dict[str, Any] | None = None
) -> _Stats:
    cfg = cfg or load_config()
    agreements = [ac for ac in clauses if ac.label.kind != "none"]
    substantive = [ac for ac in agreements if ac.label.kind in SUBSTANTIVE]
    n_agr, n_sub = len(agreements), len(substantive)
    ids: dict[str, list[str]] = {}

    def pick(name: str, items: Sequence[AnalysedClause], pred: Callable[[AnalysedClause], bool]) -> int:
        ids[name] = [ac.clause.id for ac in items if pred(ac)]
        return len(ids[name])

    kinds = {k: sum(1 for ac in clauses if ac.label.kind == k) for k in ("activity", "effect", "process", "none")}
    s: dict[str, Any] = {
        "n_pages": n_pages,
        "n_clauses": len(clauses),
        "n_agreements": n_agr,
        "n_substantive": n_sub,
        "kinds": kinds,
        "share_activity": _share(kinds["activity"], n_agr),
        "share_effect": _share(kinds["effect"], n_agr),
        "share_process": _share(kinds["process"], n_agr),
        "agreements_per_page": round(n_agr / n_pages, 2) if n_pages else None,
    }
    pick("activity", agreements, lambda ac: ac.label.kind == "activity")
    pick("effect", agreements, lambda ac: ac.label.kind == "effect")
    # an effect agreement counts fully for the effecten lens when it is measurable or firm;
    # "zoveel mogelijk voorkomen" names an effect but nobody can check it
    s["n_effect_firm"] = pick("effect_firm", agreements, lambda ac: ac.label.kind == "effect" and (
        ac.label.smart.M or not (ac.label.hedged or "hedge" in _ev_labels(ac))))
    s["share_effect_firm"] = _share(s["n_effect_firm"], n_agr)
    pick("effect_vague", agreements, lambda ac: ac.label.kind == "effect" and ac.clause.id not in set(ids["effect_firm"]))

    # SMART: asked where useful, so measured over substantive agreements (activity + effect)
    s["smart_letters"] = {
        L: _share(pick(f"smart_{L}", substantive, lambda ac, L=L: getattr(ac.label.smart, L)), n_sub)
        for L in SMART_LETTERS
    }
    s["smart_letters_all"] = {
        L: _share(sum(1 for ac in agreements if getattr(ac.label.smart, L)), n_agr) for L in SMART_LETTERS
    }
    s["n_smart"] = pick("smart", substantive, lambda ac: ac.label.is_smart)
    s["share_smart"] = _share(s["n_smart"], n_sub)
    pick("not_smart", substantive, lambda ac: not ac.label.is_smart)
    pick("not_M", substantive, lambda ac: not ac.label.smart.M)
    pick("not_S", agreements, lambda ac: not ac.label.smart.S)
    s["share_specific"] = _share(len(agreements) - len(ids["not_S"]), n_agr)
    pick("not_T", substantive, lambda ac: not ac.label.smart.T)
    pick("not_R", agreements, lambda ac: not ac.label.smart.R)
    s["share_realistic"] = _share(n_agr - len(ids["not_R"]), n_agr)
    s["share_T"] = s["smart_letters"]["T"]

    # hard
    s["n_hedged"] = pick("hedged", agreements, lambda ac: ac.label.hedged or "hedge" in _ev_labels(ac))
    s["share_hedged"] = _share(s["n_hedged"], n_agr)

    # wederkerig
    # passive: nobody is bound *and* the wording hides the actor (lijdende vorm, "er komt",
    # "dient te"); an unbound context sentence the classifier took for an agreement is not
    # what the Aw means by a passive agreement
    s["n_unbound"] = sum(1 for ac in agreements if not ac.label.parties_obliged)
    s["n_passive"] = pick("passive", agreements, lambda ac: not ac.label.parties_obliged and hides_actor(ac, cfg))
    s["share_passive"] = _share(s["n_passive"], n_agr)
    s["obligations"] = {
        p: pick(f"bound_{p}", agreements, lambda ac, p=p: p in ac.label.parties_obliged) for p in PARTIES
    }
    for p in PARTIES:
        s[f"share_{p}_bound"] = _share(s["obligations"][p], n_agr)
    s["n_reciprocal"] = pick("reciprocal", agreements, lambda ac: ac.label.reciprocal)
    s["share_reciprocal"] = _share(s["n_reciprocal"], n_agr)
    s["n_exchange"] = pick("exchange", agreements, lambda ac: "exchange" in _ev_labels(ac))
    bound = [ac for ac in agreements if ac.label.parties_obliged]
    only_corp = pick("only_corporatie", bound, lambda ac: set(ac.label.parties_obliged) == {"corporatie"})
    s["share_only_corporatie"] = _share(only_corp, len(bound))
    # a hard (not hedged) substantive commitment of the gemeente or the tenants: what makes the
    # agreements wederkerig (land, prices, permits, participation); "partijen overleggen" does not
    bound_sub = [ac for ac in bound if ac.label.kind in SUBSTANTIVE]
    s["n_other_hard"] = pick("other_hard", bound_sub, lambda ac: bool({"gemeente", "huurders"} & set(ac.label.parties_obliged))
                             and not (ac.label.hedged or "hedge" in _ev_labels(ac)))
    s["share_other_hard"] = _share(s["n_other_hard"], len(bound_sub))
    th = cfg["thresholds"]
    s["one_sided"] = bool(bound) and (
        (s["obligations"]["gemeente"] == 0 and s["obligations"]["huurders"] == 0)
        or (s["share_other_hard"] is not None and s["share_other_hard"] < th["one_sided_other_hard"]))

    # tijdshorizon
    start, end = metadata.looptijd_start, metadata.looptijd_end
    s["looptijd_start"], s["looptijd_end"], s["jaarschijf"] = start, end, metadata.jaarschijf
    s["looptijd_years"] = (end - start + 1) if (start and end and end >= start) else None
    # a jaarschijf / werkafspraken / addendum rests on a raam whose looptijd is often in the title
    horizon = end
    parent = _parent_looptijd(metadata)
    if parent and end and parent[0] <= end <= parent[1]:
        horizon = parent[1]
    s["horizon_end"] = horizon
    s["part_of_raam"] = parent is not None
    beyond: dict[str, list[int]] = {}
    if end:
        for ac in agreements:
            spans = [e.text for e in ac.label.evidence if e.label == "time"]
            if not ac.label.evidence:
                spans = [ac.clause.text]
            years = _span_years(spans)
            # only when the clause has no term inside the looptijd: "in 2025 stelt de gemeente
            # een visie op tot 2035" has its term in 2025; "vóór eind 2028" in a 2025 document not
            if years and not any(lo <= horizon and hi >= (start or end) for lo, hi in years):
                later = sorted({hi for _, hi in years if hi > horizon})
                if later:
                    beyond[ac.clause.id] = later
    ids["beyond"] = list(beyond)
    s["years_beyond_looptijd"] = sorted({y for ys in beyond.values() for y in ys})
    s["n_beyond_looptijd"] = len(beyond)

    # themes
    national = cfg["national_themes"]
    s["themes"] = {t: sum(1 for ac in agreements if ac.label.theme == t) for t in list(national) + ["proces", "overig"]}
    s["themes_substantive"] = {t: sum(1 for ac in substantive if ac.label.theme == t) for t in national}
    s["themes_covered"] = [t for t in national if s["themes_substantive"][t] > 0]
    s["themes_missing"] = [t for t in national if s["themes_substantive"][t] == 0]

    # relaties: process elements, detected from evidence and from the text itself
    def has(key: str, ev: str | None = None) -> int:
        return pick(key, clauses, lambda ac: (ev is not None and ev in _ev_labels(ac)) or cue_hits(ac.clause.text, key, cfg))

    for key in PROCESS_CUES:
        s[f"has_{key}"] = has(key) > 0
    s["n_effect_measurable"] = pick("effect_measurable", agreements, lambda ac: ac.label.kind == "effect" and ac.label.smart.M)
    s["has_effect_indicators"] = has("effect_indicators") > 0
    s["n_disclaimer"] = has("disclaimer", "disclaimer")
    s["n_voorbehoud"] = has("voorbehoud", "voorbehoud")
    s["signed"] = bool(metadata.signing_date)
    s["doc_type"] = metadata.doc_type
    s["thick"] = n_pages > th["pages_thick"] or n_agr > th["agreements_many"]
    s["monitoring_load"] = n_agr  # every agreement is something to monitor and discuss
    return _Stats(s, ids)


# ------------------------------------------------------------------ findings


def _fire(s: dict[str, Any], th: dict[str, Any]) -> list[tuple[str, str, float, str, dict[str, Any]]]:
    """Which findings fire: (code, figure, severity 0..1, ids key, extra template fields)."""
    out: list[tuple[str, str, float, str, dict[str, Any]]] = []
    n_agr, n_sub = s["n_agreements"], s["n_substantive"]

    def low(key: str, share: float | None, limit: float, ids: str, **extra: Any) -> None:
        # compared as shown: a share printed as "15 %" is not below a limit of 15 %
        if share is not None and round(share * 100) < round(limit * 100):
            out.append((key, pct(share), (limit - share) / limit, ids, extra))

    if n_sub:
        low("low_smart_share", s["share_smart"], th["smart_low"], "not_smart")
        low("low_measurable", s["smart_letters"]["M"], th["measurable_low"], "not_M")
        low("low_time_share", s["share_T"], th["time_low"], "not_T")
    if n_agr:
        low("low_specific", s["share_specific"], th["specific_low"], "not_S")
        low("low_realistic", s["share_realistic"], th["realistic_low"], "not_R")
        if round(s["share_hedged"] * 100) > round(th["hedged_high"] * 100):
            out.append(("high_hedged", pct(s["share_hedged"]), min(1.0, s["share_hedged"]), "hedged", {}))
        if s["n_passive"] >= th["passive_min"] and s["share_passive"] >= th["passive_share"]:
            out.append(("passive_agreements", str(s["n_passive"]), min(1.0, s["share_passive"] * 4), "passive", {}))
        if s["one_sided"]:
            out.append(("one_sided", pct(s["share_only_corporatie"]), 1.0, "only_corporatie",
                        {"other_hard": _count(s["n_other_hard"], "inhoudelijke afspraak", "inhoudelijke afspraken")}))
        else:
            low("gemeente_rarely_bound", s["share_gemeente_bound"], th["gemeente_low"], "bound_gemeente")
            low("huurders_not_bound", s["share_huurders_bound"], th["huurders_low"], "bound_huurders")
            low("low_reciprocal", s["share_reciprocal"], th["reciprocal_low"], "reciprocal",
                exchange=_count(s["n_exchange"], "afspraak legt", "afspraken leggen"))
        if round(s["share_effect"] * 100) < round(th["effect_low"] * 100):
            out.append(("low_effect_share", pct(s["share_effect"]), (th["effect_low"] - s["share_effect"]) / th["effect_low"], "activity", {}))
        elif s["share_effect_firm"] >= th["effect_good"]:
            out.append(("good_effect_share", pct(s["share_effect_firm"]), 0.0, "effect_firm", {}))
        if s["has_effect_indicators"] and s["n_effect_measurable"] >= th["effect_indicators_min"]:
            out.append(("effect_indicators", str(s["n_effect_measurable"]), 0.0, "effect_measurable", {}))
        n_eff = s["kinds"]["effect"]
        n_vague = n_eff - s["n_effect_firm"]
        if n_eff and n_vague / n_eff > th["effect_vague_high"]:
            out.append(("vague_effects", f"{n_vague} van {n_eff}", n_vague / n_eff, "effect_vague", {}))
        if s["thick"] and (s["share_activity"] or 0) > th["activity_high"]:
            out.append(("thick_many_activities", pct(s["share_activity"]), min(1.0, n_agr / (3 * th["agreements_many"])), "activity", {}))
    if s["n_beyond_looptijd"]:
        years = ", ".join(str(y) for y in s["years_beyond_looptijd"])
        out.append(("years_beyond_looptijd", str(s["n_beyond_looptijd"]), min(1.0, 5 * s["n_beyond_looptijd"] / max(1, n_agr)),
                    "beyond", {"years": years}))
    if n_agr and not s["signed"]:
        out.append(("not_signed", "niet ondertekend", 0.5, "", {}))
    if s["looptijd_years"] is None:
        out.append(("looptijd_unknown", "looptijd onbekend", 0.5, "", {}))
    elif s["looptijd_years"] > th["looptijd_long"]:
        out.append(("looptijd_long", f"{s['looptijd_years']} jaar", 0.5, "", {}))
    if n_agr and s["themes_missing"]:
        missing = ", ".join(load_config()["theme_names"][t] for t in s["themes_missing"])
        out.append(("themes_missing", str(len(s["themes_missing"])), len(s["themes_missing"]) / 6, "", {"missing": missing}))
    if s["n_voorbehoud"]:
        out.append(("voorbehoud", str(s["n_voorbehoud"]), min(1.0, s["n_voorbehoud"] / 5), "voorbehoud", {}))
    if s["n_disclaimer"]:
        out.append(("disclaimer", str(s["n_disclaimer"]), 1.0, "disclaimer", {}))
    if n_agr:
        for key, code in (("monitoring", "no_monitoring"), ("evaluation", "no_evaluation"),
                          ("dispute", "no_dispute"), ("tenant_involvement", "no_tenant_involvement")):
            if not s[f"has_{key}"]:
                out.append((code, "niet gevonden", 0.5, "", {}))
        if s["has_monitoring"] and s["has_evaluation"] and s["has_dispute"]:
            out.append(("good_process", "monitoring, evaluatie en geschillen", 0.0, "dispute", {}))
    return out


def _count(n: int, one: str, many: str) -> str:
    """Dutch count with agreement of noun and verb: '1 afspraak noemt', '3 afspraken noemen'."""
    if n == 0:
        return f"geen enkele {one}"
    return f"{n} {one if n == 1 else many}"


def build_findings(stats: _Stats, cfg: dict[str, Any] | None = None) -> tuple[Finding, ...]:
    cfg = cfg or load_config()
    s = stats.scores
    findings = []
    for code, figure, severity, ids_key, extra in _fire(s, cfg["thresholds"]):
        spec = cfg["finding"][code]
        fields = {**{k: v for k, v in s.items() if not isinstance(v, (dict, list))}, **extra, "figure": figure}
        # a count of one takes the singular sentence when the finding has one ("1 afspraak noemt")
        template = spec["text_one"] if figure == "1" and "text_one" in spec else spec["text"]
        # a jaarschijf or werkafspraken document may rely on the raam for its process clauses
        part = bool(s.get("part_of_raam")) and "text_part" in spec
        if part:
            template, severity = spec["text_part"], severity / 2
        findings.append(
            Finding(
                code=code,
                lens=spec["lens"],
                dimension=spec["dimension"],
                weight=round(spec["weight"] + 10 * max(0.0, min(1.0, severity)), 2),
                text=template.format(**fields),
                figure=figure,
                clause_ids=tuple(stats.ids.get(ids_key, ())) if ids_key else (),
            )
        )
    findings.sort(key=lambda f: (-f.weight, f.code))
    return tuple(findings)


# ------------------------------------------------------------------ verdicts


def lens_levels(s: dict[str, Any]) -> dict[str, str]:
    """Level per lens: 'goed' | 'matig' | 'zwak' (rules in docs/report-json-schema.md)."""
    th = load_config()["thresholds"]
    parts = [s["share_smart"], 1 - (s["share_hedged"] or 0), s["share_T"],
             0.0 if s["one_sided"] else min(1.0, (s["share_reciprocal"] or 0) / th["reciprocal_low"])]
    vals = [p for p in parts if p is not None]
    prest = sum(vals) / len(vals) if vals and s["n_agreements"] else 0.0
    levels = {"prestaties": "goed" if prest >= 0.7 else "matig" if prest >= 0.45 else "zwak"}
    # measured on firm or measurable effect agreements (see compute_scores)
    # goed: enough firm effect agreements; matig: effects named, a few of them measurable
    firm, eff = s.get("share_effect_firm") or 0.0, s.get("share_effect") or 0.0
    n_agr = s.get("n_agreements") or 0
    measurable = (s.get("n_effect_measurable", 0) / n_agr) if n_agr else 0.0
    levels["effecten"] = ("goed" if firm >= th["effect_good"]
                          else "matig" if round(eff * 100) >= round(th["effect_low"] * 100) and measurable >= th["effect_measurable_min"]
                          else "zwak")
    present = sum(bool(s[f"has_{k}"]) for k in PROCESS_CUES) - (1 if s["n_disclaimer"] else 0) - (1 if s["thick"] else 0)
    levels["relaties"] = "goed" if present >= 4 else "matig" if present >= 2 else "zwak"
    return levels


def build_verdicts(s: dict[str, Any], cfg: dict[str, Any] | None = None) -> dict[str, str]:
    cfg = cfg or load_config()
    names = {"monitoring": "monitoring", "evaluation": "evaluatie", "dispute": "geschillenregeling",
             "tenant_involvement": "rol van de huurders"}
    missing = [names[k] for k in PROCESS_CUES if not s[f"has_{k}"]]
    missing_text = ("ontbreekt: " + ", ".join(missing)) if missing else "wel zijn er signalen van weinig vertrouwen (dik document of disclaimers)"
    return {
        lens: cfg["verdict"][lens][level].format(missing_process=missing_text)
        for lens, level in lens_levels(s).items()
    }


def diagnose(clauses: Sequence[AnalysedClause], metadata: Metadata, n_pages: int) -> Diagnosis:
    """Scores, findings (ordered by weight), verdicts per lens and per-clause suggestions."""
    from analyser.suggest import suggest

    cfg = load_config()
    stats = compute_scores(clauses, metadata, n_pages, cfg)
    stats.scores["levels"] = lens_levels(stats.scores)
    suggestions = tuple(sg for ac in clauses for sg in suggest(ac, metadata))
    stats.scores["n_suggestions"] = len(suggestions)
    return Diagnosis(
        scores=stats.scores,
        findings=build_findings(stats, cfg),
        verdicts=build_verdicts(stats.scores, cfg),
        suggestions=suggestions,
    )
