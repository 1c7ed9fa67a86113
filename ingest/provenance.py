"""Page provenance for findings: each finding takes its PDF page and printed page from the block,
table row or cell paragraph that starts it.

The segmenter marks every block, row and cell paragraph with the finding it went into
(`finding_id`); the first one marked for a finding is where it starts, and carries the page
fields that extraction set (see `Block`). Doing this after segmentation keeps the segmenter
free of page bookkeeping: it passes `page` on as it always has.
"""

from __future__ import annotations

import re

from ingest.model import Block, CellPart, Finding, PageStart, Row, page_place
from ingest.textutil import BULLET_MARK, unmark_bullet


def _marked(blocks: list[Block]) -> list[Block | Row | CellPart]:
    out: list[Block | Row | CellPart] = []
    for b in blocks:
        out.append(b)
        for r in b.rows:
            out.append(r)
            for c in r.cells:
                out.extend(c.parts)
    return out


def settle_finding_pages(findings: list[Finding], blocks: list[Block]) -> None:
    """Set `pdf_page` and `printed_page` on each finding from where it starts (in place), and
    take off the bullet mark a finding made from a bullet starts with (blocks carry one "•" for
    the segmenter to tell a list's items by; a finding is the item's words)."""
    for f in findings:
        if f.text.startswith(BULLET_MARK):
            f.text = unmark_bullet(f.text)
    by_id = {f.id: f for f in findings}
    units: dict[str, list[Block | Row | CellPart]] = {}
    for unit in _marked(blocks):
        fid = unit.finding_id
        if fid is not None and fid in by_id:
            units.setdefault(fid, []).append(unit)
    for fid, marked in units.items():
        f = by_id[fid]
        f.pdf_page, f.printed_page = marked[0].pdf_page, marked[0].printed_page
        f.page_starts = _page_starts(f, marked)


def _unit_text(unit: Block | Row | CellPart) -> str:
    if isinstance(unit, Row):
        return next((p.text for c in unit.cells for p in c.parts if p.text.strip()), "")
    return unit.text


def _find(text: str, piece: str, start: int) -> int | None:
    """Where `piece` (a unit's text from a page's first character) begins in a finding's text,
    at or after `start`: by its first words, whatever the spaces between them (the segmenter
    joins units with blank lines or spaces, and takes a bullet's mark off)."""
    words = [w for w in piece.split() if w != BULLET_MARK][:6]
    while words:
        m = re.compile(r"\s+".join(map(re.escape, words))).search(text, start)
        if m is not None:
            return m.start()
        words = words[:-1] if len(words) > 2 else []
    return None


def _page_starts(f: Finding, marked: list[Block | Row | CellPart]) -> list[PageStart]:
    """Where each page after the first begins in the finding's text: each unit that went into it
    (and each page start inside a unit, a paragraph joined across a page break) on a page other
    than the one before, found in the finding's text in order. A page whose text cannot be
    found (the segmenter changed it) is left out; the next unit's page is still found."""
    here = page_place(marked[0])
    out: list[PageStart] = []
    cursor = 0
    for n, unit in enumerate(marked):
        text = _unit_text(unit)
        starts = [PageStart.of(unit)]
        starts += unit.page_starts if isinstance(unit, Block) else []
        for k, ps in enumerate(starts):
            if n == 0 and k == 0:
                continue
            where = page_place(ps)
            if where == here or where == (None, None, None):
                continue
            at = _find(f.text, text[ps.at:], cursor)
            if at is None or at == 0:
                continue
            out.append(ps.model_copy(update={"at": at}))
            here, cursor = where, at
    return out


# Furniture that tells who published a paper and when: its first page's running header and
# footer and a stamp in its margin, and a back page (the publisher's licence and address).
# (Contents and sign-offs tell nothing of it, nor a page number alone; a page-number footer that
# prints more, as a report printed from a database prints its date beside "Page 1 of 616", does.)
_HEAD, _FOOT = {"running header", "margin stamp"}, {"running footer"}
_PAGE_WORDS = re.compile(r"\b(?:page|pages|of|p|pp)\b|[\d\W_]+", re.I)


def _tells(f: Block) -> bool:
    return f.role in _HEAD | _FOOT or f.role == "page number" and bool(_PAGE_WORDS.sub("", f.text).strip())


def _paragraph(f: Block) -> Block:
    return Block(type="paragraph", text=f.text, page=f.page, pdf_page=f.pdf_page, printed_page=f.printed_page, size=f.size)


def with_cover_furniture(blocks: list[Block], furniture: list[Block]) -> list[Block]:
    """The blocks with the first two pages' headers and footers put back where they were
    printed (headers and stamps before the page's text, footers after it) and the back page
    after the last page, as plain paragraphs: what the metadata rules read, which look for a
    paper's letterhead, header and footer on its first two pages and for its publisher's page.
    `blocks` itself is not changed, and nothing else sees these lines."""
    cover = [f for f in furniture if f.pdf_page in (1, 2) and _tells(f)]
    back = [_paragraph(f) for f in furniture if f.role == "back-page boilerplate"]
    if not (cover or back):
        return blocks
    out: list[Block] = []
    start = 0
    for page in (1, 2):  # blocks come in page order
        end = next((i for i in range(start, len(blocks)) if (blocks[i].pdf_page or 1) > page), len(blocks))
        out += [_paragraph(f) for f in cover if f.pdf_page == page and f.role in _HEAD]
        out += blocks[start:end]
        out += [_paragraph(f) for f in cover if f.pdf_page == page and f.role not in _HEAD]
        start = end
    return [*out, *blocks[start:], *back]
