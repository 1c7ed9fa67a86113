"""A finding that runs across a page break records where each later page begins (schema 1.5),
its citation names the span, and a sentence in it is on the page it starts on."""

from __future__ import annotations

from ingest.document.normalise import normalise_blocks
from ingest.model import Block, Document, Finding, Source
from ingest.provenance import settle_finding_pages
from ingest.site.export import finding_record, page_words


def _block(text: str, pdf: int, printed: str | None = None) -> Block:
    return Block(type="paragraph", text=text, page=int(printed) if printed else pdf, pdf_page=pdf, printed_page=printed)


def test_paragraph_cut_by_a_page_break_records_the_next_page() -> None:
    blocks = normalise_blocks([_block("The council will review its caseload", 3, "2"), _block("figures every month. Staff agree.", 4, "3")])
    assert len(blocks) == 1 and [ps.pdf_page for ps in blocks[0].page_starts] == [4]
    b = blocks[0]
    b.finding_id = "d/p1"
    f = Finding(id="d/p1", key="p1", document_id="d", kind="paragraph", label="para 1", text=b.text, page=2)
    settle_finding_pages([f], blocks)
    assert f.pdf_page == 3 and [(ps.pdf_page, ps.printed_page) for ps in f.page_starts] == [(4, "3")]
    assert f.text[f.page_starts[0].at:].startswith("figures every month")
    assert f.page_at(f.text.index("Staff")).pdf_page == 4 and f.page_at(0).pdf_page == 3
    doc = Document(id="d", title="T", kind="committee report", sources=[Source(file="d.pdf", format="pdf", sha256="x")])
    assert page_words(f, doc) == "pp. 2-3 (PDF pages 3-4)"
    assert finding_record(f, doc, "/", None)["page_starts"] == [{"at": f.page_starts[0].at, "page": 3, "pdf_page": 4, "printed_page": "3"}]


def test_finding_on_one_page_has_no_page_starts() -> None:
    blocks = normalise_blocks([_block("One sentence.", 1)])
    blocks[0].finding_id = "d/p1"
    f = Finding(id="d/p1", key="p1", document_id="d", kind="paragraph", label="para 1", text="One sentence.", page=1)
    settle_finding_pages([f], blocks)
    doc = Document(id="d", title="T", kind="committee report")
    assert f.page_starts == [] and page_words(f, doc) == "p. 1" and "page_starts" not in finding_record(f, doc, "/", None)
