"""Clause + label -> Dutch before/after reformulation suggestions.

Five rules, templates in ``data/suggestions.toml``:

* ``activity_to_effect`` – an activity rewritten as the effect it serves (the seed's four
  reference pairs and the brief's effect indicators per theme);
* ``add_term`` – a substantive agreement without T gets a term inside the looptijd;
* ``add_party`` – a passive agreement gets the most plausible owner, marked "(voorstel)";
* ``unhedge`` – a hedged agreement becomes hard, or its effort measurable;
* ``reciprocal`` – an agreement binding only the corporatie gets the counterpart of the
  gemeente or the tenants.

Suggestions reuse the clause's own numbers, parties and years. A figure that is not in the
clause or the metadata is never written: a visible placeholder ([aantal], [percentage],
[jaar], [bedrag]) stands in its place.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from typing import Any

from analyser.settings import DATA_DIR
from analyser.types import AnalysedClause, Metadata, Suggestion

SUBSTANTIVE = ("activity", "effect")
_YEAR = re.compile(r"(?<![\d.,])(20[0-9]{2})(?![\d.,]*\d)")
_NUMBER = re.compile(r"(€\s*)?(?<![\w.,])\d[\d.,]*(\s*%|\s*procent)?")


@lru_cache(maxsize=2)
def load_templates(name: str = "suggestions.toml") -> dict[str, Any]:
    with open(DATA_DIR / name, "rb") as fh:
        cfg = tomllib.load(fh)
    for entry in cfg["effect"]:
        entry["_re"] = re.compile(entry["pattern"], re.IGNORECASE)
    for entry in cfg["owner"]:
        entry["_re"] = re.compile(entry["pattern"], re.IGNORECASE)
    cfg["_unhedge"] = [(re.compile(p, re.IGNORECASE), r) for p, r in cfg["hedge"]["rules"]]
    return cfg


# ------------------------------------------------------------------ helpers


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()
    text = re.sub(r",\s*,", ",", text)
    return _cap(text)


def _sentence_body(text: str) -> str:
    return text.strip().rstrip(" .;:")


def clause_years(text: str) -> list[int]:
    return sorted({int(y) for y in _YEAR.findall(text)})


def quantity_phrases(text: str, nouns: list[str]) -> list[str]:
    """The clause's own quantities with their noun: '120 sociale huurwoningen', '95 %'."""
    out = []
    words_re = re.compile(r"\s+([\w-]+)")
    for m in _NUMBER.finditer(text):
        num = m.group(0).strip()
        if re.fullmatch(r"20\d{2}", num):  # a year, not a quantity
            continue
        phrase, pos = num, m.end()
        for _ in range(3):
            w = words_re.match(text, pos)
            if not w:
                break
            phrase += " " + w.group(1)
            pos = w.end()
            if w.group(1).lower() in nouns:
                out.append(phrase)
                break
        else:
            if m.group(2) or m.group(1):  # a bare percentage or amount is still a quantity
                out.append(num)
    return out


def _term(metadata: Metadata, cfg: dict[str, Any]) -> str:
    year = metadata.looptijd_end or metadata.jaarschijf
    return f"uiterlijk eind {year}" if year else f"uiterlijk eind {cfg['placeholder_year']}"


def _party_name(party: str, ac: AnalysedClause, metadata: Metadata) -> tuple[str, bool]:
    """A Dutch name for a party type in this clause and whether it is plural."""
    text = ac.clause.text
    if party == "corporatie":
        named = [c for c in metadata.corporaties if c and c.lower() in text.lower()]
        if len(named) == 1:
            return named[0], False
        if len(metadata.corporaties) == 1 and not re.search(r"\bcorporaties\b", text, re.I):
            return metadata.corporaties[0], False
        return "de corporaties", True
    if party == "gemeente":
        return (f"de gemeente {metadata.gemeente}" if metadata.gemeente else "de gemeente"), False
    if party == "huurders":
        if len(metadata.huurdersorganisaties) == 1:
            return metadata.huurdersorganisaties[0], False
        return "de huurdersorganisaties" if metadata.huurdersorganisaties else "de huurdersorganisatie", bool(metadata.huurdersorganisaties)
    return "partijen", True


def plausible_owner(ac: AnalysedClause, cfg: dict[str, Any] | None = None) -> str:
    cfg = cfg or load_templates()
    for entry in cfg["owner"]:
        if entry["_re"].search(ac.clause.text):
            return entry["party"]
    return cfg["owner_by_theme"].get(ac.label.theme, "partijen")


def _subject(ac: AnalysedClause, metadata: Metadata, cfg: dict[str, Any]) -> tuple[str, bool]:
    parties = list(dict.fromkeys(ac.label.parties_obliged))
    if not parties:
        name, plural = _party_name(plausible_owner(ac, cfg), ac, metadata)
        return f"{name} (voorstel)", plural
    if len(parties) > 1:
        return "partijen", True
    return _party_name(parties[0], ac, metadata)


