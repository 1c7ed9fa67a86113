"""Dates as councils print them, and which of a paper's dates is the one it is cited by.

Finding a date is a pattern (where a date is, in any of the printed forms); reading it is
python-dateutil's job (weekdays, ordinals, commas, abbreviations, day-first or month-first).
Which date counts is decided by what is printed around it ("Date of meeting", "held on",
"Report published", "Inspection dates", a date alone on a letter's line) and where it stands
(before the first agenda item, or in the minutes of the last meeting), weighed per kind.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateutil import parser as dateparser

from ingest.document.metadata.classify import is_salutation
from ingest.document.metadata.kinds import AGENDA_KINDS, LETTER_KINDS, MEETING_KINDS, DocumentKind
from ingest.document.metadata.lines import Line, Reading, head_lines

if TYPE_CHECKING:
    from ingest.model import Block

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_DAY = r"(?:[0-3]?\d)(?:\s?(?:st|nd|rd|th))?"
_YEAR = r"(?:19|20)\d{2}"
DMY = re.compile(rf"\b{_WEEKDAY}?(?:the\s+)?{_DAY}(?:\s+of)?[\s,]+{_MONTH},?\s+{_YEAR}\b", re.I)
MDY = re.compile(rf"\b{_WEEKDAY}?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)
NUMERIC = re.compile(r"(?<![\d./-])(?:[0-3]?\d/[01]?\d/(?:\d{4}|\d{2})|[0-3]?\d-[01]?\d-\d{4}|[0-3]?\d\.[01]?\d\.\d{4}|"
                     r"[0-3]\d\.[01]\d\.\d{2})(?![\d./-])")
# "9 January to 2 February 2017", "9-20 January 2017", "01 April 2016 to 31 March 2017"
RANGE = re.compile(rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:,?\s+(?P<y1>{_YEAR}))?\s*(?:-|–|—|to|until|and)\s*"
                   rf"{_WEEKDAY}?(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b", re.I)
NUMERIC_RANGE = re.compile(rf"({NUMERIC.pattern})\s*(?:-|–|—|to|until|and)\s*({NUMERIC.pattern})")
# A Welsh date, on a bilingual or Welsh-language paper: "14eg Mawrth 2018", "y 1af Ionawr 2019" (the
# day's ordinal ending: 1af, 2il, 3ydd, 5ed, 7fed, 11eg, 21ain).
_WELSH_MONTHS = ("ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi", "hydref", "tachwedd", "rhagfyr")
WELSH_DMY = re.compile(rf"\b(?P<d>[0-3]?\d)(?:af|ail|il|ydd|ed|eg|fed|ain)?\s+(?P<m>{'|'.join(_WELSH_MONTHS)}),?\s+(?P<y>{_YEAR})\b", re.I)
# Financial and academic years: "2018/19", "2016-17", "2019/2020"; not an ISO date's "2017-03".
FINANCIAL_YEAR = re.compile(rf"(?<![\d/-])({_YEAR})\s?[/-]\s?(\d{{4}}|\d{{2}})(?![\d/-])")


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int
    end: int


def read_date(text: str, dayfirst: bool = True) -> str | None:
    """One printed date as ISO, or None if it is not a real date ("30 February 2020")."""
    cleaned = re.sub(r"(?<=\d)\s+(st|nd|rd|th)\b", r"\1", text.replace("\u2019", "'"))
    cleaned = re.sub(r"\bthe\s+|\s+of\b", " ", cleaned, flags=re.I)
    try:
        got = dateparser.parse(cleaned, dayfirst=dayfirst, default=dt.datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    if not 1900 <= got.year <= 2100:
        return None
    return got.date().isoformat()


_DIGIT = re.compile(r"\d")


def find_dates(text: str, american: bool = False) -> list[FoundDate]:
    """Every full date printed in `text`, in order. Numeric dates are day-first unless the paper is American."""
    spans: list[FoundDate] = []
    if not _DIGIT.search(text):
        return spans
    taken: list[tuple[int, int]] = []
    for rx in (DMY, MDY, NUMERIC):
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            iso = read_date(m.group(0), dayfirst=not (american and rx is NUMERIC))
            if iso:
                spans.append(FoundDate(iso, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    for m in WELSH_DMY.finditer(text):
        month = _WELSH_MONTHS.index(m["m"].lower()) + 1
        try:
            iso = dt.date(int(m["y"]), month, int(m["d"])).isoformat()
        except ValueError:
            continue  # "31 Chwefror": no such day
        if not any(s < m.end() and m.start() < e for s, e in taken):
            spans.append(FoundDate(iso, m.start(), m.end()))
    return sorted(spans, key=lambda f: f.start)


def is_american(lines: list[Line]) -> bool:
    """More "March 4, 2025" than "4 March 2025": the paper writes month first, so 03/04 is March."""
    text = " ".join(ln.text for ln in lines[:80])
    return len(MDY.findall(text)) > len(DMY.findall(text))


def find_range(text: str, american: bool = False) -> tuple[str, str] | None:
    """The first span of dates in `text`, as ISO (start, end)."""
    m = RANGE.search(text)
    if m:
        end = read_date(f"{m['d2']} {m['m2']} {m['y2']}")
        month1 = m["m1"] or m["m2"]
        year1 = m["y1"] or m["y2"]
        start = read_date(f"{m['d1']} {month1} {year1}")
        if start and end and start > end and not m["y1"]:
            start = read_date(f"{m['d1']} {month1} {int(year1) - 1}")
        if start and end and start <= end:
            return start, end
    n = NUMERIC_RANGE.search(text)
    if n:
        start, end = read_date(n.group(1), not american), read_date(n.group(2), not american)
        if start and end and start <= end:
            return start, end
    return None


def financial_year(text: str) -> str | None:
    """"2018/19" -> "2018-04-01/2019-03-31" (a council's year runs April to March); a span of
    several years ("2025-29") -> "2025/2029"."""
    for m in FINANCIAL_YEAR.finditer(text):
        first, second = int(m.group(1)), m.group(2)
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last == first + 1:
            return f"{first}-04-01/{last}-03-31"
        if first + 1 < last <= first + 10:
            return f"{first}/{last}"
    return None


# ------------------------------------------------------------------ which date counts

_PUBLISHED = re.compile(r"\b(?:report )?published\b|\bpublication date\b|\bdate of publication\b", re.I)
_INSPECTION = re.compile(r"\binspection dates?\b|\bdates? of (?:the )?inspection\b|\binspected (?:on|between|from)\b|\binspection took place\b", re.I)
# In Welsh: "CYFARFOD 14eg MAWRTH 2018" (meeting), "Cynhaliwyd cyfarfod ... ar y" (a meeting was held
# on); "cofnodion y cyfarfod blaenorol" (the minutes of the previous meeting).
_MEETING = re.compile(r"\bdate of (?:the )?(?:meeting|committee|decision|cabinet|panel|board)\b|\bmeeting date\b|\bmeeting\s*:|"
                      r"\bheld\b|\bdate\s*:|^date\b|^to\s*:|\bmeeting on\b|\bcyfarfod\s*:?\s*$|\bcynhaliwyd\b", re.I)
_PREVIOUS = re.compile(r"\bminutes of the (?:last |previous )?meeting\b|\b(?:previous|last) meeting\b|\bcorrect record\b|"
                       r"\btrue record\b|\bminutes of the meetings?\b.*\bheld on\b|\bcyfarfod (?:blaenorol|diwethaf)\b", re.I)
# The minutes' own heading, opening one of the paper's first lines ("Minutes of the Meeting of Example Community
# Council held at 7.30 p.m. ... on Thursday 18 November 1999", "Synopsis of the minutes of the meeting held on ..."),
# perhaps after the body's name: the meeting they record, not the last one they confirm.
_OWN_MINUTES = re.compile(r"^(?:[A-Z][\w'’-]*\s+){0,6}?(?:(?:synopsis|summary|extract)\s+of\s+(?:the\s+)?)?minutes?\s+of\s+(?:an?|the)\s+"
                          r"(?:[\w-]+\s+){0,3}?meeting\b(?!.*\b(?:previous|last)\b)", re.I)
# "Signed ... Dated": minutes are signed as a true record at the next meeting, so the date they
# are signed on is that meeting's, not theirs.
_LATER_USE = re.compile(r"\b(?:until|expires?|expiry|end date|ends? on|deadline|by no later than|no later than|due by|contract|"
                        r"signed)\b", re.I)
# The next meeting's date ("Date of next meeting: 30th July 2018") is the next paper's, not this one's;
# not an agenda's summons to it ("Notice of the next meeting of the Council to be held on ...").
_NEXT_MEETING = re.compile(r"\bnext meeting\b", re.I)
_SUMMONS_TO_NEXT = re.compile(r"\bnotice of (?:the )?next meeting\b", re.I)
# A reference's "[Date Accessed: 01/05/20]", "[Accessed 9 July 2025]": the day a source was read,
# never the paper's date.
_ACCESSED = re.compile(r"\b(?:accessed|retrieved)(?:\s+on)?\s*:?\s*$", re.I)
_REPORT_DATE = re.compile(r"\bdate of (?:the )?report\b|\breport date\b|\bdated\b|\bdate\s*:", re.I)
_ITEM_START = re.compile(r"^\(?item\s+\d+\)?$|^\d{1,3}[.)]?\s+(?:apologies|declarations?|minutes|welcome|introductions?|chair)|"
                         r"^(?:apologies|declarations? of interests?)\b|^(?:un)?restricted items\b|^part [1i]\b|^summary\b|"
                         r"^purpose of (?:the )?report\b|^1\.?\s+(?:introduction|purpose|summary|background|recommendations?)\b", re.I)


def first_item(lines: list[Line]) -> int:
    """Where the business begins: the first agenda item, the first numbered paragraph of a report.
    Dates before it are the cover's; after it they are what the paper is about."""
    for ln in lines:
        if _ITEM_START.search(ln.text):
            return ln.index
    return len(lines)


def _early(ln: Line, start: int) -> bool:
    return ln.index < start and ln.index < 40 and ln.within(2)


# A date's label in the middle of a line, after the line's other words ("Minutes of 14 January 2024
# Date : 11 February 2024", "Period covered: January 2023 Date : June 2023"); forms print it with a
# space before the colon.
_DATE_LABEL = re.compile(r"\b(?:date(?: of (?:the )?(?:report|assessment|publication|issue))?|dated|published|issued)\s*:\s*", re.I)


def own_label(before: str) -> str:
    """The text that labels a date, of the text before it on its line: from the last "Date :" label on
    where a date or a month stands before that label (the label binds to the date after it, not to
    the earlier one's words); else all of it ("Signed ... Date:" keeps its signature)."""
    labels = list(_DATE_LABEL.finditer(before))
    if not labels:
        return before
    label = labels[-1]
    head = before[:label.start()]
    return before[label.start():] if MONTH_YEAR.search(head) or find_dates(head) else before


def _context(ln: Line, found: FoundDate, previous: Line | None) -> str:
    before = own_label(ln.text[: found.start])
    # A date alone on its line takes the label printed on the line before it ("Date of meeting").
    if not before.strip(" ,:-–") and previous is not None and len(previous.text) < 60 and not find_dates(previous.text):
        before = previous.text + " " + before
    if _ACCESSED.search(before):
        return "accessed"
    if _PREVIOUS.search(before) and not (ln.index < 3 and ln.within(1) and _OWN_MINUTES.match(before)):
        return "previous"
    if _PUBLISHED.search(before):
        return "published"
    if _INSPECTION.search(before):
        return "inspection"
    if _LATER_USE.search(before[-60:]) or _NEXT_MEETING.search(before[-60:]) and not _SUMMONS_TO_NEXT.search(before):
        return "later"
    if _MEETING.search(before):
        return "meeting"
    if _REPORT_DATE.search(before) or _ADOPTED_ON.match(before):
        return "dated"
    return "alone" if len(ln.text) <= found.end - found.start + 4 else "plain"


_WEIGHTS: dict[str, dict[str, float]] = {
    # kind group -> context -> confidence, when the date is in the cover (before the first item)
    "meeting": {"meeting": 0.95, "dated": 0.9, "alone": 0.85, "plain": 0.8, "published": 0.5, "inspection": 0.3, "later": 0.1, "previous": 0.05},
    "inspection": {"published": 0.95, "inspection": 0.85, "dated": 0.6, "alone": 0.5, "meeting": 0.5, "plain": 0.35, "later": 0.1, "previous": 0.05},
    "letter": {"alone": 0.9, "dated": 0.9, "meeting": 0.4, "plain": 0.5, "published": 0.6, "inspection": 0.3, "later": 0.1, "previous": 0.05},
    "other": {"published": 0.9, "meeting": 0.85, "dated": 0.85, "alone": 0.75, "plain": 0.5, "inspection": 0.4, "later": 0.1, "previous": 0.05},
}


def _group(kind: DocumentKind) -> str:
    if kind in MEETING_KINDS:
        return "meeting"
    if kind is DocumentKind.INSPECTION_REPORT:
        return "inspection"
    if kind in LETTER_KINDS:
        return "letter"
    return "other"


# A consultant's record of the paper's own drafts, on its cover's back: "Revision History", "Quality
# Management", "Document Control", "Issue/revision", "Version control".
_DRAFTS_HEAD = re.compile(r"^(?:revision (?:history|record|schedule)|version (?:control|history)|document (?:control|history|status)|"
                          r"quality (?:management|information|assurance|control)|issue (?:record|history|status|and revision record)|"
                          r"issue\s*/\s*revision|amendment (?:history|record)|change (?:log|record|history))\b", re.I)
_DRAFTS_ROWS = 15  # lines of such a table read as its rows


def drafts_lines(lines: list[Line]) -> set[int]:
    """The lines that list the dates of a paper's drafts, not its own date: the rows under a
    "Revision History" or "Quality Management" heading (on its page), and any line holding two or
    more dates that are not a span ("Date 14.01.21 26.07.21 25.05.22", a revision table's row)."""
    out: set[int] = set()
    for i, ln in enumerate(lines):
        if _DRAFTS_HEAD.match(ln.text.strip()):
            out.update(x.index for x in lines[i:i + _DRAFTS_ROWS] if x.sheet == ln.sheet)
        elif len(find_dates(ln.text)) >= 2 and find_range(ln.text) is None:
            out.add(ln.index)
    return out


# A plan's cover stamped with the day it was adopted ("Adopted 28 September 2007"): the plan's own date,
# as a "Dated" line is a paper's.
_ADOPTED_ON = re.compile(r"^\s*adopted(?:\s+on)?\s*:?\s*$", re.I)
_DATE_ALONE = re.compile(r"^\s*date\s*:?\s*$", re.I)


def choose_date(lines: list[Line], kind: DocumentKind, american: bool = False) -> Reading | None:
    """The date the paper is cited by, with how sure that is: the meeting's for minutes, agendas
    and reports, the publication's for an inspection (else its last day), the letter's own."""
    start = first_item(lines)
    weights = _WEIGHTS[_group(kind)]
    # A plan's or study's drafts, listed in its revision table, are not its date (a meeting's
    # papers and letters print no such table, and may list several dates on a line).
    drafts = drafts_lines(lines) if _group(kind) == "other" else set()
    # A letter's own date stands above its salutation, with the address (which may run on into it).
    dear = next((ln.index for ln in lines[:60] if is_salutation(ln.text)), -1) if kind in LETTER_KINDS else -1
    best: Reading | None = None
    for i, ln in enumerate(lines):
        if ln.index in drafts:
            continue
        for found in find_dates(ln.text, american):
            context = _context(ln, found, lines[i - 1] if i else None)
            if context == "accessed":
                continue
            score = weights[context]
            if context == "meeting" and kind is DocumentKind.INSPECTION_REPORT and _DATE_ALONE.match(ln.text[:found.start]) \
                    and not ln.text[found.end:].strip(" .,"):
                # "Date 12 September 2018", the label and the date alone: an inspector's report's own date, under
                # the inspector's name (an Ofsted report labels its dates "Inspection dates"), not a meeting's.
                context, score = "the report's", 0.9
            if ln.index < dear and context in ("plain", "alone", "dated"):
                context, score = "the letter's", 0.9
            if context == "inspection":
                span = find_range(ln.text[found.start:], american) or find_range(ln.text, american)
                if span and span[1] != found.iso:
                    continue  # the first day of an inspection: its last day is the one that counts
            early = _early(ln, start)
            if not early:
                # Past the cover only a labelled date still speaks for the paper; the rest are
                # what the paper is about (a contract's end, the last meeting's minutes).
                score = score * 0.7 if context in ("meeting", "published", "inspection") and kind not in AGENDA_KINDS and kind is not DocumentKind.MINUTES else min(score, 0.3) * 0.9
            if kind in (DocumentKind.MINUTES, *AGENDA_KINDS) and context == "plain" and early and ln.index > 12:
                score = 0.5
            rule = f"{context} date" + ("" if early else ", after the cover")
            if best is None or score > best.confidence + 1e-9:
                best = Reading(found.iso, ln, round(score, 2), rule)
        if best is not None and best.confidence >= 0.95:
            break
    if kind in MEETING_KINDS and (best is None or best.confidence < 0.9):
        best = yearless_meeting(lines, american) or best
    return best


# A meeting's day printed without its year ("held on Monday 25th June at 7.00pm"): the weekday names it.
_YEARLESS_HELD = re.compile(rf"\bheld\s+on\s+(?:the\s+)?(?P<wd>{_WEEKDAY})(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})\b(?![,.]?\s*{_YEAR})", re.I)
_YEARS_PRINTED = re.compile(rf"(?<!\d){_YEAR}(?!\d)")


def yearless_meeting(lines: list[Line], american: bool = False) -> Reading | None:
    """The day minutes or an agenda say the meeting was held, printed with its weekday but no year, in
    the year the paper's other dates are of where only one of those years has that day on that weekday
    (25 June was a Monday in 2018, not 2017 or 2019). Years of full dates printed (and those beside them)
    are tried first, then any year printed (a planning reference's "DC/2018/00554"); none is guessed past them."""
    held = next(((ln, m) for ln in lines[:15] if ln.within(1) and (m := _YEARLESS_HELD.search(ln.text))), None)
    if held is None:
        return None
    ln, m = held
    printed = [int(d.iso[:4]) for x in lines for d in find_dates(x.text, american)]
    tokens = [int(y) for x in lines for y in _YEARS_PRINTED.findall(x.text)]
    # A full date's year and the years beside it (minutes of December print January's next meeting);
    # a bare year only as printed.
    for years, spread in ((printed, (-1, 0, 1)), (tokens, (0,))):
        near = {y + k for y in years for k in spread}
        fits = sorted({iso for y in near if (iso := _on_weekday(m["d"], m["m"], y, m["wd"])) is not None})
        if len(fits) == 1:
            return Reading(fits[0], ln, 0.9, "the meeting's day and weekday, in the year of the paper's other dates")
        if fits:
            return None  # the weekday fits more than one of the years printed: no year is sure
    return None


def _on_weekday(day: str, month: str, year: int, weekday: str) -> str | None:
    """The date's ISO form if that day of that month falls on that weekday in that year."""
    iso = read_date(f"{day} {month} {year}")
    if iso is None:
        return None
    return iso if dt.date.fromisoformat(iso).strftime("%A")[:3].lower() == weekday.strip(" ,.").lower()[:3] else None


_PERIOD_WORDS = re.compile(r"\b(?:period|covers|covering|reporting year)\b", re.I)
_CONSULTATION_RUN = re.compile(r"\bconsultation\b.*\b(?:from|between|launched|ran|open(?:ed)?|until|to)\b", re.I)


def choose_period(lines: list[Line], kind: DocumentKind, title: str = "", american: bool = False) -> tuple[str, Line | None] | None:
    """The period a paper speaks for: a reporting period, an inspection's dates, a consultation's
    run, or a financial year in an annual report's title."""
    context = {DocumentKind.INSPECTION_REPORT: _INSPECTION, DocumentKind.CONSULTATION_REPORT: _CONSULTATION_RUN}.get(kind, _PERIOD_WORDS)
    for ln in lines:
        if not context.search(ln.text):
            continue
        span = find_range(ln.text, american)
        if span is None and kind is DocumentKind.CONSULTATION_REPORT:
            # "launched on 30 July 2024, lasting just under 8 weeks until 22 September 2024"
            found = find_dates(ln.text, american)
            if len(found) >= 2 and found[0].iso < found[-1].iso:
                span = (found[0].iso, found[-1].iso)
        if span:
            return f"{span[0]}/{span[1]}", ln
    if kind in (DocumentKind.ANNUAL_REPORT, DocumentKind.STRATEGY_OR_PLAN):
        fy = financial_year(title)
        if fy:
            return fy, None
        for ln in lines[:30]:
            fy = financial_year(ln.text)
            if fy and (ln.heading or _PERIOD_WORDS.search(ln.text)):
                return fy, ln
    return None


# "October 2023"; "October, 2023"; "October: 2023" (a cover's words set apart, read back with a stray mark).
MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})[,:]?\s+(?P<y>{_YEAR})\b", re.I)


