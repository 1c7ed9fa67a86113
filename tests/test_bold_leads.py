"""A bold lead run into a line ("It is recommended that" in bold, the recommendation in roman) does
not make the line a heading's: the sentence goes on in the lines under it as one paragraph
(pdf_fast reads where a bold line ends; paragraphs._same_type)."""

from __future__ import annotations

from pathlib import Path

from ingest.document.extract.pdf import extract_pdf
from ingest.document.normalise import normalise_blocks


def _paper(path: Path, lead: str, rest: str, after: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    for k in range(6):  # body text at the paper's pitch
        c.drawString(72, 780 - 14 * k, f"The service was reviewed in part {k} of the year and found to be working well for most people.")
    y = 680
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, y, lead)
    c.setFont("Helvetica", 11)
    c.drawString(72 + c.stringWidth(lead, "Helvetica-Bold", 11), y, rest)
    for k, text in enumerate(after, start=1):
        c.drawString(72, y - 14 * k, text)
    c.save()


def _texts(pdf: Path) -> list[tuple[str, str]]:
    return [(b.type, b.text) for b in normalise_blocks(extract_pdf(pdf).blocks)]


def test_a_bold_lead_goes_on_into_its_sentence(tmp_path: Path) -> None:
    """Regression (issue 14, batch 4's HMP Ford health needs assessment, tuning): each
    recommendation's first line, its lead in bold, was a heading, and the sentence was cut."""
    pdf = tmp_path / "paper.pdf"
    _paper(pdf, "It is recommended that", " a proper service level agreement is drawn up by the",
           ["commissioners of this service with clear targets and performance indicators."])
    got = _texts(pdf)
    assert ("paragraph", "It is recommended that a proper service level agreement is drawn up by the commissioners "
            "of this service with clear targets and performance indicators.") in got, got


def test_a_numbered_minutes_bold_title_run_into_its_text_stays_its_heading(tmp_path: Path) -> None:
    pdf = tmp_path / "minutes.pdf"
    _paper(pdf, "2580. Public Forum:", " Mr A Person from Hill Farm attended to explain",
           ["their plans for the property to the council."])
    got = _texts(pdf)
    assert any(t == "heading" and x.startswith("2580. Public Forum:") for t, x in got), got
