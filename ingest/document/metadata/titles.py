"""A paper's title as a person would cite it.

Minutes and agendas are cited by their meeting ("Cabinet minutes, 30 January 2025"); a report by
its "Subject:" or "Title:" line, else the heading under its cover block; an inspection by its
printed title with the authority; a letter by its subject line. Lines that only carry the
paper's furniture (a council's name, a person, an address, a telephone number, a web address, a
running header, a contents page, an agenda stamp) are never a title, and a title that is only a
generic word ("Annual Report", "Work Plan") is qualified with its body and date.
"""

from __future__ import annotations

import re
from collections import Counter
from textwrap import shorten

from ingest.document.metadata.body import council_meeting
from ingest.document.metadata.classify import (
    TO_SECRETARY_OF_STATE,
    is_salutation,
    meeting_record,
    public_business,
)
from ingest.document.metadata.councils import (
    COUNCIL_TYPE,
    council_names,
    own_line,
    split_council_name,
)
from ingest.document.metadata.dates import MONTH_YEAR, find_dates
from ingest.document.metadata.headings import (
    ASSESSMENT_LINE,
    COMMITTEE_END,
    CONTINUES,
    FORM_TITLE,
    LABEL,
    NOT_TITLE,
    PAPER_TYPE_LINE,
    PAPER_WORD,
    REPORT_OF,
    REPORT_TYPE_LINE,
    acronym_only,
    appendix_name,
    dateless,
    form_type,
    is_generic,
    open_bracket,
    over_the_text,
    tidy_title,
    titleworthy,
)
from ingest.document.metadata.kinds import AGENDA_KINDS, LETTER_KINDS, DocumentKind
from ingest.document.metadata.lines import (
    Line,
    Reading,
    is_caps,
)


def infer_title(lines: list[Line], kind: DocumentKind, *, body: str | None, date_text: str, publisher: str | None,
                subject: str | None, keep: set[str]) -> Reading:
    when = f", {date_text}" if date_text else ""
    if kind is DocumentKind.MINUTES:
        record = meeting_record(lines)
        if record is not None:  # a note of a meeting under its own title ("Proposed RPZ Meeting Report")
            return Reading(f"{tidy_title(record.text, keep)}{when}", record, 0.7, "a meeting's record: its printed title and date")
        meeting = council_meeting(lines) if body is not None and body == publisher else None
        if meeting:  # "Tintern Community Council extraordinary meeting minutes, 4 September 2018"
            return Reading(f"{body} {meeting} minutes{when}", None, 0.8, "minutes of the council's own meeting: which meeting, and its date")
        return Reading(f"{body or 'Meeting'} minutes{when}", None, 0.85 if body else 0.4, "minutes: the meeting and its date")
    if kind in AGENDA_KINDS:
        papers = public_business(lines)
        if papers is not None:  # "Public Questions and Mayor's Responses, Transport Committee, 27 March 2026"
            return Reading(f"{tidy_title(papers.text, keep)}{', ' + body if body else ''}{when}", papers, 0.8,
                              "the meeting's papers: their heading, the meeting and its date")
        return Reading(f"{body or 'Meeting'} {kind.value}{when}", None, 0.85 if body else 0.4, "an agenda: the meeting and its date")
    got = _labelled_title(lines, keep) or _inspection_title(lines, kind, keep) or _letter_title(lines, kind, keep) \
        or _cover_title(lines, publisher, keep)
    if got is None:
        first = next((i for i, ln in enumerate(lines) if titleworthy(ln, publisher)), None)
        got = Reading(shorten(_run_on(lines, first, publisher, keep), 120, placeholder=" …"), lines[first], 0.3, "the first line that could be a title") \
            if first is not None else Reading("Untitled paper", None, 0.1, "nothing printed could be a title")
    got = _appeal_named(got, lines, keep) or got
    if kind is DocumentKind.INSPECTION_REPORT and subject and _place(subject).lower() not in got.value.lower() \
            and not _NAMES_ITS_PLACE.search(got.value):
        got = Reading(f"{subject}: {got.value}", got.line, got.confidence, got.rule + ", with the authority inspected")
    if is_generic(got.value) or _qualify_annual(got.value, kind) or _only_paper_type(got.value):
        who = body or publisher
        if who or date_text:
            got = Reading(f"{who + ': ' if who else ''}{got.value}{when if date_text and date_text[-4:] not in got.value else ''}",
                             got.line, min(got.confidence, 0.6), got.rule + ", qualified with its body and date")
    return got


