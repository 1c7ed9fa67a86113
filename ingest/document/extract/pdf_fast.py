"""The fast PDF path: pypdfium2 for everything, pdfplumber as the reference layout reader.

pypdfium2 extracts text 30-60 times faster than pdfplumber. It breaks a page into lines, and
each line is asked only where it starts and ends, its size, its font and its angle. On a page that draws table
borders (two or more vertical rules, as filled rectangles or paths, the way council templates
draw tables) pdfium keeps each cell's lines apart but joins cells that sit side by side on one
baseline: those lines alone are read word by word from pypdfium2's character boxes and split
where the cells part, so that `pdf_layout` can rebuild rows and cells. pdfplumber (pdfminer)
does the same from its own parse; it is kept as the reference, used for the pages named in
`layout_pages` or for every bordered page when INGEST_PDF_LAYOUT=pdfplumber, and the tests check
that both readers give the same blocks, cells included.
"""

from __future__ import annotations

import ctypes
import os
import re
from collections.abc import Iterator
from pathlib import Path
from struct import unpack_from

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.document.extract import pdfium_bound as fx
from ingest.document.extract.columns import maybe_columns
from ingest.document.extract.layout_records import (
    Line,
    PageLayout,
    Rect,
    Word,
    words_to_lines,
)
from ingest.document.extract.ruled import column_edges, has_table_borders
from ingest.document.extract.unruled import CELL_GAP, may_hold_unruled

# Buffers reused for every call: making new ones per line was a third of reading a page.
# (A worker process reads one file at a time, so one set per process is enough.) The bound
# calls (`pdfium_bound`) take their addresses; the values are read from the cells.
_FONT_BUF = ctypes.create_string_buffer(128)
_FONT_FLAGS = ctypes.c_int()
_FONT_AT, _FLAGS_AT = fx.pointer_to(_FONT_BUF), fx.pointer_to(_FONT_FLAGS)
_FONT_LEN = fx.FONT_BUF_LEN
_D = fx.Doubles(6)
_L, _B, _R, _T, _X, _Y = _D.v
_L_AT, _B_AT, _R_AT, _T_AT, _X_AT, _Y_AT = _D.at
_OBJ = fx.Floats(4)
_OBJ_L, _OBJ_B, _OBJ_R, _OBJ_T = _OBJ.v
_MATRIX = pdfium_c.FS_MATRIX()
_MATRIX_AT = fx.pointer_to(_MATRIX)


def path_rects(page: pdfium.PdfPage, height: float, images: list[tuple[int, Rect]] | None = None) -> list[Rect]:
    """Bounds of the page's path objects (table borders), via the raw API: a text-heavy page has
    thousands of objects and wrapping each one in a Python object costs more than reading it.
    `images`, where given, gets each image's place in the drawing order and its bounds."""
    raw = fx.address(page.raw)
    left, bottom, right, top = _OBJ_L, _OBJ_B, _OBJ_R, _OBJ_T
    at_l, at_b, at_r, at_t = _OBJ.at
    get_object, get_type, get_bounds = fx.get_object, fx.object_type, fx.object_bounds
    path_type, image_type = fx.PATH, fx.IMAGE
    rects: list[Rect] = []
    for k in range(fx.count_objects(raw)):
        obj = get_object(raw, k)
        kind = get_type(obj)
        if kind == path_type:
            get_bounds(obj, at_l, at_b, at_r, at_t)
            rects.append(Rect(left.value, height - top.value, right.value, height - bottom.value))
        elif kind == image_type and images is not None:
            get_bounds(obj, at_l, at_b, at_r, at_t)
            images.append((k, Rect(left.value, height - top.value, right.value, height - bottom.value)))
    return rects


