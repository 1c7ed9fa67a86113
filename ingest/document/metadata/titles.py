"""A paper's title as a person would cite it, and the committee or meeting it belongs to.

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

from ingest.document.metadata.classify import meeting_record, public_business
from ingest.document.metadata.dates import DMY, MDY, NUMERIC, find_dates, first_item
from ingest.document.metadata.kinds import AGENDA_KINDS, LETTER_KINDS, DocumentKind
from ingest.document.metadata.lines import (
    MINUTES_OF,
    NOTICE_OF_MEETING,
    WEEKDAY,
    Line,
    Reading,
    is_caps,
    tidy_caps,
)
from ingest.document.metadata.publisher import council_names, meeting_of, split_council_name
from ingest.textutil import PHONE_NUMBER

_COMMITTEE_WORD = r"(?:Committee|Board|Panel|Cabinet|Executive|Council|Forum|Partnership|Sub-Committee|Group|Commission)"
_COMMITTEE_END = re.compile(rf"\b{_COMMITTEE_WORD}\s*$")
_MINUTES_OF = re.compile(rf"^{MINUTES_OF}(?:a|the)\s+(?:\w+\s+)?meeting\s+of\s+(?:the\s+)?"
                         r"(?P<body>.+?)\s+(?:held|which was held|on|at|in)\b", re.I)
_NOTICE_OF = re.compile(rf"^{NOTICE_OF_MEETING} of (?:the )?(?P<body>.+)$", re.I)
_REPORT_TO = re.compile(r"^report to (?:the )?(?P<body>[^:]+)$", re.I)
_LABEL = re.compile(r"^(?P<key>subject|title|title of (?:the )?report|report title|re|ref|regarding|to|report to|meeting|committee|"
                    r"decision maker|decision taker|body)(?:\s*:|\s+[-–])\s*(?P<value>.*)$", re.I)
_REPORT_OF = re.compile(r"^report (?:of|by|from)\b(?!\s*:)", re.I)
_WEEKDAY_OR_DATE = re.compile(rf"\s*(?:[-–—,|]\s*)?\b(?:{WEEKDAY}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))", re.I)

# Lines that are furniture or a cover's labels, never a title.
_NOT_TITLE = re.compile(
    r"^(?:from|to|by|cc|lead inspector|inspectors?|author|contact|contact officer|report author|ask for|tel|telephone|t|e|email|"
    r"e-mail|fax|url|web|website|www|our ref|your ref|date|time|venue|place|classification|electoral divisions?|wards?|"
    r"decision no|key decision|page|agenda item|item|appendix|annex|enclosure|present|apologies|in attendance|"
    r"members|councillors)\b\s*[:.\d]?|"
    r"\b(?:table of contents|contents|this page is intentionally left blank|unrestricted|not for publication|"
    r"official(?:-sensitive)?|exempt|restricted)\s*$|^(?:for (?:general )?(?:release|publication)|open|public|part (?:1|i|one))\s*$|"
    r"\b(?:tel|telephone|phone)\b|" + PHONE_NUMBER + r"|@|https?://|www\.|\.gov\.uk|\.org\.uk|"
    r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\s+\d[A-Z]{2}\b|^\(?pages?\s+\d|^\d+$|^[ivx]+$", re.I)
_GENERIC = {"agenda", "agenda item", "agenda pack", "annual report", "report", "minutes", "summary", "summary table",
            "introduction", "background", "contents", "work plan", "workplan", "update", "appendix", "annex", "decision",
            "record of decision", "cover report", "covering report", "briefing", "briefing note", "recommendations",
            "executive summary", "purpose of report", "purpose of the report", "overview", "the report", "notes",
            "forward plan", "decision recording form", "decision record form", "decision notice", "decision sheet"}
_SENTENCE = re.compile(r"^(?:summary|purpose|background|introduction)\s+(?:this|the)\b|^(?:\S+\s+){11,}.*[.!?]$", re.I)
_CONTINUES = re.compile(r"(?:\b(?:a|an|the|of|for|and|to|in|on|with|&|at|by|from)|[,:–-])\s*$", re.I)


def _tidy(text: str, keep: set[str]) -> str:
    text = tidy_caps(text.strip(" *#|:–-"), keep)
    # A footnote's number run on to the last word ("... children board1") is not the title's.
    text = re.sub(r"(?<=[a-z]{3})[1-9]$", "", text)
    return " ".join(text.split())


def _dateless(text: str) -> str:
    for rx in (DMY, MDY, NUMERIC):
        text = rx.sub("", text)
    return re.sub(r"\s+(?:at\s+)?\d{1,2}[.:]\d{2}\s*(?:am|pm)?.*$", "", text, flags=re.I).strip(" ,–-|")


def is_generic(title: str) -> bool:
    words = re.sub(r"[^\w\s'-]", " ", title.lower())
    words = re.sub(r"\b(?:19|20)\d{2}(?:[-/]\d{2,4})?\b", " ", words)
    return " ".join(words.split()) in _GENERIC or not re.search(r"[a-z]{3}", words)


def titleworthy(ln: Line, publisher: str | None) -> bool:
    text = ln.text.strip(" *#|")
    if len(text) < 4 or len(text.split()) > 30 or _NOT_TITLE.search(text):
        return False
    if is_generic(text) or find_dates(text) and len(_dateless(text).split()) < 2:
        return False
    if _SENTENCE.search(text):
        return False  # a sentence of the summary ("Summary This report provides ..."), not a title
    names = council_names(text)
    if names and len(names[0]) >= len(_tidy(text, set())) - 2:
        return False  # the council's name alone: the publisher, not the title
    if publisher and _tidy(text, set()).lower() == publisher.lower():
        return False
    # A person's name and post ("Sue Chandler, Cabinet Member for ...") is a signatory.
    return not re.match(r"^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Sir|Dame|Prof)\.?\s", text)


# ------------------------------------------------------------------ body


def infer_body(lines: list[Line], kind: DocumentKind, keep: set[str]) -> Reading | None:
    """The committee or meeting the paper belongs to ("Cabinet", "Corporate Parenting Panel")."""
    for i, ln in enumerate(lines[:12]):
        m = _MINUTES_OF.match(ln.text) or _NOTICE_OF.match(ln.text) or _REPORT_TO.match(ln.text)
        if m:
            return Reading(_tidy(_own_body(_dateless(m.group("body"))), keep), ln, 0.9, "the meeting named in the opening line")
        wrapped = _minutes_of_wrapped(lines, i)
        if wrapped:
            return Reading(_tidy(_own_body(wrapped), keep), ln, 0.85, "the meeting named in the minutes' heading")
        held = _meeting_of_wrapped(lines, i) if (kind is DocumentKind.MINUTES or kind in AGENDA_KINDS) and i < 4 else None
        if held:
            return Reading(_tidy(held, keep), ln, 0.85, "the body whose meeting the cover names")
    for ln in lines[:25]:
        m = _LABEL.match(ln.text)
        if m and m.group("key").lower() in ("to", "report to", "meeting", "committee", "decision maker", "decision taker", "body"):
            value = _dateless(re.split(r"\s+[-–]\s+|\s{2,}", m.group("value"))[0])
            if value and len(value.split()) <= 12 and not re.search(r"\b(?:all|members of|councillors?)\b", value, re.I):
                return Reading(_tidy(value, keep), ln, 0.8, f"the cover's '{m.group('key')}:' line")
    cover = " ".join(tidy_caps(ln.text, keep) for ln in lines[:8] if ln.sheet == lines[0].sheet)
    taken = _TAKEN_AT.search(cover) if cover else None
    if taken:
        line = next((ln for ln in lines[:8] if taken["body"].split()[0].lower() in ln.text.lower()), None)
        return Reading(taken["body"], line, 0.75, "the committee the decisions are taken at")
    if kind is DocumentKind.MINUTES or kind in AGENDA_KINDS:
        for ln in lines[:min(8, first_item(lines))]:
            # The committee's heading, or the paper's opening line ("Example Parish Council - 12th November 2019").
            if not ln.heading and not is_caps(ln.text) and ln.index > 0 or re.match(r"^\d", ln.text):
                continue
            text = ln.text.strip()
            cut = _WEEKDAY_OR_DATE.search(text)
            if cut and cut.start() > 3:
                head = _KIND_WORD_AFTER.sub("", text[: cut.start()]).strip(" ,–-|")
                if head and not re.match(r"^(?:minutes?|agenda|(?:to be |which was )?held|on|at)\b", head, re.I) and len(head.split()) <= 14 and not _NOT_TITLE.search(head):
                    return Reading(_tidy(head, keep), ln, 0.8, "the heading before the meeting's date")
        heads: list[Line] = []
        for ln in lines[:8]:
            text = _KIND_WORD_AFTER.sub("", ln.text.strip(" ."))
            if re.fullmatch(r"(?:supplementary\s+)?agenda(?: pack)?|minutes?(?: of(?: the| a)? meeting)?|present:?", text, re.I):
                continue
            if re.match(r"^(?:minutes|present|apologies|in attendance|\d)", text, re.I):
                break
            if (ln.heading or is_caps(text)) and len(text.split()) <= 14 and not find_dates(text) and not _NOT_TITLE.search(text):
                names = council_names(text)
                if names and len(names[0]) >= len(_tidy(text, keep)) - 2:
                    continue  # the publisher's name above the committee's
                heads.append(ln)
        # A heading that names a committee, before one that names the papers ("Public Questions").
        named = next((h for h in heads if _COMMITTEE_END.search(_tidy(_KIND_WORD_AFTER.sub("", h.text), keep))), heads[0] if heads else None)
        if named is not None:
            return Reading(_tidy(_KIND_WORD_AFTER.sub("", named.text.strip(" .")), keep), named, 0.7, "the committee's heading")
    for i, ln in enumerate(lines[:15]):
        text = _dateless(tidy_caps(ln.text, keep))
        if _COMMITTEE_END.search(text) and len(text.split()) <= 14 and not text.startswith("Dear") and not council_names(text):
            if i and split_council_name(lines, i - 1):
                continue  # "Council" under "Nottingham City": the publisher's name, not a committee's
            before = lines[i - 1] if i else None
            # Its first words on the line above, in the same style ("REGENERATION, COMMUNITY AND CULTURE" /
            # "OVERVIEW AND SCRUTINY COMMITTEE").
            if before is not None and before.sheet == ln.sheet and before.heading == ln.heading and is_caps(before.text) == is_caps(ln.text) \
                    and len(before.text.split()) <= 8 and not find_dates(before.text) and not council_names(before.text) \
                    and not _COMMITTEE_END.search(before.text) and not _NOT_TITLE.search(before.text) and not _LABEL.match(before.text) \
                    and (is_caps(ln.text) or _CONTINUES.search(before.text)):
                text = f"{tidy_caps(before.text, keep)} {text}"
            return Reading(_tidy(text, keep), ln, 0.6, "a committee's name in the cover")
    return None


# The paper's kind after the committee's name ("Planning Committee - Minutes", "CABINET: AGENDA"): not the body's.
_KIND_WORD_AFTER = re.compile(r"\s*[-–—:|]\s*(?:(?:draft|confirmed|printed|unconfirmed|supplementary)\s+)?(?:minutes|agenda(?:\s+pack)?)\s*$", re.I)
# "Decision determined at Transport Committee", "decisions to be taken at Policy Committee"
_TAKEN_AT = re.compile(rf"(?i:\b(?:taken|determined|made|agreed)\s+(?:at|by))\s+(?:(?i:the|a)\s+)?(?:(?i:meeting of)\s+(?:(?i:the)\s+)?)?"
                       rf"(?P<body>(?:[A-Z][\w'’,-]*\s+(?:(?:and|&|of|for)\s+)?){{0,8}}?{_COMMITTEE_WORD})\b")
_MINUTES_OF_BODY = re.compile(rf"^{MINUTES_OF}(?:the\s+)?(?!(?:a\s+|the\s+)?meeting\b|"
                              r"(?:last|previous)\b)(?P<body>[A-Z].*)$", re.I)


def _own_body(body: str) -> str:
    """The committee, not its council: "Planning Committee of Example District Council" -> "Planning
    Committee"; a meeting of the council itself ("Annual Meeting of Example Parish Council") -> the council."""
    m = re.match(r"^(?P<first>.+?)\s+of\s+(?:the\s+)?(?P<council>[A-Z].*)$", body)
    if not m or not council_names(m["council"]) or len(council_names(m["council"])[0]) < len(m["council"]) - 2:
        return body
    return m["first"] if _COMMITTEE_END.search(m["first"]) else m["council"]


