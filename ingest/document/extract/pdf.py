"""PDF extraction with page numbers.

pypdfium2 opens every file first: it is fast and gives clear errors for encrypted, damaged and
empty files. Pages are then read for layout (words with positions, fonts and table borders);
each pdfplumber page is closed straight after use, because pdfplumber keeps every parsed
object alive until then and a long agenda pack would otherwise pile up memory.
"""

from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path

import pypdfium2 as pdfium

from ingest.bounds import Bounds, format_mb
from ingest.document.extract import Extracted, refuse_empty
from ingest.document.extract.layout_records import PageLayout
from ingest.document.extract.pdf_layout import layout_to_blocks
from ingest.document.extract.table_pages import carry_row_labels, mark_repeated_headers
from ingest.errors import Errors, IngestError
from ingest.model import Block, OcrPage


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open with pypdfium2, or raise an actionable IngestError (empty, encrypted, damaged)."""
    refuse_empty(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise IngestError(Errors.E001, file=path.name) from exc
        raise IngestError(Errors.E002, file=path.name, detail=msg) from exc
    if len(pdf) == 0:
        pdf.close()
        raise IngestError(Errors.E003, file=path.name)
    return pdf


_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_MAX_RATIO = 1032  # deflate's largest inflation (a run of one byte)
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")  # a direct length, not a reference


def check_inflation(path: Path, limit: int) -> None:
    """Raise E182 when the file's Flate streams, other than images, inflate to more than `limit`
    bytes in all. pdfium inflates a page's content in one buffer and needs about twice its size
    (a stream of 300 MB took 636 MB), and under a memory limit it aborts the process instead of
    failing, so the check comes first. Cheap (a few per cent of reading the text): the file is
    mapped, not read; each stream is inflated in 1 MB steps and thrown away; checking stops at
    the limit. Images are left out, and skipped over, because reading text never decodes them.
    A stream that does not inflate (another filter, encrypted data) is left to pdfium. Deflate
    inflates at most 1,032 times, so a file too small to reach the limit is not read at all."""
    if path.stat().st_size * _MAX_RATIO <= limit:
        return
    total = 0
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        pos = 0
        while (at := data.find(b"stream", pos)) >= 0:
            pos = at + 6
            if at and data[at - 1:at].isalpha():  # "endstream"
                continue
            pos += 2 if data[pos:pos + 2] == b"\r\n" else 1  # the line end before the data
            head = data[max(0, at - 1024):at]
            head = head[head.rfind(b"obj") + 1:]  # this object's dictionary only
            if _IMAGE.search(head) or not _FLATE.search(head):
                length = _LENGTH.search(head)
                pos += int(length.group(1)) if length else 0
                continue
            inflater = zlib.decompressobj()
            try:
                while not inflater.eof and (inflater.unconsumed_tail or pos < len(data)):
                    chunk = inflater.unconsumed_tail or data[pos:pos + (1 << 16)]
                    if not inflater.unconsumed_tail:
                        pos += len(chunk)
                    total += len(inflater.decompress(chunk, 1 << 20))
                    if total > limit:
                        raise IngestError(Errors.E182, file=path.name, limit=format_mb(limit))
            except zlib.error:
                continue
            pos -= len(inflater.unused_data)  # go on after the end of this stream


def extract_pdf(path: Path, bounds: Bounds | None = None) -> Extracted:
    from ingest.document.extract.pdf_fast import iter_layout_fast

    bounds = bounds or Bounds()
    check_inflation(path, bounds.max_inflated_bytes)
    # One open for checking and reading: opening twice cost a seventh of the time on short papers.
    pdf = open_pdf(path)
    try:
        n = len(pdf)
        if n > bounds.max_pdf_pages:  # counted from the page tree: no page is parsed yet
            raise IngestError(Errors.E181, file=path.name, pages=f"{n:,}", limit=f"{bounds.max_pdf_pages:,}")
        pages = list(iter_layout_fast(path, pdf=pdf))
        # Page by page: a typed report with a scanned letter or appendix OCRs only those pages.
        scanned = [i for i, page in enumerate(pages) if _needs_ocr(pdf, i, page)]
        ocr_pages = _read_scans(path, pdf, pages, scanned) if scanned else []
    finally:
        pdf.close()
    if not any(page.lines for page in pages):
        if scanned and all(not p.read and p.error is None for p in ocr_pages):
            raise IngestError(Errors.E200, file=path.name, pages=_numbers(scanned))
        if scanned and len(scanned) == n:
            raise IngestError(Errors.E202, file=path.name, count=n)
        raise IngestError(Errors.E004, file=path.name)  # no text layer, and nothing drawn to OCR
    furniture: list[Block] = []
    blocks = layout_to_blocks(pages, furniture)
    mark_repeated_headers(blocks)
    carry_row_labels(blocks)
    return Extracted(blocks=blocks, format="pdf", page_count=n, ocr_pages=ocr_pages, furniture=furniture)


def _needs_ocr(pdf: pdfium.PdfDocument, index: int, layout: PageLayout) -> bool:
    from ingest.document.extract import ocr

    chars = 0
    for line in layout.lines:  # counted only until there is enough text
        chars += len(line.text)
        if chars >= ocr.MIN_TEXT_CHARS:
            return False  # the common case, decided without loading the page again
    page = pdf[index]
    try:
        return ocr.image_share(page) >= ocr.MIN_IMAGE_SHARE
    finally:
        page.close()


def _read_scans(path: Path, pdf: pdfium.PdfDocument, pages: list[PageLayout], scanned: list[int]) -> list[OcrPage]:
    """Put each scanned page's OCR'd lines in place of its (near-empty) text layer."""
    from ingest.document.extract import ocr
    from ingest.document.extract.ocr_run import page_records, read_pages

    results = read_pages(path, pdf, scanned)
    for i, got in results.items():
        if isinstance(got, dict):
            pages[i] = ocr.page_layout(got, i + 1)
    return page_records(results)


def _numbers(indices: list[int]) -> str:
    return ", ".join(str(i + 1) for i in indices)
