"""A table's grid read into a block: its rows and cells from the page's lines, a cell's lines
grouped into paragraphs (a bullet kept apart), and its header rows marked (`Row.header`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.document.extract.grids import Grid, centre_y, inside, is_value
from ingest.model import Block, Cell, CellPart, Row
from ingest.textutil import join_lines

if TYPE_CHECKING:
    from ingest.document.extract.layout_records import Line, PageLayout


def _in_by_middle(line: Line, x0: float, top: float, x1: float, bottom: float) -> bool:
    right = line.x1 or 0.0  # None: the reader gave no right edge
    mid = (line.x0 + right) / 2 if right > line.x0 else line.x0
    return x0 <= mid < x1 and top <= centre_y(line) <= bottom


def _cell_parts(lines: list[Line], cell_x0: float, pitch: float, page_no: int) -> list[CellPart]:
    from ingest.document.extract.paragraphs import group_lines

    parts: list[CellPart] = []
    for group in group_lines(sorted(lines, key=lambda ln: (ln.top, ln.x0)), pitch):
        # A bullet whose glyph was lost still sits indented; a paragraph that continues a
        # bullet across a page break starts at the cell's own margin. A figure or a short label
        # centred or set right in its cell is indented too, and is no bullet; nor are figures of
        # columns whose rules were not drawn, run into one cell ("103 86 93%").
        text = join_lines([ln.text for ln in group])
        bullet = (group[0].x0 - cell_x0 > 10 and len(text.split()) >= 3 and not is_value(text)
                  and not all(is_value(w) for w in text.split()))
        parts.append(CellPart(text=text, bullet=bullet, page=page_no))
    return parts


def table_block(page: PageLayout, grid: Grid, pitch: float) -> Block:
    source = page.lines if grid.ruled else (page.cells or [])
    region = [ln for ln in source if inside(ln, grid.x_edges[0], grid.top, grid.x_edges[-1], grid.bottom)]
    if grid.head is not None:
        region = [ln for ln in region if centre_y(ln) > grid.head] + [
            f for f in page.cells or [] if inside(f, grid.x_edges[0], grid.top, grid.x_edges[-1], grid.head)]
    rows: list[Row] = []
    bold: list[bool] = []
    for i, top in enumerate(grid.y_edges[:-1]):
        cells: list[Cell] = []
        row_lines: list[Line] = []
        # Fragments of an unruled table or of a header band go to the column their middle sits
        # in: a name centred over a column of figures starts left of the figures' gutter.
        by_middle = not grid.ruled or (grid.head is not None and i == 0)
        for k, (x0, x1) in enumerate(zip(grid.x_edges, grid.x_edges[1:])):
            if (i, k) in grid.spanned:  # its text is read with the cell above it
                cells.append(Cell(spanned=True))
                continue
            end = i + 1
            while (end, k) in grid.spanned:
                end += 1
            low = grid.y_edges[end]
            lines = [ln for ln in region if (_in_by_middle(ln, x0, top, x1, low) if by_middle else inside(ln, x0, top, x1, low))]
            row_lines.extend(lines)
            cells.append(Cell(parts=_cell_parts(lines, x0, pitch, page.number)))
        if any(c.parts for c in cells):
            rows.append(Row(cells=cells, continued=(i == 0 and grid.open_top), page=page.number))
            bold.append(all(ln.bold for ln in row_lines))
    if grid.head is not None and rows:
        # The band above the body is the header, and so is a first body row that also names
        # columns (the names' last line, "£000s", set on the body's first rule).
        second = [c.text for c in rows[1].cells] if len(rows) > 2 else []
        n = 2 if second and not any(is_value(t) for t in second if t) and _names_columns(rows[1:], bold[1:], 0) else 1
    else:
        n = _header_rows(rows, bold)
    for k in range(n):
        rows[k].header = True
    from ingest.document.extract.layout_records import ocr_fields

    return Block(type="table", rows=rows, page=page.number, **ocr_fields(region))


def _header_rows(rows: list[Row], bold: list[bool]) -> int:
    """How many rows at the top name the columns: a first row that is bold over a body that is not
    all bold, or words over a column of figures (1), or such a row under a title row of one cell
    ("Number of casualties" over "Year | Slight | KSI": 2). Else 0; never a row a page break
    continues. (A second bold row is data as often as header: "Key judgement | Judgement grade"
    over a bold judgement.)"""
    if len(rows) < 2 or rows[0].continued:
        return 0
    if _names_columns(rows, bold, 0):
        return 1
    if len(rows) >= 3 and sum(1 for c in rows[0].cells if c.text) == 1 and _names_columns(rows, bold, 1):
        return 2
    return 0


# A column's name or a table's title is a few words; a cell of more is a paragraph, never a
# name (an assessment form's cell of evidence over a table set inside it).
NAME_WORDS = 25


def _names_columns(rows: list[Row], bold: list[bool], h: int) -> bool:
    first = [c.text for c in rows[h].cells]
    if sum(1 for t in first if t) < 2 or any(len(t.split()) > NAME_WORDS for t in first):
        return False
    if bold[h] and not all(bold[h + 1:]):
        return True
    if any(is_value(t) for t in first if t):
        return False
    body = rows[h + 1:]
    for k in range(1, len(first)):
        col = [r.cells[k].text for r in body if k < len(r.cells) and r.cells[k].text]
        if first[k] and col and sum(is_value(t) for t in col) >= 0.6 * len(col):
            return True
    return False


def cell_texts(row: Row, above: list[str]) -> list[str]:
    """The row's cells as text, a cell the one above runs into (`Cell.spanned`) reading as that
    cell (`above`: the row above's, so read): every row beside "Ancient Woodland" says so."""
    return [above[k] if c.spanned and k < len(above) else c.text for k, c in enumerate(row.cells)]