def _meeting_of_wrapped(lines: list[Line], i: int) -> str | None:
    """"Meeting (no.448) of Broomhill Community Council", or "Minutes of Meeting (no.436) of" over
    the council's name on the next line: the body that holds the meeting."""
    text = lines[i].text.strip()
    if re.search(r"\bof$", text) and i + 1 < len(lines) and lines[i + 1].sheet == lines[i].sheet:
        text = f"{text} {lines[i + 1].text.strip()}"
    who = meeting_of(text, head_words=6)
    who = _dateless(who) if who else None
    return who if who and _COMMITTEE_END.search(who) and len(who.split()) <= 10 and not _NOT_TITLE.search(who) else None


def _minutes_of_wrapped(lines: list[Line], i: int) -> str | None:
    """"Minutes of the Transport and Connectivity" / "Policy Committee" / "12 September 2024":
    a minutes' heading naming its committee over several lines, up to its date."""
    m = _MINUTES_OF_BODY.match(lines[i].text)
    if not m or not lines[i].heading:
        return None
    body = m["body"]
    for nxt in lines[i + 1:i + 3]:
        if _COMMITTEE_END.search(_dateless(body)) or not nxt.heading or nxt.sheet != lines[i].sheet:
            break
        if find_dates(nxt.text) or _LABEL.match(nxt.text) or _NOT_TITLE.search(nxt.text) or len(nxt.text.split()) > 6:
            break
        body = f"{body} {nxt.text}"
    body = _dateless(re.split(r"\s+(?:held|on|at)\s", body)[0])
    return body if _COMMITTEE_END.search(body) and len(body.split()) <= 14 else None


