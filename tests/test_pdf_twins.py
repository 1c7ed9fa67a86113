"""A PDF and its text twin give the same findings; the PDF adds page numbers.

Also: the fast path (pypdfium2 for running text, pdfplumber for table pages) gives exactly what
pdfplumber alone gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.config.manifest import load_manifest
from ingest.document.convert import convert_file
from ingest.document.extract import pdf_fast
from ingest.document.extract.pdf_layout import layout_to_blocks
from ingest.document.normalise import normalise_blocks

from .conftest import CORPUS, SHARED_PDFS

TWINS = [
    ("2011-04-11-safeguarding-peer-review-letter.md", "2011-04-11-safeguarding-peer-review-letter.pdf"),
    ("2020-02-26-cypic-peer-review-report.txt", "2020-02-26-cypic-peer-review-report.pdf"),
]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _findings(name: str) -> list[tuple[str, str, tuple[str, ...], str]]:
    doc = convert_file(CORPUS / name, load_manifest(CORPUS).entry(name)).documents[0]
    return [(f.kind, f.label, tuple(f.section), _norm(f.text)) for f in doc.findings]


@pytest.mark.parametrize(("text_name", "pdf_name"), TWINS)
def test_pdf_gives_same_findings_as_text_twin(text_name: str, pdf_name: str) -> None:
    assert _findings(pdf_name) == _findings(text_name)


@pytest.mark.parametrize("pdf_name", [p for _, p in TWINS])
def test_pdf_findings_all_have_pages(pdf_name: str) -> None:
    doc = convert_file(CORPUS / pdf_name, None).documents[0]
    pages = [f.page for f in doc.findings]
    assert all(p is not None for p in pages)
    assert pages == sorted(pages), "pages run in reading order"


@pytest.mark.parametrize("pdf_name", [p for _, p in TWINS])
def test_running_headers_and_footers_removed(pdf_name: str) -> None:
    doc = convert_file(CORPUS / pdf_name, None).documents[0]
    for f in doc.findings:
        assert not re.search(r"\bAgenda Item \d+\b|\bPage \d+\b", f.text), f.text[:80]


@pytest.mark.parametrize("pdf_name", [p for _, p in TWINS])
def test_fast_path_matches_pdfplumber_everywhere(pdf_name: str) -> None:
    path = CORPUS / pdf_name
    fast = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path))))
    every = set(range(50))
    slow = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path, layout_pages=every))))
    assert [b.model_dump() for b in fast] == [b.model_dump() for b in slow]  # table rows and cells included


def test_lines_joined_across_cells_are_split_as_word_by_word_reading_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a bordered page pdfium joins cells side by side on one baseline into one line; the fast
    reader splits only those lines into words. It must give what reading every word gives."""
    path = CORPUS / "2011-04-11-safeguarding-peer-review-letter.pdf"
    split = []
    char_words, fast_lines = pdf_fast._char_words, pdf_fast._fast_lines

    def counting(*args: object, **kwargs: object) -> list[pdf_fast.Word]:
        split.append(args)
        return char_words(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_fast, "_char_words", counting)
    fast = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path))))
    assert split, "the letter's table has cells that pdfium joins on one line"
    monkeypatch.setattr(pdf_fast, "_fast_lines", lambda textpage, text, height, rules=None: (
        pdf_fast.words_to_lines(char_words(textpage.raw, text, height)) if rules
        else fast_lines(textpage, text, height)))
    every_word = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path))))
    assert [b.model_dump() for b in fast] == [b.model_dump() for b in every_word]


@pytest.mark.skipif(not SHARED_PDFS.is_dir(), reason="../shared/pdfs is not beside this checkout")
def test_bundled_pdfs_are_the_shared_renderings() -> None:
    for p in SHARED_PDFS.glob("*.pdf"):
        assert (CORPUS / p.name).read_bytes() == p.read_bytes()


def test_pdf_page_is_printed_page(tmp_path: Path) -> None:
    doc = convert_file(CORPUS / "2020-02-26-cypic-peer-review-report.pdf", None).documents[0]
    by_label = {f.label: f for f in doc.findings}
    assert by_label["19"].page == 3 and by_label["29"].page == 4 and by_label["45 a"].page == 7


