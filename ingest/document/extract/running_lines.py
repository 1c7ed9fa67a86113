"""Running headers and footers: text repeated in the top or bottom band on many pages, at one
height, digits masked ("Kent County Council - 13 March 2025"), and text set just inside the
bands, the same line first (or last) on a third of the pages or more, alone on its row at one
height. Also the bands themselves, which the page-number rules read too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias, TypeVar

from ingest.model import FurnitureRole

if TYPE_CHECKING:  # pdf_layout calls the furniture: its types only, to import no cycle
    from ingest.document.extract.layout_records import Line, PageLayout

# The bands where headers and footers sit: Word's default margins put a footer at 88-95% of the
# page height; only numbers in step with the pages and text repeated on many pages count there.
TOP_BAND, BOTTOM_BAND = 0.09, 0.86

_DIGITS = re.compile(r"\d+")
LETTER = re.compile("[a-z]")
WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more
# A number that ends a running line: "Annual report | 12", "Page 12".
END_NUMBER = re.compile(r"(?:^|[\s|])(\d{1,4})$")


def masked_key(text: str) -> str:
    """A band line as compared across pages: runs of spaces folded, lower case, digits masked."""
    return _DIGITS.sub("#", " ".join(text.split()).lower())  # spaces folded: a reader may set a gap as two


def bands_of(page: PageLayout, portrait_height: float | None = None) -> list[str | None]:
    """Each line's band: "top", "bottom", or None for the body. A landscape page of a paper
    whose other pages are portrait is given a footer band as deep as theirs (`portrait_height`,
    see `paper_bands`)."""
    depth = portrait_height if portrait_height and page.width > page.height else page.height
    top, bottom = page.height * TOP_BAND, page.height - depth * (1 - BOTTOM_BAND)
    return ["top" if ln.bottom < top else "bottom" if ln.top > bottom else None for ln in page.lines]


def paper_bands(pages: list[PageLayout]) -> list[list[str | None]]:
    """Each page's bands (see `bands_of`). A paper's margins are set as lengths, not as shares of
    the page: a landscape page in a portrait paper (a wide table, an appendix turned sideways)
    keeps the portrait pages' footer distance from its foot, so a share of its shorter height
    would put its footer, set as far from the foot as on the other pages, above the band ("App
    B 7 | Page" at 83% of a landscape A4 page). Its footer band is measured in the paper's
    portrait height. The header band is not: a landscape table's header row, repeated at the
    top of each page, sits where a deeper band would take it for a running header. A paper all
    of one orientation keeps the shares of its own pages."""
    portrait = Counter(round(page.height) for page in pages if page.height >= page.width)
    height = float(portrait.most_common(1)[0][0]) if portrait else None
    return [bands_of(page, height) for page in pages]


BandLine: TypeAlias = "tuple[Line, str, str]"  # a line in a band, the band ("top", "bottom"), its key


def band_lines_of(pages: list[PageLayout], bands: list[list[str | None]]) -> list[list[BandLine]]:
    return [[(ln, b, masked_key(ln.text)) for ln, b in zip(page.lines, band) if b] for page, band in zip(pages, bands)]


def band_repeats(pages: list[PageLayout], bands: list[list[str | None]], band_lines: list[list[BandLine]]) -> Callable[[Line], bool]:
    """Whether a band line is a running header or footer: text repeated in a band at one height.
    It sits where it sat on the other pages (a sentence of the body that happens to recur lower
    or higher is not one). A bare number repeats as "#" on every page and is left to the
    page-number rules."""
    tops: dict[str, list[float]] = {}
    heights = {id(ln): _height(page, ln, b) for page, lines in zip(pages, band_lines) for ln, b, _ in lines}
    for lines in band_lines:
        for k, top in {k: heights[id(ln)] for ln, _, k in lines if len(ln.text) <= 150}.items():
            if LETTER.search(k):
                tops.setdefault(k, []).append(top)
    n = len(pages)
    repeat = max(2, min(n / 2, 3))
    band_keys: Counter[str] = Counter()
    mids: dict[str, float] = {}
    for k, ts in tops.items():
        mids[k] = mid = sorted(ts)[len(ts) // 2]
        band_keys[k] = sum(1 for t in ts if abs(t - mid) <= 12)
    # ...and it is not a sentence the body repeats elsewhere on the pages (a paper that answers
    # many questions with one paragraph has it in the footer band of some pages by chance, and
    # more often in the body). A footer that names the council or the paper, which the cover and
    # a heading or two name too, is in its band on far more pages than in the body.
    recurring = {ln.text: k for lines in band_lines for ln, _, k in lines if band_keys.get(k, 0) >= repeat}
    if recurring:
        in_body = Counter(ln.text for page, band in zip(pages, bands) for ln, b in zip(page.lines, band)
                          if b is None and ln.text in recurring)
        for text, count in in_body.items():
            if count >= 2 and 2 * count >= band_keys[recurring[text]]:
                band_keys[recurring[text]] = 0
    at_height = {id(ln) for lines in band_lines for ln, _, k in lines
                 if n >= 2 and band_keys[k] >= repeat and abs(heights[id(ln)] - mids[k]) <= 12}
    shifted = _shifted_blocks(band_lines, band_keys, repeat, at_height, mids, heights) if n >= 2 else set()
    return lambda ln: id(ln) in at_height or id(ln) in shifted


def _shifted_blocks(band_lines: list[list[BandLine]], band_keys: Counter[str], repeat: float, at_height: set[int],
                    mids: dict[str, float], heights: dict[int, float]) -> set[int]:
    """The lines of a running header or footer that one page sets a line or two higher or lower
    than the others (a footer raised on a page whose text ends short: "Area SEND inspection
    report: ... / 10 to 14 July 2023 2" a line higher on page 2 than on every other page): the
    text repeated on many pages, within two of its lines' height of where the others sit, and
    nothing but such lines between it and the page's edge (a page number aside). A body
    sentence that recurs in the band at another height has the page's other text between it and
    the edge; a line set further off is no longer where a running line sits."""
    out: set[int] = set()
    for lines in band_lines:
        for band in ("top", "bottom"):
            side = [(ln, k) for ln, b, k in lines if b == band]
            if not any(id(ln) not in at_height and band_keys[k] >= repeat for ln, k in side):
                continue  # most pages: every repeated line sits at its height
            # From the page's edge inwards: the repeated lines, until the first that is not one.
            side.sort(key=lambda lk: lk[0].top, reverse=band == "bottom")
            for ln, k in side:
                if not LETTER.search(k):
                    continue  # a page number set apart: the page-number rules read it
                if band_keys[k] < repeat or abs(heights[id(ln)] - mids[k]) > 2 * (ln.bottom - ln.top):
                    break
                out.add(id(ln))
    return out - at_height


def _height(page: PageLayout, ln: Line, band: str | None) -> float:
    """A footer's height read from the page's foot (a landscape page in a portrait paper sets its footer as far from
    its own lower edge), kept above every header's so that a text found in both bands keeps the two apart."""
    return ln.top if band == "top" else 10_000.0 - (page.height - ln.top)


def _top(ln: Line) -> float:
    return ln.top


def edge_repeats(pages: list[PageLayout], bands: list[list[str | None]]) -> dict[int, FurnitureRole]:
    """The lines (ids, with their role) of a running header or footer set just inside the bands:
    the first or last line of the body on many pages, alone on its row, the same text at the
    same height every time ("Deadline for Escalation Panel referral 30 October 2025" under the
    header band of five forms of eleven). A heading or a table's header row that starts many
    pages sits lower or higher from page to page, or shares its row, or recurs in the body too;
    a form's row label ("(a)") has no words to repeat. Digits are not masked here, as they are
    in the bands: pages laid out alike start with paragraphs that differ only in their numbers
    ("2. The panel reviewed ...", "3. The panel reviewed ...")."""
    seen: dict[tuple[str, str], list[tuple[float, Line]]] = {}
    numbered: dict[tuple[str, str], list[tuple[float, tuple[int, Line]]]] = {}  # by masked text: lines that differ in their numbers
    bodies: list[list[Line]] = []
    for n, (page, band) in enumerate(zip(pages, bands)):
        body = [ln for ln, b in zip(page.lines, band) if b is None and not ln.rotated]
        if len(body) < 2:
            continue
        bodies.append(body)
        outer = {"top": min(body, key=_top), "bottom": max(reversed(body), key=_top)}
        for side, line in outer.items():
            text = line.text.strip()
            # The line's own tests before the row's, which reads the whole page.
            if (len(text) <= 150 and len(WORD.findall(text)) >= 3
                    and not any(ln is not line and abs(ln.top - line.top) <= 2 for ln in page.lines)):
                seen.setdefault((side, " ".join(text.split())), []).append((line.top, line))
                if _DIGITS.search(text):
                    numbered.setdefault((side, masked_key(" ".join(text.split()))), []).append((line.top, (n, line)))
    need = max(3, len(pages) / 3)
    candidates: dict[tuple[str, str], list[Line]] = {}
    for (side, k), found in seen.items():
        at = _at_usual_height(found)
        if len(at) >= need:
            candidates[(side, k)] = at
    for (side, k), lines in numbered.items():
        at_mid = _at_usual_height(lines)
        if len(at_mid) >= need and _numbered_in_step(at_mid):
            candidates[(side, k)] = [line for _, line in at_mid]
    if not candidates:  # most papers: no line repeats at the body's edge, so the body is not read again
        return {}
    # How often each candidate stands inside the body too (a heading that recurs is no header).
    texts = {" ".join(line.text.split()) for at in candidates.values() for line in at}
    longest = max(len(k) for k in texts)
    elsewhere: Counter[str] = Counter()
    for body in bodies:
        first, last = min(body, key=_top), max(reversed(body), key=_top)
        elsewhere.update(t for ln in body if ln is not first and ln is not last and len(ln.text) <= 2 * longest
                         and (t := " ".join(ln.text.split())) in texts)
    out: dict[int, FurnitureRole] = {}
    for (side, _), at in candidates.items():
        if sum(elsewhere[t] for t in {" ".join(line.text.split()) for line in at}) < 2:
            out.update((id(line), "running header" if side == "top" else "running footer") for line in at)
    return out


def _numbered_in_step(lines: list[tuple[int, Line]]) -> bool:
    """Whether lines alike but for their numbers, one a page (its index), differ only in the
    number that ends them, and it runs in step with the pages ("Annual Report 2024 | 5" ...
    "| 6"): their other numbers are the same on every page, and the last is the page's index
    plus one offset. Paragraphs laid out alike differ in numbers that do not step with the
    pages ("2. The panel reviewed ..." on one page, "7. The panel reviewed ..." on the next)."""
    # The page's number ends the line, as a header or footer sets it; a number that starts it
    # is a paragraph's label, which in pages laid out alike can run in step with them ("1.1 The
    # service ..." on page 2, "2.1 The service ..." on page 3).
    if any(not END_NUMBER.search(line.text.strip()) or line.text.strip()[:1].isdigit() for _, line in lines):
        return False
    runs = [(n, [int(d) for d in _DIGITS.findall(line.text)]) for n, line in lines]
    if len({len(r) for _, r in runs}) != 1:
        return False
    *fixed, last = range(len(runs[0][1]))
    return (all(len({r[pos] for _, r in runs}) == 1 for pos in fixed)
            and len({r[last] - n for n, r in runs}) == 1 and len({r[last] for _, r in runs}) > 1)



def first_page_header(pages: list[PageLayout], bands: list[list[str | None]]) -> dict[int, FurnitureRole]:
    """The line (id, with its role) of a header that a template prints on the first page only,
    where no repetition can show it: in the top band of page 1, a few words that make no
    sentence, set smaller than the page's text and standing well apart above it ("Local area
    partnership report" over an Ofsted area SEND report's cover). A title is set larger, and a
    line of the text runs on at the text's own size."""
    if len(pages) < 2 or not pages[0].lines:
        return {}
    page, band = pages[0], bands[0]
    text_size = page.body_size()
    if text_size is None:
        return {}
    out: dict[int, FurnitureRole] = {}
    for ln, b in zip(page.lines, band):
        text = ln.text.strip()
        if b != "top" or ln.rotated or not ln.size or ln.size > text_size - 1 or not 2 <= len(WORD.findall(text)) <= 8:
            continue
        if len(text.split()) > 8 or text[-1:] in ".!?:;,":
            continue
        below = [o.top for o in page.lines if o is not ln and o.top > ln.top]
        if below and min(below) - ln.bottom >= 2 * (ln.bottom - ln.top) and not any(
                o is not ln and abs(o.top - ln.top) <= 2 for o in page.lines):
            out[id(ln)] = "running header"
    return out


def footer_row_mates(page: PageLayout, band: list[str | None], footers: list[Line], kept: list[Line]) -> set[int]:
    """The lines (ids) of `kept` that share a row of the footer band with a running footer or a
    page number found on the page (`footers`): a footer set in pieces along one row, whose
    other pieces differ from page to page, so no repetition shows them (a first page's
    "Produced by the National Cardiovascular Intelligence Network (NCVIN)" beside the web
    address every page prints, "PHE publications gateway number 2015691 © Crown copyright
    2017" beside "Page 1"). A line of the body sits above the band."""
    bottom = {id(ln) for ln, b in zip(page.lines, band) if b == "bottom"}
    return {id(ln) for ln in kept if id(ln) in bottom and len(ln.text) <= 150
            and any(abs(ln.top - f.top) <= 2 for f in footers)}


# A source note as a statistical paper prints it under each table or chart ("Source: Welsh Road
# Accident Database"): the label, then a few words naming the data, no sentence.
_NOTE = re.compile(r"^sources?\s*:\s*\S", re.I)


def repeated_notes(pages: list[PageLayout]) -> dict[int, FurnitureRole]:
    """The lines (ids, with their role) of a source note printed alike on three pages or more,
    wherever it falls on the page: under every chart and table, it runs through the paper as a
    footer does, though at the height of whatever it is under. A note on one or two pages
    ("Source: ONS mortality data 2012" under one chart), or a sentence, is the table's own text."""
    notes: dict[str, list[tuple[int, Line]]] = {}
    for n, page in enumerate(pages):
        for ln in page.lines:
            text = ln.text
            if text[:1] in "Ss" and _NOTE.match(text) and len(text.split()) <= 12 and not text.rstrip().endswith((".", ";")):
                notes.setdefault(" ".join(text.split()).lower(), []).append((n, ln))
    out: dict[int, FurnitureRole] = {}
    for found in notes.values():
        if len({n for n, _ in found}) >= 3:
            out.update((id(ln), "running footer") for _, ln in found)
    return out


def slot_lines(pages: list[PageLayout], bands: list[list[str | None]], is_running: Callable[[Line], bool]) -> set[int]:
    """The lines (ids) set in the slot where the paper's running footer (or header) sits, on
    pages whose footer says something else: the front matter's "AECOM" where the body's pages
    print "Introduction 1", at the same distance from the foot to the point; a chapter's own
    header where the others print theirs. The slot is the template's; its words change with the
    part of the paper. Such a line is the page's lowest (or highest), short, and no sentence;
    the slot is one that a recognised footer, header or page number (`is_running`) fills on
    three pages or more."""
    def dist(page: PageLayout, ln: Line, band: str) -> float:
        return page.height - ln.top if band == "bottom" else ln.top

    slots: Counter[tuple[str, int]] = Counter()
    for page, band in zip(pages, bands):
        slots.update({(b, round(dist(page, ln, b))) for ln, b in zip(page.lines, band) if b and is_running(ln)})
    filled = {(b, d) for (b, d), n in slots.items() if n >= 3}
    if not filled:
        return set()
    out: set[int] = set()
    for page, band in zip(pages, bands):
        for side in {b for b, _ in filled}:
            lines = [ln for ln, b in zip(page.lines, band) if b == side]
            if not lines:
                continue
            edge = max(ln.top for ln in page.lines) if side == "bottom" else min(ln.top for ln in page.lines)
            for ln in lines:
                text = ln.text.strip()
                if (abs(ln.top - edge) <= 2 and not is_running(ln) and len(text.split()) <= 8 and LETTER.search(text.lower())
                        and text[-1:] not in ".!?:;," and any(b == side and abs(dist(page, ln, side) - d) <= 1 for b, d in filled)):
                    out.add(id(ln))
    return out


def stacked_lines(pages: list[PageLayout], bands: list[list[str | None]], running: Callable[[Line], bool]) -> dict[int, FurnitureRole]:
    """The lines (ids, with their role) of a running header or footer set over two lines of
    which only the outer one sits in its band: the inner line right under the header (or over
    the footer), at its type size, lined up with it on the left or the right, and the same text
    (digits masked) at the same height on three pages or more ("Tewkesbury Borough Plan:
    Pre-Submission" in the band, "SA Report: EqIA - Appendix I PP Review" under it on an
    appendix's landscape pages). The inner line may change with the part of the paper, as
    a section's name does; a heading or a table's first row under the header sits further
    down, at its own size."""
    found: dict[tuple[str, str], list[tuple[float, Line]]] = {}
    for page, band in zip(pages, bands):
        outer = [(ln, b) for ln, b in zip(page.lines, band) if b and running(ln) and LETTER.search(ln.text.lower())]
        if not outer:
            continue
        inner = [ln for ln, b in zip(page.lines, band) if b is None and not ln.rotated and len(ln.text) <= 150]
        for head, b in outer:
            step = head.bottom - head.top
            for ln in inner:
                gap = ln.top - head.bottom if b == "top" else head.top - ln.bottom
                if (0 <= gap <= 0.6 * step and abs((ln.bottom - ln.top) - step) <= 1
                        and (abs(ln.x0 - head.x0) <= 3 or abs(ln.end() - head.end()) <= 3) and len(WORD.findall(ln.text)) >= 2):
                    height = ln.top if b == "top" else page.height - ln.top
                    found.setdefault((b, masked_key(ln.text)), []).append((height, ln))
    out: dict[int, FurnitureRole] = {}
    for (b, _), lines in found.items():
        at = _at_usual_height(lines)
        if len(at) >= 3:
            out.update((id(ln), "running header" if b == "top" else "running footer") for ln in at)
    return out


_T = TypeVar("_T")


def _at_usual_height(found: list[tuple[float, _T]]) -> list[_T]:
    """Of lines found at some height on each page (height, line), those within 2 pt of the median
    height: a template sets its running lines at one height, and a page's stray match elsewhere."""
    mid = sorted(t for t, _ in found)[len(found) // 2]
    return [x for t, x in found if abs(t - mid) <= 2]
