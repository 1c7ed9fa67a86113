"""A paper's metadata read from its own text, for whatever its manifest entry does not give.

Each field comes from one module of `ingest.document.metadata` (kind, publisher, date and period,
committee, title), in the order they depend on each other, and each keeps where it was read
and how sure the rule is (`Document.provenance`). The manifest still overrides everything: a
field it gives is not inferred at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ingest.document.metadata.body import infer_body
from ingest.document.metadata.classify import infer_kind
from ingest.document.metadata.dates import (
    choose_date,
    choose_period,
    cover_month,
    find_dates,
    is_american,
    last_page_month,
    read_date,
    within_cover_month,
)
from ingest.document.metadata.kinds import MEETING_KINDS, DocumentKind
from ingest.document.metadata.lines import Line, acronyms_in, head_lines
from ingest.document.metadata.publisher import infer_publisher
from ingest.document.metadata.titles import infer_title, most_common_acronym
from ingest.model import Block, Provenance

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
LOW_CONFIDENCE = 0.5  # below this the build report lists the field for a manifest entry


# "March 18, 2025": North American papers (an Ontario township's scanned agenda). Minimal: only
# when a text has no day-first date.
US_DATE = re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+(\d{{4}})\b")


def parse_date(text: str) -> str | None:
    """The first full date printed in `text`, as ISO."""
    found = find_dates(text)
    return found[0].iso if found else None


def long_date(iso: str | None) -> str:
    """"2025-01-30" -> "30 January 2025"; a paper dated only by its month, "2025-09" -> "September 2025"."""
    if not iso:
        return "undated"
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        return f"{_MONTHS.split('|')[int(iso[5:]) - 1]} {iso[:4]}"
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {_MONTHS.split('|')[d.month - 1]} {d.year}"


@dataclass
class Known:
    """What the manifest already gives (None: infer it)."""

    kind: DocumentKind | None = None
    title: str | None = None
    date: str | None = None
    period: str | None = None
    body: str | None = None
    publisher: str | None = None
    subject: str | None = None


@dataclass
class Inferred:
    kind: DocumentKind
    title: str
    date: str | None
    period: str | None
    body: str | None
    publisher: str | None
    subject: str | None
    provenance: dict[str, Provenance] = field(default_factory=dict)


def _prov(value: str | None, line: Line | None, confidence: float, rule: str) -> Provenance:
    return Provenance(value=value, page=line.page if line else None, pdf_page=line.pdf_page if line else None,
                      line=line.text[:300] if line else None,
                      confidence=round(confidence, 2), rule=rule)


def infer_metadata(blocks: list[Block], known: Known | None = None, page_count: int | None = None) -> Inferred:
    known = known or Known()
    lines = head_lines(blocks)
    prov: dict[str, Provenance] = {}
    keep = acronyms_in(lines)
    american = is_american(lines)  # "March 4, 2025": the paper writes month first, so 03/04/2025 is March

    kind = known.kind
    if kind is None:
        # The cover's headings, not the body's bold paragraphs (a long bold answer is no title).
        cover_heads = [ln.text for ln in lines[:15] if ln.heading and len(ln.text.split()) <= 15]
        kind, confidence, line = infer_kind(lines, cover_heads, page_count)
        prov["kind"] = _prov(kind.value, line, confidence, "the paper's structure and wording")

    publisher, subject = known.publisher, known.subject
    if publisher is None or subject is None:
        def whole() -> str:
            return "\n".join(b.text if b.type != "table" else " ".join(c.text for r in b.rows for c in r.cells) for b in blocks)

        named, about = infer_publisher(lines, kind, whole)
        if publisher is None and named is not None:
            publisher = named.value
            prov["publisher"] = _prov(named.value, named.line, named.confidence, named.rule)
        if subject is None and about is not None and about.value != publisher:
            subject = about.value
            prov["subject"] = _prov(about.value, about.line, about.confidence, about.rule)

    period, period_line = known.period, None  # period_line: where it was printed (None: the cover's headings)
    if period is None:
        got_period = choose_period(lines, kind, " ".join(ln.text for ln in lines[:8] if ln.heading), american)
        if got_period:
            period, period_line = got_period
            prov["period"] = _prov(period, got_period[1], 0.7, "a span of dates printed as the paper's period")

    date = known.date
    if date is None:
        guess = choose_date(lines, kind, american)
        # An annual report's period, printed on its cover, dates it before a month does; one read
        # from its contents or text (another report's year) does not.
        period_on_cover = period is not None and (period_line is None or period_line.within(1))
        dated = None if kind is DocumentKind.INSPECTION_REPORT or kind is DocumentKind.ANNUAL_REPORT and period_on_cover \
            else within_cover_month(lines, guess, american)
        if dated is not None:
            date = dated.value
            prov["date"] = _prov(date, dated.line, dated.confidence, dated.rule)
        elif kind is DocumentKind.ANNUAL_REPORT and period and _period_end(period) and (guess is None or guess.confidence < 0.85):
            # An annual report dated only by its year speaks for the end of its period, unless it
            # prints the month it was published on its back page (a brochure's imprint).
            if (back := last_page_month(blocks)) is not None:
                date = back[0]
                prov["date"] = _prov(date, back[1], 0.45, "a month and year on the back page (no date printed before it)")
            else:
                date = _period_end(period)
                prov["date"] = _prov(date, None, 0.6, "the end of the reporting period (no date printed for it)")
        elif guess is not None:
            date = guess.value
            prov["date"] = _prov(date, guess.line, guess.confidence, guess.rule)
        elif period and kind is DocumentKind.INSPECTION_REPORT:
            date = _period_end(period)
            prov["date"] = _prov(date, None, 0.6, "the last day of the inspection")
        elif (month := cover_month(lines)) is not None:
            date = month[0]
            prov["date"] = _prov(date, month[1], 0.5, "a month and year on the cover (no full date printed)")
        elif (back := last_page_month(blocks)) is not None:
            date = back[0]
            prov["date"] = _prov(date, back[1], 0.45, "a month and year on the back page (no date printed before it)")
        else:
            prov["date"] = _prov(None, None, 0.0, "no date printed that the rules could read")

    # The committee a paper is for qualifies a generic title ("Transport Committee: Forward plan"),
    # but only a meeting's papers belong to it: an inspection's "Local Area Partnership", a plan's
    # "Council" or a letter's addressee would list the paper on the meetings page.
    committee = known.body
    if committee is None:
        got_body = infer_body(lines, kind, keep, publisher)
        if got_body:
            committee = got_body.value
            if kind in MEETING_KINDS:
                prov["body"] = _prov(committee, got_body.line, got_body.confidence, got_body.rule)
    body = committee if known.body is not None or kind in MEETING_KINDS else None

    title = known.title
    if title is None:
        got_title = infer_title(lines, kind, body=committee, date_text=long_date(date) if date else "", publisher=publisher,
                                subject=subject, keep=keep)
        title = got_title.value
        if kind is DocumentKind.ANNUAL_REPORT and got_title.confidence < 0.35:  # no printed title, only a first line
            title = _annual_title(lines, period, publisher)
            prov["title"] = _prov(title, None, 0.45, "an annual report: the acronym it is about and its years")
        else:
            prov["title"] = _prov(title, got_title.line, got_title.confidence, got_title.rule)
    return Inferred(kind=kind, title=title, date=date, period=period, body=body, publisher=publisher, subject=subject,
                    provenance=prov)


def _period_end(period: str) -> str | None:
    end = period.split("/")[-1]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", end):
        return end
    return read_date(f"31 December {end[:4]}") if re.fullmatch(r"\d{4}", end) else None


def _annual_title(lines: list[Line], period: str | None, publisher: str | None) -> str:
    acro = most_common_acronym(lines)
    years = ""
    if period:
        y1, y2 = period[:4], period.split("/")[1][:4]
        years = f" {y1}-{y2[2:]}" if y1 != y2 else f" {y1}"
    title = f"{acro} Annual Report{years}".strip()
    return f"{publisher}: {title}" if publisher else title
