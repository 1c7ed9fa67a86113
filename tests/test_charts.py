"""Text drawn inside a chart is a labelled layer, not findings (issue 14: the WECA outturn
report's bar charts gave "Employee Costs", "60,000" as findings). PDFs drawn here with
reportlab: a bar chart, a column chart and a pie are found from their drawing; a ruled table
of figures and a boxed paragraph, drawn in the same kind of frame, are not charts."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.document.extract.charts import chart_lines
from ingest.document.extract.pdf_fast import iter_layout_fast
from ingest.pipeline import BuildOptions, build

BODY = ["1. The Committee is asked to note the outturn position for the year set out below.",
        "2. Spending on employees was close to the budget, as the chart beside it shows."]
CATEGORIES = ["Employee Costs", "Premises Costs", "Supplies and Services", "Recharge Income"]


def _frame(c: canvas.Canvas, x: float, y: float, w: float, h: float) -> None:
    c.rect(x, y, w, h, stroke=1, fill=0)


def _bar_chart(c: canvas.Canvas, top: float) -> None:
    """Horizontal bars from one baseline, category names at the left, ticks along the bottom."""
    _frame(c, 90, top - 220, 450, 220)
    for k, (name, length) in enumerate(zip(CATEGORIES, (180, 40, 120, 20))):
        y = top - 40 - 36 * k
        c.setFont("Helvetica", 9)
        c.drawRightString(225, y + 3, name)
        c.rect(230, y, length, 12, stroke=0, fill=1)
        c.drawString(235 + length, y + 3, f"{length * 100:,}")
    c.drawString(225, top - 205, "0 5,000 10,000 15,000 20,000")


def _column_chart(c: canvas.Canvas, top: float) -> None:
    """Columns from one baseline, a vertical axis of ticks one a line."""
    _frame(c, 90, top - 220, 420, 220)
    c.setFont("Helvetica", 9)
    for k, v in enumerate(range(0, 50_000, 10_000)):
        c.drawString(95, top - 200 + 36 * k, f"{v:,}" if v else "-")
        c.line(140, top - 197 + 36 * k, 500, top - 197 + 36 * k)
    for k, h in enumerate((30, 70, 110, 150)):
        c.rect(160 + 80 * k, top - 197, 40, h, stroke=0, fill=1)
    c.drawString(170, top - 212, "22/23 23/24 24/25 25/26")


def _pie(c: canvas.Canvas, top: float) -> None:
    _frame(c, 90, top - 220, 450, 220)
    c.setFont("Helvetica", 9)
    for k, (start, extent) in enumerate(((0, 120), (120, 90), (210, 80), (290, 70))):
        c.wedge(150, top - 190, 300, top - 40, start, extent, stroke=1, fill=1)
        c.drawString(380, top - 50 - 20 * k, f"Theme {'ABCD'[k]}")
        c.drawString(320, top - 60 - 20 * k, f"{extent * 30:,}, {extent * 100 // 360}%")


def _ruled_table(c: canvas.Canvas, top: float) -> None:
    """A table of figures in the same frame: rows of cells that tile it."""
    _frame(c, 90, top - 150, 450, 150)
    c.setFont("Helvetica", 9)
    for k, row in enumerate((("Employee Costs", "23,457", "23,916", "102%"), ("Premises Costs", "1,433", "1,279", "89%"),
                             ("Supplies", "27,672", "17,263", "62%"), ("Recharge Income", "(6,226)", "(3,895)", "63%"))):
        y = top - 30 - 30 * k
        c.line(90, y - 8, 540, y - 8)
        for x, cell in zip((95, 300, 380, 460), row):
            c.drawString(x, y, cell)
    for x in (290, 370, 450):
        c.line(x, top, x, top - 150)


def _boxed_paragraph(c: canvas.Canvas, top: float) -> None:
    _frame(c, 90, top - 100, 450, 100)
    c.setFont("Helvetica", 10)
    for k, text in enumerate(("Key decision: the Committee agreed the revised budget for the", "year, and asked officers to",
                              "report back in June.", "Contact: the finance team")):
        c.drawString(95, top - 20 - 16 * k, text)
    for k in range(4):
        c.rect(100 + 100 * k, top - 95, 80, 10, stroke=1, fill=0)


def _pdf(path: Path, draw: list) -> None:  # type: ignore[type-arg]
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    for k, line in enumerate(BODY):
        c.drawString(72, 780 - 18 * k, line)
    top = 720.0
    for fn in draw:
        fn(c, top)
        top -= 260
    c.showPage()
    c.save()


def test_charts_are_found_from_their_drawing(tmp_path: Path) -> None:
    _pdf(tmp_path / "charts.pdf", [_bar_chart, _column_chart])
    page = next(iter_layout_fast(tmp_path / "charts.pdf"))
    found = chart_lines(page)
    assert {i for _, i in found} == {0, 1}
    texts = {ln.text for ln, _ in found}
    assert {"40,000", "0 5,000 10,000 15,000 20,000"} <= texts
    assert all(any(t.startswith(name) for t in texts) for name in CATEGORIES)  # the bar's value beside it
    assert not any(t.startswith(("1.", "2.")) for t in texts)  # the body text above stays text


def test_a_pie_is_found_by_its_slices(tmp_path: Path) -> None:
    _pdf(tmp_path / "pie.pdf", [_pie])
    found = chart_lines(next(iter_layout_fast(tmp_path / "pie.pdf")))
    assert "Theme A" in {ln.text for ln, _ in found}


def test_a_ruled_table_and_a_boxed_paragraph_are_no_charts(tmp_path: Path) -> None:
    _pdf(tmp_path / "table.pdf", [_ruled_table, _boxed_paragraph])
    assert chart_lines(next(iter_layout_fast(tmp_path / "table.pdf"))) == []


def test_chart_text_is_kept_as_a_layer_end_to_end(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _pdf(corpus / "outturn.pdf", [_bar_chart, _column_chart])
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", executor="serial", render=False))
    doc = result.corpus.documents[0]
    charts = [b for b in doc.furniture if b.role == "chart text"]
    assert len(charts) == 2 and "Employee Costs" in charts[0].text and charts[0].pdf_page == 1
    texts = [f.text for f in doc.findings]
    assert not any(t.startswith(tuple(CATEGORIES)) or t == "40,000" or "10,000" in t for t in texts)
    assert any(t.startswith("The Committee is asked to note") for t in texts)



def _ticks_outside_the_frame(c: canvas.Canvas, top: float) -> None:
    """Columns in a plot frame, the axis's ticks set flush right outside it, some negative."""
    _frame(c, 130, top - 200, 400, 190)
    c.setFont("Helvetica", 9)
    for k, v in enumerate(range(-2000, 2001, 1000)):
        c.drawRightString(124, top - 196 + 45 * k, f"{v}")
    for k, h in enumerate((30, -40, 60, 80)):
        c.rect(160 + 80 * k, top - 105, 40, h, stroke=0, fill=1)


