"""Turn positioned PDF lines into blocks: headers and footers out, paragraphs, bullets, tables.

Works on plain `Line`/`Rect` records so any PDF library can feed it (pdfplumber for layout,
pypdfium2 for speed). The rules come from how council PDFs are laid out:
- a paragraph break is a line pitch clearly larger than the document's usual pitch;
- a bullet whose glyph was lost still sits indented from the body text;
- a bold block is a heading;
- bordered tables are drawn as thin filled rectangles; a row cut by a page break has no top edge.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, NamedTuple

from ingest.document.extract.tables import (
    Grid,
    find_tables,
    has_table_borders,
    inside,
    outside,
    ruled_grids,
    table_block,
    vertical_rules,
)
from ingest.document.numbering import Label, follows, parse_label
from ingest.model import Block, CellPart, Row
from ingest.textutil import ends_sentence, has_glyph, join_lines, mark_bullet, split_bullets

__all__ = ["Line", "PageLayout", "Rect", "Word", "has_table_borders", "layout_to_blocks", "vertical_rules", "words_to_lines"]


@dataclass(slots=True)
class Line:
    """A line of text as read from the page."""

    x0: float
    top: float
    bottom: float
    text: str
    bold: bool
    size: float
    conf: float | None = None  # mean word confidence (0-100) of a line read by OCR; None if typed
    rotated: bool = False  # set where the reader sees its first character turned (a margin stamp)
    x1: float | None = None  # the right edge, where the reader gave it (columns.py estimates it otherwise)


class Word(NamedTuple):
    """A word with its position, as the bordered-page readers give them (a tuple: a page holds
    hundreds, and a tuple is the cheapest record to make)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


def words_to_lines(words: list[Word], column_gap: float = 14.0, rules: list[Rect] | None = None) -> list[Line]:
    """Group positioned words into lines, splitting a line where a wide gap marks a new column,
    or where a vertical rule (`rules`) runs between two words: cells of a bordered table can sit
    closer than any gap that marks a column ("Parking Income | 10,896,732.60")."""
    words = sorted(words, key=lambda w: (round(w.top), w.x0))
    rows: list[list[Word]] = []
    for w in words:
        if rows and abs(w.top - rows[-1][0].top) <= 2.0:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        current: list[Word] = []
        cuts = [r.x0 for r in rules or () if r.top - 2 <= row[0].bottom - row[0].size * 0.2 <= r.bottom + 2]
        for w in row:
            if current and (w.x0 - current[-1].x1 > column_gap or any(current[-1].x1 - 1 <= x <= w.x0 + 1 for x in cuts)):
                lines.append(_line(current))
                current = []
            current.append(w)
        if current:
            lines.append(_line(current))
    return lines


def _line(words: list[Word]) -> Line:
    return Line(
        x0=words[0].x0,
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        text=" ".join(w.text for w in words),
        bold=all(w.bold for w in words),
        size=words[0].size,
        x1=words[-1].x1,
    )


@dataclass
class Rect:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageLayout:
    number: int  # 1-based physical page index
    width: float
    height: float
    lines: list[Line]
    rects: list[Rect] = field(default_factory=list)
    printed: str | None = None  # the page number as printed ("19"), set by furniture.label_furniture
    # The page's words joined where they sit close, for finding unruled tables; read only on a
    # page that may hold one (`unruled.may_hold_unruled`), None elsewhere.
    cells: list[Line] | None = None

    def body_size(self) -> float | None:
        """The page's body text's type size: the size most of its typed characters are set in
        (OCR'd lines, which carry no size of their own, aside)."""
        sizes: Counter[float] = Counter()
        for ln in self.lines:
            if ln.conf is None and ln.size:
                sizes[round(ln.size, 1)] += len(ln.text)
        return sizes.most_common(1)[0][0] if sizes else None


_TOP = attrgetter("top")  # a sort key, cheaper than a lambda over every line of every page


def _modal_pitch(pages: list[PageLayout]) -> float:
    pitches: Counter[int] = Counter()
    for page in pages:
        body = sorted(page.lines, key=_TOP)
        for a, b in zip(body, body[1:]):
            d = round(b.top - a.top)
            # Two lines closer than their type is tall that start apart sit side by side (columns
            # whose baselines are offset, a designed report's panels): their gap is no line pitch.
            # Counted, such half-pitches outvoted the lines' own and cut every paragraph of a
            # two-column brochure into lines.
            if 0 < d < 3 * max(a.size, 1) and not (b.top - a.top < 0.9 * max(a.size, b.size) and abs(a.x0 - b.x0) > 20):
                pitches[d] += 1
    if not pitches:
        return 14.0
    # The most common pitch, smoothed over its neighbours (rounding makes 16 show as 15 or 17).
    best = max(pitches, key=lambda d: pitches[d] + 0.5 * (pitches[d - 1] + pitches[d + 1]))
    return float(best)


