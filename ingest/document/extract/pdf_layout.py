"""Turn positioned PDF lines into blocks: headers and footers out, paragraphs, bullets, tables.

Works on plain `Line`/`Rect` records so any PDF library can feed it (pdfplumber for layout,
pypdfium2 for speed). The rules come from how council PDFs are laid out:
- a paragraph break is a line pitch clearly larger than the document's usual pitch
  (`paragraphs.py`);
- a bullet whose glyph was lost still sits indented from the body text;
- a bold block is a heading, and so is a short line set in larger type (`headings.py`);
- bordered tables are drawn as thin filled rectangles; a row cut by a page break has no top edge.
The records themselves are in `layout_records.py`.
"""

from __future__ import annotations

from collections import Counter

from ingest.document.extract.grids import inside, outside
from ingest.document.extract.headings import BodySize, heads_text, set_large
from ingest.document.extract.layout_records import (
    Line,
    PageLayout,
    Rect,
    Word,
    middle_size,
    ocr_fields,
    words_to_lines,
)
from ingest.document.extract.paragraphs import LABEL_START, group_free, group_lines, modal_pitch
from ingest.document.extract.ruled import has_table_borders, ruled_grids, vertical_rules
from ingest.document.extract.table_block import table_block
from ingest.document.extract.tables import find_tables
from ingest.model import Block, CellPart, Row
from ingest.textutil import join_lines, mark_bullet

__all__ = ["Line", "PageLayout", "Rect", "Word", "group_lines", "has_table_borders", "layout_to_blocks", "ocr_fields",
           "vertical_rules", "words_to_lines"]


def _body_margin(starts: Counter[int]) -> float:
    """The leftmost line start that is common (at least two lines and a quarter of the commonest
    start's count); where no start is (one line, or every line at its own indent) the leftmost
    start, so that no line of a short PDF is taken for an indented bullet."""
    if not starts:
        return 0.0
    floor = max(2, starts.most_common(1)[0][1] / 4)
    common = [x for x, n in starts.items() if n >= floor]
    return float(min(common or starts))


def _under_its_label(groups: list[tuple[int, float, tuple[list[Line], bool]]], n: int, margin: float) -> bool:
    """Whether indented text is the body of the numbered heading or paragraph just above it, set in
    under that one's text (a hanging indent: "9. 16 April 2026" / "Online applicants will ..."),
    not a list's item whose glyph the PDF left out."""
    if n == 0:
        return False
    above, _ = groups[n - 1][2]
    head = above[0]
    return (not groups[n - 1][2][1] and head.x0 - margin <= 5 and LABEL_START.match(head.text) is not None
            and 10 <= groups[n][2][0][0].x0 - head.x0 <= 60)


def _stamp(block: Block | Row | CellPart, pdf_page: int, printed: str | None, cite: int) -> None:
    block.page, block.pdf_page, block.printed_page = cite, pdf_page, printed


def layout_to_blocks(pages: list[PageLayout], furniture: list[Block] | None = None) -> list[Block]:
    """Blocks in reading order for a whole PDF, each with its PDF page, its printed page where
    the page prints one, and `page` (the printed number, else the PDF's). Page furniture is taken
    off first (see `furniture.py`) and put in `furniture` when a list is given."""
    from ingest.document.extract.charts import take_chart_text
    from ingest.document.extract.columns import margin_of, rank_of, reading_order
    from ingest.document.extract.footnotes import after_continuation, is_footnote
    from ingest.document.extract.furniture import label_furniture

    found = label_furniture(pages)
    for page in pages:  # after the furniture, which reads each page's printed number
        cite = int(page.printed) if page.printed and page.printed.isdigit() else page.number
        found.extend(take_chart_text(page, cite))
        found.extend(Block(type="furniture", role="hidden text", text=ln.text.strip(), page=cite, pdf_page=page.number,
                           printed_page=page.printed) for ln in page.hidden)
    if furniture is not None:
        furniture.extend(found)
    ruled = [ruled_grids(page) for page in pages]
    pitch = modal_pitch(pages)
    if any(ruled):
        # A pitch well under the paragraphs' own is no line pitch: it comes from the columns of
        # bordered tables set half a line apart (a name beside its description), which in a
        # paper made of such tables outvoted the paragraphs and cut them into lines.
        text_pitch = modal_pitch([PageLayout(p.number, p.width, p.height, outside(p.lines, grids)) if grids else p
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
    notes: set[int] = set()  # ids of footnote blocks (footnotes.py)
    for page, tables in zip(pages, page_tables):
        printed = page.printed
        body_size = BodySize(page)
        read_by_ocr = any(ln.conf is not None for ln in page.lines)  # typed pages (most): no OCR fields to work out
        cite = int(printed) if printed is not None and printed.isdigit() else page.number
        items: list[tuple[tuple[int, float], Block]] = []
        table_lines = {id(ln) for t in tables for ln in page.lines if inside(ln, t.x_edges[0], t.top, t.x_edges[-1], t.bottom)}
        runs, zone = reading_order([ln for ln in page.lines if id(ln) not in table_lines], page.width, page.number == 1)
        for t in tables:
            blk = table_block(page, t, pitch)
            for r in blk.rows:
                _stamp(r, page.number, printed, cite)
                for c in r.cells:
                    for part in c.parts:
                        _stamp(part, page.number, printed, cite)
            _stamp(blk, page.number, printed, cite)
            items.append(((rank_of(t.top, zone), t.top), blk))
        groups = [(rank, margin_of(run, left) if len(runs) > 1 else left, g) for rank, run in runs for g in group_free(run, pitch)]
        for n, (rank, margin, (group, glyph)) in enumerate(groups):
            text = join_lines([ln.text for ln in group])
            if not text:
                continue
            if glyph:
                btype = "bullet"
                text = mark_bullet(text)
            elif all(ln.bold for ln in group) or (set_large(group, body_size) and heads_text(n, groups, tables, body_size)):
                btype = "heading"
            elif group[0].x0 - margin > 5 and not LABEL_START.match(text) and not _under_its_label(groups, n, margin):
                btype = "bullet"
            else:
                btype = "paragraph"
            # The page fields given at construction: setting them after costs a validation each.
            if read_by_ocr:
                blk = Block(type=btype, text=text, page=cite, pdf_page=page.number, printed_page=printed,  # type: ignore[arg-type]
                            **ocr_fields(group))
            else:
                blk = Block(type=btype, text=text, page=cite, pdf_page=page.number, printed_page=printed,  # type: ignore[arg-type]
                            size=middle_size([ln.type_size for ln in group]))
            items.append(((rank, group[0].top), blk))
            if btype != "heading" and not glyph and is_footnote(group, page.lines, body_size):
                notes.add(id(blk))
        items.sort(key=lambda it: it[0])
        blocks.extend(b for _, b in items)
    return after_continuation(blocks, notes)
