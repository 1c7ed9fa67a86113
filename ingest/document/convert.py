"""Per-file stages: extract -> normalise -> (split agenda pack) -> segment.

`convert_file` turns one input into one or more documents (an agenda pack with an agenda and its
items bound in yields the pack and one document per item; any other paper, one document). It raises `IngestError` for inputs a person must fix; the orchestrator
records those and carries on with the rest of the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ingest.bounds import Bounds
from ingest.cache import sha256_file
from ingest.config.manifest import ManifestEntry
from ingest.document.coverage import why_empty
from ingest.document.extract import Extracted, refuse_empty
from ingest.document.extract.ocr_run import mark_findings
from ingest.document.furniture_blocks import merged, set_apart
from ingest.document.infer import Inferred, Known, infer_metadata, long_date
from ingest.document.metadata.kinds import AGENDA_KINDS, DocumentKind
from ingest.document.normalise import normalise_blocks
from ingest.document.packs import has_agenda, minutes_date, split_pack
from ingest.document.segment import segment
from ingest.errors import Errors, IngestError
from ingest.model import Document, Provenance, Source
from ingest.provenance import settle_finding_pages, with_cover_furniture
from ingest.textutil import slugify

SUPPORTED = {".pdf": "pdf", ".txt": "text", ".md": "text", ".markdown": "text", ".text": "text"}


@dataclass
class Converted:
    file: str
    documents: list[Document]


def extract(path: Path, bounds: Bounds | None = None) -> Extracted:
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise IngestError(Errors.E006, file=path.name, suffix=path.suffix or "(none)")
    refuse_empty(path)  # before the content check, which would call an empty PDF damaged
    with path.open("rb") as fh:
        _check_content(path.name, fh.read(4096), kind, path.suffix)
    if kind == "pdf":
        from ingest.document.extract.pdf import extract_pdf

        return extract_pdf(path, bounds)
    from ingest.document.extract.text import extract_text

    return extract_text(path, bounds)


# What a file's first bytes say it is, when its name says PDF or text. Without this a PDF named
# .txt was told to "save it as UTF-8" and a text file named .pdf to "download it again".
_OTHER_FORMATS = (
    (b"PK\x03\x04", "a Word, Excel or other Office file (or a ZIP archive)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Word or Excel file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c")


def _check_content(name: str, head: bytes, kind: str, suffix: str) -> None:
    """Raise if the file's content is not what its name says (head: its first 4 KB)."""
    other = next((what for magic, what in _OTHER_FORMATS if head.startswith(magic)), None)
    if kind == "text":
        if head.lstrip()[:5] == b"%PDF-":
            raise IngestError(Errors.E150, file=name, suffix=suffix)
        if other:
            raise IngestError(Errors.E152, file=name, what=other, suffix=suffix)
        return
    if b"%PDF-" in head[:1024]:  # PDF readers accept the header anywhere in the first 1,024 bytes
        return
    if head.lstrip()[:14].lower().startswith((b"<!doctype html", b"<html")):
        other = "a web page (HTML)"
    if other:
        raise IngestError(Errors.E152, file=name, what=other, suffix=suffix)
    if not any(b < 0x20 and b not in _TEXT_CONTROLS for b in head):
        raise IngestError(Errors.E151, file=name)
    # Otherwise it is damaged: the PDF reader says so.


