"""Ruled tables: grids drawn with vertical rules (thin filled rectangles or stroked lines, as
council templates and reportlab draw them). Its columns sit between the rules and its rows
between the horizontal rules (a row cut by a page break has no top edge), and the sides of
shaded cells part cells too; a shaded header band on a ruled body is its header row; a cell no
rule closes where the rows' rule crosses the other columns runs down beside those rows
(`Grid.spanned`, `Cell.spanned`); a table shaded and white by turns, ruled on its shaded rows
only, is one table whose white rows lie between the shaded ones (`_join_stripes`). A grid of one
column (a boxed paragraph, a one-cell "table") is not a table. A grid that only frames a table
whose columns are set apart by white space (`frames_columns`) is left to `unruled.py`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ingest.document.extract.grids import TWO_VALUES, Grid, centre_y, inside

if TYPE_CHECKING:
    from ingest.document.extract.layout_records import Line, PageLayout, Rect

# A bordered table's extent and column edges: its top, its bottom and the x of each edge.
Region = tuple[float, float, list[float]]


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


def _table_edges(rects: list[Rect]) -> tuple[list[Rect], list[Region], list[float]]:
    """Where the cells of bordered tables part, as rules, each table's extent and column
    edges, and where the white rows of striped tables start and end (`_join_stripes`), which
    no rule draws. The rules are the vertical rules themselves and the sides of shaded cells: a side
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
    regions, gaps = _join_stripes(regions, rects)
    parts.extend(Rect(x, a, x, b) for (a, b), xs in gaps for x in xs)
    breaks = [y for (a, b), _ in gaps for y in (a, b)]
    fills = _cell_fills(rects, regions)
    if not fills:
        return parts, regions, breaks
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
    return parts, out, breaks


def _join_stripes(regions: list[Region], rects: list[Rect]) -> tuple[list[Region], list[tuple[tuple[float, float], list[float]]]]:
    """Bands of a striped table joined into one table, and the white rows between them (each
    gap's extent and the columns that part it). A table whose rows are shaded and white by turns,
    its column rules drawn white on the shaded rows only, reads as one region per shaded row;
    the white rows between them, with no rule of their own, would be lost to the page's text
    and the first column cut off the bands that rule only the figures. Two bands join when each
    is shaded across its width, the white gap between them is no taller than one of them (a
    table's row, not the space between two tables), and their columns agree where both reach."""
    shaded = [_shaded(r, rects) for r in regions]
    out: list[Region] = []
    gaps: list[tuple[float, float]] = []
    for k, (top, bottom, xs) in enumerate(regions):
        if k and shaded[k] and shaded[k - 1] and _stripe_after(regions[k - 1], regions[k]):
            gaps.append((regions[k - 1][1], top))
            out[-1] = (out[-1][0], bottom, _distinct_xs([*out[-1][2], *xs]))
        else:
            out.append((top, bottom, xs))
    # Each gap is parted by its whole table's columns, known once all its bands are in.
    return out, [((a, b), next(xs for t, bt, xs in out if t <= a and b <= bt)) for a, b in gaps]


def _stripe_after(a: Region, b: Region) -> bool:
    gap = b[0] - a[1]
    tallest = max(a[1] - a[0], b[1] - b[0])
    if not 3 < gap <= 1.5 * tallest:
        return False
    lo, hi = max(a[2][0], b[2][0]) - 4, min(a[2][-1], b[2][-1]) + 4
    inner_a = [x for x in a[2] if lo <= x <= hi]
    inner_b = [x for x in b[2] if lo <= x <= hi]
    return len(inner_a) >= 2 and len(inner_a) == len(inner_b) and all(abs(x - y) <= 4 for x, y in zip(inner_a, inner_b))


def _shaded(region: Region, rects: list[Rect]) -> bool:
    """Whether fills cover a region from side to side and over most of its height."""
    top, bottom, xs = region
    spans = sorted((max(f.top, top), min(f.bottom, bottom)) for f in rects
                   if f.x1 - f.x0 >= 8 and f.bottom - f.top >= 3 and f.x0 <= xs[0] + 3 and f.x1 >= xs[-1] - 3
                   and top - 2 <= f.top and f.bottom <= bottom + 2)
    cover, reach = 0.0, top
    for a, b in spans:  # the height the fills cover, each point once
        cover += max(0.0, b - max(a, reach))
        reach = max(reach, b)
    return cover >= 0.9 * (bottom - top)


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
    _, regions, breaks = _table_edges(page.rects)
    for top, bottom, x_edges in regions:
        rows_rules = [h for h in horizontal if top - 3 <= h.top <= bottom + 3 and not _underline(h, x_edges, page.lines)]
        # A table drawn without its outer border: the rules between rows run out to its edges.
        if rows_rules:
            left, right = min(h.x0 for h in rows_rules), max(h.x1 for h in rows_rules)
            if left < x_edges[0] - 8:
                x_edges.insert(0, float(round(left)))
            if right > x_edges[-1] + 8:
                x_edges.append(float(round(right)))
        ys = sorted({round((h.top + h.bottom) / 2) for h in rows_rules} | {round(y) for y in breaks if top < y < bottom})
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
    sits just under the baseline of text in it, or across the lower half of its line (the
    reader's line box reaches below the underline, to the descenders). (A rule that parts rows
    runs from column edge to column edge, clear of the text.)"""
    k = bisect.bisect_right(x_edges, rule.x0)
    if not 0 < k < len(x_edges):
        return False
    left, right = x_edges[k - 1], x_edges[k]
    if rule.x0 - left <= 2 or right - rule.x1 <= 2:
        return False
    return rule.x1 - rule.x0 < 0.9 * (right - left) or any(
        left <= ln.x0 <= rule.x0 + 1.5 and (ln.top + ln.bottom) / 2 <= rule.top <= ln.bottom + 3 for ln in lines)


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


# A cell holding this many rows of its own (lines of cells side by side) holds a table.
FRAMED_ROWS = 3


def frames_columns(grid: Grid, lines: list[Line]) -> bool:
    """Whether a ruled grid only frames a table: one of its cells holds rows of its own, three
    lines or more each of cells side by side (`crowded_cells`). A statistical table pasted from a
    spreadsheet is often drawn so: a box round it, a rule under its header and over its total, a
    rule or two between column groups, and its rows and most of its columns set apart by white
    space alone. Read as ruled, each such cell would run a column of rows into one cell
    ("0-1 55 35 90 2-3 180 ...")."""
    return crowded_cells(lines, grid.x_edges, grid.y_edges)


def crowded_cells(lines: list[Line], x_edges: list[float], y_edges: list[float]) -> bool:
    """Whether a cell between these edges holds `FRAMED_ROWS` baselines or more that each hold
    two of its lines side by side, or a line of two figures that no rule parts (`TWO_VALUES`:
    pdfium parts a line where a rule crosses it, so a ruled table's cells come one a line)."""
    inner = x_edges[1:-1]
    seen: dict[tuple[int, int], dict[int, int]] = {}
    for ln in lines:
        if not inside(ln, x_edges[0], y_edges[0], x_edges[-1], y_edges[-1]):
            continue
        cell = seen.setdefault((bisect.bisect_right(y_edges, centre_y(ln)), bisect.bisect_right(inner, ln.x0)), {})
        base = round(ln.bottom / 2)  # within two points: one baseline
        cell[base] = cell.get(base, 0) + (2 if TWO_VALUES.search(ln.text) else 1)
        if sum(1 for n in cell.values() if n >= 2) >= FRAMED_ROWS:
            return True
    return False
