"""Reading order on pages set in columns: column by column, not line by line across them.

Lines are read top to bottom; on a page set in two or three columns that interleaves the
columns' lines into nonsense. A page has columns where two runs of lines start at two left
edges well apart, sit side by side (lines of both at the same heights), and the left run's lines
fill its column without reaching the next one (by the lines' right edges, or where a reader
gave none, estimated from their length and size). An unruled table is not columns: its rows' cells share a
line where pdfium joins them (a line that crosses into the next column), its left cells are
short labels that do not fill the column, or its cells stand apart with a gap above each row
where a column of prose runs on at one pitch (or in paragraphs of two lines or more).

A page without columns may set a heading in its left margin beside the paragraph it heads, on
lines level with the paragraph's: read by height the two interleave, so such a side heading is
read first, as a run of its own (`_side_heads`).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.document.extract.layout_records import Line

_MIN_LINES = 6  # lines a column needs, of three words or more
def _starts(lines: list[Line]) -> list[float]:
    """Left edges (within 3 points) where six lines or more of three words or more start."""
    if len(lines) < 2 * _MIN_LINES:
        return []
    counts: Counter[int] = Counter(round(ln.x0) for ln in lines if ln.text.count(" ") >= 2)
    xs = sorted(counts)
    starts: list[float] = []
    lo = hi = 0
    window = 0  # lines starting within 3 points either side of x (a sliding window over xs)
    for x in xs:
        while hi < len(xs) and xs[hi] <= x + 3:
            window += counts[xs[hi]]
            hi += 1
        while xs[lo] < x - 3:
            window -= counts[xs[lo]]
            lo += 1
        if window >= _MIN_LINES and (not starts or x - starts[-1] > 3):
            starts.append(float(x))
    return starts


def _dense(run: list[Line]) -> bool:
    """Whether a run of lines reads as running text: most lines follow the one above at the
    run's own line pitch. A table column's cells stand apart, a gap above each row."""
    tops = sorted(ln.top for ln in run)
    gaps = sorted(b - a for a, b in zip(tops, tops[1:]) if b - a > 1)
    if len(gaps) < 3:
        return False
    pitch = gaps[len(gaps) // 4]
    # At the run's pitch, or at a second pitch it keeps to (a list of one-line items set
    # further apart than its paragraphs' lines, four gaps or more alike to half a point).
    close = sum(1 for g in gaps if g <= pitch * 1.35 or sum(1 for h in gaps if abs(h - g) <= 0.5) >= 4)
    if close >= 0.75 * len(gaps):
        return True
    # Prose set in short paragraphs with space between them (and headings): half its gaps are
    # its line pitch, and most of its lines sit in a paragraph of two lines or more. A table
    # column's one-line cells each stand alone.
    in_paragraph = sum(1 for i, t in enumerate(tops)
                       if any(0 < abs(t - u) <= pitch * 1.35 for u in tops[max(0, i - 1):i + 2]))
    return close >= 0.5 * len(gaps) and in_paragraph >= 0.6 * len(tops)


def maybe_columns(lines: list[Line], width: float) -> bool:
    """Whether a page's line starts allow columns at all (two left edges of six lines or more,
    a fifth of the page apart): the cheap test before the right edges are read, and before
    `column_zone` looks for columns."""
    if len(lines) < 2 * _MIN_LINES:
        return False
    xs = Counter([round(ln.x0) for ln in lines])
    edge = min(xs) + 0.2 * width
    right = [x for x in xs if x >= edge]
    if sum(xs[x] for x in right) < _MIN_LINES:
        return False  # most pages: nearly every line starts at the margin or an indent near it
    starts = _starts(lines)
    return len(starts) >= 2 and starts[-1] - starts[0] >= 0.2 * width


def _side_by_side(a: list[Line], b: list[Line], xb: float) -> bool:
    """Whether runs `a` and `b` (b starting at `xb`) are neighbouring columns of prose."""
    if not (_dense(a) and _dense(b)):
        return False
    tops_b = sorted(ln.top for ln in b)
    # Beside each other: lines of `a` level with lines of `b`, within half a line (two columns
    # set on their own baselines sit a few points apart: the Dacorum and Nottingham pages).
    gaps = sorted(y - x for x, y in zip(tops_b, tops_b[1:]) if y - x > 1)
    near = max(2.0, 0.5 * gaps[len(gaps) // 2]) if gaps else 2.0
    level = sum(1 for ln in a if any(abs(ln.top - t) <= near for t in tops_b))
    if level < 3:
        return False
    if any(ln.end() > xb + 6 for ln in a):
        return False  # a line runs across into the next column: a table's cells, or full width
    width = xb - min(ln.x0 for ln in a)
    full = sum(1 for ln in a if ln.end() >= min(ln.x0 for ln in a) + 0.6 * width)
    return full >= 0.6 * len(a)


def column_zone(lines: list[Line], width: float) -> tuple[list[float], float, float] | None:
    """(the columns' left edges, top and bottom of the part of the page set in them), or None."""
    starts = _starts(lines)
    best: list[float] = []
    for i, xa in enumerate(starts):
        chain = [xa]
        for xb in starts[i + 1:]:
            if xb - chain[-1] < 0.2 * width:
                continue
            b = [ln for ln in lines if abs(ln.x0 - xb) <= 3]
            if not b:
                continue
            # The left run beside the right one only: a title or a paragraph above or below at
            # the same margin is not part of the column.
            top, bottom = min(ln.top for ln in b), max(ln.top for ln in b)
            a = [ln for ln in lines if abs(ln.x0 - chain[-1]) <= 3 and top - 15 <= ln.top <= bottom + 15]
            if len(b) >= _MIN_LINES and len(a) >= 3 and _side_by_side(a, b, xb):
                chain.append(xb)
        if len(chain) > len(best):
            best = chain
    if len(best) < 2:
        return None
    col = [ln for ln in lines if any(abs(ln.x0 - x) <= 3 for x in best)]
    return best, min(ln.top for ln in col), max(ln.top for ln in col)


Zone = list[tuple[int, float]]  # (rank, top of the run's first line), one a run


def _slack(starts: list[float], n: int) -> float:
    """How far left of column `n`'s edge a line may start and still be that column's (a bullet's
    glyph out in its margin, a hanging indent's first line): a quarter of the way to the column
    before it (for the first column, to the next)."""
    if n:
        return max(3.0, 0.25 * (starts[n] - starts[n - 1]))
    return max(3.0, 0.25 * (starts[1] - starts[0])) if len(starts) > 1 else 3.0


def _edge(line: Line, starts: list[float]) -> int | None:
    """The column whose left edge the line starts at (within its slack), or None."""
    for n, x in enumerate(starts):
        if x - _slack(starts, n) <= line.x0 <= x + 3:
            return n
    return None


Extents = list[tuple[float, float]]  # a column's top and bottom, by the lines starting at its edge


def _extents(lines: list[Line], starts: list[float]) -> Extents:
    tops: list[list[float]] = [[] for _ in starts]
    for ln in lines:
        n = _edge(ln, starts)
        if n is not None:
            tops[n].append(ln.top)
    return [(min(t), max(t)) if t else (0.0, -1.0) for t in tops]


def _column(line: Line, starts: list[float], extents: Extents) -> int | None:
    """The column a line sits in (-1: left of the first), or None for a line that spans columns:
    one running into a column to its right, level with or below that column's first line. A
    column may start lower on the page than its neighbours (a third column under a picture):
    above it, the column beside it is as wide as the page lets it be."""
    k = -1
    for n, x in enumerate(starts):
        if line.x0 >= x - _slack(starts, n):
            k = n
    end = line.end()
    for j in range(k + 1, len(starts)):
        top, bottom = extents[j]
        if end > starts[j] + 6 and (line.top >= top - 2 or bottom < top):
            return None
    return k


def reading_order(lines: list[Line], width: float, first_page: bool = False) -> tuple[list[tuple[int, list[Line]]], Zone]:
    """The page's free lines as runs in reading order, each with its rank (its place in the
    order), and where each run starts. A page without columns is one run. On a page with
    columns, a line that spans them (a heading or a paragraph across the page) ends a band; the
    lines of each band between such lines are read column by column. On a letter's first page
    (`first_page`), a letterhead's panel beside the text is read after it (`_side_panel`)."""
    lines = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    zone = column_zone(lines, width) if maybe_columns(lines, width) else None
    if zone is None:
        panel = _side_panel(lines) if first_page else set()
        if panel:
            body = [ln for ln in lines if id(ln) not in panel]
            side = [ln for ln in lines if id(ln) in panel]
            return [(0, body), (1, side)], [(0, body[0].top), (1, side[0].top)]
        heads = _side_heads(lines)
        if heads:
            return _heads_first(lines, heads)
        return [(0, lines)], [(0, lines[0].top if lines else 0.0)]
    starts = zone[0]
    extents = _extents(lines, starts)
    top, bottom = min(t for t, _ in extents), max(b for _, b in extents)
    runs: list[tuple[int, list[Line]]] = []
    band: dict[int, list[Line]] = {}

    def close_band() -> None:
        for k in sorted(band):
            runs.append((len(runs), band[k]))
        band.clear()

    for ln in lines:
        k = _column(ln, starts, extents) if top - 2 <= ln.top <= bottom + 2 else None
        if k is None:
            close_band()
            if runs and runs[-1][1] and _column(runs[-1][1][-1], starts, extents) is None and not band:
                runs[-1][1].append(ln)  # consecutive spanning lines: one run, as without columns
            else:
                runs.append((len(runs), [ln]))
        else:
            band.setdefault(k, []).append(ln)
    close_band()
    return runs, [(rank, run[0].top) for rank, run in runs]


_PANEL_WORDS = 6  # a side panel's lines are labels and short fields ("Our reference", "17 March 2021")


def _side_panel(lines: list[Line]) -> set[int]:
    """Lines of a panel in the left margin beside the body's prose on a first page (a letter's
    "Our reference", "Date", "Address" and their values set beside its first paragraphs, as a
    letterhead prints them), by id; empty if there is none. (On later pages such a column of
    short lines is a form's or a table's labels, read with their rows.) The panel's lines start at one edge, are short and end well before the body's left
    edge, three or more of them, level with the body's text; beside them the body is prose
    (lines of eight words or more on average), not a table's other columns. Read in with the
    body, they ran into its sentences ("... an independent audit of Our reference the
    Integrated ..."). A paragraph's number set apart in the margin is no panel line: it stands
    level with its paragraph's first line."""
    starts = Counter(round(ln.x0) for ln in lines if ln.text.count(" ") >= 2)
    if not starts:
        return set()
    edge, n = starts.most_common(1)[0]
    if n < _MIN_LINES:
        return set()
    body = [ln for ln in lines if abs(ln.x0 - edge) <= 3]
    top, bottom = body[0].top, body[-1].top
    level = [ln for ln in lines if top < ln.top < bottom and ln.end() < edge - 20 and len(ln.text.split()) <= _PANEL_WORDS
             and not any(abs(ln.top - b.top) <= 1 for b in body)]
    if len(level) < 3:
        return set()
    x = Counter(round(ln.x0) for ln in level).most_common(1)[0][0]
    panel = [ln for ln in level if abs(ln.x0 - x) <= 3]
    beside = [ln for ln in body if panel[0].top - 15 <= ln.top <= panel[-1].top + 15]
    if len(panel) < 3 or len(beside) < _MIN_LINES or sum(len(ln.text.split()) for ln in beside) < 8 * len(beside):
        return set()
    return {id(ln) for ln in panel}


_HEAD_WORDS = 4  # a side heading's line: a word or a few ("Links to" / "further" / "information:")


def _side_heads(lines: list[Line]) -> dict[int, list[Line]]:
    """Side headings: a heading set in the left margin beside the text it heads, on lines of
    its own level with the text's lines, two lines or more of it (by the id of its first line).
    Read by height, its lines interleave with the text's ("Links to Statistics on Road
    Casualties ... further and are being ..."). A one-line heading or paragraph number in the
    margin needs nothing: level with the text's first line and left of it, it is read first.
    The heading's lines start at one edge well left of the text's margin and end before it,
    each level with a line of the text there, which is prose (six lines or more at one margin)."""
    if len(lines) < _MIN_LINES:
        return {}
    # The quick test first (it runs for every page without columns): on most pages hardly a
    # line starts 20 points right of the leftmost, where the text beside a side heading would.
    lo = min(ln.x0 for ln in lines)
    if sum(1 for ln in lines if ln.x0 >= lo + 20) < _MIN_LINES:
        return {}
    starts = Counter(round(ln.x0) for ln in lines if ln.text.count(" ") >= 2)
    edge, n = starts.most_common(1)[0] if starts else (0, 0)
    if n < _MIN_LINES or edge < lo + 20:
        return {}
    body = [ln for ln in lines if abs(ln.x0 - edge) <= 3]
    side = [ln for ln in lines if ln.x0 < edge - 20 and ln.end() < edge - 2 and len(ln.text.split()) <= _HEAD_WORDS
            and any(abs(ln.top - b.top) <= 2 for b in body)]
    groups: list[list[Line]] = []  # the side lines stacked at one edge, a line's pitch apart
    for ln in side:
        if groups and abs(ln.x0 - groups[-1][0].x0) <= 3 and 0 < ln.top - groups[-1][-1].top <= 1.6 * ln.size:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return {id(g[0]): g for g in groups if len(g) >= 2 and _heads_paragraph(g, body)}


def _heads_paragraph(group: list[Line], body: list[Line]) -> bool:
    """Whether a side heading's lines stand beside one paragraph of prose, level with its first
    line: the text's line there opens a paragraph (none of its lines just above it), and the
    lines beside the heading run on at one pitch, eight words or more on average. A table's
    label column beside its rows' cells fails: its labels run down past the rows' breaks."""
    top, size = group[0].top, group[0].size
    beside = [ln for ln in body if top - 2 <= ln.top <= group[-1].top + 2]
    if not beside or abs(beside[0].top - top) > 2 or any(0 < top - ln.top <= 1.8 * size for ln in body):
        return False
    if any(b.top - a.top > 1.6 * size for a, b in zip(beside, beside[1:])):
        return False
    return sum(len(ln.text.split()) for ln in beside) >= 8 * len(beside)


def _heads_first(lines: list[Line], heads: dict[int, list[Line]]) -> tuple[list[tuple[int, list[Line]]], Zone]:
    """The page's lines as runs, each side heading (`_side_heads`) a run of its own read before
    the text beside it: the text above it, the heading, the text from its first line on."""
    inside = {id(ln) for group in heads.values() for ln in group}
    runs: list[tuple[int, list[Line]]] = []
    body: list[Line] = []
    for ln in lines:
        if id(ln) in heads:
            if body:
                runs.append((len(runs), body))
                body = []
            runs.append((len(runs), heads[id(ln)]))
        elif id(ln) not in inside:
            body.append(ln)
    if body:
        runs.append((len(runs), body))
    return runs, [(rank, run[0].top) for rank, run in runs]


def rank_of(top: float, zone: Zone) -> int:
    """The rank for something placed by its top (a table): that of the last run starting above it."""
    rank = zone[0][0] if zone else 0
    for r, t in zone:
        if t <= top:
            rank = max(rank, r)
    return rank


def margin_of(run: list[Line], left: float) -> float:
    """The left margin that a run's indents are measured from on a page with columns: the
    run's leftmost line's (a column's own margin)."""
    return min(ln.x0 for ln in run) if run else left
