"""Reading order on pages set in columns (ingest/document/extract/columns.py), on lines as a PDF
reader gives them: where each starts and ends, at what height."""

from __future__ import annotations

from ingest.document.extract.columns import reading_order
from ingest.document.extract.pdf_layout import Line

WIDTH = 842.0  # a landscape A4 page, as designed reports and summaries are set


def _line(x0: float, top: float, text: str, x1: float) -> Line:
    return Line(x0=x0, top=top, bottom=top + 10, text=text, bold=False, size=10.0, x1=x1)


def _column(x0: float, x1: float, top: float, n: int, name: str, pitch: float = 12.0) -> list[Line]:
    return [_line(x0, top + pitch * i, f"{name} line {i} of the column goes on here", x1) for i in range(n)]


def _runs(lines: list[Line]) -> list[list[str]]:
    runs, _ = reading_order(lines, WIDTH)
    return [[ln.text for ln in run] for _, run in runs]


def test_columns_on_their_own_baselines_are_read_one_after_the_other() -> None:
    # The right column's baselines sit 4 points below the left one's (Dacorum's and Nottingham's
    # designed pages): level to the eye, not to 2 points.
    left = _column(72, 400, 100, 10, "left")
    right = _column(475, 770, 104, 10, "right")
    runs = _runs(left + right)
    assert [ln.text for ln in left] in runs
    assert [ln.text for ln in right] in runs


def test_a_bullet_out_in_its_columns_margin_stays_in_that_column() -> None:
    # Each column's bullets start left of its text (a glyph, then the hanging indent): the
    # bullet of the right column is not read into the left one, nor the left one's its own run.
    left = [_line(72, 100, "• Development quantum – the standard method defines the", 400),
            *_column(93, 400, 112, 8, "left")]
    right = [_line(460, 102, "─ Mix of sites – aside from the garden town there is a need", 770),
             *_column(475, 770, 114, 8, "right")]
    runs = _runs(left + right)
    assert [ln.text for ln in left] in runs
    assert [ln.text for ln in right] in runs


def test_lines_above_a_column_that_starts_lower_are_the_column_beside_it() -> None:
    # Two columns at the top of the page, three under a picture: the middle column's lines above
    # the third column run across the third one's edge, and are still the middle column's.
    left = _column(56, 326, 130, 16, "left", pitch=15.6)
    middle_top = _column(382, 768, 130, 7, "middle", pitch=15.6)
    middle_low = _column(382, 560, 284, 12, "middle low", pitch=15.6)
    third = _column(594, 770, 284, 12, "third", pitch=15.6)
    runs = _runs(left + middle_top + middle_low + third)
    assert [ln.text for ln in left] in runs
    assert [ln.text for ln in middle_top + middle_low] in runs
    assert [ln.text for ln in third] in runs


def test_a_paragraph_across_the_page_under_the_columns_ends_them() -> None:
    left = _column(72, 400, 100, 10, "left")
    right = _column(475, 770, 100, 10, "right")
    across = _line(72, 240, "Both programmes are reported to the committee every quarter of the year.", 700)
    runs = _runs(left + right + [across])
    assert runs == [[ln.text for ln in left], [ln.text for ln in right], [across.text]]


def test_columns_with_baselines_half_a_line_apart_do_not_halve_the_line_pitch() -> None:
    # A designed report's two columns, the right one's baselines half a line below the left
    # one's (Nottingham's brochure): sorted by height alone, every gap was half the line pitch,
    # that half became the paper's pitch, and each column's paragraphs were cut at every line, for
    # good where a line ends before a capital ("the largest Local" / "Enterprise Partnerships").
    from ingest.document.extract.layout_records import PageLayout
    from ingest.document.extract.paragraphs import group_lines, modal_pitch

    intro = [_line(72, 200 + 16 * i, f"line {i} of a paragraph across the page above the columns", 770) for i in range(3)]
    left = [_line(380, 300 + 16 * i, f"line {i} of the left column's paragraph", 560) for i in range(6)]
    right = [_line(594, 308 + 16 * i, f"line {i} of the right column's paragraph", 780) for i in range(6)]
    pitch = modal_pitch([PageLayout(1, WIDTH, 595.0, intro + left + right)])
    assert pitch == 16.0
    assert group_lines(left, pitch) == [left]
    assert group_lines(right, pitch) == [right]


