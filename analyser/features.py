"""Clause text -> ClauseFeatures: evidence spans and the numeric features the models read.

The only module where spaCy Docs live. ``featurize`` runs ``nlp.pipe`` in batches; names of
the document's own corporations and tenant bodies (from metadata) are matched as parties too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from analyser.nlp import EVIDENCE_KEY
from analyser.types import Evidence

FEATURES_VERSION = "4"  # bump when _features() changes what it computes (models must be retrained)
PARTY_LABELS = ("gemeente", "corporatie", "huurders", "overig", "partijen")
# prepositions that make a following party an object or beneficiary, not the one bound
_OBJECT_PREPS = {"aan", "voor", "van", "naar", "bij", "richting", "tussen", "over", "namens", "om", "tot", "op", "binnen", "per", "uit", "in"}
_COACTOR = {"met"}
# words that may sit between the parties of one coordinated subject ("de gemeente, de vijf corporaties en de huurders")
_GROUP_GLUE = {",", "en", "&", "of", "/", "de", "het", "alle", "beide", "betrokken", "onze", "deze", "twee", "drie",
               "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "lokale", "gezamenlijke", "samenwerkende"}
_PERMISSION = {"mag", "mogen"}
_YEAR_RE = re.compile(r"\b(199\d|20\d\d)\b")
_NUM_RE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class ClauseFeatures:
    text: str
    norm_text: str  # what the text vectorizers read
    evidence: tuple[Evidence, ...]
    dense: Mapping[str, float] = field(default_factory=dict)


def normalise_text(text: str) -> str:
    """Lowercase; years -> 'jaartal', other numbers -> '0'; table separators -> 'celscheiding'."""
    low = text.lower()
    low = _YEAR_RE.sub(" jaartal ", low)
    low = _NUM_RE.sub(" 0 ", low)
    low = low.replace("|", " celscheiding ")
    return re.sub(r"\s+", " ", low).strip()


def name_variants(name: str) -> list[str]:
    """A party name and its short form without a legal prefix ("Woonstichting De Linde" -> "De Linde")."""
    from analyser.nlp import load_lexicon

    prefixes = set(load_lexicon()["names"]["strip_prefixes"])
    words = name.split()
    out = [name]
    if len(words) >= 2 and words[0].lower() in prefixes:
        out.append(" ".join(words[1:]))
    return out


def _name_matcher(nlp, names: Mapping[str, str] | None):
    if not names:
        return None
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, party in names.items():
        if name and party in PARTY_LABELS:
            matcher.add("party:" + party, [nlp.make_doc(v) for v in name_variants(name)])
    return matcher


def featurize(
    texts: Sequence[str], nlp, names: Mapping[str, str] | None = None, batch_size: int = 256
) -> list[ClauseFeatures]:
    matcher = _name_matcher(nlp, names)
    out = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size)):
        spans = [(sp.label_, sp.start, sp.end) for sp in doc.spans[EVIDENCE_KEY]]
        if matcher is not None:
            for match_id, s, e in matcher(doc):
                spans.append((nlp.vocab.strings[match_id], s, e))
        out.append(_features(text, doc, spans))
    return out


def _clean_spans(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop quantities inside time expressions, party words inside longer party names, and a
    place name that is part of a body's name ("Huurdersvereniging Purmerend", "Woonstichting Etten-Leur")."""
    times = [(s, e) for lab, s, e in spans if lab == "time"]
    parties = [(s, e) for lab, s, e in spans if lab.startswith("party:")]
    body_ends = {e for lab, s, e in spans if lab in ("party:huurders", "party:corporatie")}
    kept = []
    for lab, s, e in spans:
        if lab == "party:gemeente" and s in body_ends:
            continue
        if lab == "quantity" and any(ts <= s and e <= te for ts, te in times):
            continue
        if lab.startswith("party:") and any(ps <= s and e <= pe and (pe - ps) > (e - s) for ps, pe in parties):
            continue
        kept.append((lab, s, e))
    return sorted(set(kept), key=lambda x: (x[1], x[2], x[0]))


def _cell_index(doc, token_i: int) -> int:
    return sum(1 for t in doc[:token_i] if t.text == "|")


