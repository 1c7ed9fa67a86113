"""Unruled tables: columns of short cells with only white space between them.

Their columns are the gutters that no fragment of text crosses on consecutive lines; the
fragments are the page's words joined where they sit close (`PageLayout.cells`), which only a
page that may hold such a table pays for reading (`may_hold_unruled`: reading words costs ten
times reading lines). A run of aligned lines is a table only when it looks like one (rows of
two cells or more, short cells, most cells filled, a column of words), not a list's markers
beside its text, a form's "Label:" column, a contents page or a chart's scattered figures.
"""

from __future__ import annotations

import bisect
import re
import statistics
from itertools import islice
from typing import TYPE_CHECKING

from ingest.document.extract.grids import TWO_VALUES, Grid, centre_y, inside, is_value
from ingest.document.extract.ruled import crowded_cells, grid_rules, horizontal_rules, rule_regions

if TYPE_CHECKING:
    from ingest.document.extract.layout_records import Line, PageLayout, Rect

# Words further apart than this (points) on one line are fragments of different cells, for
# finding unruled tables: a column's gap can be two spaces wide ("Approved | Current"), and a
# justified line's widest space is still less.
CELL_GAP = 7.0
_PAGE_EDGE = 1e5  # further right than any page




def may_hold_unruled(lines: list[Line], rects: list[Rect], bordered: bool) -> bool:
    """Whether a page may hold an unruled table, decided from what reading its lines already gave:
    three places where two figures stand side by side (a row of counts, percentages or money), or
    three horizontal rules of one width (a table ruled between rows only), outside the page's
    bordered tables (`bordered`: it has some). Most pages have neither, and never pay for
    reading words."""
    spans = [(t - 2, b + 2) for t, b, _ in rule_regions(grid_rules(rects))] if bordered else []
    if spans:
        text = "\n".join(ln.text for ln in lines if not any(t <= ln.top and ln.bottom <= b for t, b in spans))
    else:
        text = "\n".join(ln.text for ln in lines)
    # The third pair of figures decides: the rest of the page is not searched (findall's count, stopped there).
    if next(islice(TWO_VALUES.finditer(text, 0, 200_000), 2, None), None) is not None:
        return True
    # Inside a bordered table: a column holding rows of cells side by side is a framed table's
    # unruled columns (`ruled.frames_columns`). Its outer columns run out to the page's edges:
    # a table drawn without side borders has its first and last column outside the rules.
    if bordered and any(crowded_cells(lines, [0.0, *xs, _PAGE_EDGE], [top, bottom])
                        for top, bottom, xs in rule_regions(grid_rules(rects))):
        return True
    if not rects:
        return False
    widths: dict[int, int] = {}
    for r in horizontal_rules(rects):
        if not any(t <= r.top and r.bottom <= b for t, b in spans):
            key = round((r.x1 - r.x0) / 4)
            widths[key] = widths.get(key, 0) + 1
    return any(n >= 3 for n in widths.values())


_MARKER = re.compile(r"^(?:[•●▪◦·■◼►»\-–*]|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\(?[a-z]{1,3}[.)]|\([ivx]{1,5}\))$", re.I)


def unruled_grids(page: PageLayout, pitch: float, taken: list[Grid]) -> list[Grid]:
    """Grids of aligned columns among the page's text fragments, outside the ruled grids."""
    # Only fragments on the baseline of a line the page keeps: running headers and footers are
    # gone from the lines by now.
    kept = sorted(ln.bottom for ln in page.lines)
    frags = [ln for ln in page.cells or [] if _near(kept, ln.bottom)
             and not any(g.x_edges[0] - 2 <= ln.x0 < g.x_edges[-1] and g.top <= centre_y(ln) <= g.bottom for g in taken)]
    if len(frags) < 6:
        return []
    rows = _baseline_rows(frags)
    # The page's own line pitch (the commonest gap between baselines): a table is often set
    # smaller or looser than the body text the document's pitch comes from.
    gaps = [round(_baseline(b) - _baseline(a)) for a, b in zip(rows, rows[1:]) if 2 < _baseline(b) - _baseline(a) < 40]
    pitch = float(statistics.median_low(gaps)) if gaps else pitch
    joined = _joined_rules(page.rects)
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
        # A lone line after the table belongs to the text below it, unless it is a cell's text
        # wrapping: the table is ruled row by row and its last rule, below the line, closes the
        # line into the last row, or the line sits in a column right of the first, a line's
        # pitch under the line above (text below a table starts at its left).
        closing = _closing_rule(run, joined, cols, pitch) if len(run[-1]) == 1 else None
        while len(run) > 1 and len(run[-1]) == 1 and (closing is None or _baseline(run[-1]) > closing) \
                and not _wraps_in_column(run, cols, pitch):
            run.pop()
        # Header lines above the first row of two cells ("Outturn vs" over "Current Budget"):
        # bold, close above, each within a column.
        k = i
        while k > 0 and _baseline(run[0]) - _baseline(rows[k - 1]) <= 1.5 * pitch and all(f.bold for f in rows[k - 1]) \
                and len(_merge_intervals(cols, rows[k - 1])) == len(cols):
            k -= 1
            run.insert(0, rows[k])
        cols = _merge_intervals([], [f for r in run for f in r])
        if _is_table(run, cols):
            grids.append(_unruled_grid(page, run, cols, pitch, joined))
            i = k + len(run)
        else:
            i += 1
    return grids


