"""Inputs are what the corpus holds, and every configuration mistake is one clear line (issue 13:
items 4, 8, 14, the inputs part of 15 and the config part of 12).

Every bad input is made here, in tmp_path, and goes through the real orchestrator (`build`) or
the command line (`main`)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.cli import main
from ingest.config.configfile import MAX_BYTES
from ingest.config.taxonomy import taxonomy_path
from ingest.errors import ConfigError
from ingest.officer.decisions import DECISIONS_FILE
from ingest.pipeline import BuildOptions, BuildResult, build

from .conftest import CORPUS, write_corpus

PAPER = "Report of the Director\n\n1. Permanence planning for children in care has improved this year.\n\n2. Caseloads in the workforce have fallen.\n"
OTHER = "Report of the Director\n\n1. Missing children are now found quickly.\n\n2. Corporate parenting is led by members.\n"


def _pdf(path: Path, text: str) -> None:
    """A one-page PDF of `text`; a blank line starts a new paragraph."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 780
    for line in text.split("\n"):
        c.drawString(72, y, line)
        y -= 16 if line else 24
    c.showPage()
    c.save()


def _build(corpus: Path, tmp_path: Path, **kw: object) -> BuildResult:
    return build(BuildOptions(corpus=corpus, site=tmp_path / "site", executor="serial", render=False, **kw))  # type: ignore[arg-type]


def _cli(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["build", "--quiet", "--no-cache", "--corpus", str(corpus), "--site", str(tmp_path / "site"), *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, " ".join(err.split())  # rich wraps long lines at the console's width


def _config_error(corpus: Path, tmp_path: Path) -> str:
    with pytest.raises(ConfigError) as exc:
        _build(corpus, tmp_path)
    message = str(exc.value)
    assert "\n" not in message, "one line"
    return message


# --- item 8 and 15: links, subfolders ---------------------------------------------------------

def test_links_out_of_the_corpus_are_refused_and_nothing_of_them_is_published(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text(PAPER.replace("Permanence", "SECRETWORD permanence"), encoding="utf-8")
    _pdf(outside / "private.pdf", PAPER.replace("Permanence", "SECRETPDF permanence"))
    corpus = write_corpus(tmp_path, {"good.txt": OTHER})
    (corpus / "sub").mkdir()
    _pdf(corpus / "sub" / "inside.pdf", PAPER)
    os.symlink(outside / "passwd.txt", corpus / "passwd.txt")
    os.symlink(outside / "private.pdf", corpus / "private.pdf")
    os.symlink(corpus / "good.txt", corpus / "latest.txt")  # a link inside the corpus is read like its file
    site = tmp_path / "site"
    result = build(BuildOptions(corpus=corpus, site=site, executor="serial"))
    report = {r.file: r for r in result.corpus.report}
    for name in ("passwd.txt", "private.pdf"):
        assert report[name].status == "skipped" and report[name].code == "E145", report[name]
        assert "outside the corpus folder" in (report[name].reason or "") and "Copy the paper" in (report[name].reason or "")
    assert report["sub/inside.pdf"].status == "built" and report["latest.txt"].status == "merged"
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in {".html", ".jsonl", ".json", ".csv"})
    assert "SECRETWORD" not in published and "SECRETPDF" not in published and str(outside) not in published
    assert sorted(p.relative_to(site / "sources").as_posix() for p in (site / "sources").rglob("*.pdf")) == ["sub/inside.pdf"]


def test_a_dangling_link_a_link_to_a_folder_and_a_pipe_are_reported(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, "real/paper.txt": OTHER})
    os.symlink(tmp_path / "gone.pdf", corpus / "moved.pdf")
    os.symlink(corpus / "real", corpus / "alias")
    os.mkfifo(corpus / "pipe.txt")  # reading it would wait for ever
    report = {r.file: r for r in _build(corpus, tmp_path).corpus.report}
    assert report["pipe.txt"].code == "E148" and "not a regular file" in (report["pipe.txt"].reason or "")
    assert report["moved.pdf"].code == "E146" and "does not exist" in (report["moved.pdf"].reason or "")
    assert report["alias"].code == "E147" and report["real/paper.txt"].status == "built"
    assert not any(name.startswith("alias/") for name in report), "a link to a folder is not followed"


def test_same_name_in_two_subfolders_stays_two_papers_named_by_their_paths(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {
        "sub1/same.txt": PAPER, "sub2/same.txt": OTHER, "sub2/latin1.txt": "1. Caf\xe9 provision.\n".encode("latin-1"),
        "manifest.yaml": "documents:\n  - file: sub1/same.txt\n    title: The first paper\n    date: 2019-05-01\n",
    })
    result = _build(corpus, tmp_path)
    report = {r.file: r for r in result.corpus.report}
    assert {"sub1/same.txt", "sub2/same.txt", "sub2/latin1.txt"} == set(report)
    assert report["sub2/latin1.txt"].code == "E005" and (report["sub2/latin1.txt"].reason or "").startswith("[E005] sub2/latin1.txt:")
    docs = {d.sources[0].file: d for d in result.corpus.documents}
    assert set(docs) == {"sub1/same.txt", "sub2/same.txt"}, "two papers, each with its own source"
    assert docs["sub1/same.txt"].title == "The first paper", "the manifest names a paper by its path"
    assert docs["sub1/same.txt"].id != docs["sub2/same.txt"].id


def test_a_settings_file_in_a_subfolder_is_reported_not_silently_unused(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, "old/manifest.yaml": "documents: []\n", "old/readme.md": "notes\n"})
    report = {r.file: r for r in _build(corpus, tmp_path).corpus.report}
    assert report["old/manifest.yaml"].code == "E149" and "only the one in the corpus folder" in (report["old/manifest.yaml"].reason or "")
    assert "old/readme.md" not in report


