"""The title a paper's cover prints where no label names it: the heading under "Report of ...", a
"Report on ..." heading, the run of headings on the cover, or the text in its largest type."""

from __future__ import annotations

import re

from ingest.document.metadata.councils import (
    council_names,
    own_line,
    place_name,
    split_council_name,
)
from ingest.document.metadata.dates import MONTH_YEAR, find_dates
from ingest.document.metadata.headings import (
    ASSESSMENT_LINE,
    COMMITTEE_END,
    CONTINUES,
    LABEL,
    NOT_TITLE,
    PAPER_TYPE_LINE,
    PAPER_WORD,
    REPORT_OF,
    REPORT_TYPE_LINE,
    acronym_only,
    appendix_name,
    dateless,
    is_generic,
    open_bracket,
    over_the_text,
    tidy_title,
    titleworthy,
)
from ingest.document.metadata.lines import Line, Reading, is_caps
from ingest.document.metadata.title_lines import (
    TITLE_SCALE,
    body_size,
    is_date_line,
    joined,
    short_lines,
)


def cover_title(lines: list[Line], publisher: str | None, keep: set[str]) -> Reading | None:
    """The title a cover prints, where no label names it: the rules that read the cover's lines in
    order (under "Report of ...", a "Report on ..." heading, the run of headings), or its largest
    type. The largest type wins unless those rules found a title that holds its words: then theirs
    is the fuller one (the council's name over it, the paper's type under it, set smaller)."""
    large = _largest_type(lines, publisher, keep)
    other = _after_report_of(lines, publisher, keep) or _report_on(lines, keep) or _cover_heading(lines, publisher, keep)
    if large is None or other is not None and _folded(large[1]) in _folded(other.value):
        return other
    return large[0]


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).casefold()


def _largest_type(lines: list[Line], publisher: str | None, keep: set[str]) -> tuple[Reading, str] | None:
    """A cover's title is the text printed in its largest type, set well above the body text: the
    lines in that size one under another ("Bristol Bridge Signals" / "Junction and Car Park VMS" /
    "Project" at 32 pt), with the line under them in a smaller size, still well above the body, that
    says what the paper is ("Full Business Case" at 20 pt). The size decides, not the style: covers
    set their title in large plain type as often as in bold, and their labels, addresses and authors
    in bold body type. Only where the PDF gives sizes (Block.size). A run in that size that is the
    committee's name ("Regeneration, Community and Culture" / "Overview and Scrutiny Committee") or a
    date is passed over for the next; a council's name or a generic word set largest leaves the title
    to the other rules."""
    page = next((ln.sheet for ln in lines if ln.sheet is not None), None)
    cover = [ln for ln in lines if ln.sheet == page and ln.size]
    if page is None or len(cover) < 3:
        return None
    body = body_size(lines)
    if body is None:
        return None
    top = max(ln.size or 0.0 for ln in cover)
    if top < TITLE_SCALE * body:
        return None
    k = 0
    while k < len(cover):
        first = cover[k]
        if first.size != top or is_date_line(first.text):
            k += 1
            continue
        if not titleworthy(first, publisher) or LABEL.match(first.text) or first.text.rstrip().endswith((".", ";")):
            return None  # furniture, a label or a sentence set largest: no title in the large type
        parts = [first]
        for nxt in lines[first.index + 1:first.index + 6]:
            if nxt.sheet != page or nxt.size != top or NOT_TITLE.search(nxt.text) or LABEL.match(nxt.text) or is_date_line(nxt.text):
                break
            parts.append(nxt)
        text = tidy_title(" ".join(p.text for p in parts), keep)
        if COMMITTEE_END.search(dateless(text)) and len(text.split()) <= 14:
            k = cover.index(parts[-1]) + 1  # the meeting's name over its report's title
            continue
        got = _large_title(lines, parts, body, top, publisher, keep)
        return (got, text) if got is not None else None
    return None


