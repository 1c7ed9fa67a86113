"""A raised ordinal ("8th", "6TH") stays on its day's line: pdfium breaks a line where a superscript
rises well above the day (a cover's large date), and the date and title read from it need it whole."""

from __future__ import annotations

from pathlib import Path

from ingest.document.extract.pdf import extract_pdf
from ingest.document.infer import infer_metadata
from ingest.document.normalise import normalise_blocks


def _agenda_pdf(path: Path) -> None:
    """A community council's agenda whose cover sets the meeting's date large, its ordinal raised 5 pt
    and smaller, each piece drawn on its own as word processors write a superscript."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 16)
    c.drawString(72, 760, "Meeting (no.449) of")
    c.drawString(72, 740, "Exampleton Community Council")
    x = 72.0
    for text, size, rise in (("8", 16, 0), ("th", 10.7, 5), (" April 2026", 16, 0)):
        c.setFont("Helvetica", size)
        c.drawString(x, 715 + rise, text)
        x += c.stringWidth(text, "Helvetica", size)
    c.setFont("Helvetica", 12)
    c.drawString(72, 690, "Exampleton Primary School Library")
    c.setFont("Helvetica-Bold", 15)
    c.drawString(72, 660, "Agenda")
    c.setFont("Helvetica", 12)
    for k, item in enumerate(("Welcome", "Introductions", "Sederunt and apologies", "Previous Minutes", "Police Report"), start=1):
        c.drawString(72, 640 - 18 * k, f"{k}. {item}")
    c.save()


def test_a_raised_ordinal_stays_with_its_day(tmp_path: Path) -> None:
    pdf = tmp_path / "agenda.pdf"
    _agenda_pdf(pdf)
    blocks = normalise_blocks(extract_pdf(pdf).blocks)
    assert any("8th April 2026" in b.text for b in blocks), [b.text for b in blocks]
    assert infer_metadata(blocks).date == "2026-04-08"



def test_a_raised_footnote_reference_stays_on_its_line() -> None:
    """Regression (issue 14, batch 4's Salford JTAI letter, tuning): a footnote's reference raised
    after a sentence's stop ("in Salford.¹ This"), where pdfium broke the line before it, so the rest
    of the line sorted above the line it ends and cut the next sentence in two."""
    import pytest
    from evaluate_real import paper_file

    pdf = paper_file("ofsted-salford-jtai-2016.pdf", "fetched")
    if pdf is None:
        pytest.skip("the fetched real papers are not on this machine (see tests/realpapers/SOURCES.tsv)")
    text = " ".join(b.text for b in normalise_blocks(extract_pdf(pdf).blocks))
    assert "neglect in Salford.1 This inspection included a ‘deep dive’ focus" in text