# ------------------------------------------------------------------ title


def infer_title(lines: list[Line], kind: DocumentKind, *, body: str | None, date_text: str, publisher: str | None,
                subject: str | None, keep: set[str]) -> Reading:
    when = f", {date_text}" if date_text else ""
    if kind is DocumentKind.MINUTES:
        record = meeting_record(lines)
        if record is not None:  # a note of a meeting under its own title ("Proposed RPZ Meeting Report")
            return Reading(f"{_tidy(record.text, keep)}{when}", record, 0.7, "a meeting's record: its printed title and date")
        return Reading(f"{body or 'Meeting'} minutes{when}", None, 0.85 if body else 0.4, "minutes: the meeting and its date")
    if kind in AGENDA_KINDS:
        papers = public_business(lines)
        if papers is not None:  # "Public Questions and Mayor's Responses, Transport Committee, 27 March 2026"
            return Reading(f"{_tidy(papers.text, keep)}{', ' + body if body else ''}{when}", papers, 0.8,
                              "the meeting's papers: their heading, the meeting and its date")
        return Reading(f"{body or 'Meeting'} {kind.value}{when}", None, 0.85 if body else 0.4, "an agenda: the meeting and its date")
    got = _labelled_title(lines, keep) or _inspection_title(lines, kind, keep) or _letter_title(lines, kind, keep) \
        or _after_report_of(lines, publisher, keep) or _cover_heading(lines, publisher, keep)
    if got is None:
        first = next((ln for ln in lines if titleworthy(ln, publisher)), None)
        got = Reading(shorten(_tidy(first.text, keep), 120, placeholder=" …"), first, 0.3, "the first line that could be a title") if first else \
            Reading("Untitled paper", None, 0.1, "nothing printed could be a title")
    if kind is DocumentKind.INSPECTION_REPORT and subject and subject.lower().split(" council")[0] not in got.value.lower():
        got = Reading(f"{subject}: {got.value}", got.line, got.confidence, got.rule + ", with the authority inspected")
    if is_generic(got.value) or _qualify_annual(got.value, kind):
        who = body or publisher
        if who or date_text:
            got = Reading(f"{who + ': ' if who else ''}{got.value}{when if date_text and date_text[-4:] not in got.value else ''}",
                             got.line, min(got.confidence, 0.6), got.rule + ", qualified with its body and date")
    return got


