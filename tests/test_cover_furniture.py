"""The furniture the metadata rules read (provenance.with_cover_furniture): the first pages' headers
and footers, and a page-number footer where it prints more than the page's number (its date)."""

from __future__ import annotations

from ingest.document.infer import infer_metadata
from ingest.model import Block
from ingest.provenance import with_cover_furniture


def _page(n: int) -> list[Block]:
    said = "This section came into force on July 31st 2018, and the plan should say so." if n == 2 else "The plan should say more of this."
    return [Block(type="heading", text="Strategic Policy Introduction", page=n, pdf_page=n),
            Block(type="paragraph", text=f"Paragraph 1.3.{n} Type of Comment General", page=n, pdf_page=n),
            Block(type="paragraph", text=said, page=n, pdf_page=n)]


def test_a_page_number_footer_that_prints_the_date_dates_the_paper() -> None:
    # A report printed from a database: each page's footer is its date and "Page N of M", the only date
    # on the paper but for the dates its comments quote (page 2's).
    blocks = _page(1) + _page(2)
    furniture = [Block(type="furniture", role="page number", text=f"06 March 2020 Page {n} of 616", page=n, pdf_page=n) for n in (1, 2)]
    read = with_cover_furniture(blocks, furniture)
    assert [b.text for b in read if b.pdf_page == 1][-1] == "06 March 2020 Page 1 of 616"
    assert infer_metadata(read).date == "2020-03-06"


def test_a_page_number_alone_is_not_read() -> None:
    furniture = [Block(type="furniture", role="page number", text=f"Page {n} of 616", page=n, pdf_page=n) for n in (1, 2)]
    assert with_cover_furniture(_page(1), furniture) == _page(1)