def _near(sorted_ys: list[float], y: float) -> bool:
    k = bisect.bisect_left(sorted_ys, y - 2.0)
    return k < len(sorted_ys) and sorted_ys[k] <= y + 2.0


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
    spans = sorted([*cols, *((f.x0, max(f.x1 or 0.0, f.x0 + 1)) for f in row)])
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
    if not any(sum(not is_value(t) for t in texts) >= 0.5 * len(texts) for texts in by_col if texts) \
            and not _names_over_figures(run, cols):
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


def _names_over_figures(run: list[list[Line]], cols: list[tuple[float, float]]) -> bool:
    """A table of figures whose rows are named by figures too (years: "2013 | 253 | 2,072") still
    names its columns: a first line of words only, two or more, over three rows or more whose
    cells right of the first are all figures, two such columns full. (A chart's figures have no
    such line.)"""
    head, body = run[0], run[1:]
    if len(head) < 2 or any(is_value(f.text) for f in head) or len(body) < 3:
        return False
    figures = [0] * len(cols)
    for r in body:
        for f in r:
            figures[_column(f, cols)] += is_value(f.text)
    return sum(n >= len(body) for n in figures[1:]) >= 2 and all(is_value(f.text) for r in body for f in r if _column(f, cols) > 0)


def _unruled_grid(page: PageLayout, run: list[list[Line]], cols: list[tuple[float, float]], pitch: float,
                  joined: list[tuple[float, float, float]]) -> Grid:
    rules = sorted({round(y) for y, x0, x1 in joined
                    if x0 <= cols[0][0] + 20 and x1 >= cols[-1][1] - 20})
    tops = [min(f.top for f in r) for r in run]
    bottoms = [max(f.bottom for f in r) for r in run]
    top, bottom = tops[0] - 1.0, bottoms[-1] + 1.0
    inner = [y for y in rules if top < y < bottom]
    # Bold lines at the top over a body that is not all bold are one header row, however many
    # lines its names take ("Approved" over "budget" over "£000s").
    bold = [all(f.bold for f in r) for r in run]
    lead = next((k for k, b in enumerate(bold) if not b), len(run))
    lead = lead if 1 < lead < len(run) else 1
    ruled_apart = [any(bottoms[k - 1] <= y <= tops[k] + 1 for y in inner) for k in range(len(run))]
    # Rules between the rows of the body (two or more below the header): the table is ruled row
    # by row, and a line no rule parts from the one above with nothing in its first column is
    # a cell's text wrapping ("Loss of land" over "Urbanisation" beside one policy), and so is
    # a line of words alone in the first column ("Silverstone Park Enterprise" over "Zone").
    banded = sum(ruled_apart[lead + 1:]) >= 2
    starts = [0]
    for k in range(lead, len(run)):
        # A rule between two lines always parts rows (it may also part groups of rows).
        if ruled_apart[k]:
            starts.append(k)
        elif banded and (_column(run[k][0], cols) > 0 or (len(run[k]) == 1 and not is_value(run[k][0].text))):
            continue
        elif not _continues(run[k - 1], run[k], cols, pitch, starts[-1] == k - 1):
            starts.append(k)
    y_edges = [top]
    for k in starts[1:]:
        y_edges.append((bottoms[k - 1] + tops[k]) / 2)
    y_edges.append(bottom)
    x_edges = [cols[0][0] - 1.0] + [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:])] + [cols[-1][1] + 1.0]
    return Grid(x_edges, top, bottom, y_edges, False, ruled=False)


