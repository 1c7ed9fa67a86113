"""What a table on a PDF page is, in the terms every part of reading it shares: a grid of
column and row edges (`Grid`), a line's place in it, and a cell's text that is a figure.
The grids are found in `ruled.py` (bordered tables) and `unruled.py` (columns set apart by
white space), put together in `tables.py`, read into rows in `table_block.py`, and their
headers marked across page breaks in `table_pages.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.document.extract.layout_records import Line


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


# A figure as tables print them: 1,234  12.5%  (37)  -0.069  £16,111  +84,381  2,343,350.68  £40m;
# and a share with its count, or a count with its share, as survey tables print them: 57% (74),
# 90 (69.2%).
_FIGURE = r"[-+(£$€<>~]{0,2}\d[\d,.:/]*\s?(?:%|[kmb]n?|p)?\)?\*?"
_VALUE = re.compile(rf"^{_FIGURE}$|^\d[\d,.]*%?\s?\(\d[\d,.]*%?\)$|^[-–—]$|^n/?a$", re.I)
def is_value(text: str) -> bool:
    return bool(_VALUE.match(text.strip()))


# Two figures side by side in pdfium's text of a line: cells of a table that pdfium joined, as
# no rule parts them (pdfium splits a line where a rule crosses it, so the figures of a ruled
# table come one to a line).
TWO_VALUES = re.compile(r"[\d%)] [-+(£$€]?\d")


def centre_y(ln: Line) -> float:
    return (ln.top + ln.bottom) / 2


def inside(line: Line, x0: float, top: float, x1: float, bottom: float) -> bool:
    cy = (line.top + line.bottom) / 2
    return x0 - 2 <= line.x0 < x1 and top <= cy <= bottom


def outside(lines: list[Line], grids: list[Grid]) -> list[Line]:
    return [ln for ln in lines if not any(inside(ln, g.x_edges[0], g.top, g.x_edges[-1], g.bottom) for g in grids)]