@pytest.mark.parametrize(("target", "words"), [
    ("../outside.pdf", ["#1 (../outside.pdf)", "'file'", "outside the corpus folder"]),
    ("/etc/passwd", ["#1 (/etc/passwd)", "'file'", "outside the corpus folder"]),
    ("manifest.yaml", ["#1 (manifest.yaml)", "'file'", "not a paper"]),
])
def test_a_manifest_entry_naming_a_file_outside_the_corpus_is_an_error(tmp_path: Path, target: str, words: list[str]) -> None:
    (tmp_path / "outside.pdf").write_bytes(b"%PDF-1.4\n")
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, "manifest.yaml": f"documents:\n  - file: {target}\n    title: T\n"})
    message = _config_error(corpus, tmp_path)
    assert message.startswith("[E010] manifest.yaml: manifest entry #1")
    for w in words:
        assert w in message, (w, message)


def test_the_same_file_listed_twice_names_both_entries(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"a.txt": PAPER, "b.txt": OTHER, "manifest.yaml": (
        "documents:\n  - file: a.txt\n    title: First\n  - file: b.txt\n  - file: ./a.txt\n    title: Second\n")})
    message = _config_error(corpus, tmp_path)
    assert "entry #3 (./a.txt)" in message and "same file as entry #1 (a.txt)" in message and "keep one" in message


# --- item 4: one id on two files -----------------------------------------------------------------

def test_two_different_papers_with_one_id_the_second_is_reported_not_lost(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = "2020-02-26-cypic-peer-review-report.txt", "2020-02-26-overview-of-childrens-services.txt"
    corpus = write_corpus(tmp_path, {a: (CORPUS / a).read_text(encoding="utf-8"), b: (CORPUS / b).read_text(encoding="utf-8"),
                                     "manifest.yaml": f"documents:\n  - file: {a}\n    id: the-review\n    title: The review\n"
                                                      f"  - file: {b}\n    id: the-review\n    title: The review\n"})
    result = _build(corpus, tmp_path)
    report = {r.file: r for r in result.corpus.report}
    assert report[a].status == "built" and report[a].document_id == "the-review"
    second = report[b]
    assert second.status == "skipped" and second.code == "E153" and second.stage == "dedupe"
    assert b in (second.reason or "") and a in (second.reason or "") and "'the-review'" in (second.reason or "")
    assert "its own id" in (second.reason or "")
    review = result.corpus.document("the-review")
    assert [s.file for s in review.sources] == [a], "the other paper is not merged into it"
    code, err = _cli(corpus, tmp_path, capsys, "--strict")
    assert code == 1 and "E153" in err


def test_a_pdf_and_its_text_with_one_id_still_merge(tmp_path: Path) -> None:
    md, pdf = "2011-04-11-safeguarding-peer-review-letter.md", "2011-04-11-safeguarding-peer-review-letter.pdf"
    corpus = write_corpus(tmp_path, {md: (CORPUS / md).read_bytes(), pdf: (CORPUS / pdf).read_bytes(),
                                     "manifest.yaml": f"documents:\n  - file: {md}\n    id: the-letter\n  - file: {pdf}\n    id: the-letter\n"})
    result = _build(corpus, tmp_path)
    report = {r.file: r for r in result.corpus.report}
    assert {report[md].status, report[pdf].status} == {"built", "merged"}
    assert [d.id for d in result.corpus.documents] == ["the-letter"]
    assert {s.file for s in result.corpus.documents[0].sources} == {md, pdf}


def test_two_identical_files_keep_their_own_names_when_read_from_the_cache(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"a.txt": PAPER, "b.txt": PAPER})
    cache = tmp_path / "cache"
    first = _build(corpus, tmp_path, cache_dir=cache)
    again = _build(corpus, tmp_path, cache_dir=cache)
    assert again.cache["hits"] == 2
    for result in (first, again):
        assert {(r.file, r.status) for r in result.corpus.report} == {("a.txt", "built"), ("b.txt", "merged")}
        assert [s.file for s in result.corpus.documents[0].sources] == ["a.txt", "b.txt"]


