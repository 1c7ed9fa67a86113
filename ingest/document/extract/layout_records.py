"""The plain records the layout rules read, as any PDF library can fill them (pypdfium2 for speed,
pdfplumber for bordered pages, OCR for scans): a page's lines (`Line`), positioned words
(`Word`) and the lines they make, rules and shaded cells (`Rect`), and the page (`PageLayout`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

CHAR_WIDTH = 0.5  # a character's width as a share of the font size, on average in body text


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
    x1: float | None = None  # the right edge, where the reader gave it (`end` estimates it otherwise)
    # The type size as printed, in points to the half point: the font size scaled by the text
    # matrix. `size` is what the layout rules read (the font size the PDF reports, kept within
    # 11-14 pt), which in a PDF that sets 1 pt fonts and scales them says nothing of how large the
    # line is printed; this is carried onto the block for the metadata rules (the cover's largest
    # type is its title). None where unknown (OCR).
    type_size: float | None = None
    # A run-in heading: the line starts bold and ends in regular type ("Village Hall – A further
    # grant has been received ..."). It counts as bold (alone, it is a heading); the regular
    # lines under it may carry its sentence on (`paragraphs.group_free`).
    run_in: bool = False

    def end(self) -> float:
        """The right edge: as the reader gave it, else estimated from the characters' average width."""
        return self.x1 if self.x1 is not None else self.x0 + len(self.text) * self.size * CHAR_WIDTH


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
    type_size: float | None = None  # see Line


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
        type_size=middle_size([w.type_size for w in words]),
    )


def middle_size(sizes: list[float | None]) -> float | None:
    """The type size most of a run of text is set in: the median of its parts' sizes, so that
    a superscript ("27th") or a footnote mark does not move it."""
    known = sorted(s for s in sizes if s is not None)
    return known[len(known) // 2] if known else None


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
    # Lines drawn under a picture laid over them (pdf_fast): no reader sees them, so they are no
    # text of the page; kept as "hidden text" furniture.
    hidden: list[Line] = field(default_factory=list)

    def body_size(self) -> float | None:
        """The page's body text's type size: the size most of its typed characters are set in
        (OCR'd lines, which carry no size of their own, aside)."""
        sizes: Counter[float] = Counter()
        for ln in self.lines:
            if ln.conf is None and ln.size:
                sizes[round(ln.size, 1)] += len(ln.text)
        return sizes.most_common(1)[0][0] if sizes else None


def ocr_fields(lines: list[Line]) -> dict[str, Any]:
    """`ocr` and the mean word confidence for a block made of lines read by OCR; nothing for typed
    lines, so a typed block is exactly what it was."""
    read = [(ln.conf, len(ln.text.split())) for ln in lines if ln.conf is not None]
    if not read:
        return {}
    return {"ocr": True, "ocr_confidence": round(sum(c * n for c, n in read) / sum(n for _, n in read), 1)}
