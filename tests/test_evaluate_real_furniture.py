"""The real-paper scorer's "furniture as findings" (scripts/evaluate_real.py): a labelled piece of
furniture is a leak only where the finding is mostly furniture, not where a body sentence happens
to say the same words (the Dacorum SA report's running header "Interim SA Report" is also words
of its text: "Part 2 of the Interim SA report aims to:")."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import evaluate_real
import pytest
from evaluate_real import furniture_leak, norm


@pytest.mark.parametrize(("want", "finding", "leak"), [
    # A body sentence that says the running header's words: the sentence's, not a leak.
    ("Interim SA Report", "Part 2 of the Interim SA report aims to:", False),
    ("Interim SA Report", "This is the Non-Technical Summary (NTS) of the Interim SA Report.", False),
    # The header alone, or glued onto a few words of text: a leak.
    ("Interim SA Report", "Interim SA Report", True),
    ("Interim SA Report", "Interim SA Report 3", True),
    # Whole words only: a page number "2" is not in "22".
    ("2", "22", False),
    # A long passage of furniture glued onto a paragraph is a leak however long the paragraph.
    ("This document may be reproduced in whole or in part for non-commercial purposes",
     "The council agreed the plan. " * 20 + "This document may be reproduced in whole or in part for non-commercial purposes", True),
])
def test_leak_only_where_the_finding_is_mostly_furniture(want: str, finding: str, leak: bool) -> None:
    assert furniture_leak(norm(want), norm(finding)) is leak


def test_a_sentence_naming_two_furniture_labels_is_no_leak_of_either() -> None:
    # Each label alone is under half the sentence; together they are more, and still the sentence's.
    sentence = norm("This is the Non-Technical Summary (NTS) of the Interim SA Report.")
    assert not furniture_leak(norm("Interim SA Report"), sentence)
    assert not furniture_leak(norm("Non-technical summary"), sentence)


def _finding(fid: str, text: str) -> SimpleNamespace:
    return SimpleNamespace(id=fid, text=text)


def test_score_paper_counts_a_header_in_a_sentence_once_not_as_a_leak() -> None:
    paper = evaluate_real.Paper(name="p.pdf", path=Path("p.txt"), half="tune", label={
        "furniture": [{"text": "Interim SA Report", "what": "running header", "pdf_page": 3},
                      {"text": "Interim SA Report", "what": "running header", "pdf_page": 14},
                      {"text": "Non-technical summary", "what": "running footer", "pdf_page": 4}],
        "metadata": {}})
    doc = SimpleNamespace(sources=[SimpleNamespace(file="p.pdf", pack=None)], title="", date=None, kind=None, publisher=None, body=None,
                          findings=[_finding("a", "Part 2 of the Interim SA report aims to:"),
                                    _finding("b", "This is the Non-Technical Summary (NTS) of the Interim SA Report."),
                                    _finding("c", "Non-technical summary")])
    score = evaluate_real.score_paper(paper, SimpleNamespace(documents=[doc]))
    assert score.counts["furniture as findings"] == [1, 3]
    assert score.furniture_by_what == {"running header": [0, 2], "running footer": [1, 1]}
