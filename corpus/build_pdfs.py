"""Render the fictional sample agreements in corpus/sources/ to PDF + expected labels.

One source file per document: ``corpus/sources/<name>.html``. It is ordinary HTML (rendered by
WeasyPrint) in which every labelled clause carries its labels in attributes:

    data-c="KIND THEME SMART PARTIES [FLAGS]"   e.g. data-c="act bes SMART corp,gem r"
    data-why="short rationale"                  (optional; a default is derived otherwise)
    data-label="3.2"                            (optional; else taken from a child .lbl span)

KIND: act|eff|proc|none (or the full word); THEME: bet|bes|duu|doe|zorg|leef|proc|ovr (or full);
SMART: the letters that are true ("SMART", "SART", "-" for none); PARTIES: comma list of
gem|corp|huur|ov or "partijen" (= gemeente, corporatie, huurders), "-" for none;
FLAGS: "r" reciprocal, "h" hedged (e.g. "rh"), "-" or absent for none.

Clause text = the element's text without .lbl spans (labels/bullets) and without footnotes
(.fn), whitespace normalised, block children joined with a space; a list item loses a trailing
";" or ",". A <tr class="sec"> (a spanning theme row) sets the second section level. For a <tr>: the cells joined
with " | " in column order; a first cell with class "nr" becomes the label instead. The lead-in of
a list item is the text of the previous sibling with class "lead" of its list (or the list's
data-lead attribute). The section is the path of the h1/h2/h3 headings above the clause.
The page is read from the rendered layout (element anchors) and checked against the PDF text
with pdfplumber. Metadata comes from <script type="application/json" id="meta">.

Usage: python corpus/build_pdfs.py [name ...]   (deterministic output; no dates in the PDF)
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import tinyhtml5

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUT = HERE / "documents"
NS = "{http://www.w3.org/1999/xhtml}"

KINDS = {"act": "activity", "eff": "effect", "proc": "process", "none": "none"}
THEMES = {
    "bet": "betaalbaarheid", "bes": "beschikbaarheid", "duu": "duurzaamheid",
    "doe": "doelgroepen", "zorg": "wonen_zorg", "leef": "leefbaarheid", "proc": "proces",
    "ovr": "overig",
}
PARTIES = {"gem": "gemeente", "corp": "corporatie", "huur": "huurders", "ov": "overig"}
PARTY_ORDER = ["gemeente", "corporatie", "huurders", "overig"]
BLOCK = {"p", "div", "li", "ul", "ol", "td", "th", "tr", "br", "h1", "h2", "h3", "h4",
         "table", "tbody", "thead", "section", "blockquote", "dd", "dt"}


def tag(el) -> str:
    t = el.tag if isinstance(el.tag, str) else ""
    return t[len(NS):] if t.startswith(NS) else t


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def norm(s: str) -> str:
    s = s.replace("\u00ad", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def text_of(el, skip=("fn", "lbl")) -> str:
    parts: list[str] = []

    def walk(e):
        if classes(e) & set(skip) or tag(e) in ("script", "style"):
            if e.tail:
                parts.append(e.tail)
            return
        block = tag(e) in BLOCK
        if block:
            parts.append(" ")
        if e.text:
            parts.append(e.text)
        for ch in e:
            walk(ch)
        if block:
            parts.append(" ")
        if e.tail:
            parts.append(e.tail)

    if el.text:
        parts.append(el.text)
    for ch in el:
        walk(ch)
    s = norm("".join(parts))
    return re.sub(r"\s+([,.;:)])", r"\1", s)


def parse_code(code: str) -> dict:
    tok = code.split()
    kind = KINDS.get(tok[0], tok[0])
    theme = THEMES.get(tok[1], tok[1])
    assert kind in KINDS.values(), code
    if kind == "process":
        theme = "proces"
    assert theme in THEMES.values(), code
    smart_letters = tok[2] if len(tok) > 2 else "-"
    parties_tok = tok[3] if len(tok) > 3 else "-"
    flags = tok[4] if len(tok) > 4 else "-"
    parties: set[str] = set()
    if parties_tok != "-":
        for p in parties_tok.split(","):
            if p == "partijen":
                parties |= {"gemeente", "corporatie", "huurders"}
            else:
                parties.add(PARTIES.get(p, p))
    assert parties <= set(PARTY_ORDER), code
    smart = {k: (k in smart_letters) for k in "SMART"}
    if kind == "none":
        smart = {k: False for k in "SMART"}
        parties = set()
        flags = "-"
    return {
        "theme": theme, "kind": kind, "smart": smart, "is_smart": all(smart.values()),
        "parties_obliged": [p for p in PARTY_ORDER if p in parties],
        # the guide: two or more party types bound is reciprocal ("partijen" = all three)
        "reciprocal": "r" in flags or len(parties) >= 2, "hedged": "h" in flags,
    }


def default_rationale(lab: dict) -> str:
    if lab["kind"] == "none":
        return "Context or description, no commitment by a party."
    bits = [{"activity": "Output commitment", "effect": "Outcome for residents targeted",
             "process": "About how the parties cooperate"}[lab["kind"]]]
    if not lab["parties_obliged"]:
        bits.append("passive wording names no party")
    else:
        bits.append("bound: " + ", ".join(lab["parties_obliged"]))
    if lab["hedged"]:
        bits.append("soft wording")
    missing = [k for k, v in lab["smart"].items() if not v]
    bits.append("SMART" if not missing else "not " + "/".join(missing))
    return "; ".join(bits) + "."


def collect(root, name: str):
    """Walk the document in order; return (meta, clauses) and give clause elements ids."""
    meta = None
    headings: dict[int, str] = {}
    clauses = []
    parent = {}
    for p in root.iter():
        for ch in p:
            parent[ch] = p
    for el in root.iter():
        t = tag(el)
        if t == "script" and el.get("id") == "meta":
            meta = json.loads(el.text)
            continue
        if t == "tr" and "sec" in classes(el):
            headings[2] = text_of(el)
            headings.pop(3, None)
            continue
        if t in ("h1", "h2", "h3") and "nosec" not in classes(el):
            level = int(t[1])
            headings[level] = el.get("data-sec") or text_of(el, skip=("fn",))
            for deeper in [k for k in headings if k > level]:
                del headings[deeper]
        code = el.get("data-c")
        if not code:
            continue
        lab = parse_code(code)
        label = el.get("data-label")
        if t == "tr":
            cells = [c for c in el if tag(c) in ("td", "th")]
            if cells and "nr" in classes(cells[0]):
                label = label or norm(text_of(cells[0], skip=("fn",)))
                cells = cells[1:]
            text = " | ".join(text_of(c) for c in cells)
            source = "table-row"
        else:
            text = text_of(el)
            if label is None:
                for sp in el.iter():
                    if "lbl" in classes(sp):
                        label = norm(text_of(sp, skip=("fn",)))
                        break
            source = el.get("data-src") or ("list-item" if t == "li" else "prose")
            if source == "list-item":
                text = text.rstrip(";,").rstrip()
        if label:
            label = re.sub(r"^(Afspraak|Artikel|Art\.)\s+", "", label.strip())
            label = label.rstrip(".)").strip() or None
            if label in ("•", "–", "-", "—", "▪"):
                label = None
        lead = el.get("data-lead")
        if lead is None and t == "li":
            lst = parent.get(el)
            lead = lst.get("data-lead") if lst is not None else None
            if lead is None and lst is not None:
                container = parent.get(lst)
                if container is not None:
                    prev = None
                    for sib in container:
                        if sib is lst:
                            break
                        prev = sib
                    if prev is not None and "lead" in classes(prev):
                        lead = text_of(prev)
        cid = f"{name}-{len(clauses) + 1:03d}"
        el.set("id", cid)
        clauses.append({
            "id": cid, "text": text, "page": None,
            "section": " > ".join(headings[k] for k in sorted(headings)) or None,
            "source": source, "label": label, "lead_in": lead or None,
            **lab, "rationale": el.get("data-why") or default_rationale(lab),
        })
    assert meta is not None, f"{name}: no meta script"
    return meta, clauses


def serialise(root) -> str:
    """ElementTree (xhtml namespace) -> HTML string for WeasyPrint."""
    import xml.etree.ElementTree as ET

    def strip(e):
        e.tag = tag(e)
        for ch in e:
            strip(ch)

    strip(root)
    return "<!DOCTYPE html>\n" + ET.tostring(root, encoding="unicode", method="html")


def squash(s: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ€%]", "", s.lower())


def build(src: Path, out: Path = OUT) -> dict:
    import pdfplumber
    from weasyprint import HTML

    name = src.stem
    root = tinyhtml5.parse(src.read_text(encoding="utf-8"))
    base = src.parent
    meta, clauses = collect(root, name)
    html = serialise(root)
    doc = HTML(string=html, base_url=str(base)).render()
    first_page: dict[str, int] = {}
    for i, page in enumerate(doc.pages, start=1):
        for anchor in page.anchors:
            first_page.setdefault(anchor, i)
    pdf_path = out / f"{name}.pdf"
    doc.write_pdf(pdf_path, identifier=name.encode(), uncompressed_pdf=False)
    n_pages = len(doc.pages)
    # check pages against the PDF text (hyphenation undone, whitespace/punct ignored)
    with pdfplumber.open(pdf_path) as pdf:
        page_text = []
        for p in pdf.pages:
            raw = (p.extract_text() or "") + "\n" + (p.extract_text(use_text_flow=True) or "")
            raw = re.sub(r"[\u2010-]\n", "", raw)
            page_text.append(squash(raw))
            p.close()
    problems = []
    for c in clauses:
        pg = first_page.get(c["id"])
        c["page"] = pg
        # table cells share lines with neighbouring cells in the text: probe less
        probe = squash(c["text"].split(" | ")[0])[:25 if c["source"] != "table-row" else 10]
        if pg is None or probe not in page_text[pg - 1]:
            hits = [i + 1 for i, t in enumerate(page_text) if probe in t]
            if pg is None and hits:
                c["page"] = hits[0]
            elif not hits or (pg not in hits and (pg or 0) + 1 not in hits):
                problems.append(f"{c['id']} page={pg} hits={hits} probe={probe!r}")
    expected = {
        "file": f"{name}.pdf", "fictional": True, "layout": meta.pop("layout"),
        "n_pages": n_pages, "metadata": meta, "clauses": clauses,
    }
    (out / f"{name}.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for c in clauses:
        counts[c["kind"]] = counts.get(c["kind"], 0) + 1
    return {"name": name, "pages": n_pages, "counts": counts, "problems": problems}


def main(argv: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    srcs = sorted(SOURCES.glob("*.html"))
    if argv:
        srcs = [s for s in srcs if s.stem in argv]
    t0 = time.perf_counter()
    bad = 0
    for src in srcs:
        t = time.perf_counter()
        r = build(src)
        print(f"{r['name']}: {r['pages']} pages, {r['counts']} ({time.perf_counter() - t:.1f}s)")
        for p in r["problems"]:
            bad += 1
            print("   PAGE CHECK:", p)
    print(f"built {len(srcs)} documents in {time.perf_counter() - t0:.1f}s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