def convert_file(path: Path, entry: ManifestEntry | None, publisher_url: str | None = None, name: str | None = None,
                 bounds: Bounds | None = None) -> Converted:
    """`name` is the file's path from the corpus folder (`sub/paper.pdf`); by default its name."""
    name = name or path.name
    bounds = bounds or Bounds()
    ex = extract(path, bounds)
    blocks = normalise_blocks(ex.blocks, plain=ex.format == "plain")
    digest = sha256_file(path)
    fmt: Literal["pdf", "text"] = "pdf" if ex.format == "pdf" else "text"
    source = Source(file=name, format=fmt, sha256=digest, url=entry.url if entry else None,
                    href=f"sources/{name}" if fmt == "pdf" else None)
    known = _known(entry)
    # The metadata rules read the first page's header and footer and the back page too (a
    # letterhead or a publisher's page names the publisher), though they are furniture, not content.
    seen = with_cover_furniture(blocks, ex.furniture)
    meta = infer_metadata(seen, known, ex.page_count)
    # Contact and signature blocks, appendix lists and cover lines: furniture, once the metadata is read.
    blocks, set_apart_blocks = set_apart(blocks, meta.provenance)
    parts = split_pack(blocks) if meta.kind in AGENDA_KINDS else None
    if parts is not None and parts[2] and meta.kind is DocumentKind.AGENDA and known.kind is None:
        # An agenda with its reports bound in is a pack, whatever its front page alone suggested.
        was = meta.provenance["kind"]
        meta = infer_metadata(seen, replace(known, kind=DocumentKind.AGENDA_PACK), ex.page_count)
        meta.provenance["kind"] = Provenance(value=DocumentKind.AGENDA_PACK.value, page=was.page, line=was.line, confidence=0.85,
                                             rule="an agenda whose items' reports are bound in")
    doc = _document(meta, entry, source, ex.page_count)
    doc.furniture = merged(ex.furniture, set_apart_blocks)
    doc.ocr_pages = ex.ocr_pages
    docs = [doc]
    if doc.kind == DocumentKind.AGENDA_PACK and parts is not None:
        doc.items = parts[0]
    # Split only a pack that has an agenda and its items bound in: a front sheet, or a supplement
    # without an agenda, is a paper in its own right.
    if doc.kind == DocumentKind.AGENDA_PACK and parts is not None and parts[2] and has_agenda(blocks):
        _, own, pack_parts = parts
        doc.blocks = own
        for part in pack_parts:
            sub_kind = _item_kind(part.item.title)
            date = minutes_date(part.blocks) if sub_kind == DocumentKind.MINUTES else doc.date
            title = f"Minutes of {long_date(date)}" if sub_kind == DocumentKind.MINUTES else part.item.title
            line = f"{part.item.number}. {part.item.title}"
            sub = Document(
                id=f"{date or doc.date or 'undated'}-{slugify(title)}",
                title=title,
                date=date or doc.date,
                kind=sub_kind,
                body=doc.body,
                publisher=doc.publisher,
                inferred=["title", "date", "kind"],
                provenance={
                    "title": Provenance(value=title, page=None, line=line, confidence=0.8, rule="the pack's agenda"),
                    "date": Provenance(value=date or doc.date, line=line, confidence=0.7 if date else 0.6,
                                       rule="the minutes' own date" if date else "the pack's meeting date"),
                    "kind": Provenance(value=sub_kind.value, line=line, confidence=0.7, rule="the agenda item's title"),
                },
                sources=[Source(file=name, format=fmt, sha256=digest, pack=doc.id, item=part.item.number,
                                pages=part.item.pages, url=source.url)],
            )
            part.item.document_id = sub.id
            sub.findings, sub.blocks = segment(sub, part.blocks, bounds.max_finding_chars)
            settle_finding_pages(sub.findings, sub.blocks)
            if ex.ocr_pages:
                mark_findings(sub.findings, sub.blocks)
            docs.append(sub)
        doc.findings = []
    else:
        # A pack none of whose items could be found keeps its text as findings rather than lose it.
        doc.findings, doc.blocks = segment(doc, blocks, bounds.max_finding_chars)
        settle_finding_pages(doc.findings, doc.blocks)
        if ex.ocr_pages:
            mark_findings(doc.findings, doc.blocks)
        if not doc.findings:
            raise IngestError(Errors.E007, file=name, detail=why_empty(blocks))
    return Converted(file=name, documents=docs)


def _item_kind(title: str) -> DocumentKind:
    low = title.lower()
    if low.startswith("minutes"):
        return DocumentKind.MINUTES
    if "work plan" in low:
        return DocumentKind.WORK_PLAN
    return DocumentKind.COMMITTEE_REPORT


def _known(entry: ManifestEntry | None) -> Known:
    if entry is None:
        return Known()
    return Known(kind=entry.kind or None, title=entry.title or None, date=entry.date or None, period=entry.period or None,
                 body=entry.body or None, publisher=entry.publisher or None, subject=entry.subject or None)


def _document(meta: Inferred, entry: ManifestEntry | None, source: Source, pages: int | None) -> Document:
    # `inferred` keeps its old meaning and order (date, title, kind): the fields read from the text
    # that the site marks as such; provenance says how each was read.
    inferred: list[str] = [k for k in ("date", "title", "kind") if k in meta.provenance or (k == "date" and not (entry and entry.date))]
    # "Cabinet minutes, 30 January 2025" -> 2025-01-30-cabinet-minutes: the date is said once.
    named = meta.title.removesuffix(f", {long_date(meta.date)}") if meta.date else meta.title
    doc_id = entry.id if entry and entry.id else f"{meta.date or 'undated'}-{slugify(named)}"
    return Document(id=doc_id, title=meta.title, short_title=entry.short_title if entry else None, date=meta.date, kind=meta.kind,
                    body=meta.body, publisher=meta.publisher, subject=meta.subject, period=meta.period,
                    series=entry.series if entry else None, inferred=inferred, provenance=meta.provenance,
                    sources=[source], page_count=pages)
