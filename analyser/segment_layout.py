"""Page furniture for segmentation: running headers/footers, page numbers, footnotes,
cover page and table of contents. Pure functions over ``analyser.types`` objects.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from analyser.segment_text import cues, normalise_key
from analyser.types import Line, Page

TOP_BAND = 0.11  # share of the page height searched for running headers
BOTTOM_BAND = 0.10


def body_size(pages: Sequence[Page]) -> float:
    """The dominant font size of the document, weighted by characters."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _page_number_res() -> list[re.Pattern]:
    return [re.compile(p, re.I) for p in cues()["layout"]["page_number_patterns"]]


def running_lines(pages: Sequence[Page]) -> set[tuple[int, int]]:
    """(page number, line index) of running headers, footers and page numbers.

    A line in the top or bottom band is furniture when its text, with digits normalised,
    repeats on several pages, or when it looks like a page number ("Pagina 3 van 12")."""
    number_res = _page_number_res()
    candidates: list[tuple[int, int, str]] = []
    for page in pages:
        for i, line in enumerate(page.lines):
            if line.top < TOP_BAND * page.height or line.bottom > (1 - BOTTOM_BAND) * page.height:
                candidates.append((page.number, i, normalise_key(line.text)))
    pages_with: dict[str, set[int]] = {}
    for number, _, key in candidates:
        pages_with.setdefault(key, set()).add(number)
    # running headers that carry the chapter title share their fixed part: compare the
    # first and last three words too, for lines in small type
    size = body_size(pages)
    small = {(pg.number, i) for pg in pages for i, ln in enumerate(pg.lines) if ln.size < 0.95 * size}
    ends: dict[str, set[int]] = {}
    for number, i, key in candidates:
        if (number, i) in small:
            for k in _end_keys(key):
                ends.setdefault(k, set()).add(number)
    threshold = max(2, round(0.2 * len(pages)))
    removed = set()
    for number, i, key in candidates:
        text = key.replace("#", "1")
        if len(pages_with[key]) >= threshold or any(r.match(text) for r in number_res):
            removed.add((number, i))
        elif (number, i) in small and any(len(ends[k]) >= max(threshold, 3) for k in _end_keys(key)):
            removed.add((number, i))
    return removed


def _end_keys(key: str) -> list[str]:
    words = key.split()
    if len(words) < 4:
        return []
    return ["<" + " ".join(words[:3]), " ".join(words[-3:]) + ">"]


def is_page_number(text: str) -> bool:
    return any(r.match(text.strip()) for r in _page_number_res())


_FOOTNOTE_START = re.compile(r"^(\d{1,3})[.)]?\s+\S")


def footnote_lines(lines: Sequence[Line], page: Page, size: float) -> set[int]:
    """Indices of footnote lines: smaller type below all body-size text at the page bottom."""
    body_bottom = max((ln.bottom for ln in lines if ln.size >= 0.95 * size), default=0.0)
    small = [i for i, ln in enumerate(lines) if ln.size < 0.9 * size and ln.top >= body_bottom - 1 and ln.top > 0.5 * page.height]
    if not small:
        return set()
    # the block must start with a numbered line ("1. Verslagen van ...")
    first = min(small, key=lambda i: lines[i].top)
    if not _FOOTNOTE_START.match(lines[first].text):
        return set()
    return set(small)


def toc_lines(lines: Sequence[Line]) -> set[int]:
    """Indices of a table of contents: an "Inhoud" heading and entries with dotted leaders
    or trailing page numbers."""
    conf = cues()["layout"]
    heads = [re.compile(p, re.I) for p in conf["toc_headings"]]
    leader = re.compile(conf["toc_leader"])
    entry = re.compile(conf["toc_entry"])
    out: set[int] = set()
    n_leader = sum(1 for ln in lines if leader.search(ln.text))
    in_toc = False
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if any(h.match(text) for h in heads):
            out.add(i)
            in_toc = True
            continue
        if leader.search(text) or (in_toc and entry.match(text)):
            out.add(i)
            in_toc = True
        elif in_toc and i + 1 < len(lines) and leader.search(lines[i + 1].text):
            out.add(i)  # an entry wrapped over two lines
        else:
            in_toc = False
    if n_leader < 3 and not any(any(h.match(ln.text.strip()) for h in heads) for ln in lines):
        return set()
    return out


def looks_like_cover(lines: Sequence[Line], size: float, n_pages: int) -> bool:
    """A cover page: few words, no numbered items, often a big title."""
    if n_pages < 3 or not lines:
        return False
    words = sum(len(ln.text.split()) for ln in lines)
    numbered = sum(1 for ln in lines if re.match(r"^(\d+(\.\d+)*|[a-z])[.)]?\s+\w", ln.text) and ln.size <= 1.05 * size)
    big = any(ln.size >= 1.6 * size for ln in lines)
    # a title page that already starts the text (an introduction under the title) is not a cover
    body_words = sum(len(ln.text.split()) for ln in lines if abs(ln.size - size) <= 0.1 * size)
    if body_words >= 45:
        return False
    return numbered == 0 and (words < 60 or (big and words < 140))
