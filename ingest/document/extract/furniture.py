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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from ingest.model import Block, FurnitureRole

if TYPE_CHECKING:  # pdf_layout calls this module: its types only, to import no cycle
    from ingest.document.extract.pdf_layout import Line, PageLayout

# The bands where headers and footers sit: Word's default margins put a footer at 88-95% of the
# page height; only numbers in step with the pages and text repeated on many pages count there.
TOP_BAND, BOTTOM_BAND = 0.09, 0.86

# "Page 19", "Page 19 of 66", "Page | 4", "19 of 66", "- 3 -", "-3-": they say they are page numbers.
_PAGE_WORDED = re.compile(r"^(?:page\s*\|?\s*(\d{1,4})(?:\s+of\s+\d{1,4})?|(\d{1,4})\s+of\s+\d{1,4}|[-–]\s*(\d{1,4})\s*[-–])$", re.I)
_PAGE_BARE = re.compile(r"^(\d{1,4})$")
_EDGE_NUMBER = re.compile(r"(?:^|[\s|])(\d{1,4})$|^(\d{1,4})[\s|]")
# A page number set inside a running footer between its other words: "... 2/16 (of Appendix
# VII) ...", "... Page 4 of 12 ...", "... 4 of 12 ...". "N/M" is a page number only with N <= M
# (not "2023/24") and as a word of its own (not "AVII_1/5", nor part of a date "1/4/2024").
_INNER_NUMBER = re.compile(r"(?:^|(?<=[\s(|,]))(?:page\s*\|?\s*(\d{1,4})(?:\s+of\s+\d{1,4})?|(\d{1,4})\s*(?:/|\bof\b)\s*(\d{1,4}))"
                           r"(?=$|[\s)|,;])", re.I)
_AGENDA_ITEM = re.compile(r"^agenda\s+item\s+\d+[a-z]?$", re.I)
# A clerk's stamp in the top right corner of a page, below the header band: "Item 153b",
# "Agenda Item 6", with the meeting's date under it ("28 Mar 18"). Set in, at the left, the same
# words are a minute's number under its title ("(Item 4)"), and stay text.
_ITEM_STAMP = re.compile(r"^(?:agenda\s+)?item\s+(?:no\.?\s*)?\d+[a-z]?$", re.I)
_STAMP_DATE = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+(?:\d{2}|\d{4})$")
STAMP_TOP, STAMP_LEFT = 0.2, 0.6
_BLANK = re.compile(r"^(?:this\s+)?page\s+(?:is\s+)?(?:intentionally|deliberately)\s+(?:been\s+)?(?:left\s+)?blank\.?$", re.I)
_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}$|…{2,}\s*\d{1,4}$")
_CONTENTS_HEAD = re.compile(r"^(?:table\s+of\s+)?contents$", re.I)
_ENDS_NUMBER = re.compile(r"\D\s+\d{1,4}$")
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
# Cues of a back page: a licence, a copyright, a publisher's address and contacts.
_BACK_CUES = re.compile(
    r"licen[cs]e|copyright|©|re-?use|reproduced?|\bwww\.|https?://|@|telephone|\btel\b|\bphone\b|enquiries|"
    r"published|publication|reference no|(?:produced|prepared) (?:for|by)|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|textphone|alternative format", re.I)


_LICENCE = re.compile(r"licen[cs]e|copyright|©", re.I)


_DIGITS = re.compile(r"\d+")


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.strip().lower())


def _page_number(text: str) -> tuple[int, bool] | None:
    """(the number, whether the line says it is a page number) for a page-number-like line."""
    m = _PAGE_WORDED.match(text)
    if m:
        return int(next(g for g in m.groups() if g)), True
    m = _PAGE_BARE.match(text)
    return (int(m.group(1)), False) if m else None


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


def _bands(page: PageLayout) -> list[str | None]:
    top, bottom = page.height * TOP_BAND, page.height * BOTTOM_BAND
    return ["top" if ln.bottom < top else "bottom" if ln.top > bottom else None for ln in page.lines]


BandLine: TypeAlias = "tuple[Line, str, str]"  # a line in a band, the band ("top", "bottom"), its key


