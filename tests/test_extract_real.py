"""The extraction layer on the forms real council papers take (issue 14): glyphs, page
furniture, page provenance and reading order.

- labelled cases (tests/labelled/extraction_cases.yaml): positioned lines in, blocks and
  furniture out;
- hypothesis invariants of the glyph rules;
- PDFs made here with reportlab, built end to end by the orchestrator and the CLI;
- floors on the real papers of the tuning half (tests/realpapers), where they are on this machine.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import evaluate_real
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.document.extract.pdf_layout import Line, PageLayout, layout_to_blocks
from ingest.document.normalise import normalise_blocks
from ingest.model import Block, Corpus, Document
from ingest.pipeline import BuildOptions, build
from ingest.textutil import clean_glyphs, split_bullets

from .conftest import LABELLED

CASES = yaml.safe_load((LABELLED / "extraction_cases.yaml").read_text(encoding="utf-8"))["cases"]
BROKEN = re.compile("[\ufffe\ufffd\ue000-\uf8ff]")


# ---------------------------------------------------------------- labelled cases


def _pages(case: dict[str, Any]) -> list[PageLayout]:
    pages = []
    for n, spec in enumerate(case["pages"], start=1):
        lines = [Line(float(ln[0]), float(ln[1]), float(ln[1]) + 11.0, ln[2], bool(ln[3]) if len(ln) > 3 else False,
                      float(ln[4]) if len(ln) > 4 else 11.0)
                 for ln in spec["lines"]]
        pages.append(PageLayout(n, float(spec.get("width", 595)), float(spec.get("height", 842)), lines))
    return pages


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_extraction_case(case: dict[str, Any]) -> None:
    pages = _pages(case)
    furniture: list[Block] = []
    blocks = normalise_blocks(layout_to_blocks(pages, furniture))
    assert [[b.type, b.text] for b in blocks] == case["blocks"]
    assert [[f.role, f.text] for f in furniture] == case.get("furniture", [])
    assert all(f.type == "furniture" and f.pdf_page is not None for f in furniture)
    if "printed" in case:
        assert [p.printed for p in pages] == case["printed"]
        for b in blocks:  # each block carries its page's provenance
            printed = case["printed"][b.pdf_page - 1]
            assert b.printed_page == printed and b.page == (int(printed) if printed else b.pdf_page)


# ---------------------------------------------------------------- glyph invariants

_GLYPHS = ["\ufffe", "\u00ad", "\ufffd", "\uf0b7", "\uf0a7", "\uf020", "\ue000", "\uf8ff", "\uf06e", "•", "◼"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefXYZ 019.,-") + _GLYPHS), max_size=60))
def test_no_broken_glyph_survives(text: str) -> None:
    cleaned = clean_glyphs(text)
    assert not BROKEN.search(cleaned)
    for _, piece in split_bullets(text):
        assert not BROKEN.search(clean_glyphs(piece))


@settings(max_examples=300, deadline=None)
# Ligatures (U+FB00-FB06, and Calibri's U+019F, U+01A9, U+01AB, U+014C, U+019E for "ti", "tt", "tti",
# "ft", "tf") are spelt out.
@given(st.text(max_size=80).filter(lambda t: not re.search("[\ufffe\u00ad\ufffd\ue000-\uf8ff\ufb00-\ufb06\u019f\u01a9\u01ab\u014c\u019e]", t)))
def test_text_without_those_glyphs_is_kept(text: str) -> None:
    assert clean_glyphs(text) == text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=12).filter(str.strip), min_size=1, max_size=5),
       st.sampled_from(["\uf0b7", "•", "◼", "\uf0a7"]))
def test_bullets_run_into_a_line_keep_every_word(items: list[str], glyph: str) -> None:
    line = " ".join(f"{glyph} {item}" for item in items)
    pieces = split_bullets(line)
    assert all(bullet for bullet, _ in pieces)
    assert " ".join(p for _, p in pieces).split() == " ".join(items).split()


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z]{2,8}", fullmatch=True), st.from_regex(r"[a-z]{2,8}", fullmatch=True), st.sampled_from(["\ufffe", "\u00ad", "-"]))
def test_break_hyphens_rejoin_like_a_hyphen(head: str, tail: str, mark: str) -> None:
    from ingest.textutil import join_lines

    assert join_lines([f"Some {head}{mark}", f"{tail} text"]) == join_lines([f"Some {head}-", f"{tail} text"])


_ITEM_WORDS = st.lists(st.sampled_from(["Apologies", "Minutes", "Police", "report", "Planning", "updates", "and", "of"]),
                       min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
# "1)" and "a)" are left out: normalise.LABEL, a second label table (being merged into
# numbering.py), does not know them, and joins such an item onto one that ends without a stop.
@given(st.sampled_from(["{}.", "({})"]), st.integers(min_value=1, max_value=40), st.lists(_ITEM_WORDS, min_size=2, max_size=12),
       st.floats(min_value=13.0, max_value=30.0))
def test_list_lines_at_any_pitch_keep_their_labels(form: str, first: int, items: list[list[str]], pitch: float) -> None:
    """Issue 14: a list of one-line items set at one pitch (so the pitch is the items' own) is a
    block an item, each starting with its label, whatever its start and pitch."""
    texts = [f"{form.format(first + i)} {' '.join(ws).capitalize()}" for i, ws in enumerate(items)]
    lines = [Line(72.0, 100.0 + i * pitch, 111.0 + i * pitch, t, False, 11.0) for i, t in enumerate(texts)]
    blocks = normalise_blocks(layout_to_blocks([PageLayout(1, 595.0, 842.0, lines)]))
    assert [b.text for b in blocks] == texts


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=9), st.integers(min_value=2, max_value=8),
       st.sampled_from(["million", "per cent", "of the Act", "children"]))
def test_a_wrapped_line_starting_with_a_number_stays_in_its_paragraph(n: int, lines_n: int, tail: str) -> None:
    """...and a paragraph's line that wraps at a number followed by lower case ("2.5 million",
    "3) of the Act") is the sentence going on, even after a paragraph of that number's style."""
    texts = [f"{n}.1 The Council has agreed the following figures for the year and"]
    texts += [f"{n}.{k + 2} {tail} are set out in the appendix to this report and" for k in range(lines_n)]
    lines = [Line(72.0, 100.0 + i * 14.0, 111.0 + i * 14.0, t, False, 11.0) for i, t in enumerate(texts)]
    blocks = normalise_blocks(layout_to_blocks([PageLayout(1, 595.0, 842.0, lines)]))
    assert len(blocks) == 1

