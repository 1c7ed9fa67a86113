"""Infer a paper's title, date, kind and body from its text, for papers with no manifest entry."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ingest.model import Block

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\s+(\d{{4}})\b")
PERIOD = re.compile(rf"period from\s+({DATE.pattern})\s+to\s+({DATE.pattern})", re.I)
_COMMITTEE = re.compile(r"(Committee|Board|Panel|Executive|Council)\s*$")


# "March 18, 2025": North American papers (an Ontario township's scanned agenda). Minimal: only
# when a text has no day-first date.
US_DATE = re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+(\d{{4}})\b")


def parse_date(text: str) -> str | None:
    m = DATE.search(text)
    if m:
        day, month, year = int(m.group(1)), m.group(2), int(m.group(3))
    else:
        m = US_DATE.search(text)
        if not m:
            return None
        month, day, year = m.group(1), int(m.group(2)), int(m.group(3))
    try:
        return dt.date(year, _month_number(month), day).isoformat()
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTHS.split("|").index(name) + 1


def long_date(iso: str | None) -> str:
    if not iso:
        return "undated"
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {_MONTHS.split('|')[d.month - 1]} {d.year}"


def _texts(blocks: list[Block], limit: int = 60) -> list[str]:
    return [b.text for b in blocks[:limit] if b.type != "table" and b.text]


def infer_period(blocks: list[Block]) -> str | None:
    for text in _texts(blocks, 80):
        m = PERIOD.search(text)
        if m:
            start, end = parse_date(m.group(1)), parse_date(m.group(5))
            if start and end:
                return f"{start}/{end}"
    return None


def infer_kind(blocks: list[Block]) -> str:
    head = " ".join(_texts(blocks, 40))
    low = head.lower()
    if any(b.text.startswith("Dear ") for b in blocks[:25] if b.type == "paragraph"):
        return "peer-review letter" if "peer review" in low else "letter"
    if "notice of a public meeting" in low or re.search(r"^agenda$", head, re.I | re.M) or any(b.text.upper() == "AGENDA" for b in blocks[:30]):
        return "agenda pack"
    if "committee minutes" in low or sum(1 for b in blocks if b.text.startswith("Resolved:")) >= 2:
        return "minutes"
    if "annual report" in low[:3000]:
        return "annual report"
    if "report of the" in low:
        return "committee report"
    return "report"


def infer_date(blocks: list[Block], kind: str) -> str | None:
    if kind == "annual report":
        period = infer_period(blocks)
        if period:
            return period.split("/")[1]
    for text in _texts(blocks, 30):
        # A line that is only a date (a letter's date, a report's meeting date) is the best evidence.
        if DATE.fullmatch(text.strip().strip("*")) or (DATE.match(text.strip()) and len(text.split()) <= 5):
            return parse_date(text)
        m = re.search(rf"\*\*Date:\*\*\s*\w*,?\s*({DATE.pattern})|^Date:?\s+\w*,?\s*({DATE.pattern})", text)
        if m:
            return parse_date(text)
    for text in _texts(blocks, 30):
        d = parse_date(text)
        if d:
            return d
    return None


def infer_body(blocks: list[Block]) -> str | None:
    for text in _texts(blocks, 15):
        if _COMMITTEE.search(text) and len(text.split()) <= 14 and not text.startswith("Dear"):
            return re.sub(r"^(Notice of a public meeting of|Meeting)\s+", "", text).strip()
    return None


def infer_title(blocks: list[Block], kind: str, period: str | None) -> str:
    texts = _texts(blocks, 60)
    if kind in ("peer-review letter", "letter"):
        for text in texts:
            m = re.search(r"\bthe ((?:[A-Z][\w'’]*\s+){1,6}(?:Peer\s+)?Review)\b", text)
            if m:
                return m.group(1).strip()
    if kind == "annual report":
        acronyms = Counter(re.findall(r"\b([A-Z]{2,5})s?\b", " ".join(texts)[:4000]))
        acro = acronyms.most_common(1)[0][0] if acronyms else ""
        years = ""
        if period:
            y1, y2 = period[:4], period.split("/")[1][:4]
            years = f" {y1}-{y2[2:]}" if y1 != y2 else f" {y1}"
        return f"{acro} Annual Report{years}".strip()
    headings = [b.text for b in blocks[:30] if b.type == "heading"]
    for i, text in enumerate(texts):
        if text.startswith("Report of") and i + 1 < len(texts):
            return texts[i + 1].strip("* ")
    for text in headings:
        if not _COMMITTEE.search(text) and not DATE.search(text) and len(text.split()) >= 2 and text.lower() not in ("summary", "agenda"):
            return re.sub(r"^Notice of a public meeting of\s+", "Agenda: ", text)
    return texts[0][:80] if texts else "Untitled paper"
