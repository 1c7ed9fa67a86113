"""The cover's lines as the title and body rules read them alike: what names a committee, a
label ("Subject:", "Report to:"), a line that is never a title (a person, an address, a telephone
number, a running header), a generic title, and the tidying of a line into a title."""

from __future__ import annotations

import re

from ingest.document.metadata.classify import is_salutation
from ingest.document.metadata.councils import council_names
from ingest.document.metadata.dates import DMY, MDY, NUMERIC, find_dates
from ingest.document.metadata.lines import (
    MINUTES_OF,
    NOTICE_OF_MEETING,
    PLAN_ASSESSMENT,
    WEEKDAY,
    Line,
    Reading,
    is_caps,
    tidy_caps,
)
from ingest.document.metadata.publisher import UNIVERSITY
from ingest.textutil import PHONE_NUMBER

COMMITTEE_WORD = r"(?:Committee|Board|Panel|Cabinet|Executive|Council|Forum|Partnership|Sub-Committee|Group|Commission)"
COMMITTEE_END = re.compile(rf"\b{COMMITTEE_WORD}\s*$")
MINUTES_OF_A_MEETING = re.compile(rf"^{MINUTES_OF}(?:a|the)\s+(?:\w+\s+)?meeting\s+of\s+(?:the\s+)?"
                         r"(?P<body>.+?)\s+(?:held|which was held|on|at|in)\b", re.I)
NOTICE_OF = re.compile(rf"^{NOTICE_OF_MEETING} of (?:the )?(?P<body>.+)$", re.I)
REPORT_TO = re.compile(r"^report to (?:the )?(?P<body>[^:]+)$", re.I)
LABEL = re.compile(r"^(?P<key>subject|title|title of (?:the )?report|report title|re|ref|regarding|to|report to|meeting|committee|"
                    r"decision maker|decision taker|body)(?:\s*:|\s+[-–])\s*(?P<value>.*)$", re.I)
REPORT_OF = re.compile(r"^report (?:of|by|from)\b(?!\s*:)(?!\s+(?:the\s+)?(?:key\s+|main\s+)?findings\b)", re.I)
WEEKDAY_OR_DATE = re.compile(rf"\s*(?:[-–—,|]\s*)?\b(?:{WEEKDAY}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))", re.I)

