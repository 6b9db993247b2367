"""Document -> clauses, as a reader would quote them. Pure: no pdfplumber.

Order of work: remove page furniture (running headers/footers, page numbers, footnotes,
cover, table of contents) -> one reading-order stream of lines and table rows ->
blocks (headings, items, paragraphs, rows; ``segment_blocks``) -> clauses with a section
path, party lead-ins, sub-items kept together or split, table rows with their Nr label.
"""

from __future__ import annotations

import re
from typing import Sequence

from analyser.segment_blocks import _HEADING_NUM, WORD_LABEL, Block, build_blocks, is_heading
from analyser.segment_layout import body_size, footnote_lines, looks_like_cover, running_lines, toc_lines
from analyser.segment_tables import TableState
from analyser.segment_text import cues, document_vocab, join_wrapped, split_sentences
from analyser.types import Clause, Document, Line, Page

LONG_PARAGRAPH = 600  # characters: longer prose paragraphs are split into sentences
FOOTNOTE_SECTION = "voetnoot"


def segment(document: Document) -> tuple[Clause, ...]:
    """Split a document into candidate clauses in reading order."""
    pages = document.pages
    if not pages:
        return ()
    size = body_size(pages)
    all_text = [ln.text for pg in pages for ln in pg.lines]
    ctx = _Context(
        vocab=document_vocab(all_text),
        hyphen_breaks=any(t.endswith(("\u2010", "\u00ad")) for t in all_text),
    )
    stream, footnotes = _stream(pages, size)
    blocks = build_blocks(stream, size)
    drafts = _clauses(blocks, size, ctx)
    for page_no, lines in footnotes:
        drafts.extend(_footnote_drafts(page_no, lines, ctx))
    drafts.sort(key=lambda d: (d[0], d[1], d[2]))
    return tuple(
        Clause(id=f"c{i:04d}", **kw) for i, (_, _, _, kw) in enumerate(drafts, start=1)
    )


class _Context:
    def __init__(self, vocab: frozenset[str], hyphen_breaks: bool):
        self.vocab = vocab
        self.hyphen_breaks = hyphen_breaks
        self.seq = 0

    def join(self, parts: Sequence[str]) -> str:
        return join_wrapped(parts, vocab=self.vocab, hyphen_breaks=self.hyphen_breaks)

    def next(self) -> int:
        self.seq += 1
        return self.seq


# ---------------------------------------------------------------- furniture and stream


def _stream(pages: Sequence[Page], size: float):
    furniture = running_lines(pages)
    stream: list[tuple[int, object]] = []
    footnotes: list[tuple[int, list[Line]]] = []
    first_heading_seen = kept_any = False
    run = -1
    last_cols = 0
    for page in pages:
        lines = [ln for i, ln in enumerate(page.lines) if (page.number, i) not in furniture]
        notes = footnote_lines(lines, page, size)
        if notes:
            footnotes.append((page.number, [ln for i, ln in enumerate(lines) if i in notes]))
            lines = [ln for i, ln in enumerate(lines) if i not in notes]
        toc = toc_lines(lines)
        if toc:
            lines = [ln for i, ln in enumerate(lines) if i not in toc]
        has_heading = any(_HEADING_NUM.match(ln.text) and is_heading(ln, size) for ln in lines)
        if not first_heading_seen and not kept_any and page.number <= 3:
            if not has_heading and looks_like_cover(lines, size, len(pages)) and not page.tables:
                continue
            lines = _drop_title_block(lines, size)
        first_heading_seen = first_heading_seen or has_heading
        kept_any = kept_any or bool(lines) or bool(page.tables)
        # merge the page's tables into its lines by vertical position
        entries: list[tuple[float, int, object]] = [(ln.top, i, ln) for i, ln in enumerate(lines)]
        order = {id(ln): i for i, ln in enumerate(lines)}
        for table in page.tables:
            pos = next((order[id(ln)] for ln in lines if ln.top > table.bbox[1] and ln.column == 0), len(lines))
            n_cols = max(len(r) for r in table.rows)
            continued = bool(stream) and not isinstance(stream[-1][1], Line) and n_cols == last_cols and (pos == 0 or not lines)
            if not continued:
                run += 1
            for r in range(len(table.rows)):
                entries.append((table.row_tops[r] if r < len(table.row_tops) else table.bbox[1], pos - 0.5 + r * 1e-4, (table, r, run)))
            last_cols = n_cols
        entries.sort(key=lambda e: e[1])
        for _, _, obj in entries:
            stream.append((page.number, obj))
    return stream, footnotes