def _band_lines(pages: list[PageLayout], bands: list[list[str | None]]) -> list[list[BandLine]]:
    return [[(ln, b, _key(ln.text)) for ln, b in zip(page.lines, band) if b] for page, band in zip(pages, bands)]


def printed_numbers(pages: list[PageLayout], band_lines: list[list[BandLine]] | None = None) -> dict[int, tuple[int, list[Line]]]:
    """Each page's printed page number (by index into `pages`) and the lines that print page
    numbers in step with the pages (the page's own number's first),
    where the sequence across pages holds: a number's offset from the PDF page is shared by
    three pages or more (two in a paper of three pages or fewer), or the line says "Page N" /
    "N of M". A number may also end or start a running footer ("Annual report | 12"). Of
    several candidates on a page, the best-supported offset wins (a pack's own numbering over
    that of a report bound into it), then a worded one."""
    if band_lines is None:
        band_lines = _band_lines(pages, [_bands(page) for page in pages])
    cands: list[list[tuple[int, bool, Line]]] = []
    keys: Counter[str] = Counter()
    for lines in band_lines:
        keys.update({k for _, _, k in lines})
    for lines in band_lines:
        found = []
        for line, _, k in lines:
            text = line.text.strip()
            got = _page_number(text)
            if got is not None:
                found.append((got[0], got[1], line))
            elif keys[k] >= 3:
                # A running footer that ends (or starts) with the number: "Annual report | 12",
                # or holds it between its words: "Report, July 2019 2/16 (of Appendix VII) Author".
                m = _EDGE_NUMBER.search(text)
                values = {int(m.group(1) or m.group(2))} if m else set()
                values |= _inner_numbers(text)
                found.extend((value, False, line) for value in sorted(values))
        cands.append(found)
    support: Counter[int] = Counter()
    for i, found in enumerate(cands):
        for off in {value - (i + 1) for value, _, _ in found}:
            support[off] += 1
    need = 2 if len(pages) <= 3 else 3
    out: dict[int, tuple[int, list[Line]]] = {}
    for i, found in enumerate(cands):
        ok = [(worded, support[value - (i + 1)], value, line) for value, worded, line in found
              if value >= 1 and (worded or support[value - (i + 1)] >= need)]
        if ok:
            best = max(ok, key=lambda c: (c[1], c[0]))
            # The page's number first; any other numbering in step (a bound-in report's own) after.
            out[i] = (best[2], [best[3], *(c[3] for c in ok if c is not best)])
    return out


def _contents_page(page: PageLayout) -> set[int] | None:
    """None if the page is no contents page; else the ids of its entries' lines whose page
    number is set apart on the row, in a column of its own (the entry and the number), which
    the number-ended rule cannot see."""
    if not any("ontents" in ln.text[:20].lower() for ln in page.lines):
        return None
    head = [ln.text.strip() for ln in sorted(page.lines, key=lambda ln: ln.top)[:6]]
    if not any(_CONTENTS_HEAD.match(t) for t in head):
        return None
    entries = _numbered_rows(page.lines)
    numbered = sum(1 for ln in page.lines if id(ln) in entries or _ENDS_NUMBER.search(ln.text.strip()) or _LEADER.search(ln.text))
    return entries if numbered >= 3 and numbered >= len(page.lines) / 3 else None


def _numbered_rows(lines: list[Line]) -> set[int]:
    """The ids of the lines of a list whose rows end in a page number of their own (a bare
    number with text to its left at the same height: "1.1 Background" ... "3"): the rows, and
    the lines between them (an entry's title wrapped onto a second line carries the number on
    that line only)."""
    numbers = [ln for ln in lines if _PAGE_BARE.match(ln.text.strip())]
    rows: list[float] = []
    for num in numbers:
        if any(ln is not num and abs(ln.top - num.top) <= 2 and ln.x0 < num.x0 for ln in lines):
            rows.append(num.top)
    if len(rows) < 3:
        return set()
    first, last = min(rows) - 2, max(rows) + 2
    return {id(ln) for ln in lines if first <= ln.top <= last}


