"""A run-in heading: a line that opens bold ("Village Hall – ", "2. Legal Advice: ") and goes on in
regular type with the sentence it heads. The sentence is the paragraph's, not the heading's
(paragraphs.group_free, read from `Line.run_in` that pdf_fast sets); a lone such line, or one
whose lines end no sentence (a sign-off's name and post), stays a heading; a bold phrase that a
line break falls inside is the paragraph's emphasis."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.document.extract.pdf import extract_pdf
from ingest.document.extract.pdf_layout import Line, PageLayout, layout_to_blocks


def _line(x0: float, top: float, text: str, bold: bool = False, run_in: bool = False) -> Line:
    return Line(x0=x0, top=top, bottom=top + 12, text=text, bold=bold or run_in, size=12.0, run_in=run_in)


def _blocks(lines: list[Line]) -> list[tuple[str, str]]:
    body = [_line(72, 100 + 14 * i, f"The committee is asked to note line {i} of the summary of this report in full.") for i in range(6)]
    blocks = layout_to_blocks([PageLayout(number=1, width=595.0, height=842.0, lines=body + lines)])
    return [(b.type, b.text) for b in blocks]


def test_a_run_in_heading_keeps_its_sentence_in_one_paragraph() -> None:
    got = _blocks([_line(72, 220, "Proposed Staging for Village Hall – A further grant has been received of £1,000 from the", run_in=True),
                   _line(72, 234, "Fund for Wales. The staging has now been ordered."),
                   _line(72, 262, "Village Hall – At the recent AGM three new committee members were elected.", run_in=True)])
    assert ("paragraph", "Proposed Staging for Village Hall – A further grant has been received of £1,000 from the "
                         "Fund for Wales. The staging has now been ordered.") in got


def test_a_numbered_run_in_heading_hangs_its_lines_under_its_text() -> None:
    got = _blocks([_line(42.5, 220, "2. Legal Advice: As this is an update report on progress there are no specific", run_in=True),
                   _line(60.5, 234, "legal implications arising from the report.")])
    assert ("paragraph", "2. Legal Advice: As this is an update report on progress there are no specific "
                         "legal implications arising from the report.") in got


def test_a_sign_off_after_a_run_in_label_stays_apart() -> None:
    got = _blocks([_line(60.5, 220, "Finance Business Partner: Vivi Sargioti, Finance Business Partner - Growth &", run_in=True),
                   _line(60.5, 234, "Regeneration, 15 September 2025")])
    assert ("heading", "Finance Business Partner: Vivi Sargioti, Finance Business Partner - Growth &") in got


def test_a_minute_number_the_paragraph_reader_cannot_read_stays_a_heading() -> None:
    got = _blocks([_line(72, 220, "2470. Finance:- Amount spent to end of March 2018 on Revenue £7,397, Capital", run_in=True),
                   _line(72, 234, "£5,911 making a total of £13,308.")])
    assert ("heading", "2470. Finance:- Amount spent to end of March 2018 on Revenue £7,397, Capital") in got


def test_a_bold_phrase_a_line_break_falls_inside_is_the_paragraphs() -> None:
    got = _blocks([_line(72, 220, "In accordance with the Regulations this Statement gives notice that on 7", bold=False),
                   _line(72, 234, "November 2023 the Council adopted the Employment and Skills Supplementary", run_in=True),
                   _line(72, 248, "Planning Document.")])
    assert ("paragraph", "In accordance with the Regulations this Statement gives notice that on 7 November 2023 the "
                         "Council adopted the Employment and Skills Supplementary Planning Document.") in got


def test_pdf_fast_reads_a_line_bold_at_its_start_only_as_a_run_in_heading(tmp_path: Path) -> None:
    pdf = tmp_path / "run-in.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    t = c.beginText(72, 700)
    t.setFont("Helvetica-Bold", 12)
    t.textOut("Village Hall – ")
    t.setFont("Helvetica", 12)
    t.textLine("A further grant has been received of £1,000 from the")
    t.textLine("Fund for Wales.")
    c.drawText(t)
    c.save()
    blocks = [(b.type, b.text) for b in extract_pdf(pdf).blocks]
    assert blocks == [("paragraph", "Village Hall – A further grant has been received of £1,000 from the Fund for Wales.")]