# A planning appeal's decision letter is headed "Appeal Decision" whatever the appeal: its reference and
# the site it is about ("Appeal Ref: APP/C1625/W/16/3159572 Land at Example Court, Example Lane") tell
# one from another, and are what a person cites it by.
_APPEAL_DECISION = re.compile(r"^appeal decisions?$", re.I)
_APPEAL_REF = re.compile(r"^appeal refs?\s*[:.]?\s*(?P<ref>APP/[\w/.-]+)[\s,;]*(?P<site>.*)$", re.I)


def _appeal_named(got: Reading, lines: list[Line], keep: set[str]) -> Reading | None:
    if not _APPEAL_DECISION.match(got.value.strip()):
        return None
    for i, ln in enumerate(lines[:20]):
        m = _APPEAL_REF.match(ln.text.strip())
        if m is None:
            continue
        site = m["site"].strip()
        if not site and i + 1 < len(lines) and not lines[i + 1].text.lstrip().startswith(("•", "The ")) and len(lines[i + 1].text.split()) <= 15:
            site = lines[i + 1].text.strip()  # the site on the line under the reference
        named = f"{got.value.strip()}: {m['ref']}" + (f", {shorten(site, 100, placeholder=' …')}" if site else "")
        return Reading(named, ln, got.confidence, got.rule + ", with the appeal's reference and site")
    return None


# A printed title that names the authority itself ("Focused visit to Stockport children's services",
# "Area SEND inspection of Gateshead Local Area Partnership"), not only the services inspected.
_NAMES_ITS_PLACE = re.compile(r"\b(?:[Ii]nspection|[Vv]isit) (?:of|to) (?!(?:The|Children|Services|Local Authority)\b)[A-Z]")


def _place(authority: str) -> str:
    """The place an authority is named for, which its inspection's title prints: "Stockport Metropolitan
    Borough Council" -> "Stockport", "London Borough of Sutton" -> "Sutton"."""
    head = re.sub(r"^(?:the\s+)?(?:(?:royal|london)\s+borough\s+of|city\s+of|county\s+of)\s+", "", authority.split(" Council")[0], flags=re.I)
    return re.sub(rf"\s+{COUNCIL_TYPE}$", "", head).strip() or authority


def _run_on(lines: list[Line], start: int, publisher: str | None, keep: set[str]) -> str:
    """A title line with the lines it runs on to: while it stops mid-phrase ("Integrated Impact Assessment
    Accompanying" / "Tower Hamlets 2031: ..."), or is set large a few words a line ("Response to" /
    "introduction of" / "Residents Parking" / "Zone (RPZ)")."""
    text, _ = _joined(lines, start, keep)
    parts = [lines[start]]
    for nxt in lines[start + 1:start + 6]:
        if nxt.sheet != parts[0].sheet or not titleworthy(nxt, publisher) or not _short_lines(parts, nxt):
            break
        parts.append(nxt)
    if len(parts) > 1:
        short = tidy_title(" ".join(p.text for p in parts), keep)
        if len(short) > len(text):
            return short
    return text


def _qualify_annual(title: str, kind: DocumentKind) -> bool:
    # "IRO Annual Report" is every council's: only its own name and years tell them apart.
    return kind is DocumentKind.ANNUAL_REPORT and len(re.sub(r"\b(?:annual|report|(?:19|20)\d{2}(?:[-/]\d{2,4})?)\b", "", title, flags=re.I).split()) <= 1


def _only_paper_type(title: str) -> bool:
    # "Local Development Scheme 2025-2028" is every planning authority's: only its council tells them apart.
    rest = re.sub(r"\b(?:19|20)\d{2}(?:\s*[-/–]\s*(?:19|20)?\d{2})?\b", "", title)
    return bool(PAPER_TYPE_LINE.match(" ".join(rest.split())))


