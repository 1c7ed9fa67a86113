"""Turn positioned PDF lines into blocks: headers and footers out, paragraphs, bullets, tables.

Works on plain `Line`/`Rect` records so any PDF library can feed it (pdfplumber for layout,
pypdfium2 for speed). The rules come from how council PDFs are laid out:
- a paragraph break is a line pitch clearly larger than the document's usual pitch;
- a bullet whose glyph was lost still sits indented from the body text;
- a bold block is a heading;
- bordered tables are drawn as thin filled rectangles; a row cut by a page break has no top edge.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ingest.extract.tables import (
    find_tables,
    has_table_borders,
    inside,
    outside,
    ruled_grids,
    table_block,
    vertical_rules,
)
from ingest.model import Block
from ingest.textutil import join_lines

__all__ = ["Line", "PageLayout", "Rect", "Word", "has_table_borders", "layout_to_blocks", "vertical_rules", "words_to_lines"]


@dataclass(slots=True)
class Line:
    """A line of text as read from the page (its right edge is never needed, so not read)."""

    x0: float
    top: float
    bottom: float
    text: str
    bold: bool
    size: float
    conf: float | None = None  # mean word confidence (0-100) of a line read by OCR; None if typed
    x1: float = 0.0  # its right edge, where known (text fragments read word by word)


class Word(NamedTuple):
    """A word with its position, as the bordered-page readers give them (a tuple: a page holds
    hundreds, and a tuple is the cheapest record to make)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


def words_to_lines(words: list[Word], column_gap: float = 14.0, rules: list[Rect] | None = None) -> list[Line]:
    """Group positioned words into lines, splitting a line where a wide gap marks a new column,
    or where a vertical rule (`rules`) runs between two words: cells of a bordered table can sit
    closer than any gap that marks a column ("Parking Income | 10,896,732.60")."""
    words = sorted(words, key=lambda w: (round(w.top), w.x0))
    rows: list[list[Word]] = []
    for w in words:
        if rows and abs(w.top - rows[-1][0].top) <= 2.0:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        current: list[Word] = []
        cuts = [r.x0 for r in rules or () if r.top - 2 <= row[0].bottom - row[0].size * 0.2 <= r.bottom + 2]
        for w in row:
            if current and (w.x0 - current[-1].x1 > column_gap or any(current[-1].x1 - 1 <= x <= w.x0 + 1 for x in cuts)):
                lines.append(_line(current))
                current = []
            current.append(w)
        if current:
            lines.append(_line(current))
    return lines


def _line(words: list[Word]) -> Line:
    return Line(
        x0=words[0].x0,
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        text=" ".join(w.text for w in words),
        bold=all(w.bold for w in words),
        size=words[0].size,
        x1=words[-1].x1,
    )


@dataclass
class Rect:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageLayout:
    number: int  # 1-based physical page index
    width: float
    height: float
    lines: list[Line]
    rects: list[Rect] = field(default_factory=list)
    printed: int | None = None  # "Page 19" as printed, filled by strip_running_text
    # The page's words joined where they sit close, for finding unruled tables; read only on a
    # page that may hold one (`unruled.may_hold_unruled`), None elsewhere.
    cells: list[Line] | None = None


_PAGE_NO = re.compile(r"^(?:page\s*)?(\d{1,4})$", re.I)
_AGENDA_ITEM = re.compile(r"^agenda\s+item\s+\d+[a-z]?$", re.I)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def strip_running_text(pages: list[PageLayout]) -> None:
    """Remove running headers and footers in place; remember the printed page number.

    A line in the top or bottom 9% of the page is furniture when it is a page number
    ("Page 19", "19"), an "Agenda Item 5" stamp, or text repeated on at least half the pages
    (a committee name on every page).
    """
    margin_lines: list[tuple[PageLayout, Line]] = []
    for page in pages:
        for line in page.lines:
            if line.bottom < page.height * 0.09 or line.top > page.height * 0.91:
                margin_lines.append((page, line))
    counts = Counter(_furniture_key(line.text) for _, line in margin_lines)
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    drop: set[int] = set()
    for page, line in margin_lines:
        text = line.text.strip()
        m = _PAGE_NO.match(text)
        if m:
            page.printed = int(m.group(1))
            drop.add(id(line))
        elif _AGENDA_ITEM.match(text) or _furniture_key(text) in repeated:
            drop.add(id(line))
    for page in pages:
        page.lines = [ln for ln in page.lines if id(ln) not in drop]


