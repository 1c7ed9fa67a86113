"""Printed page numbers: a page's own number, read from its header or footer band only where the
pages agree on a sequence (see `printed_numbers`), never from a table cell or a year.

The forms: "Page 3", "- 3 -", "3 of 12", "Page 19 of 66", "3". A number is the page's printed
number only where the pages agree on a sequence: the same offset from the PDF's own page on
several pages (a bare number on three or more; "Page N" or "N of M", which say what they are, on
one). A running footer may end or start with the number, or hold it between its words as "N/M",
"N of M" or "Page N" ("..., July 2019 2/16 (of Appendix VII) ..."). A year or a table cell in the
footer band never runs in step with the pages, so it is not taken (and stays text).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ingest.document.extract.running_lines import END_NUMBER, BandLine, band_lines_of, paper_bands

if TYPE_CHECKING:  # pdf_layout calls the furniture: its types only, to import no cycle
    from ingest.document.extract.layout_records import Line, PageLayout

# "Page 19", "Page 19 of 66", "Page 19/66", "Page | 4", "Page: 4", "Page No. 4", "19 of 66",
# "- 3 -", "-3-", and Word's footers "4 | Page" and "4 | P a g e" (its letters spaced): they say
# they are page numbers.
_PAGE_WORDED = re.compile(r"^(?:page\s*(?:no\.?\s*)?[|:]?\s*(\d{1,4})(?:\s+of\s+\d{1,4}|\s*/\s*\d{1,4})?|(\d{1,4})\s+of\s+\d{1,4}"
                          r"|[-–]\s*(\d{1,4})\s*[-–]|(\d{1,4})\s*\|\s*p\s?a\s?g\s?e)$", re.I)
PAGE_BARE = re.compile(r"^(\d{1,4})$")
# A number that starts a running footer: "12 | Annual report" (one that ends it: END_NUMBER).
_START_NUMBER = re.compile(r"^(\d{1,4})[\s|]")
# A page number set inside a running footer between its other words: "... 2/16 (of Appendix
# VII) ...", "... Page 4 of 12 ...", "... 4 of 12 ...". "N/M" is a page number only with N <= M
# (not "2023/24") and as a word of its own (not "AVII_1/5", nor part of a date "1/4/2024").
_INNER_NUMBER = re.compile(r"(?:^|(?<=[\s(|,]))(?:page\s*\|?\s*(\d{1,4})(?:\s+of\s+\d{1,4})?|(\d{1,4})\s*(?:/|\bof\b)\s*(\d{1,4}))"
                           r"(?=$|[\s)|,;])", re.I)


def page_number(text: str) -> tuple[int, bool] | None:
    """(the number, whether the line says it is a page number) for a page-number-like line."""
    m = _PAGE_WORDED.match(text)
    if m:
        return int(next(g for g in m.groups() if g)), True
    m = PAGE_BARE.match(text)
    return (int(m.group(1)), False) if m else None


def citable(number: int) -> str | None:
    """A printed page number as a page is cited by: none for a cover numbered 0."""
    return str(number) if number >= 1 else None


def _inner_numbers(text: str) -> set[int]:
    """The page-number-like numbers inside a line (see _INNER_NUMBER); the sequence across the
    pages decides which, if any, is the page's number."""
    out = set()
    for m in _INNER_NUMBER.finditer(text):
        if m.group(1):
            out.add(int(m.group(1)))
        elif int(m.group(2)) <= int(m.group(3)):
            out.add(int(m.group(2)))
    return out


def _set_off_band(page: PageLayout, lines: list[BandLine]) -> list[tuple[int, Line]]:
    """A worded page number ("Page 3 of 3", "Page 7") that is the page's first or last line but
    sits outside the bands: a footer that a page sets higher than the others (it follows a
    page whose text ends short), or a header set lower. Where it sits, only the sequence across
    the pages makes it the page's number: it is taken in step with the others' numbers only,
    never on its own words (a sentence's "page 3" stands among other lines, not at the edge)."""
    in_band = {id(ln) for ln, _, _ in lines}
    body = [ln for ln in page.lines if id(ln) not in in_band and not ln.rotated]
    if len(body) < 2:
        return []
    first, last = min(body, key=_top), max(body, key=_top)
    out = []
    for line, at_edge in ((first, first.top < page.height / 3), (last, last.top > page.height * 2 / 3)):
        got = page_number(line.text.strip())
        if at_edge and got is not None and got[1]:
            out.append((got[0], line))
    return out


def _top(ln: Line) -> float:
    return ln.top


def printed_numbers(pages: list[PageLayout], band_lines: list[list[BandLine]] | None = None) -> dict[int, tuple[int, list[Line]]]:
    """Each page's printed page number (by index into `pages`) and the lines that print page
    numbers in step with the pages (the page's own number's first),
    where the sequence across pages holds: a number's offset from the PDF page is shared by
    three pages or more (two in a paper of three pages or fewer), or the line says "Page N" /
    "N of M". A number may also end or start a running footer ("Annual report | 12"). Of
    several candidates on a page, the best-supported offset wins (a pack's own numbering over
    that of a report bound into it), then a worded one."""
    if band_lines is None:
        band_lines = band_lines_of(pages, paper_bands(pages))
    cands: list[list[tuple[int, bool, Line]]] = []
    keys: Counter[str] = Counter()
    for lines in band_lines:
        keys.update({k for _, _, k in lines})
    for lines in band_lines:
        found = []
        for line, _, k in lines:
            text = line.text.strip()
            got = page_number(text)
            if got is not None:
                found.append((got[0], got[1], line))
            elif keys[k] >= 3:
                # A running footer that ends (or starts) with the number: "Annual report | 12",
                # or holds it between its words: "Report, July 2019 2/16 (of Appendix VII) Author".
                # Both ends are read: a footer may start with a number that is not the page's
                # ("10 to 14 July 2023 2"), and the sequence across the pages decides.
                values = {int(m.group(1)) for m in (END_NUMBER.search(text), _START_NUMBER.search(text)) if m}
                values |= _inner_numbers(text)
                found.extend((value, False, line) for value in sorted(values))
        cands.append(found)
    for page, lines, found in zip(pages, band_lines, cands):
        found.extend((value, False, line) for value, line in _set_off_band(page, lines))
    support: Counter[int] = Counter()
    for i, found in enumerate(cands):
        for off in {value - (i + 1) for value, _, _ in found}:
            support[off] += 1
    need = 2 if len(pages) <= 3 else 3
    out: dict[int, tuple[int, list[Line]]] = {}
    for i, found in enumerate(cands):
        # A cover numbered 0, so that the page after it prints 1 (a template that starts its
        # numbering at 0): in step with the rest, its "0" is a page number too, though no page
        # is cited as page 0 (see `citable`).
        ok = [(worded, support[value - (i + 1)], value, line) for value, worded, line in found
              if (value >= 1 and (worded or support[value - (i + 1)] >= need)) or (value == 0 and i == 0 and support[value - (i + 1)] >= need)]
        if ok:
            best = max(ok, key=lambda c: (c[1], c[0]))
            # The page's number first; any other numbering in step (a bound-in report's own) after.
            out[i] = (best[2], [best[3], *(c[3] for c in ok if c is not best)])
    return out
