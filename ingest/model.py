"""The one document model passed between stages.

Like docling's DoclingDocument it is versioned and round-trips through JSON, so any stage's
output can be cached, inspected or handed to another tool. Every finding carries its provenance:
document, page, section path and the label exactly as printed.
"""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, Field

from ingest.document.metadata.kinds import DocumentKind

SCHEMA_VERSION = "1.6"  # 1.1: Corpus.possible_links; 1.2: Document.publisher, subject, provenance;
# 1.3: pdf_page, printed_page, Document.furniture; 1.4: Provenance.pdf_page; 1.5: Finding.page_starts;
# 1.6: Block.size, furniture role "hidden text"

BlockType = Literal["heading", "paragraph", "bullet", "table", "furniture"]
# What a piece of page furniture is (a "furniture" block's role): text on the page that is not
# the paper's content. It is kept in `Document.furniture`, never in `blocks`: no segmenter, search
# or finding sees it, and it stays inspectable (documents.json counts it by role). "chart text"
# is the text drawn inside a chart (axis numbers, labels): content, but no finding (extract/charts.py);
# "hidden text" is text drawn under a picture laid over it, which no reader sees (extract/pdf_fast.py).
FurnitureRole = Literal["running header", "running footer", "page number", "margin stamp", "blank-page notice",
                        "contents", "back-page boilerplate", "sign-off", "cover block", "chart text", "hidden text"]


class Paged(Protocol):
    """Anything that records the page it is on, with the fields Block gives them."""

    page: int | None
    pdf_page: int | None
    printed_page: str | None


def page_place(unit: Paged) -> tuple[int | None, int | None, str | None]:
    """The page fields alone, to tell whether two things are on the same page."""
    return unit.page, unit.pdf_page, unit.printed_page


class PageStart(BaseModel):
    """Where a page begins inside a text that runs across a page break: `at` is the offset in the
    text (a block's, or a finding's) of the first character printed on that page; the page
    fields mean what they mean on Block."""

    at: int
    page: int | None = None
    pdf_page: int | None = None
    printed_page: str | None = None

    @classmethod
    def of(cls, unit: Paged, at: int = 0) -> PageStart:
        """The page `unit` (a block, row, cell part, finding or page start) is on, beginning at `at`."""
        return cls(at=at, page=unit.page, pdf_page=unit.pdf_page, printed_page=unit.printed_page)


class CellPart(BaseModel):
    """One paragraph or bullet inside a table cell."""

    text: str
    bullet: bool = False
    page: int | None = None
    finding_id: str | None = None
    pdf_page: int | None = None  # see Block
    printed_page: str | None = None


class Cell(BaseModel):
    parts: list[CellPart] = Field(default_factory=list)
    # True when the cell above runs down into this one (a PDF table's label beside several rows,
    # no rule between): this cell holds no text of its own, and the row reads the cell above's.
    spanned: bool = False

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts).strip()


class Row(BaseModel):
    cells: list[Cell] = Field(default_factory=list)
    # True when a page break split this row off the one above (no top border in the PDF,
    # an empty or lower-case first cell in converted text): it continues that row.
    continued: bool = False
    # A row that names the columns (a PDF table's bold first row, or words over columns of
    # figures): each data row's finding carries these names, and the row is no finding itself.
    header: bool = False
    page: int | None = None
    finding_id: str | None = None
    pdf_page: int | None = None  # see Block
    printed_page: str | None = None


class Block(BaseModel):
    """A unit of normalised text in reading order."""

    type: BlockType
    text: str = ""
    level: int = 0
    # Page provenance, one meaning per field. `pdf_page`: the PDF's own page, 1-based (what
    # `#page=N` opens); None for text inputs. `printed_page`: the page number printed on that page
    # (a pack's "Page 19"), as printed, where the page prints one in a consistent sequence.
    # `page`: the page a reader cites, the printed number where there is one, else the PDF's page
    # (for converted text: the "Page N" marker's number).
    page: int | None = None
    pdf_page: int | None = None
    printed_page: str | None = None
    # The pages after the first that this block's text runs onto (a paragraph a page break cut,
    # joined back by normalise), in order; empty for a block on one page.
    page_starts: list[PageStart] = Field(default_factory=list)
    role: FurnitureRole | None = None  # "furniture" blocks only
    # The type size the block is printed in, in points to the half point (the median of its
    # lines', read from the PDF's characters: the font size scaled by the text matrix); None for
    # text inputs, tables and OCR. A cover's title is set larger than the lines around it.
    size: float | None = None
    rows: list[Row] = Field(default_factory=list)
    caption: str | None = None
    finding_id: str | None = None
    # A "Page 19" footer or "Agenda Item 5" stamp that a converter left just before this block.
    page_marker: int | None = None
    agenda_item: str | None = None
    # Read by OCR from a scanned page, with the mean confidence (0-100) of its words.
    ocr: bool = False
    ocr_confidence: float | None = None


class Source(BaseModel):
    """One place a document was published."""

    file: str
    format: Literal["pdf", "text"]
    sha256: str
    pack: str | None = None  # document id of the agenda pack it was published in
    item: str | None = None  # agenda item number in that pack
    pages: str | None = None  # pages as printed, e.g. "19-26"
    url: str | None = None  # the source address, where known
    href: str | None = None  # link to the copy published with the site (PDFs)


class Terms(BaseModel):
    """What the tagger read of a finding's words for linking to use: its content lemmas (in the
    text's order, function words and words under three letters left out) and its concept groups."""

    lemmas: list[str] = Field(default_factory=list)
    concepts: list[str] = Field(default_factory=list)


