"""Tables on PDF pages: found, cut into rows and cells, their header rows marked.

Two kinds of grid:
- ruled: drawn with vertical rules (thin filled rectangles or stroked lines, as council
  templates and reportlab draw them); its columns sit between the rules and its rows between
  the horizontal rules (a row cut by a page break has no top edge);
  (and sides of shaded cells); a shaded header band on a ruled body is its header row; a cell
  no rule closes where the rows' rule crosses the other columns runs down beside those rows
  (`Grid.spanned`, `Cell.spanned`);
- unruled: columns of short cells with only white space between them (`unruled.py`).

A grid of one column (a boxed paragraph, a one-cell "table") is not a table: its lines are read
as the page's text. A first row that is bold over a body that is not, or that names columns
whose cells below are figures, is a header row (`Row.header`): segmenting then gives each data
row's finding its column names, and does not make the header a finding.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.model import Block, Cell, CellPart, Row
from ingest.textutil import join_lines

if TYPE_CHECKING:
    from ingest.document.extract.layout_records import Line, PageLayout, Rect


@dataclass
class Grid:
    x_edges: list[float]
    top: float
    bottom: float
    y_edges: list[float]
    open_top: bool
    ruled: bool = True
    # Header lines above the grid's own rows (bold names over a ruled body, or over figures
    # read apart from them): the band from `top` to `head` is one header row, read from the
    # page's text fragments.
    head: float | None = None
    # Cells that run on from the cell above (row index, column index): no rule or shaded cell's
    # edge parts them where the rows' rule crosses the other columns (a label beside several
    # rows, "Scheduled Ancient" over "Monuments" beside three criteria).
    spanned: frozenset[tuple[int, int]] = frozenset()


def vertical_rules(rects: list[Rect]) -> list[Rect]:
    rules = [r for r in rects if (r.x1 - r.x0) < 3 and (r.bottom - r.top) > 8]
    gaps = _highlight_gaps(rules, rects) if len(rules) >= 2 else set()
    return [r for r in rules if id(r) not in gaps] if gaps else rules


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


def _highlight_gaps(rules: list[Rect], rects: list[Rect]) -> set[int]:
    """The narrow rectangles (ids) that are gaps between words' highlight boxes (text marked
    word by word), never rules: one line high, touching a fill of their own height on both sides,
    in a line where most such gaps fall where no two other rules are. A shaded table row's cell
    borders touch its fills too, but fall where the other rows' borders do (its columns)."""
    fills: dict[tuple[int, int], list[Rect]] = {}  # by top and bottom: one line's boxes
    for f in rects:
        if f.x1 - f.x0 >= 3:
            fills.setdefault((round(f.top), round(f.bottom)), []).append(f)

    def flanked(r: Rect) -> bool:
        near = [f for dt in (-1, 0, 1) for db in (-1, 0, 1)
                for f in fills.get((round(r.top) + dt, round(r.bottom) + db), ())
                if abs(f.top - r.top) <= 1.5 and abs(f.bottom - r.bottom) <= 1.5]
        return any(abs(f.x1 - r.x0) <= 1 for f in near) and any(abs(f.x0 - r.x1) <= 1 for f in near)

    lines: dict[tuple[int, int], list[Rect]] = {}
    for r in rules:
        if r.bottom - r.top < 30 and flanked(r):
            lines.setdefault((round(r.top), round(r.bottom)), []).append(r)
    if not lines:
        return set()
    at: dict[int, list[Rect]] = {}
    for r in rules:
        at.setdefault(round(r.x0), []).append(r)
    gaps: set[int] = set()
    for key, mine in lines.items():
        aligned = sum(1 for r in mine
                      if sum(1 for dx in (-1, 0, 1) for o in at.get(round(r.x0) + dx, ())
                             if abs(o.x0 - r.x0) <= 1 and (round(o.top), round(o.bottom)) != key) >= 2)
        if aligned * 5 < len(mine) * 4:
            gaps.update(id(r) for r in mine)
    return gaps


def horizontal_rules(rects: list[Rect]) -> list[Rect]:
    return [r for r in rects if (r.bottom - r.top) < 3 and (r.x1 - r.x0) > 8]


def has_table_borders(rects: list[Rect]) -> bool:
    """Whether a page draws what `ruled_grids` reads as a bordered table: two vertical rules."""
    return len(vertical_rules(rects)) >= 2


# A figure as tables print them: 1,234  12.5%  (37)  -0.069  £16,111  +84,381  2,343,350.68  £40m;
# and a share with its count, or a count with its share, as survey tables print them: 57% (74),
# 90 (69.2%).
_FIGURE = r"[-+(£$€<>~]{0,2}\d[\d,.:/]*\s?(?:%|[kmb]n?|p)?\)?\*?"
_VALUE = re.compile(rf"^{_FIGURE}$|^\d[\d,.]*%?\s?\(\d[\d,.]*%?\)$|^[-–—]$|^n/?a$", re.I)
def is_value(text: str) -> bool:
    return bool(_VALUE.match(text.strip()))


