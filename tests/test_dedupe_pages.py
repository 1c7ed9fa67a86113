"""A kept copy that lacks page numbers takes them from its twin: all three page fields.

Regression (issue 14): `_fill_pages` copied `page` only, so a text copy kept over its PDF twin
cited the printed page but opened the PDF nowhere (`pdf_page` None) and lost the number as
printed (`printed_page` None).
"""

from __future__ import annotations

from ingest.corpus.dedupe import dedupe
from ingest.model import Document, Finding, Source

TEXTS = [
    "The panel found that supervision of social workers was regular and of good quality.",
    "Children in care were seen alone by their social workers at every visit.",
    "Managers had a clear understanding of the service's strengths and its areas for development.",
]


def _doc(fmt: str, extra: bool) -> Document:
    doc_id = "2019-05-01-review"
    texts = [*TEXTS, "A further note appears only in the text copy of the review."] if extra else TEXTS
    findings = []
    for i, text in enumerate(texts, 1):
        paged = fmt == "pdf"
        findings.append(Finding(id=f"{doc_id}/p{i}", key=f"p{i}", document_id=doc_id, kind="paragraph", label=str(i),
                                text=text, page=i + 6 if paged else None, pdf_page=i + 2 if paged else None,
                                printed_page=str(i + 6) if paged else None))
    return Document(id=doc_id, title="Review", date="2019-05-01", kind="peer-review report", findings=findings,
                    sources=[Source(file=f"review.{'pdf' if fmt == 'pdf' else 'txt'}", format=fmt, sha256=fmt)])


def test_text_copy_kept_over_its_pdf_twin_takes_all_page_fields() -> None:
    # The text copy holds one finding more, so it is the copy kept; its twin gives the pages.
    kept, merges = dedupe([_doc("text", extra=True), _doc("pdf", extra=False)])
    assert len(kept) == 1 and len(merges) == 1
    doc = kept[0]
    assert doc.sources[0].format == "text"
    got = [(f.page, f.pdf_page, f.printed_page) for f in doc.findings]
    assert got == [(7, 3, "7"), (8, 4, "8"), (9, 5, "9"), (None, None, None)]
