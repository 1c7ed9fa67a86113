"""Bounded work per file: one huge, hostile or broken paper costs only itself (issue 13, 10-13).

Each bad input is made here, in the test, the smallest that trips its bound (the bounds are
lowered through BuildOptions where the real ones would need a big file), and each is checked
through the real orchestrator: the file gets one report line naming it and what to do, and the
rest of the corpus builds.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.model import InputReport
from ingest.pipeline import BuildOptions, BuildResult, build

from .conftest import CORPUS

GOOD = CORPUS / "2020-02-26-cypic-peer-review-report.txt"
SENTENCE = "Placement stability for children in care improved over the year. "


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "papers"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    return corpus


def _build(corpus: Path, tmp_path: Path, **options: object) -> tuple[BuildResult, dict[str, InputReport]]:
    opts: dict = {"render": False, "executor": "serial", **options}
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", **opts))
    return result, {r.file: r for r in result.corpus.report}


def _built(report: dict[str, InputReport], result: BuildResult, name: str = "good.txt") -> None:
    assert report[name].status == "built", report[name]
    assert any(f.document_id == report[name].document_id for f in result.corpus.findings())


def _pdf(path: Path, pages: list[list[tuple[float, str]]]) -> None:
    """A PDF whose pages hold these lines, each (left edge, text), 16 points apart (below the
    top margin, where a line repeated on every page would be taken for a running header)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = 720.0
        for x, text in lines:
            c.drawString(x, y, text)
            y -= 16
        c.showPage()
    c.save()


# ---------------------------------------------------------------- PDF layout


def test_a_one_line_pdf_and_two_lines_at_different_indents_are_read(tmp_path: Path) -> None:
    """Before: both were reported as a bug in the tool (`min() arg is an empty sequence`)."""
    corpus = _corpus(tmp_path)
    _pdf(corpus / "one-line.pdf", [[(72, "1. The council should review placement stability for children in care.")]])
    _pdf(corpus / "two-indents.pdf", [[(72, "1. The council should review placement stability for children."),
                                       (100, "More foster carers are needed for teenagers in care.")]])
    result, report = _build(corpus, tmp_path)
    for name in ("one-line.pdf", "two-indents.pdf", "good.txt"):
        _built(report, result, name)
    texts = [f.text for f in result.corpus.findings()]
    assert "The council should review placement stability for children in care." in texts
    assert any(t.endswith("children. More foster carers are needed for teenagers in care.") for t in texts)
