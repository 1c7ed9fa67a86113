"""Text drawn inside a chart: axis numbers, category and legend labels, values on bars and slices.

It is neither a finding nor lost: like page furniture it is kept as a labelled layer
(`Document.furniture`, role "chart text"), which nothing segments or searches and
`documents.json` counts. A chart is told by the page's structure, never by its words:
- a plot frame: a drawn rectangle at least a quarter of the page wide and a few lines high,
  with several other drawn objects inside it (bars, grid lines, slices, legend keys);
- only short fragments inside it (no line of running text, no sentence), at least four;
- and something only a chart draws: an axis (four numbers or more in even steps, on one line or
  stacked one a line), bars (three drawn boxes or more from one baseline, of different lengths),
  or slices (drawn shapes that overlap one another, as a pie's do; a table's cells tile).
A ruled table passes the first two tests, but not the third: its cells tile its frame, its
figures are not in even steps, and its rules are lines, not boxes from one baseline.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.model import Block

if TYPE_CHECKING:  # pdf_layout calls this module: its types only, to import no cycle
    from ingest.document.extract.layout_records import Line, PageLayout, Rect

MIN_FRAME_WIDTH, MIN_FRAME_HEIGHT = 0.25, 60.0  # share of the page's width; points
MAX_FRAME_HEIGHT = 0.8  # share of the page's height: a border round the whole page is no chart
MIN_INNER, MIN_FRAGMENTS, MAX_WORDS = 4, 4, 8
THIN = 3.0  # points: a drawn object thinner than this is a line (a rule, a grid line), not a box

# A number as a chart prints it: "60,000", "(20,000)", "-", "33%", "£1.2m", "8,093, 33%".
_NUMBER = re.compile(r"^[(£$€-]*\d[\d,.]*[%)km]*$|^[-–]$", re.I)
_AXIS_VALUE = re.compile(r"^(\()?[£$€]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\)?%?$|^[-–]$")
_SENTENCE = re.compile(r"[a-z]{2,}[.;:]$")


def chart_lines(page: PageLayout) -> list[tuple[Line, int]]:
    """The lines of `page` drawn inside a chart, each with the index of its chart on the page
    (in the order of the frames from the top)."""
    found: list[tuple[Line, int]] = []
    taken: set[int] = set()
    frames = sorted(_frames(page), key=lambda r: (r.top, r.x0))
    for index, frame in enumerate(frames):
        lines = [ln for ln in page.lines if id(ln) not in taken and _within(ln, frame)]
        inner = [r for r in page.rects if _inside_rect(r, frame) and not _same(r, frame)]
        if len(inner) < MIN_INNER or len(lines) < MIN_FRAGMENTS:
            continue
        if any(_words(ln.text) > MAX_WORDS or _SENTENCE.search(ln.text.strip()) for ln in lines):
            continue  # running text: a boxed paragraph or a table of words
        if not (_has_axis(lines) or _has_bars(inner) or _has_slices(inner)):
            continue
        taken.update(id(ln) for ln in lines)
        found.extend((ln, index) for ln in lines)
    return found


def take_chart_text(page: PageLayout, cite: int) -> list[Block]:
    """Take the chart text off `page` (its lines) and give it as furniture blocks, one a chart."""
    found = chart_lines(page)
    if not found:
        return []
    ids = {id(ln) for ln, _ in found}
    page.lines = [ln for ln in page.lines if id(ln) not in ids]
    blocks: list[Block] = []
    for index in sorted({i for _, i in found}):
        text = " ".join(ln.text.strip() for ln, i in sorted(found, key=lambda f: (f[0].top, f[0].x0)) if i == index)
        blocks.append(Block(type="furniture", role="chart text", text=text, page=cite,
                            pdf_page=page.number, printed_page=page.printed))
    return blocks


def _frames(page: PageLayout) -> list[Rect]:
    out: list[Rect] = []
    for r in page.rects:
        w, h = r.x1 - r.x0, r.bottom - r.top
        if w >= MIN_FRAME_WIDTH * page.width and MIN_FRAME_HEIGHT <= h <= MAX_FRAME_HEIGHT * page.height:
            if not any(_same(r, o) for o in out):  # a frame filled and then stroked is drawn twice
                out.append(r)
    return out


def _same(a: Rect, b: Rect) -> bool:
    return all(abs(u - v) <= 3 for u, v in ((a.x0, b.x0), (a.top, b.top), (a.x1, b.x1), (a.bottom, b.bottom)))


def _inside_rect(r: Rect, frame: Rect) -> bool:
    return frame.x0 - 2 <= r.x0 and r.x1 <= frame.x1 + 2 and frame.top - 2 <= r.top and r.bottom <= frame.bottom + 2


def _within(ln: Line, frame: Rect) -> bool:
    right = ln.x1 if ln.x1 else ln.x0
    return (frame.x0 - 2 <= ln.x0 and right <= frame.x1 + 2
            and frame.top - 2 <= ln.top and ln.bottom <= frame.bottom + 2)


def _words(text: str) -> int:
    """Words of a line, its numbers left out (an axis's ticks read as one line are many)."""
    return sum(1 for t in text.split() if not _NUMBER.match(t))


def _value(token: str) -> float | None:
    m = _AXIS_VALUE.match(token)
    if not m:
        return None
    if not m.group(2):  # "-": the axis's zero
        return 0.0
    v = float(m.group(2).replace(",", ""))
    return -v if m.group(1) else v


def _even(values: list[float]) -> bool:
    """Four values or more in equal, non-zero steps (an axis's ticks)."""
    if len(values) < 4:
        return False
    steps = [b - a for a, b in zip(values, values[1:])]
    return steps[0] != 0 and all(abs(s - steps[0]) <= 1e-6 * max(1.0, abs(steps[0])) for s in steps)


def _has_axis(lines: list[Line]) -> bool:
    for ln in lines:  # the ticks of a horizontal axis, read as one line
        values = [_value(t) for t in ln.text.split()]
        if len(values) >= 4 and None not in values and _even([v for v in values if v is not None]):
            return True
    # The ticks of a vertical axis: one number a line, set one above another at the same left edge.
    column: dict[int, list[tuple[float, float]]] = {}
    for ln in lines:
        v = _value(ln.text.strip())
        if v is not None:
            column.setdefault(round(ln.x0), []).append((ln.top, v))
    for ticks in column.values():
        ticks.sort()
        if _even([v for _, v in ticks]):
            return True
    return False


def _boxes(inner: list[Rect]) -> list[Rect]:
    return [r for r in inner if r.x1 - r.x0 > THIN and r.bottom - r.top > THIN]


def _has_bars(inner: list[Rect]) -> bool:
    """Three boxes or more standing on one baseline (the same left, right, top or bottom edge),
    of three lengths or more."""
    boxes = _boxes(inner)
    for edge, length in ((lambda r: r.x0, lambda r: r.x1 - r.x0), (lambda r: r.x1, lambda r: r.x1 - r.x0),
                         (lambda r: r.bottom, lambda r: r.bottom - r.top), (lambda r: r.top, lambda r: r.bottom - r.top)):
        groups: dict[int, set[int]] = {}
        for r in boxes:
            groups.setdefault(round(edge(r)), set()).add(round(length(r)))
        if any(len(lengths) >= 3 for lengths in groups.values()):
            return True
    return False


def _has_slices(inner: list[Rect]) -> bool:
    """Three pairs of boxes or more that overlap by a tenth of the smaller one or more, not the same
    shape drawn twice: a pie's slices share its centre; a table's cells only touch."""
    boxes = _boxes(inner)
    pairs = 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if _same(a, b):
                continue
            w = min(a.x1, b.x1) - max(a.x0, b.x0)
            h = min(a.bottom, b.bottom) - max(a.top, b.top)
            if w > 0 and h > 0:
                smaller = min((a.x1 - a.x0) * (a.bottom - a.top), (b.x1 - b.x0) * (b.bottom - b.top))
                if w * h >= 0.1 * smaller:
                    pairs += 1
    return pairs >= 3
