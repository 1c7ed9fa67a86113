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
An axis set just outside the frame (as most charts set their ticks, and the axis's title beside
them) is the chart's too (`chart_axes.axes_beside`); bars drawn with no frame round them are a
chart when such an axis stands beside them (`_bar_frames`).
A ruled table passes the first two tests, but not the third: its cells tile its frame, its
figures are not in even steps, and its rules are lines, not boxes from one baseline.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.document.extract.chart_axes import axes_beside, has_axis, right_of
from ingest.model import Block

if TYPE_CHECKING:  # pdf_layout calls this module: its types only, to import no cycle
    from ingest.document.extract.layout_records import Line, PageLayout, Rect

MIN_FRAME_WIDTH, MIN_FRAME_HEIGHT = 0.25, 60.0  # share of the page's width; points
MAX_FRAME_HEIGHT = 0.8  # share of the page's height: a border round the whole page is no chart
MIN_INNER, MIN_FRAGMENTS, MAX_WORDS = 4, 4, 8
TITLE_WORDS, TITLE_BESIDE = 3, 45.0  # an axis title's words; points it stands from the chart's left
BARS_SLACK = 0.5  # share of the bars' height an axis beside bars with no frame may run past them
THIN = 3.0  # points: a drawn object thinner than this is a line (a rule, a grid line), not a box

# A number as a chart prints it: "60,000", "(20,000)", "-", "33%", "£1.2m", "8,093, 33%", and a
# period along its axis, "2013/14".
_NUMBER = re.compile(r"^[(£$€-]*\d[\d,./]*[%)km]*$|^[-–]$", re.I)
_SENTENCE = re.compile(r"[a-z]{2,}[.;:]$")


def chart_lines(page: PageLayout) -> list[tuple[Line, int]]:
    """The lines of `page` drawn inside a chart, each with the index of its chart on the page
    (in the order of the frames from the top)."""
    found: list[tuple[Line, int]] = []
    taken: set[int] = set()
    drawn = _frames(page)
    frames = sorted(drawn + _bar_frames(page, drawn), key=lambda r: (r.top, r.x0))
    for index, frame in enumerate(frames):
        free = [ln for ln in page.lines if id(ln) not in taken]
        lines = [ln for ln in free if _within(ln, frame)]
        drew = any(frame is d for d in drawn)
        axes = axes_beside(frame, free, slack=8.0 if drew else BARS_SLACK * (frame.bottom - frame.top))
        inner = [r for r in page.rects if _inside_rect(r, frame) and not _same(r, frame)]
        if len(inner) < MIN_INNER or len(lines) + len(axes) < MIN_FRAGMENTS:
            continue
        if not drew and not axes:
            continue  # bars with no frame drawn round them: only an axis beside them makes them a chart
        lines.extend(axes)
        axis = has_axis(lines)
        if _running_text(lines, axis):
            continue  # a boxed paragraph or a table of words
        if not (axis or _has_bars(inner) or _has_slices(inner)):
            continue
        if axes:
            lines.extend(_axis_titles(frame, lines, free))
        taken.update(id(ln) for ln in lines)
        found.extend((ln, index) for ln in lines)
    return found


def _running_text(lines: list[Line], axis: bool) -> bool:
    """Whether a frame holds running text: a sentence, or a line of more than `MAX_WORDS` words
    (one such line is allowed beside an axis: a legend's keys read as one line)."""
    if any(_SENTENCE.search(ln.text.strip()) for ln in lines):
        return True
    return sum(1 for ln in lines if _words(ln.text) > MAX_WORDS) > (1 if axis else 0)


def _axis_titles(frame: Rect, lines: list[Line], free: list[Line]) -> list[Line]:
    """An axis's title ("Per cent", "Practices", "Age standardised rate"): a line of a few words
    at the chart's left, beside its height, or just under it, within its width."""
    x0, x1 = min(frame.x0, *(ln.x0 for ln in lines)), max(frame.x1, *(right_of(ln) for ln in lines))
    top, bottom = min(frame.top, *(ln.top for ln in lines)), max(frame.bottom, *(ln.bottom for ln in lines))
    ids = {id(ln) for ln in lines}
    out = []
    for ln in free:
        if id(ln) in ids or len(ln.text.split()) > TITLE_WORDS or _SENTENCE.search(ln.text.strip()):
            continue
        height = ln.bottom - ln.top
        if ((x0 - TITLE_BESIDE <= right_of(ln) <= x0 + 2 and top <= (ln.top + ln.bottom) / 2 <= bottom)
                or (x0 <= ln.x0 <= x1 and 0 <= ln.top - bottom <= height)):
            out.append(ln)
    return out


def _bar_frames(page: PageLayout, drawn: list[Rect]) -> list[Rect]:
    """Bars drawn with no frame round them: the box each group of them fills (boxes from one
    baseline, of three lengths or more, `_has_bars`), where no frame is drawn round it."""
    from ingest.document.extract.layout_records import Rect

    out: list[Rect] = []
    boxes = [b for b in _boxes(page.rects) if not any(_inside_rect(b, d) for d in drawn)]
    for edge, length in _EDGES:
        groups: dict[int, list[Rect]] = {}
        for r in boxes:
            groups.setdefault(round(edge(r)), []).append(r)
        for group in groups.values():
            if len({round(length(r)) for r in group}) < 3:
                continue
            box = Rect(min(r.x0 for r in group), min(r.top for r in group), max(r.x1 for r in group), max(r.bottom for r in group))
            if box.x1 - box.x0 >= MIN_FRAME_WIDTH * page.width and not any(_inside_rect(box, o) for o in out):
                out.append(box)
    return out


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


def _boxes(inner: list[Rect]) -> list[Rect]:
    return [r for r in inner if r.x1 - r.x0 > THIN and r.bottom - r.top > THIN]


# The edges bars stand on (left, right, bottom, top), each with the bars' length from it.
_EDGES = ((lambda r: r.x0, lambda r: r.x1 - r.x0), (lambda r: r.x1, lambda r: r.x1 - r.x0),
          (lambda r: r.bottom, lambda r: r.bottom - r.top), (lambda r: r.top, lambda r: r.bottom - r.top))


def _has_bars(inner: list[Rect]) -> bool:
    """Three boxes or more standing on one baseline (the same left, right, top or bottom edge),
    of three lengths or more."""
    boxes = _boxes(inner)
    for edge, length in _EDGES:
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
