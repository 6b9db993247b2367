"""Words -> Lines for ``extract``: rows, column gutters, reading order, footnote markers.

Pure functions over pdfplumber's word dicts (``text x0 x1 top bottom size fontname``);
this module imports no PDF library.
"""

from __future__ import annotations

import re
import statistics
from typing import Iterable, Sequence

from analyser.segment_text import normalise_chars
from analyser.types import Line

_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold", re.I)
_MARKER = re.compile(r"^[\d*†‡,]{1,4}\)?$")


def layout_lines(
    words: list[dict], page_width: float, frames: Sequence[tuple[float, float, float, float]] = ()
) -> Iterable[Line]:
    """Group words into rows, split rows at column gutters, return Lines in reading order.

    Rows with a word across a gutter (a heading spanning the columns, a running header)
    are barriers, and so are rows in the first column with no text beside them but text
    in other columns above and below (a heading between column sections). Between
    barriers the columns are read left to right, each top to bottom.

    ``frames`` are boxes drawn around or behind text (x0, top, x1, bottom). The words in a
    frame are laid out on their own and read as one block where the frame sits: in its
    column, or as a barrier when it spans a gutter. Words of different frames or columns
    are never put on one line.
    """
    if not words:
        return []
    framed: dict[int, list[dict]] = {}
    free: list[dict] = []
    for w in words:
        k = _frame_of(w, frames) if frames else None
        if k is None:
            free.append(w)
        else:
            framed.setdefault(k, []).append(w)
    for k in [k for k in framed if _cuts_text(frames[k], free)]:  # a shaded band behind part of a line
        free.extend(framed.pop(k))
    rows = group_rows(free)
    frame_rows = {k: group_rows(ws) for k, ws in framed.items()}
    probe = list(rows)
    for k, f_rows in frame_rows.items():  # a long word overflowing its frame does not span a gutter
        x0, _, x1, _ = frames[k]
        probe.extend([dict(w, x0=max(w["x0"], x0), x1=min(w["x1"], x1)) for w in row] for row in f_rows)
    probe.sort(key=lambda r: min(w["top"] for w in r))
    gutters = _find_gutters(probe, page_width) if probe else []
    if not gutters and not framed:
        return [ln for row in rows for ln in make_line(row, 0)]

    # (top, column or -1 for a barrier, words of a row | finished lines of a frame)
    parts: list[tuple[float, int, object]] = []
    for row in rows:
        top = min(w["top"] for w in row)
        if gutters and (any(w["x0"] < g < w["x1"] for w in row for g in gutters) or _spaced_across(row, gutters)):
            parts.append((top, -1, row))
            continue
        by_col: dict[int, list[dict]] = {}
        for w in row:
            by_col.setdefault(sum(1 for g in gutters if w["x0"] >= g), []).append(w)
        for col in sorted(by_col):
            parts.append((top, col, by_col[col]))
    for k, f_rows in frame_rows.items():
        x0, top, x1, _ = frames[k]
        if any(x0 + 2 < g < x1 - 2 for g in gutters):
            lines = list(layout_lines([w for r in f_rows for w in r], page_width))
            parts.append((top, -1, lines))
        else:
            col = sum(1 for g in gutters if x0 + 2 >= g)
            parts.append((top, col, [ln for r in f_rows for ln in make_line(r, col)]))
    parts.sort(key=lambda p: p[0])
    parts = _unsplit_single_column_bands(parts)
    others = [(min(w["top"] for w in ws), max(w["bottom"] for w in ws)) for _, c, ws in parts if c > 0 and isinstance(ws[0], dict)]  # type: ignore[index]

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
    buf: dict[int, list[object]] = {}

    def emit(item: object, col: int) -> None:
        if item and isinstance(item[0], Line):  # type: ignore[index]
            out.extend(item)  # type: ignore[arg-type]
        else:
            out.extend(make_line(item, col))  # type: ignore[arg-type]

    def flush() -> None:
        for col in sorted(buf):
            for item in buf[col]:
                emit(item, col)
        buf.clear()

    for _, col, item in parts:
        if not item:
            continue
        if col < 0 or (col == 0 and isinstance(item[0], dict) and isolated(item)):  # type: ignore[index,arg-type]
            flush()
            emit(item, 0)
        else:
            buf.setdefault(col, []).append(item)
    flush()
    return out


def _unsplit_single_column_bands(parts: list[tuple[float, int, object]]) -> list[tuple[float, int, object]]:
    """Columns hold only between barriers where at least two rows have text right of a
    gutter: elsewhere (a running header above a chapter title) a row stays one line."""
    out: list[tuple[float, int, object]] = []
    band: list[tuple[float, int, object]] = []

    def close() -> None:
        row_tops = {t for t, c, item in band if c > 0 and item and isinstance(item[0], dict)}  # type: ignore[index]
        if len(row_tops) >= 2:
            out.extend(band)
        else:
            merged: dict[float, list[dict]] = {}
            for t, c, item in band:
                if item and isinstance(item[0], dict):  # type: ignore[index]
                    merged.setdefault(t, []).extend(item)  # type: ignore[arg-type]
                else:
                    out.append((t, c, item))
            out.extend((t, 0, sorted(ws, key=lambda w: w["x0"])) for t, ws in merged.items())
            out.sort(key=lambda p: p[0])
        band.clear()

    for part in parts:
        if part[1] < 0:
            close()
            out.append(part)
        else:
            band.append(part)
    close()
    return out


def _cuts_text(frame: tuple[float, float, float, float], free: list[dict]) -> bool:
    """True when words outside the frame run on, at word spacing, from words inside it."""
    x0, top, x1, bottom = frame
    for w in free:
        cy = (w["top"] + w["bottom"]) / 2
        if top <= cy <= bottom and w["x1"] > x0 - 0.8 * w["size"] and w["x0"] < x1 + 0.8 * w["size"]:
            return True
    return False


def _frame_of(w: dict, frames: Sequence[tuple[float, float, float, float]]) -> int | None:
    """Index of the frame that holds the word's centre (the smallest if nested)."""
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    best, area = None, None
    for i, (x0, top, x1, bottom) in enumerate(frames):
        if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1:
            a = (x1 - x0) * (bottom - top)
            if area is None or a < area:
                best, area = i, a
    return best


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
    if start is not None:
        runs.append((start, n))
    # a sparse column (a few lines under a chapter title) is as thinly covered as the
    # strip before it: end such a run where several lines start at the same x
    aligned: dict[int, int] = {}
    for row in rows:
        prev_x1 = None
        for w in row:
            if prev_x1 is None or w["x0"] - prev_x1 >= 6:
                x = int(round(w["x0"] - left))
                aligned[x] = aligned.get(x, 0) + 1
            prev_x1 = w["x1"]
    cut = sorted(x for x, k in aligned.items() if k >= 2)
    runs = [(a, next((x for x in cut if a + 6 <= x < b), b)) for a, b in runs]
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