def group_lines(lines: list[Line], pitch: float) -> list[list[Line]]:
    """Split lines (sorted top to bottom) into paragraphs at a larger-than-usual pitch."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            prev = groups[-1][-1]
            same = (line.top - prev.top) <= pitch * 1.15 and line.bold == prev.bold
            if same:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def ocr_fields(lines: list[Line]) -> dict[str, Any]:
    """`ocr` and the mean word confidence for a block made of lines read by OCR; nothing for typed
    lines, so a typed block is exactly what it was."""
    read = [(ln.conf, len(ln.text.split())) for ln in lines if ln.conf is not None]
    if not read:
        return {}
    return {"ocr": True, "ocr_confidence": round(sum(c * n for c, n in read) / sum(n for _, n in read), 1)}


def _body_margin(starts: Counter[int]) -> float:
    """The leftmost line start that is common (at least two lines and a quarter of the commonest
    start's count); where no start is (one line, or every line at its own indent) the leftmost
    start, so that no line of a short PDF is taken for an indented bullet."""
    if not starts:
        return 0.0
    floor = max(2, starts.most_common(1)[0][1] / 4)
    common = [x for x, n in starts.items() if n >= floor]
    return float(min(common or starts))


def _pieces(lines: list[Line]) -> list[tuple[Line, bool]]:
    """Each line with whether a bullet glyph starts it, the glyph taken off; a line holding
    several bullets (the PDF ran them into one) is cut into one line per bullet."""
    out: list[tuple[Line, bool]] = []
    for ln in lines:
        if not ln.text.startswith("o ") and (ln.text.isascii() or not has_glyph(ln.text)):
            out.append((ln, False))
            continue
        for glyph, text in split_bullets(ln.text):
            piece = ln if text == ln.text else Line(ln.x0, ln.top, ln.bottom, text, ln.bold, ln.size, ln.conf, ln.rotated, ln.x1)
            out.append((piece, glyph))
    return out


def _group_free(lines: list[Line], pitch: float) -> list[tuple[list[Line], bool]]:
    """Paragraphs of the text outside tables, as `group_lines`, except that a bullet glyph
    always starts an item, and a line set in under a bullet's text (its hanging indent) stays in
    that item across a slightly wider pitch."""
    groups: list[tuple[list[Line], bool]] = []
    seen: dict[str, Label] = {}  # the last label of each style that started a line of this run
    letter: str | None = None  # _last_letter(seen), read again only when a label changed `seen`
    first_label = False  # the open group's first line starts with a label
    for line, glyph in _pieces(lines):
        lab = None if glyph else parse_label(line.text, letter)
        if groups and not glyph:
            group, bullet = groups[-1]
            prev = group[-1]
            gap = line.top - prev.top
            same = gap <= pitch * 1.15 and line.bold == prev.bold
            # A numbered paragraph's hanging indent ("1) Approves ..." / "Fund programme ..."),
            # likewise: its label's line, then lines set in under its text, one x; but not a
            # list's next item after a clause ended with ";" ("h) ... any application;" / "Avoid
            # significant harm ...").
            hanging = (line.x0 > group[0].x0 + 2 and gap <= pitch * 1.6 and not _LABEL_START.match(line.text)
                       and (bullet or (first_label and line.x0 <= group[0].x0 + 60 and line.bold == prev.bold
                                       and all(abs(ln.x0 - line.x0) <= 2 for ln in group[1:])
                                       and not (prev.text.rstrip().endswith(";") and line.text[:1].isupper()))))
            # A key and its text set as an unruled list ("E/33880 | Change of Use ... | No
            # Objections"): a bold line at the text's indent, a pitch below it, ends that entry.
            keyed = (len(group) >= 2 and line.bold and not prev.bold and gap <= pitch * 1.15
                     and abs(line.x0 - prev.x0) <= 2 and all(abs(ln.x0 - prev.x0) <= 2 for ln in group[1:])
                     and prev.x0 > group[0].x0 + 20)
            same = same or keyed
            # Bold lines are left as they join: a bold run is a heading, or body text set bold
            # that segment_prep reads and cuts at its labels.
            if (same or hanging) and (line.bold or not _starts_item(lab, group, seen)):
                group.append(line)
                if _note(seen, lab):
                    letter = _last_letter(seen)
                continue
        groups.append(([line], glyph))
        first_label = lab is not None and lab.style != "ref"
        if _note(seen, lab):
            letter = _last_letter(seen)
    return groups


def _starts_item(lab: Label | None, group: list[Line], seen: dict[str, Label]) -> bool:
    """A line that starts the next item of a list, though set as close as a paragraph's lines (a
    one-page agenda whose items are all one line apart): its label follows the last of its style
    ("2." after "1."), or starts a list after a colon, under the item above ("(a)" under "4.
    Minutes") or under a title line ("Agenda" then "1. Welcome"). A number must be followed by a capital: a line that
    wrapped at "2.5 million" or "3) of the Act" is the sentence going on."""
    if lab is None or lab.style == "ref" or not lab.rest:
        return False
    if not ("alpha" in lab.style or "roman" in lab.style) and not lab.rest[:1].isupper():
        return False
    before = seen.get(lab.style)
    if before is not None and follows(before, lab):
        return True
    if lab.value != 1:
        return False
    if _INTRODUCES.search(group[-1].text):
        return True
    first = parse_label(group[0].text)
    if first is not None:
        return first.style != lab.style
    return len(group) == 1 and len(group[0].text.split()) <= 4 and not ends_sentence(group[0].text)


_INTRODUCES = re.compile(r":\s*[-–]?$")  # "That the Committee: -" then "1. Approved ..."


def _note(seen: dict[str, Label], lab: Label | None) -> bool:
    """Remember `lab` as the last label of its style; whether `seen` changed."""
    if lab is not None and lab.style != "ref":
        seen[lab.style] = lab
        return True
    return False


def _last_letter(seen: dict[str, Label]) -> str | None:
    letters = [lab for lab in seen.values() if "alpha" in lab.style]
    return letters[-1].text if letters else None


_LABEL_START = re.compile(r"^(\d+(\.\d+)*\.?|[a-z]{1,4}\.|\([a-z0-9]+\))\s")
# A heading set in larger type, not bold: this much larger than the page's body text (14 pt
# over 12 pt is 1.17).
_HEADING_SCALE = 1.15


class _BodySize:
    """The page's body type size, read the first time a line needs it (most pages never do)."""

    def __init__(self, page: PageLayout) -> None:
        self._page = page
        self._read = False
        self._size: float | None = None

    def __call__(self) -> float | None:
        if not self._read:
            self._size, self._read = self._page.body_size(), True
        return self._size


def _set_large(group: list[Line], body_size: _BodySize) -> bool:
    """A heading set in larger type rather than bold ("Appendix 3: Adoption Statement" at 14 pt
    over 11 pt text): one typed line, short, not a sentence, nor a numbered paragraph. Without
    this, the paragraph under it, which no sentence's end separates it from, took it in."""
    return len(group) == 1 and _heading_words(group[0].text.strip()) and _large(group, body_size())


def _heads_text(n: int, groups: list[tuple[int, float, tuple[list[Line], bool]]], tables: list[Grid], body_size: _BodySize) -> bool:
    """Whether the large line of group `n` heads the body text under it: text follows it in its
    run, with no table between, and the lines either side are not large too (large lines one
    under another are a cover's title, and stay as they were read: metadata reads the title
    from them)."""
    if n + 1 >= len(groups) or groups[n + 1][0] != groups[n][0]:
        return False
    top, below = groups[n][2][0][0].top, groups[n + 1][2][0][0].top
    if any(top < t.top < below for t in tables):
        return False
    return not any(_large(groups[m][2][0], body_size()) for m in (n - 1, n + 1) if m >= 0)


def _large(group: list[Line], body_size: float | None) -> bool:
    """Whether a typed line of the group is set in larger type than the page's body text."""
    return body_size is not None and any(ln.conf is None and ln.size >= _HEADING_SCALE * body_size for ln in group)


def _heading_words(text: str) -> bool:
    return (0 < len(text.split()) <= 12 and text[:1].isupper() and not ends_sentence(text)
            and not text.endswith((",", ";")) and not _LABEL_START.match(text))


def _stamp(block: Block | Row | CellPart, pdf_page: int, printed: str | None, cite: int) -> None:
    block.page, block.pdf_page, block.printed_page = cite, pdf_page, printed


def layout_to_blocks(pages: list[PageLayout], furniture: list[Block] | None = None) -> list[Block]:
    """Blocks in reading order for a whole PDF, each with its PDF page, its printed page where
    the page prints one, and `page` (the printed number, else the PDF's). Page furniture is taken
    off first (see `furniture.py`) and put in `furniture` when a list is given."""
    from ingest.document.extract.charts import take_chart_text
    from ingest.document.extract.columns import margin_of, rank_of, reading_order
    from ingest.document.extract.footnotes import after_continuation, is_footnote
    from ingest.document.extract.furniture import label_furniture

    found = label_furniture(pages)
    for page in pages:  # after the furniture, which reads each page's printed number
        found.extend(take_chart_text(page, int(page.printed) if page.printed and page.printed.isdigit() else page.number))
    if furniture is not None:
        furniture.extend(found)
    ruled = [ruled_grids(page) for page in pages]
    pitch = _modal_pitch(pages)
    if any(ruled):
        # A pitch well under the paragraphs' own is no line pitch: it comes from the columns of
        # bordered tables set half a line apart (a name beside its description), which in a
        # paper made of such tables outvoted the paragraphs and cut them into lines.
        text_pitch = _modal_pitch([PageLayout(p.number, p.width, p.height, outside(p.lines, grids)) if grids else p
                                   for p, grids in zip(pages, ruled)])
        if pitch < 0.75 * text_pitch:
            pitch = text_pitch
    page_tables = [find_tables(page, pitch, grids) for page, grids in zip(pages, ruled)]
    # The body's left margin: the commonest start of lines outside tables (table cells would
    # otherwise outvote it and every paragraph would look indented).
    free_x: Counter[int] = Counter()
    for page, tables in zip(pages, page_tables):
        if tables:
            free_x.update(round(ln.x0) for ln in page.lines
                          if not any(inside(ln, t.x_edges[0], t.top, t.x_edges[-1], t.bottom) for t in tables))
        else:  # most pages: no table to leave out
            free_x.update([round(ln.x0) for ln in page.lines])
    left = _body_margin(free_x)
    blocks: list[Block] = []
    notes: set[int] = set()  # ids of footnote blocks (footnotes.py)
    for page, tables in zip(pages, page_tables):
        printed = page.printed
        body_size = _BodySize(page)
        read_by_ocr = any(ln.conf is not None for ln in page.lines)  # typed pages (most): no OCR fields to work out
        cite = int(printed) if printed is not None and printed.isdigit() else page.number
        items: list[tuple[tuple[int, float], Block]] = []
        table_lines = {id(ln) for t in tables for ln in page.lines if inside(ln, t.x_edges[0], t.top, t.x_edges[-1], t.bottom)}
        runs, zone = reading_order([ln for ln in page.lines if id(ln) not in table_lines], page.width, page.number == 1)
        for t in tables:
            blk = table_block(page, t, pitch)
            for r in blk.rows:
                _stamp(r, page.number, printed, cite)
                for c in r.cells:
                    for part in c.parts:
                        _stamp(part, page.number, printed, cite)
            _stamp(blk, page.number, printed, cite)
            items.append(((rank_of(t.top, zone), t.top), blk))
        groups = [(rank, margin_of(run, left) if len(runs) > 1 else left, g) for rank, run in runs for g in _group_free(run, pitch)]
        for n, (rank, margin, (group, glyph)) in enumerate(groups):
            text = join_lines([ln.text for ln in group])
            if not text:
                continue
            if glyph:
                btype = "bullet"
                text = mark_bullet(text)
            elif all(ln.bold for ln in group) or (_set_large(group, body_size) and _heads_text(n, groups, tables, body_size)):
                btype = "heading"
            elif group[0].x0 - margin > 5 and not _LABEL_START.match(text):
                btype = "bullet"
            else:
                btype = "paragraph"
            # The page fields given at construction: setting them after costs a validation each.
            if read_by_ocr:
                blk = Block(type=btype, text=text, page=cite, pdf_page=page.number, printed_page=printed,  # type: ignore[arg-type]
                            **ocr_fields(group))
            else:
                blk = Block(type=btype, text=text, page=cite, pdf_page=page.number, printed_page=printed)  # type: ignore[arg-type]
            items.append(((rank, group[0].top), blk))
            if btype != "heading" and not glyph and is_footnote(group, page.lines, body_size):
                notes.add(id(blk))
        items.sort(key=lambda it: it[0])
        blocks.extend(b for _, b in items)
    return after_continuation(blocks, notes)