def _under_images(page: pdfium.PdfPage, height: float, images: list[tuple[int, Rect]], lines: list[Line]) -> list[Line]:
    """The lines no reader sees: text drawn before a banner picture that is then laid over all of it (a
    template's old title left under the banner of the paper made from it). A line is hidden where
    the text object it starts in lies wholly inside such an image drawn after it."""
    # Only a banner across the page (nine tenths of its width or more) counts: a picture the size of
    # a title is often that title set as artwork over its own text, which a reader does see.
    banners = [(k, img) for k, img in images if img.x1 - img.x0 >= 0.9 * page.get_width()]
    if not banners:
        return []
    last = max(k for k, _ in banners)
    raw = fx.address(page.raw)
    left, bottom, right, top = _OBJ_L, _OBJ_B, _OBJ_R, _OBJ_T
    covered: list[Rect] = []
    for k in range(last):
        obj = fx.get_object(raw, k)
        if fx.object_type(obj) != fx.TEXT:
            continue
        fx.object_bounds(obj, *_OBJ.at)
        box = Rect(left.value, height - top.value, right.value, height - bottom.value)
        if any(j > k and _holds(img, box) for j, img in banners):
            covered.append(box)
    if not covered:
        return []
    # A line starts at its first character's origin, a little left of the ink the object's bounds hold.
    return [ln for ln in lines if any(b.x0 - 3 <= ln.x0 <= b.x1 + 1 and b.top - 1 <= (ln.top + ln.bottom) / 2 <= b.bottom + 1 for b in covered)]


def _holds(outer: Rect, inner: Rect) -> bool:
    return outer.x0 - 1 <= inner.x0 and inner.x1 <= outer.x1 + 1 and outer.top - 1 <= inner.top and inner.bottom <= outer.bottom + 1


def _upright(page: pdfium.PdfPage) -> tuple[float, float]:
    """Turn a page that its /Rotate key shows turned (a landscape table on a portrait page) so
    that it reads upright, and give its size as shown. pdfium reports such a page's text and
    paths where they are drawn, not where a reader sees them: every line would stand on end.
    Each object is turned in memory only (the file is never written)."""
    width, height = page.get_size()  # as shown, the turn applied
    rotation = page.get_rotation() % 360
    drawn_w, drawn_h = (height, width) if rotation in (90, 270) else (width, height)
    # x' = a*x + c*y + e, y' = b*x + d*y + f. Shown turned clockwise by 90 degrees, the drawn
    # page's bottom edge is on the left and its left edge at the top.
    a, b, c, d, e, f = {90: (0, -1, 1, 0, 0, drawn_w), 180: (-1, 0, 0, -1, drawn_w, drawn_h),
                        270: (0, 1, -1, 0, drawn_h, 0)}.get(rotation, (1, 0, 0, 1, 0, 0))
    raw = page.raw
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        pdfium_c.FPDFPageObj_Transform(pdfium_c.FPDFPage_GetObject(raw, k), a, b, c, d, e, f)
    pdfium_c.FPDFPage_SetRotation(raw, 0)
    pdfium_c.FPDFPage_SetMediaBox(raw, 0, 0, width, height)
    return width, height


