"""A PDF and its text twin give the same findings; the PDF adds page numbers.

Also: the fast path (pypdfium2 for running text, pdfplumber for table pages) gives exactly what
pdfplumber alone gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.convert import convert_file
from ingest.extract import pdf_fast
from ingest.extract.pdf_layout import layout_to_blocks
from ingest.manifest import load_manifest
from ingest.normalise import normalise_blocks

from .conftest import CORPUS, SHARED_PDFS

TWINS = [
    ("2011-04-11-safeguarding-peer-review-letter.md", "2011-04-11-safeguarding-peer-review-letter.pdf"),
    ("2020-02-26-cypic-peer-review-report.txt", "2020-02-26-cypic-peer-review-report.pdf"),
]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _findings(name: str) -> list[tuple[str, str, tuple[str, ...], str]]:
    doc = convert_file(CORPUS / name, load_manifest(CORPUS).entry(name)).documents[0]
    return [(f.kind, f.label, tuple(f.section), _norm(f.text)) for f in doc.findings]


@pytest.mark.parametrize(("text_name", "pdf_name"), TWINS)
def test_pdf_gives_same_findings_as_text_twin(text_name: str, pdf_name: str) -> None:
    assert _findings(pdf_name) == _findings(text_name)


@pytest.mark.parametrize("pdf_name", [p for _, p in TWINS])
def test_pdf_findings_all_have_pages(pdf_name: str) -> None:
    doc = convert_file(CORPUS / pdf_name, None).documents[0]
    pages = [f.page for f in doc.findings]
    assert all(p is not None for p in pages)
    assert pages == sorted(pages), "pages run in reading order"


@pytest.mark.parametrize("pdf_name", [p for _, p in TWINS])
def test_running_headers_and_footers_removed(pdf_name: str) -> None:
    doc = convert_file(CORPUS / pdf_name, None).documents[0]
    for f in doc.findings:
        assert not re.search(r"\bAgenda Item \d+\b|\bPage \d+\b", f.text), f.text[:80]


@pytest.mark.parametrize("pdf_name", [p for _, p in TWINS])
def test_fast_path_matches_pdfplumber_everywhere(pdf_name: str) -> None:
    path = CORPUS / pdf_name
    fast = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path))))
    every = set(range(50))
    slow = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path, layout_pages=every))))
    assert [b.model_dump() for b in fast] == [b.model_dump() for b in slow]  # table rows and cells included


def test_lines_joined_across_cells_are_split_as_word_by_word_reading_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a bordered page pdfium joins cells side by side on one baseline into one line; the fast
    reader splits only those lines into words. It must give what reading every word gives."""
    path = CORPUS / "2011-04-11-safeguarding-peer-review-letter.pdf"
    split = []
    char_words, fast_lines = pdf_fast._char_words, pdf_fast._fast_lines

    def counting(*args: object, **kwargs: object) -> list[pdf_fast.Word]:
        split.append(args)
        return char_words(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_fast, "_char_words", counting)
    fast = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path))))
    assert split, "the letter's table has cells that pdfium joins on one line"
    monkeypatch.setattr(pdf_fast, "_fast_lines", lambda textpage, height, rules=None: (
        pdf_fast.words_to_lines(char_words(textpage.raw, textpage.get_text_range(), height)) if rules
        else fast_lines(textpage, height)))
    every_word = normalise_blocks(layout_to_blocks(list(pdf_fast.iter_layout_fast(path))))
    assert [b.model_dump() for b in fast] == [b.model_dump() for b in every_word]


@pytest.mark.skipif(not SHARED_PDFS.is_dir(), reason="../shared/pdfs is not beside this checkout")
def test_bundled_pdfs_are_the_shared_renderings() -> None:
    for p in SHARED_PDFS.glob("*.pdf"):
        assert (CORPUS / p.name).read_bytes() == p.read_bytes()


def test_pdf_page_is_printed_page(tmp_path: Path) -> None:
    doc = convert_file(CORPUS / "2020-02-26-cypic-peer-review-report.pdf", None).documents[0]
    by_label = {f.label: f for f in doc.findings}
    assert by_label["19"].page == 3 and by_label["29"].page == 4 and by_label["45 a"].page == 7
