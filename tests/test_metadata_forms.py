"""Metadata round 2, end to end through the build: the cover layouts the first rules misread
(each paper written here, in the test, in a layout met on real councils' papers), and a paper
dated only by its month."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.pipeline import BuildOptions, build

from .conftest import build_with_cli, write_corpus

PARISH = """Example Parish Council - 12th November 2019

Present Councillors A (Chair), B and C. Clerk D.

19.11.01 Apologies were received from Councillor E.

19.11.03 Minutes The minutes of the meeting held on the 3rd September 2019 had been circulated and were agreed as a true record.

19.11.04 The council agreed to repair the village green drainage before the spring.

Signed _ Dated 7th January 2020
"""

COVER_TABLE = """Meeting: Cabinet Date: 11 March 2026 Subject: Resource Requirements for the Finance Team Report Of: Head of Paid Service Wards Affected: All Key Decision: No

# FOR GENERAL RELEASE

# 1.0 Purpose of Report

1.1 To note the recommendations of the review of the finance team and the structure proposed for it.
"""

TWO_LINE_COMMITTEE = """# REGENERATION, COMMUNITY AND CULTURE

# OVERVIEW AND SCRUTINY COMMITTEE

# 12 DECEMBER 2013

# EXAMPLETON CYCLE ACTION PLAN (2014 – 2017) -

# CONSULTATION

Report from: A Person, Director of Regeneration, Community and Culture

Summary This report provides details of the provisional Cycling Action Plan, which is currently out for consultation.

1.1 The plan supports the priorities of the Exampleton Council Plan and the local transport plan.

3.1 Exampleton Council adopted its last Cycling Action Plan in 2005, and cycling to stations has grown since.

3.2 Exampleton Council counts cyclists at eighteen places on the local network every day.
"""

CONSULTANT = """# Exampleshire

# Local Housing Need

# Assessment

Example Research Services | The Strand • Swansea • SA1 1AF | 01792 535300 | www.ers.example.uk

Executive Summary

Consultation Draft: September 2025

1. Exampleshire Council commissioned Example Research Services (ERS) to assess the housing the area needs.

2. The assessment finds that 4,332 homes a year are needed over the plan period.
"""

AGENDA = """# EXAMPLE CITY COUNCIL

# CABINET COMMITTEE - GROUP COMPANY GOVERNANCE

# TUESDAY, 13 NOVEMBER 2018 AT 15:00 HOURS IN COMMITTEE ROOM 2

# A G E N D A

1 APOLOGIES To receive any apologies for absence from members of the committee.

2 DECLARATIONS OF INTERESTS Members are reminded that they must declare all relevant interests.
"""

DECISIONS = """Decision Recording Form

Decision determined at Example Transport Policy Committee

meeting on 12 September 2024 Committee Members present:

(a) Subject: Parking review (agenda item 7)

(d) Decision taken: The Committee approved a review of parking charges across the city this year.
"""

ANNUAL = """# Exampleton City

# Council

# Civil Enforcement

# Annual Report

# 2023-2024

## Overview

The council enforces parking restrictions to keep traffic moving and streets safe for everyone.
"""


def test_cover_layouts_the_first_rules_misread(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"parish.txt": PARISH, "cover.md": COVER_TABLE, "cycle.md": TWO_LINE_COMMITTEE, "agenda.md": AGENDA,
                                     "decisions.txt": DECISIONS, "annual.md": ANNUAL})
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", render=False, executor="serial"))
    docs = {d.sources[0].file: d for d in result.corpus.documents}
    # Minutes are signed at the next meeting: "Signed ... Dated 7th January 2020" is not their date.
    p = docs["parish.txt"]
    assert (p.kind, p.date, p.body, p.title, p.publisher) == (
        "minutes", "2019-11-12", "Example Parish Council", "Example Parish Council minutes, 12 November 2019", "Example Parish Council")
    # A cover table that comes out as one line of labels: read label by label, not "For General Release".
    c = docs["cover.md"]
    assert (c.kind, c.title, c.date, c.body) == ("committee report", "Resource Requirements for the Finance Team", "2026-03-11", "Cabinet")
    assert c.provenance["title"].line == "Subject: Resource Requirements for the Finance Team"
    # The committee over two lines is the body; the title is above "Report from:", not the summary under it.
    y = docs["cycle.md"]
    assert y.title == "Exampleton Cycle Action Plan (2014 – 2017) - Consultation"
    assert y.body == "Regeneration, Community and Culture Overview and Scrutiny Committee"
    assert (y.date, y.publisher) == ("2013-12-12", "Exampleton Council")
    assert y.provenance["publisher"].confidence < 0.5  # named often but never as the cover's own: listed for the manifest
    # "A G E N D A" is an agenda.
    a = docs["agenda.md"]
    assert (a.kind, a.title) == ("agenda", "Cabinet Committee - Group Company Governance agenda, 13 November 2018")
    # A decision recording form is a decision record, named by its committee and date.
    d = docs["decisions.txt"]
    assert (d.kind, d.body) == ("decision record", "Example Transport Policy Committee")
    assert d.title == "Example Transport Policy Committee: Decision Recording Form, 12 September 2024"
    # The council's name set over two lines is the publisher; the title over three lines is the title.
    n = docs["annual.md"]
    assert (n.kind, n.publisher, n.title, n.body) == ("annual report", "Exampleton City Council", "Civil Enforcement Annual Report 2023-2024", None)


def test_a_consultants_paper_dated_by_its_month(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"lhna.md": CONSULTANT})
    data = build_with_cli(tmp_path, corpus)
    doc = json.loads((data / "documents.json").read_text(encoding="utf-8"))[0]
    assert (doc["kind"], doc["date"], doc["publisher"], doc["subject"]) == (
        "evidence or assessment", "2025-09", "Example Research Services", "Exampleshire Council")
    assert doc["title"] == "Exampleshire Local Housing Need Assessment" and doc["id"].startswith("2025-09-")
    finding = json.loads((data / "findings.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert "Example Research Services, Exampleshire Local Housing Need Assessment (report, September 2025)" in finding["citation"]
