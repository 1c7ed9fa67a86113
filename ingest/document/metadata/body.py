"""The committee or meeting a paper belongs to ("Cabinet", "Corporate Parenting Panel"), read from
its cover ("Minutes of the meeting of the Cabinet held on ...", "Report to: ...", "Notice of
meeting of ..."); a meeting of the council itself is the council's."""

from __future__ import annotations

import re

from ingest.document.metadata.classify import is_salutation
from ingest.document.metadata.councils import (
    council_names,
    meeting_of,
    split_council_name,
)
from ingest.document.metadata.dates import find_dates, first_item
from ingest.document.metadata.headings import (
    COMMITTEE_END,
    COMMITTEE_WORD,
    CONTINUES,
    LABEL,
    MINUTES_OF_A_MEETING,
    NOT_TITLE,
    NOTICE_OF,
    REPORT_TO,
    WEEKDAY_OR_DATE,
    dateless,
    tidy_title,
)
from ingest.document.metadata.kinds import AGENDA_KINDS, DocumentKind
from ingest.document.metadata.lines import (
    MINUTES_OF,
    Line,
    Reading,
    is_caps,
    tidy_caps,
)
from ingest.document.metadata.mayors_reports import report_type_line


def infer_body(lines: list[Line], kind: DocumentKind, keep: set[str], publisher: str | None = None) -> Reading | None:
    """The committee or meeting the paper belongs to ("Cabinet", "Corporate Parenting Panel"); for
    a meeting of the council itself ("Minutes of the Annual General Meeting of the above Council",
    "Extract of minutes of extraordinary meeting held on ..."), the council, `publisher`."""
    if (mayors := report_type_line(lines)) is not None:  # a planning report to the Mayor, who decides on it
        return Reading("Mayor of London", mayors, 0.75, "a planning report to the Mayor of London")
    got = _body(lines, kind, keep)
    if publisher and (kind is DocumentKind.MINUTES or kind in AGENDA_KINDS) and (got is None or _OWN_MEETING.match(got.value)):
        line = got.line if got else None
        return Reading(publisher, line, 0.75, "a meeting of the council itself, named on its cover")
    return got


# A meeting that names no committee: the council's own ("Annual General Meeting of the above
# Council", "Extract of Minutes of Extraordinary Meeting Held on").
_MEETING_TYPE = r"(?:annual(?:\s+general)?|extraordinary|special|ordinary|full|monthly|statutory)"
_OWN_MEETING = re.compile(rf"^(?:(?:an?\s+)?extract\s+of\s+)?(?:{MINUTES_OF})?(?:an?\s+|the\s+)?(?:{_MEETING_TYPE}\s+)?meeting"
                          r"(?:\s+of\s+(?:the\s+)?(?:above|said|this)(?:\s+named)?\s+council)?(?:\s+held(?:\s+on)?)?\s*$"
                          r"|^(?:the\s+)?(?:above|said|this)(?:\s+named)?\s+council$", re.I)
# A signatory's post under a summons ("A Clerk, Clerk to the Council"): a person, not a committee.
_SIGNATORY_POST = re.compile(r"(?:^|,\s*)(?:\w+\s+){0,2}(?:clerk|secretary|proper officer|chief executive|monitoring officer)\s+(?:to|of)\s+the\b", re.I)
# A meeting out of the council's round, named in its minutes' title: an extraordinary or special meeting, a
# newly elected council's inaugural meeting; and its annual general meeting, which is what a reader cites its
# minutes by ("Minutes of the Annual General Meeting of the above Council", "Example Parish Council A.G.M.").
_MEETING_TYPE_IN = re.compile(r"\b(?P<type>extraordinary|special|inaugural)\s+meeting\b", re.I)
_AGM_IN = re.compile(r"\bannual\s+general\s+meeting\b|\bA\.?G\.?M\b", re.I)
# Not the last one, whose minutes the meeting confirms ("Confirmation of minutes of 2018 AGM"), nor the next.
_OTHER_MEETING = re.compile(r"\b(?:last|previous|next|forthcoming|(?:19|20)\d{2})\s+$", re.I)


def council_meeting(lines: list[Line]) -> str | None:
    """The council's own meeting out of its round, or its annual general meeting, that its minutes' opening
    names ("extraordinary meeting", "special meeting", "Annual General Meeting"), so that its title says
    which meeting it was. A numbered item of the business is not the opening."""
    for ln in lines[:4]:
        if re.match(r"^\(?\d", ln.text.strip()):
            continue
        m = _MEETING_TYPE_IN.search(ln.text)
        if m:
            return f"{' '.join(m['type'].lower().split())} meeting"
        agm = _AGM_IN.search(ln.text)
        if agm and not _OTHER_MEETING.search(ln.text[:agm.start()]):
            return "Annual General Meeting"
    return None