def _qualify_annual(title: str, kind: DocumentKind) -> bool:
    # "IRO Annual Report" is every council's: only its own name and years tell them apart.
    return kind is DocumentKind.ANNUAL_REPORT and len(re.sub(r"\b(?:annual|report|(?:19|20)\d{2}(?:[-/]\d{2,4})?)\b", "", title, flags=re.I).split()) <= 1


def _joined(lines: list[Line], start: int, keep: set[str], first: str | None = None, limit: int = 3) -> tuple[str, int]:
    """A title printed over several lines: the next lines are taken while the text so far stops
    mid-phrase ("Becoming a" / "Corporate Parent") or the next line carries on in lower case."""
    text = first if first is not None else lines[start].text
    end = start
    while end + 1 < len(lines) and end - start < limit:
        nxt = lines[end + 1]
        if nxt.sheet != lines[start].sheet or _LABEL.match(nxt.text) or _NOT_TITLE.search(nxt.text):
            break
        if not (_CONTINUES.search(text) or nxt.text[:1].islower()):
            break
        text = f"{text} {nxt.text}"
        end += 1
    return _tidy(text, keep), end


def _labelled_title(lines: list[Line], keep: set[str]) -> Reading | None:
    for i, ln in enumerate(lines[:40]):
        m = _LABEL.match(ln.text)
        if m and m.group("key").lower() in ("subject", "title", "title of report", "title of the report", "report title", "re", "regarding"):
            value = m.group("value").strip()
            if not value and i + 1 < len(lines):
                value, i = lines[i + 1].text, i + 1
            value = re.split(r"\s+(?:Classification|Decision No|Key decision|Electoral Divisions?|Past Pathway|Future Pathway)\b", value, flags=re.I)[0]
            if len(value) >= 4:
                text, _ = _joined(lines, i, keep, value)
                text = re.sub(r"^\d{2}/\d{5}\s*[-–]\s*", "", text)  # a decision number before the subject
                return Reading(text, ln, 0.9, f"the cover's '{m.group('key')}:' line")
    return None


