"""A chart's axes as its text prints them: tick numbers in even steps, along one line (a
horizontal axis) or stacked one a line (a vertical axis, its ticks set flush left, flush right
or centred), and the axes drawn just outside a chart's plot frame, where most charts set them.
`charts.py` tells a chart by them and takes them with it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pdf_layout calls charts.py, which calls this module: types only, to import no cycle
    from ingest.document.extract.layout_records import Line, Rect

# A tick as an axis prints it: "60,000", "(20,000)", "-20", "−0.5", "33%", "£1.2", and "-" for zero.
_AXIS_VALUE = re.compile(r"^([(\-–−])?[£$€]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\)?%?$|^[-–]$")
# A category along a horizontal axis that is a period: "2013/14", "2004/06", "Q3", "22/23".
_PERIOD = re.compile(r"^(?:\d{2,4}(?:[/-]\d{2,4})?|Q[1-4])$")
# Figures are set in tabular widths of about 0.55 em in the common faces: where the reader gives
# no right edge, a tick's is its left edge and so many digits' widths.
_DIGIT_WIDTH = 0.55
BESIDE = 25.0  # points: the farthest an axis's ticks stand from the plot frame they number
_ALIGNED = 2.5  # points: ticks within this of one edge are set flush on it


def tick_value(token: str) -> float | None:
    m = _AXIS_VALUE.match(token)
    if not m:
        return None
    if not m.group(2):  # "-": the axis's zero
        return 0.0
    v = float(m.group(2).replace(",", ""))
    return -v if m.group(1) else v


def even(values: list[float], least: int = 4) -> bool:
    """`least` values or more in equal, non-zero steps (an axis's ticks)."""
    if len(values) < least:
        return False
    steps = [b - a for a, b in zip(values, values[1:])]
    return steps[0] != 0 and all(abs(s - steps[0]) <= 1e-6 * max(1.0, abs(steps[0])) for s in steps)


def has_axis(lines: list[Line]) -> bool:
    """Whether these lines hold an axis's ticks: a line of them, or a column of them."""
    return any(_tick_row(ln) for ln in lines) or bool(tick_columns(lines))


def _tick_row(ln: Line) -> bool:
    values = [tick_value(t) for t in ln.text.split()]
    return len(values) >= 4 and None not in values and even([v for v in values if v is not None])


def right_of(ln: Line) -> float:
    """A line's right edge, as the reader gives it or as its figures' widths make it."""
    return ln.x1 if ln.x1 else ln.x0 + len(ln.text.strip()) * (ln.bottom - ln.top) * _DIGIT_WIDTH


def tick_columns(lines: list[Line], least: int = 4) -> list[list[Line]]:
    """The vertical axes among these lines: `least` numbers or more one above another, flush on
    one edge (left, right or centre), in even steps from the top down."""
    ticks = [(ln, v) for ln in lines if (v := tick_value(ln.text.strip())) is not None]
    groups = [sorted(g, key=lambda t: t[0].top)
              for edge in (lambda ln: ln.x0, right_of, lambda ln: (ln.x0 + right_of(ln)) / 2)
              for g in _flush(ticks, edge, least)]
    found: list[list[Line]] = []
    # The longest first: ticks set flush right share their right edge, and three of them may
    # share a left edge too ("25", "50", "75" beside "100").
    for group in sorted(groups, key=len, reverse=True):
        if even([v for _, v in group], least) and not any(any(ln is g for g in f) for f in found for ln, _ in group):
            found.append([ln for ln, _ in group])
    return found


def _flush(ticks: list[tuple[Line, float]], edge, least: int) -> list[list[tuple[Line, float]]]:  # type: ignore[no-untyped-def]
    groups: list[list[tuple[Line, float]]] = []
    for t in sorted(ticks, key=lambda t: edge(t[0])):
        if groups and edge(t[0]) - edge(groups[-1][-1][0]) <= _ALIGNED:
            groups[-1].append(t)
        else:
            groups.append([t])
    return [g for g in groups if len(g) >= least]


def axes_beside(frame: Rect, lines: list[Line], slack: float = 8.0) -> list[Line]:
    """The axes set just outside a plot frame: a column of ticks at its left or right, within
    its height and `BESIDE` of its side, the values rising up the page (three are enough there:
    a frame beside them is drawn; `slack`: how far past its top or bottom they may run, as over
    bars with no frame, whose tallest bar is short of the top tick); and under it, a line of
    ticks or of periods ("2013/14 2014/15 2015/16") within its width."""
    around = [ln for ln in lines if frame.x0 - BESIDE - 60 <= ln.x0 <= frame.x1 + BESIDE
              and frame.top - slack <= ln.top and ln.bottom <= frame.bottom + slack
              and not (frame.x0 - 2 <= ln.x0 and right_of(ln) <= frame.x1 + 2)]
    out: list[Line] = []
    for column in tick_columns(around, least=3):
        values = [tick_value(ln.text.strip()) or 0.0 for ln in column]
        rising = values[0] > values[-1]
        left = all(-3 <= frame.x0 - right_of(ln) <= BESIDE for ln in column)
        right = all(-3 <= ln.x0 - frame.x1 <= BESIDE for ln in column)
        if rising and (left or right):
            out.extend(column)
    for ln in lines:
        tokens = ln.text.split()
        if (0 <= ln.top - frame.bottom <= 1.5 * (ln.bottom - ln.top) + 2 and frame.x0 - BESIDE <= ln.x0
                and right_of(ln) <= frame.x1 + BESIDE and len(tokens) >= 3
                and (_tick_row(ln) or all(_PERIOD.match(t) for t in tokens))):
            out.append(ln)
    return out
