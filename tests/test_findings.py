"""Findings on the real seeds: what an officer would cite, under the right heading and side."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from ingest.config.manifest import load_manifest
from ingest.document.convert import convert_file

from .conftest import CORPUS, LABELLED

LETTER = "2011-04-11-safeguarding-peer-review"


def _doc(name: str):  # type: ignore[no-untyped-def]
    return convert_file(CORPUS / name, load_manifest(CORPUS).entry(name)).documents[0]


@pytest.fixture(scope="module", params=["2011-04-11-safeguarding-peer-review-letter.md", "2011-04-11-safeguarding-peer-review-letter.pdf"])
def letter(request):  # type: ignore[no-untyped-def]
    return _doc(request.param)


def test_letter_overall_lists_and_priorities(letter) -> None:  # type: ignore[no-untyped-def]
    kinds = Counter((f.kind, tuple(f.section)) for f in letter.findings)
    assert kinds[("strength", ("Overall strengths",))] == 8
    assert kinds[("area for consideration", ("Areas for Consideration",))] == 5
    priorities = [f for f in letter.findings if f.kind == "priority"]
    assert [p.label for p in priorities] == ["1", "2", "3", "4", "5"]
    assert priorities[0].text.startswith("Vulnerable Groups – Missing Children")
    assert "gap regarding missing children" in priorities[0].text


def test_letter_table_bullets_under_heading_and_side(letter) -> None:  # type: ignore[no-untyped-def]
    counts = Counter((f.side, f.section[-1]) for f in letter.findings if f.side)
    assert counts == {
        ("good practice", "Legislation and policy"): 6,
        ("good practice", "Leadership, accountability and culture"): 3,
        ("good practice", "Capacity and capability"): 5,
        ("good practice", "Effective practice"): 8,
        ("good practice", "Performance, evaluation and monitoring"): 6,
        ("good practice", "LSCB and working together"): 6,
        ("good practice", "Looked After Children (additional line of enquiry)"): 7,
        ("area for further consideration", "Legislation and policy"): 6,
        ("area for further consideration", "Leadership, accountability and culture"): 6,
        ("area for further consideration", "Capacity and capability"): 9,
        ("area for further consideration", "Effective practice"): 6,
        ("area for further consideration", "Performance, evaluation and monitoring"): 4,
        ("area for further consideration", "LSCB and working together"): 5,
        ("area for further consideration", "Looked After Children (additional line of enquiry)"): 6,
    }
    first = next(f for f in letter.findings if f.side == "area for further consideration" and f.section[-1].startswith("Looked After"))
    assert first.label == "bullet 1" and first.kind == "area for consideration"
    assert first.text.startswith("It was evident from interviews that only a minority of councillors understood the role of Corporate Parenting")


def test_letter_pdf_has_pages_text_has_none() -> None:
    pdf = _doc("2011-04-11-safeguarding-peer-review-letter.pdf")
    text = _doc("2011-04-11-safeguarding-peer-review-letter.md")
    assert all(f.page is not None for f in pdf.findings)
    assert all(f.page is None for f in text.findings)
    lac = next(f for f in pdf.findings if f.side == "area for further consideration" and f.section[-1].startswith("Looked After"))
    assert lac.page == 7  # "only a minority of councillors" starts on page 7 of the PDF


@pytest.mark.parametrize("case", yaml.safe_load((LABELLED / "page_joins.yaml").read_text(encoding="utf-8")),
                         ids=lambda c: f"{c['file']}:{c['contains'][:30]}")
def test_page_split_text_is_joined(case: dict) -> None:
    doc = _doc(case["file"])
    hits = [f for f in doc.findings if case["contains"] in f.text]
    assert len(hits) == 1, f"expected one finding containing {case['contains']!r}"
    if "section" in case:
        assert hits[0].section[-len(case["section"]):] == case["section"]
    if "label" in case:
        assert hits[0].label == case["label"]


def test_cypic_report_kinds() -> None:
    doc = _doc("2020-02-26-cypic-peer-review-report.txt")
    by_label = {f.label: f for f in doc.findings}
    assert [by_label[f"3 {c}"].kind for c in "abcdef"] == ["key line of enquiry"] * 6
    assert [by_label[f"31 {c}"].kind for c in "abcdef"] == ["top tip"] * 6
    assert all(by_label[str(n)].kind == "action" for n in range(38, 44))
    assert by_label["44"].kind == "recommendation"
    assert by_label["19"].kind == "finding"
    assert "Recognising Senior Leaders" in by_label["28"].text  # the paragraph after 28 continues it


def test_annual_report_recommendations_and_numbered_paragraphs() -> None:
    doc = _doc("2017-iro-annual-report-2016-17.md")
    labels = [f.label for f in doc.findings]
    assert "1.1.1" in labels and "6.13" in labels and "7.14" in labels
    recs = [f for f in doc.findings if f.kind == "recommendation" and f.label in ("1", "2", "3")]
    assert len(recs) == 3 and recs[0].text.startswith("Note the areas of positive performance")


def test_ids_are_unique_and_stable(tmp_path: Path) -> None:
    a = [f.id for f in _doc("2011-04-11-safeguarding-peer-review-letter.md").findings]
    b = [f.id for f in _doc("2011-04-11-safeguarding-peer-review-letter.md").findings]
    assert a == b and len(set(a)) == len(a)
    assert f"{LETTER}/consider-looked-after-children-1" in a and f"{LETTER}/good-practice-lscb-and-working-together-6" in a
