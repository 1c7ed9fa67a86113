"""Furniture that is a whole page, or read with the whole page: a contents page, a back page of
licence, copyright and contact text, and a blank page's notice.

- "This page is intentionally left blank";
- contents: dotted leaders ending in a page number, and the numbered lines of a page headed
  "Contents" (a number at the line's end, or in a column of its own on the row);
- back-page boilerplate: the last page with text (a blank page may follow it) of licence,
  copyright and contact text (by its form: short, and many of its lines naming a licence, a
  copyright, an address, a telephone or web address; most of them, where it names no licence),
  or only its foot, below a wide gap, where the text above it reads as no back page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.document.extract.page_numbers import PAGE_BARE, page_number

if TYPE_CHECKING:  # pdf_layout calls the furniture: its types only, to import no cycle
    from ingest.document.extract.layout_records import Line, PageLayout

BLANK = re.compile(r"^(?:this\s+)?page\s+(?:is\s+)?(?:intentionally|deliberately)\s+(?:been\s+)?(?:left\s+)?blank\.?$", re.I)
# A contents line's leader: dots or ellipses, or the two mixed ("SA Framework……..……11"), then the page.
LEADER = re.compile(r"(?:[.…]\s?){4,}\s*\d{1,4}$|…{2,}\s*\d{1,4}$")
CONTENTS_HEAD = re.compile(r"^(?:table\s+of\s+)?contents$", re.I)
ENDS_NUMBER = re.compile(r"\D\s+\d{1,4}$")
# Cues of a back page: a licence, a copyright, a publisher's address and contacts.
_BACK_CUES = re.compile(
    r"licen[cs]e|copyright|©|re-?use|reproduced?|\bwww\.|https?://|@|telephone|\btel\b|\bphone\b|enquiries|"
    r"published|publication|reference no|(?:produced|prepared) (?:for|by)|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|textphone|alternative format", re.I)


_LICENCE = re.compile(r"licen[cs]e|copyright|©", re.I)


def contents_page(page: PageLayout) -> set[int] | None:
    """None if the page is no contents page; else the ids of its entries' lines whose page
    number is set apart on the row, in a column of its own (the entry and the number), which
    the number-ended rule cannot see."""
    if not any("ontents" in ln.text[:20].lower() for ln in page.lines):
        return None
    head = [ln.text.strip() for ln in sorted(page.lines, key=lambda ln: ln.top)[:6]]
    if not any(CONTENTS_HEAD.match(t) for t in head):
        return None
    entries = _numbered_rows(page.lines)
    numbered = sum(1 for ln in page.lines if id(ln) in entries or ENDS_NUMBER.search(ln.text.strip()) or LEADER.search(ln.text))
    return entries if numbered >= 3 and numbered >= len(page.lines) / 3 else None


def _numbered_rows(lines: list[Line]) -> set[int]:
    """The ids of the lines of a list whose rows end in a page number of their own (a bare
    number with text to its left at the same height: "1.1 Background" ... "3"): the rows, and
    the lines between them (an entry's title wrapped onto a second line carries the number on
    that line only)."""
    numbers = [ln for ln in lines if PAGE_BARE.match(ln.text.strip())]
    rows: list[float] = []
    for num in numbers:
        if any(ln is not num and abs(ln.top - num.top) <= 2 and ln.x0 < num.x0 for ln in lines):
            rows.append(num.top)
    if len(rows) < 3:
        return set()
    first, last = min(rows) - 2, max(rows) + 2
    return {id(ln) for ln in lines if first <= ln.top <= last}


def back_page_from(page: PageLayout) -> float | None:
    """Where a back page's boilerplate starts (the top of its first line; minus infinity for
    the whole page), or None if the page is no back page. The paper's last text may share the page with it, above a wide gap (a
    "Further information" section of links, then the licence at the foot): where the lines above
    the page's widest gap, read alone, are no back page and those below it name the licence or
    copyright, only those below are boilerplate. (Read whole, the section's links and "published"
    counted as a back page's cues, and the paper lost its last section.)"""
    if not _boilerplate(page.lines):
        return None
    lines = sorted((ln for ln in page.lines if ln.text.strip() and page_number(ln.text.strip()) is None), key=lambda ln: ln.top)
    gaps = [(b.top - a.top, k + 1) for k, (a, b) in enumerate(zip(lines, lines[1:]))]
    if len(gaps) < 4:
        return float("-inf")
    pitch = sorted(g for g, _ in gaps)[len(gaps) // 2]
    widest, cut = max(gaps)
    # Four lines' pitch or more apart (a paragraph's break is one or two), and the boilerplate at
    # the foot the smaller part: a back page whose licence and contacts fill most of it is one
    # whole, though a paragraph of the paper's (a complaints procedure) stands above the gap.
    if (cut < len(lines) - cut or widest < 4 * pitch or _boilerplate(lines[:cut])
            or not _LICENCE.search("\n".join(ln.text for ln in lines[cut:]))):
        return float("-inf")
    return lines[cut].top


def _boilerplate(page_lines: list[Line]) -> bool:
    if len(page_lines) > 50:
        return False
    licence = _LICENCE.search("\n".join(ln.text for ln in page_lines)) is not None
    if len(page_lines) > 25 and not licence:
        return False  # the quick test: a long back page names its licence or copyright
    texts = [t for t in (ln.text.strip() for ln in page_lines) if t and page_number(t) is None]
    if not texts or len(texts) > 45 or sum(len(t.split()) for t in texts) > 450:
        return False
    if len(texts) <= 3:  # a last page with only a line or two saying who produced the paper
        return all(_BACK_CUES.search(t) for t in texts)
    cued = sum(1 for t in texts if _BACK_CUES.search(t))
    # With a licence, a quarter of the lines cued is enough; a back page of only the publisher's
    # addresses and contacts ("Contact us", the address, the telephone, the web) names none,
    # and is told by most of its lines being contacts.
    return cued >= 3 and cued >= len(texts) / (4 if licence else 1.5)


def last_text_page(pages: list[PageLayout]) -> int:
    """The index of the last page with text of its own: a back page may be followed by a blank
    one ("This page is intentionally left blank", or a page number only)."""
    for i in range(len(pages) - 1, -1, -1):
        if any(t and not BLANK.match(t) and page_number(t) is None for t in (ln.text.strip() for ln in pages[i].lines)):
            return i
    return len(pages) - 1