def _platypus_table_pdf(path: Path) -> None:
    """A table as reportlab's platypus draws it: a stroked grid (lines, not filled rectangles),
    each cell a wrapped paragraph, the table split across two pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    rows = [[Paragraph(f"<b>{h}</b>", body) for h in ("Area", "Good practice", "For further consideration")]]
    for i in range(14):
        rows.append([Paragraph(f"Area {i}: looked after children", body),
                     Paragraph("The team saw strong partnership working with schools. " * (1 + i % 3), body),
                     Paragraph("Caseloads were variable and supervision was not always recorded. " * (1 + (i + 1) % 3), body)])
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("1. The review team met officers and partners over three days.", body), Spacer(1, 12),
        Table(rows, colWidths=[120, 170, 170], style=grid), Spacer(1, 12),
        Paragraph("2. The council should evidence the outcomes of its work with children.", body)])


def test_a_stroked_grid_table_split_across_pages_reads_row_by_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "grid.pdf"
    _platypus_table_pdf(path)
    blocks = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path))))
    assert [b.type for b in blocks] == ["paragraph", "table", "table", "paragraph"]
    rows = [[" ".join(p.text for p in c.parts) for c in r.cells] for b in blocks if b.type == "table" for r in b.rows]
    assert rows[0] == ["Area", "Good practice", "For further consideration"]
    assert [r[0] for r in rows[1:]] == [f"Area {i}: looked after children" for i in range(14)]
    assert all(r[1].startswith("The team saw") and r[2].startswith("Caseloads were") for r in rows[1:])
    # The pdfplumber reference reads the same (bug: it saw only filled rectangles, not a stroked
    # grid, and read this table as fifteen paragraphs).
    plumber = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path, layout_pages={0, 1, 2}))))
    assert [b.model_dump() for b in blocks] == [b.model_dump() for b in plumber]
    # And the same as reading every word of the bordered pages.
    char_words, fast_lines = pdf_fast._char_words, pdf_fast._fast_lines
    monkeypatch.setattr(pdf_fast, "_fast_lines", lambda textpage, text, height, rules=None: (
        pdf_fast.words_to_lines(char_words(textpage.raw, text, height)) if rules
        else fast_lines(textpage, text, height)))
    every_word = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path))))
    assert [b.model_dump() for b in blocks] == [b.model_dump() for b in every_word]


def _unit_size_pdf(path: Path) -> None:
    """Text set as many PDF writers set it: the font at 1 pt, scaled to 10 pt by the text matrix."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    lines = ["The heading of the paper", "1. The council received 412 referrals in the year, a rise of",
             "twelve per cent on the year before, and answered each in time.", "",
             "2. The board asked for a report on the referrals next year."]
    y = 760.0
    for text in lines:
        if text:
            t = c.beginText()
            t.setFont("Helvetica", 1)
            t.setTextTransform(10, 0, 0, 10, 72, y)
            t.textOut(text)
            c.drawText(t)
        y -= 13
    c.showPage()
    c.save()


def test_a_font_set_at_one_point_and_scaled_by_the_matrix_reads_at_its_printed_size(tmp_path: Path) -> None:
    # Word's own export and designers' tools set every font at 1 pt and scale it with the text
    # matrix; pdfium's font size leaves the matrix out, pdfplumber's does not. Read at 1 pt, the
    # line pitch (13) was thirteen times the size, and the pitch rules counted no line gap at all.
    path = tmp_path / "unit.pdf"
    _unit_size_pdf(path)
    fast = next(pdf_fast.iter_layout_fast(path))
    plumber = next(pdf_fast.iter_layout_fast(path, layout_pages={0}))
    assert [round(ln.size) for ln in fast.lines] == [round(ln.size) for ln in plumber.lines] == [10, 10, 10, 10]
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    textpage = page.get_textpage()
    words = pdf_fast._char_words(textpage.raw, textpage.get_text_range(), page.get_size()[1])
    assert {round(w.size) for w in words} == {10}  # the words unruled tables are read from, too
    textpage.close()
    page.close()
    pdf.close()
