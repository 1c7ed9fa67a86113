"""The furniture of forms (an equality impact assessment, a decision form, a cover sheet): the
fields that say who completed, reviewed or signed the form and when, and the header fields that
only state its metadata. Read by `furniture_blocks.set_apart`, with the name test it shares.

- a clearance line: "Label: Name Date: when" ("Name of finance officer consulted: Steve Williams
  Date consulted 11/02/25", "Officer completing this assessment: A. Officer Date: June 2025"),
  the name and the date the whole of the values, or the template's placeholders for them still
  unfilled ("Service Director sign off: (Please insert name) Date: (Please insert Date)");
- a signature's line: "Signed on behalf of Example Parish Council Dated:";
- a sign-off table: a form's boxes of sign-off fields ("Director Sign-Off: name, post" / "Date:
  22/08/2024"), every row a field of who signed or reviewed it, or a date;
- a cover's field rows: on the cover, before the body starts, a table's rows of "Label: value"
  fields whose values are names ("Directorate: Growth and Regeneration | Lead Officer name:
  ..."), and a cover line whose value is only a date or a span of dates ("Dates of previous
  inspection: 24 to 28 January 2022").
"""

from __future__ import annotations

import re

from ingest.datewords import MONTH_STEM
from ingest.document.metadata.dates import DMY, MDY, NUMERIC, NUMERIC_RANGE, RANGE
from ingest.document.numbering import parse_label
from ingest.model import Block, Row

# Words that join the capitalised words of a name, a post or an address ("Director of Finance and
# Governance", "Head of Paid Service").
JOINERS = frozenset({"of", "and", "for", "the", "to", "at", "in", "on", "&"})
_NAME_WORD = re.compile(r"^(?:[A-Z0-9(][\w'’().-]*|[\w'’.-]*\d[\w'’.-]*)$")
SENTENCE_END = re.compile(r"[.!?][\"”’)]*$")
MONTH_YEAR = re.compile(rf"\b(?:{MONTH_STEM})[a-z]*\.?,?\s+(?:19|20)\d{{2}}\b", re.I)
# A clearance line, a form's "label: value" pairs saying who signed or was consulted and when:
# "Name of finance officer consulted: Steve Williams Date consulted 11/02/25", "Signed: J Smith
# Date: 12 March 2024". The name and the date are the whole of the values.
_CLEARANCE = re.compile(r"^(?P<label>[A-Za-z][^:]{1,60}):\s*(?P<who>[A-Z(\[].*?)\s+(?i:date)(?P<dlabel>(?:\s+[a-z]+){0,3})\s*:?\s*(?P<when>\S.*)$")
# A template's placeholder left unfilled: "(Please insert name)", "[insert date]", "(enter date)".
_PLACEHOLDER = re.compile(r"^[(\[]\s*(?:please\s+)?(?:insert|enter|add|state)\b[^()\[\]]{0,30}[)\]]$", re.I)
# A field's label that says the form was signed off, reviewed or approved.
_SIGN_OFF_LABEL = re.compile(r"\bsign(?:ed)?[\s-]*off\b|\bsignature\b|\bsigned\b|\bapproved\b|\bauthori[sz]ed\b|\breview(?:ed)?\b|\bcleared\b",
                             re.I)
_FIELD = re.compile(r"^(?P<label>[A-Z][^:|]{1,60}):\s*(?P<value>.*)$")
_DATE_FIELD = re.compile(rf"\bdated?\s*:?\s*(?:{RANGE.pattern}|{DMY.pattern}|{MDY.pattern}|{NUMERIC.pattern}|{MONTH_YEAR.pattern}|"
                         r"[(\[]\s*(?:please\s+)?(?:insert|enter|add)\b[^()\[\]]{0,30}[)\]])", re.I)
# Who signed or reviewed, before their name: "Reviewed by Equality and Inclusion Team".
_BY = re.compile(r"^(?:reviewed|approved|agreed|signed|authori[sz]ed|cleared)\s+by\s+", re.I)


def words_of(text: str) -> list[str]:
    return re.findall(r"[\w'’().&-]+", text)


def names_only(text: str, most: int) -> bool:
    """At most `most` words, all capitalised or numbers but the joiners: a name, a post, an
    address, not a sentence."""
    words = words_of(text)
    if len(words) > most or SENTENCE_END.search(text.strip()):
        return False
    return all(w.lower() in JOINERS or _NAME_WORD.match(w) for w in words)


def _a_date(text: str) -> bool:
    return any(d.fullmatch(text) for d in (DMY, MDY, NUMERIC, MONTH_YEAR))


