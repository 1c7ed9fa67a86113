"""Which blocks of a paper know their page (ingest/document/page_settling.py)."""

from __future__ import annotations

from ingest.document.page_settling import settle_pages
from ingest.model import Block, Cell, CellPart, Row


def _table(page: int | None = None) -> Block:
    return Block(type="table", page=page, rows=[Row(page=page, cells=[Cell(parts=[CellPart(text="Caseloads | 18", page=page)])])])


def _pages(b: Block) -> list[int | None]:
    return [b.page, *(r.page for r in b.rows), *(p.page for r in b.rows for c in r.cells for p in c.parts)]


def test_a_marker_dates_only_the_block_after_it() -> None:
    blocks = [Block(type="paragraph", text="a", page=7, page_marker=7), Block(type="paragraph", text="b", page=7), _table(7)]
    settle_pages(blocks)
    assert [b.page for b in blocks[:2]] == [7, None] and _pages(blocks[2]) == [None, None, None]


def test_after_the_marker_of_an_items_last_page_everything_is_on_that_page() -> None:
    # Regression: a table after the marker of a pack item's last page had the page on its block
    # but not on its rows, so its row findings cited no page where the paragraphs beside it did.
    blocks = [Block(type="paragraph", text="a", page_marker=3), Block(type="paragraph", text="b"),
              Block(type="paragraph", text="c", page_marker=4), Block(type="paragraph", text="d"), _table()]
    settle_pages(blocks, last_page=4)
    assert [b.page for b in blocks[:4]] == [3, None, 4, 4] and _pages(blocks[4]) == [4, 4, 4]


def test_a_pdfs_blocks_keep_their_pages() -> None:
    blocks = [Block(type="paragraph", text="a", page=2, pdf_page=2), _table(3)]
    blocks[1].pdf_page = 3
    settle_pages(blocks, last_page=9)
    assert blocks[0].page == 2 and _pages(blocks[1]) == [3, 3, 3]