def _fields(ac: AnalysedClause, metadata: Metadata, cfg: dict[str, Any]) -> dict[str, str]:
    subject, plural = _subject(ac, metadata, cfg)
    years = clause_years(ac.clause.text)
    term = _term(metadata, cfg)
    if len(years) == 1:
        period = f"in {years[0]}"
    elif years:
        period = f"in de periode {years[0]}-{years[-1]}"
    else:
        period = term
    qty = quantity_phrases(ac.clause.text, cfg["quantity_nouns"])
    means = ("de afgesproken " + " en ".join(qty[:2])) if qty else "de afgesproken activiteiten"
    gem, _ = _party_name("gemeente", ac, metadata)
    hur, _ = _party_name("huurders", ac, metadata)
    verbs = {"zorgt": ("zorgt", "zorgen"), "zet": ("zet", "zetten"), "is": ("is", "zijn"),
             "legt": ("legt", "leggen"), "rapporteert": ("rapporteert", "rapporteren")}
    f = {k: v[1] if plural else v[0] for k, v in verbs.items()}
    f.update(Subject=_cap(subject), subject=subject, period=period, term=term, means=means,
             gemeente=gem, Gemeente=_cap(gem), huurders=hur, Huurders=_cap(hur))
    return f


# ------------------------------------------------------------------ rules


def _activity_to_effect(ac: AnalysedClause, md: Metadata, cfg: dict[str, Any]) -> Suggestion | None:
    if ac.label.kind != "activity":
        return None
    for entry in cfg["effect"]:
        if entry["_re"].search(ac.clause.text):
            after = entry["after"].format(**_fields(ac, md, cfg))
            return Suggestion(ac.clause.id, "activity_to_effect", ac.clause.text, _tidy(after), entry["note"])
    return None


def _add_term(ac: AnalysedClause, md: Metadata, cfg: dict[str, Any]) -> Suggestion | None:
    if ac.label.kind not in SUBSTANTIVE or ac.label.smart.T:
        return None
    spec = cfg["add_term"]
    term = _term(md, cfg)
    after = _sentence_body(ac.clause.text) + spec["after_suffix"].format(term=term) + "."
    note = spec["note"] if (md.looptijd_end or md.jaarschijf) else spec["note_no_looptijd"]
    return Suggestion(ac.clause.id, "add_term", ac.clause.text, _tidy(after), note)


def _add_party(ac: AnalysedClause, md: Metadata, cfg: dict[str, Any]) -> Suggestion | None:
    if ac.label.kind == "none" or ac.label.parties_obliged:
        return None
    from analyser.diagnose import hides_actor

    if not hides_actor(ac):  # an unbound sentence that does not hide an actor is mostly context
        return None
    owner, plural = _party_name(plausible_owner(ac, cfg), ac, md)
    after = cfg["add_party"]["after"].format(Owner=_cap(owner), is_are="zijn" if plural else "is",
                                             text=ac.clause.text.strip())
    return Suggestion(ac.clause.id, "add_party", ac.clause.text, _tidy(after), cfg["add_party"]["note"])


def _unhedge(ac: AnalysedClause, md: Metadata, cfg: dict[str, Any]) -> Suggestion | None:
    if ac.label.kind not in SUBSTANTIVE or not ac.label.hedged:
        return None
    f = _fields(ac, md, cfg)
    text = ac.clause.text.strip()
    for pattern, repl in cfg["_unhedge"]:
        text = pattern.sub(lambda m, r=repl: r.format(term=f["term"]), text, count=1)
    if _tidy(text) != _tidy(ac.clause.text):
        return Suggestion(ac.clause.id, "unhedge", ac.clause.text, _tidy(text), cfg["hedge"]["note"])
    after = cfg["hedge"]["fallback_after"].format(text=_sentence_body(ac.clause.text) + ".", **f)
    return Suggestion(ac.clause.id, "unhedge", ac.clause.text, _tidy(after), cfg["hedge"]["fallback_note"])


def _reciprocal(ac: AnalysedClause, md: Metadata, cfg: dict[str, Any]) -> Suggestion | None:
    lab = ac.label
    counterpart = cfg["reciprocal"]["counterpart"].get(lab.theme)
    if lab.kind not in SUBSTANTIVE or tuple(set(lab.parties_obliged)) != ("corporatie",) or not counterpart:
        return None
    if lab.reciprocal or any(e.label == "exchange" for e in lab.evidence):
        return None
    extra = counterpart.format(**_fields(ac, md, cfg))
    after = _sentence_body(ac.clause.text) + ". " + _cap(extra)
    return Suggestion(ac.clause.id, "reciprocal", ac.clause.text, _tidy(after), cfg["reciprocal"]["note"])


RULES = (_activity_to_effect, _add_term, _add_party, _unhedge, _reciprocal)


def suggest(ac: AnalysedClause, metadata: Metadata) -> list[Suggestion]:
    """Every reformulation that applies to one clause, in rule order; [] for non-agreements."""
    if ac.label.kind == "none" or not ac.clause.text.strip():
        return []
    cfg = load_templates()
    out = []
    for rule in RULES:
        s = rule(ac, metadata, cfg)
        if s is not None and s.after.strip() != ac.clause.text.strip():
            out.append(s)
    return out
