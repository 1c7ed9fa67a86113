"""Tables on PDF pages: where a page's tables are, ruled and unruled.

Two kinds of grid (`grids.Grid`):
- ruled: drawn with rules (`ruled.py`);
- unruled: columns of short cells with only white space between them (`unruled.py`).

A ruled grid that only frames an unruled table is read as that table. Each grid is then read
into a block of rows and cells, its header rows marked (`table_block.py`: a first row that is
bold over a body that is not, or that names columns whose cells below are figures), and a
header printed over a page break is marked on both sides of it (`table_pages.py`). Segmenting
then gives each data row's finding its column names, makes no finding of the header, and
joins a table's parts across the page (`ingest/document/table_rows.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.document.extract.grids import Grid
from ingest.document.extract.ruled import frames_columns, ruled_grids
from ingest.document.extract.unruled import unruled_grids, with_headers

if TYPE_CHECKING:
    from ingest.document.extract.layout_records import PageLayout


def find_tables(page: PageLayout, pitch: float, ruled: list[Grid] | None = None) -> list[Grid]:
    """The page's tables: `ruled` (its bordered grids, if already found), then unruled ones.
    A ruled grid that only frames a table whose columns are not ruled (`frames_columns`) is read
    as that unruled table, when the unruled reading finds one there."""
    ruled = ruled_grids(page) if ruled is None else ruled
    if not page.cells:
        return ruled
    frames = [g for g in ruled if frames_columns(g, page.lines)]
    kept = [g for g in ruled if not any(g is f for f in frames)]
    found = unruled_grids(page, pitch, kept)
    back = [f for f in frames if not any(u.top < f.bottom and f.top < u.bottom and u.x_edges[0] < f.x_edges[-1]
                                         and f.x_edges[0] < u.x_edges[-1] for u in found)]
    return with_headers(kept + back + found, page.cells)