# ------------------------------------------------------------------ ruled grids


def rule_regions(vertical: list[Rect]) -> list[tuple[float, float, list[float]]]:
    """Each bordered table's vertical extent and column edges: vertical rules that overlap
    vertically belong to one table (a header's cell borders and the body's outer border too)."""
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
        out.append((top, bottom, _distinct_xs(xs)))
    return out


def _distinct_xs(xs: Iterable[float]) -> list[float]:
    x_edges: list[float] = []
    for x in sorted(xs):
        if not x_edges or x - x_edges[-1] > 4:
            x_edges.append(float(x))
    return x_edges


def _table_edges(rects: list[Rect]) -> tuple[list[Rect], list[tuple[float, float, list[float]]]]:
    """Where the cells of bordered tables part, as rules, and each table's extent and column
    edges. The rules are the vertical rules themselves and the sides of shaded cells: a side
    that recurs in two rows or more is a column edge down the whole table (a body drawn with its
    outer border and alternate rows shaded, its column rules beside the header alone); other
    sides part only their own row. A rule beside some rows only does not part the rows below
    it: a cell there may span it."""
    from ingest.document.extract.layout_records import Rect

    vertical = grid_rules(rects)
    regions = rule_regions(vertical)
    parts = list(vertical)
    # A shaded header band sitting on a ruled body: the columns run up through it (its names
    # are drawn with no rules between them).
    for k, (top, bottom, xs) in enumerate(regions):
        band = [f for f in rects if abs(f.bottom - top) <= 2.5 and 8 <= f.bottom - f.top <= 80
                and f.x0 >= xs[0] - 3 and f.x1 <= xs[-1] + 3]
        if band and sum(f.x1 - f.x0 for f in band) >= 0.9 * (xs[-1] - xs[0]):
            head = min(f.top for f in band)
            parts.extend(Rect(x, head, x, top) for x in xs)
            regions[k] = (head, bottom, xs)
    fills = _cell_fills(rects, regions)
    if not fills:
        return parts, regions
    out = []
    for top, bottom, xs in regions:
        rows_at: dict[int, set[int]] = {}
        mine = [f for f in fills if top - 2 <= f.top and f.bottom <= bottom + 2]
        for f in mine:
            for x in (f.x0, f.x1):
                rows_at.setdefault(round(x), set()).add(round(f.top))
        recurring = [float(x) for x, tops in rows_at.items() if len(tops) >= 2 and all(abs(x - e) > 4 for e in xs)]
        parts.extend(r for x in recurring for r in _edge_beside(x, top, bottom, mine, xs))
        parts.extend(Rect(x, f.top, x, f.bottom) for f in mine for x in (f.x0, f.x1) if len(rows_at[round(x)]) < 2)
        out.append((top, bottom, _distinct_xs([*xs, *recurring])))
    return parts, out


def _edge_beside(x: float, top: float, bottom: float, fills: list[Rect], xs: list[float]) -> list[Rect]:
    """A column edge that shaded cells' sides make (no rule is drawn there), as rules from `top`
    to `bottom` that stop where one shaded cell is drawn across it from border to border: a
    form's comments box over a two-column body ("General comments" over "Age | Potential
    impacts") is one cell, and its lines are not cut where the columns below part (a word was
    cut in two there, "WP" | "L")."""
    from ingest.document.extract.layout_records import Rect

    across = sorted((f.top, f.bottom) for f in fills
                    if f.x0 <= xs[0] + 2 and f.x1 >= xs[-1] - 2 and f.x0 < x - 4 and x + 4 < f.x1)
    out: list[Rect] = []
    y = top
    for a, b in across:
        if a > y:
            out.append(Rect(x, y, x, a))
        y = max(y, b)
    if y < bottom:
        out.append(Rect(x, y, x, bottom))
    return out


def _regions(rects: list[Rect]) -> list[tuple[float, float, list[float]]]:
    return _table_edges(rects)[1]


def column_edges(rects: list[Rect]) -> list[Rect]:
    """The rules where a line that runs across a bordered table is cut into cells."""
    return _table_edges(rects)[0]


def _cell_fills(rects: list[Rect], regions: list[tuple[float, float, list[float]]]) -> list[Rect]:
    """Shaded cells of a bordered table: fills inside it that meet its border, or meet such a
    fill side to side. (Fills behind highlighted words float free of both.)"""
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
        rows_rules = [h for h in horizontal if top - 3 <= h.top <= bottom + 3 and not _underline(h, x_edges, page.lines)]
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
            grid = Grid(x_edges, top, bottom, y_edges, open_top, spanned=_spanned(x_edges, y_edges, rows_rules, page.rects))
            if not _is_box(grid, page.lines):
                grids.append(grid)
    return grids


# A grid of more columns than any table prints is a design's rules (a cover drawn on a grid of
# 130 slivers, one word a cell), not a table whose cells run down beside rows: reading cells as
# spanned there reorders the cover's words.
_MOST_SPANNED_COLUMNS = 30


