"""Findings from the rows of a table whose header row is known (PDF tables, `Row.header`).

Each data row is one finding that carries its column names: "Hospital: Good Hope Hospital |
Decision: Rejected", so a row cited alone still says what its figures are; the header row is no
finding. A row holding only a short first cell ("HOUSING NEED", "Subsidiaries") heads the rows
under it: it goes into their section, not into a finding of its own. A table that a page break
continues (the next block is a table with as many columns, its header repeated or not) goes on
as the same table: its rows keep the names and the numbering, the repeated header is dropped,
and a row the break cut in two (no top border) is joined back into one finding.

Tables without a header row (the Markdown tables of converted papers) keep the older reading in
`segment_tables._row_table`: each row's cells joined with " | ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import TYPE_CHECKING

from ingest.bounds import pieces
from ingest.document.extract.table_block import cell_texts
from ingest.document.extract.table_pages import footnote_line
from ingest.document.parts import then
from ingest.model import Block, Cell, CellPart, Finding, Row
from ingest.textutil import ends_sentence, join_lines

if TYPE_CHECKING:
    from ingest.document.segment import SegmentState

# A table's own label as its caption prints it: "Table 3", "Table 7.13" (not "Table 7": the
# chapter's tables 7.13 and 7.14 would share their rows' labels), "Figure 2a".
TABLE_LABEL = re.compile(r"^((?:Table|Figure)\s*\d+(?:\.\d+)*[a-z]?)\b", re.I)


@dataclass
class OpenTable:
    """A headed table that may go on over the page: what its next rows need."""

    columns: int
    names: list[str]
    label: str
    kind: str
    page: int | None
    n: int = 0
    group: str | None = None
    last: Finding | None = None
    last_cells: list[str] = field(default_factory=list)
    footnotes: bool = False  # the page's footnotes have started under the table
    above: list[str] = field(default_factory=list)  # the row above's cells, for the cells it runs into


def stays_open(table: OpenTable | None, b: Block) -> bool:
    """Whether the table before `b`, a block that is no table, may still go on over the page:
    `b` is one of the footnotes printed under it at the foot of its page (the next page's table
    then carries it on, as it would with nothing between them). A heading, or any other text,
    ends it."""
    if table is None or b.type == "heading" or b.page != table.page:
        return False
    table.footnotes = table.footnotes or footnote_line(b.text)
    return table.footnotes


def column_names(rows: list[Row]) -> list[str]:
    """Each column's name: its header cells top to bottom ("Approved budget" over "£000s")."""
    width = max((len(r.cells) for r in rows), default=0)
    names = []
    for k in range(width):
        words = [r.cells[k].text for r in rows if k < len(r.cells) and r.cells[k].text]
        names.append(" ".join(words).rstrip(":").strip())
    return names


def row_text(cells: list[str], names: list[str]) -> str:
    return " | ".join(f"{n}: {c}" if n and n != c else c for n, c in zip_longest(names, cells, fillvalue="") if c)


def take(st: SegmentState, b: Block) -> bool:
    """Segment a table block if it has a header row or continues one that had; False otherwise."""
    header = [r for r in b.rows if r.header]
    open_table = st.open_table
    columns = len(b.rows[0].cells) if b.rows else 0
    goes_on = (open_table is not None and open_table.columns == columns
               and (b.rows[0].continued or b.page != open_table.page))
    if header and goes_on and open_table is not None and column_names(header) != open_table.names:
        goes_on = False  # a new table with other headers under the old one
    if not header and not goes_on:
        st.open_table = None
        return False
    if goes_on and open_table is not None:
        table = open_table  # its rows' labels carried over the page (`table_pages.carry_row_labels`)
    else:
        st.table_count += 1
        m = TABLE_LABEL.match(b.caption or st.heading or "")
        title = [c.text for c in header[0].cells if c.text] if len(header) > 1 else []
        prose = header[0] if len(title) == 1 and _prose(title[0]) else None
        if prose is not None:
            # Paragraphs boxed in the table's frame over its column names ("The overall
            # judgement is good. The Local Authority leads ..."): no title, but text to cite,
            # the table's first row (a row of one long cell is its own text).
            header, title = header[1:], []
        if len(title) == 1:
            header = header[1:]  # a title row over the column names ("Number of casualties")
        label = re.sub(r"\s+", " ", m.group(1)) if m else title[0] if len(title) == 1 else f"Untitled table {st.table_count}"
        kind = st.section_kind if st.section_kind in ("action", "priority", "recommendation") else "table row"
        table = OpenTable(columns, column_names(header), label, kind, b.page)
        if prose is not None:
            # Read alone: the cells under it are not to be filled in from it.
            _row(st, OpenTable(columns, [], label, kind, b.page), prose, b)
            table.n = 1
    first = True
    for row in list(b.rows):
        if not row.header:
            _row(st, table, row, b, cut=goes_on and first and _cut_by_the_page(table, row))
            first = False
    table.page = b.page
    st.open_table = table
    return True


