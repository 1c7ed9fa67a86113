"""Scanned papers are read by OCR, not skipped (issue 18).

Every scan is made here: a typed PDF drawn with reportlab, rendered to images with pypdfium2 and
saved back as an image-only PDF with Pillow (a "scanned twin"). The real scanned agenda package
in shared/realpdfs is OCR'd once for the module. The tests need Tesseract; CI installs it
(scripts/install-ocr-deps.sh), elsewhere they skip saying so.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from rapidfuzz import fuzz
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.cli import main
from ingest.document.extract import ocr, ocr_run
from ingest.pipeline import BuildOptions, BuildResult, build

from .conftest import ROOT

needs_tesseract = pytest.mark.skipif(
    ocr.tesseract_version() is None,
    reason="Tesseract OCR is not installed (apt-get install tesseract-ocr tesseract-ocr-eng; scripts/install-ocr-deps.sh)")

REAL_SCAN = ROOT.parent / "shared" / "realpdfs" / "nipissing-township-2025-03-18-agenda-package-scanned.pdf"
HEADINGS = ["Summary of findings", "Areas for further consideration", "Recommendations"]
PARAS = [
    "The review team met officers, partners and young people over three days in March.",
    "Children in care told us that their social workers change too often and that they are not always told why.",
    "The council should make sure that every child in care has a permanence plan by their second review.",
    "Foster carers praised the training offer but said that support out of hours was hard to reach.",
    "Members of the corporate parenting board should visit frontline teams at least twice a year.",
    "Missing episodes are recorded promptly and return interviews are offered within three days.",
    "Caseloads in the assessment teams remain high and supervision is not always recorded on the file.",
    "The virtual school tracks the progress of each child and challenges schools where progress stalls.",
]


def typed_pdf(path: Path, pages: int = 3, first: int = 1) -> None:
    """A peer-review style paper: running header, "Page N" footer, a bold heading per page,
    numbered paragraphs with hanging indents, and bullets."""
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    n = first - 1
    for page in range(pages):
        c.setFont("Helvetica", 9)
        c.drawString(72, height - 40, "Corporate Parenting Board - 12 March 2024")
        c.drawString(width / 2 - 20, 40, f"Page {page + first}")
        y = height - 90
        c.setFont("Helvetica-Bold", 13)
        c.drawString(72, y, HEADINGS[(page + first - 1) % len(HEADINGS)])
        y -= 30
        c.setFont("Helvetica", 11)
        for k in range(4):
            n += 1
            text = PARAS[(n - 1) % len(PARAS)]
            words, line, indent = f"{n}. {text} {text}".split(), "", 72
            for w in words:
                if c.stringWidth(f"{line} {w}", "Helvetica", 11) > width - 150:
                    c.drawString(indent, y, line.strip())
                    y, line, indent = y - 14, "", 90
                line += " " + w
            c.drawString(indent, y, line.strip())
            y -= 26
            if k == 1:
                for b in range(2):
                    c.drawString(90, y, "\u2022")
                    c.drawString(104, y, f"A bullet point about placement stability number {b + 1}.")
                    y -= 20
                y -= 8
        c.showPage()
    c.save()


def page_images(path: Path, dpi: int = 200) -> list:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
    finally:
        pdf.close()


def save_scan(images: list, path: Path, dpi: int = 200) -> None:
    images[0].save(str(path), "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])


def scanned_twin(typed: Path, out: Path) -> None:
    save_scan(page_images(typed), out)


def _build(corpus: Path, tmp: Path, **kw: object) -> BuildResult:
    opts = {"corpus": corpus, "site": tmp / "site", "render": False, "executor": "serial", "cache_dir": tmp / "cache"}
    opts.update(kw)
    return build(BuildOptions(**opts))  # type: ignore[arg-type]


def _corpus(tmp: Path, name: str, *files: Path) -> Path:
    corpus = tmp / name
    corpus.mkdir()
    for f in files:
        shutil.copy(f, corpus / f.name)
    return corpus


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildResult]:
    tmp = tmp_path_factory.mktemp("twins")
    typed, scan = tmp / "review.pdf", tmp / "scan" / "review.pdf"
    scan.parent.mkdir()
    typed_pdf(typed)
    scanned_twin(typed, scan)
    return {"typed": _build(_corpus(tmp, "typed", typed), tmp / "t"), "scan": _build(_corpus(tmp, "scanned", scan), tmp / "s")}


@needs_tesseract
def test_scanned_twin_gives_the_typed_twins_findings(twins: dict[str, BuildResult]) -> None:
    typed = twins["typed"].corpus.findings()
    scanned = twins["scan"].corpus.findings()
    assert len(typed) == 18
    by_label = {(f.label, f.page, tuple(f.section)): f for f in scanned}
    matched = [f for f in typed if (g := by_label.get((f.label, f.page, tuple(f.section)))) is not None
               and fuzz.ratio(f.text, g.text) >= 90]
    assert len(matched) >= 0.9 * len(typed), [(f.label, f.page) for f in typed if f not in matched]
    assert all(f.ocr and f.ocr_confidence is not None and f.ocr_confidence > ocr.LOW_CONFIDENCE for f in scanned)
    assert not any(f.ocr for f in typed), "typed findings never say OCR"
    # Furniture: the running header and "Page N" footers are gone, as on the typed twin.
    assert not any("Corporate Parenting Board - 12" in f.text or "Page 2" in f.text for f in scanned)
    doc = twins["scan"].corpus.documents[0]
    assert [p.page for p in doc.ocr_pages] == [1, 2, 3] and all(p.read and p.words > 100 for p in doc.ocr_pages)
    assert twins["scan"].corpus.report[0].status == "built" and twins["scan"].corpus.report[0].code is None


def _mixed_pdf(tmp: Path) -> Path:
    """Two typed pages and a scanned third page (a signed letter appended to a report)."""
    typed, extra = tmp / "typed.pdf", tmp / "extra.pdf"
    typed_pdf(typed, pages=2)
    typed_pdf(extra, pages=1, first=3)
    scan = tmp / "extra-scan.pdf"
    scanned_twin(extra, scan)
    out = pdfium.PdfDocument(str(typed))
    src = pdfium.PdfDocument(str(scan))
    out.import_pages(src)
    path = tmp / "report-with-scanned-appendix.pdf"
    out.save(str(path))
    out.close()
    src.close()
    return path


@needs_tesseract
def test_mixed_pdf_ocrs_only_its_scanned_page_and_says_so_in_open_data_and_on_the_page(tmp_path: Path) -> None:
    mixed = _mixed_pdf(tmp_path)
    corpus = _corpus(tmp_path, "corpus", mixed)
    site = tmp_path / "site"
    assert main(["build", "--corpus", str(corpus), "--site", str(site), "--cache", str(tmp_path / "cache"), "--quiet"]) == 0
    data = site / "data"
    lines = [json.loads(x) for x in (data / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {f["page"] for f in lines} == {1, 2, 3}
    for f in lines:
        if f["page"] == 3:
            assert f["ocr"] is True and f["ocr_confidence"] > ocr.LOW_CONFIDENCE, f
        else:
            assert "ocr" not in f and "ocr_confidence" not in f, "typed findings' lines are as before"
    assert sum(1 for f in lines if f["page"] == 3) == 6, "the scanned page's paragraphs and bullets"
    csv_text = (data / "findings.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].endswith(",ocr,ocr_confidence")
    import csv

    rows = list(csv.DictReader(csv_text.splitlines()))
    assert {r["ocr"] for r in rows if r["page"] == "3"} == {"true"} and {r["ocr"] for r in rows if r["page"] != "3"} == {""}
    page = next((site / "documents").glob("*/index.html")).read_text(encoding="utf-8")
    assert page.count("read by OCR: check the original") == 6
    report = json.loads((data / "build-report.json").read_text(encoding="utf-8"))
    assert [(r["file"], r["status"], r["code"]) for r in report] == [(mixed.name, "built", None)]


@needs_tesseract
def test_blank_and_photo_pages_give_no_junk_findings(tmp_path: Path) -> None:
    import random

    from PIL import Image, ImageDraw, ImageFilter

    typed = tmp_path / "one.pdf"
    typed_pdf(typed, pages=1)
    text_page = page_images(typed)[0]
    blank = Image.new("L", text_page.size, 255)
    rng = random.Random(7)
    photo = Image.new("L", text_page.size, 128)
    draw = ImageDraw.Draw(photo)
    for _ in range(400):  # a photograph: shapes and textures, no text
        x, y, r = rng.randrange(photo.width), rng.randrange(photo.height), rng.randrange(5, 120)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(256))
    photo = photo.filter(ImageFilter.GaussianBlur(1.5))
    scan = tmp_path / "in" / "scan-with-photo.pdf"
    scan.parent.mkdir()
    save_scan([text_page, blank, photo], scan)
    only_pictures = tmp_path / "in" / "pictures.pdf"
    save_scan([blank, photo], only_pictures)
    result = _build(_corpus(tmp_path, "corpus", scan, only_pictures), tmp_path)
    findings = result.corpus.findings()
    assert findings and {f.page for f in findings} == {1}, [(f.page, f.text) for f in findings if f.page != 1]
    typed_alone = _build(_corpus(tmp_path, "typed", typed), tmp_path / "typed-build").corpus.findings()
    assert [(f.label, f.text) for f in findings] == [(f.label, f.text) for f in typed_alone]
    report = {r.file: r for r in result.corpus.report}
    assert report["pictures.pdf"].status == "skipped" and report["pictures.pdf"].code == "E202"
    assert "OCR read no words" in (report["pictures.pdf"].reason or "")
    doc = next(d for d in result.corpus.documents if d.sources[0].file == scan.name)
    assert [(p.page, p.words, p.confidence) for p in doc.ocr_pages][1:] == [(2, 0, None), (3, 0, None)]
    assert report[scan.name].code is None, "a blank page or a photo is not a doubtful page"


@needs_tesseract
def test_a_map_on_a_real_scanned_page_gives_no_junk_findings(tmp_path: Path) -> None:
    """Bug: the labels and texture of the map in the real package's staff report (its page 4) were
    read as lines like "sere ao rman orate" (mean word confidence 25-57) and became findings.
    Lines Tesseract doubts as a whole are dropped; the report's own lines stay."""
    if not REAL_SCAN.is_file():
        pytest.skip(f"the real scanned agenda package is not at {REAL_SCAN}")
    src = pdfium.PdfDocument(str(REAL_SCAN))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [3])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    out.save(str(corpus / "staff-report-with-map.pdf"))
    out.close()
    src.close()
    findings = _build(corpus, tmp_path).corpus.findings()
    assert any("Rowan Thompson" in f.text for f in findings), "the report's own lines are kept"
    assert all(f.ocr_confidence is not None and f.ocr_confidence >= ocr.MIN_LINE_CONFIDENCE for f in findings), [
        (f.ocr_confidence, f.text) for f in findings]