def _prev_words(doc, start: int) -> list[str]:
    """Up to three words before a party mention, without articles and determiners."""
    prev = [t.lower_ for t in doc[max(0, start - 3) : start]]
    return [p for p in prev if p not in ("de", "het", "een", "alle", "betrokken", "beide", "onze", "deze")]


def _party_role(doc, start: int, first_verbish: int) -> str:
    prev = _prev_words(doc, start)
    last = prev[-1] if prev else ""
    if last == "door":
        return "agent"
    if len(prev) >= 2 and prev[-2:] == ["samen", "met"] or last in _COACTOR:
        return "coactor"
    if last in _OBJECT_PREPS:
        return "object"
    if start <= 2 or (first_verbish >= 0 and start <= first_verbish + 2):
        return "subject"
    if last in ("en", ",", "&", "of"):
        return "conj"
    return "other"


def _after_preposition(doc, start: int) -> bool:
    prev = _prev_words(doc, start)
    return bool(prev) and (prev[-1] in _OBJECT_PREPS or prev[-1] in ("met", "door"))


def _is_name_word(tok) -> bool:
    """A word inside a proper name: capitalised (not the clause's first word), or 't / 's."""
    return tok.text in ("'t", "'s") or (tok.i > 0 and tok.is_alpha and tok.text[:1].isupper())


def _group_features(doc, spans, party_spans, dense: dict[str, float]) -> None:
    """The first coordinated group of parties (the likely subject) and what follows it.

    "Gemeente, corporaties en huurderskoepels onderzoeken ..." -> all three in the group;
    "De gemeente nodigt de huurdersorganisaties uit" -> huurders come later (an object);
    "De huurdersorganisaties worden betrokken / ontvangen / mogen ..." -> the group is passive,
    receiving or permitted, so it is not what is bound.
    """
    if not party_spans:
        return
    ordered = sorted(party_spans, key=lambda p: p[1])
    # a party after a preposition ("in Best", "met de huurders", "door de gemeente") is not the subject
    while ordered and _after_preposition(doc, ordered[0][1]):
        ordered = ordered[1:]
    if not ordered:
        return
    group = [ordered[0]]
    end = ordered[0][2]
    for party, s, e in ordered[1:]:
        if s < end:  # overlapping span (a name inside a longer name)
            group.append((party, s, e))
            end = max(end, e)
            continue
        gap = doc[end:s]
        if all(t.lower_ in _GROUP_GLUE or _is_name_word(t) for t in gap):
            group.append((party, s, e))
            end = max(end, e)
        else:
            break
    in_group = {p for p, _, _ in group}
    while end < len(doc) and _is_name_word(doc[end]):  # the rest of a name ("Huurdersvereniging Het Veen")
        end += 1
    follow = [t.lower_ for t in doc[end : end + 2]]
    passive_next = bool(follow) and follow[0] in ("wordt", "worden", "werd", "werden")
    receive_after = any(lab == "receive" and end <= s <= end + 2 for lab, s, _ in spans)
    permitted = bool(follow) and follow[0] in _PERMISSION
    starts_clause = group[0][1] <= 3
    for party in in_group:
        dense[f"g:{party}:group"] = 1.0
        if starts_clause:
            dense[f"g:{party}:group_start"] = 1.0
        if passive_next or receive_after:
            dense[f"g:{party}:group_receives"] = 1.0
        if permitted:
            dense[f"g:{party}:group_permitted"] = 1.0
    for party, s, e in ordered[len(group):]:
        if party not in in_group:
            dense[f"g:{party}:later"] = 1.0
    dense["g:group_size"] = float(len(in_group - {"partijen"}))


