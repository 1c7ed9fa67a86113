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
    CONSULTED_ON,
    TO_SECRETARY_OF_STATE,
    examination_report,
    is_salutation,
    meeting_record,
    public_business,
)
from ingest.document.metadata.councils import place_name
from ingest.document.metadata.cover_titles import cover_title
from ingest.document.metadata.headings import (
    FORM_TITLE,
    LABEL,
    PAPER_TYPE_LINE,
    form_type,
    is_generic,
    tidy_title,
    titleworthy,
)
from ingest.document.metadata.kinds import AGENDA_KINDS, LETTER_KINDS, DocumentKind
from ingest.document.metadata.lines import Line, Reading, is_caps
from ingest.document.metadata.mayors_reports import mayors_report_title
from ingest.document.metadata.title_lines import is_date_line, joined, same_size_run, short_lines


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
            heading = tidy_title(papers.text, keep)
            named = body and heading.lower().startswith(body.lower())  # "Cabinet – Public Question": the meeting is in it
            return Reading(f"{heading}{', ' + body if body and not named else ''}{when}", papers, 0.8,
                              "the meeting's papers: their heading, the meeting and its date")
        return Reading(f"{body or 'Meeting'} {kind.value}{when}", None, 0.85 if body else 0.4, "an agenda: the meeting and its date")
    got = _labelled_title(lines, keep) or _inspection_title(lines, kind, keep) or _letter_title(lines, kind, keep) \
        or mayors_report_title(lines) or cover_title(lines, publisher, keep)
    if got is None and kind is DocumentKind.CONSULTATION_REPORT:
        got = _consulted_on(lines, publisher)
    if got is None:
        first = next((i for i, ln in enumerate(lines) if titleworthy(ln, publisher)), None)
        got = Reading(shorten(_run_on(lines, first, publisher, keep), 120, placeholder=" …"), lines[first], 0.3, "the first line that could be a title") \
            if first is not None else Reading("Untitled paper", None, 0.1, "nothing printed could be a title")
    got = _appeal_named(got, lines, keep) or got
    if subject and _OMBUDSMAN_DECISION.match(got.value.strip()):
        # Every decision is headed so: the body complained against tells one from another.
        got = Reading(f"{got.value.strip()}: complaint against {subject}", got.line, got.confidence, got.rule + ", with the body complained against")
    if kind is DocumentKind.INSPECTION_REPORT and subject and place_name(subject).lower() not in got.value.lower() \
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
_OMBUDSMAN_DECISION = re.compile(r"^(?:the )?(?:local government (?:and social care )?)?ombudsman[’']s (?:final |draft |provisional )?decision$", re.I)
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


def _consulted_on(lines: list[Line], publisher: str | None) -> Reading | None:
    """A consultation's outcome that prints no title, cited by whose it is and what was consulted on."""
    for ln in lines[:4]:
        m = CONSULTED_ON.match(ln.text.strip())
        if m:
            what = f"consultation on {m['what'].strip()}"
            return Reading(f"{publisher}: {what}" if publisher else what[:1].upper() + what[1:], ln, 0.4,
                           "what the consultation its opening thanks people for was about (no title printed)")
    return None


def _run_on(lines: list[Line], start: int, publisher: str | None, keep: set[str]) -> str:
    """A title line with the lines it runs on to: while it stops mid-phrase ("Integrated Impact Assessment
    Accompanying" / "Tower Hamlets 2031: ..."), or is set large a few words a line ("Response to" /
    "introduction of" / "Residents Parking" / "Zone (RPZ)")."""
    text, _ = joined(lines, start, keep)
    parts = [lines[start]]
    for nxt in lines[start + 1:start + 6]:
        if nxt.sheet != parts[0].sheet or not titleworthy(nxt, publisher) or not short_lines(parts, nxt):
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
                text, _ = joined(lines, i, keep, value)
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
            run, end = same_size_run(lines, i)
            text, _ = joined(lines, end, keep, run, limit=4 - (end - i))
            return Reading(text[:300], ln, 0.85, "the inspection's printed title")
    to_secretary = _report_to_secretary(lines, keep) or _examination_title(lines, keep)
    if to_secretary is not None:
        return to_secretary
    for i, ln in enumerate(lines[:40]):
        if re.match(r"^(?:an? )?inspection of\b", ln.text, re.I) or re.search(r"\binspection of (?:local authority )?(?:children|services)", ln.text, re.I):
            text, _ = joined(lines, i, keep, limit=4)
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
        head, end = same_size_run(lines, i)
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