def _joined(lines: list[Line], start: int, keep: set[str], first: str | None = None, limit: int = 3) -> tuple[str, int]:
    """A title printed over several lines: the next lines are taken while the text so far stops
    mid-phrase ("Becoming a" / "Corporate Parent") or the next line carries on in lower case."""
    text = first if first is not None else lines[start].text
    end = start
    while end + 1 < len(lines) and end - start < limit:
        nxt = lines[end + 1]
        if nxt.sheet != lines[start].sheet or LABEL.match(nxt.text) or NOT_TITLE.search(nxt.text):
            break
        if not (CONTINUES.search(text) or open_bracket(text) or nxt.text[:1].islower()):
            break
        text = f"{text} {nxt.text}"
        end += 1
    return tidy_title(text, keep), end


def _same_size_run(lines: list[Line], start: int, limit: int = 3) -> tuple[str, int]:
    """A title line with the lines under it set in its own type size, on its page: a printed title broken
    where the line was full, not mid-phrase ("Inspection of Wokingham Borough" / "Council local authority
    children's services" at 26 pt), runs on while the size holds. Only a title set well above the body
text, where the PDF gives sizes: a line of the body's own size under it is its text."""
    first, body = lines[start], _body_size(lines)
    parts = [first.text]
    large = first.size is not None and body is not None and first.size >= _TITLE_SCALE * body
    for nxt in lines[start + 1:start + 1 + limit]:
        if not large or nxt.size != first.size or nxt.sheet != first.sheet or len(nxt.text.split()) > 12 or LABEL.match(nxt.text) \
                or NOT_TITLE.search(nxt.text) or _is_date_line(nxt.text) or nxt.text.rstrip().endswith((".", ";", ":")):
            break
        parts.append(nxt.text)
    return " ".join(parts), start + len(parts) - 1


def _labelled_title(lines: list[Line], keep: set[str]) -> Reading | None:
    for i, ln in enumerate(lines[:40]):
        m = LABEL.match(ln.text) or FORM_TITLE.match(ln.text)
        if m and m.group("key").lower() in ("subject", "title", "title of report", "title of the report", "report title", "re", "regarding") \
                or m and m.re is FORM_TITLE:
            value = m.group("value").strip()
            if not value and i + 1 < len(lines):
                value, i = lines[i + 1].text, i + 1
            value = re.split(r"\s+(?:Classification|Decision No|Key decision|Electoral Divisions?|Past Pathway|Future Pathway)\b", value, flags=re.I)[0]
            if len(value) >= 4:
                text, _ = _joined(lines, i, keep, value)
                text = re.sub(r"^\d{2}/\d{5}\s*[-–]\s*", "", text)  # a decision number before the subject
                form = form_type(lines, ln)
                if form and form.lower() not in text.lower():  # "Equality Impact Assessment: Workplace Parking Levy ..."
                    return Reading(f"{form}: {text}", ln, 0.9, f"the form's type over its '{m.group('key')}:' line")
                return Reading(text, ln, 0.9, f"the cover's '{m.group('key')}:' line")
    return None


# An inspection's printed title opens its line, whatever inspection it is: "Inspection of ...", "Area
# SEND inspection of ...", "Joint targeted area inspection of ...", "Focused visit to ...", "Monitoring
# visit to ...". A sentence of the report that speaks of one ("This visit was carried out in line with
# the inspection of local authority children's services framework.") is no title.
_PRINTED_INSPECTION = re.compile(r"^(?:an? )?(?:[\w-]+\s+){0,3}?(?:(?:re-?)?inspection|visit)\s+(?:of|to)\s+\S", re.I)