def _letter_page() -> list[Line]:
    body = ["The consultants have been engaged by the council to carry out an independent",
            "audit of the impact assessment of its local plan review at each stage of its",
            "preparation, to help ensure that it complies with the statutory requirements and",
            "takes account of best practice guidance. The assessment was undertaken by the",
            "council with the consultants auditing it to ensure that both the plan and the",
            "assessment comply with the relevant legal and statutory requirements in full.",
            "As a result of the pandemic and changes to the use classes, final changes were",
            "made to the plan, and the consultants helped the council to update the final",
            "version of the assessment to reflect these changes before it was published in",
            "full for the consultation that the council held over the following six weeks."]
    panel = [(270, "Our reference"), (286, "6824"), (306, "Date"), (322, "17 March 2021"), (342, "Address"),
             (358, "250 Station Road"), (370, "London SE1 8RD")]
    lines = [Line(x0=181, top=264 + 12 * i, bottom=273 + 12 * i, text=t, bold=False, size=9.0) for i, t in enumerate(body)]
    lines += [Line(x0=51, top=y, bottom=y + 9, text=t, bold=False, size=9.0) for y, t in panel]
    return lines


def test_a_letterheads_panel_beside_the_first_page_is_read_after_the_letter() -> None:
    # A consultant's letter sets its reference, date and address in a panel left of its first
    # paragraphs; read line by line with them, "Our reference" and "6824" ran into the sentences.
    lines = _letter_page()
    runs, _ = reading_order(lines, 595.0, first_page=True)
    texts = [[ln.text for ln in run] for _, run in runs]
    assert texts[0] == [ln.text for ln in lines[:10]]
    assert texts[1] == [ln.text for ln in lines[10:]]
    # On a later page such a column of short lines is a form's labels: read with their rows.
    assert len(reading_order(lines, 595.0)[0]) == 1


# ---- on PDFs made here, through the fast reader (pdf_fast) and the layout (pdf_layout)

def _texts(path: object) -> list[str]:
    from pathlib import Path

    from ingest.document.extract.pdf import extract_pdf
    from ingest.document.normalise import normalise_blocks

    assert isinstance(path, Path)
    return [b.text for b in normalise_blocks(extract_pdf(path).blocks)]


