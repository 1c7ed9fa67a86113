"""Open data export: documents.json, findings.jsonl, findings.csv, links.jsonl, possible-links.jsonl,
glossary.json.

These files are a public interface other tools read; their fields are documented in the README
and on the site's data page. Field order and encoding are fixed so exports diff cleanly.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Protocol

from ingest.model import Corpus, Document, Finding

FINDING_FIELDS = [
    "id", "document_id", "date", "kind", "section", "label", "text", "page", "themes", "url",
    "side", "document_title", "citation", "evidence", "pdf_page", "printed_page", "ocr", "ocr_confidence",
]


def finding_url(f: Finding, base: str) -> str:
    return f"{base}documents/{f.document_id}/#{f.key}"


def citation(f: Finding, doc: Document, publisher: str | None) -> str:
    """A citation an officer can paste: source, section, label as printed, page. The publisher is
    the paper's own, else the site's (`publisher`), else left out: never guessed."""
    from ingest.document.infer import long_date
    from ingest.document.items import citation as item_citation

    who = doc.publisher or publisher
    parts = [f"{who + ', ' if who else ''}{doc.title} ({doc.kind.label}, {long_date(doc.date)})"]
    section = f.section[-2:] if f.side else f.section[-1:]
    if section:
        parts.append(": ".join(_short(s) for s in section))
    label = f.label if not f.label[:1].isdigit() else f"para {f.label}"  # as unnumbered ones read: "para 1"
    label = item_citation(f) or label  # inside a minute: "minute 298, point 8"
    parts.append(label)
    if f.page is not None:
        parts.append(page_words(f, doc))
    return ", ".join(parts) + "."


def page_words(f: Finding, doc: Document) -> str:
    """The page as a reader cites it: the printed number ("p. 19"), said to be the pack's for an
    item of an agenda pack ("p. 19 of the pack"), with the PDF's own page beside it where the
    two differ ("p. 2 (PDF page 6)"), so that a reader with the file open finds it.
    A finding that runs onto later pages names its span ("pp. 3-4", "pp. 19-20 of the pack",
    "pp. 2-3 (PDF pages 6-7)")."""
    last = f.page_starts[-1] if f.page_starts else None
    if last is not None and last.page is not None and last.page != f.page:
        if any(s.pack for s in doc.sources):
            return f"pp. {f.page}-{last.page} of the pack"
        if (f.printed_page is not None and last.printed_page is not None and f.pdf_page is not None
                and last.pdf_page is not None and f.printed_page != str(f.pdf_page)):
            return f"pp. {f.printed_page}-{last.printed_page} (PDF pages {f.pdf_page}-{last.pdf_page})"
        return f"pp. {f.page}-{last.page}"
    if any(s.pack for s in doc.sources):
        return f"p. {f.page} of the pack"
    if f.printed_page is not None and f.pdf_page is not None and f.printed_page != str(f.pdf_page):
        return f"p. {f.printed_page} (PDF page {f.pdf_page})"
    return f"p. {f.page}"


def _short(section: str) -> str:
    # "Looked After Children (additional line of enquiry)" -> "Looked After Children"
    return section.split(" (")[0].strip()


def finding_record(f: Finding, doc: Document, base: str, publisher: str | None) -> dict[str, object]:
    return {
        "id": f.id,
        "document_id": f.document_id,
        "date": f.date,
        "kind": f.kind,
        "section": " > ".join(f.section),
        "label": f.label,
        "text": f.text,
        "page": f.page,
        "themes": list(f.themes),
        "url": finding_url(f, base),
        "side": f.side,
        "document_title": doc.title,
        "citation": citation(f, doc, publisher),
        "evidence": {k: list(v) for k, v in sorted(f.evidence.items())},
        # The PDF's own page (what #page=N opens) and the page number printed there, as printed;
        # `page` stays the page a reader cites (the printed one where there is one).
        "pdf_page": f.pdf_page,
        "printed_page": f.printed_page,
        # Only a finding that runs across a page break carries this: where each later page begins
        # in `text` (schema 1.5), so a sentence quoted from it is cited on its own page.
        **({"page_starts": [ps.model_dump(mode="json") for ps in f.page_starts]} if f.page_starts else {}),
        # Only a finding read by OCR carries these (typed findings' lines stay as they were).
        **({"ocr": True, "ocr_confidence": f.ocr_confidence} if f.ocr else {}),
    }


def document_record(doc: Document, publisher: str | None = None) -> dict[str, object]:
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "kind": doc.kind.value,
        "body": doc.body,
        "series": doc.series,
        "period": doc.period,
        "inferred": doc.inferred,
        "findings": len(doc.findings),
        # Page furniture set apart from the text (running headers, page numbers...), by role.
        "furniture": dict(sorted(Counter(b.role or "" for b in doc.furniture).items())),
        "sources": [s.model_dump(mode="json") for s in doc.sources],
        "publisher": doc.publisher or publisher,
        "subject": doc.subject,
        "provenance": {k: p.model_dump(mode="json") for k, p in doc.provenance.items()},
    }


class ChunkStore(Protocol):
    """Where a build keeps each document's export lines for the next build (see site/site.py)."""

    def get(self, doc_id: str) -> tuple[str, str] | None: ...
    def put(self, doc_id: str, chunk: tuple[str, str]) -> None: ...


