"""Findings from tables: each bullet of a review's table under its row heading and side (the 2011
letter's areas), or each row of a table of rows, with the table's label ("Table 2, row 3"). A
headed table continued across a page break is joined up first (`ingest/document/table_rows.py`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.bounds import pieces
from ingest.document.extract.grids import is_value
from ingest.document.extract.table_block import NAME_WORDS, cell_texts
from ingest.document.form_rows import read_form
from ingest.document.parts import cut_part, rejoined, then
from ingest.document.table_rows import TABLE_LABEL, take
from ingest.model import Block, Cell, CellPart, Finding, Row
from ingest.textutil import ends_sentence, slugify

if TYPE_CHECKING:
    from ingest.document.segment import SegmentState


def table_side(text: str) -> str | None:
    """The side of the review's table a paragraph introduces ("...in the table below: good practice"), if any."""
    low = text.lower()
    if "table below" not in low and "table above" not in low:
        return None
    if "good practice" in low:
        return "good practice"
    if "consideration" in low:
        return "area for further consideration"
    return None


_SIDE_TITLES = {"good practice": "Good practice", "area for further consideration": "Areas for further consideration"}
_SIDE_KEYS = {"good practice": "good-practice", "area for further consideration": "consider"}
_SIDE_KINDS = {"good practice": "good practice", "area for further consideration": "area for consideration"}


def read_table(st: SegmentState, b: Block) -> None:
    """A table's findings: one a bullet of a table of bullets, else one a row."""
    st.list_open = False  # a colon before a table introduced the table
    st.after_table = st.last
    if st.skipping or not b.rows or read_form(st, b) or take(st, b):
        return
    if _bullet_rows(b):
        _bullet_table(st, b)
    elif st.section() or b.caption:
        _row_table(st, b)


def _bullet_rows(b: Block) -> bool:
    """Whether `b` is a table of bullets beside row headings: as many bullets at least as half
    the rows with text beside their first cell. One indented cell in a grid of fields (a form's
    second field on a line, "One off cost ☒   Ongoing cost ☐") makes no table of bullets: read
    so, the rows before it would be taken for its header and lost."""
    beside = sum(1 for r in b.rows if any(c.text for c in r.cells[1:]))
    bullets = sum(1 for r in b.rows for c in r.cells[1:] for p in c.parts if p.bullet)
    return bullets > 0 and 2 * bullets >= beside


def _names(row: Row) -> bool:
    """Whether a row can name a table (a title, "IRO work plan 2016/17"): no cell of it is a
    paragraph (`table_block.NAME_WORDS`) or a sentence ("The ... remain high.")."""
    return all(len(c.text.split()) <= NAME_WORDS and not c.text.endswith(".") for c in row.cells)


def _label_only(row: Row, text: str) -> bool:
    """A row holding only a short label in one cell ("Potential impacts:", "Comment", "Group
    Percentage"): in a table of such labels and their text, no finding of its own. (Words in
    lower case, "acted on", are a cell's text going on, not a label.)"""
    return (sum(1 for c in row.cells if c.text or c.spanned) == 1 and len(text.split()) <= 3
            and text[:1].isupper() and not is_value(text) and not text.endswith("."))


def _bullet_table(st: SegmentState, b: Block) -> None:
    """Rows of [row heading, bullets...]: one finding per bullet, under its heading and side.

    Page breaks split rows: a row with no heading, or a heading in lower case ("together"),
    continues the row above; a cell paragraph that is not a bullet, or a bullet starting in
    lower case, continues the bullet above.
    """
    side = st.side
    base = [_SIDE_TITLES[side]] if side else st.section()
    kind = _SIDE_KINDS[side] if side else (st.section_kind or "bullet")
    carry = bool(b.rows) and b.rows[0].continued
    for row in b.rows:  # a cell paragraph too long for one finding: in pieces, each continuing the last
        for cell in row.cells[1:]:
            if any(len(p.text) > st.parts.limit for p in cell.parts):
                cell.parts = [q for p in cell.parts for q in cut_part(p, st.parts.limit)]
    heading = st.row_heading if carry else ""
    last: Finding | None = st.row_last if carry else None
    n = st.row_n if carry else 0
    for r_index, row in enumerate(b.rows):
        head = row.cells[0].text if row.cells else ""
        if not head:
            pass
        elif head[:1].islower() and heading:
            old = heading
            heading = f"{heading} {head}"
            for f in st.findings:
                if f.section == [*base, old]:
                    f.section = [*base, heading]
        else:
            heading = head
            n = 0
        for cell in row.cells[1:]:
            for p_index, part in enumerate(cell.parts):
                text = part.text.strip()
                if not text:
                    continue
                if last is None and not part.bullet and r_index == 0 and not carry:
                    continue  # a header row ("Strategic Aims | Actions")
                split_here = row.continued and p_index == 0 and last is not None and not ends_sentence(last.text)
                continues = last is not None and (not part.bullet or text[:1].islower() or split_here)
                if continues and last is not None:
                    last = st.parts.grow(last, text, part.page, rejoined)
                    part.finding_id = last.id
                    continue
                n += 1
                prefix = _SIDE_KEYS.get(side or "", slugify(base[-1] if base else "table", 30))
                f = st.add(kind, f"bullet {n}", text, part.page, f"{prefix}-{slugify(heading.split(' (')[0], 40)}-{n}",
                           section=[*base, heading], side=side)
                part.finding_id = f.id
                last = f
    st.row_n, st.row_heading, st.row_last = n, heading, last