def _fast_lines(textpage: pdfium.PdfTextPage, text: str, height: float, rules: list[Rect] | None = None) -> list[Line]:
    """Lines as pdfium breaks them, each asked three things: where its first character sits
    (left edge and baseline), its font size and its font name (bold or not). Each call costs
    about half a microsecond and a page has 40 lines or more, so nothing else is read.

    On a page that draws a bordered table, `rules` are its vertical rules. pdfium keeps the lines
    of each cell apart, except that it joins cells side by side on one baseline into one line:
    such a line (its last character ends past a rule its first one starts before) is read word
    by word and split where the cells part. Reading every word of a bordered page cost ten times
    reading its lines. `text` is the page's text (`get_text_range`), read once by the caller."""
    raw_page = fx.handle(textpage.raw)
    lines: list[Line] = []
    append = lines.append
    bold_of: dict[bytes, bool] = {}
    offset = 0
    get_origin, get_box = fx.char_origin, fx.char_box
    get_angle = fx.char_angle
    get_size, get_font, get_matrix = fx.font_size, fx.font_info, fx.char_matrix
    matrix, matrix_at = _MATRIX, _MATRIX_AT
    x_origin, y_origin, font_buf = _X, _Y, _FONT_BUF
    x_at, y_at, font_at, flags_at = _X_AT, _Y_AT, _FONT_AT, _FLAGS_AT
    width = textpage.page.get_width()
    left_margin, right_margin = width * 0.08, width * 0.8
    plain: list[tuple[Line, int]] = []  # lines read whole, and the index of their last character
    for raw in text.split("\r\n"):
        start = offset
        offset += len(raw) + 2
        stripped = raw.strip()
        if not stripped:
            continue
        first = start if raw[0] == stripped[0] else start + len(raw) - len(raw.lstrip())
        get_origin(raw_page, first, x_at, y_at)
        x0, baseline = x_origin.value, height - y_origin.value
        if plain and lines[-1] is plain[-1][0] and _ORDINAL.match(stripped) and _ENDS_ON_DAY.search(lines[-1].text):
            # A raised ordinal ("27" / "th March 2014", "MEETING 6" / "TH FEBRUARY 2019"): pdfium breaks
            # the line where the superscript rises. Set hard against the day and above its baseline, it
            # is the day's ending: one line, as printed.
            prev, prev_last = plain[-1]
            rise = _rise_after(raw_page, prev, prev_last, x0, baseline, 1.5)
            if rise is not None and 0 <= rise <= prev.size * 0.6:
                prev.text += stripped
                plain[-1] = (prev, first + len(stripped) - 1)
                continue
        if plain and lines[-1] is plain[-1][0] and stripped[0].isdigit() and _FOOTNOTE_REF.match(stripped):
            # A footnote's reference set raised and small after a sentence's stop ("in Salford.¹ This"):
            # pdfium breaks the line where it rises, so the rest of the line, back on the line's own
            # baseline, came first as a line of its own above it. Set hard after the line's last
            # character, in smaller type and above its baseline, it goes on that line, as printed.
            prev, prev_last = plain[-1]
            rise = _rise_after(raw_page, prev, prev_last, x0, baseline, 3)
            if rise is not None and 0 < rise <= prev.size * 0.6 and get_size(raw_page, first) < 0.8 * get_size(raw_page, prev_last):
                prev.text += stripped
                plain[-1] = (prev, first + len(stripped) - 1)
                continue
        if rules:
            end = first + len(stripped)
            get_box(raw_page, end - 1, _L_AT, _R_AT, _B_AT, _T_AT)
            x1 = _R.value
            crossed = [r for r in rules if x0 + 1 < r.x0 < x1 - 1 and r.top - 2 <= baseline <= r.bottom + 2]
            if crossed:
                words = _cut_at_rules(raw_page, text, _char_words(raw_page, text, height, first, end, bold_of), first, end,
                                      [r.x0 for r in crossed])
                lines.extend(words_to_lines(words, rules=crossed))
                continue
        # `_sizes` and the font's name (`_bold_at`) written out: they run for every line of every page.
        size = font_size = get_size(raw_page, first)
        first_printed = None
        if font_size > 0 and get_matrix(raw_page, first, matrix_at):
            a, b, c, d = unpack_from("4f", matrix)
            scaled = font_size * abs(a * d - b * c) ** 0.5
            if scaled > 0:
                first_printed = round(scaled * 2) / 2
            if font_size < _UNIT_SIZE:
                size = scaled
        size = 11.0 if size <= 0 else (14.0 if size > 14.0 else size)
        get_font(raw_page, first, font_at, _FONT_LEN, flags_at)
        key = font_buf.value
        bold = bold_of.get(key)
        if bold is None:
            bold = bold_of[key] = b"bold" in key.lower()
        # A run-in heading starts bold and ends in the regular type of its sentence (asked only of
        # lines that start bold).
        run_in = bold and len(stripped) > 1 and not _bold_at(raw_page, first + len(stripped) - 1, bold_of)
        # A line starting in the page's outer margins is asked its angle: text turned there is
        # a stamp in the margin. (Asking every line cost a sixth of reading the page.)
        printed = _median_size(raw_page, first, first + len(stripped), first_printed)
        if (x0 < left_margin or x0 > right_margin) and 0.05 < get_angle(raw_page, first) < 6.23:
            line = Line(x0, baseline - size * 0.8, baseline + size * 0.2, stripped, bold, size, rotated=True, type_size=printed)
        else:
            line = Line(x0, baseline - size * 0.8, baseline + size * 0.2, stripped, bold, size, type_size=printed, run_in=run_in)
        append(line)
        plain.append((line, first + len(stripped) - 1))
    if plain and maybe_columns(lines, width):
        # The right edges tell columns apart from text across the page (columns.py); they are
        # read only where the line starts suggest columns.
        for line, last in plain:
            get_box(raw_page, last, _L_AT, _R_AT, _B_AT, _T_AT)
            line.x1 = _R.value
    return lines