# --- item 15: content that is not what the name says ---------------------------------------------

def test_a_file_whose_content_is_not_what_its_name_says_is_told_what_it_is(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, "notes.pdf": PAPER, "page.pdf": "<!DOCTYPE html>\n<html><body>Not found</body></html>\n",
                                     "letter.txt": b"PK\x03\x04\x14\x00\x06\x00" + bytes(200)})
    _pdf(corpus / "report.txt", PAPER)
    report = {r.file: r for r in _build(corpus, tmp_path).corpus.report}
    assert report["report.txt"].code == "E150" and "this is a PDF named '.txt'. Rename it to .pdf" in (report["report.txt"].reason or "")
    assert report["notes.pdf"].code == "E151" and "text file named '.pdf'. Rename it to .txt" in (report["notes.pdf"].reason or "")
    assert report["page.pdf"].code == "E152" and "a web page (HTML)" in (report["page.pdf"].reason or "")
    assert report["letter.txt"].code == "E152" and "Word" in (report["letter.txt"].reason or "")
    assert report["good.txt"].status == "built"


# --- item 14 and 12: configuration files read safely ---------------------------------------------

CONFIGS = {"manifest.yaml": ("E011", "documents:\n"), "taxonomy.yaml": ("E021", "themes:\n"), DECISIONS_FILE: ("E041", "decisions:\n")}


@pytest.mark.parametrize("name", list(CONFIGS))
def test_a_config_file_that_is_not_utf8_is_one_line_with_its_offset(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, name: "# caf\xe9\n".encode("latin-1")})
    code, err = _cli(corpus, tmp_path, capsys)
    assert code == 2
    assert f"[E141] {name}: the file is not UTF-8 (byte 0xe9 at offset 5, line 1). Save it as UTF-8" in err


@pytest.mark.parametrize("name", list(CONFIGS))
def test_a_config_file_nested_20000_deep_is_one_line(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, name: CONFIGS[name][1] + "  - " + "[" * 20000 + "]" * 20000 + "\n"})
    code, err = _cli(corpus, tmp_path, capsys)
    assert code == 2 and f"[E143] {name}: line 2: the YAML nests more than 50 levels deep" in err


def test_an_alias_bomb_in_an_unused_taxonomy_key_is_refused_at_once(tmp_path: Path) -> None:
    taxonomy = taxonomy_path(None).read_text(encoding="utf-8")
    lol = 'lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    lol += "".join(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, "taxonomy.yaml": "unused:\n" + "".join("  " + x + "\n" for x in lol.splitlines()) + taxonomy})
    start = time.perf_counter()
    message = _config_error(corpus, tmp_path)
    assert time.perf_counter() - start < 10
    assert message.startswith("[E142] taxonomy.yaml: line 11: the alias *l8") and "expand the file" in message


