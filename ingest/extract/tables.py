"""Tables on PDF pages: found, cut into rows and cells, their header rows marked.

Two kinds of grid:
- ruled: drawn with vertical rules (thin filled rectangles or stroked lines, as council
  templates and reportlab draw them); its columns sit between the rules and its rows between
  the horizontal rules (a row cut by a page break has no top edge);
- unruled: columns of short cells with only white space between them (a rule under each row at
  most). Its columns are the gutters that no fragment of text crosses on consecutive lines; the
  fragments are the page's words joined where they sit close (`PageLayout.cells`), which only a
  page that may hold such a table pays for reading (`may_hold_unruled`).

A grid of one column (a boxed paragraph, a one-cell "table") is not a table: its lines are read
as the page's text. A first row that is bold over a body that is not, or that names columns
whose cells below are figures, is a header row (`Row.header`): segmenting then gives each data
row's finding its column names, and does not make the header a finding.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.model import Block, Cell, CellPart, Row
from ingest.textutil import join_lines

if TYPE_CHECKING:
    from ingest.extract.pdf_layout import Line, PageLayout, Rect


@dataclass
class Grid:
    x_edges: list[float]
    top: float
    bottom: float
    y_edges: list[float]
    open_top: bool
    ruled: bool = True


def vertical_rules(rects: list[Rect]) -> list[Rect]:
    return [r for r in rects if (r.x1 - r.x0) < 3 and (r.bottom - r.top) > 8]


def grid_rules(rects: list[Rect]) -> list[Rect]:
    """The vertical rules that can be a table's column edges: one at least 30pt tall (a border
    drawn once down the table), one repeated at its x (each row's cell border), or one that
    ends on a horizontal rule (a header cell's border). Narrow rectangles one line high at
    scattered places, touching nothing, are the fill behind a justified line's spaces."""
    rules = vertical_rules(rects)
    across = horizontal_rules(rects)
    at: dict[int, int] = {}
    for r in rules:
        at[round(r.x0)] = at.get(round(r.x0), 0) + 1
    return [r for r in rules if r.bottom - r.top >= 30
            or at.get(round(r.x0), 0) + at.get(round(r.x0) - 1, 0) + at.get(round(r.x0) + 1, 0) >= 2
            or any(h.x0 - 2 <= r.x0 <= h.x1 + 2 and (abs(h.top - r.top) <= 2 or abs(h.bottom - r.bottom) <= 2) for h in across)]


def horizontal_rules(rects: list[Rect]) -> list[Rect]:
    return [r for r in rects if (r.bottom - r.top) < 3 and (r.x1 - r.x0) > 8]


def has_table_borders(rects: list[Rect]) -> bool:
    """Whether a page draws what `ruled_grids` reads as a bordered table: two vertical rules."""
    return len(vertical_rules(rects)) >= 2


# A figure as tables print them: 1,234  12.5%  (37)  -0.069  £16,111  +84,381  2,343,350.68  £40m.
_VALUE = re.compile(r"^[-+(£$€<>~]{0,2}\d[\d,.:/]*\s?(?:%|[kmb]n?|p)?\)?\*?$|^[-–—]$|^n/?a$", re.I)
# Two figures side by side in pdfium's text of a line: cells of a table that pdfium joined.
_TWO_VALUES = re.compile(r"(?<![\w/.,-])[-+(£$€]?\d[\d,.]*%?\)?[ \t]+[-+(£$€]?\d[\d,.]*%?\)?(?![\w/-])")


def is_value(text: str) -> bool:
    return bool(_VALUE.match(text.strip()))


def may_hold_unruled(text: str, rects: list[Rect]) -> bool:
    """Whether a page may hold an unruled table, decided from what reading its lines already gave:
    three places where two figures stand side by side (a row of counts, percentages or money), or
    three horizontal rules of one width (a table ruled between rows only). Most pages have
    neither, and never pay for reading words."""
    if len(_TWO_VALUES.findall(text, 0, 200_000)) >= 3:
        return True
    widths: dict[int, int] = {}
    for r in horizontal_rules(rects):
        key = round((r.x1 - r.x0) / 4)
        widths[key] = widths.get(key, 0) + 1
    return any(n >= 3 for n in widths.values())


# ------------------------------------------------------------------ ruled grids


def _regions(rects: list[Rect]) -> list[tuple[float, float, list[float]]]:
    """Each bordered table's vertical extent and column edges: vertical rules that overlap
    vertically belong to one table (a header's cell borders and the body's outer border too)."""
    vertical = grid_rules(rects)
    if len(vertical) < 2:
        return []
    spans = sorted((r.top, r.bottom) for r in vertical)
    regions: list[list[float]] = []
    for top, bottom in spans:
        if regions and top <= regions[-1][1] + 2:
            regions[-1][1] = max(regions[-1][1], bottom)
        else:
            regions.append([top, bottom])
    out = []
    for top, bottom in regions:
        xs = sorted({round(r.x0) for r in vertical if r.top >= top - 2 and r.bottom <= bottom + 2})
        x_edges: list[float] = []
        for x in xs:
            if not x_edges or x - x_edges[-1] > 4:
                x_edges.append(float(x))
        out.append((top, bottom, x_edges))
    return out


def column_edges(rects: list[Rect]) -> list[Rect]:
    """Where the cells of bordered tables part, as rules: the vertical rules themselves, and the
    sides of shaded cells (a body drawn with its outer border and cell fills only, its column
    rules beside the header alone). A rule beside some rows only does not part the rows below
    it: a cell there may span it."""
    from ingest.extract.pdf_layout import Rect

    rules = grid_rules(rects)
    return rules + [Rect(x, f.top, x, f.bottom) for f in _cell_fills(rects) for x in (f.x0, f.x1)]


def _cell_fills(rects: list[Rect]) -> list[Rect]:
    """Shaded cells of a bordered table: fills inside it that meet its border, or meet such a
    fill side to side. (Fills behind highlighted words float free of both.)"""
    regions = _regions(rects)
    inside = [r for r in rects if r.x1 - r.x0 >= 8 and r.bottom - r.top >= 8
              and any(top - 2 <= r.top and r.bottom <= bottom + 2 and xs[0] - 2 <= r.x0 and r.x1 <= xs[-1] + 2
                      for top, bottom, xs in regions)]
    if not inside:
        return []
    edges = [x for _, _, xs in regions for x in xs]
    kept = [f for f in inside if any(abs(f.x0 - x) <= 1.5 or abs(f.x1 - x) <= 1.5 for x in edges)]
    rest = [f for f in inside if f not in kept]
    grew = True
    while grew and rest:
        grew = False
        for f in list(rest):
            if any((abs(f.x0 - k.x1) <= 1 or abs(f.x1 - k.x0) <= 1) and f.top < k.bottom and k.top < f.bottom for k in kept):
                kept.append(f)
                rest.remove(f)
                grew = True
    return kept


def ruled_grids(page: PageLayout) -> list[Grid]:
    horizontal = horizontal_rules(page.rects)
    grids: list[Grid] = []
    for top, bottom, x_edges in _regions(page.rects):
        rows_rules = [h for h in horizontal if top - 3 <= h.top <= bottom + 3]
        # A table drawn without its outer border: the rules between rows run out to its edges.
        if rows_rules:
            left, right = min(h.x0 for h in rows_rules), max(h.x1 for h in rows_rules)
            if left < x_edges[0] - 8:
                x_edges.insert(0, float(round(left)))
            if right > x_edges[-1] + 8:
                x_edges.append(float(round(right)))
        ys = sorted({round((h.top + h.bottom) / 2) for h in rows_rules})
        y_edges: list[float] = []
        for y in ys:
            if not y_edges or y - y_edges[-1] > 4:
                y_edges.append(float(y))
        open_top = not y_edges or y_edges[0] - top > 3
        if open_top:
            y_edges.insert(0, top)
            # No top border continues a row from the page before only at the top of a page: a
            # table under the page's own text has its header shaded, not ruled.
            open_top = not any(ln.bottom < top - 1 for ln in page.lines)
        if bottom - y_edges[-1] > 3:
            y_edges.append(bottom)
        if len(x_edges) >= 2 and len(y_edges) >= 2:
            grid = Grid(x_edges, top, bottom, y_edges, open_top)
            if not _is_box(grid, page.lines):
                grids.append(grid)
    return grids


def _is_box(grid: Grid, lines: list[Line]) -> bool:
    """A box drawn round a paragraph, or a grid whose text all sits in one column (one cell, or a
    column of boxed paragraphs): no table. A grid that a page break continues (it has no top
    edge) may have only one column filled on this page and stays a table."""
    if len(grid.x_edges) < 3:
        return True
    cells: set[tuple[int, int]] = set()
    for ln in lines:
        cy = (ln.top + ln.bottom) / 2
        if not grid.top <= cy <= grid.bottom or not grid.x_edges[0] - 2 <= ln.x0 < grid.x_edges[-1]:
            continue
        col = next(k for k, x1 in enumerate(grid.x_edges[1:]) if ln.x0 < x1)
        row = next((k for k, y1 in enumerate(grid.y_edges[1:]) if cy <= y1), len(grid.y_edges) - 2)
        cells.add((row, col))
    return not grid.open_top and len({c for _, c in cells}) <= 1


# ------------------------------------------------------------------ unruled grids

_MARKER = re.compile(r"^(?:[•●▪◦·■◼►»\-–*]|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\(?[a-z]{1,3}[.)]|\([ivx]{1,5}\))$", re.I)


def unruled_grids(page: PageLayout, pitch: float, taken: list[Grid]) -> list[Grid]:
    """Grids of aligned columns among the page's text fragments, outside the ruled grids."""
    frags = [ln for ln in page.cells or []
             if not any(g.x_edges[0] - 2 <= ln.x0 < g.x_edges[-1] and g.top <= _cy(ln) <= g.bottom for g in taken)]
    if len(frags) < 6:
        return []
    rows = _baseline_rows(frags)
    grids: list[Grid] = []
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            i += 1
            continue
        run, cols = [rows[i]], _intervals(rows[i])
        j = i + 1
        while j < len(rows) and _baseline(rows[j]) - _baseline(run[-1]) <= 3.2 * pitch:
            merged = _merge_intervals(cols, rows[j])
            if len(merged) < 2 or not all(_distinct(r, merged) for r in (*run, rows[j]) if len(r) > 1):
                break
            run.append(rows[j])
            cols = merged
            j += 1
        while len(run) > 1 and len(run[-1]) == 1:
            run.pop()  # a lone line after the table belongs to the text below it
        cols = _merge_intervals([], [f for r in run for f in r])
        if _is_table(run, cols):
            grids.append(_unruled_grid(page, run, cols, pitch))
            i += len(run)
        else:
            i += 1
    return grids


def _cy(ln: Line) -> float:
    return (ln.top + ln.bottom) / 2


def _baseline(row: list[Line]) -> float:
    return row[0].bottom


def _baseline_rows(frags: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for f in sorted(frags, key=lambda f: (f.bottom, f.x0)):
        if rows and abs(f.bottom - rows[-1][0].bottom) <= 2.0:
            rows[-1].append(f)
        else:
            rows.append([f])
    for r in rows:
        r.sort(key=lambda f: f.x0)
    return rows


def _intervals(row: list[Line]) -> list[tuple[float, float]]:
    return _merge_intervals([], row)


def _merge_intervals(cols: list[tuple[float, float]], row: list[Line]) -> list[tuple[float, float]]:
    """The x-ranges covered by text once `row` is added (the columns; between them, gutters).
    Ranges closer than 6pt are one column: no reader sees a gutter that narrow."""
    spans = sorted([*cols, *((f.x0, max(f.x1, f.x0 + 1)) for f in row)])
    out: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if out and x0 <= out[-1][1] + 6:
            out[-1] = (out[-1][0], max(out[-1][1], x1))
        else:
            out.append((x0, x1))
    return out


def _column(f: Line, cols: list[tuple[float, float]]) -> int:
    for k, (x0, x1) in enumerate(cols):
        if x0 - 0.5 <= f.x0 <= x1:
            return k
    return len(cols) - 1


def _distinct(row: list[Line], cols: list[tuple[float, float]]) -> bool:
    ks = [_column(f, cols) for f in row]
    return len(set(ks)) == len(ks)


def _is_table(run: list[list[Line]], cols: list[tuple[float, float]]) -> bool:
    """Aligned fragments read as a table only when they look like one: enough rows of two cells
    or more, short cells (not two columns of running text), and not a list (markers beside text)."""
    multi = [r for r in run if len(r) >= 2]
    if len(cols) < 2 or len(multi) < 3 or (len(cols) == 2 and len(multi) < 4):
        return False
    by_col: list[list[str]] = [[] for _ in cols]
    for r in run:
        for f in r:
            by_col[_column(f, cols)].append(f.text)
    words = [len(t.split()) for texts in by_col for t in texts]
    if statistics.mean(words) > 6 or sum(w <= 6 for w in words) < 0.7 * len(words):
        return False
    if any(statistics.mean(len(t.split()) for t in texts) > 9 for texts in by_col if texts):
        return False
    # "1.1 | text", "• | text", "(a) | text": a numbered or bulleted list with a wide hanging indent.
    first = by_col[0]
    return not (len(cols) == 2 and sum(bool(_MARKER.match(t)) for t in first) >= 0.8 * len(first))


def _unruled_grid(page: PageLayout, run: list[list[Line]], cols: list[tuple[float, float]], pitch: float) -> Grid:
    rules = sorted({round((h.top + h.bottom) / 2) for h in horizontal_rules(page.rects)
                    if h.x0 <= cols[0][0] + 20 and h.x1 >= cols[-1][1] - 20})
    tops = [min(f.top for f in r) for r in run]
    bottoms = [max(f.bottom for f in r) for r in run]
    top, bottom = tops[0] - 1.0, bottoms[-1] + 1.0
    inner = [y for y in rules if top < y < bottom]
    starts = [0]
    for k in range(1, len(run)):
        if inner:
            # Rules between rows say where each row ends; lines between two rules are one row.
            if any(bottoms[k - 1] <= y <= tops[k] + 1 for y in inner):
                starts.append(k)
        elif not _continues(run[k - 1], run[k], cols, pitch):
            starts.append(k)
    y_edges = [top]
    for k in starts[1:]:
        y_edges.append((bottoms[k - 1] + tops[k]) / 2)
    y_edges.append(bottom)
    x_edges = [cols[0][0] - 1.0] + [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:])] + [cols[-1][1] + 1.0]
    return Grid(x_edges, top, bottom, y_edges, False, ruled=False)


def _continues(above: list[Line], row: list[Line], cols: list[tuple[float, float]], pitch: float) -> bool:
    """Whether a line of an unruled table carries on the row above (a cell's text that wraps)
    rather than starting a row: all its fragments start in lower case, or the row above holds
    only its first cell, not bold, a line's pitch above (a wrapped label, its figures beside
    its last line)."""
    if all(f.text[:1].islower() or f.text[:1] in "(&" for f in row):
        return True
    close = row[0].bottom - above[0].bottom <= 1.3 * min(pitch, max(row[0].size, 6) * 1.5)
    lone_label = len(above) == 1 and _column(above[0], cols) == 0 and not above[0].bold
    return close and lone_label and not is_value(above[0].text)


# ------------------------------------------------------------------ a grid into a block


def find_tables(page: PageLayout, pitch: float) -> list[Grid]:
    ruled = ruled_grids(page)
    return ruled + unruled_grids(page, pitch, ruled) if page.cells else ruled


def inside(line: Line, x0: float, top: float, x1: float, bottom: float) -> bool:
    cy = (line.top + line.bottom) / 2
    return x0 - 2 <= line.x0 < x1 and top <= cy <= bottom


def _cell_parts(lines: list[Line], cell_x0: float, pitch: float, page_no: int) -> list[CellPart]:
    from ingest.extract.pdf_layout import _group_lines

    parts: list[CellPart] = []
    for group in _group_lines(sorted(lines, key=lambda ln: (ln.top, ln.x0)), pitch):
        # A bullet whose glyph was lost still sits indented; a paragraph that continues a
        # bullet across a page break starts at the cell's own margin. A figure or a short label
        # centred or set right in its cell is indented too, and is no bullet.
        text = join_lines([ln.text for ln in group])
        bullet = group[0].x0 - cell_x0 > 10 and len(text.split()) >= 3 and not is_value(text)
        parts.append(CellPart(text=text, bullet=bullet, page=page_no))
    return parts


def table_block(page: PageLayout, grid: Grid, pitch: float) -> Block:
    source = page.lines if grid.ruled else (page.cells or [])
    region = [ln for ln in source if inside(ln, grid.x_edges[0], grid.top, grid.x_edges[-1], grid.bottom)]
    rows: list[Row] = []
    bold: list[bool] = []
    for i, (top, bottom) in enumerate(zip(grid.y_edges, grid.y_edges[1:])):
        cells: list[Cell] = []
        row_lines: list[Line] = []
        for x0, x1 in zip(grid.x_edges, grid.x_edges[1:]):
            lines = [ln for ln in region if inside(ln, x0, top, x1, bottom)]
            row_lines.extend(lines)
            cells.append(Cell(parts=_cell_parts(lines, x0, pitch, page.number)))
        if any(c.parts for c in cells):
            rows.append(Row(cells=cells, continued=(i == 0 and grid.open_top), page=page.number))
            bold.append(all(ln.bold for ln in row_lines))
    for k in range(_header_rows(rows, bold)):
        rows[k].header = True
    return Block(type="table", rows=rows, page=page.number)


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


def _names_columns(rows: list[Row], bold: list[bool], h: int) -> bool:
    first = [c.text for c in rows[h].cells]
    if sum(1 for t in first if t) < 2:
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
