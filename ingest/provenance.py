"""Page provenance for findings: each finding takes its PDF page and printed page from the block,
table row or cell paragraph that starts it.

The segmenter marks every block, row and cell paragraph with the finding it went into
(`finding_id`); the first one marked for a finding is where it starts, and carries the page
fields that extraction set (see `Block`). Doing this after segmentation keeps the segmenter
free of page bookkeeping: it passes `page` on as it always has.
"""

from __future__ import annotations

from ingest.model import Block, CellPart, Finding, Row


def _marked(blocks: list[Block]) -> list[Block | Row | CellPart]:
    out: list[Block | Row | CellPart] = []
    for b in blocks:
        out.append(b)
        for r in b.rows:
            out.append(r)
            for c in r.cells:
                out.extend(c.parts)
    return out


def settle_finding_pages(findings: list[Finding], blocks: list[Block]) -> None:
    """Set `pdf_page` and `printed_page` on each finding from where it starts (in place)."""
    by_id = {f.id: f for f in findings}
    seen: set[str] = set()
    for unit in _marked(blocks):
        fid = unit.finding_id
        if fid is None or fid in seen or fid not in by_id:
            continue
        seen.add(fid)
        f = by_id[fid]
        f.pdf_page, f.printed_page = unit.pdf_page, unit.printed_page
