"""Extraction: one input file in, `Extracted` (blocks in reading order, with pages) out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import Errors, IngestError
from ingest.model import Block, OcrPage


def refuse_empty(path: Path, data: bytes | None = None) -> None:
    """Raise E003 (the file is empty) for a file of no bytes, or, given its bytes, of white space only."""
    if (data is not None and not data.strip()) or (data is None and path.stat().st_size == 0):
        raise IngestError(Errors.E003, file=path.name)


@dataclass
class Extracted:
    blocks: list[Block]
    format: str  # "pdf", "markdown", "plain"
    page_count: int | None = None
    # Agenda-pack page markers ("Page 19") seen in converted text: block index -> printed page.
    warnings: list[str] = field(default_factory=list)
    # Page furniture found on the way ("furniture" blocks with their role): not content.
    furniture: list[Block] = field(default_factory=list)
    ocr_pages: list[OcrPage] = field(default_factory=list)  # scanned pages, read by OCR or not

    @property
    def text(self) -> str:
        parts: list[str] = []
        for b in self.blocks:
            if b.type == "table":
                parts.extend(c.text for r in b.rows for c in r.cells)
            else:
                parts.append(b.text)
        return "\n".join(p for p in parts if p)