def _large_title(lines: list[Line], parts: list[Line], body: float, top: float, publisher: str | None, keep: set[str]) -> Reading | None:
    first = parts[0]
    # The lines under, in smaller type but still well above the body's, naming what the paper is: the
    # first whatever it says ("Full Business Case"), a second only as the paper's type ("Nottingham's
    # Workplace Parking Levy" / "10 Year Impact Report"); never a date ("Adopted February 2025") nor
    # the council's name.
    subtitles: list[Line] = []
    for after in lines[parts[-1].index + 1:parts[-1].index + 3]:
        if after.sheet != first.sheet or after.size is None or not TITLE_SCALE * body <= after.size < top \
                or len(after.text.split()) > 8 or not titleworthy(after, publisher) or find_dates(after.text) or MONTH_YEAR.search(after.text) \
                or subtitles and not REPORT_TYPE_LINE.match(after.text.strip()) and not PAPER_TYPE_LINE.match(after.text.strip()):
            break
        subtitles.append(after)
    # A plan's name over the assessment of it the paper is, set alike ("Watford Local Plan Proposed
    # Modifications" / "Sustainability Appraisal Report" / "Non-Technical Summary"): named as its parts.
    named = next((k for k in range(1, len(parts)) if ASSESSMENT_LINE.match(parts[k].text.strip())), len(parts))
    text = tidy_title(" ".join(p.text for p in parts[:named]), keep).rstrip(".")
    if named < len(parts):
        text = f"{text}: " + ", ".join(tidy_title(p.text, keep) for p in parts[named:])
    if len(re.findall(r"[A-Za-z]{2,}", text)) < 2:
        return None
    if subtitles:
        text = f"{text}: " + " ".join(tidy_title(p.text, keep) for p in subtitles)
    text = re.sub(r"(\b\S+)(?:\s+\1)+$", r"\1", text)  # years printed twice, as a cover's design
    return Reading(text[:200], first, 0.7, "the cover's largest type")


_YEARS = re.compile(r"^(?:19|20)\d{2}(?:\s*[-/–]\s*(?:19|20)?\d{2})?$")