# ---------------------------------------------------------------- PDFs made here, built end to end

HEADER = "Children and Young People's Committee - 13 March 2025"


def _report_pdf(path: Path) -> None:
    """Five pages: a cover without a number, then pages printed 1-4 (bare numbers, centred at
    the foot), a running header on every page, and a lone "2021" in the footer band of page 3
    (a table's year column) that is not a page number."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "Report of the Director of Children's Services")
    c.showPage()
    for n in range(1, 5):
        c.setFont("Helvetica", 9)
        c.drawString(72, 812, HEADER)
        c.setFont("Helvetica", 11)
        y = 740
        for k in range(1, 4):
            c.drawString(72, y, f"{n}.{k} The service reviewed placement stability for children in care during")
            c.drawString(72, y - 14, f"quarter {n} and found that the plan for item {k} was on track.")
            y -= 40
        if n == 2:
            c.drawString(72, 100, "2021")
        c.setFont("Helvetica", 9)
        c.drawString(295, 40, str(n))
        c.showPage()
    c.save()


def _build(corpus: Path, tmp_path: Path) -> Corpus:
    return build(BuildOptions(corpus=corpus, site=tmp_path / "site", executor="serial", render=False)).corpus


def _doc(corpus: Corpus, file: str) -> Document:
    return next(d for d in corpus.documents if any(s.file == file and not s.pack for s in d.sources))


def test_running_header_and_page_numbers_end_to_end(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _report_pdf(corpus / "report.pdf")
    doc = _doc(_build(corpus, tmp_path), "report.pdf")
    para = {f.label: f for f in doc.findings}
    # Paragraph 2.1 is on the PDF's page 3, which prints "2"; the "2021" there is no page number.
    assert (para["2.1"].pdf_page, para["2.1"].printed_page, para["2.1"].page) == (3, "2", 2)
    assert (para["4.3"].pdf_page, para["4.3"].printed_page) == (5, "4")
    assert all(f.pdf_page == int(f.printed_page or 0) + 1 for f in doc.findings if f.label[:1].isdigit())
    assert not any(HEADER in f.text or f.text == "2021" for f in doc.findings)
    roles = [(b.role, b.pdf_page) for b in doc.furniture]
    assert ("running header", 2) in roles and ("page number", 3) in roles
    assert not any(b.text == "2021" for b in doc.furniture)
    assert any(b.text == "2021" and b.pdf_page == 3 for b in doc.blocks)  # kept as text: nothing lost


def test_open_data_and_page_links_use_the_pdf_page(tmp_path: Path) -> None:
    from ingest.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _report_pdf(corpus / "report.pdf")
    site = tmp_path / "site"
    assert main(["build", "--corpus", str(corpus), "--site", str(site), "--cache", str(tmp_path / "cache"), "--quiet"]) == 0
    records = [json.loads(x) for x in (site / "data" / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    rec = next(r for r in records if r["label"] == "2.1")
    assert (rec["page"], rec["pdf_page"], rec["printed_page"]) == (2, 3, "2")
    assert rec["citation"].endswith("para 2.1, p. 2 (PDF page 3).")
    docs = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    assert docs[0]["furniture"]["running header"] == 4 and docs[0]["furniture"]["page number"] == 4
    page = next(site.glob("documents/*/index.html")).read_text(encoding="utf-8")
    assert "report.pdf#page=3" in page and "#page=2\"" not in page.split("2.1", 1)[1].split("</div>", 1)[0]


def test_margin_stamp_is_furniture(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    c = canvas.Canvas(str(corpus / "stamped.pdf"), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "1. The Committee is asked to note the progress made on the sufficiency strategy.")
    c.drawString(72, 720, "2. The Committee is asked to agree the next steps for the sufficiency strategy.")
    c.saveState()
    c.translate(570, 400)
    c.rotate(90)
    c.drawString(0, 0, "Agenda Item 6")
    c.restoreState()
    c.showPage()
    c.save()
    doc = _doc(_build(corpus, tmp_path), "stamped.pdf")
    assert [(b.role, b.text) for b in doc.furniture] == [("margin stamp", "Agenda Item 6")]
    assert not any("Agenda Item" in f.text for f in doc.findings) and len(doc.findings) == 2


LEFT = ["The council has invested in a charge point network across the city and more widely",
        "across the region, with over seven hundred sockets installed in car parks and streets,",
        "so that residents without a driveway can charge an electric vehicle close to home.",
        "The charge points at park and ride sites and leisure centres take contactless payments",
        "and are run by one operator who supplies, installs and maintains every unit we own.",
        "The network will grow again next year with the new on-street residential funding."]
RIGHT = ["The fleet has been converted to ultra low emission vehicles at a steady pace, with two",
         "hundred and sixteen such vehicles in service by December, close to half the fleet,",
         "and every pool car replaced at the end of its lease by an electric model since then.",
         "Drivers are trained before they take a new vehicle out, and the depot has its own",
         "rapid chargers so that vehicles are ready for the start of each shift in the morning.",
         "The fleet plan sets out the remaining replacements to be made over the next two years."]


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    c = canvas.Canvas(str(corpus / "columns.pdf"), pagesize=A4)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(40, 790, "Electric vehicles and the council fleet in the year under review")
    c.setFont("Helvetica", 7)
    # As a word processor writes columns: the whole of the left one, then the right one.
    for x, column in ((40, LEFT), (310, RIGHT)):
        for i, line in enumerate(column):
            c.drawString(x, 760 - 10 * i, line)
    c.setFont("Helvetica", 9)
    c.drawString(40, 650, "Both programmes are reported to the Transport Committee every quarter of the year.")
    c.showPage()
    c.save()
    doc = _doc(_build(corpus, tmp_path), "columns.pdf")
    texts = [f.text for f in doc.findings]
    assert any(" ".join(LEFT) in t for t in texts), texts
    assert any(" ".join(RIGHT) in t for t in texts), texts
    order = " ".join(texts)
    assert order.index(LEFT[-1]) < order.index(RIGHT[0]) < order.index("Both programmes")


@pytest.mark.parametrize("cover_footer", [True, False], ids=["footer from page 1", "footer from page 2"])
def test_publisher_is_still_read_from_furniture(tmp_path: Path, cover_footer: bool) -> None:
    """A council that names itself only in its running footer (from the cover on, or from page
    2 on, after a cover without one): the footer is furniture (no finding holds it), and the
    metadata rules still read it on the first two pages."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    c = canvas.Canvas(str(corpus / "report.pdf"), pagesize=A4)
    for n in range(1, 5):
        c.setFont("Helvetica", 11)
        c.drawString(72, 760, f"{n}. The panel reviewed the placement stability figures for the quarter and the plan.")
        c.drawString(72, 740, f"{n}.1 Officers will report the next figures to the panel in the spring of the year.")
        c.setFont("Helvetica", 9)
        if cover_footer or n > 1:
            c.drawString(72, 40, "Kent County Council")
        c.showPage()
    c.save()
    doc = _doc(_build(corpus, tmp_path), "report.pdf")
    assert [b.role for b in doc.furniture] == ["running footer"] * (4 if cover_footer else 3)
    assert not any("Kent County Council" in f.text for f in doc.findings)
    assert doc.publisher == "Kent County Council"


