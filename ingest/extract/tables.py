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

import bisect
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.model import Block, Cell, CellPart, Row
from ingest.textutil import join_lines

if TYPE_CHECKING:
    from ingest.extract.pdf_layout import Line, PageLayout, Rect


# Words further apart than this (points) on one line are fragments of different cells, for
# finding unruled tables: a column's gap can be two spaces wide ("Approved | Current"), and a
# justified line's widest space is still less.
CELL_GAP = 7.0


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
_TWO_VALUES = re.compile(r"[\d%)] [-+(£$€]?\d")


def is_value(text: str) -> bool:
    return bool(_VALUE.match(text.strip()))


def may_hold_unruled(lines: list[Line], rects: list[Rect], bordered: bool) -> bool:
    """Whether a page may hold an unruled table, decided from what reading its lines already gave:
    three places where two figures stand side by side (a row of counts, percentages or money), or
    three horizontal rules of one width (a table ruled between rows only), outside the page's
    bordered tables (`bordered`: it has some). Most pages have neither, and never pay for
    reading words."""
    spans = [(t - 2, b + 2) for t, b, _ in _rule_regions(grid_rules(rects))] if bordered else []
    if spans:
        text = "\n".join(ln.text for ln in lines if not any(t <= ln.top and ln.bottom <= b for t, b in spans))
    else:
        text = "\n".join(ln.text for ln in lines)
    if len(_TWO_VALUES.findall(text, 0, 200_000)) >= 3:
        return True
    if not rects:
        return False
    widths: dict[int, int] = {}
    for r in horizontal_rules(rects):
        if not any(t <= r.top and r.bottom <= b for t, b in spans):
            key = round((r.x1 - r.x0) / 4)
            widths[key] = widths.get(key, 0) + 1
    return any(n >= 3 for n in widths.values())


# ------------------------------------------------------------------ ruled grids


def _rule_regions(vertical: list[Rect]) -> list[tuple[float, float, list[float]]]:
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
    from ingest.extract.pdf_layout import Rect

    vertical = grid_rules(rects)
    regions = _rule_regions(vertical)
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
        parts.extend(Rect(x, top, x, bottom) for x in recurring)
        parts.extend(Rect(x, f.top, x, f.bottom) for f in mine for x in (f.x0, f.x1) if len(rows_at[round(x)]) < 2)
        out.append((top, bottom, _distinct_xs([*xs, *recurring])))
    return parts, out


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


# ------------------------------------------------------------------ unruled grids

_MARKER = re.compile(r"^(?:[•●▪◦·■◼►»\-–*]|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\(?[a-z]{1,3}[.)]|\([ivx]{1,5}\))$", re.I)


def unruled_grids(page: PageLayout, pitch: float, taken: list[Grid]) -> list[Grid]:
    """Grids of aligned columns among the page's text fragments, outside the ruled grids."""
    # Only fragments on the baseline of a line the page keeps: running headers and footers are
    # gone from the lines by now.
    kept = sorted(ln.bottom for ln in page.lines)
    frags = [ln for ln in page.cells or [] if _near(kept, ln.bottom)
             and not any(g.x_edges[0] - 2 <= ln.x0 < g.x_edges[-1] and g.top <= _cy(ln) <= g.bottom for g in taken)]
    if len(frags) < 6:
        return []
    rows = _baseline_rows(frags)
    # The page's own line pitch (the commonest gap between baselines): a table is often set
    # smaller or looser than the body text the document's pitch comes from.
    gaps = [round(_baseline(b) - _baseline(a)) for a, b in zip(rows, rows[1:]) if 2 < _baseline(b) - _baseline(a) < 40]
    pitch = float(statistics.median_low(gaps)) if gaps else pitch
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
        # Header lines above the first row of two cells ("Outturn vs" over "Current Budget"):
        # bold, close above, each within a column.
        k = i
        while k > 0 and _baseline(run[0]) - _baseline(rows[k - 1]) <= 1.5 * pitch and all(f.bold for f in rows[k - 1]) \
                and len(_merge_intervals(cols, rows[k - 1])) == len(cols):
            k -= 1
            run.insert(0, rows[k])
        cols = _merge_intervals([], [f for r in run for f in r])
        if _is_table(run, cols):
            grids.append(_unruled_grid(page, run, cols, pitch))
            i = k + len(run)
        else:
            i += 1
    return grids


def _near(sorted_ys: list[float], y: float) -> bool:
    k = bisect.bisect_left(sorted_ys, y - 2.0)
    return k < len(sorted_ys) and sorted_ys[k] <= y + 2.0


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
    # Most cells of a table's rows are filled, and some column names its rows; the labels and
    # figures of a chart stand scattered, and are all figures.
    if sum(len(r) for r in run) < 0.45 * len(run) * len(cols):
        return False
    if not any(sum(not is_value(t) for t in texts) >= 0.5 * len(texts) for texts in by_col if texts):
        return False
    # A column of ticks, bullets or numbers alone marks list items beside their text.
    if any(sum(len(t) == 1 and not t.isalnum() for t in texts) >= 0.8 * len(texts) for texts in by_col if texts):
        return False
    first = by_col[0]
    last = [t for t in by_col[-1] if t]
    # A contents page: titles and the page numbers they start on, rising.
    pages = [int(t) for t in last if t.isdigit()]
    if len(pages) >= 0.8 * len(last) >= 2 and pages == sorted(pages):
        return False
    if len(cols) == 2:
        # "1.1 | text", "• | text", "(a) | text": a list with a wide hanging indent; "Report to: |
        # Cabinet": a form's labels and values, read as lines.
        if sum(bool(_MARKER.match(t)) for t in first) >= 0.8 * len(first):
            return False
        if sum(t.endswith(":") for t in first) >= 0.4 * len(first):
            return False
    return True