def _row_table(st: SegmentState, b: Block) -> None:
    st.table_count += 1
    m = TABLE_LABEL.match(b.caption or "")
    rows = list(b.rows)
    if m:
        table_label = re.sub(r"\s+", " ", m.group(1))
    elif rows and sum(1 for c in rows[0].cells if c.text) == 1 and len(rows) > 1 and _names(rows[0]):
        table_label = rows[0].cells[0].text or next(c.text for c in rows[0].cells if c.text)
        rows = rows[1:]  # the table's own title row ("IRO work plan 2016/17")
    else:
        table_label = f"Untitled table {st.table_count}"
    kind = st.section_kind if st.section_kind in ("action", "priority", "recommendation") else "table row"
    above: list[str] = []
    texts = []
    for row in rows:
        above = cell_texts(row, above)
        texts.append(" | ".join(c for c in above if c))
    filled = [k for k, t in enumerate(texts) if t]
    # Label rows are a PDF form's (its grid drawn as printed); in converted text a lone cell is
    # a spreadsheet's band over its columns ("Number of CYPIC" over "Historical Performance").
    form = b.pdf_page is not None
    last: Finding | None = None
    lead: list[tuple[Row, str]] = []  # label rows waiting for the row they lead
    for i, (row, text) in enumerate(zip(rows, texts), start=1):
        if not text:
            continue
        if i == 1 and _goes_on(st, b, row):
            # The row's text carries on the last row over the page, mid-sentence.
            assert st.table_last is not None
            last = st.parts.grow(st.table_last, text, row.page, then(" "))
            row.finding_id = last.id
            continue
        if form and _label_only(row, text) and len(filled) > 1:
            # A label that ends on its colon, with nothing beside it, is a form's field left
            # empty ("Mitigations:"): it goes with the row above. Another ("Comment", "Group
            # Percentage") leads the row under it, its text.
            after = next((k for k in filled if k >= i), None)  # the next row with text
            if not text.endswith(":") and after is not None and not _label_only(rows[after], texts[after]):
                lead.append((row, text))
                continue
            if last is not None:
                row.finding_id = st.parts.grow(last, text, row.page, then(" | ")).id
                continue
        if lead:
            text = " ".join(f"{t.rstrip(':')}:" for _, t in lead) + " " + text
        first, *rest = pieces(text, st.parts.limit)
        f = st.add(kind, f"{table_label}, row {i}", first, row.page, f"{table_label}-row-{i}")
        row.finding_id = f.id
        for r, _ in lead:
            r.finding_id = f.id
        lead, last = [], f
        if rest:  # a row too long for one finding: one row a part, each holding its piece
            row.cells = [Cell(parts=[CellPart(text=first, page=row.page)])]
            at = next(k for k, r in enumerate(b.rows) if r is row) + 1
            b.rows[at:at] = [Row(cells=[Cell(parts=[CellPart(text=piece, page=row.page)])], continued=True, page=row.page,
                                 finding_id=st.parts.part(f, piece, row.page).id) for piece in rest]
    st.table_last = last


def _goes_on(st: SegmentState, b: Block, row: Row) -> bool:
    """Whether a table's first row is the rest of the last row of the table over the page: a
    word processor draws a table's border again where a page break cuts it, so the row cut in
    two comes as a new table's first row (nothing read between the two), its first cell (the
    row's label, "Potential impacts:") left empty and its text going on in lower case, after a
    row that stopped mid-sentence ("... public transport options will" | "provide a ...")."""
    last = st.table_last
    if last is None or not st.findings or st.findings[-1] is not st.parts.last_of(last) \
            or b.page is None or last.page is None or b.page <= last.page:
        return False
    if not row.cells or row.cells[0].text or row.cells[0].spanned:
        return False
    text = next((c.text for c in row.cells[1:] if c.text), "")
    return text[:1].islower() and not ends_sentence(last.text)