_ENDS_ON_MONTH = re.compile(MONTH_YEAR.pattern + r"[\s.]*$", re.I)
# The month a form's template was last revised ("Template reviewed June 2023"), not the paper's.
_TEMPLATE = re.compile(r"\btemplate\b|\bform (?:version|revised|updated)\b", re.I)
# A month labelled as the paper's date ("Date: May 2025", "Published March 2024").
_VERSION_MONTH = re.compile(r"\b(?:version|issue|v)\s*\d+(?:\.\d+)*\s*[:,–-]?\s*" + MONTH_YEAR.pattern + r"[\s.]*$", re.I)
_FOOTER_MONTH = re.compile(r"\S\s*[–—|-]\s*" + MONTH_YEAR.pattern + r"\s+page\s+\d+(?:\s+of\s+\d+)?$", re.I)
_BYLINE_MONTH = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){1,3}[–—-]\s+" + MONTH_YEAR.pattern)
_DATED_MONTH = re.compile(r"^(?:date(?: of (?:the )?(?:report|assessment|publication))?|dated|published|issued)\b\s*:?", re.I)


def cover_month(lines: list[Line]) -> tuple[str, Line] | None:
    """A month and year alone on the cover ("Consultation Draft: September 2025", "MARCH 2025"),
    as "2025-09": for a paper that prints no full date, the month it is dated by. One labelled as
    the paper's date ("Date: May 2025") comes before one that is not; a form's template's month never counts."""
    found: list[tuple[str, Line, bool]] = []
    for ln in lines[:12]:
        # A longer line ending on its month is the cover's title line or running header with its date
        # ("Exampleton Local Plan 2018-2036, Inspector's Report Appendix August 2022").
        ends = len(ln.text.split()) <= 16 and _ENDS_ON_MONTH.search(ln.text) is not None
        # A paper's version stamp in its running header ("... FAQs Version 2: January 2020") dates it, on the
        # page after a contents page too.
        stamp = ends and _VERSION_MONTH.search(ln.text) is not None and ln.within(2)
        if not (ln.within(1) or stamp) or len(ln.text.split()) > 8 and not ends or find_dates(ln.text) or _TEMPLATE.search(ln.text):
            continue
        # A month after a "Date :" label later in the line is the one labelled, not an earlier month's.
        label = own_label(ln.text)
        labelled = label != ln.text
        m = MONTH_YEAR.search(label if labelled else ln.text)
        if m:
            iso = read_date(f"1 {m['m']} {m['y']}")
            if iso:
                found.append((iso[:7], ln, labelled))
    best = next((f for f in found if f[2] or _DATED_MONTH.match(f[1].text)), found[0] if found else None)
    if best is None:
        # The first page's running footer, its month before the page number ("Example Service – October 2015 Page 1 of 9").
        footer = next(((ln, m) for ln in lines[:40] if ln.within(1) and len(ln.text.split()) <= 16
                       and (m := _FOOTER_MONTH.search(ln.text.strip()))), None)
        iso = read_date(f"1 {footer[1]['m']} {footer[1]['y']}") if footer else None
        if footer and iso:
            return iso[:7], footer[0]
        # A byline under the title, its author and month, run on into the text ("A Person – Oct 2025 In the past year ...").
        byline = next(((ln, m) for ln in lines[:3] if ln.within(1) and (m := _BYLINE_MONTH.match(ln.text.strip()))), None)
        iso = read_date(f"1 {byline[1]['m']} {byline[1]['y']}") if byline else None
        return (iso[:7], byline[0]) if byline and iso else None
    return best[0], best[1]


