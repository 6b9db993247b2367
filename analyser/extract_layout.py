"""Words -> Lines for ``extract``: rows, column gutters, reading order, footnote markers.

Pure functions over pdfplumber's word dicts (``text x0 x1 top bottom size fontname``);
this module imports no PDF library.
"""

from __future__ import annotations

import re
import statistics
from typing import Iterable

from analyser.segment_text import normalise_chars
from analyser.types import Line

_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold", re.I)
_MARKER = re.compile(r"^[\d*†‡,]{1,4}\)?$")


def layout_lines(words: list[dict], page_width: float) -> Iterable[Line]:
    """Group words into rows, split rows at column gutters, return Lines in reading order.

    Rows with a word across a gutter (a heading spanning the columns, a running header)
    are barriers, and so are rows in the first column with no text beside them but text
    in other columns above and below (a heading between column sections). Between
    barriers the columns are read left to right, each top to bottom.
    """
    if not words:
        return []
    rows = group_rows(words)
    gutters = _find_gutters(rows, page_width)
    if not gutters:
        return [ln for row in rows for ln in make_line(row, 0)]
    parts: list[tuple[int, list[dict]]] = []  # (column or -1 for a barrier, words)
    for row in rows:
        if any(w["x0"] < g < w["x1"] for w in row for g in gutters) or _spaced_across(row, gutters):
            parts.append((-1, row))
            continue
        by_col: dict[int, list[dict]] = {}
        for w in row:
            by_col.setdefault(sum(1 for g in gutters if w["x0"] >= g), []).append(w)
        for col in sorted(by_col):
            parts.append((col, by_col[col]))
    others = [(min(w["top"] for w in ws), max(w["bottom"] for w in ws)) for c, ws in parts if c > 0]

    sizes = sorted(w["size"] for w in words)
    median_size = sizes[len(sizes) // 2]

    def isolated(ws: list[dict]) -> bool:
        if not any(w["size"] > 1.1 * median_size or _BOLD.search(w.get("fontname") or "") for w in ws):
            return False
        top, bottom = min(w["top"] for w in ws), max(w["bottom"] for w in ws)
        above = any(b <= top + 1 for t, b in others)
        below = any(t >= bottom - 1 for t, b in others)
        beside = any(t < bottom - 1 and b > top + 1 for t, b in others)
        return above and below and not beside

    out: list[Line] = []
    buf: dict[int, list[list[dict]]] = {}

    def flush() -> None:
        for col in sorted(buf):
            for ws in buf[col]:
                out.extend(make_line(ws, col))
        buf.clear()

    for col, ws in parts:
        if col < 0 or (col == 0 and isolated(ws)):
            flush()
            out.extend(make_line(ws, 0))
        else:
            buf.setdefault(col, []).append(ws)
    flush()
    return out


def _spaced_across(row: list[dict], gutters: list[float]) -> bool:
    """A line of big type whose word space happens to fall on a gutter still spans it."""
    for a, b in zip(row, row[1:]):
        if any(a["x1"] <= g <= b["x0"] for g in gutters) and b["x0"] - a["x1"] < 0.45 * max(a["size"], b["size"]):
            return True
    return False


def group_rows(words: list[dict]) -> list[list[dict]]:
    """Cluster words into visual rows by vertical overlap (superscripts join their row)."""
    rows: list[list[dict]] = []
    bands: list[list[float]] = []  # [top, bottom] of each row's main text
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        h = max(w["bottom"] - w["top"], 0.1)
        placed = False
        for i in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            top, bottom = bands[i]
            overlap = min(bottom, w["bottom"]) - max(top, w["top"])
            if overlap > 0.5 * min(h, bottom - top):
                rows[i].append(w)
                if h > bottom - top:
                    bands[i] = [w["top"], w["bottom"]]
                placed = True
                break
        if not placed:
            rows.append([w])
            bands.append([w["top"], w["bottom"]])
    for r in rows:
        r.sort(key=lambda w: w["x0"])
    return rows


def _find_gutters(rows: list[list[dict]], page_width: float) -> list[float]:
    """x positions of column gutters: vertical strips (>= 6 pt) that (almost) no word
    crosses, with a column of text (>= 15 % of the page wide) on both sides and several
    lines starting at the same x just right of the strip."""
    words = [w for r in rows for w in r]
    left, right = min(w["x0"] for w in words), max(w["x1"] for w in words)
    n = int(right - left) + 1
    if n < 50 or len(rows) < 6:
        return []
    cover = [0] * n
    for row in rows:
        seen = [False] * n
        for w in row:
            for x in range(max(0, int(w["x0"] - left)), min(n, int(w["x1"] - left) + 1)):
                seen[x] = True
        for x in range(n):
            if seen[x]:
                cover[x] += 1
    limit = max(3, int(0.15 * len(rows)))
    runs, start = [], None
    for x in range(n):
        if cover[x] <= limit and start is None:
            start = x
        elif cover[x] > limit and start is not None:
            runs.append((start, x))
            start = None
    min_col = 0.15 * page_width
    gutters: list[float] = []
    prev = left
    for a, b in runs:
        if b - a < 6 or a == 0:
            continue
        g0, g1 = left + a, left + b
        if g0 - prev < min_col or right - g1 < min_col:
            continue
        starts = [min((w["x0"] for w in row if w["x0"] >= g1 - 1), default=None) for row in rows]
        starts = [round(x) for x in starts if x is not None and x - g1 < 12]
        if not starts or max(starts.count(x) for x in set(starts)) < (2 if b - a >= 8 else 4):
            continue
        gutters.append((g0 + g1) / 2)
        prev = g1
    return gutters


def make_line(row: list[dict], column: int) -> list[Line]:
    if not row:
        return []
    weights = {}
    for w in row:
        weights[round(w["size"], 1)] = weights.get(round(w["size"], 1), 0) + len(w["text"])
    size = max(weights, key=weights.get)
    main = [w for w in row if abs(w["size"] - size) < 0.6] or row
    base = statistics.median(w["bottom"] for w in main)
    kept = [w for w in row if not _is_marker(w, size, base)]
    if not kept:
        return []
    parts: list[str] = []
    prev = None
    for w in kept:
        text = normalise_chars(w["text"])
        if prev is not None and w["x0"] - prev["x1"] > 0.12 * size:
            parts.append(" ")
        parts.append(text)
        prev = w
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    if not text:
        return []
    n_bold = sum(len(w["text"]) for w in kept if _BOLD.search(w.get("fontname") or ""))
    n_all = sum(len(w["text"]) for w in kept)
    return [
        Line(
            text=text,
            x0=round(min(w["x0"] for w in kept), 2),
            top=round(min(w["top"] for w in kept), 2),
            x1=round(max(w["x1"] for w in kept), 2),
            bottom=round(max(w["bottom"] for w in kept), 2),
            size=float(size),
            bold=n_bold * 2 > n_all,
            column=column,
        )
    ]


def _is_marker(w: dict, size: float, base: float) -> bool:
    """A footnote reference: small, raised, digits (or * †)."""
    return (
        w["size"] < 0.85 * size
        and w["bottom"] < base - 0.15 * size
        and bool(_MARKER.match(w["text"]))
    )
