"""Text drawn under a banner picture laid over it later is no text of the page: no reader sees it (a
template's old title left under the banner of the bulletin made from it). It is kept as "hidden
text" furniture, and the title is read from what the page shows."""

from __future__ import annotations

from pathlib import Path

from ingest.document.extract.pdf import extract_pdf
from ingest.document.infer import infer_metadata
from ingest.document.normalise import normalise_blocks


def _bulletin_pdf(path: Path, banner_width: float) -> None:
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, _ = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(180, 785, "Bus Passenger Journeys in Exampleshire")  # the template's old title
    banner = Image.new("RGB", (600, 90), (20, 50, 110))
    c.drawImage(ImageReader(banner), (width - banner_width) / 2, 756, width=banner_width, height=82)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(40, 735, "SB 12/2016")
    c.drawString(480, 735, "20 August 2016")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(180, 710, "Young people road casualties, 2015")
    c.setFont("Helvetica", 11)
    y = 685.0
    for k in range(8):
        c.drawString(40, y, f"This Statistical Bulletin is about road traffic casualties amongst young people, part {k + 1}.")
        y -= 14
    c.save()


def test_text_under_a_banner_is_hidden_and_the_title_is_what_the_page_shows(tmp_path: Path) -> None:
    pdf = tmp_path / "bulletin.pdf"
    _bulletin_pdf(pdf, banner_width=580)
    read = extract_pdf(pdf)
    assert [b.text for b in read.furniture if b.role == "hidden text"] == ["Bus Passenger Journeys in Exampleshire"]
    assert not any("Bus Passenger" in b.text for b in read.blocks)
    got = infer_metadata(normalise_blocks(read.blocks))
    assert got.title == "Young people road casualties, 2015", got.provenance.get("title")
    assert got.date == "2016-08-20"


def test_a_picture_the_size_of_its_text_hides_nothing(tmp_path: Path) -> None:
    # A title set as artwork over its own text layer: the reader sees those words.
    pdf = tmp_path / "artwork.pdf"
    _bulletin_pdf(pdf, banner_width=300)
    assert not [b for b in extract_pdf(pdf).furniture if b.role == "hidden text"]