def _drop_title_block(lines: list[Line], size: float) -> list[Line]:
    """On an opening page, drop a title block (big type) before the first numbered heading."""
    for i, ln in enumerate(lines):
        if _HEADING_NUM.match(ln.text) and is_heading(ln, size):
            before = lines[:i]
            if before and any(b.size >= 1.5 * size for b in before):
                return lines[i:]
            return lines
    return lines


# ---------------------------------------------------------------- blocks -> clauses


def _heading_levels(blocks: Sequence[Block]) -> dict[float, int]:
    sizes = sorted({round(b.size * 2) / 2 for b in blocks if b.kind == "heading"}, reverse=True)
    return {s: i + 1 for i, s in enumerate(sizes)}


def _clauses(blocks: list[Block], size: float, ctx: _Context) -> list[tuple]:
    levels = _heading_levels(blocks)
    stack: list[tuple[int, str, int, bool]] = []  # level, text, page, numbered
    tables = TableState()
    drafts: list[tuple] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        section = " > ".join(t for _, t, _, _ in stack)
        if b.kind == "heading":
            level = levels.get(round(b.size * 2) / 2, len(levels))
            while stack and stack[-1][0] >= level:
                stack.pop()
            text = ctx.join(b.parts)
            numbered = bool(_HEADING_NUM.match(text))
            if numbered and b.page > 1 and stack and all(p == 1 and not n for _, _, p, n in stack):
                stack.clear()  # a numbered chapter after the cover: the cover's title is not its section
            stack.append((level, text, b.page, numbered))
            tables.sub_section = None
            i += 1
            continue
        if b.kind == "float":
            text = ctx.join(b.parts)
            if text[:1] not in "“\"‘'[„«":  # pull quotes repeat the text; placeholders are not text
                drafts.append(_draft(b, text, section, ctx))
            i += 1
            continue
        if b.kind == "row":
            tables.add(b, section, drafts, ctx)
            i += 1
            continue
        text = ctx.join(b.parts)
        word_label = WORD_LABEL.match(text) if not b.marker else None
        if word_label:
            text = text[word_label.end():]
        label = word_label.group(1) if word_label else None
        subs = _sub_items(blocks, i)
        if subs and text.endswith(":"):
            if _split_sub_items(b, text, [blocks[j] for j in subs], ctx):
                lead = text
                for j in subs:
                    s = blocks[j]
                    drafts.append(_draft(s, ctx.join(s.parts), section, ctx, lead_in=lead))
            else:
                whole = " ".join([text] + [ctx.join(blocks[j].parts) for j in subs])
                drafts.append(_draft(b, whole, section, ctx, label=label))
            i = subs[-1] + 1
            continue
        if b.kind == "para" and _split_paragraph(text):
            drafts.extend(_sentence_drafts(b, text, section, ctx, label))
        else:
            drafts.append(_draft(b, text, section, ctx, label=label))
        i += 1
    return drafts


def _split_paragraph(text: str) -> bool:
    """Prose paragraphs are quoted sentence by sentence (commitments sit inside context
    prose), except a short paragraph opening with a run-in heading ("Geschillen. Bij ...")."""
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return False
    if len(sentences[0].split()) <= 2 and len(text) <= LONG_PARAGRAPH:
        return False
    return True