def _features(text: str, doc, raw_spans: list[tuple[str, int, int]]) -> ClauseFeatures:
    spans = _clean_spans(raw_spans)
    evidence = tuple(
        Evidence(label=lab, text=doc[s:e].text, start=doc[s].idx, end=doc[e - 1].idx + len(doc[e - 1].text))
        for lab, s, e in spans
    )
    dense: dict[str, float] = {}
    labels_present: dict[str, int] = {}
    for lab, _, _ in spans:
        labels_present[lab] = labels_present.get(lab, 0) + 1
    for lab, n in labels_present.items():
        dense["has:" + lab] = 1.0
        dense["n:" + lab] = math.log1p(n)

    is_table = "|" in text
    dense["table_row"] = float(is_table)
    if is_table:
        dense["n_cells"] = math.log1p(text.count("|") + 1)
    n_tok = len(doc)
    dense["len_log"] = math.log1p(n_tok)
    dense["short"] = float(n_tok <= 8)
    dense["long"] = float(n_tok >= 40)
    dense["n_sent_marks"] = math.log1p(sum(1 for t in doc if t.text in (".", ";")))
    dense["has_colon"] = float(":" in text)

    # first verb-like token: a hard/hedge/process/output cue that is not a noun-ish party
    cue_starts = sorted(s for lab, s, _ in spans if lab in ("hard", "hedge", "process", "passive"))
    first_verbish = cue_starts[0] if cue_starts else -1

    party_spans = [(lab.split(":", 1)[1], s, e) for lab, s, e in spans if lab.startswith("party:")]
    tenants = [(s, e) for lab, s, e in spans if lab == "tenants"]
    first_party = min(party_spans, key=lambda p: p[1])[0] if party_spans else None
    for party, s, e in party_spans:
        role = _party_role(doc, s, first_verbish)
        dense[f"p:{party}:any"] = 1.0
        dense[f"p:{party}:{role}"] = 1.0
        if party == first_party:
            dense[f"p:{party}:first"] = 1.0
        if is_table:
            cell = _cell_index(doc, s)
            dense[f"p:{party}:cell{min(cell, 2)}"] = 1.0
        if s <= 3:
            dense[f"p:{party}:start"] = 1.0
    _group_features(doc, spans, party_spans, dense)
    for s, e in tenants:
        dense[f"p:tenants:{_party_role(doc, s, first_verbish)}"] = 1.0
    n_party_types = len({p for p, _, _ in party_spans if p != "partijen"})
    dense["n_party_types"] = float(n_party_types)
    dense["no_party"] = float(not party_spans)
    passive = "passive" in labels_present
    dense["passive_no_party"] = float(passive and not party_spans)
    dense["passive_with_door"] = float(passive and any(t.lower_ == "door" for t in doc))

    years = [int(y) for y in _YEAR_RE.findall(text)]
    dense["n_years"] = math.log1p(len(years))
    dense["year_range"] = float(bool(re.search(r"(199\d|20\d\d)\s*[-–/]\s*(19|20)?\d\d|t/m|tot en met", text)))
    has_time = "time" in labels_present
    dense["time_only_vague"] = float("time_vague" in labels_present and not has_time)
    dense["quantity_real"] = float("quantity" in labels_present or "label" in labels_present)
    dense["quantity_only_vague"] = float("quantity_vague" in labels_present and not dense["quantity_real"])
    # "het aantal woningen" without the number: a count that is named but not given
    dense["count_without_number"] = float(not dense["quantity_real"] and any(t.lower_ in ("aantal", "aantallen") for t in doc))
    first = doc[0].lower_ if n_tok else ""
    dense["starts_hedge"] = float(any(lab == "hedge" and s <= 3 for lab, s, _ in spans))
    dense["starts_om"] = float(first == "om")
    dense["starts_er"] = float(first == "er")
    dense["has_zodat"] = float(any(t.lower_ in ("zodat", "waardoor", "opdat") for t in doc))
    dense["has_modal"] = float(any(t.lower_ in ("kan", "kunnen", "mag", "mogen", "wil", "willen") for t in doc))
    dense["has_percent"] = float("%" in text or "procent" in text.lower())
    dense["has_euro"] = float("€" in text or "euro" in text.lower())
    dense["has_question"] = float("?" in text)
    dense["past_tense"] = float(any(t.lower_ in ("was", "waren", "bedroeg", "bedroegen", "had", "hadden", "werd", "werden", "heeft", "hebben") for t in doc))
    return ClauseFeatures(text=text, norm_text=normalise_text(text), evidence=evidence, dense=dense)