def _unruled_grid(page: PageLayout, run: list[list[Line]], cols: list[tuple[float, float]], pitch: float) -> Grid:
    rules = sorted({round((h.top + h.bottom) / 2) for h in horizontal_rules(page.rects)
                    if h.x0 <= cols[0][0] + 20 and h.x1 >= cols[-1][1] - 20})
    tops = [min(f.top for f in r) for r in run]
    bottoms = [max(f.bottom for f in r) for r in run]
    top, bottom = tops[0] - 1.0, bottoms[-1] + 1.0
    inner = [y for y in rules if top < y < bottom]
    # Bold lines at the top over a body that is not all bold are one header row, however many
    # lines its names take ("Approved" over "budget" over "£000s").
    bold = [all(f.bold for f in r) for r in run]
    lead = next((k for k, b in enumerate(bold) if not b), len(run))
    lead = lead if 1 < lead < len(run) else 1
    starts = [0]
    for k in range(lead, len(run)):
        # A rule between two lines always parts rows (it may also part groups of rows).
        if any(bottoms[k - 1] <= y <= tops[k] + 1 for y in inner) or not _continues(run[k - 1], run[k], cols, pitch):
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


def outside(lines: list[Line], grids: list[Grid]) -> list[Line]:
    return [ln for ln in lines if not any(inside(ln, g.x_edges[0], g.top, g.x_edges[-1], g.bottom) for g in grids)]


def find_tables(page: PageLayout, pitch: float, ruled: list[Grid] | None = None) -> list[Grid]:
    """The page's tables: `ruled` (its bordered grids, if already found), then unruled ones."""
    ruled = ruled_grids(page) if ruled is None else ruled
    if not page.cells:
        return ruled
    return _with_headers(ruled + unruled_grids(page, pitch, ruled), page.cells)


def _with_headers(grids: list[Grid], cells: list[Line]) -> list[Grid]:
    """A grid of bold names alone, just above another grid, is that grid's header: the names
    of a table whose body is ruled (or set apart) below them."""
    out = list(grids)
    for h in grids:
        if h.ruled or h not in out:
            continue
        frags = [f for f in cells if inside(f, h.x_edges[0], h.top, h.x_edges[-1], h.bottom)]
        if not frags or not all(f.bold for f in frags):
            continue
        below = [g for g in out if g is not h and h.top < g.top <= h.bottom + 40
                 and min(g.x_edges[-1], h.x_edges[-1]) - max(g.x_edges[0], h.x_edges[0]) > 0.5 * (g.x_edges[-1] - g.x_edges[0])]
        if not below:
            continue
        g = min(below, key=lambda g: g.top)
        # A title line starting left of the table ("Appendix 6 Capital Programme") is no header.
        rows = _baseline_rows([f for f in frags if _cy(f) < g.top])
        while rows and any(f.x0 < g.x_edges[0] - 3 for f in rows[0]):
            rows.pop(0)
        if not rows:
            continue
        top = min(f.top for f in rows[0])
        out.remove(h)
        out[out.index(g)] = Grid(g.x_edges, top - 1, g.bottom, [top - 1, *g.y_edges], False, g.ruled, head=g.top)
    return out


def inside(line: Line, x0: float, top: float, x1: float, bottom: float) -> bool:
    cy = (line.top + line.bottom) / 2
    return x0 - 2 <= line.x0 < x1 and top <= cy <= bottom


def _in_by_middle(line: Line, x0: float, top: float, x1: float, bottom: float) -> bool:
    mid = (line.x0 + line.x1) / 2 if line.x1 > line.x0 else line.x0
    return x0 <= mid < x1 and top <= _cy(line) <= bottom


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
    if grid.head is not None:
        region = [ln for ln in region if _cy(ln) > grid.head] + [
            f for f in page.cells or [] if inside(f, grid.x_edges[0], grid.top, grid.x_edges[-1], grid.head)]
    rows: list[Row] = []
    bold: list[bool] = []
    for i, (top, bottom) in enumerate(zip(grid.y_edges, grid.y_edges[1:])):
        cells: list[Cell] = []
        row_lines: list[Line] = []
        # Fragments of an unruled table or of a header band go to the column their middle sits
        # in: a name centred over a column of figures starts left of the figures' gutter.
        by_middle = not grid.ruled or (grid.head is not None and i == 0)
        for x0, x1 in zip(grid.x_edges, grid.x_edges[1:]):
            lines = [ln for ln in region if (_in_by_middle(ln, x0, top, x1, bottom) if by_middle else inside(ln, x0, top, x1, bottom))]
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
    from ingest.extract.pdf_layout import _ocr_fields

    return Block(type="table", rows=rows, page=page.number, **_ocr_fields(region))


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