def _cover_heading(lines: list[Line], publisher: str | None, keep: set[str]) -> Reading | None:
    """The first run of headings on the cover that could be a title, joined when it is printed
    over several lines ("SEASHELLS AND MILLMEAD FAMILY" / "HUB CONSULTATION"; "Civil Enforcement" /
    "Annual Report" / "2023-2024"). The committee's name and the council's, even set over two
    lines, are not it. A cover with no heading at all is named by its opening line."""
    page = next((ln.sheet for ln in lines if ln.sheet is not None), None)
    heads = [ln for ln in lines[:30] if ln.heading and (ln.sheet is None or page is None or ln.sheet <= page + 1)]
    if lines and not any(h.sheet == page for h in heads):
        # A council's name over the title ("Exampleshire Council" / "Gypsy and Traveller Accommodation" /
        # "Assessment (GTAA)"): the title is the next line, and the council names whose study it is.
        council = own_line(lines[0]) if len(lines) > 1 and lines[1].sheet == lines[0].sheet else None
        if council and len(council) < len(tidy_title(lines[0].text, set())) - 2:
            council = None  # "Example Community Council – Annual Report from the Chair": the title itself
        first = lines[1] if council else lines[0]
        if len(first.text.split()) <= 10 and not first.text.rstrip().endswith((".", ":", ";")) and not NOT_TITLE.search(first.text) \
                and not LABEL.match(first.text) and (
                titleworthy(first, publisher) or is_generic(first.text) and re.search(r"[a-z]{3}", first.text.lower())):
            # A title broken mid-phrase runs on to the next line ("Sustainability Appraisal (SA) of" / "the ... Local Plan");
            # one set large a few words a line runs on while its lines stay short.
            text, parts = first.text, [first]
            for nxt in lines[first.index + 1:first.index + (4 if council else 3)]:
                if nxt.sheet != first.sheet or len(nxt.text.split()) > 10 or NOT_TITLE.search(nxt.text) or LABEL.match(nxt.text) \
                        or not (CONTINUES.search(text) or council and short_lines(parts, nxt)):
                    break
                text, parts = f"{text} {nxt.text}", [*parts, nxt]
            # A plan's name over the stage it is at ("LOCAL PLAN for" / "Exampleshire" / "Draft Plan Consultation -
            # Development Management Policies Part B"): which part of the plan, at which stage, is this paper.
            for nxt in lines[parts[-1].index + 1:parts[-1].index + 3]:
                if nxt.sheet != first.sheet or not _PLAN_NAME.search(text) or len(nxt.text.split()) > 12 or is_date_line(nxt.text) \
                        or NOT_TITLE.search(nxt.text) or not (_STAGE.match(nxt.text) or nxt.text.lstrip()[:1] in "-–" or CONTINUES.search(text)):
                    break
                text, parts = f"{text} {nxt.text}", [*parts, nxt]
            # A plan's name over the report on its year ("One Example Plan" / "Annual Performance Report 2020-2021").
            under = lines[parts[-1].index + 1] if parts[-1].index + 1 < len(lines) else None
            if under is not None and under.sheet == first.sheet and re.search(r"\b(?:plan|strategy|programme)$", text, re.I) \
                    and _REPORT_ON_IT.match(under.text.strip()) and len(under.text.split()) <= 8:
                text, parts = f"{text} {under.text}", [*parts, under]
            text = tidy_title(text, keep)
            if council and place_name(council).lower() not in text.lower():
                text = f"{council}: {text}"
            return Reading(text, first, 0.55, "the cover's opening line" + (", under the council's name" if council else ""))
    opening = over_the_text(lines, publisher)
    if opening is not None:
        return opening
    k = 0
    generic: Line | None = None  # "Decision Recording Form": a title to qualify, if the cover has no other
    while k < len(heads):
        ln = heads[k]
        if split_council_name(lines, ln.index):
            k += 2
            continue
        if generic is None and _generic_part(ln.text) and ln.sheet == page:
            generic = ln
        if not titleworthy(ln, publisher) or COMMITTEE_END.search(dateless(tidy_title(ln.text, keep))) and len(ln.text.split()) <= 8:
            k += 1
            continue
        if re.match(r"^(?:\d+(?:\.\d+)*|[A-Z])[.)]?\s", ln.text):
            break  # a numbered section: the body has begun, and the cover had no title
        parts = [ln]
        # A cover that holds nothing but its title and date, whose title stops mid-phrase or on a colon
        # ("TEWKESBURY BOROUGH PLAN:" / "Pre-Submission" / "Regulation 19 Consultation" / "EQUALITY AND
        # ..."), carries on to the date however its lines change case; a complete title in one style
        # over a subtitle in another ("LOCAL" / "DEVELOPMENT" / "SCHEME" / "Fenland New Local Plan") does not.
        cover_only, carried = _title_page(lines, ln), False
        for nxt in heads[k + 1:k + (8 if cover_only else 5)]:
            if nxt.index != parts[-1].index + 1 or nxt.sheet != ln.sheet:
                break
            if _YEARS.match(nxt.text.strip()):
                parts.append(nxt)  # the years a title is for, on a line of their own
                # A cover set all in one type names the part of the paper under its years ("Budget Book" /
                # "2015/16" / "Capital Programme"): that is the title's too; a line in another type is not.
                part = heads[k + 2 + heads[k + 1:].index(nxt)] if nxt is not heads[-1] else None
                if part is not None and part.index == nxt.index + 1 and part.sheet == ln.sheet and ln.size is not None \
                        and part.size == ln.size == nxt.size and titleworthy(part, publisher) and not is_date_line(part.text) \
                        and not _YEARS.match(part.text.strip()):
                    parts.append(part)
                break
            # A line of the title may be a generic word ("Annual Report"), never furniture.
            if not (titleworthy(nxt, publisher) or _generic_part(nxt.text)):
                named = appendix_name(heads, k + 1 + heads[k + 1:].index(nxt), publisher)
                if named is not None:  # "City Plan 2036" / "Integrated Impact Assessment" / "Appendix 7" / "Policy Stories"
                    parts += named
                break
            carried = carried or cover_only and bool(CONTINUES.search(parts[-1].text))
            if carried:
                if is_date_line(nxt.text):
                    break  # the cover's date closes the title: it is the paper's date, not part of its name
                parts.append(nxt)
                continue
            if is_caps(nxt.text) != is_caps(ln.text):
                break
            if not is_caps(ln.text) and not (CONTINUES.search(parts[-1].text) or open_bracket(" ".join(p.text for p in parts))
                                             or nxt.text[:1].islower() or short_lines(parts, nxt)):
                break
            parts.append(nxt)
        after = lines[parts[-1].index + 1] if parts[-1].index + 1 < len(lines) else None
        if after is not None and not after.heading and after.sheet == ln.sheet and (
                PAPER_TYPE_LINE.match(after.text.strip()) or REPORT_TYPE_LINE.match(after.text.strip()) and not is_generic(after.text)
                or acronym_only(parts) and titleworthy(after, publisher) and PAPER_WORD.search(after.text) and len(after.text.split()) <= 15):
            # The paper's type under its name, in a smaller style ("Wharf Road" / "Supplementary Planning Document",
            # "Exampleton's Parking Levy" / "10 Year Impact Report"), or what a body set as a logo word reports
            # ("BSWN" / "1 year report on Connecting People in Communities Funding"), which keeps its capitals.
            if acronym_only(parts):
                keep = keep | {parts[0].text.strip()}
            parts.append(after)
        assessed = _assessment_lines(lines, parts[-1])
        mixed = len({is_caps(p.text) for p in parts}) > 1 and not (len(parts) == 2 and acronym_only(parts[:1]))
        text = _mixed_title(parts, keep) if mixed else tidy_title(" ".join(p.text for p in parts), keep)
        text = re.sub(r"(\b\S+)(?:\s+\1)+$", r"\1", text)  # years printed twice, as a cover's design ("... Report 2012-2022 2012-2022")
        if assessed:  # "Watford Local Plan Proposed Modifications: Sustainability Appraisal Report, Non-Technical Summary"
            text = f"{text}: " + ", ".join(tidy_title(a.text, keep) for a in assessed)
            parts += assessed
        if len(parts) > 1 and COMMITTEE_END.search(dateless(text)) and len(text.split()) <= 14:
            k += len(parts)  # the committee's name over two lines ("REGENERATION, COMMUNITY AND CULTURE" / "OVERVIEW AND SCRUTINY COMMITTEE")
            continue
        return Reading(text[:200], ln, 0.7 if len(text.split()) >= 3 else 0.5, "the cover's heading")
    return Reading(tidy_title(generic.text, keep), generic, 0.5, "the cover's heading") if generic is not None else None


