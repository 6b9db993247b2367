"""Document metadata from the document itself: parties, title, type, looptijd, signing date.

Pure functions over ``Document.pages[].lines`` (and table cells). Names are looked for where
a reader finds them: the cover (page 1), the "Partijen"/"Ondergetekenden" section and the
signature page, so a corporation that is merely mentioned in the text is not made a party.
Name patterns, Dutch months, document-type rules and signing cues are data
(``data/metadata.toml``).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from typing import Any, Sequence

from analyser.settings import DATA_DIR
from analyser.types import Clause, Document, Metadata, Page

_YEAR = r"(?:19|20)\d{2}"
_RANGE = re.compile(rf"\b({_YEAR})\s*(?:-|–|—|t/m|tot en met|tot)\s*({_YEAR})\b")


@lru_cache(maxsize=2)
def load_patterns(name: str = "metadata.toml") -> dict[str, Any]:
    with open(DATA_DIR / name, "rb") as fh:
        cfg = tomllib.load(fh)
    parts = "|".join(re.escape(p) for p in cfg["name_particles"])
    word = r"(?:[A-ZÀÁÂÄÉÈÊËÍÏÓÖÚÜ'’][\w'’&-]*|\d+-?[A-Za-z][\w-]*)"
    tail = rf"(?:[ \t]+(?:(?:{parts})[ \t]+)*{word})"
    cfg["_tail"] = tail

    def prefixed(prefixes: list[str], n: str = "{1,4}") -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{'|'.join(prefixes)}){tail}{n}")

    cfg["_gemeente"] = re.compile(rf"(?<![\w-])(?:{'|'.join(cfg['gemeente_prefix'])})((?:{tail}){{1,4}})")
    cfg["_huurders"] = prefixed(cfg["huurders_prefix"])
    cfg["_corp_prefix"] = prefixed(cfg["corporatie_prefix"])
    cfg["_corp_shape"] = re.compile(rf"(?<![\w-])(?:{'|'.join(cfg['corporatie_shape'])}){tail}{{0,3}}")
    known = "|".join(re.escape(k) for k in sorted(cfg["known_corporaties"], key=len, reverse=True))
    cfg["_corp_known"] = re.compile(rf"(?<![\w-])(?:{known})(?![\w-]){tail}{{0,2}}")
    cfg["_other"] = prefixed(cfg["other_prefix"])
    cfg["_other_suffix"] = re.compile(rf"(?<![\w-]){word}(?:[ \t]+{word}){{0,2}}[ \t]+(?:{'|'.join(cfg['other_suffix'])})\b")
    months = cfg["months"] + [m + r"\.?" for m in cfg["month_abbrev"]]
    cfg["_date"] = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(months)})\s+({_YEAR})\b", re.I)
    cfg["_date_num"] = re.compile(rf"\b(\d{{1,2}})[-/.](\d{{1,2}})[-/.]({_YEAR})\b")
    cfg["_unsigned"] = [re.compile(p, re.I) for p in cfg["unsigned_cues"]]
    cfg["_prefix_end"] = re.compile(
        rf"(?:{'|'.join(cfg['corporatie_prefix'] + cfg['huurders_prefix'] + cfg['gemeente_prefix'])}|\b(?:{parts}))\s*$"
    )
    return cfg


# ------------------------------------------------------------------ text zones


def page_lines(page: Page) -> list[str]:
    """Visual lines plus table rows (cells joined), a line ending in a name prefix joined to the next."""
    cfg = load_patterns()
    raw = [ln.text.strip() for ln in page.lines if ln.text.strip()]
    raw += [" | ".join(c for c in row if c) for t in page.tables for row in t.rows]
    out: list[str] = []
    for line in raw:
        if out and out[-1][-1:] in "\u2010\u00ad" and line[:1].isalpha():
            out[-1] = out[-1][:-1] + line  # a word hyphenated across lines
        elif out and cfg["_prefix_end"].search(out[-1]) and line[:1].isupper():
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def _section(pages: Sequence[Page], heads: list[str], max_lines: int = 40) -> list[str]:
    """Lines from a heading that names the parties up to the next heading (bold/large line)."""
    head_re = re.compile(rf"^(?:\d+(?:\.\d+)*\.?\s+)?(?:{'|'.join(re.escape(h) for h in heads)})\s*:?\s*$", re.I)
    out: list[str] = []
    for page in pages:
        lines = [ln for ln in page.lines if ln.text.strip()]
        body = Counter(round(ln.size) for ln in lines).most_common(1)[0][0] if lines else 0
        for i, ln in enumerate(lines):
            if head_re.match(ln.text.strip()):
                for nxt in lines[i + 1 : i + 1 + max_lines]:
                    if (nxt.bold or round(nxt.size) > body) and re.match(r"^\d+(\.\d+)*\s+[A-Z]", nxt.text):
                        break
                    out.append(nxt.text.strip())
    return out


def _signature_zone(pages: Sequence[Page]) -> list[str]:
    """From the last signing cue to the end of that page (and the next page)."""
    cfg = load_patterns()
    cue = re.compile(rf"\b(?:{'|'.join(cfg['signature_cues'])})", re.I)
    for idx in range(len(pages) - 1, -1, -1):
        lines = page_lines(pages[idx])
        hits = [i for i, t in enumerate(lines) if cue.search(t)]
        if hits:
            zone = lines[hits[0]:]
            if idx + 1 < len(pages):
                zone += page_lines(pages[idx + 1])
            return zone
    return []


def _zones(document: Document) -> dict[str, list[str]]:
    pages = document.pages
    return {
        "cover": page_lines(pages[0]) if pages else [],
        "parties": _section(pages, load_patterns()["party_headings"]),
        "signature": _signature_zone(pages),
    }


# ------------------------------------------------------------------ names


def _clean(name: str) -> str:
    cfg = load_patterns()
    name = re.sub(r"\s+", " ", name).strip(" .,;:·|-–")
    words = name.split(" ")
    for i, w in enumerate(words[1:], start=1):
        if w in cfg["name_stopwords"]:
            words = words[:i]
            break
    while len(words) > 1 and words[-1].lower() in cfg["name_particles"]:
        words.pop()
    return " ".join(words)


def _name(line: str, m: re.Match[str], start: int = 0) -> str:
    """Cleaned name of a match; a trailing initial ('Meerveld C. Smits') is not part of it."""
    text = m.group(0)[start:] if start else m.group(0)
    if line[m.end() : m.end() + 1] == "." and re.search(r"\s[A-Z][a-z]?$", text):
        text = text[: text.rfind(" ")]
    return _clean(text)


def _add(found: list[str], name: str) -> None:
    """Keep the longest form of a name: 'Stadswonen' and 'Stadswonen Rivierstad' are one party."""
    low = name.lower()
    for i, have in enumerate(found):
        h = have.lower()
        if low == h or re.search(rf"(?<!\w){re.escape(low)}(?!\w)", h):
            return
        if re.search(rf"(?<!\w){re.escape(h)}(?!\w)", low):
            found[i] = name
            return
    found.append(name)


def _names_in(lines: list[str]) -> dict[str, list[str]]:
    cfg = load_patterns()
    res: dict[str, list[str]] = {"huurders": [], "corporaties": [], "other": []}
    for line in lines:
        taken: list[tuple[int, int]] = []

        def free(m: re.Match[str]) -> bool:
            return not any(m.start() < e and s < m.end() for s, e in taken)

        for m in cfg["_huurders"].finditer(line):
            taken.append(m.span())
            _add(res["huurders"], _name(line, m))
        for pat in ("_other", "_other_suffix"):
            for m in cfg[pat].finditer(line):
                if free(m) and not re.match(r"(?i)stichting\b", m.group(0)):
                    taken.append(m.span())
                    _add(res["other"], _name(line, m))
        for pat in ("_corp_prefix", "_corp_shape", "_corp_known"):
            for m in cfg[pat].finditer(line):
                if not free(m):
                    continue
                name = _name(line, m)
                first = name.split(" ")[0].lower()
                if first in cfg["not_corporatie"] or name.lower() in cfg["not_corporatie"]:
                    continue
                if name.startswith("stichting "):  # "de stichting X" describes X; "Stichting X" is the name
                    rest = name.split(" ", 1)[1]
                    if cfg["_corp_shape"].fullmatch(rest) or cfg["_corp_prefix"].fullmatch(rest):
                        name = rest
                taken.append(m.span())
                _add(res["corporaties"], name[:1].upper() + name[1:])
    return res


def _gemeente(zones: dict[str, list[str]], document: Document) -> str | None:
    cfg = load_patterns()
    count: Counter[str] = Counter()
    for key in ("cover", "parties", "signature"):
        for line in zones[key]:
            for m in cfg["_gemeente"].finditer(line):
                count[_name(line, m, m.start(1) - m.start())] += 1
    if not count:
        for page in document.pages:
            for line in page_lines(page):
                for m in cfg["_gemeente"].finditer(line):
                    count[_clean(m.group(1))] += 1
    return count.most_common(1)[0][0] if count else None


# ------------------------------------------------------------------ title, type, years, date


_TYPE_WORD = r"(?:prestatieafspraken|raamafspraken|kaderafspraken|jaarschijf|werkafspraken|addendum|jaarafspraken)"
_TYPED = re.compile(rf"\b{_TYPE_WORD}\b(?:[ \t]+[^\d\n]{{0,40}}?)?[ \t]*{_YEAR}(?:\s*[-–]\s*{_YEAR})?", re.I)


def unsmallcap(text: str) -> str:
    """Small caps read back as 'RaamafspRaken' -> 'Raamafspraken' (a capital after lowercase letters)."""
    return re.sub(r"\b([A-Z]?[a-z]+)([A-Z]+[A-Za-z]*)\b", lambda m: m.group(1) + m.group(2).lower(), text)


def compose_title(main: str, sub: str = "") -> str:
    """Cover title: 'Wonen in X' + 'Prestatieafspraken 2025-2028 van ...' -> 'Wonen in X – Prestatieafspraken 2025-2028'."""
    main = re.sub(r"\s+", " ", main).strip()
    sub = re.sub(r"\s+", " ", sub).strip()
    m = re.search(rf"\b{_TYPE_WORD}\b", main, re.I)
    if m and m.start() > 0 and not re.search(r"[–—:-]\s*$", main[: m.start()].strip()):
        typed = _TYPED.match(main, m.start())
        return f"{main[: m.start()].strip()} – {typed.group(0) if typed else main[m.start():]}"
    if not m:
        typed = _TYPED.match(sub)
        if typed:
            return f"{main} – {typed.group(0)}"
    lead = re.match(rf"{_TYPE_WORD} bij (?:de|het) .*?{_YEAR}(?:\s*[-–]\s*{_YEAR})?", sub, re.I)
    if m and m.start() == 0 and lead:  # 'Werkafspraken 2026' + 'Addendum bij de prestatieafspraken X 2024-2027'
        return f"{main} – {lead.group(0)[:1].lower()}{lead.group(0)[1:]}"
    b = re.search(rf"\bbij (?:de|het) .*?(?:{_YEAR}(?:\s*[-–]\s*{_YEAR})?)", sub)
    if b and not re.search(r"\bbij (de|het)\b", main):
        main += " " + b.group(0)
    return main


def extract_title(page: Page) -> str | None:
    lines = [ln for ln in page.lines if ln.text.strip() and not re.fullmatch(r"(?i)\s*concept\w*\s*", ln.text)]
    if not lines:  # a cover laid out as one table cell
        cells = [c for t in page.tables for row in t.rows for c in row if c.strip()]
        return compose_title(cells[0][:200]) if cells else None
    top = max(ln.size for ln in lines)
    i = next(i for i, ln in enumerate(lines) if ln.size >= 0.75 * top)
    title = []
    while i < len(lines) and lines[i].size >= 0.75 * top:
        title.append(unsmallcap(lines[i].text.strip()))
        i += 1
    sub = " ".join(ln.text.strip() for ln in lines[i : i + 3] if "·" not in ln.text)
    return compose_title(" ".join(title), sub) or None


def extract_doc_type(title: str | None, cover: list[str]) -> str:
    cfg = load_patterns()
    for rule in cfg["doc_type"]:  # the word the title starts with decides first
        if title and re.match(rf"\s*(?:{rule['pattern']})", title, re.I):
            return rule["type"]
    for source in (title or "", "\n".join(cover)):
        for rule in cfg["doc_type"]:
            if re.search(rule["pattern"], source, re.I | re.M):
                return rule["type"]
    return "onbekend"


def extract_looptijd(title: str | None, doc_type: str, jaarschijf: int | None, text: str) -> tuple[int | None, int | None]:
    if doc_type in ("jaarschijf", "werkafspraken") and jaarschijf:
        return jaarschijf, jaarschijf
    cue = re.compile(rf"\b(?:looptijd|gelden|geldt|gelden van|lopen|loopt|geldig)\b[^.]{{0,80}}?\b({_YEAR})\b[^.]{{0,30}}?(?:tot en met|t/m|tot|-|–)\s*(?:\d{{1,2}}\s+\w+\s+)?({_YEAR})\b", re.I)
    m = cue.search(text)
    if m:
        return int(m.group(1)), int(m.group(2))
    for source in (title or "", text):
        m = _RANGE.search(source) if source is title else re.search(rf"\bperiode\s+({_YEAR})\s*(?:-|–|t/m|tot en met)\s*({_YEAR})", source, re.I)
        if m:
            return int(m.group(1)), int(m.group(2))
    if title:
        years = re.findall(rf"\b{_YEAR}\b", title)
        if len(years) == 1:
            return int(years[0]), int(years[0])
    return None, None


def parse_date(text: str) -> str | None:
    """The first Dutch date in text as ISO: '12 december 2023' -> '2023-12-12'."""
    cfg = load_patterns()
    m = cfg["_date"].search(text)
    if m:
        mon = m.group(2).lower().rstrip(".")
        month = cfg["months"].index(mon) + 1 if mon in cfg["months"] else cfg["month_abbrev"].index(mon[:3]) + 1
        return f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(1)):02d}"
    m = cfg["_date_num"].search(text)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def extract_signing_date(document: Document, zones: dict[str, list[str]]) -> str | None:
    cfg = load_patterns()
    sig = " ".join(zones["signature"])
    if any(p.search(sig) for p in cfg["_unsigned"][4:]):
        return None  # empty signature lines
    heads = [page_lines(p) for p in document.pages]
    edges = " ".join(ls[0] + " " + ls[-1] for ls in heads if ls) + " " + " ".join(zones["cover"][:6])
    if any(p.search(edges) for p in cfg["_unsigned"][:4]):
        return None  # a concept
    cue = re.compile(rf"\b(?:{'|'.join(cfg['signing_before'])})\b", re.I)
    deadline = re.compile(r"(?:vóór|voor|uiterlijk|per|tot|na)\s*$", re.I)
    for lines in reversed(heads):
        flat = re.sub(r"(\w)[\u2010\u00ad]\s+(?=[a-z])", r"\1", " ".join(lines))
        for m in reversed(list(cue.finditer(flat))):
            window = flat[m.end() : m.end() + 70]
            for d in cfg["_date"].finditer(window):
                if not deadline.search(window[: d.start()]) and "|" not in window[: d.start()]:
                    return parse_date(d.group(0))
            before = re.search(r"(\d{1,2}\s+\w+\.?\s+(?:19|20)\d{2})\s*(?:hebben|heeft|is|zijn)?\s*$", flat[max(0, m.start() - 40) : m.start()])
            if before and parse_date(before.group(1)):
                return parse_date(before.group(1))
    return None


def extract_metadata(document: Document, clauses: Sequence[Clause] = ()) -> Metadata:
    """Metadata of one agreement, read from its cover, party section and signature page."""
    if not document.pages:
        return Metadata()
    zones = _zones(document)
    names = _names_in(zones["cover"] + zones["parties"] + zones["signature"])
    title = extract_title(document.pages[0])
    doc_type = extract_doc_type(title, zones["cover"])
    jaarschijf = None
    if doc_type in ("jaarschijf", "werkafspraken"):
        m = re.search(rf"\b(?:jaarschijf|jaarafspraken|jaarplan|werkafspraken)\s+(?:voor\s+)?({_YEAR})\b(?!\s*[-–])", (title or "") + "\n" + "\n".join(zones["cover"]), re.I)
        years = re.findall(rf"\b{_YEAR}\b", title or "")
        jaarschijf = int(m.group(1)) if m else (int(years[0]) if len(years) == 1 else None)
    if jaarschijf is None:
        for page in document.pages:
            for ln in page.lines:
                m = re.fullmatch(rf"\s*(?:\d+(?:\.\d+)*\.?\s+)?jaarschijf\s+({_YEAR})\s*", ln.text, re.I)
                if m and (ln.bold or ln.size > 11):
                    jaarschijf = int(m.group(1))
                    break
            if jaarschijf:
                break
    text = " ".join(" ".join(page_lines(p)) for p in document.pages)
    start, end = extract_looptijd(title, doc_type, jaarschijf, text)
    return Metadata(
        gemeente=_gemeente(zones, document),
        corporaties=tuple(names["corporaties"]),
        huurdersorganisaties=tuple(names["huurders"]),
        other_parties=tuple(names["other"]),
        title=title,
        doc_type=doc_type,
        looptijd_start=start,
        looptijd_end=end,
        jaarschijf=jaarschijf,
        signing_date=extract_signing_date(document, zones),
    )