def _two_columns_pdf(path: object) -> None:
    """A designed summary on a landscape page: two columns whose baselines line up (each line of
    the left one has a line of the right one on its baseline), the left column's paragraphs at a
    12-point pitch with a numbered list of one-line items between them at 17.5 points."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    height = landscape(A4)[1]
    c.setFont("Helvetica", 10)
    left = ["For each area, consideration is given to the ways of allocating the site",
            "options in combination in order to deliver a reasonable number of homes",
            "across the plan period. Twelve growth scenarios were defined in all:"]
    items = [f"{k}. Higher growth at the town of Exampleton, scenario {k}" for k in range(1, 9)]
    tail = ["The appraisal serves to suggest that the first scenario performs quite poorly",
            "overall. This is a low growth scenario in which the housing requirement might",
            "be set at a figure below the local housing need for the whole of the district."]
    right = [f"Right column line {k}: the appraisal of the scenarios goes on here at length" for k in range(16)]
    tops = [74 + 12 * k for k in range(3)] + [118 + 17.5 * k for k in range(8)] + [270 + 12 * k for k in range(3)]
    # Each column drawn whole, the left one first (as Dacorum's page is): pdfium keeps the two
    # apart, though each line of the right one sits on a left line's baseline.
    for top, text in zip(tops, left + items + tail):
        c.drawString(72, height - top, text)
    right_tops = tops + [tops[-1] + 12 * k for k in range(1, len(right) - len(tops) + 1)]
    for top, text in zip(right_tops, right):
        c.drawString(460, height - top, text)
    c.save()


def test_two_columns_on_one_baseline_with_a_spaced_list_are_read_column_by_column(tmp_path: object) -> None:
    # Dacorum's SA summary (tuning): the left column's list, one-line items set further apart than
    # its paragraphs' lines, made it look like a table's column of cells; the page was read line by
    # line across both columns ("... the first scenario performs quite poorly Right column line 11").
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    pdf = tmp_path / "columns.pdf"
    _two_columns_pdf(pdf)
    text = " ".join(_texts(pdf))
    assert "The appraisal serves to suggest that the first scenario performs quite poorly overall." in text, text
    assert "Right column line 0: the appraisal of the scenarios goes on here at length Right column line 1:" in text, text


def _side_heading_pdf(path: object) -> None:
    """A statistical release's last page: a side heading of three short lines in the left margin,
    level with the first lines of the paragraph beside it, drawn after the paragraph (so pdfium
    keeps them apart); then links, and the licence at the foot below a wide gap."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    for page in range(2):
        c.setFont("Helvetica", 11)
        if page == 0:
            for k in range(30):
                c.drawString(114, height - (70 + 14 * k), f"Line {k} of the release's findings on road casualties in Wales goes on.")
            c.showPage()
            continue
        body = ["Statistics on road casualties for Wales in 2014 were first published on 4 June",
                "and are being followed by a number of statistical bulletins that are meant to",
                "give users more information. Most of these bulletins focus on particular groups",
                "of road users that are either at higher risk or are more vulnerable as casualties."]
        for k, text in enumerate(body):
            c.drawString(114, height - (70 + 14 * k), text)
        for k, text in enumerate(["Links to", "further", "information:"]):
            c.drawString(42, height - (70 + 14 * k), text)
        lines = ["Related publications are available from the following link:",
                 "http://gov.wales/statistics-and-research/?topic=Transport",
                 "In addition to these statistical publications a new website will shortly be",
                 "available, which gives the statistics on road safety in a new format. The",
                 "road safety tool will show where casualties were, by the type of road user,",
                 "for the local authority areas across Wales, in a map, and will let users view",
                 "their own choice of road accident data on the map. The website will be",
                 "available in both English and Welsh and a link to it will be given here:",
                 "http://gov.wales/statistics-and-research/?topic=Transport",
                 "Results for Great Britain were published by the Department for Transport in",
                 "June in the reported road casualties main results; available from the link:",
                 "https://www.gov.uk/government/organisations/department-for-transport",
                 "Road accident statistics for Wales will be added to the StatsWales website:",
                 "https://statswales.wales.gov.uk"]
        for k, text in enumerate(lines):
            c.drawString(114, height - (140 + 16 * k), text)
        c.setFont("Helvetica", 12)
        c.drawString(42, height - 500, "All content is available under the Open Government Licence v3.0, except where otherwise")
        c.drawString(42, height - 514, "stated.")
        c.drawString(42, height - 528, "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
    c.save()


def test_a_side_heading_beside_the_last_pages_text_is_read_before_it(tmp_path: object) -> None:
    # Wales's road casualties release, its last page (tuning): the page was taken whole for a back
    # page (its links and "published" counted with the licence at its foot), and the side
    # heading's lines, read by height, ran into the paragraph beside them.
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    pdf = tmp_path / "release.pdf"
    _side_heading_pdf(pdf)
    texts = _texts(pdf)
    text = " ".join(texts)
    want = ("Statistics on road casualties for Wales in 2014 were first published on 4 June and are being followed by a"
            " number of statistical bulletins that are meant to give users more information.")
    assert want in text, texts
    assert "Open Government Licence" not in text, texts
    assert any(t.startswith("Links to further information:") for t in texts), texts
