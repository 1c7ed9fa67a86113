"""Nothing lost, silently: how much of each paper's body text ended up in findings.

Every block the segmenter reads is a heading (a table's header row counts as one), body text in a
finding, or body text left out (a short line such as a date or a name, a letterhead, a section
such as "Background papers", a table with no heading to name its rows). The share of body characters in findings is each input's `coverage` in the
build report; below `LOW` the report says so, with what was left out, so an officer can look at
the paper. A paper, or an item of an agenda pack, that gives no findings at all is skipped with
its reason (and so fails a `--strict` build), never reported as built.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.document.metadata.kinds import DocumentKind
from ingest.errors import Errors, IngestError
from ingest.model import Block, Document, InputReport, Row

LOW = 0.8


@dataclass
class Count:
    covered: int = 0
    total: int = 0
    left: dict[str, int] = field(default_factory=dict)  # what was left out -> characters

    def add(self, n: int, covered: bool, what: str) -> None:
        self.total += n
        if covered:
            self.covered += n
        elif n:
            self.left[what] = self.left.get(what, 0) + n

    @property
    def share(self) -> float | None:
        return self.covered / self.total if self.total else None

    def describe(self) -> str:
        parts = sorted(self.left.items(), key=lambda kv: -kv[1])
        return "; ".join(f"{n:,} characters in {what}" for what, n in parts[:3]) or "nothing"


def count_blocks(blocks: list[Block], into: Count | None = None) -> Count:
    c = into or Count()
    for b in blocks:
        if b.type == "heading":
            continue
        if b.type == "table":
            rows = b.rows
            if len(rows) > 1 and not _in_finding(rows[0]) and any(_in_finding(r) for r in rows[1:]):
                rows = rows[1:]  # a header row reads like a heading: the rows under it hold the text
            for row in rows:
                for cell in row.cells:
                    for part in cell.parts:
                        c.add(len(part.text.strip()), bool(part.finding_id or row.finding_id), "table cells outside any finding")
            continue
        text = b.text.strip()
        what = "short lines (dates, names, cover lines)" if len(text.split()) < 4 else "paragraphs outside any finding"
        c.add(len(text), bool(b.finding_id), what)
    return c


def _in_finding(row: Row) -> bool:
    return bool(row.finding_id) or any(p.finding_id for c in row.cells for p in c.parts)


def _own_text(doc: Document) -> bool:
    """An agenda pack split into its items keeps only the agenda: its items hold the text."""
    return not (doc.kind == DocumentKind.AGENDA_PACK and any(i.document_id for i in doc.items))


def why_empty(blocks: list[Block]) -> str:
    """Why a paper gave no findings, in words an officer can check against the paper."""
    heads = sum(1 for b in blocks if b.type == "heading")
    body = [b for b in blocks if b.type != "heading"]
    chars = sum(len(b.text) for b in body if b.type != "table")
    if not blocks:
        return "it has no text at all"
    short = sum(1 for b in body if b.type != "table" and len(b.text.split()) < 4)
    return (f"its text is {heads} heading(s) and {len(body)} other block(s) ({chars:,} characters), "
            f"{short} of them short lines such as dates or names")


def assess(file: str, docs: list[Document]) -> tuple[list[Document], list[InputReport]]:
    """The documents to keep, and the build report for `file`: its own line with its coverage
    (and a warning when low), then a skipped line for each pack item that gave no findings."""
    extra: list[InputReport] = []
    kept: list[Document] = []
    total = Count()
    for d in docs:
        if d.kind != "agenda pack" and not d.findings and any(s.pack for s in d.sources):
            item = next((s.item for s in d.sources if s.pack), "?")
            err = IngestError(Errors.E281, file=file, item=item, title=d.title, detail=why_empty(d.blocks))
            extra.append(InputReport(file=f"{file} (item {item})", status="skipped", stage="segment",
                                     reason=str(err), code=err.code, document_id=d.id, coverage=0.0))
            for pack in docs:
                for i in pack.items:
                    if i.document_id == d.id:
                        i.document_id = None
            continue
        kept.append(d)
        if _own_text(d):
            count_blocks(d.blocks, total)
    share = total.share
    own = InputReport(file=file, status="built", document_id=kept[0].id if kept else None,
                      coverage=round(share, 3) if share is not None else None)
    if share is not None and share < LOW:
        err = IngestError(Errors.E280, file=file, share=f"{share:.0%}", covered=f"{total.covered:,}",
                          total=f"{total.total:,}", left=total.describe())
        own.code, own.reason = err.code, str(err)
    return kept, [own, *extra]