def _body(lines: list[Line], kind: DocumentKind, keep: set[str]) -> Reading | None:
    for i, ln in enumerate(lines[:12]):
        m = MINUTES_OF_A_MEETING.match(ln.text) or NOTICE_OF.match(ln.text) or REPORT_TO.match(ln.text)
        if m:
            return Reading(tidy_title(_own_body(dateless(m.group("body"))), keep), ln, 0.9, "the meeting named in the opening line")
        wrapped = _minutes_of_wrapped(lines, i)
        if wrapped:
            return Reading(tidy_title(_own_body(wrapped), keep), ln, 0.85, "the meeting named in the minutes' heading")
        held = _meeting_of_wrapped(lines, i) if (kind is DocumentKind.MINUTES or kind in AGENDA_KINDS) and i < 4 else None
        if held:
            return Reading(tidy_title(held, keep), ln, 0.85, "the body whose meeting the cover names")
    for ln in lines[:25]:
        m = LABEL.match(ln.text)
        if m and m.group("key").lower() in ("to", "report to", "meeting", "committee", "decision maker", "decision taker", "body"):
            value = dateless(re.split(r"\s+[-–]\s+|\s{2,}", m.group("value"))[0])
            if value and len(value.split()) <= 12 and not re.search(r"\b(?:all|members of|councillors?)\b", value, re.I):
                return Reading(tidy_title(value, keep), ln, 0.8, f"the cover's '{m.group('key')}:' line")
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
            cut = WEEKDAY_OR_DATE.search(text)
            if cut and cut.start() > 3:
                head = _KIND_WORD_AFTER.sub("", text[: cut.start()]).strip(" ,–-|")
                # "EXAMPLE COMMUNITY COUNCIL MEETING 8TH JUNE 2016": the council, at its meeting; "... MEETING TO
                # BE HELD ON TUESDAY, 26th JANUARY 2021" too.
                head = re.sub(r"\s+(?:(?:to be|which was|will be)\s+)?held(?:\s+(?:on|at))?$", "", head, flags=re.I)
                head = _OWN_MINUTES_AFTER.sub("", head)
                head = re.sub(rf"\b({COMMITTEE_WORD})\s+meeting$", r"\1", head, flags=re.I)
                if head and not re.match(r"^(?:minutes?|agenda|(?:to be |which was )?held|on|at)\b", head, re.I) and len(head.split()) <= 14 and not NOT_TITLE.search(head):
                    return Reading(tidy_title(head, keep), ln, 0.8, "the heading before the meeting's date")
        heads: list[Line] = []
        for ln in lines[:8]:
            text = _KIND_WORD_AFTER.sub("", ln.text.strip(" ."))
            if re.fullmatch(r"(?:supplementary\s+)?agenda(?: pack)?|minutes?(?: of(?: the| a)? meeting)?|present:?|presennol:?", text, re.I):
                continue
            if re.match(r"^(?:minutes|present|presennol|apologies|ymddiheuriadau|in attendance|\d)", text, re.I):
                break
            if (ln.heading or is_caps(text)) and len(text.split()) <= 14 and not find_dates(text) and not NOT_TITLE.search(text):
                names = council_names(text)
                if names and len(names[0]) >= len(tidy_title(text, keep)) - 2:
                    continue  # the publisher's name above the committee's
                heads.append(ln)
        # A heading that names a committee, before one that names the papers ("Public Questions").
        named = next((h for h in heads if COMMITTEE_END.search(tidy_title(_KIND_WORD_AFTER.sub("", h.text), keep))), heads[0] if heads else None)
        if named is not None:
            return Reading(tidy_title(_KIND_WORD_AFTER.sub("", named.text.strip(" .")), keep), named, 0.7, "the committee's heading")
    for i, ln in enumerate(lines[:15]):
        text = dateless(tidy_caps(ln.text, keep))
        # A numbered line is an item of the business ("2 Open Forum"), not the committee's name.
        if COMMITTEE_END.search(text) and len(text.split()) <= 14 and not is_salutation(text) and not council_names(text) \
                and not _SIGNATORY_POST.search(text) and not re.match(r"\(?\d{1,3}[.):]?\s", text):
            if i and split_council_name(lines, i - 1):
                continue  # "Council" under "Nottingham City": the publisher's name, not a committee's
            before = lines[i - 1] if i else None
            # Its first words on the line above, in the same style ("REGENERATION, COMMUNITY AND CULTURE" /
            # "OVERVIEW AND SCRUTINY COMMITTEE").
            if before is not None and before.sheet == ln.sheet and before.heading == ln.heading and is_caps(before.text) == is_caps(ln.text) \
                    and len(before.text.split()) <= 8 and not find_dates(before.text) and not council_names(before.text) \
                    and not COMMITTEE_END.search(before.text) and not NOT_TITLE.search(before.text) and not LABEL.match(before.text) \
                    and (is_caps(ln.text) or CONTINUES.search(before.text)):
                text = f"{tidy_caps(before.text, keep)} {text}"
            return Reading(tidy_title(text, keep), ln, 0.6, "a committee's name in the cover")
    return None


