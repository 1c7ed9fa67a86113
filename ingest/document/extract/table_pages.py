"""Tables that run over a page break, read across it in the document's blocks: the header row
that heads both parts."""

from __future__ import annotations

from ingest.document.extract.grids import is_value
from ingest.document.extract.table_block import NAME_WORDS
from ingest.model import Block


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