def test_an_alias_that_refers_to_itself_and_a_key_written_twice_are_refused(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, "manifest.yaml": "publisher: &p [*p]\n"})
    assert "refers to the value it is part of" in _config_error(corpus, tmp_path)
    (corpus / "manifest.yaml").write_text("documents:\n  - file: good.txt\n    date: 2011-04-11\n    date: 2012-04-11\n", encoding="utf-8")
    assert "[E144] manifest.yaml: line 4: key 'date' is written twice in one mapping (first at line 3)" in _config_error(corpus, tmp_path)


def test_a_config_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, DECISIONS_FILE: b"#" * (MAX_BYTES + 1)})
    assert _config_error(corpus, tmp_path).startswith(f"[E140] {DECISIONS_FILE}: the file is larger than 5 MB")


def test_a_config_file_that_cannot_be_read_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, "manifest.yaml": "documents: []\n"})
    real_open = Path.open

    def denied(self: Path, *args: object, **kw: object):  # type: ignore[no-untyped-def]
        if self.name == "manifest.yaml":  # as for a file without read permission (the tests may run as root)
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    assert _config_error(corpus, tmp_path).startswith("[E155] manifest.yaml: the file cannot be read (Permission denied)")


@pytest.mark.parametrize("body", ["", "# our decisions, none yet\n", "# header\ndecisions:\n", "decisions: []\n"])
def test_an_empty_or_comments_only_decisions_file_means_no_decisions(tmp_path: Path, body: str) -> None:
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, DECISIONS_FILE: body, "manifest.yaml": "# nothing yet\n"})
    result = _build(corpus, tmp_path, strict=True)
    assert not result.skipped and result.corpus.documents


# --- item 14: taxonomy patterns ---------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "words"), [
    ('[{LOWR: staff}]', ["token 1: LOWR is not an attribute spaCy knows"]),
    ('[{TEXT: {REGEX: "("}}]', ["token 1: TEXT REGEX '('", "not a regular expression", "missing )"]),
    ('[{LOWER: staff, OP: "{1,99999999}"}]', ["token 1: OP '{1,99999999}'", "at most 20"]),
    ('[{TEXT: {REGEX: "(a+)+$"}}]', ["REGEX '(a+)+$'", "repeats a part that itself repeats"]),
    ('[{TEXT: {REGEX: "^(a|ab)*c"}}]', ["REGEX '^(a|ab)*c'", "options can start alike"]),
    ('[{TEXT: {REGEX: "a{1,99999999}"}}]', ["repeats a part 99,999,999 times (at most 1,000)"]),
    ('[{LOWER: {IN: staff}}]', ["token 1: LOWER: input should be a valid list"]),
    ('[{_: {custom: true}}]', ["custom attributes"]),
])
def test_a_bad_taxonomy_pattern_names_file_theme_and_key(tmp_path: Path, pattern: str, words: list[str],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = taxonomy_path(None).read_text(encoding="utf-8")
    anchor = "    patterns:\n"
    at = taxonomy.index(anchor, taxonomy.index("  workforce:")) + len(anchor)
    corpus = write_corpus(tmp_path, {"good.txt": PAPER, "taxonomy.yaml": taxonomy[:at] + f"      - {pattern}\n" + taxonomy[at:]})
    start = time.perf_counter()
    code, err = _cli(corpus, tmp_path, capsys)
    assert time.perf_counter() - start < 60
    assert code == 2 and "[E020] taxonomy.yaml: theme workforce: key 'patterns' pattern 1: " in err, err
    for w in words:
        assert w in err, (w, err)


def test_regexes_that_are_safe_and_the_packaged_patterns_still_load(tmp_path: Path) -> None:
    from ingest.config.patterncheck import regex_problem
    from ingest.config.taxonomy import load_taxonomy_file

    for rx in ("^foster(ing|ed)?$", "^[A-Z]{2,5}$", r"^\d+(\.\d+)?$", "(ing|ed)+$", "care(r|rs)?"):
        assert regex_problem(rx) is None, rx
    assert load_taxonomy_file(taxonomy_path(None)).themes["workforce"].patterns


# --- item 14: --executor dask without the extra ----------------------------------------------------

def test_dask_executor_without_the_extra_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    corpus = write_corpus(tmp_path, {"good.txt": PAPER})
    code, err = _cli(corpus, tmp_path, capsys, "--executor", "dask")
    assert code == 2
    assert err.count("[E154]") == 1 and "--executor dask:" in err
    assert "install the dask extra: pip install 'council-ingest[dask]'" in err