# Lines that are furniture or a cover's labels, never a title.
NOT_TITLE = re.compile(
    r"^(?:from|to|by|cc|lead inspector|inspectors?|author|contact|contact officer|report author|ask for|tel|telephone|t|e|email|"
    r"e-mail|fax|url|web|website|www|our ref|your ref|date|time|venue|place|classification|electoral divisions?|wards?|"
    r"decision no|key decision|page|agenda item|item|enclosure|present|presennol|apologies|ymddiheuriadau|in attendance|"
    r"members|councillors)\b\s*[:.\d]?|"
    # An appendix's number alone ("Appendix 4"); not an appendix's own title line ("Appendix 9 - Transport Implications").
    r"^(?:appendix|annex)\b(?!(?:\s+[\w.]{1,5})?\s*[-–—:]\s*[A-Z][a-z])\s*[:.\d]?|"
    # A signatory's post under a planning inspector's name: "an Inspector appointed by the Secretary of State".
    r"\bappointed by the secretary of state\b|"
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
# A line that stops mid-phrase: on a small word, a mark, or a word that must take an object
# ("Integrated Impact Assessment Accompanying" / "Tower Hamlets 2031 ...").
CONTINUES = re.compile(r"(?:\b(?:a|an|the|of|for|and|to|in|on|with|&|at|by|from|accompanying|supporting|regarding|concerning|into|between)|[,:–-])\s*$", re.I)


def open_bracket(text: str) -> bool:
    """Whether a title's text so far has opened a bracket it has not closed: a line broken inside it
    ("IIA Assessments (Proposed Submission Draft City" / "Plan 2036)") stops mid-phrase, as one ending
    on "of" or a comma does, though its last word is a name's."""
    return text.count("(") > text.count(")")


def tidy_title(text: str, keep: set[str]) -> str:
    text = tidy_caps(text.strip(" *#|:–-"), keep)
    # A footnote's number run on to the last word ("... children board1") is not the title's.
    text = re.sub(r"(?<=[a-z]{3})[1-9]$", "", text)
    return " ".join(text.split())


def dateless(text: str) -> str:
    for rx in (DMY, MDY, NUMERIC):
        text = rx.sub("", text)
    return re.sub(r"\s+(?:at\s+)?\d{1,2}[.:]\d{2}\s*(?:am|pm)?.*$", "", text, flags=re.I).strip(" ,–-|")


def is_generic(title: str) -> bool:
    words = re.sub(r"[^\w\s'-]", " ", title.lower())
    words = re.sub(r"\b(?:19|20)\d{2}(?:[-/]\d{2,4})?\b", " ", words)
    return " ".join(words.split()) in _GENERIC or not re.search(r"[a-z]{3}", words)


def titleworthy(ln: Line, publisher: str | None) -> bool:
    text = ln.text.strip(" *#|")
    if len(text) < 4 or len(text.split()) > 30 or NOT_TITLE.search(text):
        return False
    if is_generic(text) or find_dates(text) and (len(dateless(text).split()) < 2 or not re.search(r"[a-z]{3}", dateless(text).lower())):
        return False  # a generic word, a date, or a date beside a reference ("SB 48/2015 20 August 2015")
    if _SENTENCE.search(text):
        return False  # a sentence of the summary ("Summary This report provides ..."), not a title
    names = council_names(text)
    if names and len(names[0]) >= len(tidy_title(text, set())) - 2:
        return False  # the council's name alone: the publisher, not the title
    if publisher and tidy_title(text, set()).lower() == publisher.lower():
        return False
    if _institution_only(text):
        return False  # "Leicester Castle Business School De Montfort University": the author's name
    if is_salutation(text):
        return False  # "Dear Ms Example,": whom a letter is to, not what it is about
    if unit_only(text):
        return False  # "West Sussex Research Unit", "Public Health": the department that wrote it
    # A person's name and post ("Sue Chandler, Cabinet Member for ...") is a signatory.
    return not re.match(r"^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Sir|Dame|Prof)\.?\s", text)


PAPER_WORD = re.compile(r"\b(?:report|review|strategy|plan|policy|annual|assessment|study|evaluation|summary|statement|"
                         r"scheme|survey|analysis|framework|guide|guidance|consultation)\b", re.I)


# A report's type under its name, set smaller: "10 Year Impact Report 2012-2022", "Final Report",
# "Annual Review 2023/24", "Statistical Bulletin".
REPORT_TYPE_LINE = re.compile(r"^(?:[\w'’-]+\s+){0,5}(?:report|review|assessment|study|bulletin|audit|evaluation|survey|appraisal)"
                              r"(?:\s+(?:19|20)\d{2}(?:\s*[-/–]\s*(?:19|20)?\d{2})?)*$", re.I)


# A line that is only the type of a planning paper or plan ("Supplementary Planning Document").
PAPER_TYPE_LINE = re.compile(r"^(?:draft\s+)?(?:supplementary planning document|supplementary planning guidance|development plan document|"
                              r"local development scheme|statement of community involvement|neighbourhood plan|(?:local|borough|district) plan|"
                              r"planning brief|design code|masterplan)(?:\s*\([A-Z]{2,5}\))?$", re.I)


# A line naming an assessment of the plan named above it ("Sustainability Appraisal Report", "Habitats
# Regulations Assessment Regulation 18"): part of the paper's title, however it is set.
ASSESSMENT_LINE = re.compile(rf"^{PLAN_ASSESSMENT}", re.I)


def _institution_only(text: str) -> bool:
    """A cover line that only names a university and its school, with no word of a paper's title."""
    return bool(UNIVERSITY.search(text)) and len(text.split()) <= 10 and not PAPER_WORD.search(text) \
        and all(w[:1].isupper() or w.lower() in ("of", "the", "and", "&") for w in text.split())


# A cover line that only names the unit or department that wrote the paper ("Research Unit", "West
# Sussex Research Unit", "Public Health", "Place Directorate"): its author's address, never its title.
# Title-case words (or capitals) ending in the unit's word; not a paper about a unit ("Inspection of
# the Youth Offending Team", "Review of the Research Unit") nor a title with a paper's word in it.
_UNIT_LINE = re.compile(r"^(?:[A-Z][\w'’&,-]*\s+(?:(?:and|of|for|&)\s+)?){0,5}(?:Unit|Department|Directorate|Division|Team)$|"
                        r"^(?:Public Health|Research and Intelligence|Business Intelligence)$")
_ABOUT_A_UNIT = re.compile(r"\b(?:inspection|visit|review|evaluation|audit|restructure|proposals?|changes?)\b", re.I)


def unit_only(text: str) -> bool:
    """Whether a line only names an organisational unit or department (its author, not its title)."""
    text = " ".join(text.split())
    shown = text.title() if is_caps(text) else text
    return len(text.split()) <= 7 and bool(_UNIT_LINE.match(shown)) and not PAPER_WORD.search(text) and not _ABOUT_A_UNIT.search(text)


# A form's field naming what it assesses ("Proposal/Brief Title: Draft Local Plan", "Name of policy:
# ..."): an impact assessment's template has no "Subject:" line. Not a person's "Job Title:".
FORM_TITLE = re.compile(r"^(?P<key>(?:proposal|policy|project|strategy|service|scheme|function)(?:\s*/\s*\w+)?\s+(?:title|name)|"
                         r"(?:title|name) of (?:the )?(?:proposal|policy|project|strategy|service|scheme|function|activity))"
                         r"\s*:\s*(?P<value>.*)$", re.I)


# A report to a meeting ("Committee Report" / "TITLE: Bus Lane Review"): its type is what the cover is, not
# half of its title.
_TO_A_MEETING = re.compile(r"\b(?:committee|cabinet|council|officer|board|panel|scrutiny|executive|decision|meeting)s?\b", re.I)


def form_type(lines: list[Line], field: Line) -> str | None:
    """The assessment a form is, printed at its head above the field that names what it assesses
    ("Equality Impact Assessment [version 2.12]" / "Title: ..."): half of the paper's title. So is the
    type of a summary set over a table of its particulars ("POPE of Major Schemes Summary Report" /
    "Scheme Title: ..."): the field names the scheme, the heading what the paper says of it."""
    for ln in lines[:min(field.index, 5)]:
        text = " ".join(re.sub(r"\[[^\]]*\]", " ", ln.text).split())
        typed = ASSESSMENT_LINE.match(text) or REPORT_TYPE_LINE.match(text) and not is_generic(text) and not _TO_A_MEETING.search(text)
        if ln.within(1) and ln.sheet == field.sheet and typed and len(text.split()) <= 8 and not CONTINUES.search(text):
            return tidy_title(text, set())
    return None


def over_the_text(lines: list[Line], publisher: str | None) -> Reading | None:
    """A paper whose first line, in the body's style, stands over its opening paragraphs ("Example Annual
    CIL Rate Summary 2022" / "In accordance with Regulation 121C ..."): that line is its title, and a
    heading further down the page is one of its sections."""
    if len(lines) < 3 or lines[0].heading or not lines[0].within(1):
        return None
    first, body = lines[0], lines[1:3]
    if len(first.text.split()) > 15 or first.text.rstrip().endswith((".", ":", ";", ",")) or is_salutation(first.text) \
            or not titleworthy(first, publisher) or LABEL.match(first.text) or find_dates(first.text) and not re.search(r"[a-z]{3}", dateless(first.text)):
        return None
    # The text opens at once: sentences, not a cover's lines.
    if not all(not ln.heading and ln.sheet == first.sheet and len(ln.text.split()) >= 15 and ln.text.rstrip().endswith(".") for ln in body):
        return None
    return Reading(tidy_title(first.text, set()), first, 0.55, "the line over the paper's opening paragraphs")


def appendix_name(heads: list[Line], at: int, publisher: str | None) -> list[Line] | None:
    """An appendix's number in a cover's run of headings with its name on the next line ("Appendix 7" /
    "Policy Stories"): an appendix published as a paper of its own, named by both."""
    if not re.fullmatch(r"(?:appendix|annex)\s+[\w.]{1,5}", heads[at].text.strip(), re.I) or at + 1 >= len(heads):
        return None
    name = heads[at + 1]
    if name.index != heads[at].index + 1 or name.sheet != heads[at].sheet or not titleworthy(name, publisher):
        return None
    return [heads[at], name]


def acronym_only(parts: list[Line]) -> bool:
    """A title that is only a body's short name set as a logo ("BSWN"), never the whole title."""
    return len(parts) == 1 and bool(re.fullmatch(r"[A-Z]{2,6}", parts[0].text.strip()))