def _cut_by_the_page(table: OpenTable, row: Row) -> bool:
    """Whether a continued table's first row over the page is the rest of its last row, though the
    word processor drew the border again where the page broke it (so the row is not `continued`):
    its label cell empty, or holding only the label carried down to it (`carry_row_labels`), and
    its text going on in lower case from a last row that stopped mid-sentence ("... is very" /
    "important. Using ...")."""
    if table.last is None or not row.cells or (row.cells[0].text and not row.cells[0].spanned):
        return False
    text = next((c.text for c in row.cells[1:] if c.text), "")
    before = next((c for c in reversed(table.last_cells) if c), "")
    return text[:1].islower() and bool(before) and not ends_sentence(before)


def _prose(text: str) -> bool:
    """A cell's text that reads as a paragraph, not a title: sentences, more than a title's words."""
    return len(text.split()) > 12 and ends_sentence(text)


def _row(st: SegmentState, table: OpenTable, row: Row, b: Block, cut: bool = False) -> None:
    cells = table.above = cell_texts(row, table.above)
    if cut and row.cells[0].spanned:
        cells = ["", *cells[1:]]  # the label carried down is the last row's own, already in it
    filled = [c for c in cells if c]
    if not filled:
        return
    if (row.continued or cut) and table.last is not None:
        # A row a page break cut in two: its cells carry on the cells of the last row.
        merged = [join_lines([a, c]) if a and c else a or c for a, c in zip_longest(table.last_cells, cells, fillvalue="")]
        text = row_text(merged, table.names)
        if len(text) <= st.parts.limit and st.parts.last_of(table.last) is table.last:
            table.last.text, table.last_cells = text, merged
            row.finding_id = table.last.id
        else:
            row.finding_id = st.parts.grow(table.last, row_text(cells, []), row.page, then(" ")).id
        return
    if len(filled) == 1 and cells[0] and len(cells) >= 2 and len(cells[0].split()) <= 8:
        table.group = cells[0]  # a row naming the rows under it
        return
    table.n += 1
    section = [*st.section(), table.group] if table.group else None
    # A paragraph across the table (one long cell) is not a value of its column.
    text = filled[0] if len(filled) == 1 and len(filled[0].split()) > 8 else row_text(cells, table.names)
    first, *rest = pieces(text, st.parts.limit)
    f = st.add(table.kind, f"{table.label}, row {table.n}", first, row.page, f"{table.label}-row-{table.n}", section=section)
    row.finding_id = f.id
    table.last, table.last_cells = f, cells
    if rest:  # a row too long for one finding: one row a part, each holding its piece
        row.cells = [Cell(parts=[CellPart(text=first, page=row.page)])]
        at = next(k for k, r in enumerate(b.rows) if r is row) + 1
        b.rows[at:at] = [Row(cells=[Cell(parts=[CellPart(text=piece, page=row.page)])], continued=True, page=row.page,
                             finding_id=st.parts.part(f, piece, row.page).id) for piece in rest]
