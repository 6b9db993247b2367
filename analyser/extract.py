"""PDF -> Document. The only module that imports pdfplumber.

Page by page: words with font size and weight, grouped into visual lines in reading order
(two-column pages read column by column), bordered tables returned as rows, words inside
tables left out of the lines. Every page is closed after use so memory stays flat.
Bad input raises an :class:`~analyser.errors.AnalyserError` subclass, never a library error.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

from analyser.errors import (
    AnalyserError,
    CorruptPDF,
    EmptyPDF,
    EncryptedPDF,
    InputNotFound,
    NoTextLayer,
    NotAPDF,
)
from analyser.extract_layout import group_rows, layout_lines, make_line
from analyser.segment_text import join_wrapped
from analyser.types import Document, Page, Table

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# fewer characters than this on average per page, with images present: a scan
_MIN_CHARS_PER_PAGE = 25


def extract_document(path: str | Path) -> Document:
    """Read a PDF into a :class:`Document`; raise an AnalyserError for bad input."""
    p = Path(path)
    if not p.is_file():
        raise InputNotFound(f"File not found: {p}")
    data = _read_and_check(p)
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - installation problem
        raise AnalyserError(f"pdfplumber is not installed: {exc}", "pip install pdfplumber") from exc

    pages: list[Page] = []
    n_chars = n_images = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:  # the bytes already read: one read per file
            page_list = pdf.pages
            if not page_list:
                raise EmptyPDF(f"The PDF has no pages: {p}")
            for page in page_list:
                try:
                    n_chars += len(page.chars)
                    n_images += len(page.images)
                    pages.append(_read_page(page))
                finally:
                    page.close()
    except AnalyserError:
        raise
    except Exception as exc:  # pdfminer/pdfplumber raise many kinds; classify them here
        raise _classify_exception(exc, p) from None
    if n_chars < _MIN_CHARS_PER_PAGE * len(pages):
        if n_images:
            raise NoTextLayer(f"No text layer: {len(pages)} page(s) with images but {n_chars} characters: {p}")
        if n_chars == 0:
            raise EmptyPDF(f"The PDF's pages are blank (no text, no images): {p}")
    return Document(path=str(p), sha256=sha256, pages=tuple(pages))


def _read_and_check(p: Path) -> bytes:
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputNotFound(f"Cannot read {p}: {exc.strerror or exc}") from None
    if not data.strip():
        raise EmptyPDF(f"The file is empty (0 bytes): {p}" if not data else f"The file is blank: {p}")
    if b"%PDF-" not in data[:1024]:
        raise NotAPDF(f"Not a PDF (no %PDF header): {p}")
    return data


def _classify_exception(exc: BaseException, p: Path) -> AnalyserError:
    chain = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 6:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__ or (cur.args[0] if cur.args and isinstance(cur.args[0], BaseException) else None)
    names = " ".join(type(e).__name__ for e in chain)
    text = " ".join(str(e) for e in chain)
    if re.search(r"Password|Encrypt", names) or re.search(r"password|encrypt", text, re.I):
        return EncryptedPDF(f"The PDF is encrypted and cannot be read without a password: {p}")
    detail = str(chain[-1]) or type(chain[-1]).__name__
    return CorruptPDF(f"The PDF cannot be parsed ({type(chain[-1]).__name__}: {detail[:120]}): {p}")


# ---------------------------------------------------------------- one page


def _read_page(page: Any) -> Page:
    width, height = float(page.width), float(page.height)
    if any(not _upright(c) for c in page.chars):
        page = page.filter(_upright)  # rotated text: a "CONCEPT" watermark, a margin note
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
    tables, boxes = _read_tables(page, words)
    if boxes:
        words = [w for w in words if not _inside_any(w, boxes)]
    frames = _frames(page, boxes, width, height) if words else []
    lines = tuple(layout_lines(words, width, frames))
    return Page(number=int(page.page_number), width=width, height=height, lines=lines, tables=tables)


def _frames(page: Any, tables: list[tuple[float, float, float, float]], width: float, height: float) -> list[tuple[float, float, float, float]]:
    """Boxes drawn around or behind text (a shaded "Dit spreken we af" box, a pull quote
    between rules, a photo placeholder): filled or stroked rects at least 30 x 8 pt, not a
    page background and not a table; nested or overlapping rects merged into one frame."""
    rects = []
    for r in page.rects:
        x0, top, x1, bottom = float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])
        if x1 - x0 < 30 or bottom - top < 8 or not (r.get("fill") or r.get("stroke")):
            continue
        if (x1 - x0) * (bottom - top) > 0.5 * width * height:
            continue
        box = (x0, top, x1, bottom)
        if any(_overlaps(box, t) for t in tables):
            continue
        rects.append(box)
    merged: list[tuple[float, float, float, float]] = []
    for box in sorted(rects, key=lambda b: (b[1], b[0])):
        for i, m in enumerate(merged):
            if _overlaps(box, m) and (_contains(m, box) or _contains(box, m)):
                merged[i] = (min(m[0], box[0]), min(m[1], box[1]), max(m[2], box[2]), max(m[3], box[3]))
                break
        else:
            merged.append(box)
    return merged


def _upright(obj: dict) -> bool:
    """False for rotated or skewed characters (a diagonal watermark, a sideways label)."""
    if obj.get("object_type") != "char":
        return True
    m = obj.get("matrix") or (1, 0, 0, 1, 0, 0)
    return bool(obj.get("upright", True)) and abs(m[1]) <= 0.01 * abs(m[0]) and abs(m[2]) <= 0.01 * abs(m[3])


def _inside_any(w: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and t - 1 <= cy <= b + 1 for x0, t, x1, b in boxes)


def _read_tables(page: Any, words: list[dict]) -> tuple[tuple[Table, ...], list[tuple[float, float, float, float]]]:
    try:
        found = page.find_tables(_TABLE_SETTINGS)
        extra = _open_table_ends(page, found)
        if extra:
            found = page.find_tables({**_TABLE_SETTINGS, "explicit_horizontal_lines": extra})
    except Exception:  # a table finder failure must not lose the page's text
        return (), []
    try:
        ruled = _ruled_tables(page, found)
        if ruled:  # a ruled table supersedes pieces of it (a filled header row) found before
            found = [t for t in found if not any(_contains(r.bbox, t.bbox) for r in ruled)] + ruled
    except Exception:
        pass
    tables: list[Table] = []
    boxes: list[tuple[float, float, float, float]] = []
    for t in found:
        rows, tops = [], []
        for row, texts in zip(t.rows, _cell_texts(t, words)):
            if any(texts):
                rows.append(texts)
                tops.append(float(row.bbox[1]))
        n_cols = sum(1 for k in range(max((len(r) for r in rows), default=0)) if any(k < len(r) and r[k] for r in rows))
        if n_cols < 2 or not rows:  # a framed paragraph, not a table: keep its words as lines
            continue
        bbox = tuple(float(v) for v in t.bbox)
        tables.append(Table(bbox=bbox, rows=tuple(rows), row_tops=tuple(tops)))  # type: ignore[arg-type]
        boxes.append(bbox)  # type: ignore[arg-type]
    tables.sort(key=lambda tb: (tb.bbox[1], tb.bbox[0]))
    return tuple(tables), boxes


def _ruled_tables(page: Any, found: list) -> list:
    """Tables drawn with horizontal rules only (no vertical borders): rows between rules,
    columns where the rules are broken into per-cell segments, else at white-space gaps."""
    segs = sorted(
        (e for e in page.edges if e.get("orientation") == "h" and e["x1"] - e["x0"] > 2),
        key=lambda e: (round(e["top"]), e["x0"]),
    )
    rules: list[list[float]] = []  # [y, x0, x1, *breaks]
    for e in segs:
        y = float(e["top"])
        if rules and abs(rules[-1][0] - y) < 1.0 and abs(rules[-1][2] - e["x0"]) < 2.0:
            rules[-1].append(round(float(e["x0"]), 1))
            rules[-1][2] = float(e["x1"])
        else:
            rules.append([y, float(e["x0"]), float(e["x1"])])
    groups: dict[tuple, list[list[float]]] = {}
    for r in rules:
        if r[2] - r[1] < 0.3 * float(page.width):
            continue
        key = (round(r[1]), round(r[2]), tuple(round(b) for b in r[3:]))
        groups.setdefault(key, []).append(r)
    out = []
    taken = [t.bbox for t in found]
    for (x0, x1, breaks), members in groups.items():
        ys = sorted({round(m[0], 1) for m in members})
        if len(ys) < 3:
            continue
        bbox = (x0 - 1.0, ys[0] - 1.0, x1 + 1.0, ys[-1] + 1.0)
        if any(_overlaps(bbox, b) and not _contains(bbox, b) for b in taken):
            continue
        crop = page.crop(bbox, strict=False)
        cols = list(breaks) or _whitespace_columns(crop.extract_words(), x0, x1)
        if not cols:
            continue
        settings = {"vertical_strategy": "explicit", "explicit_vertical_lines": [x0, *cols, x1], "horizontal_strategy": "lines"}
        out.extend(crop.find_tables(settings))
        taken.append(bbox)
    return out


def _overlaps(a: tuple, b: tuple) -> bool:
    return not (a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3])


def _contains(outer: tuple, inner: tuple) -> bool:
    return outer[0] - 2 <= inner[0] and outer[1] - 2 <= inner[1] and inner[2] <= outer[2] + 2 and inner[3] <= outer[3] + 2


def _whitespace_columns(words: list[dict], x0: float, x1: float) -> list[float]:
    """x positions inside [x0, x1] that no word crosses, with a gap of at least 6 pt."""
    covered = [False] * (int(x1 - x0) + 2)
    for w in words:
        for x in range(max(0, int(w["x0"] - x0)), min(len(covered), int(w["x1"] - x0) + 1)):
            covered[x] = True
    cols, run = [], None
    for i, c in enumerate(covered[:-1]):
        if not c and run is None:
            run = i
        elif c and run is not None:
            if i - run >= 6 and run > 0:
                cols.append(x0 + (run + i) / 2)
            run = None
    return cols


def _open_table_ends(page: Any, found: list) -> list[float]:
    """y of the missing closing rule where a table's vertical rules run on past its last
    (or first) horizontal rule: a row broken at the page end has no bottom border."""
    if not found:
        return []
    extra: list[float] = []
    verticals = [e for e in page.edges if e.get("orientation") == "v"]
    for t in found:
        x0, top, x1, bottom = t.bbox
        inside = [e for e in verticals if x0 - 2 <= e["x0"] <= x1 + 2 and e["bottom"] > top - 2 and e["top"] < bottom + 2]
        low = max((e["bottom"] for e in inside), default=bottom)
        high = min((e["top"] for e in inside), default=top)
        if low > bottom + 3:
            extra.append(float(low))
        if high < top - 3:
            extra.append(float(high))
    return extra


def _cell_texts(table: Any, words: list[dict]) -> list[tuple[str, ...]]:
    """Cell texts per row, from whole words assigned to cells by their centre (a word that
    overflows a narrow cell is kept whole); wrapped lines joined, footnote markers dropped."""
    rows = table.rows
    grid: list[list[list[dict]]] = [[[] for _ in r.cells] for r in rows]
    x0, top, x1, bottom = table.bbox
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if not (x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1):
            continue
        for i, r in enumerate(rows):
            if not (r.bbox[1] - 1 <= cy <= r.bbox[3] + 1):
                continue
            best, dist = None, None
            for j, c in enumerate(r.cells):
                if c is None:
                    continue
                d = 0.0 if c[0] <= cx <= c[2] else min(abs(cx - c[0]), abs(cx - c[2]))
                if dist is None or d < dist:
                    best, dist = j, d
            if best is not None:
                grid[i][best].append(w)
            break
    out = []
    for cells in grid:
        texts = []
        for ws in cells:
            lines = [ln.text for row in group_rows(ws) for ln in make_line(row, 0)] if ws else []
            texts.append(join_wrapped(lines))
        out.append(tuple(texts))
    return out