@needs_tesseract
def test_low_confidence_pages_are_listed_and_strict_fails_on_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typed = tmp_path / "one.pdf"
    typed_pdf(typed, pages=1)
    page = page_images(typed, dpi=200)[0]
    # A poor scan: 40 dpi, blown up again to 200; Tesseract doubts many of its words.
    poor = page.resize((page.width // 5, page.height // 5)).resize(page.size)
    scan = tmp_path / "in" / "poor-scan.pdf"
    scan.parent.mkdir()
    save_scan([poor], scan)
    corpus = _corpus(tmp_path, "corpus", scan)
    result = _build(corpus, tmp_path)
    conf = result.corpus.documents[0].ocr_pages[0].confidence
    assert conf is not None and conf < ocr.LOW_CONFIDENCE, conf
    assert result.corpus.findings(), "what was read well enough is kept"
    site = tmp_path / "site"
    args = ["build", "--corpus", str(corpus), "--site", str(site), "--cache", str(tmp_path / "cache"), "--quiet"]
    assert main(args) == 0
    out = capsys.readouterr().err
    assert "check these pages" in out and "poor-scan.pdf" in out
    report = json.loads((site / "data" / "build-report.json").read_text(encoding="utf-8"))
    assert report[0]["code"] == "E201" and report[0]["status"] == "built" and "PDF page(s) 1" in report[0]["reason"]
    (site / "index.html").write_text("last good site", encoding="utf-8")
    assert main([*args, "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"


@needs_tesseract
def test_without_tesseract_scans_are_skipped_and_the_build_says_once_how_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    mixed = _mixed_pdf(tmp_path)
    typed = tmp_path / "typed-twin.pdf"
    typed_pdf(typed, pages=1)
    scan = tmp_path / "scanned.pdf"
    scanned_twin(typed, scan)
    corpus = _corpus(tmp_path, "corpus", mixed, scan)
    monkeypatch.setattr(ocr, "tesseract_version", lambda: None)
    site = tmp_path / "site"
    assert main(["build", "--corpus", str(corpus), "--site", str(site), "--cache", str(tmp_path / "cache"),
                 "--quiet", "--executor", "serial"]) == 0
    err = capsys.readouterr().err
    assert err.count("Tesseract OCR is not installed: the scanned pages of 2 file(s) were skipped") == 1
    assert "apt-get install tesseract-ocr tesseract-ocr-eng" in err
    report = {r["file"]: r for r in json.loads((site / "data" / "build-report.json").read_text(encoding="utf-8"))}
    assert report["scanned.pdf"]["status"] == "skipped" and report["scanned.pdf"]["code"] == "E200"
    assert report[mixed.name]["status"] == "built" and report[mixed.name]["code"] == "E200"
    assert "PDF page(s) 3 " in report[mixed.name]["reason"]
    pages = {json.loads(x)["page"] for x in (site / "data" / "findings.jsonl").read_text(encoding="utf-8").splitlines()}
    assert pages == {1, 2}, "the typed pages of the mixed PDF are still built"
    # Installing Tesseract later reads the scans: the cache does not serve the copies without them.
    monkeypatch.undo()
    result = _build(corpus, tmp_path, site=tmp_path / "site2")
    assert {r.file: r.status for r in result.corpus.report} == {mixed.name: "built", "scanned.pdf": "built"}
    assert any(f.page == 3 and f.ocr for f in result.corpus.findings())


@needs_tesseract
def test_ocr_is_cached_by_page_image_and_shows_page_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = tmp_path / "typed.pdf"
    typed_pdf(typed, pages=2)
    scan = tmp_path / "in" / "scan.pdf"
    scan.parent.mkdir()
    scanned_twin(typed, scan)
    corpus = _corpus(tmp_path, "corpus", scan)
    bars: dict[str, list[str]] = {}

    def factory(label: str, total: int):  # type: ignore[no-untyped-def]
        bars[label] = []
        return bars[label].append

    first = build(BuildOptions(corpus=corpus, site=tmp_path / "site", render=False, executor="serial",
                               cache_dir=tmp_path / "cache"), factory)
    steps = bars["Reading scanned pages (OCR)"]
    assert len(steps) == 2 and all("pages/s" in s for s in steps), steps
    # The same page images in another file (other bytes, other name): read from the cache.
    other = pdfium.PdfDocument(str(scan))
    other.save(str(corpus / "copy-of-scan.pdf"), version=14)
    other.close()
    assert (corpus / "copy-of-scan.pdf").read_bytes() != scan.read_bytes()
    calls: list[int] = []
    real = ocr.read_image
    monkeypatch.setattr(ocr, "read_image", lambda image: calls.append(1) or real(image))
    again = build(BuildOptions(corpus=corpus, site=tmp_path / "site", render=False, executor="serial",
                               cache_dir=tmp_path / "cache"))
    assert calls == [], "no page was OCR'd again"
    texts = sorted(f.text for f in first.corpus.findings())
    assert sorted(f.text for f in again.corpus.findings() if f.document_id == first.corpus.documents[0].id) == texts


@needs_tesseract
def test_a_typed_corpus_never_renders_or_runs_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = tmp_path / "typed.pdf"
    typed_pdf(typed, pages=3)

    def refuse(*_: object) -> None:
        raise AssertionError("a typed page was sent to OCR")

    monkeypatch.setattr(ocr, "render", refuse)
    monkeypatch.setattr(ocr, "image_share", refuse)
    monkeypatch.setattr(ocr_run, "run_pending", refuse)
    result = _build(_corpus(tmp_path, "corpus", typed), tmp_path)
    assert len(result.corpus.findings()) == 18 and not result.corpus.documents[0].ocr_pages


@pytest.fixture(scope="module")
def real_scan(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    if not REAL_SCAN.is_file():
        pytest.skip(f"the real scanned agenda package is not at {REAL_SCAN}")
    tmp = tmp_path_factory.mktemp("real")
    # The process pool, as a real build uses: the 57 pages are OCR'd one a job across workers.
    return _build(_corpus(tmp, "corpus", REAL_SCAN), tmp, executor="process", workers=2)


@needs_tesseract
def test_real_scanned_agenda_package_builds_with_its_items_and_date(real_scan: BuildResult) -> None:
    report = real_scan.corpus.report
    assert [r.status for r in report] == ["built"], report
    doc = real_scan.corpus.documents[0]
    assert doc.date == "2025-03-18"  # "Tuesday, March 18, 2025": a North American date
    assert len(doc.ocr_pages) == 57 and sum(1 for p in doc.ocr_pages if p.words) >= 50
    findings = real_scan.corpus.findings()
    assert len(findings) > 300 and all(f.ocr for f in findings)
    items = {f.label: f.text for f in findings if f.page == 1 and f.label.isdigit()}
    assert "Disclosure of pecuniary interest" in items.get("1", "")
    assert "Adjournment" in items.get("13", "")
    assert sum(1 for n in range(1, 14) if str(n) in items) >= 11, items


@needs_tesseract
def test_a_scanned_bordered_table_reads_as_the_typed_one(tmp_path: Path) -> None:
    """Table borders are read from the image as the typed page's path objects are read, so the
    scanned twin of a stroked-grid table split across pages gives the same rows and cells."""
    from ingest.document.extract.pdf import extract_pdf
    from ingest.document.normalise import normalise_blocks

    from .test_pdf_twins import _platypus_table_pdf

    typed, scan = tmp_path / "grid.pdf", tmp_path / "grid-scan.pdf"
    _platypus_table_pdf(typed)
    scanned_twin(typed, scan)

    def rows(path: Path) -> tuple[list[str], list[list[str]]]:
        blocks = normalise_blocks(extract_pdf(path).blocks)
        return ([b.type for b in blocks],
                [[" ".join(p.text for p in c.parts) for c in r.cells] for b in blocks if b.type == "table" for r in b.rows])

    (typed_types, typed_rows), (scan_types, scan_rows) = rows(typed), rows(scan)
    assert scan_types == typed_types == ["paragraph", "table", "table", "paragraph"]
    assert len(scan_rows) == len(typed_rows) == 15
    for a, b in zip(typed_rows, scan_rows):
        assert len(a) == len(b) == 3 and all(fuzz.ratio(x, y) >= 90 for x, y in zip(a, b)), (a, b)


def test_a_page_whose_lines_all_start_at_different_places_builds(tmp_path: Path) -> None:
    """Bug: the body's left margin was the commonest line start seen at least twice; on a page
    where no start repeats (a short typed page, or a scan whose margin wanders by a point) the
    layout crashed (E030) and the paper was skipped. Now it takes the commonest start."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    c = canvas.Canvas(str(corpus / "stair.pdf"), pagesize=A4)
    for i, text in enumerate(["1. The council should review its placement sufficiency strategy this year.",
                              "2. Members should hear from children in care at every meeting of the board.",
                              "3. Foster carers should be offered support out of hours by the end of March."]):
        c.drawString(72 + i * 20, 700 - i * 40, text)
    c.save()
    result = _build(corpus, tmp_path)
    assert [(r.status, r.code) for r in result.corpus.report] == [("built", None)]
    assert [f.label for f in result.corpus.findings()] == ["1", "2", "3"]


@needs_tesseract
def test_no_cache_build_reads_scans_and_leaves_no_ocr_folder_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --no-cache the scans' pages still go through the page pass: their results are kept in
    a temporary folder for the build and removed after it. The build's temporary folders go to a
    folder of this test's own, so other builds running at the same time cannot change what it sees."""
    import tempfile

    typed = tmp_path / "one.pdf"
    typed_pdf(typed, pages=1)
    scan = tmp_path / "in" / "scan.pdf"
    scan.parent.mkdir()
    scanned_twin(typed, scan)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = _build(_corpus(tmp_path, "corpus", scan), tmp_path, cache_dir=None)
    # Six paragraphs and bullets; the one page's header line, which only repeats the paper's
    # committee and date, is a cover block (furniture), not a finding.
    assert len(result.corpus.findings()) == 6 and all(f.ocr for f in result.corpus.findings())
    assert not list(scratch.glob("ingest-ocr-*"))


@needs_tesseract
def test_a_paragraph_running_onto_a_scanned_page_says_it_was_read_by_ocr(tmp_path: Path) -> None:
    """A typed page whose last paragraph continues on a scanned page: the joined finding is
    partly OCR'd, so it carries the flag (the join kept only the typed block's before)."""
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    for path, lines in ((first, ["1. The review team met officers and partners over three days and found that the",
                                 "council should"]),
                        (second, ["make sure that every child in care has a permanence plan by their second review.",
                                  "2. Foster carers praised the training offer but said support was hard to reach."])):
        c = canvas.Canvas(str(path), pagesize=A4)
        for k, text in enumerate(lines):
            c.drawString(72, 700 - 16 * k - (20 if text.startswith("2.") else 0), text)  # a paragraph's gap
        c.save()
    scan = tmp_path / "second-scan.pdf"
    scanned_twin(second, scan)
    out, src = pdfium.PdfDocument(str(first)), pdfium.PdfDocument(str(scan))
    out.import_pages(src)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    out.save(str(corpus / "report.pdf"))
    out.close()
    src.close()
    findings = {f.label: f for f in _build(corpus, tmp_path).corpus.findings()}
    assert "council should make sure that every child" in findings["1"].text
    assert findings["1"].ocr and findings["2"].ocr
