"""The dates a reader looks a paper up by: when it was published, and the period it reviewed.

A review reported to committee in February 2020 about a visit in November 2019 is "the 2019
review": the follow-through register calls it that, so the documents list, the search filters,
the theme timelines and the register's filter must find it under 2019 too, and say both dates."""

from __future__ import annotations

import datetime as dt

from ingest.document.infer import long_date
from ingest.model import Document

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _part_words(part: str) -> str:
    """"2019-11" -> "November 2019"; "2016-04-01" -> "1 April 2016"; "2019" -> "2019"."""
    bits = part.split("-")
    try:
        if len(bits) == 3:
            return long_date(dt.date(int(bits[0]), int(bits[1]), int(bits[2])).isoformat())
        if len(bits) == 2:
            return f"{_MONTHS[int(bits[1]) - 1]} {int(bits[0])}"
        return str(int(bits[0]))
    except (ValueError, IndexError):
        return part


def period_words(period: str | None) -> str:
    """A reporting period as a reader says it: "November 2019", "1 April 2016 to 31 March 2017"."""
    if not period:
        return ""
    start, _, end = period.partition("/")
    return f"{_part_words(start)} to {_part_words(end)}" if end else _part_words(start)


def period_year(d: Document) -> str | None:
    """The year the period a paper reviewed ended in ("2019" for a review of November 2019
    reported in 2020), or None without a readable period."""
    if not d.period:
        return None
    end = d.period.rpartition("/")[2] or d.period
    year = end[:4]
    return year if year.isdigit() and len(year) == 4 else None


def listed_year(d: Document) -> str:
    """The one year a paper is listed and charted under: the year of the period it reviewed, else
    the year it is dated ("undated" with neither)."""
    return period_year(d) or (d.date or "undated")[:4]


def listed_years(d: Document) -> list[str]:
    """Every year a reader may look a paper up by (filters): its period's and its date's."""
    years = [listed_year(d)]
    if d.date and d.date[:4] not in years:
        years.append(d.date[:4])
    return years


def date_line(d: Document) -> str:
    """Its date, and the period it reviewed where that is another year: "26 February 2020
    (reviewing November 2019)"."""
    published = long_date(d.date)
    year = period_year(d)
    if year and (not d.date or d.date[:4] != year):
        return f"{published} (reviewing {period_words(d.period)})"
    return published