def _inspection_title(lines: list[Line], kind: DocumentKind, keep: set[str]) -> Reading | None:
    if kind is not DocumentKind.INSPECTION_REPORT:
        return None
    for i, ln in enumerate(lines[:40]):
        if _PRINTED_INSPECTION.match(ln.text) and len(ln.text.split()) <= 25 and not ln.text.rstrip().endswith((".", ";", ":")):
            run, end = _same_size_run(lines, i)
            text, _ = _joined(lines, end, keep, run, limit=4 - (end - i))
            return Reading(text[:300], ln, 0.85, "the inspection's printed title")
    to_secretary = _report_to_secretary(lines, keep)
    if to_secretary is not None:
        return to_secretary
    for i, ln in enumerate(lines[:40]):
        if re.match(r"^(?:an? )?inspection of\b", ln.text, re.I) or re.search(r"\binspection of (?:local authority )?(?:children|services)", ln.text, re.I):
            text, _ = _joined(lines, i, keep, limit=4)
            return Reading(text[:300], ln, 0.85, "the inspection's printed title")
    return None


# A planning casework letter's subject lines, run together: the Acts it is made under, the case, its
# reference ("TOWN AND COUNTRY PLANNING ACT 1990 – SECTION 78 APPEAL MADE BY EXAMPLE HOMES LAND AT
# EXAMPLE ESTATE, LONDON SW3 3QY APPLICATION REF: PP/15/04878"). The case is what the letter is cited by.
_STATUTES = re.compile(r"^(?:(?:[A-Z][\w'’-]*\s+){1,8}ACT\s+(?:19|20)\d{2}(?:\s*[–—-]?\s*(?:SECTION|S\.)\s*[\w()]+)?[\s,–—-]*)+", re.I)
_REF_TAIL = re.compile(r"\s+(?:(?:application|appeal|planning|our|your|file)\s+)?ref(?:erence)?(?:\s+no\.?)?\s*:.*$", re.I)


def _case_of(text: str) -> str | None:
    m = _STATUTES.match(text)
    if m is None:
        return None
    case = _REF_TAIL.sub("", text[m.end():]).strip(" ,–—-")
    return case if 3 <= len(case.split()) <= 25 else None


def _report_to_secretary(lines: list[Line], keep: set[str]) -> Reading | None:
    """A planning inspector's report to the Secretary of State, cited by whom it is to and the case its cover
    names in capitals under the Acts ("Report to the Secretary of State for ..." / "by A Inspector" / "Date ..."
    / "TOWN AND COUNTRY PLANNING ACT 1990" / "EXAMPLE ESTATE, EXAMPLE STREET" / "APPEAL BY EXAMPLE HOMES"):
    every such report is to the Secretary of State, so the case is what tells one from another."""
    for i, ln in enumerate(lines[:10]):
        if not (ln.within(1) and TO_SECRETARY_OF_STATE.match(ln.text.strip())):
            continue
        head, end = _same_size_run(lines, i)
        case: list[str] = []
        for nxt in lines[end + 1:end + 14]:
            text = nxt.text.strip()
            if not nxt.within(1) or len(case) == 3:
                break
            if not (nxt.heading and is_caps(text)) or text.startswith("("):
                if case:
                    break
                continue
            statutes = _STATUTES.match(text)
            if statutes is None or statutes.end() < len(text):  # a line of the Acts alone names no case
                case.append(tidy_title(text, keep))
        if case:
            return Reading(f"{tidy_title(head, keep)}: {', '.join(case)}", ln, 0.8, "an inspector's report to the Secretary of State: the case it is on")
    return None


_DEAR = re.compile(r"^Dear\s+(?P<who>.+?)[,.:]?$")  # a salutation, and whom it greets
_REPLY_ABOUT = re.compile(r"^thank you for your (?:letter|e-?mail|correspondence|enquiry|message)(?:\s+(?:of|dated)\s+[^,.]{1,30}?)?,?\s+"
                          r"(?:regarding|about|concerning|in relation to|on)\s+(?P<what>[^.;]{3,120}?)\s*[.;]", re.I)


