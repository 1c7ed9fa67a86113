"""A paper's page lists its metadata: the committee only where the paper is a meeting's (an
inspection or a plan belongs to none, and "Body: not recorded" there says nothing a reader needs)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import build_with_cli, write_corpus

INSPECTION = """Inspection of Exampleshire local authority children's services

Inspection dates: 2 to 6 December 2024

Lead inspector: A Inspector, His Majesty's Inspector

Judgement: Overall effectiveness is good.

1. Children in Exampleshire receive help that is well matched to their needs.

2. Leaders know their services well and act quickly when practice is not good enough.
"""

MINUTES = """Minutes of the meeting of the Cabinet held on Thursday, 30 January 2025

Present: Councillor A Member (Chair), Councillor B Member

1. Apologies

Apologies were received from Councillor C Member.

2. Fostering recruitment

RESOLVED: that the fostering recruitment strategy be approved.
"""


def _meta_rows(site_data: Path, kind: str) -> dict[str, str]:
    docs = json.loads((site_data / "documents.json").read_text(encoding="utf-8"))
    doc = next(d for d in docs if d["kind"] == kind)
    page = (site_data.parent / "documents" / doc["id"] / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="meta">(.*?)</table>', page, re.S)
    assert table, "the paper's page has no metadata table"
    return dict(re.findall(r'<th scope="row">([^<]*)</th><td>([^<]*)</td>', table.group(1)))


def test_an_inspection_lists_no_committee_and_minutes_list_theirs(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"inspection.txt": INSPECTION, "minutes.txt": MINUTES})
    data = build_with_cli(tmp_path, corpus)
    assert "Body" not in _meta_rows(data, "inspection report")
    assert _meta_rows(data, "minutes").get("Body") == "Cabinet"


def test_the_page_says_every_field_read_from_the_paper(tmp_path: Path) -> None:
    """An officer checks what was read, not given: the publisher, the committee and the period too,
    not only the date, title and kind."""
    corpus = write_corpus(tmp_path, {"inspection.txt": INSPECTION, "minutes.txt": MINUTES})
    data = build_with_cli(tmp_path, corpus)
    assert "committee" in _meta_rows(data, "minutes")["Read from the paper itself"].split(", ")
    assert "period" in _meta_rows(data, "inspection report")["Read from the paper itself"].split(", ")