class Finding(BaseModel):
    """A citable unit: a numbered paragraph, bullet, table row, recommendation, action..."""

    id: str
    key: str  # the anchor within the document page; stable across rebuilds
    document_id: str
    date: str | None = None
    kind: str
    section: list[str] = Field(default_factory=list)
    label: str
    text: str
    page: int | None = None
    pdf_page: int | None = None  # as on Block: the PDF's page where the finding starts
    printed_page: str | None = None  # the number printed on that page, as printed
    # A finding that runs across page breaks: where each later page begins in `text` (see
    # PageStart; ingest/provenance.py). Empty for a finding on one page.
    page_starts: list[PageStart] = Field(default_factory=list)
    side: str | None = None
    themes: list[str] = Field(default_factory=list)
    evidence: dict[str, list[str]] = Field(default_factory=dict)
    # Read by OCR from a scanned page (check the original), with its words' mean confidence (0-100).
    ocr: bool = False
    ocr_confidence: float | None = None
    # Set by the tagger (None: not tagged yet); read by linking, never published nor cached with the document.
    terms: Terms | None = Field(default=None, exclude=True)

    @property
    def section_text(self) -> str:
        return " > ".join(self.section)

    def page_at(self, at: int) -> PageStart:
        """The page of the character at offset `at` of the text (where a quoted sentence starts)."""
        here = PageStart.of(self)
        for ps in self.page_starts:
            if ps.at <= at:
                here = ps
        return here


class Provenance(BaseModel):
    """Where an inferred metadata field was read: the line as printed, its page, and how sure the
    rule that read it is (0-1; under 0.5 the build report asks for a manifest entry)."""

    value: str | None = None
    page: int | None = None  # the page a reader cites, as on Block
    pdf_page: int | None = None  # the PDF's own page the line is on; None for text inputs
    line: str | None = None
    confidence: float = 0.0
    rule: str = ""


class OcrPage(BaseModel):
    """A scanned page of a PDF (no usable text layer): what OCR made of it."""

    page: int  # the PDF's own page number, 1-based
    confidence: float | None = None  # mean word confidence (0-100); None when nothing was read
    words: int = 0  # words kept
    read: bool = True  # False: not read (Tesseract missing, or it failed: `error`)
    error: str | None = None


class Document(BaseModel):
    id: str
    title: str
    short_title: str | None = None
    date: str | None = None
    kind: DocumentKind
    body: str | None = None
    publisher: str | None = None  # who issued it, as the paper names itself (or its manifest entry)
    subject: str | None = None  # the body it is about, where that is not the publisher (an inspection)
    series: str | None = None
    period: str | None = None  # reporting period, e.g. "2016-04-01/2017-03-31"
    inferred: list[str] = Field(default_factory=list)  # metadata fields inferred from text
    provenance: dict[str, Provenance] = Field(default_factory=dict)  # inferred field -> where it was read
    sources: list[Source] = Field(default_factory=list)
    page_count: int | None = None
    blocks: list[Block] = Field(default_factory=list)
    # Page furniture (running headers, page numbers, stamps, contents...), "furniture" blocks
    # with their role and page, apart from `blocks` so that nothing reads it as content.
    furniture: list[Block] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    items: list[AgendaItem] = Field(default_factory=list)  # agenda packs only
    ocr_pages: list[OcrPage] = Field(default_factory=list)  # its scanned pages (the build report lists doubtful ones)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def reporting_year(self) -> str:
        """The year the paper speaks for: its reporting period's (a 2019 review reported in
        February 2020 speaks for 2019), else its date's; "" if it has neither."""
        return (self.period or self.date or "")[:4]


def series_order(period: str | None, date: str | None, doc_id: str) -> tuple[str, str]:
    """Where a paper stands in its series: by the period it reports on, else its date, then its
    id. The linker pairs consecutive papers in this order, and `ingest decide` checks by it."""
    return (period or date or "", doc_id)


class AgendaItem(BaseModel):
    number: str
    title: str
    pages: str | None = None
    document_id: str | None = None  # the document this item became


class Link(BaseModel):
    source: str | None  # None: new in the later review
    target: str | None  # None: the later review said nothing on it
    score: float
    relation: str
    themes: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    confirmed: bool = False  # an officer confirmed or added it (corpus/link-decisions.yaml)


class GlossaryEntry(BaseModel):
    acronym: str
    expansion: str
    defined_in: list[str] = Field(default_factory=list)  # finding ids
    curated: bool = False


Status = Literal["built", "merged", "skipped", "part"]


class InputReport(BaseModel):
    """What happened to one input file: docling's ConversionStatus, per file."""

    file: str
    status: Status
    stage: str | None = None
    reason: str | None = None
    document_id: str | None = None
    code: str | None = None
    # Share of the paper's body text (not headings) that is in findings; None without body text.
    coverage: float | None = None
    # Metadata the build read with low confidence: put these fields in the manifest.
    low_confidence: list[str] = Field(default_factory=list)


class Corpus(BaseModel):
    schema_version: str = SCHEMA_VERSION
    documents: list[Document] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    # The next-best later findings for each earlier one, below the cut-offs (relation "a possible
    # match..."): suggestions for an officer to confirm, kept apart so that nothing counts them as links.
    possible_links: list[Link] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    report: list[InputReport] = Field(default_factory=list)

    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)


Document.model_rebuild()