def _back_page(page: PageLayout) -> bool:
    if len(page.lines) > 50:
        return False
    licence = _LICENCE.search("\n".join(ln.text for ln in page.lines)) is not None
    if len(page.lines) > 25 and not licence:
        return False  # the quick test: a long back page names its licence or copyright
    texts = [t for t in (ln.text.strip() for ln in page.lines) if t and _page_number(t) is None]
    if not texts or len(texts) > 45 or sum(len(t.split()) for t in texts) > 450:
        return False
    if len(texts) <= 3:  # a last page with only a line or two saying who produced the paper
        return all(_BACK_CUES.search(t) for t in texts)
    cued = sum(1 for t in texts if _BACK_CUES.search(t))
    # With a licence, a quarter of the lines cued is enough; a back page of only the publisher's
    # addresses and contacts ("Contact us", the address, the telephone, the web) names none,
    # and is told by most of its lines being contacts.
    return cued >= 3 and cued >= len(texts) / (4 if licence else 1.5)


def _last_text_page(pages: list[PageLayout]) -> int:
    """The index of the last page with text of its own: a back page may be followed by a blank
    one ("This page is intentionally left blank", or a page number only)."""
    for i in range(len(pages) - 1, -1, -1):
        if any(t and not _BLANK.match(t) and _page_number(t) is None for t in (ln.text.strip() for ln in pages[i].lines)):
            return i
    return len(pages) - 1


