"""Text inputs: text already extracted from council PDFs, in the two forms the seeds show.

- Converted Markdown: `#` headings, `- ` bullets, HTML fragments in tab-separated table rows,
  "# Page 8" markers where the converter met a page footer.
- Hard-wrapped plain text: one paragraph per blank-line-separated block, a run of three or more
  blank (or space-only) lines where a page broke.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.bounds import Bounds, format_mb
from ingest.document.extract import Extracted
from ingest.document.extract.htmlcells import parse_cell, strip_inline
from ingest.errors import IngestError
from ingest.model import Block, Cell, Row
from ingest.textutil import join_lines

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_PAGE_MARKER = re.compile(r"^#*\s*Page\s+(\d{1,4})\b\s*(?:Agenda\s+Item\s+(\d+[a-z]?))?\s*$", re.I)
_MD_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_TABLE_SEPARATOR = re.compile(r"^\s*-{2,}(\t+-{2,})+\s*$")
_ALL_BOLD = re.compile(r"^\s*\*\*[^*].*\*\*\s*$")
_LEADING_GLYPH = re.compile(r"^[·•▪]\s+")
_NUMBERED_LINE = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?\s+\S")


def read_text(path: Path, max_bytes: int | None = None) -> str:
    # Checked before reading: a 200 MB file took over 10 minutes and 4 GB on its way through.
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise IngestError("E180", file=path.name, size=format_mb(size), limit=format_mb(max_bytes))
    data = path.read_bytes()
    if not data.strip():
        raise IngestError("E003", file=path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError("E005", file=path.name, detail=f"byte {exc.start}: {data[exc.start:exc.start + 1]!r}") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_markdown(text: str) -> bool:
    lines = text.splitlines()
    marks = sum(1 for ln in lines if _MD_HEADING.match(ln) or ln.lstrip().startswith("- ") or "<p>" in ln or "<li>" in ln)
    return marks >= 3


def extract_text(path: Path, bounds: Bounds | None = None) -> Extracted:
    text = read_text(path, (bounds or Bounds()).max_text_bytes)
    if is_markdown(text):
        return Extracted(blocks=parse_markdown(text), format="markdown")
    return Extracted(blocks=parse_plain(text), format="plain")


# ---------------------------------------------------------------- plain, hard-wrapped text


def parse_plain(text: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    blank_run = 0

    def flush() -> None:
        if para:
            joined = join_lines(para)
            if joined:
                blocks.append(Block(type="paragraph", text=joined))
            para.clear()

    for line in text.split("\n"):
        if not line.strip():
            blank_run += 1
            flush()
            continue
        blank_run = 0
        para.append(line)
    flush()
    return blocks


# ---------------------------------------------------------------- converted Markdown


def _is_table_line(line: str) -> bool:
    s = line.strip()
    return "\t" in line or s.startswith(("<p>", "<ul", "<ol", "<table"))


def _table_rows(lines: list[str], page: int | None) -> list[Row]:
    rows: list[Row] = []
    for line in lines:
        cells = [Cell(parts=parse_cell(c, page)) for c in line.split("\t")]
        # A leading tab means the converter left the first cell empty.
        if not any(c.parts for c in cells):
            continue
        first_empty = not cells[0].parts
        first_text = cells[0].text
        continued = first_empty or (first_text[:1].islower())
        rows.append(Row(cells=cells, continued=continued, page=page))
    return rows


def parse_markdown(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks: list[Block] = []
    pending: tuple[int, str | None] | None = None
    pending_at = 0
    page: int | None = None
    para: list[str] = []
    i = 0

    def flush_para() -> None:
        if not para:
            return
        raw = [ln for ln in para if ln.strip()]
        para.clear()
        if not raw:
            return
        joined = join_lines([strip_inline(ln) for ln in raw])
        joined = _LEADING_GLYPH.sub("", joined)
        if not joined:
            return
        if all(_ALL_BOLD.match(ln) for ln in raw):
            blocks.append(Block(type="heading", text=joined, level=6, page=page))
        else:
            blocks.append(Block(type="paragraph", text=joined, page=page))

    while i < len(lines):
        if pending is not None and len(blocks) > pending_at:
            blocks[pending_at].page_marker, blocks[pending_at].agenda_item = pending
            pending = None
        if pending is None:
            pending_at = len(blocks)
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush_para()
            i += 1
            continue
        marker = _PAGE_MARKER.match(stripped)
        if marker and stripped.startswith("#"):
            flush_para()
            # A marker dates the block after it; later blocks may already be on the next page.
            page = int(marker.group(1))
            pending = (page, marker.group(2))
            i += 1
            continue
        if _TABLE_SEPARATOR.match(line):
            flush_para()
            i += 1
            continue
        if _is_table_line(line):
            flush_para()
            table_lines: list[str] = []
            while i < len(lines):
                cur = lines[i]
                if _TABLE_SEPARATOR.match(cur):
                    i += 1
                    break
                if not cur.strip():
                    # Blank lines inside a table appear where a page break split it.
                    j = i
                    while j < len(lines) and not lines[j].strip():
                        j += 1
                    if j < len(lines) and _is_table_line(lines[j]) and not _TABLE_SEPARATOR.match(lines[j]):
                        i = j
                        continue
                    break
                if not _is_table_line(cur):
                    break
                table_lines.append(cur)
                i += 1
            rows = _table_rows(table_lines, page)
            caption = None
            if blocks and blocks[-1].type == "paragraph" and re.match(r"^Table\s*\d+", blocks[-1].text, re.I):
                caption = blocks.pop().text
            if rows:
                blocks.append(Block(type="table", rows=rows, page=page, caption=caption))
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush_para()
            text_h = strip_inline(heading.group(2))
            if text_h:
                blocks.append(Block(type="heading", text=text_h, level=len(heading.group(1)), page=page))
            i += 1
            continue
        bullet = _MD_BULLET.match(line)
        if bullet:
            flush_para()
            body = _LEADING_GLYPH.sub("", strip_inline(bullet.group(2)))
            if body:
                depth = len(bullet.group(1).replace("\t", "    ")) // 2
                blocks.append(Block(type="bullet", text=body, level=depth, page=page))
            i += 1
            continue
        if para and _NUMBERED_LINE.match(line):
            flush_para()  # "1. Note ..." "2. Note ..." on consecutive lines are separate items
        para.append(line)
        i += 1
    flush_para()
    if pending is not None and len(blocks) > pending_at:
        blocks[pending_at].page_marker, blocks[pending_at].agenda_item = pending
    _date_only_after_markers(blocks)
    return blocks


def _date_only_after_markers(blocks: list[Block]) -> None:
    """A "Page N" marker dates the block after it; later blocks may be on the next page. The
    marker is the page's number as the paper printed it (the converter met the page's footer,
    a pack's "Page 8"), so the block it dates has that printed page too, as a PDF's would."""
    for b in blocks:
        dated = b.page_marker is not None
        if not dated:
            b.page = None
        b.printed_page = str(b.page) if dated and b.page is not None else None
        for r in b.rows:
            r.page = r.page if dated else None
            r.printed_page = str(r.page) if r.page is not None else None
            for c in r.cells:
                for p in c.parts:
                    p.page = p.page if dated else None
                    p.printed_page = str(p.page) if p.page is not None else None