def _assessment_lines(lines: list[Line], last: Line) -> list[Line]:
    """The lines under a plan's name that say which assessment of it the paper is ("Buckinghamshire
    Local Plan" / "Habitats Regulations Assessment Regulation 18"), in whatever style they are set."""
    out: list[Line] = []
    i = last.index + 1
    while i < len(lines) and len(out) < 3 and lines[i].sheet == last.sheet and ASSESSMENT_LINE.match(lines[i].text.strip()) \
            and len(lines[i].text.split()) <= 8:
        out.append(lines[i])
        i += 1
    return out


def _mixed_title(parts: list[Line], keep: set[str]) -> str:
    """A title whose lines are set in capitals and in ordinary case, each tidied as its own line; a
    change of case starts a new part of the title ("... Regulation 19 Consultation, Equality and ...")."""
    text = ""
    for i, p in enumerate(parts):
        piece = tidy_title(p.text, keep) + (":" if p.text.rstrip().endswith(":") else "")
        if i and is_caps(p.text) != is_caps(parts[i - 1].text) and not text.endswith((":", ",", ";", "-", "–")):
            text += ","
        text = f"{text} {piece}" if text else piece
    return " ".join(text.split()).rstrip(":")


def _title_page(lines: list[Line], first: Line) -> bool:
    """Whether `first` opens a cover page of headings alone, ending in its date: every line of its
    page from it on is a heading, and the last is a date or the years."""
    page = [ln for ln in lines if ln.sheet == first.sheet and ln.index >= first.index]
    if not 3 <= len(page) <= 10 or not all(ln.heading for ln in page):
        return False
    return bool(_YEARS.match(page[-1].text.strip()) or is_date_line(page[-1].text))


def _generic_part(text: str) -> bool:
    return is_generic(text) and bool(re.search(r"[a-z]{3}", text.lower())) and not NOT_TITLE.search(text) and not council_names(text)


def _after_report_of(lines: list[Line], publisher: str | None, keep: set[str]) -> Reading | None:
    for i, ln in enumerate(lines[:30]):
        if REPORT_OF.match(ln.text):
            for j in range(i + 1, min(i + 4, len(lines))):
                if titleworthy(lines[j], publisher):
                    text, _ = joined(lines, j, keep)
                    return Reading(text, lines[j], 0.8, "the heading under 'Report of ...'")
    return None


# The stage a plan's paper is at, printed under the plan's name.
_REPORT_ON_IT = re.compile(r"^(?:annual\s+)?(?:performance|progress|delivery|monitoring)\s+report\b", re.I)
_STAGE = re.compile(r"^(?:draft|pre-submission|submission|proposed|publication|regulation\s+1[89]|consultation|examination)\b", re.I)


_PLAN_NAME = re.compile(r"\b(?:local|borough|district|city|county|neighbourhood|minerals|waste|transport|core)\s+plan\b|\bplan for\b", re.I)


def _report_on(lines: list[Line], keep: set[str]) -> Reading | None:
    """A report that names itself under the lines saying whom it is to and by ("Report to Exampleton
    Borough Council" / "by A Person" / "Report on the Examination of the" / "Exampleton Local Plan"),
    as a planning inspector's report does: its "Report on ..." heading is its title."""
    for i, ln in enumerate(lines[:30]):
        if ln.heading and ln.within(1) and re.match(r"^report on (?:the )?\w", ln.text, re.I) and len(ln.text.split()) <= 15:
            text, _ = joined(lines, i, keep)
            return Reading(text, ln, 0.8, "the cover's 'Report on ...' heading")
    return None