def _char_words(raw_page: fx.Ref, text: str, height: float, start: int = 0, end: int | None = None,
                bold_of: dict[bytes, bool] | None = None) -> list[Word]:
    """Words with positions from pypdfium2 (`text` is the page's text; all of it, or the
    characters from `start` to `end`): split the text on spaces (pdfium puts one between words,
    and between table cells on one line), then ask the first character of each word where it
    starts (origin and baseline), font and size, and the last one where it ends.
    Baseline-aligned, like pdfplumber's words."""
    words: list[Word] = []
    append = words.append
    bold_of = {} if bold_of is None else bold_of
    get_box, get_origin = fx.char_box, fx.char_origin
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        first, stop = m.span()
        get_origin(raw_page, first, _X_AT, _Y_AT)
        get_box(raw_page, stop - 1, _L_AT, _R_AT, _B_AT, _T_AT)
        baseline = height - _Y.value
        size, printed = _sizes(raw_page, first, fx.font_size(raw_page, first))
        append(Word(text[first:stop], _X.value, _R.value, baseline - size * 0.8, baseline + size * 0.2, size,
                    _bold_at(raw_page, first, bold_of), printed))
    return words


def _cut_at_rules(raw_page: fx.Ref, text: str, words: list[Word], start: int, end: int,
                  cuts: list[float]) -> list[Word]:
    """`words` (those of text[start:end]) with any that runs across a rule cut where it crosses:
    two cells set hard against the rule between them come with no space ("Income10,896.60")."""
    if not any(w.x0 < x < w.x1 for w in words for x in cuts):
        return words
    out: list[Word] = []
    for w, m in zip(words, _WORD.finditer(text, start, end)):
        xs = sorted(x for x in cuts if w.x0 < x < w.x1)
        if not xs:
            out.append(w)
            continue
        piece, piece_x0, right = m.start(), w.x0, w.x0
        for k in range(m.start(), m.end()):
            fx.char_box(raw_page, k, _L_AT, _R_AT, _B_AT, _T_AT)
            if xs and k > piece and _L.value >= xs[0] - 0.5:
                out.append(w._replace(text=text[piece:k], x0=piece_x0, x1=right))
                piece, piece_x0 = k, _L.value
                xs = [x for x in xs if x > _L.value]
            right = _R.value
        out.append(w._replace(text=text[piece:m.end()], x0=piece_x0))
    return out


# No printed text is set this small: a font size under it is the font's unit size, the text
# drawn at its size by its text matrix (some PDF writers set every font at size 1 and scale it
# there). Its size as shown is then the font size times the matrix's scale.
_UNIT_SIZE = 2.0


