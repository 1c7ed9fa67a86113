"""Which blocks of a paper know their page.

A PDF's blocks each know the page they were read from, and keep it. Text converted from a PDF
knows a page only where the converter left a "Page N" marker (`ingest/document/extract/text.py`):
the marker dates the block after it, and the blocks after that may already be on the next page,
so they have no page, unless the marker is of the last page of what is being read (an agenda
item of a pack, `ingest/document/packs.py`, whose pages the pack's agenda gives): then everything
after it is on that page.
"""

from __future__ import annotations

from ingest.model import Block, PageStart, page_place


def settle_pages(blocks: list[Block], last_page: int | None = None) -> None:
    """Set each block's page (and its table rows' and cells') as above, in place."""
    if not any(b.page_marker is not None for b in blocks) and any(b.pdf_page is not None for b in blocks):
        return  # a PDF's blocks
    current: int | None = None
    for b in blocks:
        if b.page_marker is not None:
            current = b.page = b.page_marker
            _printed(b)
        elif last_page is not None and current == last_page:
            _date(b, current)  # its table's rows and cells too, whose findings cite their own page
        else:
            _date(b, None)


def _date(b: Block, page: int | None) -> None:
    b.page = page
    for r in b.rows:
        r.page = page
        for c in r.cells:
            for p in c.parts:
                p.page = page
    _printed(b)


def _printed(b: Block) -> None:
    """The marker is the number the paper printed on the page (the converter met the page's
    footer, a pack's "Page 8"), so what it dates has that printed page too, as a PDF's would."""
    b.printed_page = str(b.page) if b.page is not None else None
    for r in b.rows:
        r.printed_page = str(r.page) if r.page is not None else None
        for c in r.cells:
            for p in c.parts:
                p.printed_page = str(p.page) if p.page is not None else None


def joined_page_starts(a: Block, b: Block, joined: str) -> list[PageStart]:
    """The page starts of `joined`, the text of `a` with `b`'s joined after it (a paragraph a page
    break cut): `a`'s own, then `b`'s first page where it differs from the page `a` ends on, then
    `b`'s own, moved to where `b`'s text lands in `joined` (its end: joining only changes `a`'s
    last word, "improve-" + "ment")."""
    tail = " ".join(b.text.split())
    at = len(joined) - len(tail) if joined.endswith(tail) else max(0, len(joined) - len(b.text))
    out = list(a.page_starts)
    if page_place(b) != page_place(out[-1] if out else a):
        out.append(PageStart.of(b, at))
    shift = at - (len(b.text) - len(b.text.lstrip()))
    out += [ps.model_copy(update={"at": max(at, ps.at + shift)}) for ps in b.page_starts]
    return out
