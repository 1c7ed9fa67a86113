"""A line's type size, read from the PDF's characters, reaches the document model (Block.size) and the
title rules: a cover's title is its largest type, whatever font size the PDF reports."""

from __future__ import annotations

from pathlib import Path

from ingest.document.extract.pdf import extract_pdf
from ingest.document.infer import infer_metadata
from ingest.document.normalise import normalise_blocks


def _cover_pdf(path: Path) -> None:
    """A cover set the way many design tools write it: every font at 1 pt, scaled to its printed size by
    the text matrix (pdfium reports a font size of 1 for all of it), the title in large plain type over
    three lines, the paper's type under it, the client and date smaller, then a page of body text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 700.0
    for text, size in (("Exampleton Bridge Signals", 32), ("Junction and Car Park VMS", 32), ("Project", 32),
                       ("Full Business Case", 20), ("Example Combined Authority", 16), ("19th August 2022", 11)):
        t = c.beginText()
        t.setFont("Helvetica", 1)
        t.setTextTransform(size, 0, 0, size, 72, y)
        t.textOut(text)
        c.drawText(t)
        y -= size * 1.3
    c.showPage()
    y = 760.0
    for k in range(12):
        t = c.beginText()
        t.setFont("Helvetica", 1)
        t.setTextTransform(10, 0, 0, 10, 72, y)
        t.textOut(f"This document has been prepared solely as information for the authority, line {k + 1} of its notice.")
        c.drawText(t)
        y -= 13
    c.save()


def test_type_size_comes_from_the_text_matrix_and_names_the_title(tmp_path: Path) -> None:
    pdf = tmp_path / "cover.pdf"
    _cover_pdf(pdf)
    read = extract_pdf(pdf).blocks
    sizes = {b.text: b.size for b in read if b.pdf_page == 1}
    assert sizes["Exampleton Bridge Signals"] == 32.0 and sizes["Full Business Case"] == 20.0 and sizes["19th August 2022"] == 11.0
    assert {b.size for b in read if b.pdf_page == 2} == {10.0}
    got = infer_metadata(normalise_blocks(read))
    assert got.title == "Exampleton Bridge Signals Junction and Car Park VMS Project: Full Business Case", got.provenance.get("title")


def _mixed_sizes_pdf(path: Path) -> None:
    """Lines that mix sizes where the shortcut of `_type_size` looks (first, middle and last
    character): a small symbol first, a raised ordinal last, a small word in the middle, and
    lines in one size throughout."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 760.0
    for runs in ((("*", 6), (" Heading set large", 18)), (("Meeting of 27", 12), ("th", 7)),
                 (("Large", 16), (" s ", 6), ("Large", 16)), (("Body text in one size only.", 11),),
                 (("a", 8), ("BC", 14)), (("x", 11),)):
        t = c.beginText(72, y)
        for text, size in runs:
            t.setFont("Helvetica", size)
            t.textOut(text)
        c.drawText(t)
        y -= 30
    c.save()


def test_type_size_shortcut_gives_the_median_of_five(tmp_path: Path) -> None:
    """Asking three characters where they agree must give what asking all five picks gives."""
    import pypdfium2 as pdfium

    from ingest.document.extract.pdf_fast import _char_size, _type_size

    pdf_path = tmp_path / "mixed.pdf"
    _mixed_sizes_pdf(pdf_path)
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        offset, checked = 0, 0
        for raw in text.split("\r\n"):
            start, offset = offset, offset + len(raw) + 2
            if not raw.strip():
                continue
            stop = start + len(raw.rstrip())
            picks = {start + (stop - 1 - start) * k // 4 for k in range(5)}
            sizes = sorted(s for s in (_char_size(textpage.raw, k) for k in picks) if s is not None)
            assert _type_size(textpage.raw, start, stop) == (sizes[len(sizes) // 2] if sizes else None), raw
            checked += 1
        assert checked == 6
        textpage.close()
        page.close()
    finally:
        pdf.close()


def test_one_matrix_read_gives_the_layout_size_and_the_printed_size(tmp_path: Path) -> None:
    """`_sizes` reads a character's matrix once for both sizes a line needs: they must be what
    reading it twice gave (the font size, or at a unit size the size as shown, clamped to 11-14;
    and `_char_size`), on text set at 1 pt and scaled (the cover) and on text set at its size."""
    import pypdfium2 as pdfium

    from ingest.document.extract import pdfium_bound as fx
    from ingest.document.extract.pdf_fast import _char_size, _sizes

    cover, mixed = tmp_path / "cover.pdf", tmp_path / "mixed.pdf"
    _cover_pdf(cover)
    _mixed_sizes_pdf(mixed)
    checked = 0
    for path in (cover, mixed):
        pdf = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(pdf)):
                textpage = pdf[i].get_textpage()
                handle = fx.handle(textpage.raw)
                for k in range(textpage.count_chars()):
                    font_size = fx.font_size(handle, k)
                    size, printed = _sizes(handle, k, font_size)
                    assert printed == _char_size(handle, k)
                    matrix = pdfium.raw.FS_MATRIX()
                    read = fx.char_matrix(handle, k, fx.pointer_to(matrix))
                    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                    shown = font_size * scale if read and 0 < font_size < 2 else font_size
                    assert size == (11.0 if shown <= 0 else min(shown, 14.0))
                    checked += 1
                textpage.close()
        finally:
            pdf.close()
    assert checked > 100