def _inspection_title(lines: list[Line], kind: DocumentKind, keep: set[str]) -> Reading | None:
    if kind is not DocumentKind.INSPECTION_REPORT:
        return None
    for i, ln in enumerate(lines[:40]):
        if re.match(r"^(?:an? )?inspection of\b", ln.text, re.I) or re.search(r"\binspection of (?:local authority )?(?:children|services)", ln.text, re.I):
            text, _ = _joined(lines, i, keep, limit=4)
            return Reading(text[:300], ln, 0.85, "the inspection's printed title")
    return None


def _letter_title(lines: list[Line], kind: DocumentKind, keep: set[str]) -> Reading | None:
    if kind not in LETTER_KINDS:
        return None
    dear = next((i for i, ln in enumerate(lines[:60]) if ln.text.startswith("Dear ")), None)
    if dear is not None and dear + 1 < len(lines):
        nxt = lines[dear + 1]
        if nxt.heading and titleworthy(nxt, None) and len(nxt.text.split()) <= 15:
            return Reading(_tidy(nxt.text, keep), nxt, 0.8, "the letter's subject line")
    for ln in lines[:80]:
        m = re.search(r"\bthe ((?:[A-Z][\w'’]*\s+){1,6}(?:Peer\s+)?(?:Review|Challenge|Inspection|Visit))\b", ln.text)
        if m:
            return Reading(m.group(1).strip(), ln, 0.6, "the review the letter is about")
    return None


def _after_report_of(lines: list[Line], publisher: str | None, keep: set[str]) -> Reading | None:
    for i, ln in enumerate(lines[:30]):
        if _REPORT_OF.match(ln.text):
            for j in range(i + 1, min(i + 4, len(lines))):
                if titleworthy(lines[j], publisher):
                    text, _ = _joined(lines, j, keep)
                    return Reading(text, lines[j], 0.8, "the heading under 'Report of ...'")
    return None