def _letter_title(lines: list[Line], kind: DocumentKind, keep: set[str]) -> Reading | None:
    if kind not in LETTER_KINDS:
        return None
    dear = next((i for i, ln in enumerate(lines[:60]) if is_salutation(ln.text)), None)
    if dear is not None and dear + 1 < len(lines):
        nxt = lines[dear + 1]
        # An inspectorate's letter heads itself with the inspection's printed title, which may name what the
        # inspection looked at and run longer than a subject line ("Joint targeted area inspection of the
        # multi-agency response to sexual abuse in the family in Shropshire"): it is one all the same.
        words = len(nxt.text.split())
        if nxt.heading and titleworthy(nxt, None) and (words <= 15 or words <= 25 and _PRINTED_INSPECTION.match(nxt.text)):
            return Reading(tidy_title(nxt.text, keep), nxt, 0.8, "the letter's subject line")
        case = _case_of(nxt.text) if nxt.heading else None
        if case is not None:
            return Reading(tidy_title(case, keep), nxt, 0.75, "the case the letter's subject lines name, under the Acts")
    for ln in lines[:80]:
        m = re.search(r"\bthe ((?:[A-Z][\w'’]*\s+){1,6}(?:Peer\s+)?(?:Review|Challenge|Inspection|Visit))\b", ln.text)
        if m:
            return Reading(m.group(1).strip(), ln, 0.6, "the review the letter is about")
    # A letter with no subject line that opens by saying what it answers ("Thank you for your email of 11
    # April regarding the Example Roundabout on the A40."): cited by whom it is to and that.
    if dear is not None and dear + 1 < len(lines) and not lines[dear + 1].heading:
        about = _REPLY_ABOUT.match(lines[dear + 1].text.strip())
        to = _DEAR.match(lines[dear].text.strip())
        if about and to:
            return Reading(f"Letter to {to['who']} regarding {about['what'].strip()}", lines[dear + 1], 0.5,
                           "whom the letter is to and what it answers (no subject printed)")
    # A letter that prints no subject nor any heading above its salutation (an e-mail printed out) is
    # cited by whom it is to ("Letter to Ms Example"): none of its sentences is a title.
    if dear is not None and not any(ln.heading for ln in lines[:dear]):
        to = _DEAR.match(lines[dear].text.strip())
        if to and not re.match(r"^(?:Sir|Madam|Sirs|Sir or Madam|Sir/Madam|All|Colleagues?|Friends?)\b", to["who"], re.I):
            return Reading(f"Letter to {to['who']}", lines[dear], 0.4, "whom the letter is to (no subject printed)")
    return None


def _after_report_of(lines: list[Line], publisher: str | None, keep: set[str]) -> Reading | None:
    for i, ln in enumerate(lines[:30]):
        if REPORT_OF.match(ln.text):
            for j in range(i + 1, min(i + 4, len(lines))):
                if titleworthy(lines[j], publisher):
                    text, _ = _joined(lines, j, keep)
                    return Reading(text, lines[j], 0.8, "the heading under 'Report of ...'")
    return None


# The stage a plan's paper is at, printed under the plan's name.
_STAGE = re.compile(r"^(?:draft|pre-submission|submission|proposed|publication|regulation\s+1[89]|consultation|examination)\b", re.I)
_PLAN_NAME = re.compile(r"\b(?:local|borough|district|city|county|neighbourhood|minerals|waste|transport|core)\s+plan\b|\bplan for\b", re.I)


def _report_on(lines: list[Line], keep: set[str]) -> Reading | None:
    """A report that names itself under the lines saying whom it is to and by ("Report to Exampleton
    Borough Council" / "by A Person" / "Report on the Examination of the" / "Exampleton Local Plan"),
    as a planning inspector's report does: its "Report on ..." heading is its title."""
    for i, ln in enumerate(lines[:30]):
        if ln.heading and ln.within(1) and re.match(r"^report on (?:the )?\w", ln.text, re.I) and len(ln.text.split()) <= 15:
            text, _ = _joined(lines, i, keep)
            return Reading(text, ln, 0.8, "the cover's 'Report on ...' heading")
    return None


# How much larger than the cover's body text its title is set, at the least: a heading one size up
# (12 pt over 11 pt) is a section's, a title is set well above it.
_TITLE_SCALE = 1.3


