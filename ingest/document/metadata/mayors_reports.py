"""A Greater London Authority planning report on an application referred to the Mayor of London.

The GLA's planning unit reports to the Mayor on every application of strategic importance a
London borough refers to him ("planning report D&P/0150c/02", stage 1, 2 or 3; a "representation
hearing report" where the Mayor decides it himself). Its letterhead is the GLA's logo, an image;
the cover's text is the report's type and number, its date, the site, "in the London Borough of
Example" and the application's number, over the Acts and the Mayor's Order it is made under
("Town & Country Planning (Mayor of London) Order 2008"). The borough is where the application is
and whose decision the report reviews: the report's subject, never its publisher.
"""

from __future__ import annotations

import re

from ingest.document.metadata.councils import council_names, own_line
from ingest.document.metadata.dates import find_dates
from ingest.document.metadata.lines import Line, Reading

GLA = "Greater London Authority"
# The report's type, opening its cover: "planning report D&P/3060/03", "representation hearing report ...".
_REPORT_TYPE = re.compile(r"^(?:(?:stage\s+[1-3]\s+)?planning|representation\s+hearing)\s+report\b", re.I)
_MAYORS_ORDER = re.compile(r"\(Mayor of London\)\s+Order\b", re.I)
# The borough the application is in, on its own cover line: "in the London Borough of Southwark".
_IN_BOROUGH = re.compile(r"^in\s+the\s+(?:London|Royal)\s+Borough\s+of\b|^in\s+the\s+City\s+of\s+(?:London|Westminster)\b", re.I)


def report_type_line(lines: list[Line]) -> Line | None:
    """The cover line naming the report's type and number, where the paper is a Mayor's planning
    report: its cover opens with the type and cites the Mayor's Order."""
    cover = [ln for ln in lines[:15] if ln.within(1)]
    head = next((ln for ln in cover[:3] if _REPORT_TYPE.match(ln.text.strip())), None)
    # A borough's own report, under its name, that cites the Order (an application referable to the Mayor) is the borough's.
    if head is None or any(own_line(ln) for ln in cover[:head.index]) or not any(_MAYORS_ORDER.search(ln.text) for ln in cover):
        return None
    return head


def mayors_report(lines: list[Line]) -> tuple[Reading, Reading | None] | None:
    """(the GLA, the borough the application is in), for a Mayor's planning report."""
    head = report_type_line(lines)
    if head is None:
        return None
    borough = next((ln for ln in lines[:15] if ln.within(1) and _IN_BOROUGH.match(ln.text.strip())), None)
    names = council_names(borough.text) if borough is not None else []
    subject = Reading(names[0], borough, 0.75, "the borough the referred application is in") if names else None
    return Reading(GLA, head, 0.8, "a planning report to the Mayor of London, under the Mayor's Order"), subject


def mayors_report_title(lines: list[Line]) -> Reading | None:
    """The site, then the report's type and number ("Barking Riverside: planning report D&P/0150c/02"):
    every such report is a planning report, so the site is what tells one from another."""
    head = report_type_line(lines)
    if head is None:
        return None
    site: list[str] = []
    for ln in lines[head.index + 1:head.index + 6]:
        text = ln.text.strip()
        if _IN_BOROUGH.match(text) or not ln.heading or ln.sheet != head.sheet or re.match(r"^planning application\b", text, re.I):
            break
        if find_dates(text) and len(text.split()) <= 4:
            continue  # the report's date, under its type
        site.append(text.rstrip(" ,"))
    if not site:
        return None
    return Reading(f"{', '.join(site)}: {head.text.strip()}", head, 0.8, "a Mayor's planning report: the site and the report's type")