def _spanned(x_edges: list[float], y_edges: list[float], rules: list[Rect], rects: list[Rect]) -> frozenset[tuple[int, int]]:
    """The cells (row, column) that a cell above runs down into: at the rule between the two rows,
    the rule crosses other columns but not this one, and no shaded cell's edge is drawn there.
    Only a rule that parts some columns and not others says so; one across every column, or
    none, says nothing."""
    out: set[tuple[int, int]] = set()
    if len(x_edges) - 1 > _MOST_SPANNED_COLUMNS:
        return frozenset(out)
    fills = [f for f in rects if f.x1 - f.x0 >= 8 and f.bottom - f.top >= 8]
    for r, y in enumerate(y_edges[1:-1], start=1):
        at = [h for h in rules if abs((h.top + h.bottom) / 2 - y) <= 4]
        open_cols = []
        for k, (x0, x1) in enumerate(zip(x_edges, x_edges[1:])):
            mid = (x0 + x1) / 2
            ruled = any(h.x0 <= mid <= h.x1 for h in at)
            edged = any(f.x0 <= mid <= f.x1 and (abs(f.top - y) <= 2.5 or abs(f.bottom - y) <= 2.5) for f in fills)
            if not ruled and not edged:
                open_cols.append(k)
        if open_cols and len(open_cols) < len(x_edges) - 1:
            out.update((r, k) for k in open_cols)
    return frozenset(out)


def _underline(rule: Rect, x_edges: list[float], lines: list[Line]) -> bool:
    """A rule drawn under a line of a cell's text (a hyperlink's underline), not between rows: it
    lies inside one column, reaching neither of its edges, and is narrower than the column or
    sits just under the baseline of text in it. (A rule that parts rows runs from column edge to
    column edge.)"""
    k = bisect.bisect_right(x_edges, rule.x0)
    if not 0 < k < len(x_edges):
        return False
    left, right = x_edges[k - 1], x_edges[k]
    if rule.x0 - left <= 2 or right - rule.x1 <= 2:
        return False
    return rule.x1 - rule.x0 < 0.9 * (right - left) or any(
        left <= ln.x0 <= rule.x0 + 1.5 and -0.5 <= rule.top - ln.bottom <= 3 for ln in lines)


def _is_box(grid: Grid, lines: list[Line]) -> bool:
    """A box drawn round a paragraph, or a grid whose text all sits in one column (one cell, or a
    column of boxed paragraphs): no table. A grid that a page break continues (it has no top
    edge) may have only one column filled on this page and stays a table."""
    if len(grid.x_edges) < 3:
        return True
    if grid.open_top:
        return False
    inner = grid.x_edges[1:-1]
    first: int | None = None
    for ln in lines:
        cy = (ln.top + ln.bottom) / 2
        if not grid.top <= cy <= grid.bottom or not grid.x_edges[0] - 2 <= ln.x0 < grid.x_edges[-1]:
            continue
        col = bisect.bisect_right(inner, ln.x0)
        if first is None:
            first = col
        elif col != first:
            return False
    return True


# ------------------------------------------------------------------ a grid into a block


def outside(lines: list[Line], grids: list[Grid]) -> list[Line]:
    return [ln for ln in lines if not any(inside(ln, g.x_edges[0], g.top, g.x_edges[-1], g.bottom) for g in grids)]


def find_tables(page: PageLayout, pitch: float, ruled: list[Grid] | None = None) -> list[Grid]:
    """The page's tables: `ruled` (its bordered grids, if already found), then unruled ones."""
    ruled = ruled_grids(page) if ruled is None else ruled
    if not page.cells:
        return ruled
    from ingest.document.extract.unruled import unruled_grids, with_headers

    return with_headers(ruled + unruled_grids(page, pitch, ruled), page.cells)


def centre_y(ln: Line) -> float:
    return (ln.top + ln.bottom) / 2


def inside(line: Line, x0: float, top: float, x1: float, bottom: float) -> bool:
    cy = (line.top + line.bottom) / 2
    return x0 - 2 <= line.x0 < x1 and top <= cy <= bottom


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


def mark_repeated_headers(blocks: list[Block]) -> None:
    """A table's first row printed again at the top of the next page's table is its header row,
    repeated over the page ("Constraint | Criteria | Score" in plain type over words, which
    `_header_rows` cannot tell from data): both tables get it as their header, so the rows read
    as one table under its column names. Only rows of two words cells or more, none a figure."""
    tables = [b for b in blocks if b.type == "table" and b.rows]
    for a, b in zip(tables, tables[1:]):
        if a.pdf_page is None or b.pdf_page != a.pdf_page + 1:
            continue
        first, again = a.rows[0], b.rows[0]
        texts = [c.text for c in first.cells]
        if (first.continued or again.continued or texts != [c.text for c in again.cells]
                or sum(1 for t in texts if t) < 2 or any(is_value(t) for t in texts if t)):
            continue
        for blk in (a, b):
            if not any(r.header for r in blk.rows):
                blk.rows[0].header = True