def label_furniture(pages: list[PageLayout]) -> list[Block]:
    """Take the furniture lines off the pages (in place), set each page's printed number, and
    return the furniture as blocks with their role and page, in page order."""
    bands = [_bands(page) for page in pages]
    band_lines = _band_lines(pages, bands)
    printed = printed_numbers(pages, band_lines)
    # Text repeated in a band at one height: a running header or footer sits where it sat on
    # the other pages (a sentence of the body that happens to recur lower or higher is not one).
    # A bare number repeats as "#" on every page and is left to the page-number rules.
    tops: dict[str, list[float]] = {}
    heights = {id(ln): _height(page, ln, b) for page, lines in zip(pages, band_lines) for ln, b, _ in lines}
    for lines in band_lines:
        for k, top in {k: heights[id(ln)] for ln, _, k in lines if len(ln.text) <= 150}.items():
            if _LETTER.search(k):
                tops.setdefault(k, []).append(top)
    n = len(pages)
    repeat = max(2, min(n / 2, 3))
    band_keys: Counter[str] = Counter()
    mids: dict[str, float] = {}
    for k, ts in tops.items():
        mids[k] = mid = sorted(ts)[len(ts) // 2]
        band_keys[k] = sum(1 for t in ts if abs(t - mid) <= 12)
    # ...and it is not a sentence the body repeats elsewhere on the pages (a paper that answers
    # many questions with one paragraph has it in the footer band of some pages by chance).
    recurring = {ln.text: k for lines in band_lines for ln, _, k in lines if band_keys.get(k, 0) >= repeat}
    if recurring:
        in_body = Counter(ln.text for page, band in zip(pages, bands) for ln, b in zip(page.lines, band)
                          if b is None and ln.text in recurring)
        for text, count in in_body.items():
            if count >= 2:
                band_keys[recurring[text]] = 0
    edges = _edge_repeats(pages, bands)
    last_text = _last_text_page(pages)
    found: list[Block] = []
    for i, (page, band) in enumerate(zip(pages, bands)):
        number = printed.get(i)
        page.printed = str(number[0]) if number else None
        cite = number[0] if number else page.number
        numbers = {id(ln) for ln in number[1]} if number else set()
        entries = _contents_page(page)
        contents = entries is not None
        back = i == last_text and i > 0 and _back_page(page)
        keep: list[Line] = []
        plain = not (contents or back)
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
                role = _role(line, b, contents, back, lambda ln: n >= 2 and band_keys[k := _key(ln.text)] >= repeat
                             and abs(heights[id(ln)] - mids[k]) <= 12)
            if role is None:
                keep.append(line)
            else:
                found.append(Block(type="furniture", role=role, text=line.text.strip(), page=cite,
                                   pdf_page=page.number, printed_page=page.printed))
        page.lines = keep
    return found


def _height(page: PageLayout, ln: Line, band: str | None) -> float:
    """A footer's height read from the page's foot (a landscape page in a portrait paper sets its footer as far from
    its own lower edge), kept above every header's so that a text found in both bands keeps the two apart."""
    return ln.top if band == "top" else 10_000.0 - (page.height - ln.top)


def _top(ln: Line) -> float:
    return ln.top


def _edge_repeats(pages: list[PageLayout], bands: list[list[str | None]]) -> dict[int, FurnitureRole]:
    """The lines (ids, with their role) of a running header or footer set just inside the bands:
    the first or last line of the body on many pages, alone on its row, the same text at the
    same height every time ("Deadline for Escalation Panel referral 30 October 2025" under the
    header band of five forms of eleven). A heading or a table's header row that starts many
    pages sits lower or higher from page to page, or shares its row, or recurs in the body too;
    a form's row label ("(a)") has no words to repeat. Digits are not masked here, as they are
    in the bands: pages laid out alike start with paragraphs that differ only in their numbers
    ("2. The panel reviewed ...", "3. The panel reviewed ...")."""
    seen: dict[tuple[str, str], list[tuple[float, Line]]] = {}
    bodies: list[list[Line]] = []
    for page, band in zip(pages, bands):
        body = [ln for ln, b in zip(page.lines, band) if b is None and not ln.rotated]
        if len(body) < 2:
            continue
        bodies.append(body)
        outer = {"top": min(body, key=_top), "bottom": max(reversed(body), key=_top)}
        for side, line in outer.items():
            text = line.text.strip()
            # The line's own tests before the row's, which reads the whole page.
            if (len(text) <= 150 and len(_WORD.findall(text)) >= 3
                    and not any(ln is not line and abs(ln.top - line.top) <= 2 for ln in page.lines)):
                seen.setdefault((side, " ".join(text.split())), []).append((line.top, line))
    need = max(3, len(pages) / 3)
    candidates: dict[tuple[str, str], list[Line]] = {}
    for (side, k), found in seen.items():
        mid = sorted(t for t, _ in found)[len(found) // 2]
        at = [line for t, line in found if abs(t - mid) <= 2]
        if len(at) >= need:
            candidates[(side, k)] = at
    if not candidates:  # most papers: no line repeats at the body's edge, so the body is not read again
        return {}
    # How often each candidate stands inside the body too (a heading that recurs is no header).
    texts = {k for _, k in candidates}
    longest = max(len(k) for k in texts)
    elsewhere: Counter[str] = Counter()
    for body in bodies:
        first, last = min(body, key=_top), max(reversed(body), key=_top)
        elsewhere.update(t for ln in body if ln is not first and ln is not last and len(ln.text) <= 2 * longest
                         and (t := " ".join(ln.text.split())) in texts)
    out: dict[int, FurnitureRole] = {}
    for (side, k), at in candidates.items():
        if elsewhere[k] < 2:
            out.update((id(line), "running header" if side == "top" else "running footer") for line in at)
    return out


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
    return bool(words) and len(words) <= 6 and _LETTER.search(labels.lower()) is not None and not re.search(r"\d|[.!?]\s*$", labels)


# How the lines the sign-off rule can match begin: most lines are tried no further.
_SIGN_OFF_START = frozenset({"chai", "sign", "date"})
_BLANK_ENDS = ("blank", "blank.", "Blank", "BLANK", "BLANK.")
_LETTER = re.compile("[a-z]")
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more


def _role(line: Line, band: str | None, contents: bool, back: bool, repeated: Callable[[Line], bool]) -> FurnitureRole | None:
    text = line.text.strip()
    if line.rotated:
        return "margin stamp"
    if back:
        return "back-page boilerplate"
    low = text.lower()
    if "blank" in low and _BLANK.match(text):
        return "blank-page notice"
    if (text[-1:].isdigit() and _LEADER.search(text)) or (contents and (_ENDS_NUMBER.search(text) or _CONTENTS_HEAD.match(text))):
        return "contents"
    if (text[:4].lower() in _SIGN_OFF_START and len(text) < 120 and _SIGN_OFF.match(text)) or _fill_in(text):
        return "sign-off"
    if band is None:
        return None
    got = _page_number(text)
    if got is not None and got[1]:
        return "page number"  # "Page 7" out of step with the rest: still not content
    if _AGENDA_ITEM.match(text):
        return "margin stamp"
    contact = "|" in text and len(text.split()) <= 14 and _CONTACT.search(text)
    if contact or repeated(line) or (band == "top" and _WEB.match(text)):
        return "running header" if band == "top" else "running footer"
    return None
