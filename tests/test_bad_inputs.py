"""Bad inputs: one clear line each naming the file and what to do; the rest still builds.

The bad files are made here, in the test, so every case is reproducible.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.pipeline import BuildOptions, build

from .conftest import CORPUS, ROOT

GOOD = CORPUS / "2020-02-26-cypic-peer-review-report.txt"


def _pdf(path: Path, text: str | None = "Report of the Director\n1. A numbered paragraph about permanence.", encrypt: str | None = None) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    if text is None:
        c.rect(100, 100, 300, 400, fill=1)  # a "scan": marks on the page, no text layer
    else:
        y = 780
        for line in text.split("\n"):
            c.drawString(72, y, line)
            y -= 16
    c.showPage()
    c.save()


@pytest.fixture
def bad_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "papers"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    _pdf(corpus / "encrypted.pdf", encrypt="secret")
    _pdf(corpus / "whole.pdf")
    data = (corpus / "whole.pdf").read_bytes()
    (corpus / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (corpus / "whole.pdf").unlink()
    (corpus / "empty.pdf").write_bytes(b"")
    _pdf(corpus / "scanned.pdf", text=None)
    (corpus / "latin1.txt").write_bytes("Report of the Director\n\n1. Caf\xe9 provision for children in care.\n".encode("latin-1"))
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04 not really a document")
    (corpus / "blank.txt").write_text("   \n\n  \n", encoding="utf-8")
    return corpus


EXPECTED = {
    "encrypted.pdf": ("E001", "password"),
    "truncated.pdf": ("E002", "Download it again"),
    "empty.pdf": ("E003", "empty"),
    "blank.txt": ("E003", "empty"),
    "scanned.pdf": ("E004", "OCR"),
    "latin1.txt": ("E005", "UTF-8"),
    "notes.docx": ("E006", "unknown file type"),
}


def test_each_bad_file_reported_and_the_rest_builds(bad_corpus: Path, tmp_path: Path) -> None:
    result = build(BuildOptions(corpus=bad_corpus, site=tmp_path / "site", render=False, executor="serial"))
    report = {r.file: r for r in result.corpus.report}
    assert set(report) == {p.name for p in bad_corpus.iterdir()}, "every input appears in the report"
    assert report["good.txt"].status == "built"
    assert result.corpus.documents and result.corpus.findings()
    for name, (code, words) in EXPECTED.items():
        r = report[name]
        assert r.status == "skipped" and r.code == code, (name, r)
        assert name in (r.reason or "") and words.lower() in (r.reason or "").lower(), r.reason
        assert "\n" not in (r.reason or ""), "one line a file"


def test_strict_fails_the_build_and_keeps_the_old_site(bad_corpus: Path, tmp_path: Path) -> None:
    from ingest.site.publish import MARKER

    site = tmp_path / "site"
    site.mkdir()
    (site / MARKER).write_text("", encoding="utf-8")  # a site this tool wrote; any other folder is refused
    (site / "index.html").write_text("last good site", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "ingest", "build", "--strict", "--quiet", "--corpus", str(bad_corpus), "--site", str(site), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1
    assert "encrypted.pdf" in proc.stderr and "E004" in proc.stderr and "--strict" in proc.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"


def test_papers_only_folder_builds_with_defaults(tmp_path: Path) -> None:
    """A folder holding nothing but papers (no manifest, no taxonomy) builds and infers metadata."""
    corpus = tmp_path / "papers"
    corpus.mkdir()
    for name in ("2011-04-11-safeguarding-peer-review-letter.md", "2020-02-26-cypic-peer-review-report.txt",
                 "2017-iro-annual-report-2016-17.md"):
        (corpus / name).write_bytes((CORPUS / name).read_bytes())
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", render=False, executor="serial"))
    docs = {d.kind: d for d in result.corpus.documents}
    assert docs["peer-review letter"].date == "2011-04-11"
    assert docs["peer-review letter"].title == "Children's Services Safeguarding Peer Review"
    assert docs["committee report"].date == "2020-02-26"
    assert docs["annual report"].period == "2016-04-01/2017-03-31" and docs["annual report"].date == "2017-03-31"
    assert all({"title", "date", "kind"} <= set(d.inferred) for d in result.corpus.documents)