def _cover_title(lines: list[Line], publisher: str | None, keep: set[str]) -> Reading | None:
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
    body = _body_size(lines)
    if body is None:
        return None
    top = max(ln.size or 0.0 for ln in cover)
    if top < _TITLE_SCALE * body:
        return None
    k = 0
    while k < len(cover):
        first = cover[k]
        if first.size != top or _is_date_line(first.text):
            k += 1
            continue
        if not titleworthy(first, publisher) or LABEL.match(first.text) or first.text.rstrip().endswith((".", ";")):
            return None  # furniture, a label or a sentence set largest: no title in the large type
        parts = [first]
        for nxt in lines[first.index + 1:first.index + 6]:
            if nxt.sheet != page or nxt.size != top or NOT_TITLE.search(nxt.text) or LABEL.match(nxt.text) or _is_date_line(nxt.text):
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
        if after.sheet != first.sheet or after.size is None or not _TITLE_SCALE * body <= after.size < top \
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


def _body_size(lines: list[Line]) -> float | None:
    """The body text's type size: the commonest in the paper's opening pages (a cover may hold little but its title)."""
    chars: Counter[float] = Counter()
    for ln in lines:
        if ln.size:
            chars[ln.size] += len(ln.text)
    return chars.most_common(1)[0][0] if chars else None


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
                        or not (CONTINUES.search(text) or council and _short_lines(parts, nxt)):
                    break
                text, parts = f"{text} {nxt.text}", [*parts, nxt]
            # A plan's name over the stage it is at ("LOCAL PLAN for" / "Exampleshire" / "Draft Plan Consultation -
            # Development Management Policies Part B"): which part of the plan, at which stage, is this paper.
            for nxt in lines[parts[-1].index + 1:parts[-1].index + 3]:
                if nxt.sheet != first.sheet or not _PLAN_NAME.search(text) or len(nxt.text.split()) > 12 or _is_date_line(nxt.text) \
                        or NOT_TITLE.search(nxt.text) or not (_STAGE.match(nxt.text) or nxt.text.lstrip()[:1] in "-–" or CONTINUES.search(text)):
                    break
                text, parts = f"{text} {nxt.text}", [*parts, nxt]
            text = tidy_title(text, keep)
            if council and _place(council).lower() not in text.lower():
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
                        and part.size == ln.size == nxt.size and titleworthy(part, publisher) and not _is_date_line(part.text) \
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
                if _is_date_line(nxt.text):
                    break  # the cover's date closes the title: it is the paper's date, not part of its name
                parts.append(nxt)
                continue
            if is_caps(nxt.text) != is_caps(ln.text):
                break
            if not is_caps(ln.text) and not (CONTINUES.search(parts[-1].text) or open_bracket(" ".join(p.text for p in parts))
                                             or nxt.text[:1].islower() or _short_lines(parts, nxt)):
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


def _is_date_line(text: str) -> bool:
    text = text.strip()
    return bool(MONTH_YEAR.fullmatch(text) or find_dates(text) and len(dateless(text).split()) < 2)


def _title_page(lines: list[Line], first: Line) -> bool:
    """Whether `first` opens a cover page of headings alone, ending in its date: every line of its
    page from it on is a heading, and the last is a date or the years."""
    page = [ln for ln in lines if ln.sheet == first.sheet and ln.index >= first.index]
    if not 3 <= len(page) <= 10 or not all(ln.heading for ln in page):
        return False
    return bool(_YEARS.match(page[-1].text.strip()) or _is_date_line(page[-1].text))


def _generic_part(text: str) -> bool:
    return is_generic(text) and bool(re.search(r"[a-z]{3}", text.lower())) and not NOT_TITLE.search(text) and not council_names(text)


def _short_lines(parts: list[Line], nxt: Line) -> bool:
    """A title set large, a few words a line ("Buckinghamshire" / "Local Housing Need" / "Assessment")."""
    run = [*parts, nxt]
    return all(len(p.text.split()) <= 4 and not p.text.rstrip().endswith((".", ":", ";", "?")) for p in run) and \
        sum(len(p.text.split()) for p in run) <= 12


def most_common_acronym(lines: list[Line]) -> str:
    counts = Counter(re.findall(r"\b([A-Z]{2,5})s?\b", " ".join(ln.text for ln in lines)[:4000]))
    return counts.most_common(1)[0][0] if counts else ""