def _joined_rules(rects: list[Rect]) -> list[tuple[float, float, float]]:
    """Horizontal rules as (y, x0, x1), the pieces of one rule joined: a template that rules each
    cell apart draws a row's rule as one piece a column, end to end."""
    out: list[list[float]] = []
    for h in sorted(horizontal_rules(rects), key=lambda h: (round((h.top + h.bottom) / 2), h.x0)):
        y = (h.top + h.bottom) / 2
        if out and abs(out[-1][0] - y) <= 1 and h.x0 <= out[-1][2] + 3:
            out[-1][2] = max(out[-1][2], h.x1)
        else:
            out.append([y, h.x0, h.x1])
    return [(y, x0, x1) for y, x0, x1 in out]


def _wraps_in_column(run: list[list[Line]], cols: list[tuple[float, float]], pitch: float) -> bool:
    """Whether the run's last line, one fragment, is a cell of a column right of the first going
    on a line's pitch under the run's line above, whose own cells started in the first column
    or sit in the same column."""
    last, above = run[-1][0], run[-2]
    k = _column(last, cols)
    return (k > 0 and last.bottom - above[0].bottom <= 1.5 * pitch
            and any(_column(f, cols) == k and abs(f.x0 - last.x0) <= 2 for f in above))


def _closing_rule(run: list[list[Line]], rules: list[tuple[float, float, float]], cols: list[tuple[float, float]],
                  pitch: float) -> float | None:
    """The rule under a table ruled row by row (two rules or more across it between its lines)
    that closes its last row: the first across it below the run's last line, within a few
    lines, if any."""
    across = [y for y, x0, x1 in rules if x0 <= cols[0][0] + 20 and x1 >= cols[-1][1] - 20]
    first, last = _baseline(run[0]), _baseline(run[-1])
    if sum(first < y < last for y in across) < 2:
        return None
    below = [y for y in across if last < y <= last + 3 * pitch]
    return min(below) if below else None


def _continues(above: list[Line], row: list[Line], cols: list[tuple[float, float]], pitch: float, above_starts: bool = True) -> bool:
    """Whether a line of an unruled table carries on the row above (a cell's text that wraps)
    rather than starting a row: all its fragments start in lower case, or the row above holds
    only its first cell, not bold, a line's pitch above (a wrapped label, its figures beside
    its last line)."""
    if all(f.text[:1].islower() or f.text[:1] in "(&" for f in row):
        return True
    # The first column's words going on in lower case ("published" under "Regulation 18"), its
    # other cells wrapping beside it ("November" under "12"); not a row's own label ("ii) Mrs J.
    # Davies, Clerk's salary").
    if _column(row[0], cols) == 0 and _column(above[0], cols) == 0 and row[0].text[:1].islower() \
            and not _MARKER.match(row[0].text.split()[0]):
        return True
    close = row[0].bottom - above[0].bottom <= 1.3 * min(pitch, max(row[0].size, 6) * 1.5)
    if close and _wraps_beside(above, row, cols):
        return True
    # (A lone label that itself goes on the row above it, "and repairs" under "Play area
    # inspections | 1,200", ends that row: the next line starts one.)
    lone_label = len(above) == 1 and _column(above[0], cols) == 0 and not above[0].bold and above_starts
    return close and lone_label and not is_value(above[0].text)


def _wraps_beside(above: list[Line], row: list[Line], cols: list[tuple[float, float]]) -> bool:
    """Whether a line holds the wrapped ends of some of the cells of the line above (a list of
    names and places, "Horsham & Mid" over "Sussex", "Tesco Instore" over "Pharmacy"): words
    only, each starting where a cell of words above starts, in half the columns the line above
    fills or fewer, and not in the first column alone (a label alone there heads the rows under
    it)."""
    if 2 * len(row) > len(above) or all(_column(f, cols) == 0 for f in row):
        return False
    words = [f for f in above if not is_value(f.text)]
    return all(not is_value(f.text) and any(abs(f.x0 - a.x0) <= 2 for a in words) for f in row)


def with_headers(grids: list[Grid], cells: list[Line]) -> list[Grid]:
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
        rows = _baseline_rows([f for f in frags if centre_y(f) < g.top])
        while rows and any(f.x0 < g.x_edges[0] - 3 for f in rows[0]):
            rows.pop(0)
        if not rows:
            continue
        top = min(f.top for f in rows[0])
        out.remove(h)
        out[out.index(g)] = Grid(g.x_edges, top - 1, g.bottom, [top - 1, *g.y_edges], False, g.ruled, head=g.top)
    return out
