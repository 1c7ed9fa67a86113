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
from ingest.extract.pdf_layout import layout_to_blocks
from ingest.model import Block


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
    finally:
        pdf.close()
    if not any(page.lines for page in pages):
        raise IngestError("E004", file=path.name)  # no text layer: a scan
    furniture: list[Block] = []
    blocks = layout_to_blocks(pages, furniture)
    return Extracted(blocks=blocks, format="pdf", page_count=n, furniture=furniture)
