"""Lines -> blocks: the first half of segmentation.

A block is a heading, a numbered or bulleted item, a prose paragraph, or a table row,
with its lines joined (across page and column breaks) and its printed label split off.
``segment`` turns blocks into clauses. Pure: no pdfplumber.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Sequence

from analyser.types import Line, Table

# printed labels at the start of a line; the group is the label without its punctuation
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)")
_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+(?=\S)")
_LETTER = re.compile(r"^(?:([a-z])[.)]|\(([a-z]{1,2}|\d{1,2})\))\s+(?=\S)")
_CODE = re.compile(r"^([A-Z]{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+(?=\S)")
_BULLET = re.compile(r"^([•\-–—▪·◦●■□➢►✓*])\s*(?=\S)")
# a run-in word label at the start of a paragraph: "Afspraak 3", "Artikel 4.2:", "Actie 12." before a
# capitalised sentence (not "Artikel 44 van de Woningwet ..."); split off the paragraph's text
WORD_LABEL = re.compile(r"^(?:Afspraak|Artikel|Art\.|Actie)\s+(\d{1,3}(?:\.\d{1,2}){0,2})[.:)]?\s+(?=[A-Z\u00c0-\u00de])")
_HEADING_NUM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S")
_TERMINAL = ".!?:;"
_FLOAT_START = "“\"‘'[„«"


@dataclass
class Block:
    kind: str  # "heading" | "item" | "para" | "row" | "section-row"
    page: int
    lines: list[Line] = field(default_factory=list)
    label: str | None = None
    marker: str = ""  # "decimal" | "number" | "letter" | "code" | "bullet" | ""
    parts: list[str] = field(default_factory=list)  # text of each line, label removed
    pages: list[int] = field(default_factory=list)  # page of each line
    cells: list[str] = field(default_factory=list)  # table rows
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    size: float = 0.0
    bold: bool = False
    column: int = 0
    table_run: int = -1  # rows: which table run (a table continued across pages) they belong to

    @property
    def x0(self) -> float:
        return self.lines[0].x0 if self.lines else self.bbox[0]

    @property
    def last(self) -> Line | None:
        return self.lines[-1] if self.lines else None


def split_label(text: str) -> tuple[str, str | None, str]:
    """("b", "letter", rest) for "b. rest"; (label, marker kind, rest) or ("", None, text)."""
    for kind, rx in (("code", _CODE), ("decimal", _DECIMAL), ("number", _NUMBER), ("letter", _LETTER), ("bullet", _BULLET)):
        m = rx.match(text)
        if m:
            label = next((g for g in m.groups() if g), "")
            return label, kind, text[m.end():]
    return "", None, text


def typical_gap(lines: Sequence[tuple[int, Line]], size: float) -> float:
    """Median gap between consecutive body lines of one paragraph-like run."""
    gaps = []
    for (p1, a), (p2, b) in zip(lines, lines[1:]):
        if p1 == p2 and a.column == b.column and abs(a.size - size) < 0.3 and abs(b.size - size) < 0.3:
            g = b.top - a.bottom
            if -1 < g < 1.5 * size:
                gaps.append(g)
    return statistics.median(gaps) if gaps else 0.3 * size


def is_heading(line: Line, size: float) -> bool:
    text = line.text.strip()
    if len(text) > 120 or text[-1:] in ":;," or len(text) < 2:
        return False
    if _BULLET.match(text) or not re.search(r"[A-Za-zÀ-ÿ]", text) or text[0] in _FLOAT_START:
        return False
    if line.size >= 1.12 * size:
        return True
    return line.bold and line.size >= 0.95 * size and not text.endswith(".")


def build_blocks(stream: Sequence[tuple[int, object]], size: float) -> list[Block]:
    """Group a page-ordered stream of (page, Line | (Table, row index)) into blocks."""
    line_items = [(p, x) for p, x in stream if isinstance(x, Line)]
    gap_limit = typical_gap(line_items, size) + 0.35 * size
    blocks: list[Block] = []
    open_block: Block | None = None
    floating: Block | None = None
    for page, item in stream:
        if not isinstance(item, Line):
            open_block = None
            blocks.append(_row_block(page, item))  # type: ignore[arg-type]
            continue
        line = item
        text = line.text.strip()
        continues_float = (
            floating is not None and floating.pages[-1] == page and floating.last is not None
            and abs(floating.last.size - line.size) < 0.3 and 0 <= line.top - floating.last.bottom < line.size
        )
        if continues_float or _is_float(line, text, open_block, size, page):
            # a pull quote or photo caption inside a column: set aside, the paragraph runs on
            if floating is not None and floating.pages[-1] == page and 0 <= line.top - floating.last.bottom < line.size:
                _add(floating, line, page, text)
            else:
                floating = Block("float", page, size=line.size, column=line.column)
                _add(floating, line, page, text)
                blocks.append(floating)
            continue
        floating = None
        if is_heading(line, size):
            if open_block is not None and open_block.kind == "heading" and _same_heading(open_block, line, page):
                _add(open_block, line, page, text)
                continue
            open_block = Block("heading", page, size=line.size, bold=line.bold, column=line.column)
            _add(open_block, line, page, text)
            blocks.append(open_block)
            continue
        label, marker, rest = split_label(text)
        if marker and open_block is not None and _continues(open_block, line, page, gap_limit, size):
            # "22.5 procent" wrapped to a line start is not a label when the block runs on
            if marker in ("decimal", "number") and open_block.parts and open_block.parts[-1][-1:] not in _TERMINAL:
                marker = None
        if marker:
            open_block = Block("item", page, label=label.replace(" ", "").rstrip("."), marker=marker, size=line.size, column=line.column)
            _add(open_block, line, page, rest.strip())
            blocks.append(open_block)
            continue
        if open_block is not None and open_block.kind in ("item", "para") and _continues(open_block, line, page, gap_limit, size):
            _add(open_block, line, page, text)
            continue
        open_block = Block("para", page, size=line.size, bold=line.bold, column=line.column)
        _add(open_block, line, page, text)
        blocks.append(open_block)
    return blocks


def _is_float(line: Line, text: str, open_block: Block | None, size: float, page: int) -> bool:
    """A line in a different size that interrupts an unfinished paragraph (pull quote,
    caption), or one that opens with a quote mark or a bracket in a larger/smaller size."""
    if abs(line.size - size) < 0.15 * size or _HEADING_NUM.match(text):
        return False
    if text[:1] in _FLOAT_START:
        return True
    unfinished = (
        open_block is not None
        and open_block.kind in ("para", "item", "float")
        and open_block.parts
        and open_block.parts[-1][-1:] not in _TERMINAL
        and open_block.pages[-1] == page
    )
    return bool(unfinished) and not line.bold


def _add(block: Block, line: Line, page: int, text: str) -> None:
    if not block.lines:
        block.bbox = (line.x0, line.top, line.x1, line.bottom)
    block.lines.append(line)
    block.parts.append(text)
    block.pages.append(page)


def _same_heading(block: Block, line: Line, page: int) -> bool:
    last = block.last
    return (
        last is not None
        and block.pages[-1] == page
        and abs(last.size - line.size) < 0.3
        and last.bold == line.bold
        and 0 <= line.top - last.bottom < 0.8 * line.size
        and not _HEADING_NUM.match(line.text)
    )


def _continues(block: Block, line: Line, page: int, gap_limit: float, size: float) -> bool:
    last = block.last
    if last is None:
        return False
    if abs(line.size - last.size) > 0.6:
        return False
    same_flow = block.pages[-1] == page and last.column == line.column
    if same_flow:
        gap = line.top - last.bottom
        if gap < -2 or gap > gap_limit:
            return False
        if block.kind == "item":
            return line.x0 > block.x0 + 2  # hanging indent under the label
        return line.x0 >= min(ln.x0 for ln in block.lines) - 2 - 0.5 * size
    # a page or column break: continue an unfinished sentence
    prev = block.parts[-1] if block.parts else ""
    if block.kind == "item" and line.x0 <= block.x0 + 2 and block.pages[-1] == page:
        return False
    return bool(prev) and (prev[-1] not in _TERMINAL or line.text[:1].islower())


def _row_block(page: int, item: tuple[Table, int, int]) -> Block:
    table, index, run = item
    cells = list(table.rows[index])
    top = table.row_tops[index] if index < len(table.row_tops) else table.bbox[1]
    bottom = table.row_tops[index + 1] if index + 1 < len(table.row_tops) else table.bbox[3]
    return Block("row", page, cells=cells, bbox=(table.bbox[0], top, table.bbox[2], bottom), table_run=run)