def _bars_without_a_frame(c: canvas.Canvas, top: float) -> None:
    """Columns from one baseline with no frame drawn round them, ticks at their left, years under."""
    c.setFont("Helvetica", 9)
    for k, v in enumerate(range(0, 101, 25)):
        c.drawRightString(124, top - 196 + 45 * k, f"{v}")
    for k, h in enumerate((60, 120, 90, 170)):
        c.rect(140 + 90 * k, top - 193, 50, h, stroke=0, fill=1)
    c.drawString(150, top - 208, "2013/14 2014/15 2015/16 2016/17")
    c.drawString(40, top - 100, "Per cent")


def test_ticks_outside_a_frame_and_bars_without_one_are_chart_text(tmp_path: Path) -> None:
    """Bug (the West Sussex heart disease profile, its deprivation indices): ticks set flush right
    ("100" starts left of "25"), outside the plot frame, or negative ("-1000"), and bars drawn with
    no frame, gave each tick a finding of its own. They are chart text; the body stays text."""
    _pdf(tmp_path / "axes.pdf", [_ticks_outside_the_frame, _bars_without_a_frame])
    found = chart_lines(next(iter_layout_fast(tmp_path / "axes.pdf")))
    texts = {ln.text for ln, _ in found}
    assert {"-2000", "-1000", "0", "1000", "2000", "25", "100", "2013/14 2014/15 2015/16 2016/17", "Per cent"} <= texts
    assert {i for _, i in found} == {0, 1}
    assert not any(t.startswith(("1.", "2.")) for t in texts)