def _examination_title(lines: list[Line], keep: set[str]) -> Reading | None:
    """A planning inspector's report on a plan's examination, cited by its printed title ("Report on the
    Examination of the" / "Example Development Corporation" / "Revised Local Plan"), not by whom it is to
    ("Report to Example Borough Council"), as every such report is to its plan's authority."""
    head = examination_report(lines)
    if head is None or TO_SECRETARY_OF_STATE.match(head.text.strip()):
        return None
    parts = [head.text.strip()]
    for nxt in lines[head.index + 1:head.index + 4]:
        text = nxt.text.strip()
        if not nxt.heading or nxt.sheet != head.sheet or len(text.split()) > 8 or is_date_line(text) or text.endswith((".", ";", ":")):
            break
        parts.append(text)
    return Reading(tidy_title(" ".join(parts), keep), head, 0.8, "an inspector's report on a plan's examination: its printed title")


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
        # The address block's last line read after the salutation ("Dear local partnership" / "A Person, Chair of
        # Example LSCB" / "Joint targeted area inspection of ..."): the inspection's printed title is under it.
        after = lines[dear + 2] if dear + 2 < len(lines) and not nxt.heading and len(nxt.text.split()) <= 12 else None
        if after is not None and after.heading and after.sheet == nxt.sheet and _PRINTED_INSPECTION.match(after.text) \
                and len(after.text.split()) <= 25:
            return Reading(tidy_title(after.text, keep), after, 0.75, "the inspection's printed title, under the letter's address block")
        case = _case_of(nxt.text) if nxt.heading else None
        if case is not None:
            return Reading(tidy_title(case, keep), nxt, 0.75, "the case the letter's subject lines name, under the Acts")
    for ln in lines[:80]:
        m = re.search(r"\bthe ((?:[A-Z][\w'’]*\s+){1,6}(?:Peer\s+)?(?:Review|Challenge|Inspection|Visit))\b", ln.text)
        if m:
            return Reading(m.group(1).strip(), ln, 0.6, "the review the letter is about")
    # A letter or e-mail headed by its subject, over its "From:" and "Date:" lines ("18/AP/0000 Example Retail
    # Park – Consultation response" / "From : A Person" / "Date : 1st May 2019" / "Dear ..."): that subject.
    subject = _over_its_header(lines, dear, keep) if dear is not None else None
    if subject is not None:
        return subject
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


_HEADER_FIELD = re.compile(r"^(?:from|sent|to|cc|date|our ref|your ref)\s*:", re.I)


def _over_its_header(lines: list[Line], dear: int, keep: set[str]) -> Reading | None:
    """The line that opens a letter above its sender's and date's fields, where the salutation follows them."""
    fields = [i for i, ln in enumerate(lines[:dear]) if _HEADER_FIELD.match(ln.text.strip())]
    if not fields or fields[0] == 0 or len(fields) != dear - fields[0]:
        return None  # the fields run from under the subject to the salutation
    top = lines[fields[0] - 1]
    if not titleworthy(top, None) or not 3 <= len(top.text.split()) <= 25 or top.text.rstrip().endswith("."):
        return None
    return Reading(tidy_title(top.text, keep), top, 0.6, "the subject above the letter's sender and date")


def most_common_acronym(lines: list[Line]) -> str:
    counts = Counter(re.findall(r"\b([A-Z]{2,5})s?\b", " ".join(ln.text for ln in lines)[:4000]))
    return counts.most_common(1)[0][0] if counts else ""