# The paper's kind after the committee's name ("Planning Committee - Minutes", "CABINET: AGENDA"): not the body's.
# ... nor the meeting's public business under it ("CABINET – PUBLIC QUESTION").
_KIND_WORD_AFTER = re.compile(r"\s*[-–—:|]\s*(?:(?:draft|confirmed|printed|unconfirmed|supplementary)\s+)?(?:minutes|agenda(?:\s+pack)?|"
                              r"(?:public|members'?|councillors'?)\s+(?:questions?|statements?|petitions?))\s*$", re.I)
# The minutes' own heading after the body's name, up to the date ("Example Community Council Minutes of a Meeting
# held on ...", "EXAMPLE PARISH COUNCIL MINUTES OF THE PARISH COUNCIL MEETING HELD ON ..."), or alone ("Synopsis of
# the minutes of the meeting held on ..."): the paper's kind, not the body's name.
_OWN_MINUTES_AFTER = re.compile(r"(?:^|\s+)(?:(?:synopsis|summary|extract)\s+of\s+(?:the\s+)?)?minutes?\s+of\s+(?:an?|the)\s+"
                                r"(?:[\w-]+\s+){0,3}?meeting$", re.I)
# "Decision determined at Transport Committee", "decisions to be taken at Policy Committee"
_TAKEN_AT = re.compile(rf"(?i:\b(?:taken|determined|made|agreed)\s+(?:at|by))\s+(?:(?i:the|a)\s+)?(?:(?i:meeting of)\s+(?:(?i:the)\s+)?)?"
                       rf"(?P<body>(?:[A-Z][\w'’,-]*\s+(?:(?:and|&|of|for)\s+)?){{0,8}}?{COMMITTEE_WORD})\b")
_MINUTES_OF_BODY = re.compile(rf"^{MINUTES_OF}(?:the\s+)?(?!(?:a\s+|the\s+)?meeting\b|"
                              r"(?:last|previous)\b)(?P<body>[A-Z].*)$", re.I)


def _own_body(body: str) -> str:
    """The committee, not its council: "Planning Committee of Example District Council" -> "Planning
    Committee"; a meeting of the council itself ("Annual Meeting of Example Parish Council") -> the council."""
    m = re.match(r"^(?P<first>.+?)\s+of\s+(?:the\s+)?(?P<council>[A-Z].*)$", body)
    if not m or not council_names(m["council"]) or len(council_names(m["council"])[0]) < len(m["council"]) - 2:
        return body
    return m["first"] if COMMITTEE_END.search(m["first"]) else m["council"]


def _meeting_of_wrapped(lines: list[Line], i: int) -> str | None:
    """"Meeting (no.448) of Broomhill Community Council", or "Minutes of Meeting (no.436) of" over
    the council's name on the next line: the body that holds the meeting."""
    text = lines[i].text.strip()
    if re.search(r"\bof$", text) and i + 1 < len(lines) and lines[i + 1].sheet == lines[i].sheet:
        text = f"{text} {lines[i + 1].text.strip()}"
    who = meeting_of(text, head_words=6)
    who = dateless(who) if who else None
    return who if who and COMMITTEE_END.search(who) and len(who.split()) <= 10 and not NOT_TITLE.search(who) else None


def _minutes_of_wrapped(lines: list[Line], i: int) -> str | None:
    """"Minutes of the Transport and Connectivity" / "Policy Committee" / "12 September 2024":
    a minutes' heading naming its committee over several lines, up to its date."""
    m = _MINUTES_OF_BODY.match(lines[i].text)
    if not m or not lines[i].heading:
        return None
    body = m["body"]
    for nxt in lines[i + 1:i + 3]:
        if COMMITTEE_END.search(dateless(body)) or not nxt.heading or nxt.sheet != lines[i].sheet:
            break
        if find_dates(nxt.text) or LABEL.match(nxt.text) or NOT_TITLE.search(nxt.text) or len(nxt.text.split()) > 6:
            break
        body = f"{body} {nxt.text}"
    body = dateless(re.split(r"\s+(?:held|on|at)\s", body)[0])
    return body if COMMITTEE_END.search(body) and len(body.split()) <= 14 else None
