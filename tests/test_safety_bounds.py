"""Bounded work per file: one huge, hostile or broken paper costs only itself (issue 13, 10-13).

Each bad input is made here, in the test, the smallest that trips its bound (the bounds are
lowered through BuildOptions where the real ones would need a big file), and each is checked
through the real orchestrator: the file gets one report line naming it and what to do, and the
rest of the corpus builds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
import yaml
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.bounds import MB, Bounds, pieces
from ingest.config.taxonomy import taxonomy_path
from ingest.model import InputReport
from ingest.pipeline import BuildOptions, BuildResult, build
from ingest.workers import Failure, WorkerPool

from .conftest import CORPUS, ROOT

GOOD = CORPUS / "2020-02-26-cypic-peer-review-report.txt"
SENTENCE = "Placement stability for children in care improved over the year. "


def _papers(corpus: Path, count: int) -> list[str]:
    """`count` small papers unlike each other (so none is merged as a duplicate)."""
    paragraphs = [p for p in GOOD.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12]
    names = []
    for n in range(count):
        names.append(f"paper-{n}.txt")
        body = "\n\n".join(f"{k + 1}. {p}" for k, p in enumerate(paragraphs[n * 6:n * 6 + 6]))
        (corpus / names[-1]).write_text(f"Report of the Director\n\n{body}\n", encoding="utf-8")
    return names


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "papers"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    return corpus


def _build(corpus: Path, tmp_path: Path, **options: object) -> tuple[BuildResult, dict[str, InputReport]]:
    opts: dict = {"render": False, "executor": "serial", **options}
    result = build(BuildOptions(corpus=corpus, site=tmp_path / "site", **opts))
    return result, {r.file: r for r in result.corpus.report}


def _skipped(report: InputReport, code: str, stage: str, *words: str) -> None:
    assert report.status == "skipped" and report.code == code and report.stage == stage, report
    reason = report.reason or ""
    assert reason.startswith(f"[{code}] {report.file}: ") and "\n" not in reason, reason
    for w in words:
        assert w.lower() in reason.lower(), (w, reason)


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


def _bomb(path: Path, inflated_mb: int) -> None:
    """A one-page PDF with a line of text, whose content stream inflates to `inflated_mb` MB."""
    z = zlib.compressobj(9)
    data = z.compress(b"BT /F1 12 Tf 72 720 Td (1. A paragraph about permanence for children.) Tj ET\n")
    block = b" " * MB
    data += b"".join(z.compress(block) for _ in range(inflated_mb)) + z.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


# ---------------------------------------------------------------- sizes


def test_a_text_file_over_the_size_bound_is_skipped_before_it_is_read(tmp_path: Path) -> None:
    """Before: a 200 MB text file ran past 10 minutes and 4 GB. Now: refused at the default 20 MB,
    without reading it (a sparse file of 21 MB: reading it would give E005 or E003)."""
    corpus = _corpus(tmp_path)
    with (corpus / "huge.txt").open("wb") as fh:
        fh.truncate(21 * MB)
    result, report = _build(corpus, tmp_path)
    _skipped(report["huge.txt"], "E180", "extract", "21 MB", "limit of 20 MB", "split it")
    _built(report, result)


def test_a_pdf_over_the_page_bound_is_skipped(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    _pdf(corpus / "long.pdf", [[(72, f"{n}. Paragraph on page {n} about permanence for children.")] for n in range(1, 5)])
    _pdf(corpus / "short.pdf", [[(72, f"{n}. Paragraph on page {n} about permanence for children.")] for n in range(1, 4)])
    result, report = _build(corpus, tmp_path, bounds=Bounds(max_pdf_pages=3))
    _skipped(report["long.pdf"], "E181", "extract", "has 4 pages", "limit of 3", "split it")
    _built(report, result)
    _built(report, result, "short.pdf")


def test_a_pdf_whose_streams_inflate_past_the_bound_is_skipped_before_pdfium_reads_it(tmp_path: Path) -> None:
    """Before: a PDF whose streams inflate to 2 GB took 3.3 GB (and under a memory cap the build
    died). Now its streams are inflated and thrown away, in steps, up to the bound."""
    corpus = _corpus(tmp_path)
    _bomb(corpus / "bomb.pdf", 24)
    _bomb(corpus / "fine.pdf", 4)
    result, report = _build(corpus, tmp_path, bounds=Bounds(max_inflated_bytes=16 * MB))
    _skipped(report["bomb.pdf"], "E182", "extract", "more than 16 MB", "download it again")
    _built(report, result)
    _built(report, result, "fine.pdf")


# ---------------------------------------------------------------- long findings and tagging


def test_a_million_character_paragraph_is_cut_into_parts(tmp_path: Path) -> None:
    """Before: one paragraph over 1,000,000 characters stopped the build (spaCy E088, no site).
    Now the finding is cut at sentence ends into parts under 20,000 characters, each tagged.
    (That each part is shown on the page is checked on a smaller paper below: rendering a
    million characters takes MkDocs and Pagefind most of a minute.)"""
    corpus = _corpus(tmp_path)
    paragraph = (SENTENCE * (1_000_001 // len(SENTENCE) + 1)).strip()
    assert len(paragraph) > 1_000_000
    (corpus / "long.txt").write_text(f"Report of the Director\n\n1. {paragraph}\n", encoding="utf-8")
    result, report = _build(corpus, tmp_path)
    _built(report, result)
    _built(report, result, "long.txt")
    doc = result.corpus.document(report["long.txt"].document_id or "")
    assert [f.label for f in doc.findings[:3]] == ["1", "1 (part 2)", "1 (part 3)"]
    assert [f.key for f in doc.findings[:3]] == ["p1", "p1-part-2", "p1-part-3"]
    assert all(len(f.text) <= 20_000 and f.text.endswith("year.") for f in doc.findings)
    assert " ".join(f.text for f in doc.findings) == paragraph
    assert all("permanence" in f.themes for f in doc.findings), "every part is tagged"


def test_a_finding_that_runs_over_pages_is_split_with_each_part_on_its_page_and_shown(tmp_path: Path) -> None:
    """Before: a 2,000-page PDF of numbered lines became one 20-million-character finding (and
    growing it copied its text once per line: 12 MB of text took 32 s). Now it goes on in
    parts, each with the page its words start on, each shown and citable on the document's page
    (the bound is lowered to keep the inputs small)."""
    corpus = _corpus(tmp_path)
    (corpus / "long.txt").write_text(f"Report of the Director\n\n1. {SENTENCE * 80}\n", encoding="utf-8")
    pages = [[(72, "1. The opening paragraph about the placement stability of children in care.")]]
    for n in range(1, 4):
        # unnumbered paragraphs of two lines, a blank line apart, that continue paragraph 1
        pages.append([line for k in range(12) for line in (
            (72.0, f"Page {n} paragraph {k} carries on about the placement"), (72.0, "stability of children in care."), (72.0, ""))])
    _pdf(corpus / "lines.pdf", pages)
    result, report = _build(corpus, tmp_path, bounds=Bounds(max_finding_chars=600), render=True)
    _built(report, result, "lines.pdf")
    doc = result.corpus.document(report["lines.pdf"].document_id or "")
    parts = [f for f in doc.findings if f.key == "p1" or f.key.startswith("p1-part-")]
    assert len(parts) >= 5 and [f.label for f in parts[:2]] == ["1", "1 (part 2)"]
    assert all(len(f.text) <= 600 for f in parts)
    for f in parts[1:]:
        printed = int(f.text.split()[1])  # "Page 2 paragraph 6 ..." is on the PDF's page 3
        assert f.page == printed + 1, (f.label, f.page, f.text[:40])
    starts = [b.finding_id for b in doc.blocks if b.finding_id]
    assert all(f.id in starts for f in parts), "each part has a block of its own, to be shown in place"
    one_block = result.corpus.document(report["long.txt"].document_id or "")
    assert len(one_block.findings) >= 8 and all(len(f.text) <= 600 for f in one_block.findings)
    for d in (doc, one_block):
        page = (tmp_path / "site" / "documents" / d.id / "index.html").read_text(encoding="utf-8")
        for f in d.findings:
            assert f'id="{f.key}"' in page and f.text[-30:] in page, f"{f.label} is shown, with its anchor"


def test_a_long_text_is_tagged_in_pieces_cut_at_sentence_ends() -> None:
    """Whatever calls the tagger (findings, table headings, linking), spaCy never gets a text
    over TAG_PIECE_CHARS: a million characters, which spaCy refuses (E088), is tagged."""
    from ingest.corpus.tagger import TAG_PIECE_CHARS, load_taxonomy, tag_texts

    taxonomy = load_taxonomy(None)
    huge = "Caseloads of social workers were high. " + SENTENCE * (1_000_001 // len(SENTENCE) + 1)
    assert len(huge) > 1_000_000 and {"workforce", "permanence"} <= set(tag_texts([huge], taxonomy)[0][0])
    filler = "The committee noted the report. " * (TAG_PIECE_CHARS // 32)
    text = "Caseloads of social workers were high. " + filler + "Children who go missing were found quickly."
    cut = pieces(text, TAG_PIECE_CHARS)
    assert len(cut) == 2 and all(len(p) <= TAG_PIECE_CHARS and p.endswith(".") for p in cut)
    themes, evidence, *_ = tag_texts([text], taxonomy)[0]
    assert {"workforce", "missing-children"} <= set(themes), themes
    assert themes == sorted(set(tag_texts([cut[0]], taxonomy)[0][0]) | set(tag_texts([cut[1]], taxonomy)[0][0]))


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


# ---------------------------------------------------------------- time


def _slow_text(path: Path) -> None:
    """19 MB of numbered paragraphs (under the 20 MB bound): seconds to read and segment."""
    path.write_text("Report of the Director\n\n" + "".join(f"{i}. {SENTENCE * 3}\n\n" for i in range(1, 93_000)), encoding="utf-8")


@pytest.mark.parametrize("executor", ["serial", "process"])
def test_a_file_past_the_time_limit_is_stopped_and_the_rest_builds(tmp_path: Path, executor: str) -> None:
    corpus = _corpus(tmp_path)
    _slow_text(corpus / "slow.txt")
    started = time.monotonic()
    result, report = _build(corpus, tmp_path, executor=executor, workers=2, bounds=Bounds(time_limit=1.0))
    _skipped(report["slow.txt"], "E183", "extract", "time limit of 1 s", "--time-limit")
    _built(report, result)
    assert time.monotonic() - started < 20


def test_the_time_limit_is_set_on_the_command_line(tmp_path: Path) -> None:
    from ingest.cli import main

    corpus = _corpus(tmp_path)
    _slow_text(corpus / "slow.txt")
    site = tmp_path / "site"
    assert main(["build", "--corpus", str(corpus), "--site", str(site), "--no-cache", "--executor", "serial",
                 "--time-limit", "1", "--quiet"]) == 0
    report = {r["file"]: r for r in json.loads((site / "data" / "build-report.json").read_text(encoding="utf-8"))}
    assert report["slow.txt"]["code"] == "E183" and report["good.txt"]["status"] == "built"
    assert main(["build", "--corpus", str(corpus), "--site", str(site), "--no-cache", "--executor", "serial",
                 "--time-limit", "1", "--quiet", "--strict"]) == 1


def test_a_taxonomy_pattern_that_backtracks_costs_only_the_document_it_is_slow_on(tmp_path: Path) -> None:
    """Before: a token regex that backtracks made one 31-character word take 78 s, and nothing
    stopped it. Now tagging a document has the time limit too: that document is skipped at the
    tag stage and the rest is tagged."""
    corpus = _corpus(tmp_path)
    taxonomy = yaml.safe_load(taxonomy_path(None).read_text(encoding="utf-8"))
    taxonomy["themes"]["workforce"]["patterns"].append([{"TEXT": {"REGEX": "a*" * 12 + "c"}}])
    (corpus / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy), encoding="utf-8")
    (corpus / "word.txt").write_text("Report of the Director\n\n1. The word " + "a" * 40 + "b was in the minutes.\n", encoding="utf-8")
    result, report = _build(corpus, tmp_path, bounds=Bounds(time_limit=1.0))
    _skipped(report["word.txt"], "E183", "tag", "stage 'tag'", "taxonomy pattern")
    _built(report, result)
    assert all(f.document_id != "word" for f in result.corpus.findings())
    assert any(f.themes for f in result.corpus.findings()), "the other paper is tagged"


def _sleep_past_the_alarm(seconds: float) -> str:
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # like C code that never returns
    time.sleep(seconds)
    return "woke"


def test_the_pool_kills_a_job_its_own_alarm_cannot_stop() -> None:
    pool = WorkerPool(2, time_limit=0.5, grace=0.5)
    started = time.monotonic()
    got = dict(pool.run(_sleep_past_the_alarm, [(30.0,), (0.0,)]))
    assert isinstance(got[0], Failure) and got[0].kind == "timeout" and got[1] == "woke"
    assert time.monotonic() - started < 10


# ---------------------------------------------------------------- memory and dying workers


def _die_on(x: int) -> int:
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
    return x * 10


def test_a_worker_that_is_killed_costs_only_its_job() -> None:
    got = dict(WorkerPool(2, per_worker=2).run(_die_on, [(x,) for x in range(7)]))
    assert {i: v for i, v in got.items() if i != 3} == {i: i * 10 for i in range(7) if i != 3}
    assert isinstance(got[3], Failure) and got[3].kind == "died" and "SIGKILL" in got[3].detail


def test_a_file_that_exhausts_its_worker_costs_only_itself(tmp_path: Path) -> None:
    """Before: under a memory cap a pooled build died with a `BrokenProcessPool` traceback. Now
    each worker caps the memory one file may add: pdfium aborting its worker on the bomb, tried
    again alone, is one report line; Python running out of memory on a big text is another."""
    corpus = _corpus(tmp_path)
    _bomb(corpus / "bomb.pdf", 160)
    (corpus / "big.txt").write_text(SENTENCE * 400_000, encoding="utf-8")  # 26 MB as text
    others = _papers(corpus, 3)
    bounds = Bounds(max_inflated_bytes=1 << 40, max_text_bytes=1 << 40, memory_limit=24 * MB)
    result, report = _build(corpus, tmp_path, executor="process", workers=2, bounds=bounds)
    _skipped(report["bomb.pdf"], "E185", "extract", "SIGABRT", "on its own", "24 MB")
    _skipped(report["big.txt"], "E184", "extract", "memory limit for one file", "--memory-limit")
    for name in ("good.txt", *others):
        _built(report, result, name)


# ---------------------------------------------------------------- the main process killed


def _descendants(pid: int) -> set[int]:
    """Every live process below `pid`, read from /proc (psutil may not be installed)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z":  # a zombie has exited; only its parent's wait is left
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_killing_the_main_process_during_a_pooled_build_leaves_no_process_behind(tmp_path: Path) -> None:
    """Before: after kill -9 of the main process the forkserver and its workers stayed,
    deadlocked, for minutes. Now they notice the main process is gone and exit at once."""
    corpus = tmp_path / "papers"
    corpus.mkdir()
    text = GOOD.read_text(encoding="utf-8")
    for n in range(300):
        (corpus / f"paper-{n:03}.txt").write_text(text.replace("Children", f"Children {n}"), encoding="utf-8")
    main = subprocess.Popen([sys.executable, "-m", "ingest", "build", "--corpus", str(corpus), "--site", str(tmp_path / "site"),
                             "--no-cache", "--executor", "process", "--workers", "2", "--quiet"],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        below: set[int] = set()
        while time.monotonic() < deadline and main.poll() is None:
            below = _descendants(main.pid)
            # workers run: the forkserver and at least one worker it forked
            if any(_descendants(p) for p in below):
                break
            time.sleep(0.05)
        assert main.poll() is None and any(_descendants(p) for p in below), "the build ended before its workers were seen"
        below = _descendants(main.pid)
        main.send_signal(signal.SIGKILL)
        main.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in below):
            time.sleep(0.1)
        left = [p for p in below if _alive(p)]
        assert not left, f"still running 10 s after the main process was killed: {left}"
    finally:
        if main.poll() is None:
            main.kill()
            main.wait()
        for p in _descendants(main.pid) | below:
            if _alive(p):
                os.kill(p, signal.SIGKILL)
