"""Page furniture: the text on a PDF's pages that is not the paper's content, found by its form
and position, and kept as a labelled layer (`Document.furniture`) instead of being deleted.

The forms, each a `FurnitureRole`:
- page numbers in the top or bottom band ("Page 3", "- 3 -", "3 of 12", "Page 19 of 66", "3").
  A number is the page's printed number only where the pages agree on a sequence: the same
  offset from the PDF's own page on several pages (a bare number on three or more; "Page N" or
  "N of M", which say what they are, on one). A running footer may end or start with the
  number, or hold it between its words as "N/M", "N of M" or "Page N" ("..., July 2019 2/16 (of
  Appendix VII) ..."). A year or a table cell in the footer band never runs in step with the
  pages, so it is not taken (and stays text).
- running headers and footers: text repeated in the top or bottom band on many pages, digits
  masked ("Kent County Council - 13 March 2025"), and an email address or web address standing
  alone at the top of a page; set just inside the bands, the same line first (or last) on a
  third of the pages or more, alone on its row at one height;
- margin stamps: rotated text, "Agenda Item 6" in a band, and an item stamp in the top right
  corner ("Item 153b", with the meeting's date under it);
- "This page is intentionally left blank";
- contents: dotted leaders ending in a page number, and the numbered lines of a page headed
  "Contents" (a number at the line's end, or in a column of its own on the row);
- back-page boilerplate: the last page with text (a blank page may follow it) of licence,
  copyright and contact text (by its form: short, and many of its lines naming a licence, a
  copyright, an address, a telephone or web address; most of them, where it names no licence);
- sign-off lines: "Chairman ........ Date", "Signed ____ Dated", and any line of short labels
  beside lines to write on ("Name: ______ Position: ______").

This module reads each line's role and takes the furniture off the pages; the concepts it reads
live beside it: page numbers in `page_numbers.py`, running headers and footers (and the bands) in
`running_lines.py`, whole pages (contents, back page, blank) in `furniture_pages.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ingest.document.extract.furniture_pages import (
    BLANK,
    CONTENTS_HEAD,
    ENDS_NUMBER,
    LEADER,
    back_page_from,
    contents_page,
    last_text_page,
)
from ingest.document.extract.page_numbers import citable, page_number, printed_numbers
from ingest.document.extract.running_lines import (
    LETTER,
    TOP_BAND,
    band_lines_of,
    band_repeats,
    edge_repeats,
    first_page_header,
    footer_row_mates,
    paper_bands,
    repeated_notes,
    slot_lines,
    stacked_lines,
)
from ingest.model import Block, FurnitureRole

if TYPE_CHECKING:  # pdf_layout calls this module: its types only, to import no cycle
    from ingest.document.extract.layout_records import Line, PageLayout

_AGENDA_ITEM = re.compile(r"^agenda\s+item\s+\d+[a-z]?$", re.I)
# A clerk's stamp in the top right corner of a page, below the header band: "Item 153b",
# "Agenda Item 6", with the meeting's date under it ("28 Mar 18"). Set in, at the left, the same
# words are a minute's number under its title ("(Item 4)"), and stay text.
_ITEM_STAMP = re.compile(r"^(?:agenda\s+)?item\s+(?:no\.?\s*)?\d+[a-z]?$", re.I)
_STAMP_DATE = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+(?:\d{2}|\d{4})$")
STAMP_TOP, STAMP_LEFT = 0.2, 0.6
_SIGN_OFF = re.compile(r"^(?:(?:chair(?:man|person)?|signed|signature|date[d]?)\b[\s:]*[._…]{3,}.*"
                       r"|signed\s+as\s+a\s+(?:true|correct)\s+record\.?)$", re.I)
# A line to fill in: short labels beside ruled or dotted lines to write on, whatever the labels
# say ("Chairman's signature ........", "Name: ________ Position: ________", "Signed ....
# (Chair)"). The labels carry no figure (a leader before an amount or a page number is a
# contents line or a table's) and make no sentence.
_FILL = re.compile(r"[._…]{5,}|_{3,}")
_WEB = re.compile(r"^(?:\S+@\S+\.\S+|(?:https?://|www\.)\S+)$", re.I)
# A contact line: an address on the web beside a name or a telephone number, "|"-separated.
_CONTACT = re.compile(r"(?:\S+@\S+\.\S+|(?:https?://|www\.)\S+)", re.I)


def label_furniture(pages: list[PageLayout]) -> list[Block]:
    """Take the furniture lines off the pages (in place), set each page's printed number, and
    return the furniture as blocks with their role and page, in page order."""
    bands = paper_bands(pages)
    band_lines = band_lines_of(pages, bands)
    printed = printed_numbers(pages, band_lines)
    in_band = band_repeats(pages, bands, band_lines)  # a running header or footer's band line
    numbered = {id(ln) for number in printed.values() for ln in number[1]}
    slotted = slot_lines(pages, bands, lambda ln: in_band(ln) or id(ln) in numbered)

    def repeated(ln: Line) -> bool:  # a running header or footer: in its band, or set in its slot
        return in_band(ln) or id(ln) in slotted

    edges = edge_repeats(pages, bands) | first_page_header(pages, bands) | repeated_notes(pages) | stacked_lines(pages, bands, in_band)
    last_text = last_text_page(pages)
    found: list[Block] = []
    for i, (page, band) in enumerate(zip(pages, bands)):
        footer_rows: list[Line] = []  # the page's footer lines found, whose rows the rest of the footer shares
        number = printed.get(i)
        page.printed = citable(number[0]) if number else None
        cite = int(page.printed) if page.printed else page.number
        numbers = {id(ln) for ln in number[1]} if number else set()
        entries = contents_page(page)
        contents = entries is not None
        back_from = back_page_from(page) if i == last_text and i > 0 else None
        keep: list[Line] = []
        plain = not contents and back_from is None
        stamps = _corner_stamps(page)
        for line, b in zip(page.lines, band):
            t = line.text
            if plain and b is None and not line.rotated and not (
                    t[-1:].isdigit() or (t[:1] in "CcSsDd" and t[:4].lower() in _SIGN_OFF_START)
                    or t.endswith(_BLANK_ENDS) or "....." in t or "___" in t or "……" in t) and id(line) not in stamps and id(line) not in edges:
                keep.append(line)  # most lines: body text that no rule below could take
                continue
            if id(line) in stamps:
                found.append(Block(type="furniture", role="margin stamp", text=t.strip(), page=cite,
                                   pdf_page=page.number, printed_page=page.printed))
                continue
            if id(line) in numbers:
                role: FurnitureRole | None = "page number"
            elif entries and id(line) in entries:
                role = "contents"
            elif id(line) in edges:
                role = edges[id(line)]
            else:
                role = _role(line, b, contents, back_from is not None and line.top >= back_from, repeated)
            if role is None:
                keep.append(line)
            else:
                if b == "bottom" and role in ("running footer", "page number"):
                    footer_rows.append(line)
                found.append(_furniture(line, role, page, cite))
        if footer_rows:
            mates = footer_row_mates(page, band, footer_rows, keep)
            if mates:
                found.extend(_furniture(ln, "running footer", page, cite) for ln in keep if id(ln) in mates)
                keep = [ln for ln in keep if id(ln) not in mates]
        page.lines = keep
    return found


def _furniture(line: Line, role: FurnitureRole, page: PageLayout, cite: int) -> Block:
    return Block(type="furniture", role=role, text=line.text.strip(), page=cite, pdf_page=page.number,
                 printed_page=page.printed, size=line.type_size)


def _corner_stamps(page: PageLayout) -> set[int]:
    """The lines of an item stamp in the page's top right corner (ids): the stamp, and a date
    set just under it."""
    top, left, band = page.height * STAMP_TOP, page.width * STAMP_LEFT, page.height * TOP_BAND
    # In the header band the band's own rules read a stamp (and a page number in step with it).
    corner = [ln for ln in page.lines if ln.top < top and ln.bottom >= band and ln.x0 > left and len(ln.text) <= 20]
    found = {id(ln) for ln in corner if _ITEM_STAMP.match(ln.text.strip())}
    if found:
        stamp_bottoms = [ln.bottom for ln in corner if id(ln) in found]
        found |= {id(ln) for ln in corner if _STAMP_DATE.match(ln.text.strip())
                  and any(0 <= ln.top - b <= 2 * max(ln.size, 10) for b in stamp_bottoms)}
    return found


def _fill_in(text: str) -> bool:
    if len(text) >= 120 or not _FILL.search(text):
        return False
    labels = _FILL.sub(" ", text)
    words = labels.split()
    return bool(words) and len(words) <= 6 and LETTER.search(labels.lower()) is not None and not re.search(r"\d|[.!?]\s*$", labels)


# How the lines the sign-off rule can match begin: most lines are tried no further.
_SIGN_OFF_START = frozenset({"chai", "sign", "date"})
_BLANK_ENDS = ("blank", "blank.", "Blank", "BLANK", "BLANK.")
def _role(line: Line, band: str | None, contents: bool, back: bool, repeated: Callable[[Line], bool]) -> FurnitureRole | None:
    text = line.text.strip()
    if line.rotated:
        return "margin stamp"
    if back:
        return "back-page boilerplate"
    low = text.lower()
    if "blank" in low and BLANK.match(text):
        return "blank-page notice"
    if (text[-1:].isdigit() and LEADER.search(text)) or (contents and (ENDS_NUMBER.search(text) or CONTENTS_HEAD.match(text))):
        return "contents"
    if (text[:4].lower() in _SIGN_OFF_START and len(text) < 120 and _SIGN_OFF.match(text)) or _fill_in(text):
        return "sign-off"
    if band is None:
        return None
    got = page_number(text)
    if got is not None and got[1]:
        return "page number"  # "Page 7" out of step with the rest: still not content
    if _AGENDA_ITEM.match(text):
        return "margin stamp"
    contact = "|" in text and len(text.split()) <= 14 and _CONTACT.search(text)
    if contact or repeated(line) or (band == "top" and _WEB.match(text)):
        return "running header" if band == "top" else "running footer"
    return None