def last_page_month(blocks: list[Block]) -> tuple[str, Line] | None:
    """A month and year alone on a paper's back page ("November 2022", "Published March 2024"): a
    brochure's date, for a paper that prints none on its cover or in its text."""
    last = max((b.pdf_page for b in blocks if b.pdf_page is not None), default=None)
    if last is None or last == 1:
        return None
    for ln in head_lines([b for b in blocks if b.pdf_page == last]):
        text = re.sub(_DATED_MONTH, "", ln.text).strip(" .,")
        m = MONTH_YEAR.fullmatch(text)
        if m:
            iso = read_date(f"1 {m['m']} {m['y']}")
            if iso:
                return iso[:7], ln
    return None


def within_cover_month(lines: list[Line], guess: Reading | None, american: bool = False) -> Reading | None:
    """A paper dated on its cover by a month alone ("November 2023") is of that month: a weak guess
    from its text that falls in another month (a consultation's date, months before) gives way to
    a full date printed in the cover's month (the day it was adopted), else to the month itself."""
    month = cover_month(lines)
    # A date read past the cover from before the month the cover prints is the paper's history (a
    # timetable's "Regulation 18 published - 12 November 2018" in a scheme dated February 2025).
    history = guess is not None and guess.line is not None and guess.line.sheet != month[1].sheet and guess.value[:7] < month[0] \
        if month is not None else False
    if month is None or (guess is not None and not history and (guess.confidence >= 0.85 or guess.value[:7] == month[0])):
        return None
    drafts = drafts_lines(lines)
    for i, ln in enumerate(lines):
        if ln.sheet == month[1].sheet or ln.index in drafts:
            continue  # the cover's own lines (their dates were weighed already), a revision table's rows
        day = next((d for d in find_dates(ln.text, american) if d.iso[:7] == month[0]
                    and _context(ln, d, lines[i - 1] if i else None) not in ("later", "previous", "accessed")), None)
        if day is not None:
            return Reading(day.iso, ln, 0.6, "a date in the month the cover is dated by")
    return Reading(month[0], month[1], 0.5, "a month and year on the cover (no full date printed)")