def clearance_line(text: str) -> bool:
    """A sign-off set out as a form's fields: a label, a person's name (two words or more), and the
    date, a full one or a month (see _CLEARANCE), or the template's placeholders for either; a
    paragraph number before it is the paper's numbering, not a word of it."""
    label = parse_label(text)
    m = _CLEARANCE.match(label.rest if label is not None and label.rest else text)
    if m is None or len(m["label"].split()) > 8:
        return False
    when, who = m["when"].strip(" ."), m["who"].strip()
    return ((_a_date(when) or bool(_PLACEHOLDER.match(when)))
            and (bool(_PLACEHOLDER.match(who)) or (len(who.split()) >= 2 and names_only(who, 5))))


# A signature's line with the signer's fields left to fill in: "Signed on behalf of Example Parish
# Council Dated:", "Signed for and on behalf of the Trust", "Signed by the Chair".
_SIGNED_FOR = re.compile(r"^signed\s+(?:(?:for\s+and\s+)?on\s+behalf\s+of|for|by)\s+(?P<who>.+?)(?:\s+dated?\s*:?)?\s*$", re.I)


def signed_for(text: str) -> bool:
    """A signature's line: who signs for whom (names and posts only, no sentence), and perhaps
    an empty "Dated:" beside it."""
    m = _SIGNED_FOR.match(text)
    return m is not None and names_only(m["who"], 10)


# Who prepared the paper, as a cover credits them on a line of its own: "Report drafted by
# Directorate of Public Health, Health and Social Care Commissioning.", "Prepared by: Example
# Consultants Ltd", "Produced for Example Council". Only names follow: "Prepared by officers
# in consultation with the Chair, the report sets out ..." is a sentence, and stays.
_CREDIT = re.compile(r"^(?:(?:report|document|paper|assessment|study|audit)\s+)?"
                     r"(?:prepared|written|compiled|produced|drafted|commissioned|authored)\s+(?:by|for)\s*:?\s+(?P<who>\S.*)$", re.I)


def credit_line(text: str) -> bool:
    """A cover's credit line: who prepared the paper (or for whom), names and posts only."""
    m = _CREDIT.match(text.strip())
    return m is not None and names_only(re.sub(r"[,;:–—|/]", " ", m["who"]).rstrip(" ."), 14)


def _row_text(row: Row) -> str:
    return " | ".join(c.text for c in row.cells if c.text)


def _sign_off_fields(row: Row) -> tuple[bool, bool]:
    """(whether the row holds only sign-off fields and dates, whether one names a sign-off)."""
    named = False
    for cell in row.cells:
        rest = _DATE_FIELD.sub(" ", cell.text).strip(" |")
        if not rest:
            continue  # a date, or the placeholder for one
        m = _FIELD.match(rest)
        if m is None or len(m["label"].split()) > 8 or not _SIGN_OFF_LABEL.search(m["label"]):
            return False, False
        if not names_only(_BY.sub("", m["value"].strip()), 12):
            return False, False
        named = True
    return True, named


def sign_off_table(table: Block) -> bool:
    """A form's sign-off boxes: every row's cells a sign-off field (a label naming a sign-off, a
    review or an approval, with a name or a post) or a date, one at least a sign-off."""
    rows = [r for r in table.rows if _row_text(r)]
    fields = [_sign_off_fields(r) for r in rows]
    return bool(rows) and all(ok for ok, _ in fields) and any(named for _, named in fields)


def cover_field_rows(table: Block) -> set[int]:
    """The indices of a cover table's rows that are only "Label: value" fields naming things (a
    directorate, a lead officer, a title): each cell one field, its value a name of a few words."""
    out = set()
    for i, row in enumerate(table.rows):
        cells = [c.text for c in row.cells if c.text]
        fields = [_FIELD.match(t) for t in cells]
        if cells and all(m is not None and len(m["label"].split()) <= 5 and m["value"].strip()
                         and names_only(m["value"], 10) for m in fields):
            out.add(i)
    return out


# A cover's field whose value is only a date or a span of dates, whatever its label says ("Dates
# of previous inspection: 24 to 28 January 2022", "Date of publication: 3 March 2024").
_DATED_FIELD = re.compile(r"^(?P<label>[A-Z][A-Za-z'’ ]{2,60}):\s*(?P<value>\S.*)$")


def dated_field(text: str) -> bool:
    m = _DATED_FIELD.match(text)
    if m is None or len(m["label"].split()) > 6:
        return False
    value = m["value"]
    for date in (RANGE, NUMERIC_RANGE, DMY, MDY, NUMERIC, MONTH_YEAR):  # spans first, then whole dates
        value = date.sub(" ", value)
    return value != m["value"] and not value.strip(" ,.;-–")