# A spreadsheet runs a cell that starts with one of these as a formula (tab and carriage return
# too, in some): such cells get a leading quote, so they show as the text they are.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def document_chunk(doc: Document, base: str, publisher: str | None) -> tuple[str, str]:
    """A document's lines of findings.jsonl and rows of findings.csv (cells that would run as
    formulas quoted: see csv_cell)."""
    records = [finding_record(f, doc, base, publisher) for f in doc.findings]
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FINDING_FIELDS, lineterminator="\n")
    for r in records:
        row = dict(r)
        row.pop("page_starts", None)  # findings.jsonl only: the CSV's columns stay as they were (its citation names the span)
        row["themes"] = ";".join(r["themes"])  # type: ignore[arg-type]
        evidence: dict[str, list[str]] = r["evidence"]  # type: ignore[assignment]
        row["evidence"] = "; ".join(f"{k}: {', '.join(v)}" for k, v in evidence.items())
        for k in ("page", "pdf_page", "printed_page"):
            row[k] = "" if r[k] is None else r[k]
        row["ocr"] = "true" if r.get("ocr") else ""  # typed findings: both OCR columns empty
        writer.writerow({k: csv_cell(v) for k, v in row.items()})  # findings.jsonl keeps the text as it is
    return jsonl, buf.getvalue()


def write_exports(corpus: Corpus, data_dir: Path, base: str, publisher: str | None, chunks: ChunkStore | None = None) -> dict[str, int]:
    """Write the open data files. With `chunks`, a document's findings lines are taken from the
    last build when the document is unchanged (the store knows), instead of being made again."""
    data_dir.mkdir(parents=True, exist_ok=True)
    docs = sorted(corpus.documents, key=lambda d: (d.date or "", d.id))
    (data_dir / "documents.json").write_text(
        json.dumps([document_record(d, publisher) for d in docs], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    parts: list[tuple[str, str]] = []
    for d in docs:
        chunk = chunks.get(d.id) if chunks else None
        if chunk is None:
            chunk = document_chunk(d, base, publisher)
            if chunks:
                chunks.put(d.id, chunk)
        parts.append(chunk)
    with (data_dir / "findings.jsonl").open("w", encoding="utf-8") as fh:
        for jsonl, _ in parts:
            fh.write(jsonl)
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=FINDING_FIELDS, lineterminator="\n").writeheader()
    for _, rows in parts:
        buf.write(rows)
    (data_dir / "findings.csv").write_text(buf.getvalue(), encoding="utf-8-sig")
    with (data_dir / "links.jsonl").open("w", encoding="utf-8") as fh:
        for link in corpus.links:
            fh.write(json.dumps(link.model_dump(mode="json"), ensure_ascii=False) + "\n")
    with (data_dir / "possible-links.jsonl").open("w", encoding="utf-8") as fh:
        for link in corpus.possible_links:
            fh.write(json.dumps(link.model_dump(mode="json"), ensure_ascii=False) + "\n")
    (data_dir / "glossary.json").write_text(
        json.dumps([g.model_dump(mode="json") for g in corpus.glossary], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (data_dir / "build-report.json").write_text(
        json.dumps([r.model_dump(mode="json") for r in corpus.report], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return {"documents": len(docs), "findings": sum(len(d.findings) for d in docs), "links": len(corpus.links)}