def _pack_pdf(path: Path) -> None:
    """An agenda pack of five pages stamped "Page N" at the foot: the agenda, then two items.
    Headings are bold; paragraphs wrap onto a second line (14 points down) and stand 30 apart."""
    c = canvas.Canvas(str(path), pagesize=A4)

    def page(paras: list[str], n: int) -> None:
        y = 760
        for para in paras:
            bold = para.startswith("#")
            c.setFont("Helvetica-Bold" if bold else "Helvetica", 11)
            words = para.lstrip("# ").split()
            half = len(words) // 2 if not bold and len(words) > 6 else len(words)
            for line in (" ".join(words[:half]), " ".join(words[half:])):
                if line:
                    c.drawString(72, y, line)
                    y -= 14
            y -= 16
        c.setFont("Helvetica", 11)
        c.drawString(270, 40, f"Page {n}")
        c.showPage()

    page(["# Corporate Parenting Panel", "# Agenda", "1. Fostering Service Annual Report (Pages 2 - 3)",
          "2. Virtual School Head Report (Pages 4 - 5)"], 1)
    page(["# Fostering Service Annual Report", "1.1 The service approved twelve new fostering households this year.",
          "1.2 Placement stability improved for children placed with in-house carers."], 2)
    page(["2.1 The service will recruit more carers for teenagers and sibling groups next year."], 3)
    page(["# Virtual School Head Report", "1.1 Attendance of children in care rose to ninety two per cent this year."], 4)
    page(["1.2 Personal education plans were completed on time for most children in care."], 5)
    c.save()


