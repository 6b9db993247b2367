"""Table rows -> clauses: header rows (repeated on every page) skipped, the Nr column moved
to the label, theme rows spanning the table used as a sub-section, a row broken over a page
joined to its first half. Pure: no pdfplumber.
"""

from __future__ import annotations

import re
from typing import Any

from analyser.segment_blocks import Block

_LABEL = re.compile(r"^[A-Z]{0,2}\.?\d{1,3}(?:\.\d{1,3}){0,2}[.)]?$|^[a-z][.)]$")
_NR_HEADERS = {"nr", "nr.", "no", "no.", "#", "nummer", "code", "id", "ref", "ref."}


def _norm(cells: list[str]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", " ", c.strip().lower()) for c in cells)


def _looks_like_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    if _norm(cells)[0] in _NR_HEADERS:
        return True
    return all(len(c.split()) <= 4 and not c.rstrip().endswith(".") for c in filled) and not all(
        re.fullmatch(r"[\d.,%€ -]+", c) for c in filled[1:]
    )


class TableState:
    """Carries what is known about the current table run while its rows stream by."""

    def __init__(self) -> None:
        self.run = -2
        self.header: tuple[str, ...] | None = None
        self.label_col: int | None = None
        self.sub_section: str | None = None
        self.last: dict[str, Any] | None = None  # kw of the last emitted row clause
        self.last_cells: list[str] = []
        self.last_page = 0
        self.rows_in_run = 0

    def _start(self, b: Block) -> None:
        self.run = b.table_run
        self.header = None
        self.label_col = None
        self.sub_section = None
        self.last = None
        self.rows_in_run = 0

    def add(self, b: Block, section: str, drafts: list, ctx) -> None:
        cells = [c.strip() for c in b.cells]
        if b.table_run != self.run:
            self._start(b)
        first_on_page = self.last_page != b.page
        if self.header is not None and _norm(cells) == self.header:
            return  # the header row repeated on a new page
        if self.header is None and self.rows_in_run == 0 and _looks_like_header(cells):
            self.header = _norm(cells)
            if self.header[0] in _NR_HEADERS:
                self.label_col = 0
            return
        self.rows_in_run += 1
        filled = [k for k, c in enumerate(cells) if c]
        if not filled:
            return
        if self.label_col is None and self.rows_in_run == 1 and len(cells) >= 3 and _LABEL.match(cells[0].replace(" ", "")):
            self.label_col = 0
        label_empty = self.label_col is not None and not cells[self.label_col]
        # a row broken across a page: its second half has no label (or an empty first cell)
        if first_on_page and self.last is not None and (label_empty or (self.label_col is None and not cells[0])):
            if not (len(filled) == 1 and len(cells) >= 3 and filled[0] == 0):
                merged = [_join(a, c, ctx) for a, c in zip(self.last_cells, cells)]
                self.last_cells = merged
                self.last["text"] = self._text(merged)
                self.last_page = b.page
                return
        self.last_page = b.page
        if len(filled) == 1 and len(cells) >= 3 and (filled[0] == 0 or len(cells[filled[0]].split()) <= 6) and not _LABEL.match(cells[filled[0]]):
            self.sub_section = cells[filled[0]]  # a theme row spanning the table
            return
        label = None
        if self.label_col is not None and cells[self.label_col]:
            label = cells[self.label_col].replace(" ", "").rstrip(".)")
        sec = f"{section} > {self.sub_section}" if section and self.sub_section else (self.sub_section or section)
        kw = dict(
            text=self._text(cells),
            page=b.page,
            bbox=tuple(round(v, 2) for v in b.bbox),
            section=sec,
            source="table-row",
            label=label,
            lead_in=None,
        )
        drafts.append((b.page, 0, ctx.next(), kw))
        self.last = kw
        self.last_cells = cells

    def _text(self, cells: list[str]) -> str:
        return " | ".join(c for k, c in enumerate(cells) if c and k != self.label_col)


def _join(a: str, b: str, ctx) -> str:
    if not a:
        return b
    if not b:
        return a
    return ctx.join([a, b])