def _modal_pitch(pages: list[PageLayout]) -> float:
    pitches: Counter[int] = Counter()
    for page in pages:
        body = sorted(page.lines, key=lambda ln: ln.top)
        for a, b in zip(body, body[1:]):
            d = round(b.top - a.top)
            if 0 < d < 3 * max(a.size, 1):
                pitches[d] += 1
    if not pitches:
        return 14.0
    # The most common pitch, smoothed over its neighbours (rounding makes 16 show as 15 or 17).
    best = max(pitches, key=lambda d: pitches[d] + 0.5 * (pitches[d - 1] + pitches[d + 1]))
    return float(best)


def _group_lines(lines: list[Line], pitch: float) -> list[list[Line]]:
    """Split lines (sorted top to bottom) into paragraphs at a larger-than-usual pitch."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            prev = groups[-1][-1]
            same = (line.top - prev.top) <= pitch * 1.15 and line.bold == prev.bold
            if same:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _ocr_fields(lines: list[Line]) -> dict[str, Any]:
    """`ocr` and the mean word confidence for a block made of lines read by OCR; nothing for typed
    lines, so a typed block is exactly what it was."""
    read = [(ln.conf, len(ln.text.split())) for ln in lines if ln.conf is not None]
    if not read:
        return {}
    return {"ocr": True, "ocr_confidence": round(sum(c * n for c, n in read) / sum(n for _, n in read), 1)}


def _body_margin(starts: Counter[int]) -> float:
    """The leftmost line start that is common (at least two lines and a quarter of the commonest
    start's count); where no start is (one line, or every line at its own indent) the leftmost
    start, so that no line of a short PDF is taken for an indented bullet."""
    if not starts:
        return 0.0
    floor = max(2, starts.most_common(1)[0][1] / 4)
    common = [x for x, n in starts.items() if n >= floor]
    return float(min(common or starts))


def layout_to_blocks(pages: list[PageLayout]) -> list[Block]:
    """Blocks in reading order for a whole PDF, pages numbered as printed where they are."""
    strip_running_text(pages)
    ruled = [ruled_grids(page) for page in pages]
    pitch = _modal_pitch(pages)
    if any(ruled):
        # A pitch well under the paragraphs' own is no line pitch: it comes from the columns of
        # bordered tables set half a line apart (a name beside its description), which in a
        # paper made of such tables outvoted the paragraphs and cut them into lines.
        text_pitch = _modal_pitch([PageLayout(p.number, p.width, p.height, outside(p.lines, grids)) if grids else p
                                   for p, grids in zip(pages, ruled)])
        if pitch < 0.75 * text_pitch:
            pitch = text_pitch
    page_tables = [find_tables(page, pitch, grids) for page, grids in zip(pages, ruled)]
    # The body's left margin: the commonest start of lines outside tables (table cells would
    # otherwise outvote it and every paragraph would look indented).
    free_x: Counter[int] = Counter()
    for page, tables in zip(pages, page_tables):
        if tables:
            free_x.update(round(ln.x0) for ln in page.lines
                          if not any(inside(ln, t.x_edges[0], t.top, t.x_edges[-1], t.bottom) for t in tables))
        else:  # most pages: no table to leave out
            free_x.update([round(ln.x0) for ln in page.lines])
    left = _body_margin(free_x)
    blocks: list[Block] = []
    for page, tables in zip(pages, page_tables):
        page_no = page.printed if page.printed is not None else page.number
        items: list[tuple[float, Block]] = []
        table_lines: set[int] = set()
        for t in tables:
            blk = table_block(page, t, pitch)
            for r in blk.rows:
                r.page = page_no
                for c in r.cells:
                    for part in c.parts:
                        part.page = page_no
            blk.page = page_no
            items.append((t.top, blk))
            for ln in page.lines:
                if inside(ln, t.x_edges[0], t.top, t.x_edges[-1], t.bottom):
                    table_lines.add(id(ln))
        free = sorted((ln for ln in page.lines if id(ln) not in table_lines), key=lambda ln: (ln.top, ln.x0))
        for group in _group_lines(free, pitch):
            text = join_lines([ln.text for ln in group])
            if not text:
                continue
            if all(ln.bold for ln in group):
                btype = "heading"
            elif group[0].x0 - left > 5 and not re.match(r"^(\d+(\.\d+)*\.?|[a-z]{1,4}\.|\([a-z0-9]+\))\s", text):
                btype = "bullet"
            else:
                btype = "paragraph"
            items.append((group[0].top, Block(type=btype, text=text, page=page_no, **_ocr_fields(group))))  # type: ignore[arg-type]
        items.sort(key=lambda it: it[0])
        blocks.extend(b for _, b in items)
    return blocks