def test_pdf_pack_items_keep_their_pack_pages(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _pack_pdf(corpus / "pack.pdf")
    (corpus / "manifest.yaml").write_text(
        "documents:\n  - file: pack.pdf\n    id: pack\n    title: Corporate Parenting Panel agenda pack\n"
        "    date: 2024-12-10\n    kind: agenda pack\n", encoding="utf-8")
    result = _build(corpus, tmp_path)
    items = [d for d in result.documents if any(s.pack == "pack" for s in d.sources)]
    assert len(items) == 2
    found = {(d.title, f.label): f for d in items for f in d.findings}
    f = found[("Virtual School Head Report", "1.2")]
    assert (f.page, f.pdf_page, f.printed_page) == (5, 5, "5")
    assert found[("Fostering Service Annual Report", "2.1")].page == 3
    assert all(f.page is not None for d in items for f in d.findings)
    from ingest.site.export import citation

    vsh = next(d for d in items if d.title == "Virtual School Head Report")
    assert citation(f, vsh, "Kent County Council").endswith("para 1.2, p. 5 of the pack.")


def test_glyphs_in_a_text_paper_end_to_end(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "minutes.txt").write_text(
        "Report of the Director of Children's Services\n\n"
        "1. The panel welcomed the strong multi\ufffe\nagency working and the recom\ufffe\nmendations of the review.\n\n"
        "2. The panel agreed the following actions:\n\n"
        "\uf0b7\uf020 publish the sufficiency strategy by June \uf0b7 report progress to the next panel meeting\n\n"
        "3. The panel noted the \ufffd budget position for the year and the \uf0fc risks.\n",
        encoding="utf-8")
    doc = _doc(_build(corpus, tmp_path), "minutes.txt")
    texts = [f.text for f in doc.findings]
    assert not any(BROKEN.search(t) for t in texts)
    assert any("strong multi-agency working and the recommendations of the review." in t for t in texts)
    # The two symbol-font bullets run into one line are two bullets, their glyphs gone (how the
    # segmenter files them, under paragraph 2, is its own rule).
    bullets = [b.text for b in doc.blocks if b.type == "bullet"]
    assert bullets == ["• publish the sufficiency strategy by June", "• report progress to the next panel meeting"]
    assert "publish the sufficiency strategy by June" in texts and "report progress to the next panel meeting" in texts


# ---------------------------------------------------------------- the real papers (tuning half)

# Papers of the tuning half that carry the forms this layer handles: symbol-font bullets and
# U+FFFE (the Birmingham pack, the Medway report), printed numbers offset from the PDF's (Medway,
# Nottingham), "- N -" (the forward plan), "Page | N" with sign-offs (Sutton Coldfield).
FLOOR_PAPERS = ("bcc-2018", "medway-2013", "nottingham-2023", "bristol-2026-01", "sutton-coldfield", "watford-2022")


@pytest.fixture(scope="module")
def real_scores(tmp_path_factory: pytest.TempPathFactory) -> evaluate_real.Score:
    papers = [p for p in evaluate_real.load_labels() if p.half == "tune" and p.name.startswith(FLOOR_PAPERS)]
    present = [p for p in papers if p.path is not None]
    if len(present) < len(FLOOR_PAPERS):
        pytest.skip("the real papers of the tuning half are not on this machine")
    corpus = evaluate_real.build_papers(present, tmp_path_factory.mktemp("real"))
    total = evaluate_real.Score()
    for p in present:
        total.merge(evaluate_real.score_paper(p, corpus))
    return total


@pytest.mark.parametrize(("figure", "floor", "higher"), [
    ("page right", 1.0, True),
    ("printed page right", 1.0, True),
    ("broken glyphs", 0.0, False),
    ("furniture as findings", 0.25, False),
])
def test_real_papers_floor(real_scores: evaluate_real.Score, figure: str, floor: float, higher: bool) -> None:
    share = real_scores.share(figure)
    assert share is not None
    assert share >= floor if higher else share <= floor, (figure, share, real_scores.counts[figure])


_WORD = re.compile(r"[A-Za-z]{3,}")


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def _all_text(blocks: list[Block]) -> str:
    parts = []
    for b in blocks:
        parts.append(b.text)
        parts.extend(p.text for r in b.rows for c in r.cells for p in c.parts)
    return "\n".join(parts)


@pytest.mark.parametrize("prefix", FLOOR_PAPERS)
def test_real_papers_lose_no_text(prefix: str) -> None:
    """Every word pdfium reads on the pages is in a block or in the furniture layer (words
    hyphenated at a line end are compared joined, so a kept "multi-agency" counts as missing:
    hence the small allowance)."""
    import pypdfium2 as pdfium

    from ingest.document.convert import extract

    paper = next((p for p in evaluate_real.load_labels() if p.half == "tune" and p.name.startswith(prefix)), None)
    if paper is None or paper.path is None:
        pytest.skip("the real papers of the tuning half are not on this machine")
    pdf = pdfium.PdfDocument(str(paper.path))
    try:
        raw = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    want = _words(raw.replace("\ufffe\r\n", "").replace("\ufffe", ""))
    ex = extract(paper.path)
    got = _words(_all_text(normalise_blocks(ex.blocks)) + "\n" + _all_text(ex.furniture))
    missing = want - got
    assert sum(missing.values()) <= 0.003 * sum(want.values()), missing.most_common(10)