def _sub_items(blocks: list[Block], i: int) -> list[int]:
    """Indices of the items under block i: lettered/bulleted items or deeper-indented ones."""
    head = blocks[i]
    if not head.parts or not head.parts[-1].endswith(":"):
        return []
    out = []
    for j in range(i + 1, len(blocks)):
        s = blocks[j]
        if s.kind != "item":
            break
        deeper = s.x0 > head.x0 + 3 or (s.pages[0] != head.pages[-1] and s.marker in ("letter", "bullet"))
        if s.marker in ("decimal", "code") and not deeper:
            break
        if not deeper and not (s.marker in ("letter", "bullet") and head.marker in ("", "decimal", "number", "code")):
            break
        out.append(j)
    return out


def _split_sub_items(head: Block, text: str, subs: list[Block], ctx: _Context) -> bool:
    """True when each sub-item is an agreement of its own; False when they spell out one."""
    conf = cues()["structure"]
    words = text.split()
    if len(words) <= 8 and any(w.lower().strip(":,") in conf["party_words"] for w in words):
        return True  # "Gemeente:", "De corporatie zorgt voor:"
    if any(re.search(p, text, re.I) for p in conf["announce_patterns"]):
        return True
    sub_texts = [ctx.join(s.parts) for s in subs]
    if all(t[:1].isupper() and t.rstrip().endswith(".") for t in sub_texts):
        verbs = set(conf["commitment_verbs"])
        if all(any(w.lower().strip(",.;") in verbs for w in t.split()) for t in sub_texts):
            return True
    # a bare lead-in (one clause, no full sentence before the colon) is completed by each item
    body = text[:-1]
    return len(split_sentences(body)) <= 1 and not re.search(r"[.;]\s", body)


def _draft(b: Block, text: str, section: str, ctx: _Context, lead_in: str | None = None,
           label: str | None = None) -> tuple:
    source = "list-item" if b.marker in ("letter", "bullet", "number") and (lead_in or b.marker != "number") else "prose"
    if b.marker == "number" and lead_in:
        source = "list-item"
    kw = dict(
        text=text,
        page=b.page,
        bbox=tuple(round(v, 2) for v in b.bbox),
        section=section,
        source=source,
        label=b.label if b.marker and b.marker != "bullet" else label,
        lead_in=lead_in,
    )
    return (b.page, 0, ctx.next(), kw)


def _sentence_drafts(b: Block, text: str, section: str, ctx: _Context, label: str | None = None) -> list[tuple]:
    """One draft per sentence of a prose paragraph; a run-in word label goes to the first."""
    out = []
    starts: list[tuple[int, int, Line]] = []  # char offset of each line in the joined text
    acc = ""
    for part, page, line in zip(b.parts, b.pages, b.lines):
        starts.append((len(acc), page, line))
        acc = ctx.join([acc, part]) if acc else part
    shift = len(acc) - len(text)  # a run-in word label split off the front of the paragraph
    pos = 0
    for sentence in split_sentences(text):
        at = text.find(sentence, pos)
        pos = max(at, pos)
        page, line = b.page, b.lines[0]
        for off, pg, ln in starts:
            if off <= pos + shift + 1:
                page, line = pg, ln
        kw = dict(text=sentence, page=page, bbox=(line.x0, line.top, line.x1, line.bottom), section=section,
                  source="prose", label=None if out else label, lead_in=None)
        out.append((page, 0, ctx.next(), kw))
        pos += len(sentence)
    return out


def _footnote_drafts(page_no: int, lines: list[Line], ctx: _Context) -> list[tuple]:
    notes: list[list[Line]] = []
    for ln in sorted(lines, key=lambda x: x.top):
        if re.match(r"^\d{1,3}[.)]?\s+\S", ln.text) or not notes:
            notes.append([ln])
        else:
            notes[-1].append(ln)
    out = []
    for group in notes:
        m = re.match(r"^(\d{1,3})[.)]?\s+", group[0].text)
        label = m.group(1) if m else None
        parts = [group[0].text[m.end():] if m else group[0].text] + [g.text for g in group[1:]]
        first = group[0]
        kw = dict(text=ctx.join(parts), page=page_no, bbox=(first.x0, first.top, first.x1, first.bottom), section=FOOTNOTE_SECTION, source="prose", label=label, lead_in=None)
        out.append((page_no, 1, ctx.next(), kw))
    return out
