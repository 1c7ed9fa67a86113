"""Tables that run over a page break, read across it in the document's blocks: the header row
that heads both parts, and the label of a row over the page that the rows at the top of the
next page stand beside."""

from __future__ import annotations

import re

from ingest.document.extract.grids import is_value
from ingest.document.extract.table_block import NAME_WORDS, cell_texts
from ingest.model import Block

# A footnote as a page prints it under its text: its number, a space, the note ("14 Natural
# England (2018) Guidance ...", "1 Now Homes England"); not a numbered paragraph ("3.12 ...", "5. ...").
_FOOTNOTE = re.compile(r"^\d{1,3} (?=\S)(?![.)])")


def footnote_line(text: str) -> bool:
    """Whether a block is one of the footnotes printed under a table at the foot of its page: a
    table goes on over the page past them, as it would with nothing between."""
    return bool(_FOOTNOTE.match(text))


def mark_repeated_headers(blocks: list[Block]) -> None:
    """A table's first row printed again at the top of the next page's table is its header row,
    repeated over the page ("Constraint | Criteria | Score" in plain type over words, which the
    header test of `table_block` cannot tell from data): both tables get it as their header, so
    the rows read as one table under its column names. Only rows of two words cells or more,
    none a figure."""
    tables = [b for b in blocks if b.type == "table" and b.rows]
    _header_over_the_page(blocks)
    for a, b in zip(tables, tables[1:]):
        if a.pdf_page is None or b.pdf_page != a.pdf_page + 1:
            continue
        first, again = a.rows[0], b.rows[0]
        texts = [c.text for c in first.cells]
        if (first.continued or again.continued or texts != [c.text for c in again.cells]
                or sum(1 for t in texts if t) < 2 or any(is_value(t) for t in texts if t)):
            continue
        for blk in (a, b):
            if not any(r.header for r in blk.rows):
                blk.rows[0].header = True


def _header_over_the_page(blocks: list[Block]) -> None:
    """A table's header row left alone at the foot of a page, its body on the next (the page
    broke after the header): a table of one row, names and no figures, that ends its page, then
    a table of as many columns that starts the next page without a header of its own. The row
    is the header of both, so the body's rows carry its column names and it is no finding."""
    for a, b in zip(blocks, blocks[1:]):
        if (a.type != "table" or b.type != "table" or len(a.rows) != 1 or not b.rows or a.pdf_page is None
                or b.pdf_page != a.pdf_page + 1 or any(r.header for r in b.rows)):
            continue
        row = a.rows[0]
        texts = [c.text for c in row.cells]
        if (row.continued or len(texts) != len(b.rows[0].cells) or sum(1 for t in texts if t) < 2
                or any(is_value(t) or len(t.split()) > NAME_WORDS for t in texts if t)):
            continue
        row.header = True


def carry_row_labels(blocks: list[Block]) -> None:
    """Rows at the top of a page that a headed table goes on to, under its header, with their
    first cell empty, stand beside the label of the last row over the page ("B8 Storage and
    Distribution" beside its third and fourth kinds): their first cell runs on from it
    (`Cell.spanned`). A table goes on over the page when the next page's table has as many
    columns and no header, or the same header printed again (`mark_repeated_headers`, run
    first); a table goes on only from a table with a header (segmenting reads it so,
    `table_rows.take`)."""
    headed: list[list[str]] | None = None  # the header of the table that may go on, if any
    last: Block | None = None
    above: list[str] = []  # the cells of its last row, a spanned cell read as the one above
    notes = False  # its page's footnotes have started under it
    for b in blocks:
        if b.type != "table" or not b.rows:
            # Only the footnotes under it, on its own page, stand between a table and the page
            # it goes on to (`table_rows.stays_open`); anything else ends it.
            notes = notes or footnote_line(b.text)
            if last is not None and (b.type == "heading" or b.page != last.page or not notes):
                headed = None
            continue
        notes = False
        header = [[c.text for c in r.cells] for r in b.rows if r.header]
        goes_on = (headed is not None and last is not None and len(b.rows[0].cells) == len(last.rows[0].cells)
                   and (b.rows[0].continued or b.page != last.page) and (not header or header == headed))
        if goes_on and above and above[0]:
            for row in b.rows:
                if row.header:
                    continue
                if row.continued or not row.cells or row.cells[0].text or row.cells[0].spanned \
                        or not any(c.text for c in row.cells[1:]):
                    break
                row.cells[0].spanned = True
        if not goes_on:
            headed, above = (header or None), []
        for row in b.rows:
            if not row.header:
                above = cell_texts(row, above)
        last = b
