"""Per-file stages: extract -> normalise -> (split agenda pack) -> segment.

`convert_file` turns one input into one or more documents (an agenda pack yields the pack and
one document per item). It raises `IngestError` for inputs a person must fix; the orchestrator
records those and carries on with the rest of the corpus.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ingest.errors import IngestError
from ingest.extract import Extracted
from ingest.infer import infer_body, infer_date, infer_kind, infer_period, infer_title, long_date
from ingest.manifest import ManifestEntry
from ingest.model import Block, Document, Source
from ingest.normalise import normalise_blocks
from ingest.packs import minutes_date, split_pack
from ingest.provenance import settle_finding_pages
from ingest.segment import segment
from ingest.textutil import slugify

SUPPORTED = {".pdf": "pdf", ".txt": "text", ".md": "text", ".markdown": "text", ".text": "text"}


@dataclass
class Converted:
    file: str
    documents: list[Document]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract(path: Path) -> Extracted:
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise IngestError("E006", file=path.name, suffix=path.suffix or "(none)")
    if path.stat().st_size == 0:
        raise IngestError("E003", file=path.name)
    if kind == "pdf":
        from ingest.extract.pdf import extract_pdf

        return extract_pdf(path)
    from ingest.extract.text import extract_text

    return extract_text(path)


def convert_file(path: Path, entry: ManifestEntry | None, publisher_url: str | None = None) -> Converted:
    ex = extract(path)
    blocks = normalise_blocks(ex.blocks, plain=ex.format == "plain")
    digest = sha256_file(path)
    fmt: Literal["pdf", "text"] = "pdf" if ex.format == "pdf" else "text"
    source = Source(file=path.name, format=fmt, sha256=digest, url=entry.url if entry else None,
                    href=f"sources/{path.name}" if fmt == "pdf" else None)
    kind = (entry.kind if entry and entry.kind else None) or infer_kind(blocks)
    doc = _document(blocks, entry, kind, source, ex.page_count)
    doc.furniture = ex.furniture
    docs = [doc]
    if kind == "agenda pack":
        items, own, parts = split_pack(blocks)
        doc.items = items
        doc.blocks = own
        for part in parts:
            sub_kind = _item_kind(part.item.title)
            date = minutes_date(part.blocks) if sub_kind == "minutes" else doc.date
            title = f"Minutes of {long_date(date)}" if sub_kind == "minutes" else part.item.title
            sub = Document(
                id=f"{date or doc.date or 'undated'}-{slugify(title)}",
                title=title,
                date=date or doc.date,
                kind=sub_kind,
                body=doc.body,
                inferred=["title", "date", "kind"],
                sources=[Source(file=path.name, format=fmt, sha256=digest, pack=doc.id, item=part.item.number,
                                pages=part.item.pages, url=source.url)],
            )
            part.item.document_id = sub.id
            sub.findings, sub.blocks = segment(sub, part.blocks)
            settle_finding_pages(sub.findings, sub.blocks)
            docs.append(sub)
        doc.findings = []
    else:
        doc.findings, doc.blocks = segment(doc, blocks)
        settle_finding_pages(doc.findings, doc.blocks)
        if not doc.findings:
            raise IngestError("E007", file=path.name)
    return Converted(file=path.name, documents=docs)


def _item_kind(title: str) -> str:
    low = title.lower()
    if low.startswith("minutes"):
        return "minutes"
    if "work plan" in low:
        return "work plan"
    return "committee report"


def _document(blocks: list[Block], entry: ManifestEntry | None, kind: str, source: Source, pages: int | None) -> Document:
    inferred: list[str] = []
    period = entry.period if entry and entry.period else infer_period(blocks)
    date = entry.date if entry and entry.date else None
    if date is None:
        date = infer_date(blocks, kind)
        inferred.append("date")
    body = entry.body if entry and entry.body else infer_body(blocks)
    title = entry.title if entry and entry.title else None
    if title is None:
        title = f"Agenda pack: {body or 'meeting'}" if kind == "agenda pack" else infer_title(blocks, kind, period)
        inferred.append("title")
    if entry is None or not entry.kind:
        inferred.append("kind")
    doc_id = entry.id if entry and entry.id else f"{date or 'undated'}-{slugify(title)}"
    return Document(id=doc_id, title=title, short_title=entry.short_title if entry else None, date=date, kind=kind, body=body, period=period,
                    series=entry.series if entry else None, inferred=inferred, sources=[source], page_count=pages)