def _rise_after(raw_page: fx.Ref, prev: Line, prev_last: int, x0: float, baseline: float, gap: float) -> float | None:
    """How far above `prev`'s baseline a piece pdfium broke off as a line of its own stands (a
    superscript: a raised ordinal, a footnote's reference), where it starts within `gap` points of
    `prev`'s last character (index `prev_last`), set hard against it; None where it starts apart."""
    fx.char_box(raw_page, prev_last, _L_AT, _R_AT, _B_AT, _T_AT)
    return prev.bottom - prev.size * 0.2 - baseline if abs(x0 - _R.value) <= gap else None


def _bold_at(raw_page: fx.Ref, index: int, bold_of: dict[bytes, bool]) -> bool:
    """Whether the character at `index` is set in a bold font. The font's name tells bold from
    regular (its weight is often unknown); `bold_of` remembers each name seen on the page."""
    fx.font_info(raw_page, index, _FONT_AT, _FONT_LEN, _FLAGS_AT)
    key = _FONT_BUF.value
    bold = bold_of.get(key)
    if bold is None:
        bold = bold_of[key] = b"bold" in key.lower()
    return bold


def _sizes(raw_page: fx.Ref, index: int, font_size: float) -> tuple[float, float | None]:
    """One character's size as the layout rules take it (its font size, or at a unit size its size
    as shown; 11 if unknown, at most 14) and its printed size (`_char_size`), from one read of its
    matrix. `font_size` is the size pdfium gives the character (the caller asks it once)."""
    size, printed = font_size, None
    if font_size > 0 and fx.char_matrix(raw_page, index, _MATRIX_AT):
        a, b, c, d = unpack_from("4f", _MATRIX)
        scaled = font_size * abs(a * d - b * c) ** 0.5
        printed = round(scaled * 2) / 2 if scaled > 0 else None
        if font_size < _UNIT_SIZE:
            size = scaled
    return (11.0 if size <= 0 else (14.0 if size > 14.0 else size)), printed


def _type_size(raw_page: fx.Ref, start: int, stop: int, first_size: float | None = None) -> float | None:
    """The type size a line is printed in (characters `start` to `stop`): the median of five
    characters' sizes taken across it, so that a superscript ("27th") or a symbol in another
    font does not decide it. Five, not every character: this runs for every line of every page.
    `first_size` is the font size pdfium gave the first character, where the caller has asked it.

    Most lines are set in one size: where the first, middle and last of the five agree, three of
    the five do and the median is theirs, so the other two are not asked (they cost a third of
    reading a page's lines)."""
    return _median_size(raw_page, start, stop, _char_size(raw_page, start, first_size))