_YEARS = re.compile(r"^(?:19|20)\d{2}(?:\s*[-/–]\s*(?:19|20)?\d{2})?$")


def _cover_heading(lines: list[Line], publisher: str | None, keep: set[str]) -> Reading | None:
    """The first run of headings on the cover that could be a title, joined when it is printed
    over several lines ("SEASHELLS AND MILLMEAD FAMILY" / "HUB CONSULTATION"; "Civil Enforcement" /
    "Annual Report" / "2023-2024"). The committee's name and the council's, even set over two
    lines, are not it. A cover with no heading at all is named by its opening line."""
    page = next((ln.sheet for ln in lines if ln.sheet is not None), None)
    heads = [ln for ln in lines[:30] if ln.heading and (ln.sheet is None or page is None or ln.sheet <= page + 1)]
    if lines and not any(h.sheet == page for h in heads):
        first = lines[0]
        if len(first.text.split()) <= 10 and not first.text.rstrip().endswith((".", ":", ";")) and not _NOT_TITLE.search(first.text) \
                and not _LABEL.match(first.text) and (
                titleworthy(first, publisher) or is_generic(first.text) and re.search(r"[a-z]{3}", first.text.lower())):
            return Reading(_tidy(first.text, keep), first, 0.55, "the cover's opening line")
    k = 0
    generic: Line | None = None  # "Decision Recording Form": a title to qualify, if the cover has no other
    while k < len(heads):
        ln = heads[k]
        if split_council_name(lines, ln.index):
            k += 2
            continue
        if generic is None and _generic_part(ln.text) and ln.sheet == page:
            generic = ln
        if not titleworthy(ln, publisher) or _COMMITTEE_END.search(_dateless(_tidy(ln.text, keep))) and len(ln.text.split()) <= 8:
            k += 1
            continue
        if re.match(r"^(?:\d+(?:\.\d+)*|[A-Z])[.)]?\s", ln.text):
            break  # a numbered section: the body has begun, and the cover had no title
        parts = [ln]
        for nxt in heads[k + 1:k + 5]:
            if nxt.index != parts[-1].index + 1 or nxt.sheet != ln.sheet:
                break
            if _YEARS.match(nxt.text.strip()):
                parts.append(nxt)  # the years a title is for, on a line of their own
                break
            # A line of the title may be a generic word ("Annual Report"), never furniture.
            if is_caps(nxt.text) != is_caps(ln.text) or not (titleworthy(nxt, publisher) or _generic_part(nxt.text)):
                break
            if not is_caps(ln.text) and not (_CONTINUES.search(parts[-1].text) or nxt.text[:1].islower() or _short_lines(parts, nxt)):
                break
            parts.append(nxt)
        text = _tidy(" ".join(p.text for p in parts), keep)
        if len(parts) > 1 and _COMMITTEE_END.search(_dateless(text)) and len(text.split()) <= 14:
            k += len(parts)  # the committee's name over two lines ("REGENERATION, COMMUNITY AND CULTURE" / "OVERVIEW AND SCRUTINY COMMITTEE")
            continue
        return Reading(text[:200], ln, 0.7 if len(text.split()) >= 3 else 0.5, "the cover's heading")
    return Reading(_tidy(generic.text, keep), generic, 0.5, "the cover's heading") if generic is not None else None


def _generic_part(text: str) -> bool:
    return is_generic(text) and bool(re.search(r"[a-z]{3}", text.lower())) and not _NOT_TITLE.search(text) and not council_names(text)


def _short_lines(parts: list[Line], nxt: Line) -> bool:
    """A title set large, a few words a line ("Buckinghamshire" / "Local Housing Need" / "Assessment")."""
    run = [*parts, nxt]
    return all(len(p.text.split()) <= 4 and not p.text.rstrip().endswith((".", ":", ";", "?")) for p in run) and \
        sum(len(p.text.split()) for p in run) <= 12


def most_common_acronym(lines: list[Line]) -> str:
    counts = Counter(re.findall(r"\b([A-Z]{2,5})s?\b", " ".join(ln.text for ln in lines)[:4000]))
    return counts.most_common(1)[0][0] if counts else ""
