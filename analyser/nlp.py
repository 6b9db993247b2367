"""The Dutch spaCy pipeline: ``spacy.blank("nl")`` plus our own evidence component.

No pretrained pipeline is reachable, so the language evidence comes from the tokenizer, a
number getter that knows Dutch separators and number words, and a Matcher compiled from the
cue lexicon in ``analyser/data/lexicon.toml`` (rules as data). ``load_nlp()`` builds the
pipeline once; callers keep the object. Nothing is loaded at import.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from analyser.settings import DATA_DIR

LEXICON_PATH = DATA_DIR / "lexicon.toml"
NAMES_PATH = DATA_DIR / "party_names.toml"  # names of Dutch gemeenten and corporations
EVIDENCE_KEY = "evidence"

_DIGITS = re.compile(r"^[€]?\d{1,3}([.]\d{3})+(,\d+)?(,-)?$|^[€]?\d+(,\d+)?(,-)?%?$|^\d+([.,]\d+)?%$")
_YEAR = r"^(199\d|20\d\d)$"


@lru_cache(maxsize=4)
def load_lexicon(path: str | Path = LEXICON_PATH) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _number_word_regex(units: list[str]) -> re.Pattern[str]:
    # compounds such as "eenentwintig", "tweehonderdvijftig", "drieduizend"
    parts = sorted({u for u in units if u not in ("een",)} | {"een", "ën", "en"}, key=len, reverse=True)
    morph = "|".join(re.escape(p) for p in parts)
    return re.compile(rf"^(?:{morph})+$")


def is_number_text(text: str, number_words: re.Pattern[str]) -> bool:
    low = text.lower()
    if re.match(_YEAR, low):  # years are time, not quantities
        return False
    if _DIGITS.match(low):
        return True
    if low in ("een", "en", "ën", "één"):  # the article / conjunction, not a count
        return False
    return bool(number_words.match(low))


def _token_spec(tok: str, months: list[str]) -> dict[str, Any]:
    """Translate one token of the lexicon grammar into a Matcher token pattern."""
    optional = tok.endswith("?") and len(tok) > 1 and not tok.startswith("~")
    if optional:
        tok = tok[:-1]
    if tok == "<num>":
        spec: dict[str, Any] = {"_": {"is_num": True}}
    elif tok == "<year>":
        spec = {"TEXT": {"REGEX": _YEAR}}
    elif tok == "<month>":
        spec = {"LOWER": {"IN": months + [m + "." for m in months]}}
    elif tok == "<any>":
        spec = {}
    elif tok.startswith("="):
        spec = {"TEXT": {"REGEX": "^(?:" + tok[1:] + ")$"}}
    elif tok.startswith("~"):
        spec = {"LOWER": {"REGEX": "^(?:" + tok[1:] + ")$"}}
    elif tok.endswith("*") and tok.startswith("*"):
        spec = {"LOWER": {"REGEX": re.escape(tok[1:-1])}}
    elif tok.endswith("*"):
        spec = {"LOWER": {"REGEX": "^" + re.escape(tok[:-1])}}
    elif tok.startswith("*"):
        spec = {"LOWER": {"REGEX": re.escape(tok[1:]) + "$"}}
    else:
        spec = {"LOWER": tok}
    if optional:
        spec["OP"] = "?"
    return spec


def _split_regex(pattern: str) -> list[str]:
    """Split a pattern on spaces outside parentheses."""
    tokens, depth, cur = [], 0, []
    for ch in pattern:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == " " and depth == 0:
            tokens.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    tokens.append("".join(cur))
    return tokens


def _literal(tok: str) -> bool:
    return not (tok.startswith(("~", "=", "<", "*")) or tok.endswith(("*", "?")))


def _single_predicate(tok: str, months: list[str], number_words: re.Pattern[str]):
    """A one-token pattern as a plain Python test on (text, lower)."""
    if tok == "<num>":
        return lambda text, low: is_number_text(text, number_words)
    if tok == "<year>":
        rx = re.compile(_YEAR)
        return lambda text, low: bool(rx.match(text))
    if tok == "<month>":
        names = set(months) | {m + "." for m in months}
        return lambda text, low: low in names
    if tok.startswith("="):
        rx = re.compile("^(?:" + tok[1:] + ")$")
        return lambda text, low: bool(rx.match(text))
    if tok.startswith("~"):
        rx = re.compile("^(?:" + tok[1:] + ")$")
        return lambda text, low: bool(rx.match(low))
    if tok.startswith("*") and tok.endswith("*"):
        part = tok[1:-1]
        return lambda text, low: part in low
    if tok.endswith("*"):
        stem = tok[:-1]
        return lambda text, low: low.startswith(stem)
    if tok.startswith("*"):
        tail = tok[1:]
        return lambda text, low: low.endswith(tail)
    return lambda text, low: low == tok


def split_patterns(lexicon: dict[str, Any], number_words: re.Pattern[str]):
    """Sort the lexicon by cost: literal phrases (PhraseMatcher), one-token tests (cached per
    word form), and the rest (Matcher with regex, number and optional tokens)."""
    months = lexicon["months"]["names"]
    phrases: dict[str, list[str]] = {}
    singles: list[tuple[str, Any]] = []
    complex_: dict[str, list[list[dict[str, Any]]]] = {}
    for fam in lexicon["families"].values():
        label = fam["label"]
        for pattern in fam["patterns"]:
            tokens = [t for t in _split_regex(pattern) if t]
            if all(_literal(t) for t in tokens):
                phrases.setdefault(label, []).append(" ".join(tokens))
            elif len(tokens) == 1:
                singles.append((label, _single_predicate(tokens[0], months, number_words)))
            else:
                complex_.setdefault(label, []).append([_token_spec(t, months) for t in tokens])
    return phrases, singles, complex_


def load_names(path: str | Path = NAMES_PATH) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def load_nlp(lexicon_path: str | Path = LEXICON_PATH, names_path: str | Path = NAMES_PATH):
    """Blank Dutch pipeline + tokenizer special cases + the ``evidence`` component."""
    import spacy
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.symbols import ORTH
    from spacy.tokens import Doc, Span, SpanGroup, Token

    lexicon = load_lexicon(str(lexicon_path))
    number_words = _number_word_regex(lexicon["number_words"]["units"])
    Token.set_extension("is_num", getter=lambda t: is_number_text(t.text, number_words), force=True)

    nlp = spacy.blank("nl")
    for case in lexicon["tokenizer"]["special_cases"]:
        nlp.tokenizer.add_special_case(case, [{ORTH: case}])
        if case[0].isalpha():
            nlp.tokenizer.add_special_case(case.capitalize(), [{ORTH: case.capitalize()}])

    for case in lexicon["tokenizer"].get("split_period", []):
        nlp.tokenizer.add_special_case(case, [{ORTH: case[:-1]}, {ORTH: "."}])

    phrases, singles, complex_ = split_patterns(lexicon, number_words)
    phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, texts in phrases.items():
        phrase_matcher.add(label, [nlp.make_doc(t) for t in texts])
    matcher = Matcher(nlp.vocab)
    for label, patterns in complex_.items():
        matcher.add(label, patterns)
    # names of gemeenten and corporations, case-sensitive; names that are also ordinary words
    # ("Best", "Buren", "Portaal") count only when not the first word of a sentence
    names = load_names(names_path)
    name_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    ambiguous: set[str] = set()
    for party, entry in names.items():
        name_matcher.add("party:" + party, [nlp.make_doc(n) for n in entry["names"]])
        ambiguous.update(entry.get("ambiguous", []))

    def name_matches(doc: Doc):
        for match_id, start, end in name_matcher(doc):
            if doc[start:end].text in ambiguous and (start == 0 or doc[start - 1].text in (".", ":", ";", "|", "•", "-")):
                continue
            yield match_id, start, end

    word_cache: dict[str, tuple[str, ...]] = {}  # word form -> labels of the one-token tests

    def word_labels(text: str) -> tuple[str, ...]:
        hit = word_cache.get(text)
        if hit is None:
            low = text.lower()
            hit = tuple(dict.fromkeys(label for label, test in singles if test(text, low)))
            if len(word_cache) < 500_000:
                word_cache[text] = hit
        return hit

    @Language.component("analyser_evidence")
    def evidence_component(doc: Doc) -> Doc:
        by_label: dict[str, list] = {}
        for match_id, start, end in list(phrase_matcher(doc)) + list(matcher(doc)) + list(name_matches(doc)):
            by_label.setdefault(nlp.vocab.strings[match_id], []).append((start, end))
        for i, token in enumerate(doc):
            for label in word_labels(token.text):
                by_label.setdefault(label, []).append((i, i + 1))
        spans = []
        for label, ranges in by_label.items():
            # longest first, drop overlaps within one family
            ranges.sort(key=lambda r: (-(r[1] - r[0]), r[0]))
            taken: list[tuple[int, int]] = []
            for s, e in ranges:
                if all(e <= ts or s >= te for ts, te in taken):
                    taken.append((s, e))
            spans.extend(Span(doc, s, e, label=label) for s, e in taken)
        spans.sort(key=lambda sp: (sp.start, sp.end))
        doc.spans[EVIDENCE_KEY] = SpanGroup(doc, name=EVIDENCE_KEY, spans=spans)
        return doc

    nlp.add_pipe("analyser_evidence")
    nlp.meta["name"] = "analyser_nl"
    return nlp
