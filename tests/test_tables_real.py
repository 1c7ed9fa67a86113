"""Tables and charts of single real papers of the tuning half (issue 14), each built alone by the
product's orchestrator and held to its labels: regressions of fixes found on those papers. A paper
not on this machine is skipped (tests/realpapers/SOURCES.tsv says where each comes from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import evaluate_real
import pytest

from ingest.document.extract.chart_axes import tick_value


def _paper(name: str) -> evaluate_real.Paper:
    paper = next(p for p in evaluate_real.load_labels() if p.name == name)
    assert paper.half == "tune", "no test is to be written from the held-out half"
    if paper.path is None:
        pytest.skip(f"{name} is not on this machine")
    return paper


def _built(paper: evaluate_real.Paper, tmp_path: Path) -> tuple[Any, list[str]]:
    corpus = evaluate_real.build_pdfs([paper.path], tmp_path)
    return corpus, [evaluate_real.norm(f.text) for f in corpus.findings()]


def test_a_striped_table_keeps_its_white_rows(tmp_path: Path) -> None:
    """The West Sussex heart disease profile's key facts: rows shaded and white by turns, the
    column rules drawn white on the shaded rows only. Each shaded row was read as a table of its
    own (the figures without the row's name, "33.0 | - | 30.7 | 40.6") and each white row as
    text; the white gaps are rows of one table now, each row one finding with its names."""
    paper = _paper("west-sussex-2017-06-chd-profile.pdf")
    corpus, texts = _built(paper, tmp_path)
    rows = [r for r in paper.label["tables"] if r.get("pdf_page") == 1]
    assert rows
    assert all(evaluate_real.row_is_whole(r, texts) for r in rows), [r["cells"] for r in rows if not evaluate_real.row_is_whole(r, texts)]
    assert ("Key facts: CHD early mortality (rate per 100,000) | Local: 33.0 | Comparator CCG: - | STP: 30.7 | England: 40.6"
            in [f.text for f in corpus.findings()])


def test_axis_ticks_beside_a_plot_frame_or_bars_without_one_are_chart_text(tmp_path: Path) -> None:
    """The West Sussex heart disease profile's charts set their ticks outside the plot frame
    (set flush right: "100" starts left of "20"), or draw bars with no frame at all: each tick
    was a finding of its own ("75", "50", "25", "0", "100 rate"). So were the West Sussex
    deprivation indices' negative ticks ("-500", "-1000"). They are the charts' text now."""
    for name in ("west-sussex-2017-06-chd-profile.pdf", "west-sussex-2011-05-indices-of-deprivation-2010.pdf"):
        corpus, _ = _built(_paper(name), tmp_path / name)
        ticks = [f.text for f in corpus.findings() if tick_value(f.text.split()[0]) is not None and len(f.text.split()) < 3]
        assert not ticks, (name, ticks)
    charts = [b.text for d in corpus.documents for b in d.furniture if b.role == "chart text"]
    assert any("-500" in t for t in charts)


def test_a_row_opening_with_a_printed_item_label_is_whole_under_that_label(tmp_path: Path) -> None:
    """Scorer (the Manordeilo and Salem minutes' accounts for payment): a payment row's first cell
    opens with its item's printed label, "i) Manordeilo Reading Room ..., Chq No 1231 | £24.50".
    The segmenter reads it as item i of minute 12, the label off its text, and the row was
    counted broken; it is whole when one finding carries the label and the rest, in order."""
    row = {"cells": ["i) Manordeilo Reading Room, Chq No 1231", "£24.50"], "header": ["", ""]}
    text = evaluate_real.norm("Manordeilo Reading Room, Chq No 1231 £24.50")
    assert evaluate_real.row_is_whole(row, [text], ["12 i"])
    assert not evaluate_real.row_is_whole(row, [text], ["12 ii"])
    assert not evaluate_real.row_is_whole(row, [text])
    assert not evaluate_real.row_is_whole({"cells": ["A new road", "£5"]}, [evaluate_real.norm("new road £5")], ["a"])
    paper = _paper("mscc-2017-10-11-minutes.pdf")
    corpus = evaluate_real.build_pdfs([paper.path], tmp_path)
    findings = corpus.findings()
    texts, labels = [evaluate_real.norm(f.text) for f in findings], [f.label for f in findings]
    assert all(evaluate_real.row_is_whole(r, texts, labels) for r in paper.label["tables"])


def test_paragraphs_boxed_a_pitch_apart_are_one_finding_each(tmp_path: Path) -> None:
    """The Darlington area SEND inspection's areas for improvement: three paragraphs in one box,
    set a line's pitch apart, were one finding of 971 characters. A paragraph whose last line ends
    a sentence well short of the lines above it ends there: the labelled paragraph is whole."""
    paper = _paper("ofsted-cqc-darlington-area-send-2025.pdf")
    corpus, texts = _built(paper, tmp_path)
    rows = [r for r in paper.label["tables"] if r.get("pdf_page") == 6]
    assert rows and all(evaluate_real.row_is_whole(r, texts) for r in rows)
    assert any(f.text.startswith("Leaders should continue to strengthen the systems and processes to further improve")
               for f in corpus.findings())


def test_a_table_numbered_within_its_chapter_keeps_its_whole_number(tmp_path: Path) -> None:
    """The Fenland HRA's "Table 7.13: ..." and "Table 7.14: ..." on one page were both labelled
    "Table 7": their rows were "Table 7, row 1" twice (ids "table-7-row-1-14", "-15"). A table's
    label is its caption's whole number."""
    corpus, _ = _built(_paper("fenland-2022-08-draft-local-plan-hra-main-report.pdf"), tmp_path)
    labels = [f.label for f in corpus.findings() if f.kind == "table row"]
    assert {"Table 7.13, row 1", "Table 7.14, row 1"} <= set(labels)
    assert "Table 7, row 1" not in labels
