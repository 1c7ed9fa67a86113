"""PDF extraction with page numbers.

pypdfium2 opens every file first: it is fast and gives clear errors for encrypted, damaged and
empty files. Pages are then read for layout (words with positions, fonts and table borders);
each pdfplumber page is closed straight after use, because pdfplumber keeps every parsed
object alive until then and a long agenda pack would otherwise pile up memory.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from ingest.errors import IngestError
from ingest.extract import Extracted
from ingest.extract.pdf_layout import PageLayout, layout_to_blocks
from ingest.model import OcrPage


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open with pypdfium2, or raise an actionable IngestError (empty, encrypted, damaged)."""
    if path.stat().st_size == 0:
        raise IngestError("E003", file=path.name)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise IngestError("E001", file=path.name) from exc
        raise IngestError("E002", file=path.name, detail=msg) from exc
    if len(pdf) == 0:
        pdf.close()
        raise IngestError("E003", file=path.name)
    return pdf


def extract_pdf(path: Path) -> Extracted:
    from ingest.extract.pdf_fast import iter_layout_fast

    # One open for checking and reading: opening twice cost a seventh of the time on short papers.
    pdf = open_pdf(path)
    try:
        n = len(pdf)
        pages = list(iter_layout_fast(path, pdf=pdf))
        # Page by page: a typed report with a scanned letter or appendix OCRs only those pages.
        scanned = [i for i, page in enumerate(pages) if _needs_ocr(pdf, i, page)]
        ocr_pages = _read_scans(path, pdf, pages, scanned) if scanned else []
    finally:
        pdf.close()
    if not any(page.lines for page in pages):
        if scanned and all(not p.read and p.error is None for p in ocr_pages):
            raise IngestError("E200", file=path.name, pages=_numbers(scanned))
        if scanned and len(scanned) == n:
            raise IngestError("E202", file=path.name, count=n)
        raise IngestError("E004", file=path.name)  # no text layer, and nothing drawn to OCR
    blocks = layout_to_blocks(pages)
    return Extracted(blocks=blocks, format="pdf", page_count=n, ocr_pages=ocr_pages)


def _needs_ocr(pdf: pdfium.PdfDocument, index: int, layout: PageLayout) -> bool:
    from ingest.extract import ocr

    if sum(len(line.text) for line in layout.lines) >= ocr.MIN_TEXT_CHARS:
        return False  # the common case, decided without loading the page again
    page = pdf[index]
    try:
        return ocr.image_share(page) >= ocr.MIN_IMAGE_SHARE
    finally:
        page.close()


def _read_scans(path: Path, pdf: pdfium.PdfDocument, pages: list[PageLayout], scanned: list[int]) -> list[OcrPage]:
    """Put each scanned page's OCR'd lines in place of its (near-empty) text layer."""
    from ingest.extract import ocr
    from ingest.extract.ocr_run import page_records, read_pages

    results = read_pages(path, pdf, scanned)
    for i, got in results.items():
        if isinstance(got, dict):
            pages[i] = ocr.page_layout(got, i + 1)
    return page_records(results)


def _numbers(indices: list[int]) -> str:
    return ", ".join(str(i + 1) for i in indices)