def _median_size(raw_page: fx.Ref, start: int, stop: int, size: float | None) -> float | None:
    """`_type_size`, where the first character's printed size (`size`, as `_char_size` gives it) is
    known. The characters already asked are not asked again where the shortcut fails."""
    last = stop - 1
    if last == start:
        return size
    middle = start + (last - start) // 2  # the third of the five picks: (last - start) * 2 // 4
    at_middle = size if middle == start else _char_size(raw_page, middle)
    if size is not None and at_middle == size:
        at_last = _char_size(raw_page, last)
        if at_last == size:
            return size
        asked = {start: size, middle: at_middle, last: at_last}
    else:
        asked = {start: size, middle: at_middle}
    picks = {start + (last - start) * k // 4 for k in range(5)}
    sizes = sorted(s for s in (asked[k] if k in asked else _char_size(raw_page, k) for k in picks) if s is not None)
    return sizes[len(sizes) // 2] if sizes else None


def _char_size(raw_page: fx.Ref, index: int, size: float | None = None) -> float | None:
    """One character's printed size in points, to the half point: its font size scaled by its text
    matrix. Many PDFs set every font at 1 pt and scale it with the matrix (the size pdfium reports is
    then 1), others scale the page: the matrix's area scale covers both. None where unknown.
    `size` is the font size pdfium gives the character, where already asked."""
    if size is None:
        size = fx.font_size(raw_page, index)
    if size <= 0 or not fx.char_matrix(raw_page, index, _MATRIX_AT):
        return None
    a, b, c, d = unpack_from("4f", _MATRIX)
    scaled = size * abs(a * d - b * c) ** 0.5
    return round(scaled * 2) / 2 if scaled > 0 else None


_WORD = re.compile(r"\S+")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_FOOTNOTE_REF = re.compile(r"\d{1,2}(?:\s|$)")
_ENDS_ON_DAY = re.compile(r"(?<![\d.,/:£$-])\b[0-3]?\d$")


def iter_layout_fast(path: Path, layout_pages: set[int] | None = None, pdf: pdfium.PdfDocument | None = None) -> Iterator[PageLayout]:
    """Page layouts for the whole PDF, all read with pypdfium2 unless pdfplumber is asked for.

    `layout_pages` sends those 0-based pages to pdfplumber (the tests compare both readers).
    `pdf` is the file already open (the caller closes it).
    """
    use_plumber = os.environ.get("INGEST_PDF_LAYOUT", "").lower() == "pdfplumber"
    own = pdf is None
    if pdf is None:
        pdf = pdfium.PdfDocument(str(path))
    try:
        slow: dict[int, tuple[float, float]] = {}
        fast: dict[int, PageLayout] = {}
        for i in range(len(pdf)):
            page = pdf[i]
            width, height = _upright(page) if page.get_rotation() else page.get_size()
            images: list[tuple[int, Rect]] = []
            rects = path_rects(page, height, images)
            # Only a page that may hold a bordered table (two vertical rules or more) needs its
            # cells kept apart; a rule under a heading or a logo box does not.
            bordered = has_table_borders(rects)
            if (layout_pages is not None and i in layout_pages) or (bordered and use_plumber):
                slow[i] = (width, height)
            else:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                lines = _fast_lines(textpage, text, height, column_edges(rects) if bordered else None)
                hidden = _under_images(page, height, images, lines) if images else []
                if hidden:
                    lines = [ln for ln in lines if not any(ln is h for h in hidden)]
                fast[i] = PageLayout(i + 1, width, height, lines, rects, hidden=hidden)
                if may_hold_unruled(lines, rects, bordered):
                    # Only here are all the page's words read: unruled tables are found from
                    # where each word sits (ten times the cost of reading lines).
                    words = _char_words(fx.handle(textpage.raw), text, height)
                    fast[i].cells = words_to_lines(words, column_gap=CELL_GAP)
                textpage.close()
            page.close()
    finally:
        if own:
            pdf.close()
    plumber = _plumber_pages(path, set(slow)) if slow else {}
    for i in sorted(set(fast) | set(plumber)):
        yield fast.get(i) or plumber[i]


def _plumber_pages(path: Path, wanted: set[int]) -> dict[int, PageLayout]:
    import pdfplumber

    out: dict[int, PageLayout] = {}
    with pdfplumber.open(str(path)) as pdf:
        for i in sorted(wanted):
            page = pdf.pages[i]
            try:
                words = [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]),
                              "bold" in str(w["fontname"]).lower(), round(float(w["size"]) * 2) / 2)
                         for w in page.extract_words(extra_attrs=["fontname", "size"])]
                # Borders drawn as filled rectangles and as stroked lines (a grid), as pdfium's
                # path objects give both.
                rects = [Rect(r["x0"], r["top"], r["x1"], r["bottom"]) for r in (*page.rects, *page.lines)]
                lines = words_to_lines(words, rules=column_edges(rects))
                out[i] = PageLayout(i + 1, float(page.width), float(page.height), lines, rects)
                if may_hold_unruled(lines, rects, has_table_borders(rects)):
                    out[i].cells = words_to_lines(words, column_gap=CELL_GAP)
            finally:
                page.close()
    return out
